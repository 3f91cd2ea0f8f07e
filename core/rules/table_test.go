package rules

import (
	"sort"
	"strings"
	"testing"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/internal/domaincases"
)

// everything returns a contract of kind k on which every condition of the
// table holds: an avenant of a minor non émancipé living apart from the
// representative, handicapped, registered at France Travail, with a second
// maître, a training place apart, benefits in kind, an employer in
// temporary work… and nothing filled in.
func everything(k contract.Kind) *contract.Contract {
	c := &contract.Contract{TypeFormulaire: k}
	yes, no := contract.Bool(true), contract.Bool(false)
	c.Employeur.PrivePublic = "public"
	c.Employeur.ParticulierEmployeur = yes
	c.Employeur.EmployeurSpecifique = contract.Int(1)
	c.Apprenti.DateNaissance = civil.MustParse("2010-01-01")
	c.Contrat.DateConclusion = civil.MustParse("2025-08-20")
	c.Apprenti.ApprentiMineurNonEmancipe = yes
	c.Apprenti.ResponsableLegal = &contract.ResponsableLegal{MemeAdresse: no}
	c.Apprenti.Handicap = yes
	c.Apprenti.InscritFranceTravail = yes
	c.Apprenti.Diplome = contract.Int(49)
	c.Maitre2 = &contract.Maitre{}
	c.EtablissementFormation = &contract.EtablissementFormation{MemeResponsable: no}
	c.Contrat.AvantageNature = yes
	if k == contract.Professionnalisation {
		c.Contrat.TypeContratPro = contract.Int(30)
		c.Contrat.NatureContrat = "CDI"
	} else {
		c.Contrat.TypeContratApp = contract.Int(33)
	}
	return c
}

// TestRequiredFieldsAreReported checks the table's Required against the
// rules: on a contract where every condition holds and nothing is filled,
// each required field that applies gets a finding under its key.
func TestRequiredFieldsAreReported(t *testing.T) {
	for _, k := range []contract.Kind{contract.Apprentissage, contract.Professionnalisation} {
		c := everything(k)
		cerfa.Normalize(c)
		res := Validate(c, Options{Today: testToday})
		named := map[string]bool{}
		for _, f := range res.Findings {
			for _, key := range strings.Split(f.Field, "/") {
				named[key] = true
			}
		}
		for _, f := range cerfa.Leaves(k) {
			if !f.RequiredFor(c) || !f.Empty(c) {
				continue
			}
			if !namedOrBlock(named, f.Key) {
				t.Errorf("%s: %s is required by the table, but the rules say nothing when it is empty", k, f.Key)
			}
		}
	}
}

// TestEveryFindingNamesATableField runs the example cases and the
// everything contracts and checks that each finding's field is in the table
// (or is a line of the remuneration grid, a document, or the check date).
func TestEveryFindingNamesATableField(t *testing.T) {
	cases, err := domaincases.Load()
	if err != nil {
		t.Fatal(err)
	}
	var cs []*contract.Contract
	for _, ec := range cases {
		c, err := contract.Decode(ec.JSON)
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	cs = append(cs, everything(contract.Apprentissage), everything(contract.Professionnalisation))
	unknown := map[string]bool{}
	for _, c := range cs {
		for _, f := range Validate(c, Options{Today: testToday}).Findings {
			for _, key := range strings.Split(f.Field, "/") {
				if strings.HasPrefix(key, "documents") || strings.HasPrefix(key, "contrat.remunerationsAnnuelles") || key == "_today" {
					continue
				}
				if !inTable(key) {
					unknown[string(c.TypeFormulaire)+" "+key+" ("+f.Rule+")"] = true
				}
			}
		}
	}
	var list []string
	for k := range unknown {
		list = append(list, k)
	}
	sort.Strings(list)
	if len(list) > 0 {
		t.Errorf("findings name fields the table does not hold:\n%s", strings.Join(list, "\n"))
	}
}

// namedOrBlock reports whether key, or the block holding it (a finding on
// "tuteur" says the whole tutor is missing), is named.
func namedOrBlock(named map[string]bool, key string) bool {
	for k := key; k != ""; {
		if named[k] {
			return true
		}
		i := strings.LastIndexByte(k, '.')
		if i < 0 {
			break
		}
		k = k[:i]
	}
	return false
}

// inTable reports whether key is a field of either kind (a rule may flag a
// field of the other kind that does not belong), or a block of fields.
func inTable(key string) bool {
	for _, f := range cerfa.All() {
		if f.Key == key || strings.HasPrefix(f.Key, key+".") {
			return true
		}
	}
	return false
}
