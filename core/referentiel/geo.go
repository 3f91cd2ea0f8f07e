package referentiel

import (
	"fmt"
	"strings"
)

// Départements and régions of the COG (departements.tsv, regions.tsv).

var (
	departementsHeader = []string{"code_departement", "nom", "code_region", "zone", "code_commune_chef_lieu"}
	regionsHeader      = []string{"code_region", "nom", "zone", "code_commune_chef_lieu"}
)

type departement struct {
	code, nom, region string
}

type departements struct {
	byCode map[string]departement
	rows   int
}

func parseDepartements(data string) (*departements, error) {
	t := &departements{byCode: make(map[string]departement, 128)}
	n, err := readTSV(data, departementsHeader, func(f []string) error {
		code, nom, region, zone, chefLieu := f[0], f[1], f[2], f[3], f[4]
		if err := firstErr(
			needDept("code_departement", code),
			needText("nom", nom),
			needRegion("code_region", region),
			needOneOf("zone", zone, "metro", "drom", "com"),
			optional(chefLieu, func() error { return needINSEE("code_commune_chef_lieu", chefLieu) }),
		); err != nil {
			return err
		}
		if _, dup := t.byCode[code]; dup {
			return fmt.Errorf("département %s en double", code)
		}
		t.byCode[code] = departement{code: code, nom: nom, region: region}
		return nil
	})
	if err != nil {
		return nil, err
	}
	t.rows = n
	return t, nil
}

type regions struct {
	byCode map[string]string // code → nom
	rows   int
}

func parseRegions(data string) (*regions, error) {
	t := &regions{byCode: make(map[string]string, 32)}
	n, err := readTSV(data, regionsHeader, func(f []string) error {
		code, nom, zone, chefLieu := f[0], f[1], f[2], f[3]
		if err := firstErr(
			needRegion("code_region", code),
			needText("nom", nom),
			needOneOf("zone", zone, "metro", "drom", "com"),
			optional(chefLieu, func() error { return needINSEE("code_commune_chef_lieu", chefLieu) }),
		); err != nil {
			return err
		}
		if _, dup := t.byCode[code]; dup {
			return fmt.Errorf("région %s en double", code)
		}
		t.byCode[code] = nom
		return nil
	})
	if err != nil {
		return nil, err
	}
	t.rows = n
	return t, nil
}

// Departement returns the name and the région code of a département ("69", "2A", "976").
func (s *Set) Departement(code string) (nom, region string, ok bool) {
	d, ok := s.deps.byCode[strings.ToUpper(strings.TrimSpace(code))]
	return d.nom, d.region, ok
}

// Region returns the name of a région ("84", "06") or of an overseas collectivité ("975").
func (s *Set) Region(code string) (nom string, ok bool) {
	nom, ok = s.regs.byCode[strings.TrimSpace(code)]
	return nom, ok
}

// deptOfINSEE returns the département that an INSEE commune code belongs to by its
// structure: its first two characters, or three for the overseas codes 97x and 98x.
func deptOfINSEE(insee string) string {
	if len(insee) != 5 {
		return ""
	}
	if insee[:2] == "97" || insee[:2] == "98" {
		return insee[:3]
	}
	return insee[:2]
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// optional runs check only when v is not empty.
func optional(v string, check func() error) error {
	if v == "" {
		return nil
	}
	return check()
}
