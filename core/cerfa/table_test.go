package cerfa

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"cerfadesk/core/contract"
)

var kinds = []contract.Kind{contract.Apprentissage, contract.Professionnalisation}

// modelPaths returns every JSON path of the contract model ("apprenti.nom",
// "apprenti.responsableLegal.adresse.voie"…), slices and maps left out.
func modelPaths() map[string]bool {
	out := map[string]bool{}
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t.PkgPath() != "cerfadesk/core/contract" {
			return
		}
		for i := 0; i < t.NumField(); i++ {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			p := name
			if prefix != "" {
				p = prefix + "." + name
			}
			out[p] = true
			walk(t.Field(i).Type, p)
		}
	}
	walk(reflect.TypeOf(contract.Contract{}), "")
	return out
}

func TestEveryKeyIsAPathOfTheModel(t *testing.T) {
	paths := modelPaths()
	for _, f := range All() {
		if !paths[f.Key] {
			t.Errorf("%s: not a JSON path of contract.Contract", f.Key)
		}
	}
}

func TestKeysAreUniquePerKind(t *testing.T) {
	for _, k := range kinds {
		seen := map[string]bool{}
		for _, f := range Leaves(k) {
			if seen[f.Key] {
				t.Errorf("%s: key %s twice", k, f.Key)
			}
			seen[f.Key] = true
		}
	}
}

func TestEveryFieldIsDescribed(t *testing.T) {
	tabs := map[string]bool{}
	for _, tab := range Tabs {
		tabs[tab] = true
	}
	for _, f := range All() {
		for _, k := range kinds {
			if f.Kinds.Has(k) && f.Label(k) == "" {
				t.Errorf("%s: no label for %s", f.Key, k)
			}
		}
		if !tabs[f.Tab] {
			t.Errorf("%s: tab %q is not one of the 8 tabs", f.Key, f.Tab)
		}
		if f.Kinds == 0 || f.Input == 0 {
			t.Errorf("%s: kinds or input missing", f.Key)
		}
		if f.Input == Text && f.MaxLen == 0 {
			t.Errorf("%s: free text without a bound", f.Key)
		}
		if (f.Input == Code || f.Input == Choice) && !f.HasList() {
			t.Errorf("%s: code without its list", f.Key)
		}
		if (f.applies == nil) != (f.When == "") {
			t.Errorf("%s: the condition and its words must come together (When %q)", f.Key, f.When)
		}
	}
}

// derivedKeys are keys of the canonical JSON that are not Cerfa fields: the
// app computes them (the département of an address, the SMIC snapshot, the
// lines of the remuneration grid) or they belong to the Documents list.
func derivedKey(k string) bool {
	for _, p := range []string{"documents", "contrat.remunerationsAnnuelles[", "contrat.smic"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	for _, s := range []string{".departement", ".region", ".pays"} {
		if strings.HasSuffix(k, ".adresse"+s) {
			return true
		}
	}
	return false
}

// jsonKeys returns every leaf path of a JSON document ("a.b", "a.c[]"); a
// null block counts as a leaf.
func jsonKeys(v any, prefix string, out map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			jsonKeys(x, p, out)
		}
	case []any:
		for _, x := range v {
			jsonKeys(x, prefix+"[", out)
		}
	default:
		out[prefix] = true
	}
}

func TestEveryKeyOfTheReferenceContractsIsInTheTable(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.json")
	if len(files) != 4 {
		t.Fatalf("want the 4 reference contracts in testdata, got %d", len(files))
	}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		c, err := contract.Decode(raw)
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		keys := map[string]bool{}
		jsonKeys(doc, "", keys)
		var missing []string
		for k := range keys {
			if derivedKey(k) {
				continue
			}
			if f := Lookup(c.TypeFormulaire, k); f != nil {
				continue
			}
			// A null block (maitre2: null) is the absence of its fields.
			if hasFieldUnder(c.TypeFormulaire, k+".") {
				continue
			}
			missing = append(missing, k)
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s: keys not in the table: %v", filepath.Base(file), missing)
		}
	}
}

func hasFieldUnder(k contract.Kind, prefix string) bool {
	for _, f := range Leaves(k) {
		if strings.HasPrefix(f.Key, prefix) {
			return true
		}
	}
	return false
}

// TestValueSetRoundTrip writes every value of the reference contracts into
// an empty contract through Set and reads it back: what an import of an
// export does, field by field.
func TestValueSetRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, file := range files {
		raw, _ := os.ReadFile(file)
		c, err := contract.Decode(raw)
		if err != nil {
			t.Fatal(err)
		}
		empty := &contract.Contract{TypeFormulaire: c.TypeFormulaire}
		n := 0
		for _, f := range Leaves(c.TypeFormulaire) {
			if f.Input == Computed {
				continue
			}
			v, ok := f.Value(c)
			if !ok {
				continue
			}
			if err := f.Set(empty, v); err != nil {
				t.Errorf("%s: Set(%q): %v", f.Key, v, err)
				continue
			}
			if got, _ := f.Value(empty); got != v {
				t.Errorf("%s: wrote %q, read %q", f.Key, v, got)
			}
			n++
		}
		if n < 50 {
			t.Errorf("%s: only %d values written", filepath.Base(file), n)
		}
		if d := Diff(c, empty); len(d) != 0 {
			var keys []string
			for _, ch := range d {
				keys = append(keys, ch.Field.Key+": "+ch.Before+" → "+ch.After)
			}
			t.Errorf("%s: a copy through the table differs:\n%s", filepath.Base(file), strings.Join(keys, "\n"))
		}
	}
}

func TestSetRefusesWhatItCannotRead(t *testing.T) {
	c := &contract.Contract{TypeFormulaire: contract.Apprentissage}
	for _, tc := range []struct {
		f   Handle
		bad string
	}{
		{ContratDateConclusion, "31/02/2025x"},
		{EmployeurNombreDeSalaries, "douze"},
		{EmployeurTypeEmployeur, "99"},
		{ApprentiSexe, "X"},
		{ContratSalaireEmbauche, "12,3,4"},
		{ContratTravailRisque, "peut-être"},
	} {
		err := tc.f.Info().Set(c, tc.bad)
		if err == nil {
			t.Errorf("%s: Set(%q) accepted", tc.f.Info().Key, tc.bad)
			continue
		}
		if !strings.Contains(err.Error(), tc.f.Info().Key) {
			t.Errorf("%s: error %q does not name the field", tc.f.Info().Key, err)
		}
	}
}

func TestAppliesFollowsTheContract(t *testing.T) {
	c := &contract.Contract{TypeFormulaire: contract.Apprentissage}
	if ContratNumeroContratPrecedent.Applies(c) {
		t.Error("previous number asked for a contract with no type")
	}
	c.Contrat.TypeContratApp = contract.Int(22)
	if !ContratNumeroContratPrecedent.Applies(c) {
		t.Error("previous number not asked for a succession (22)")
	}
	if ContratTypeContratPro.Applies(c) {
		t.Error("a pro field applies to an apprenticeship")
	}
	p := &contract.Contract{TypeFormulaire: contract.Professionnalisation}
	if TuteurEU.Nom.Applies(p) {
		t.Error("user company's tutor asked without temporary work")
	}
	p.Employeur.EmployeurSpecifique = contract.Int(1)
	if !TuteurEU.Nom.Applies(p) {
		t.Error("user company's tutor not asked for temporary work")
	}
}

func TestTabsOf(t *testing.T) {
	for _, tc := range []struct {
		kind contract.Kind
		keys string
		want string
	}{
		{contract.Apprentissage, "contrat.dateFinContrat/formation.dateFinFormation", "Contrat Formation"},
		{contract.Apprentissage, "contrat.remunerationsAnnuelles[2].taux", "Contrat"},
		{contract.Apprentissage, "employeur.adresse.codePostal", "Employeur"},
		{contract.Apprentissage, "contrat.caisseRetraiteComplementaire", "Employeur"},
		{contract.Professionnalisation, "employeur.typeEmployeur/apprenti.regimeSocial", "Employeur"},
		{contract.Apprentissage, "documents[0].typeFichier", ""},
		{contract.Apprentissage, "_today", ""},
	} {
		if got := strings.Join(TabsOf(tc.kind, tc.keys), " "); got != tc.want {
			t.Errorf("TabsOf(%s, %q) = %q, want %q", tc.kind, tc.keys, got, tc.want)
		}
	}
}

func TestKeyLabels(t *testing.T) {
	app := contract.Apprentissage
	for _, tc := range []struct{ key, want string }{
		{"apprenti.nir", "NIR de l'apprenti(e)"},
		{"employeur.attestationPieces", "L'employeur atteste disposer de l'ensemble des pièces justificatives nécessaires au dépôt du contrat."},
		{"apprenti.adresse.codePostal", "Adresse de l'apprenti(e) — Code postal"},
		{"employeur.adresse.departement", "Adresse de l'établissement d'exécution du contrat"},
		{"contrat.remunerationsAnnuelles[1].taux", "Rémunération, ligne 2"},
		{"documents[0].typeDocument", "Documents"},
		{"inconnu.cle", "inconnu.cle"},
	} {
		if got := KeyLabel(app, tc.key); got != tc.want {
			t.Errorf("KeyLabel(%q) = %q, want %q", tc.key, got, tc.want)
		}
	}
	got := KeyLabels(app, []string{"contrat.remunerationsAnnuelles[0].taux", "contrat.remunerationsAnnuelles[0].salaireBrut", "apprenti.nir"})
	if strings.Join(got, " | ") != "Rémunération, ligne 1 | NIR de l'apprenti(e)" {
		t.Errorf("KeyLabels = %q", got)
	}
	if l := KeyLabel(contract.Professionnalisation, "apprenti.nir"); l != "NIR du salarié" {
		t.Errorf("pro label %q", l)
	}
}
