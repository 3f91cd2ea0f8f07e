package referentiel

import (
	"fmt"
	"strings"
)

// Communes of the COG (communes.tsv). Only the communes actuelles and the arrondissements
// municipaux are kept: they are what a postcode row points to. Communes déléguées and
// associées are checked but not kept; their names, when still in use on addresses, come with
// La Poste's ligne 5 (see postcodes).

var communesHeader = []string{"code_commune", "nom", "type", "code_departement", "code_region", "code_commune_parente", "anciens_codes"}

type communeRec struct {
	code, nom    string
	dept, region string
}

type communes struct {
	list  []communeRec
	index []int32 // inseeSlot(code) → 1 + position in list, 0 when absent
	rows  int     // data rows of the file, all types
}

// inseeSlots is the number of distinct INSEE codes: 00000–99999, then 2A000–2B999.
const inseeSlots = 100000 + 2000

// inseeSlot numbers an INSEE commune code (checked by needINSEE) densely, so that a slice
// can index the communes.
func inseeSlot(code string) int {
	n := 0
	for i := 2; i < 5; i++ {
		n = n*10 + int(code[i]-'0')
	}
	switch code[:2] {
	case "2A":
		return 100000 + n
	case "2B":
		return 101000 + n
	}
	return int(code[0]-'0')*10000 + int(code[1]-'0')*1000 + n
}

func parseCommunes(data string) (*communes, error) {
	t := &communes{
		list:  make([]communeRec, 0, strings.Count(data, "\n")),
		index: make([]int32, inseeSlots),
	}
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
		if typ != "commune-actuelle" && typ != "arrondissement-municipal" {
			return nil
		}
		slot := inseeSlot(code)
		if t.index[slot] != 0 {
			return fmt.Errorf("la commune %s figure deux fois comme commune actuelle ou arrondissement", code)
		}
		t.list = append(t.list, communeRec{code: code, nom: nom, dept: dept, region: region})
		t.index[slot] = int32(len(t.list))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(t.list) == 0 {
		return nil, fmt.Errorf("aucune commune actuelle")
	}
	t.rows = n
	return t, nil
}

// find returns the commune actuelle or arrondissement with this INSEE code (checked by
// needINSEE).
func (t *communes) find(code string) (*communeRec, bool) {
	i := t.index[inseeSlot(code)]
	if i == 0 {
		return nil, false
	}
	return &t.list[i-1], true
}
