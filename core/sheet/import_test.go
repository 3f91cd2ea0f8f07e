package sheet

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
)

func readFile(t *testing.T, path string, opt Options) *Result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := Import(path, f, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// checkSoftwareExport checks the two rows of testdata's export of a CFA
// software (labels as headers, French values, one Excel serial date).
func checkSoftwareExport(t *testing.T, res *Result) {
	t.Helper()
	if len(res.Rows) != 2 {
		t.Fatalf("%d rows, want 2", len(res.Rows))
	}
	for _, r := range res.Rows {
		if r.Refused() {
			t.Fatalf("row %d refused: %v", r.Line, r.Errors)
		}
	}
	a, b := res.Rows[0].Contract, res.Rows[1].Contract
	for _, tc := range []struct {
		c    *contract.Contract
		f    *cerfa.Field
		want string
	}{
		{a, cerfa.ApprentiNom.Info(), "DUPRÉ"},
		{a, cerfa.ApprentiPrenom.Info(), "Hélène"},
		{a, cerfa.ApprentiDateNaissance.Info(), "2006-05-14"},
		{a, cerfa.ApprentiSexe.Info(), "F"},
		{a, cerfa.ContratSalaireEmbauche.Info(), "1234.56"},
		{a, cerfa.ApprentiHandicap.Info(), "non"},
		{a, cerfa.EmployeurTypeEmployeur.Info(), "12"},
		{a, cerfa.EmployeurSiret.Info(), "83475962300012"},
		{a, cerfa.EmployeurAdresse.CodePostal, "69003"},
		{a, cerfa.ContratDateDebut.Info(), "2025-09-01"},
		{b, cerfa.ApprentiNom.Info(), "LŒUVRE"},
		{b, cerfa.ApprentiPrenom.Info(), "Maël"},
		{b, cerfa.ApprentiDateNaissance.Info(), "2006-11-30"},
		{b, cerfa.ContratSalaireEmbauche.Info(), "987.6"},
		{b, cerfa.ApprentiHandicap.Info(), "oui"},
		{b, cerfa.ContratDateDebut.Info(), "2025-09-01"}, // 45901, an Excel serial
	} {
		if got, _ := tc.f.Value(tc.c); got != tc.want {
			t.Errorf("row of %s: %s = %q, want %q", tc.c.Apprenti.Prenom, tc.f.Key, got, tc.want)
		}
	}
	if a.TypeFormulaire != contract.Apprentissage {
		t.Errorf("kind %q", a.TypeFormulaire)
	}
	// « Dénomination » alone is no Cerfa label: reported, ignored.
	unknown := 0
	for _, p := range res.Problems {
		if p.Code == CodeUnknownColumn {
			unknown++
			if p.Column != "Dénomination" {
				t.Errorf("unknown column %q", p.Column)
			}
		}
	}
	if unknown != 1 {
		t.Errorf("%d unknown columns reported, want 1: %v", unknown, res.Problems)
	}
}

func TestWindows1252SemicolonFileAsFrenchExcelWritesIt(t *testing.T) {
	res := readFile(t, "testdata/excel-fr-1252.csv", Options{Rules: today})
	if res.Encoding != "Windows-1252" {
		t.Errorf("encoding %q", res.Encoding)
	}
	checkSoftwareExport(t, res)
}

func TestUTF8FileWithBOMAndCommas(t *testing.T) {
	res := readFile(t, "testdata/bom.csv", Options{Rules: today})
	if res.Encoding != "UTF-8 (BOM)" {
		t.Errorf("encoding %q", res.Encoding)
	}
	if res.Columns[0].Header != "Type de contrat" || res.Columns[0].Key != KindKey {
		t.Errorf("the BOM stuck to the first header: %+v", res.Columns[0])
	}
	checkSoftwareExport(t, res)
}

func TestXLSXWithSerialDatesAndNumbers(t *testing.T) {
	// A workbook as a user types it: real date cells, numbers, a SIRET
	// typed as a number, a code with its label.
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	rows := [][]any{
		{"Type de contrat", "Nom de naissance", "Prénom", "Date de naissance", "Salaire brut mensuel à l'embauche", "N° SIRET de l'établissement d'exécution du contrat", "Type d'employeur", "Durée hebdomadaire du travail (heures)"},
		{"PROFESSIONNALISATION", "LEGRAND", "Manon", 38000, 1801.8, 83475962300012, "12 – Entreprise inscrite uniquement au registre du commerce et des sociétés", 35},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow(sh, cell, &r)
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellStyle(sh, "D2", "D2", style)
	var buf bytes.Buffer
	f.WriteTo(&buf)
	res := importBytes(t, "saisie.xlsx", buf.Bytes(), Options{Rules: today})
	if len(res.Rows) != 1 || res.Rows[0].Refused() {
		t.Fatalf("rows: %+v", res.Rows)
	}
	c := res.Rows[0].Contract
	if c.TypeFormulaire != contract.Professionnalisation || c.Apprenti.Nom != "LEGRAND" || c.Apprenti.DateNaissance.String() != "2004-01-14" ||
		c.Contrat.SalaireEmbauche == nil || *c.Contrat.SalaireEmbauche != 180180 || c.Employeur.Siret != "83475962300012" ||
		*c.Employeur.TypeEmployeur != 12 || *c.Contrat.DureeTravailHebdoHeures != 35 {
		t.Errorf("contract read: %+v %+v", c.Apprenti, c.Contrat)
	}
	// "Nom de naissance" and "Prénom" are the salarié's labels in a pro
	// contract: no maître column took them.
	for _, col := range res.Columns[1:3] {
		if !strings.HasPrefix(col.Key, "apprenti.") {
			t.Errorf("column %q matched %q", col.Header, col.Key)
		}
	}
}

func TestJSONOneContractOrAnArray(t *testing.T) {
	refs := references(t)
	one, _ := contract.Encode(refs["apprentissage-base.json"])
	res := importBytes(t, "un.json", one, Options{Rules: today})
	if len(res.Rows) != 1 || res.Rows[0].Refused() {
		t.Fatalf("one contract: %+v", res.Rows)
	}
	// An array with a bad contract between two good ones: only it is refused.
	bad := strings.Replace(string(one), `"dateNaissance": "2006-05-14"`, `"dateNaissance": "14/05/2006"`, 1)
	arr := "[" + string(one) + "," + bad + "," + string(one) + "]"
	res = importBytes(t, "liste.json", []byte(arr), Options{Rules: today})
	if len(res.Rows) != 3 || res.Rows[0].Refused() || !res.Rows[1].Refused() || res.Rows[2].Refused() {
		t.Fatalf("array: %d rows", len(res.Rows))
	}
	e := res.Rows[1].Errors[0]
	if e.Code != CodeJSON || e.Column != "apprenti.dateNaissance" || !strings.HasPrefix(e.Error(), "liste.json, contrat n° 2, champ « apprenti.dateNaissance » : ") {
		t.Errorf("error: %v (%s)", e, e.Code)
	}
	wrong := strings.Replace(string(one), `"typeEmployeur": 12`, `"typeEmployeur": 99`, 1)
	res = importBytes(t, "code.json", []byte(wrong), Options{Rules: today})
	if !res.Rows[0].Refused() || res.Rows[0].Errors[0].Code != CodeCode || res.Rows[0].Errors[0].Column != "employeur.typeEmployeur" {
		t.Errorf("wrong code in JSON: %+v", res.Rows[0].Errors)
	}
	if _, err := Import("casse.json", strings.NewReader(`[{"typeFormulaire": "APPRENTISSAGE"`), Options{}); err == nil || err.(*Error).Code != CodeUnreadable {
		t.Errorf("truncated JSON: %v", err)
	}
}

func TestMissingRequiredColumnIsReportedOnce(t *testing.T) {
	csv := "typeFormulaire;apprenti.prenom;apprenti.dateNaissance\nAPPRENTISSAGE;Lucas;14/05/2006\nAPPRENTISSAGE;Léa;01/02/2007\n"
	res := importBytes(t, "partiel.csv", []byte(csv), Options{Rules: today})
	var nom *Error
	n := 0
	for _, p := range res.Problems {
		if p.Code == CodeMissingColumn {
			n++
			if p.Key == cerfa.ApprentiNom.Key {
				nom = p
			}
		}
	}
	if nom == nil || nom.Error() != "partiel.csv, colonne « Nom de naissance de l'apprenti(e) » : colonne obligatoire absente (clé apprenti.nom) : chaque contrat importé devra être complété" {
		t.Fatalf("missing apprenti.nom not reported: %v", nom)
	}
	if n < 20 {
		t.Errorf("only %d missing columns reported", n)
	}
	for _, r := range res.Rows {
		if r.Refused() {
			t.Fatalf("row refused: %v", r.Errors)
		}
		for _, f := range r.Findings {
			if f.Field == cerfa.ApprentiNom.Key {
				t.Errorf("row %d repeats the missing column: %v", r.Line, f)
			}
		}
		if r.Hidden == 0 || !r.Blocking() || r.Valid() {
			t.Errorf("row %d: hidden %d, blocking %v", r.Line, r.Hidden, r.Blocking())
		}
	}
}

func TestRowErrorsNameFileRowAndColumn(t *testing.T) {
	long := strings.Repeat("é", 81)
	csv := "typeFormulaire;Date de naissance;apprenti.nom;Type d'employeur;Sexe;Salaire brut mensuel à l'embauche;apprenti.handicap\n" +
		"APPRENTISSAGE;14/05/2006;MARTIN;12;M;1200;non\n" +
		"APPRENTISSAGE;31/02/2006;" + long + ";99;X;douze;peut-être\n" +
		"STAGE;14/05/2006;MARTIN;12;M;1200;non\n"
	res := importBytes(t, "contrats.csv", []byte(csv), Options{Rules: today})
	if len(res.Rows) != 3 || res.Rows[0].Refused() || !res.Rows[1].Refused() || !res.Rows[2].Refused() {
		t.Fatalf("rows: %+v", res.Rows)
	}
	var got []string
	for _, e := range res.Rows[1].Errors {
		got = append(got, e.Code+": "+e.Error())
	}
	want := []string{
		"date_invalide: contrats.csv, ligne 3, colonne « Date de naissance » : « 31/02/2006 » : cette date n'existe pas",
		"texte_trop_long: contrats.csv, ligne 3, colonne « apprenti.nom » : texte de 81 caractères : 80 au plus",
		"code_inconnu: contrats.csv, ligne 3, colonne « Type d'employeur » : « 99 » n'est pas un code de la liste « Type d'employeur » (codes : 11, 12, 13, 14, 15, 16, 21, 22, 23, 24, 25, 26, …)",
		"code_inconnu: contrats.csv, ligne 3, colonne « Sexe » : « X » n'est pas un code de la liste « Sexe » (codes : M, F)",
		"montant_invalide: contrats.csv, ligne 3, colonne « Salaire brut mensuel à l'embauche » : « douze » : montant en euros attendu, par exemple 1 234,56",
		"oui_non_invalide: contrats.csv, ligne 3, colonne « apprenti.handicap » : « peut-être » : répondez oui ou non",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i, tab := range []string{cerfa.TabSalarie, cerfa.TabSalarie, cerfa.TabEmployeur, cerfa.TabSalarie, cerfa.TabContrat, cerfa.TabSalarie} {
		if e := res.Rows[1].Errors[i]; e.Tab != tab {
			t.Errorf("%s: tab %q, want %q", e.Key, e.Tab, tab)
		}
	}
	if e := res.Rows[2].Errors[0]; e.Code != CodeKind || e.Line != 4 || e.Tab != cerfa.TabIntroduction {
		t.Errorf("unknown kind: %v", e)
	}
}

func TestKindOptionAndMapping(t *testing.T) {
	csv := "NOM ELEVE;Prenom;Né(e) le;Entreprise\nMARTIN;Lucas;14/05/2006;SAS LEROUX\n"
	// Without a kind, the row is refused.
	res := importBytes(t, "logiciel.csv", []byte(csv), Options{})
	if !res.Rows[0].Refused() || res.Rows[0].Errors[0].Code != CodeKind {
		t.Fatalf("no kind: %+v", res.Rows[0])
	}
	mapping := map[string]string{"NOM ELEVE": "apprenti.nom", "Né(e) le": "apprenti.dateNaissance", "Entreprise": "employeur.denomination"}
	res = importBytes(t, "logiciel.csv", []byte(csv), Options{Kind: contract.Apprentissage, Mapping: mapping, Rules: today})
	r := res.Rows[0]
	if r.Refused() {
		t.Fatal(r.Errors)
	}
	c := r.Contract
	if c.Apprenti.Nom != "MARTIN" || c.Apprenti.DateNaissance.String() != "2006-05-14" || c.Employeur.Denomination != "SAS LEROUX" {
		t.Errorf("mapping not applied: %+v", c.Apprenti)
	}
	// "Prenom" (no accent, no kind) matched the pro label folded… which is
	// the same key in an apprenticeship.
	if res.Columns[1].Key != "apprenti.prenom" || res.Columns[1].By != ByFoldedLabel || c.Apprenti.Prenom != "Lucas" {
		t.Errorf("Prenom: %+v", res.Columns[1])
	}
	for _, p := range res.Problems {
		if p.Code == CodeUnknownColumn {
			t.Errorf("mapped column reported unknown: %v", p)
		}
	}
	// The fingerprint names the set of headers, not their order or case.
	if Fingerprint([]string{"NOM ELEVE", "Prenom", "Né(e) le", "Entreprise"}) != Fingerprint([]string{"entreprise", "ne(e) le", "Prénom", "nom eleve", ""}) ||
		Fingerprint([]string{"a", "b"}) == Fingerprint([]string{"a", "c"}) || res.Fingerprint != Fingerprint([]string{"Entreprise", "Prenom", "NOM ELEVE", "Né(e) le"}) {
		t.Error("fingerprint is not a stable name of the header set")
	}
	// A mapping to an unknown key is reported, the column ignored.
	res = importBytes(t, "logiciel.csv", []byte(csv), Options{Kind: contract.Apprentissage, Mapping: map[string]string{"Entreprise": "employeur.nom"}})
	found := false
	for _, p := range res.Problems {
		found = found || (p.Code == CodeUnknownKey && p.Column == "Entreprise")
	}
	if !found {
		t.Errorf("unknown key not reported: %v", res.Problems)
	}
}

func TestAddressPartsAndRepeatedLabels(t *testing.T) {
	// Labels as `cerfadesk champs` prints them, accents and case off, and
	// « Téléphone » twice: the employer's first, then the apprentice's.
	csv := "typeformulaire;ADRESSE DE L'APPRENTI(E) - VOIE;Adresse de l’apprenti(e) — Code postal;Téléphone;Téléphone;apprenti.nom;apprenti.nom\n" +
		"apprentissage;rue des Lilas;69003;0478000000;0612345678;A;B\n"
	res := importBytes(t, "adresses.csv", []byte(csv), Options{Rules: today})
	c := res.Rows[0].Contract
	if c == nil {
		t.Fatal(res.Rows[0].Errors)
	}
	if c.Apprenti.Adresse.Voie != "rue des Lilas" || c.Apprenti.Adresse.CodePostal != "69003" ||
		c.Employeur.Telephone != "0478000000" || c.Apprenti.Telephone != "0612345678" || c.Apprenti.Nom != "A" {
		t.Errorf("read: %+v / %+v", c.Apprenti, c.Employeur.Telephone)
	}
	dup := false
	for _, p := range res.Problems {
		dup = dup || (p.Code == CodeDuplicateCol && p.Key == "apprenti.nom")
	}
	if !dup {
		t.Errorf("the second apprenti.nom column is not reported: %v", res.Problems)
	}
}

func TestCSVSpecialCases(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		code       string // file error code, "" = read
		rows       int
	}{
		{"vide.csv", "", CodeNoHeader, 0},
		{"blancs.csv", "\n\n;;\n", CodeNoHeader, 0},
		{"guillemet.csv", "apprenti.nom;apprenti.prenom\n\"MARTIN;Lucas\n", "", 1}, // lazy quotes read on
		{"tab.csv", "apprenti.nom\tapprenti.prenom\nMARTIN\tLucas\n", "", 1},
		{"lignes-vides.csv", "apprenti.nom,apprenti.prenom\n\nMARTIN,Lucas\n,\n", "", 1},
		{"utf16.csv", "\xff\xfea\x00p\x00p\x00r\x00e\x00n\x00t\x00i\x00.\x00n\x00o\x00m\x00\n\x00X\x00\n\x00", "", 1},
	} {
		tab, err := Read(tc.name, strings.NewReader(tc.data))
		if tc.code != "" {
			if e, ok := err.(*Error); !ok || e.Code != tc.code {
				t.Errorf("%s: error %v, want %s", tc.name, err, tc.code)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if len(tab.Rows) != tc.rows {
			t.Errorf("%s: %d rows, want %d", tc.name, len(tab.Rows), tc.rows)
		}
	}
	// A formula guard put by the export is taken off.
	res := importBytes(t, "f.csv", []byte("typeFormulaire;apprenti.nom\nAPPRENTISSAGE;'=1+1\n"), Options{})
	if got := res.Rows[0].Contract.Apprenti.Nom; got != "=1+1" {
		t.Errorf("guarded value read as %q", got)
	}
	var buf bytes.Buffer
	c := &contract.Contract{TypeFormulaire: contract.Apprentissage}
	c.Apprenti.Nom, c.Apprenti.Telephone = "=HYPERLINK(\"x\")", "+33612345678"
	WriteCSV(&buf, []*contract.Contract{c}, WriteOptions{})
	if !strings.Contains(buf.String(), `;"'=HYPERLINK(""x"")";`) || !strings.Contains(buf.String(), ";+33612345678;") {
		t.Errorf("formula not guarded, or phone guarded:\n%s", buf.String())
	}
}

// generate returns n contracts: the 4 references in turn, with a name and
// dates that change with the row.
func generate(t testing.TB, n int) []*contract.Contract {
	refs := references(t)
	var base []*contract.Contract
	for _, name := range []string{"apprentissage-base.json", "apprentissage-minor16.json", "professionnalisation-base.json", "professionnalisation-minor16.json"} {
		base = append(base, refs[name])
	}
	out := make([]*contract.Contract, n)
	for i := range out {
		data, _ := contract.Encode(base[i%4])
		c, _ := contract.Decode(data)
		c.Apprenti.Nom = fmt.Sprintf("NOM%05d", i)
		c.Apprenti.Prenom = "Prénom « n° " + fmt.Sprint(i) + " »; \"cité\""
		c.Employeur.Siret = fmt.Sprintf("%014d", 83475962300012+i)
		c.Contrat.DateConclusion = c.Contrat.DateConclusion.AddDays(-(i % 30))
		out[i] = c
	}
	return out
}

func TestFiveThousandRows(t *testing.T) {
	cs := generate(t, 5000)
	for _, f := range []Format{CSV, XLSX} {
		if f == XLSX {
			cs = cs[:1000] // the workbook's XML costs 1 ms a row: 1 000 are enough
		}
		var buf bytes.Buffer
		if err := Write(&buf, f, cs, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		res := importBytes(t, "gros."+f.String(), buf.Bytes(), Options{Rules: today})
		if len(res.Rows) != len(cs) {
			t.Fatalf("%s: %d rows", f, len(res.Rows))
		}
		for i, r := range res.Rows {
			if r.Refused() {
				t.Fatalf("%s row %d: %v", f, r.Line, r.Errors)
			}
			if r.Line != i+2 {
				t.Fatalf("%s: row %d numbered %d", f, i, r.Line)
			}
			want := cs[i]
			cerfa.Normalize(want)
			if d := cerfa.Diff(want, r.Contract); len(d) > 0 {
				t.Fatalf("%s row %d: %s: %q → %q", f, r.Line, d[0].Field.Key, d[0].Before, d[0].After)
			}
		}
	}
}

func TestWhatTheMappingDialogNeeds(t *testing.T) {
	csv := "Type de contrat;ÉLÈVE;Code postal élève\nPRO;MARTIN;1000\n"
	var calls [][2]int
	res := importBytes(t, "dialogue.csv", []byte(csv), Options{Mapping: map[string]string{"Code postal élève": "apprenti.adresse.codePostal"},
		Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }})
	if len(calls) != 1 || calls[0] != [2]int{1, 1} {
		t.Errorf("progress calls %v", calls)
	}
	m := res.Mapping()
	if m["Type de contrat"] != KindKey || m["ÉLÈVE"] != "" || m["Code postal élève"] != "apprenti.adresse.codePostal" || len(m) != 3 {
		t.Errorf("mapping %v", m)
	}
	r := &res.Rows[0]
	if got := res.Note(r); got != "Importé de dialogue.csv, ligne 2" {
		t.Errorf("note %q", got)
	}
	if r.Contract.Apprenti.Adresse.CodePostal != "01000" {
		t.Errorf("code postal %q", r.Contract.Apprenti.Adresse.CodePostal)
	}
	chs := Choices(contract.Professionnalisation)
	if chs[0].Key != KindKey || len(chs) != len(ColumnKeys(contract.Professionnalisation)) {
		t.Fatalf("choices: %d, first %+v", len(chs), chs[0])
	}
	for _, ch := range chs {
		if ch.Key == "apprenti.nom" && (!ch.Required || ch.Label != "Nom de naissance" || ch.Tab != cerfa.TabSalarie) {
			t.Errorf("choice %+v", ch)
		}
		if ch.Key == "contrat.dureeContrat" && !ch.ReadOnly {
			t.Errorf("computed choice %+v", ch)
		}
	}
}

func TestHeadersMatchedByTheirWords(t *testing.T) {
	csv := "Type contrat;Date naissance;Nom usage;DATE DEBUT EXECUTION CONTRAT\nApprentissage;14/05/2006;Dupont;01/09/2025\n"
	res := importBytes(t, "mots.csv", []byte(csv), Options{Rules: today})
	want := []string{KindKey, "apprenti.dateNaissance", "apprenti.nomUsage", "contrat.dateDebutContrat"}
	for i, c := range res.Columns {
		if c.Key != want[i] {
			t.Errorf("%q matched %q, want %q", c.Header, c.Key, want[i])
		}
	}
	if r := res.Rows[0]; r.Refused() || r.Contract.Apprenti.NomUsage != "Dupont" {
		t.Errorf("row %+v", r)
	}
}

func TestXLSX1904DateSystem(t *testing.T) {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	yes := true
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
		t.Fatal(err)
	}
	f.SetSheetRow(sh, "A1", &[]any{"typeFormulaire", "apprenti.dateNaissance"})
	f.SetSheetRow(sh, "A2", &[]any{"APPRENTISSAGE", 44439}) // 2025-09-01 counted from 1904
	var buf bytes.Buffer
	f.WriteTo(&buf)
	res := importBytes(t, "mac.xlsx", buf.Bytes(), Options{})
	if c := res.Rows[0].Contract; c == nil || c.Apprenti.DateNaissance.String() != "2025-09-01" {
		t.Errorf("1904 serial read as %+v", res.Rows[0])
	}
}

func TestLabelsMatchFieldsOfTheFilesKind(t *testing.T) {
	// « Nom » is the tutor's label in a professionalisation contract and
	// no field's in an apprenticeship file (reported, ignored); « Prénom »,
	// the salarié's label in a professionalisation contract, is the same
	// key in both kinds: the apprentice's first name.
	csv := "Nom;Prénom;Type de contrat\nMARTIN;Lucas;APPRENTISSAGE\n"
	res := importBytes(t, "app.csv", []byte(csv), Options{Rules: today})
	if res.Columns[0].Key != "" || res.Columns[1].Key != "apprenti.prenom" || res.Rows[0].Refused() {
		t.Errorf("apprenticeship: %+v, %v", res.Columns, res.Rows[0].Errors)
	}
	res = importBytes(t, "pro.csv", []byte(strings.Replace(csv, "APPRENTISSAGE", "PROFESSIONNALISATION", 1)), Options{Rules: today})
	if res.Columns[0].Key != "tuteur.nom" || res.Columns[1].Key != "apprenti.prenom" || res.Rows[0].Refused() {
		t.Errorf("professionalisation: %+v, %v", res.Columns, res.Rows[0].Errors)
	}
}

func TestTitleRowsAboveTheHeader(t *testing.T) {
	csv := "Export des apprentis du 01/09/2025\n\nTypeFormulaire;apprenti.nom\nAPPRENTISSAGE;MARTIN\n"
	res := importBytes(t, "titre.csv", []byte(csv), Options{Rules: today})
	if len(res.Columns) != 2 || res.Columns[1].Key != "apprenti.nom" || len(res.Rows) != 1 || res.Rows[0].Line != 4 ||
		res.Rows[0].Contract == nil || res.Rows[0].Contract.Apprenti.Nom != "MARTIN" {
		t.Errorf("columns %+v, rows %+v", res.Columns, res.Rows)
	}
}

func TestRowsWiderThanAnyHeaderAreRefused(t *testing.T) {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetSheetRow(sh, "A1", &[]any{"typeFormulaire", "apprenti.nom"})
	f.SetCellValue(sh, "A2", "APPRENTISSAGE")
	f.SetCellValue(sh, "XFD2", "x") // the last column of a sheet
	var buf bytes.Buffer
	f.WriteTo(&buf)
	_, err := Read("large.xlsx", bytes.NewReader(buf.Bytes()))
	if e, ok := err.(*Error); !ok || e.Code != CodeTooBig || e.Line != 2 {
		t.Errorf("error %v", err)
	}
	// Empty cells far right are only the sheet's width.
	f.SetCellValue(sh, "XFD2", "")
	buf.Reset()
	f.WriteTo(&buf)
	if tab, err := Read("large.xlsx", bytes.NewReader(buf.Bytes())); err != nil || len(tab.Rows[0].Cells) != 1 {
		t.Errorf("%v, %+v", err, tab)
	}
}

// TestWorkbookWrittenByLibreOffice reads the export of the 4 reference
// contracts as LibreOffice Calc (French locale) saved it after opening the
// CSV: dates became date cells, SIRET, codes and phone numbers numbers
// (« +33478123456 » lost its sign, « 01 » its zero). Everything comes back.
func TestWorkbookWrittenByLibreOffice(t *testing.T) {
	res := readFile(t, "testdata/libreoffice-fr.xlsx", Options{Rules: today})
	refs := references(t)
	want := []*contract.Contract{refs["apprentissage-base.json"], refs["apprentissage-minor16.json"],
		refs["professionnalisation-base.json"], refs["professionnalisation-minor16.json"]}
	if len(res.Rows) != 4 {
		t.Fatalf("%d rows", len(res.Rows))
	}
	for i, r := range res.Rows {
		if r.Refused() {
			t.Fatalf("row %d: %v", r.Line, r.Errors)
		}
		if d := cerfa.Diff(want[i], r.Contract); len(d) > 0 {
			for _, ch := range d {
				t.Errorf("row %d: %s: %q, want %q", r.Line, ch.Field.Key, ch.After, ch.Before)
			}
		}
	}
}
