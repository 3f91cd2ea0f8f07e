package referentiel

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// IDCC codes of the conventions collectives (idcc.tsv).

var idccHeader = []string{"idcc", "libelle", "titre", "en_vigueur", "etat_kali", "etat_kali_millesime", "etats_legifrance_2024", "liste_courante", "remplacee_par", "id_kali"}

// IDCCStatus is the legal state of a convention collective, as far as the data knows it.
//
// It is derived from the columns of idcc.tsv (see its README): 9998 and 9999 are
// IDCCSpecial; a code with remplacee_par, or en_vigueur = "non", is IDCCNotInForce
// (KALI or Légifrance says ABROGE, REMPLACE, PERIME, DENONCE, or a merger replaced it);
// en_vigueur = "oui" is IDCCInForce when the code is in the 2026 list (liste_courante =
// "oui") and IDCCInForceUnconfirmed when its state dates from early 2024 only (several of
// those were merged into new conventions in 2024–2025); an empty en_vigueur is
// IDCCStatusUnknown (mostly company statutes 5xxx and agricultural conventions 8xxx/9xxx,
// which have no KALI entry).
type IDCCStatus uint8

// The IDCC states. In the embedded file (868 codes): 233 in force, 73 in force until 2024,
// 176 not in force, 384 unknown, 2 special.
const (
	IDCCStatusUnknown IDCCStatus = iota
	IDCCInForce
	IDCCInForceUnconfirmed
	IDCCNotInForce
	IDCCSpecial
)

// String returns the state in French, for messages and the UI.
func (st IDCCStatus) String() string {
	switch st {
	case IDCCInForce:
		return "en vigueur"
	case IDCCInForceUnconfirmed:
		return "en vigueur en 2024, absente de la liste de 2026 (à vérifier)"
	case IDCCNotInForce:
		return "plus en vigueur"
	case IDCCSpecial:
		return "code particulier"
	}
	return "état inconnu"
}

// IDCC is one code of idcc.tsv.
type IDCC struct {
	Code       string     // 4 digits, "1483"
	Libelle    string     // short title, "Commerce de détail de l'habillement et des articles textiles"
	Titre      string     // full title
	Status     IDCCStatus // see IDCCStatus
	EtatKALI   string     // state in DILA's KALI list, "VIGUEUR_ETEN"; empty when unknown
	ReplacedBy []string   // codes of the conventions that replaced it after a merger; read-only
}

type idccTable struct {
	list   []IDCC        // by code
	index  [10000]uint16 // code → 1 + position in list, 0 when absent
	search searchIndex
}

func parseIDCC(data string) (*idccTable, error) {
	t := &idccTable{}
	_, err := readTSV(data, idccHeader, func(f []string) error {
		code, libelle, titre, enVigueur, kali, millesime, replaced := f[0], f[1], f[2], f[3], f[4], f[5], f[8]
		if err := firstErr(
			needDigits("idcc", code, 4),
			needText("libelle", libelle),
			needOneOf("en_vigueur", enVigueur, "oui", "non", ""),
			optional(millesime, func() error { return needDigits("etat_kali_millesime", millesime, 4) }),
			needOneOf("liste_courante", f[7], "oui", "non"),
		); err != nil {
			return err
		}
		n, _ := parseIDCCCode(code)
		if t.index[n] != 0 {
			return fmt.Errorf("IDCC %s en double", code)
		}
		c := IDCC{Code: code, Libelle: libelle, Titre: titre, EtatKALI: kali}
		if replaced != "" {
			for r := range strings.SplitSeq(replaced, ",") {
				if err := needDigits("remplacee_par", r, 4); err != nil {
					return err
				}
				if r == code {
					return fmt.Errorf("colonne remplacee_par : l'IDCC %s se remplace lui-même", code)
				}
				c.ReplacedBy = append(c.ReplacedBy, r)
			}
			if enVigueur == "oui" {
				return fmt.Errorf("IDCC %s à la fois en vigueur et remplacé par %s", code, replaced)
			}
		}
		switch {
		case code == "9998" || code == "9999":
			c.Status = IDCCSpecial
		case enVigueur == "non" || c.ReplacedBy != nil:
			c.Status = IDCCNotInForce
		case enVigueur == "oui" && f[7] == "oui":
			c.Status = IDCCInForce
		case enVigueur == "oui":
			c.Status = IDCCInForceUnconfirmed
		}
		t.list = append(t.list, c)
		t.index[n] = uint16(len(t.list))
		return nil
	})
	if err != nil {
		return nil, err
	}
	byCode := func(a, b IDCC) int { return cmp.Compare(a.Code, b.Code) }
	if !slices.IsSortedFunc(t.list, byCode) {
		slices.SortFunc(t.list, byCode)
		for i, c := range t.list {
			n, _ := parseIDCCCode(c.Code)
			t.index[n] = uint16(i + 1)
		}
	}
	return t, nil
}

// parseIDCCCode reads an IDCC of 1 to 4 digits (the Cerfa's field drops leading zeros).
func parseIDCCCode(code string) (int, bool) {
	if len(code) == 0 || len(code) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(code); i++ {
		c := code[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func (t *idccTable) find(code string) (*IDCC, bool) {
	n, ok := parseIDCCCode(strings.TrimSpace(code))
	if !ok || t.index[n] == 0 {
		return nil, false
	}
	return &t.list[t.index[n]-1], true
}

// IDCC returns a convention collective by its code: 4 digits, or 1 to 4 ("14" is 0014).
func (s *Set) IDCC(code string) (IDCC, bool) {
	c, ok := s.idcc.find(code)
	if !ok {
		return IDCC{}, false
	}
	return *c, true
}

// IDCCInForce is the check of the IDCC rule. known is false for a code absent from the file.
// inForce is false only when the data says the convention is no longer in force; a code
// whose state is unknown, or dates from 2024, counts as in force (the Status of IDCC tells
// them apart), and so do 9998 and 9999. replacedBy names the conventions that replaced it,
// when the data knows them (1740 was replaced by two); it is read-only.
func (s *Set) IDCCInForce(code string) (inForce, known bool, replacedBy []string) {
	c, ok := s.idcc.find(code)
	if !ok {
		return false, false, nil
	}
	return c.Status != IDCCNotInForce, true, c.ReplacedBy
}
