package cerfa

import (
	"strconv"

	"cerfadesk/core/contract"
)

// ListFor returns the entries of f's list that fit c, for a form to offer:
// once the employer is said private, only the private employer types
// (11–16), once public only the public ones (21–30). It is List of c's kind
// for every other field or while privé/public is not chosen. The type of
// contract offers the avenant types (31–38, 30) on an avenant only, and
// only the initial types otherwise. The rules keep checking the value
// against the whole list (EMP-TYPE-SECTOR, INT-AVT-TYPE).
func (f *Field) ListFor(c *contract.Contract) contract.CodeList {
	l := f.List(c.TypeFormulaire)
	if f == ContratTypeContratApp.Field || f == ContratTypeContratPro.Field {
		return typesFor(l, c)
	}
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

// typesFor keeps the avenant types of l on an avenant, the others otherwise.
func typesFor(l contract.CodeList, c *contract.Contract) contract.CodeList {
	av := c.IsAvenant()
	out := contract.CodeList{Name: l.Name}
	for _, code := range l.Codes {
		n, err := strconv.Atoi(code.Code)
		if err == nil && contract.IsAvenantType(c.TypeFormulaire, n) == av {
			out.Codes = append(out.Codes, code)
		}
	}
	return out
}
