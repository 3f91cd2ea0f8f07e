package workflow

import (
	"context"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// IdentityKey says which contract c is, for finding the same contract
// imported twice: its kind, the apprentice or salarié (the NIR when given,
// else last name, first name and birth date, accents, case, spaces and
// punctuation ignored), the employer's SIRET and the contract's start
// date. It is "" when the contract names no apprentice (neither NIR nor
// name): such a draft is never called a duplicate.
func IdentityKey(c *contract.Contract) string {
	if c == nil {
		return ""
	}
	a := c.Apprenti
	return IdentityOf(string(c.TypeFormulaire), a.Nir, a.Nom, a.Prenom, stored(a.DateNaissance),
		c.Employeur.Siret, stored(c.Contrat.DateDebutContrat))
}

// stored is a date as the canonical JSON holds it: AAAA-MM-JJ, or "".
func stored(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// IdentityOf is IdentityKey from the values as stored (dates AAAA-MM-JJ
// or ""); the store computes the keys of contracts already saved with it.
func IdentityOf(kind, nir, nom, prenom, birth, siret, start string) string {
	var person string
	if n := strings.ToUpper(compact(nir)); n != "" {
		person = "nir:" + n
	} else {
		nom = foldIdentity(nom)
		if nom == "" {
			return ""
		}
		person = "nom:" + nom + "|" + foldIdentity(prenom) + "|" + strings.TrimSpace(birth)
	}
	return strings.Join([]string{kind, person, compact(siret), strings.TrimSpace(start)}, "|")
}

func compact(s string) string { return strings.Join(strings.Fields(s), "") }

// foldIdentity is s upper-cased without accents, ligatures spelled out,
// spaces and punctuation dropped: « Le Fèvre », « LEFEVRE » and « le-fèvre »
// are one name.
func foldIdentity(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == 'Œ' || r == 'œ':
			b.WriteString("OE")
		case r == 'Æ' || r == 'æ':
			b.WriteString("AE")
		case r == 'ß':
			b.WriteString("SS")
		case r == 'Ø' || r == 'ø':
			b.WriteByte('O')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// IdentityFinder finds stored contracts by IdentityKey; storage answers
// from an index, so that checking a 1 000-row file against 100 000
// contracts costs a few queries, not a scan.
type IdentityFinder interface {
	// FindIdentities returns, for each key of keys some stored contract
	// has, the reference of the last changed one (« C-000123 »).
	FindIdentities(ctx context.Context, keys []string) (map[string]string, error)
}
