package referentiel

import (
	"fmt"
	"strings"
)

// NAF nomenclatures (naf_rev2.tsv, naf_2025.tsv).

var (
	nafRev2Header = []string{"code_naf", "libelle", "classe", "groupe", "division", "section"}
	naf2025Header = []string{"code_naf", "libelle"}
)

// The nomenclatures a NAF code belongs to.
const (
	NomenclatureRev2 = "NAF rév. 2"
	Nomenclature2025 = "NAF 2025"
)

// NAF is one sous-classe of a NAF nomenclature.
type NAF struct {
	Code         string // "47.71Z"
	Libelle      string // INSEE label
	Nomenclature string // NomenclatureRev2 or Nomenclature2025
}

type nafTable struct {
	list   []NAF
	byKey  map[uint32]int32 // nafKey(code) → position in list
	search searchIndex
}

func parseNAFRev2(data string) (*nafTable, error) {
	return parseNAF(data, nafRev2Header, NomenclatureRev2, func(f []string) error {
		code := f[0]
		if f[2] != code[:5] || f[3] != code[:4] || f[4] != code[:2] {
			return fmt.Errorf("classe, groupe ou division (%s, %s, %s) ne correspond pas au code %s", clip(f[2]), clip(f[3]), clip(f[4]), code)
		}
		if len(f[5]) != 1 || f[5][0] < 'A' || f[5][0] > 'U' {
			return fmt.Errorf("colonne section : « %s » n'est pas une lettre de A à U", clip(f[5]))
		}
		return nil
	})
}

func parseNAF2025(data string) (*nafTable, error) {
	return parseNAF(data, naf2025Header, Nomenclature2025, nil)
}

// parseNAF reads a NAF file whose first columns are code_naf and libelle; more checks the
// other columns of a row whose code is valid.
func parseNAF(data string, header []string, nomenclature string, more func(f []string) error) (*nafTable, error) {
	t := &nafTable{byKey: make(map[uint32]int32, 800)}
	_, err := readTSV(data, header, func(f []string) error {
		code, libelle := f[0], f[1]
		k, ok := nafKey(code)
		if !ok || len(code) != 6 {
			return fmt.Errorf("colonne code_naf : « %s » n'est pas de la forme 47.71Z", clip(code))
		}
		if err := needText("libelle", libelle); err != nil {
			return err
		}
		if more != nil {
			if err := more(f); err != nil {
				return err
			}
		}
		if _, dup := t.byKey[k]; dup {
			return fmt.Errorf("code NAF %s en double", code)
		}
		t.byKey[k] = int32(len(t.list))
		t.list = append(t.list, NAF{Code: code, Libelle: libelle, Nomenclature: nomenclature})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// nafKey reads a NAF sous-classe code, "47.71Z", also written without the dot or with a
// lower-case letter ("4771z"), into a number.
func nafKey(code string) (uint32, bool) {
	if len(code) == 6 && code[2] == '.' {
		code = code[:2] + code[3:]
	}
	if len(code) != 5 {
		return 0, false
	}
	var k uint32
	for i := 0; i < 4; i++ {
		c := code[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		k = k*10 + uint32(c-'0')
	}
	l := code[4]
	if 'a' <= l && l <= 'z' {
		l -= 'a' - 'A'
	}
	if l < 'A' || l > 'Z' {
		return 0, false
	}
	return k*32 + uint32(l-'A'), true
}

func (t *nafTable) find(code string) (NAF, bool) {
	k, ok := nafKey(strings.TrimSpace(code))
	if !ok {
		return NAF{}, false
	}
	i, ok := t.byKey[k]
	if !ok {
		return NAF{}, false
	}
	return t.list[i], true
}

// NAFRev2 returns a sous-classe of NAF rév. 2, the nomenclature of the APE codes up to the
// end of 2026. The code may be written "47.71Z", "4771Z" or "47.71z".
func (s *Set) NAFRev2(code string) (NAF, bool) { return s.naf2.find(code) }

// NAF2025 returns a sous-classe of NAF 2025, the nomenclature SIRENE uses from 1 January
// 2027. The code may be written as for NAFRev2.
func (s *Set) NAF2025(code string) (NAF, bool) { return s.naf25.find(code) }
