package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/sheet"
	"cerfadesk/core/workflow"
	"cerfadesk/storage"
)

func importCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := runImport(args, nil, &out, &errb)
	return code, out.String(), errb.String()
}

func exportCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := runExport(args, nil, &out, &errb)
	return code, out.String(), errb.String()
}

// reference returns a reference contract of the domain.
func reference(t *testing.T, name string) *contract.Contract {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "domain", name))
	if err != nil {
		t.Fatal(err)
	}
	c, err := contract.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func writeFile(t *testing.T, dir, name string, f sheet.Format, cs []*contract.Contract) string {
	t.Helper()
	path := filepath.Join(dir, name)
	var buf bytes.Buffer
	if err := sheet.Write(&buf, f, cs, sheet.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportSavesEachRowWithItsHistory(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	// The data folder's profile is a CFA: the import is done in its name.
	os.MkdirAll(data, 0o700)
	os.WriteFile(filepath.Join(data, PrefsFile), []byte(`{"profil.role":"cfa","profil.nom":"Secrétariat CFA"}`), 0o600)
	app, pro := reference(t, "apprentissage-base.json"), reference(t, "professionnalisation-base.json")
	csvFile := writeFile(t, dir, "contrats.csv", sheet.CSV, []*contract.Contract{app, pro})
	xlsxFile := writeFile(t, dir, "contrats.xlsx", sheet.XLSX, []*contract.Contract{pro})
	jsonFile := writeFile(t, dir, "contrats.json", sheet.JSON, []*contract.Contract{app})

	code, out, errb := importCmd("--data", data, "--json", "--doublons", "importer", csvFile, xlsxFile, jsonFile)
	if code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, out, errb)
	}
	var lines []importLine
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var il importLine
		if err := json.Unmarshal([]byte(l), &il); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		lines = append(lines, il)
	}
	want := []struct {
		file string
		row  int
		ref  string
	}{{"contrats.csv", 2, "C-000001"}, {"contrats.csv", 3, "C-000002"}, {"contrats.xlsx", 2, "C-000003"}, {"contrats.json", 1, "C-000004"}}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i, w := range want {
		if l := lines[i]; l.File != w.file || l.Row != w.row || l.Reference != w.ref || !l.Imported {
			t.Errorf("line %d = %+v, want %+v", i, l, w)
		}
	}

	st, err := storage.Open(data, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	rec, err := st.LoadByRef(ctx, "C-000002")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Status != workflow.EnCoursDeSaisie || rec.Contract.Apprenti.Nom != pro.Apprenti.Nom {
		t.Errorf("C-000002: %s, %s", rec.Status, rec.Contract.Apprenti.Nom)
	}
	h, err := st.History(ctx, rec.ID)
	if err != nil || len(h) != 1 {
		t.Fatalf("history %v, %v", h, err)
	}
	if h[0].Note != "Importé de contrats.csv, ligne 3" || h[0].Actor.Role != workflow.CFA || h[0].Actor.Name != "Secrétariat CFA" ||
		h[0].Action != workflow.NouveauContrat {
		t.Errorf("history row: %+v", h[0])
	}
	rec4, _ := st.LoadByRef(ctx, "C-000004")
	h4, _ := st.History(ctx, rec4.ID)
	if len(h4) != 1 || h4[0].Note != "Importé de contrats.json, contrat n° 1" {
		t.Errorf("JSON history row: %+v", h4)
	}
}

func TestImportExitCodesAndErrors(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	app := reference(t, "apprentissage-base.json")
	good := writeFile(t, dir, "bons.csv", sheet.CSV, []*contract.Contract{app})

	// A wrong code and an impossible date: the row is refused whole, the
	// other row is imported.
	bad := *app
	emp := bad.Employeur
	emp.TypeEmployeur, emp.PrivePublic = contract.Int(99), "Privé"
	bad.Employeur = emp
	bad.Apprenti.DateNaissance = civil.New(2006, 2, 31)
	mixed := writeFile(t, dir, "mixte.csv", sheet.CSV, []*contract.Contract{app, &bad})

	code, out, errb := importCmd("--data", data, mixed)
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s%s", code, out, errb)
	}
	for _, want := range []string{
		"mixte.csv, ligne 2 : C-000001",
		"mixte.csv, ligne 3 : refusée — colonne « employeur.typeEmployeur » : « 99 »",
		"colonne « apprenti.dateNaissance » : « 2006-02-31 » : cette date n'existe pas [date_invalide]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "C-000002") {
		t.Error("the refused row was saved")
	}

	// A file that cannot be read: exit 2, the others are still imported.
	code, out, errb = importCmd("--data", data, "--doublons", "importer", filepath.Join(dir, "absent.csv"), good)
	if code != 2 || !strings.Contains(errb, "absent.csv : lecture impossible") || !strings.Contains(out, "bons.csv, ligne 2 : C-000002") {
		t.Errorf("exit %d:\n%s%s", code, out, errb)
	}
	broken := filepath.Join(dir, "casse.xlsx")
	os.WriteFile(broken, []byte("PK\x03\x04 pas un classeur"), 0o600)
	if code, _, errb := importCmd("--data", data, broken); code != 2 || !strings.Contains(errb, "casse.xlsx : classeur XLSX illisible") {
		t.Errorf("broken xlsx: exit %d: %s", code, errb)
	}

	// --dry-run saves nothing; --blocking skip leaves the blocking rows.
	before := countContracts(t, data)
	if code, out, _ := importCmd("--data", data, "--dry-run", "--doublons", "importer", good); code != 0 || !strings.Contains(out, "à importer") {
		t.Errorf("dry run: exit %d: %s", code, out)
	}
	incomplete := *app
	incomplete.Apprenti.Nom = ""
	skipFile := writeFile(t, dir, "incomplet.csv", sheet.CSV, []*contract.Contract{&incomplete})
	if code, out, _ := importCmd("--data", data, "--blocking", "skip", "--doublons", "importer", skipFile); code != 1 || !strings.Contains(out, "non importée (anomalies bloquantes") {
		t.Errorf("skip: exit %d: %s", code, out)
	}
	if n := countContracts(t, data); n != before {
		t.Errorf("%d contracts after a dry run and a skipped row, want %d", n, before)
	}
	if code, _, errb := importCmd("--data", data, "--blocking", "peut-être", good); code != 2 || !strings.Contains(errb, "skip ou import") {
		t.Errorf("bad flag: exit %d: %s", code, errb)
	}
}

func countContracts(t *testing.T, data string) int {
	t.Helper()
	st, err := storage.Open(data, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.Count(context.Background(), workflow.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestExportThenImportIsLossless(t *testing.T) {
	dir := t.TempDir()
	data, data2 := filepath.Join(dir, "data"), filepath.Join(dir, "data2")
	var refs []*contract.Contract
	for _, n := range []string{"apprentissage-base.json", "apprentissage-minor16.json", "professionnalisation-base.json", "professionnalisation-minor16.json"} {
		refs = append(refs, reference(t, n))
	}
	src := writeFile(t, dir, "refs.json", sheet.JSON, refs)
	if code, out, errb := importCmd("--data", data, src); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errb)
	}
	for _, f := range []string{"csv", "xlsx", "json"} {
		out := filepath.Join(dir, "export."+f)
		if code, o, errb := exportCmd("--data", data, "-o", out); code != 0 || !strings.Contains(o, "4 contrat(s)") {
			t.Fatalf("export %s: exit %d\n%s%s", f, code, o, errb)
		}
		if code, o, errb := importCmd("--data", data2, "--doublons", "importer", out); code != 0 {
			t.Fatalf("reimport %s: exit %d\n%s%s", f, code, o, errb)
		}
	}
	st1, _ := storage.Open(data, storage.Options{})
	defer st1.Close()
	st2, _ := storage.Open(data2, storage.Options{})
	defer st2.Close()
	ctx := context.Background()
	a, err := loadAll(ctx, st1, workflow.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := loadAll(ctx, st2, workflow.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 4 || len(b) != 12 {
		t.Fatalf("%d and %d contracts", len(a), len(b))
	}
	for i, c := range b {
		if d := diffFields(a[i%4], c); d != "" {
			t.Errorf("contract %d (%s) differs after export and import: %s", i, []string{"csv", "xlsx", "json"}[i/4], d)
		}
	}
	// --status filters.
	out := filepath.Join(dir, "engages.csv")
	if code, o, _ := exportCmd("--data", data, "--status", "ENGAGÉ", "-o", out); code != 0 || !strings.Contains(o, "0 contrat(s)") {
		t.Errorf("status filter: exit %d: %s", code, o)
	}
	if code, _, errb := exportCmd("--data", data, "--status", "perdu", "-o", out); code != 2 || !strings.Contains(errb, "statut inconnu") {
		t.Errorf("bad status: exit %d: %s", code, errb)
	}
}

// diffFields lists the fields of the table whose values differ.
func diffFields(a, b *contract.Contract) string {
	var out []string
	for _, ch := range cerfa.Diff(a, b) {
		out = append(out, ch.Field.Key+": "+ch.Before+" → "+ch.After)
	}
	return strings.Join(out, "; ")
}

func TestChampsModeleThenImport(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"csv", "xlsx"} {
		path := filepath.Join(dir, "modele."+f)
		var out, errb bytes.Buffer
		if code := runChamps([]string{"--modele", f, "--kind", "professionnalisation", "-o", path}, nil, &out, &errb); code != 0 {
			t.Fatalf("champs --modele %s: exit %d: %s", f, code, errb.String())
		}
		code, o, e := importCmd("--data", filepath.Join(dir, "data"), "--json", "--dry-run", path)
		if code != 0 || strings.Count(o, "\n") != 1 || !strings.Contains(o, `"rule":"IMPORT-EXEMPLE"`) {
			t.Errorf("import of the %s template: exit %d\n%s%s", f, code, o, e)
		}
	}
	var out, errb bytes.Buffer
	if code := runChamps([]string{"--modele", "pdf", "-o", filepath.Join(dir, "x")}, nil, &out, &errb); code != 2 {
		t.Errorf("--modele pdf: exit %d", code)
	}
	if code := runChamps([]string{"--modele", "xlsx"}, nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), "-o FICHIER") {
		t.Errorf("--modele xlsx without -o: exit %d: %s", code, errb.String())
	}
}

func TestMissingColumnsAreOneLineOnStderr(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "partiel.csv")
	os.WriteFile(path, []byte("typeFormulaire;apprenti.nom\nAPPRENTISSAGE;MARTIN\nAPPRENTISSAGE;DUPONT\n"), 0o600)
	code, out, errb := importCmd("--data", filepath.Join(dir, "data"), "--dry-run", path)
	if code != 1 || strings.Count(errb, "\n") != 1 || !strings.Contains(errb, " colonnes obligatoires absentes, chaque contrat importé devra être complété : ") ||
		!strings.Contains(errb, "« Date de naissance » (apprenti.dateNaissance)") || strings.Count(out, "\n") != 2 {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errb)
	}
}

func TestImportJSONProblemsOnStderr(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.csv")
	os.WriteFile(path, []byte("typeFormulaire;apprenti.nom;Colonne du logiciel\nAPPRENTISSAGE;MARTIN;x\n"), 0o600)
	_, _, errb := importCmd("--data", filepath.Join(dir, "data"), "--dry-run", "--json", path)
	codes := map[string]int{}
	for _, l := range strings.Split(strings.TrimSpace(errb), "\n") {
		var e sheet.Error
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		codes[e.Code]++
		if e.Code == sheet.CodeUnknownColumn && (e.Column != "Colonne du logiciel" || e.File != "p.csv") {
			t.Errorf("unknown column %+v", e)
		}
	}
	if codes[sheet.CodeUnknownColumn] != 1 || codes[sheet.CodeMissingColumn] < 10 {
		t.Errorf("problems %v", codes)
	}
}

// Importing the same file twice: the second run skips every row, naming
// the contract already stored, with a stable code; --doublons importer
// imports them anyway. A row repeated inside the file is caught too.
func TestImportTwiceSkipsDuplicates(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	app, pro := reference(t, "apprentissage-base.json"), reference(t, "professionnalisation-base.json")
	// The same apprentice spelt otherwise (accents, case): the same contract.
	again := reference(t, "apprentissage-base.json")
	again.Apprenti.Nir = ""
	app.Apprenti.Nir = ""
	again.Apprenti.Nom, again.Apprenti.Prenom = strings.ToLower(app.Apprenti.Nom), strings.ToUpper(app.Apprenti.Prenom)
	file := writeFile(t, dir, "contrats.csv", sheet.CSV, []*contract.Contract{app, pro, again})

	tests := []struct {
		name  string
		args  []string
		code  int
		lines []string // the text lines, in order
		total int      // contracts stored after the run
	}{
		{"first import", nil, 0, []string{
			"contrats.csv, ligne 2 : C-000001",
			"contrats.csv, ligne 3 : C-000002",
			"contrats.csv, ligne 4 : non importée (même contrat que la ligne 2 du fichier) [doublon_fichier]",
		}, 2},
		{"second import", nil, 0, []string{
			"contrats.csv, ligne 2 : non importée (déjà présent : C-000001) [deja_present]",
			"contrats.csv, ligne 3 : non importée (déjà présent : C-000002) [deja_present]",
			"contrats.csv, ligne 4 : non importée (déjà présent : C-000001) [deja_present]",
		}, 2},
		{"dry run", []string{"--dry-run"}, 0, []string{
			"contrats.csv, ligne 2 : non importée (déjà présent : C-000001) [deja_present]",
		}, 2},
		{"forced", []string{"--doublons", "importer"}, 0, []string{
			"contrats.csv, ligne 2 : C-000003 (doublon importé : déjà présent : C-000001)",
			"contrats.csv, ligne 3 : C-000004 (doublon importé : déjà présent : C-000002)",
			"contrats.csv, ligne 4 : C-000005 (doublon importé : déjà présent : C-000001)",
		}, 5},
		{"forced, then the last copy is named", nil, 0, []string{
			"contrats.csv, ligne 2 : non importée (déjà présent : C-000005) [deja_present]",
		}, 5},
	}
	for _, tt := range tests {
		code, out, errb := importCmd(append([]string{"--data", data, file}, tt.args...)...)
		if code != tt.code {
			t.Fatalf("%s: exit %d, want %d:\n%s%s", tt.name, code, tt.code, out, errb)
		}
		got := strings.Split(strings.TrimSpace(out), "\n")
		for i, want := range tt.lines {
			if i >= len(got) || !strings.HasPrefix(got[i], want) {
				t.Errorf("%s: line %d:\n got %q\nwant %q…", tt.name, i, got, want)
			}
		}
		if n := countContracts(t, data); n != tt.total {
			t.Errorf("%s: %d contracts stored, want %d", tt.name, n, tt.total)
		}
	}

	// JSON lines carry the code and the contract.
	_, out, _ := importCmd("--data", data, "--json", file)
	var l importLine
	if err := json.Unmarshal([]byte(strings.Split(out, "\n")[1]), &l); err != nil {
		t.Fatal(err)
	}
	if l.Imported || l.Code != sheet.CodeExisting || l.Existing != "C-000004" || l.Skipped != "déjà présent : C-000004" {
		t.Errorf("JSON line %+v", l)
	}
	if code, _, errb := importCmd("--data", data, "--doublons", "peut-être", file); code != 2 || !strings.Contains(errb, "ignorer ou importer") {
		t.Errorf("bad --doublons: %d %s", code, errb)
	}
}

// A contract is found by its NIR or by its apprentice's name and birth
// date, whichever the file or the store lacks; two NIRs under one name are
// two people.
func TestImportDuplicatesByNIROrName(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	app := func(nir, nom string) *contract.Contract {
		c := reference(t, "apprentissage-base.json")
		c.Apprenti.Nir = nir
		if nom != "" {
			c.Apprenti.Nom = nom
		}
		return c
	}
	const nirA, nirB, nirC = "106056938304515", "106056938304614", "106056938304713"
	pro := reference(t, "professionnalisation-base.json")
	proNIR := pro.Apprenti.Nir
	pro.Apprenti.Nir = ""
	proWithNIR := reference(t, "professionnalisation-base.json")
	proWithNIR.Apprenti.Nir = proNIR
	tests := []struct {
		name  string
		cs    []*contract.Contract
		lines []string
		total int
	}{
		{"NIR, none, another NIR, a contract without NIR", []*contract.Contract{app(nirA, ""), app("", ""), app(nirB, ""), pro}, []string{
			"f1.csv, ligne 2 : C-000001",
			"f1.csv, ligne 3 : non importée (même contrat que la ligne 2 du fichier) [doublon_fichier]",
			"f1.csv, ligne 4 : C-000002",
			"f1.csv, ligne 5 : C-000003",
		}, 3},
		{"the NIR with the name misspelt, the NIR typed now, a third NIR", []*contract.Contract{app(nirA, "DUPONTEL"), proWithNIR, app(nirC, "")}, []string{
			"f2.csv, ligne 2 : non importée (déjà présent : C-000001) [deja_present]",
			"f2.csv, ligne 3 : non importée (déjà présent : C-000003) [deja_present]",
			"f2.csv, ligne 4 : C-000004",
		}, 4},
	}
	for i, tt := range tests {
		file := writeFile(t, dir, fmt.Sprintf("f%d.csv", i+1), sheet.CSV, tt.cs)
		code, out, errb := importCmd("--data", data, file)
		if code != 0 {
			t.Fatalf("%s: exit %d:\n%s%s", tt.name, code, out, errb)
		}
		got := strings.Split(strings.TrimSpace(out), "\n")
		for j, want := range tt.lines {
			if j >= len(got) || !strings.HasPrefix(got[j], want) {
				t.Errorf("%s: line %d:\n got %q\nwant %q…", tt.name, j, got, want)
			}
		}
		if n := countContracts(t, data); n != tt.total {
			t.Errorf("%s: %d contracts stored, want %d", tt.name, n, tt.total)
		}
	}
}
