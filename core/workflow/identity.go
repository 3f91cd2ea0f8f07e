package workflow

import (
	"context"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// Identity says which contract a contract is, for finding the same
// contract imported twice. It has two keys, each made of the contract's
// kind, the employer's SIRET, the start date and the apprentice or
// salarié: by NIR (when given) and by name (last name, first name and
// birth date, accents, case, spaces and punctuation ignored). Two
// contracts are the same when either key matches (Matches), so that one
// typed with the NIR and once without is caught.
type Identity struct {
	NIR  string // "" when no NIR is given
	Name string // "" when no last name is given
}

// Identify is the identity of c; zero when c names no apprentice (neither
// NIR nor name): such a draft is never called a duplicate.
func Identify(c *contract.Contract) Identity {
	if c == nil {
		return Identity{}
	}
	a := c.Apprenti
	return identityOf(string(c.TypeFormulaire), a.Nir, a.Nom, a.Prenom, stored(a.DateNaissance),
		c.Employeur.Siret, stored(c.Contrat.DateDebutContrat))
}

// Zero reports whether the identity names nobody.
func (id Identity) Zero() bool { return id.NIR == "" && id.Name == "" }

// Key is the NIR key when there is one, else the name key.
func (id Identity) Key() string {
	if id.NIR != "" {
		return id.NIR
	}
	return id.Name
}

// Matches reports whether id and o are the same contract: same NIR key, or
// same name key when one of them has no NIR. Two different NIRs under one
// name and birth date are two people.
func (id Identity) Matches(o Identity) bool {
	if id.NIR != "" && id.NIR == o.NIR {
		return true
	}
	return id.Name != "" && id.Name == o.Name && (id.NIR == "" || o.NIR == "")
}

// IdentityKey is Identify(c).Key(): the key the store kept before it kept
// the name key too.
func IdentityKey(c *contract.Contract) string { return Identify(c).Key() }

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
	return identityOf(kind, nir, nom, prenom, birth, siret, start).Key()
}

// NameKeyOf is Identity.Name from the values as stored, as IdentityOf.
func NameKeyOf(kind, nom, prenom, birth, siret, start string) string {
	return identityOf(kind, "", nom, prenom, birth, siret, start).Name
}

func identityOf(kind, nir, nom, prenom, birth, siret, start string) Identity {
	key := func(person string) string {
		return strings.Join([]string{kind, person, compact(siret), strings.TrimSpace(start)}, "|")
	}
	var id Identity
	if n := strings.ToUpper(compact(nir)); n != "" {
		id.NIR = key("nir:" + n)
	}
	if nom = foldIdentity(nom); nom != "" {
		id.Name = key("nom:" + nom + "|" + foldIdentity(prenom) + "|" + strings.TrimSpace(birth))
	}
	return id
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

// IdentityFinder finds stored contracts by Identity; storage answers from
// indexes, so that checking a 1 000-row file against 100 000 contracts
// costs a few queries, not a scan.
type IdentityFinder interface {
	// FindIdentities returns, for each identity of ids that some stored
	// contract Matches, the reference (« C-000123 ») of the last changed
	// one with the same NIR, else of the last changed one by name.
	FindIdentities(ctx context.Context, ids []Identity) (map[Identity]string, error)
}
