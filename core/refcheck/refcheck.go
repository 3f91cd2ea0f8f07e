// Package refcheck answers the rule engine's referential questions
// (rules.Referential) from the offline referentials carried by the app:
// La Poste postcodes, COG communes, IDCC and NAF. SIRENE and RNCP are not
// carried offline, so those questions stay unanswered (known = false).
package refcheck

import (
	"slices"
	"strings"

	"cerfadesk/core/referentiel"
)

// Checker adapts a referentiel.Set to the rules.Referential interface.
type Checker struct {
	Set *referentiel.Set
	// lazy makes the first question load the embedded referentials, so
	// that building a Checker costs nothing at start-up.
	lazy bool
}

// Default returns a Checker on the embedded referentials, loaded on the
// first question it is asked.
func Default() Checker { return Checker{lazy: true} }

// set returns the referentials to answer from, or nil (no opinion).
func (c Checker) set() *referentiel.Set {
	if c.Set == nil && c.lazy {
		return referentiel.Default()
	}
	return c.Set
}

// Postcode says whether cp exists and whether commune is one of its communes.
func (c Checker) Postcode(cp, commune string) (exists, matches bool, expected []string, known bool) {
	set := c.set()
	if set == nil {
		return false, false, nil, false
	}
	match, exp, cpKnown := set.CommuneMatches(cp, commune)
	if !cpKnown && strings.Contains(referentiel.Fold(commune), "CEDEX") {
		// CEDEX codes are company postcodes, absent from La Poste's open
		// file: no opinion rather than a false "code postal inconnu".
		return false, false, nil, false
	}
	return cpKnown, match, exp, true
}

// DeptRegion derives the département and région of a postcode.
func (c Checker) DeptRegion(cp string) (dept, region string, known bool) {
	set := c.set()
	if set == nil {
		return "", "", false
	}
	return set.DeptRegionFromPostcode(cp)
}

// IDCC says whether a convention is known and in force; an unknown status
// counts as in force, so the rule reports nothing.
func (c Checker) IDCC(code string) (exists, inForce bool, replacedBy string, known bool) {
	set := c.set()
	if set == nil {
		return false, false, "", false
	}
	in, found, repl := set.IDCCInForce(code)
	return found, in || !found, strings.Join(repl, " et "), true
}

// NAF says in which nomenclature a code exists.
func (c Checker) NAF(code string) (inRev2, in2025, known bool) {
	set := c.set()
	if set == nil {
		return false, false, false
	}
	_, r2 := set.NAFRev2(code)
	_, n25 := set.NAF2025(code)
	return r2, n25, true
}

// SIRET is unanswered offline: SIRENE is an online service.
func (Checker) SIRET(string) (exists, active, known bool) { return false, false, false }

// RNCP is unanswered offline: the RNCP is an online service.
func (Checker) RNCP(string) (exists, active, known bool) { return false, false, false }

// PostcodeDepts lists the départements of a postcode's communes (a few
// postcodes span two).
func (c Checker) PostcodeDepts(cp string) []string {
	set := c.set()
	if set == nil {
		return nil
	}
	communes, _ := set.Postcode(cp)
	var out []string
	for _, co := range communes {
		if !slices.Contains(out, co.Departement) {
			out = append(out, co.Departement)
		}
	}
	return out
}
