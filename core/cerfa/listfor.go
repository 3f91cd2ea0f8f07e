package cerfa

import (
	"strconv"

	"cerfadesk/core/contract"
)

// ListFor returns the entries of f's list that fit c, for a form to offer:
// once the employer is said private, only the private employer types
// (11–16), once public only the public ones (21–30). It is List of c's kind
// for every other field or while privé/public is not chosen. The rules keep
// checking the value against the whole list (EMP-TYPE-SECTOR).
func (f *Field) ListFor(c *contract.Contract) contract.CodeList {
	l := f.List(c.TypeFormulaire)
	if f != EmployeurTypeEmployeur.Field {
		return l
	}
	pp := c.Employeur.PrivePublic
	if pp != "prive" && pp != "public" {
		return l
	}
	out := contract.CodeList{Name: l.Name}
	for _, code := range l.Codes {
		n, err := strconv.Atoi(code.Code)
		if err == nil && (n >= 11 && n <= 16) == (pp == "prive") {
			out.Codes = append(out.Codes, code)
		}
	}
	return out
}
