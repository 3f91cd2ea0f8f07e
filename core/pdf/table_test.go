package pdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
)

// TestNoKeyLiteral: the form names its fields through the table's
// identifiers, never by writing a canonical key, so that a renamed or
// mistyped key cannot print a box the table does not know.
func TestNoKeyLiteral(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	read := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		read++
		src := string(b)
		for _, f := range cerfa.All() {
			if strings.Contains(src, `"`+f.Key+`"`) || strings.Contains(src, "`"+f.Key+"`") {
				t.Errorf("%s writes the key %q: use its field in core/cerfa", name, f.Key)
			}
		}
	}
	if read < 5 {
		t.Fatalf("only %d source files read: the test is not in core/pdf", read)
	}
}

// notPrinted are the fields of the table the Cerfa of a kind has no box
// for, each with the reason. Any other field of the kind must be printed.
var notPrinted = map[contract.Kind]map[string]string{
	contract.Apprentissage: {
		cerfa.TypeFormulaire.Key:            "the form itself is the kind: its title says it",
		cerfa.ApprentiMineur.Key:            "computed for the screen from the dates, which are printed",
		cerfa.ContratDuree.Key:              "computed for the screen from the dates, which are printed",
		cerfa.ApprentiMineurNonEmancipe.Key: "question of the app: the form's représentant légal block (« à renseigner si … mineur(e) non émancipé(e) ») answers it",
		cerfa.LegalMemeAdresse.Key:          "question of the app: the representative's address box prints the apprentice's address when oui",
		cerfa.ContratAvantageNature.Key:     "question of the app: the form prints the avantages themselves, empty when non",
	},
	contract.Professionnalisation: {
		cerfa.TypeFormulaire.Key:            "the form itself is the kind: its title says it",
		cerfa.ApprentiMineur.Key:            "computed for the screen from the dates, which are printed",
		cerfa.ContratDuree.Key:              "computed for the screen from the dates, which are printed",
		cerfa.EmployeurPrivePublic.Key:      "the EJ20 has no such box: the app keeps it for the public-employer rule",
		cerfa.ApprentiMineurNonEmancipe.Key: "question of the app: the form's représentant légal block answers it",
		cerfa.LegalMemeAdresse.Key:          "question of the app: the representative's address box prints the salarié's address when oui",
	},
}

// printedKeys returns the keys of the fields the sections print, with the
// number of boxes that print each.
func printedKeys(secs []section) map[string]int {
	keys := map[string]int{}
	for _, s := range secs {
		if s.key != "" {
			keys[s.key]++
		}
		for _, r := range s.rows {
			for _, fd := range r.fields {
				if fd.key != "" {
					keys[fd.key]++
				}
				for _, k := range fd.more {
					keys[k]++
				}
			}
		}
	}
	return keys
}

// TestCerfaPrintsEveryField: every field of a kind's table has a box on
// that kind's Cerfa (exemptions above, with their reasons), and every box
// prints a field of its kind.
func TestCerfaPrintsEveryField(t *testing.T) {
	for _, k := range []contract.Kind{contract.Apprentissage, contract.Professionnalisation} {
		t.Run(string(k), func(t *testing.T) {
			keys := printedKeys(sections(&contract.Contract{TypeFormulaire: k}, CerfaOptions{}))
			leaves := 0
			for _, f := range cerfa.Leaves(k) {
				leaves++
				why, exempt := notPrinted[k][f.Key]
				switch {
				case exempt && keys[f.Key] > 0:
					t.Errorf("%s is printed but listed as not printed (%s): drop the exemption", f.Key, why)
				case !exempt && keys[f.Key] == 0:
					t.Errorf("%s (%q) has no box on the Cerfa", f.Key, f.Label(k))
				}
			}
			if leaves < 60 {
				t.Fatalf("only %d fields in the table for %s", leaves, k)
			}
			for key := range notPrinted[k] {
				if cerfa.Lookup(k, key) == nil {
					t.Errorf("exemption %s is not a field of %s", key, k)
				}
			}
			for key := range keys {
				if f := cerfa.Lookup(k, key); f == nil || f.Input == cerfa.Address {
					t.Errorf("a box prints %s, which is not a field of %s", key, k)
				}
			}
		})
	}
}

// TestCerfaLabelsFromTable: a box's label is its field's label on this
// kind's Cerfa, except where the paper form words it otherwise: the unit
// moves into the value ("1 350 heures", "12,50 € / repas"), and a few boxes
// print the form's own words, listed here.
func TestCerfaLabelsFromTable(t *testing.T) {
	printed := map[string]string{
		cerfa.ContratAutreAvantage.Key: "Autre",
		cerfa.LegalNom.Key:             "Nom de naissance et prénom",
		cerfa.LegalCourriel.Key:        "Courriel",
	}
	checked := 0
	for _, k := range []contract.Kind{contract.Apprentissage, contract.Professionnalisation} {
		for _, s := range sections(&contract.Contract{TypeFormulaire: k}, CerfaOptions{}) {
			for _, r := range s.rows {
				for _, fd := range r.fields {
					f := cerfa.Lookup(k, fd.key)
					if f == nil {
						continue
					}
					want := f.Label(k)
					switch {
					case printed[fd.key] != "":
						want = printed[fd.key]
					case strings.HasSuffix(want, ")") && strings.Contains(want, " (") && fd.label == want[:strings.LastIndex(want, " (")]:
						want = fd.label // the unit, "(heures)", is printed after the value
					case fd.kind == choiceField && len(fd.choices) == 1 && fd.choices[0].label == want:
						want = "" // a statement with its tick box
					case s.title == "SIGNATURES" && f == cerfa.ContratDateConclusion.Field:
						want = "le" // « Fait à … le … »
					}
					if fd.label != want {
						t.Errorf("%s %s: label %q, want %q", k, fd.key, fd.label, want)
					}
					checked++
				}
			}
		}
	}
	if checked < 150 {
		t.Errorf("only %d labels checked", checked)
	}
}
