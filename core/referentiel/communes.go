package referentiel

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Communes of the COG (communes.tsv). Only the communes actuelles and the arrondissements
// municipaux are kept: they are what a postcode row points to. Communes déléguées and
// associées are checked but not kept; their names, when still in use on addresses, come with
// La Poste's ligne 5 (see postcodes).

var communesHeader = []string{"code_commune", "nom", "type", "code_departement", "code_region", "code_commune_parente", "anciens_codes"}

type communeRec struct {
	key          uint64 // code5(code)
	code, nom    string
	dept, region string
}

type communes struct {
	list []communeRec // sorted by key, one per code
	rows int          // data rows of the file, all types
}

func parseCommunes(data string) (*communes, error) {
	t := &communes{list: make([]communeRec, 0, strings.Count(data, "\n"))}
	n, err := readTSV(data, communesHeader, func(f []string) error {
		code, nom, typ, dept, region, parent := f[0], f[1], f[2], f[3], f[4], f[5]
		if err := firstErr(
			needINSEE("code_commune", code),
			needText("nom", nom),
			needOneOf("type", typ, "commune-actuelle", "arrondissement-municipal", "commune-deleguee", "commune-associee"),
			needDept("code_departement", dept),
			needRegion("code_region", region),
			optional(parent, func() error { return needINSEE("code_commune_parente", parent) }),
		); err != nil {
			return err
		}
		if typ == "commune-actuelle" || typ == "arrondissement-municipal" {
			t.list = append(t.list, communeRec{key: code5(code), code: code, nom: nom, dept: dept, region: region})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	byKey := func(a, b communeRec) int { return cmp.Compare(a.key, b.key) }
	if !slices.IsSortedFunc(t.list, byKey) {
		slices.SortStableFunc(t.list, byKey)
	}
	for i := 1; i < len(t.list); i++ {
		if t.list[i].key == t.list[i-1].key {
			return nil, fmt.Errorf("la commune %s figure deux fois comme commune actuelle ou arrondissement", t.list[i].code)
		}
	}
	if len(t.list) == 0 {
		return nil, fmt.Errorf("aucune commune actuelle")
	}
	t.rows = n
	return t, nil
}

// find returns the commune actuelle or arrondissement with this INSEE code.
func (t *communes) find(code string) (*communeRec, bool) {
	k := code5(code)
	i, ok := slices.BinarySearchFunc(t.list, k, func(c communeRec, k uint64) int { return cmp.Compare(c.key, k) })
	if !ok {
		return nil, false
	}
	return &t.list[i], true
}

// code5 packs a code of up to 8 bytes into an integer that sorts like the code.
func code5(s string) uint64 {
	var k uint64
	for i := 0; i < 8; i++ {
		k <<= 8
		if i < len(s) {
			k |= uint64(s[i])
		}
	}
	return k
}
