package referentiel

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// embeddedText returns the text of an embedded referential.
func embeddedText(t testing.TB, file int) string {
	t.Helper()
	data, err := embedded(file)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// editRow sets column col of the row whose first field is key.
func editRow(t *testing.T, data, key string, col int, value string) string {
	t.Helper()
	lines := strings.Split(data, "\n")
	for i, l := range lines {
		if f := strings.Split(l, "\t"); f[0] == key {
			f[col] = value
			lines[i] = strings.Join(f, "\t")
			return strings.Join(lines, "\n")
		}
	}
	t.Fatalf("no row %s", key)
	return ""
}

func TestLoadWithoutOverrides(t *testing.T) {
	tests := []struct {
		name string
		dir  func(t *testing.T) string
	}{
		{"no folder given", func(*testing.T) string { return "" }},
		{"folder missing", func(t *testing.T) string { return filepath.Join(t.TempDir(), "absent") }},
		{"empty folder", func(t *testing.T) string { return t.TempDir() }},
		{"other files only", func(t *testing.T) string {
			dir := t.TempDir()
			writeFile(t, dir, "notes.txt", "rien")
			return dir
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, warns := Load(tt.dir(t))
			if s != Default() || len(warns) != 0 {
				t.Errorf("Load = %p, %v; want Default() and no warning", s, warns)
			}
		})
	}
}

func TestLoadGoodOverride(t *testing.T) {
	dir := t.TempDir()
	// idcc.tsv: 1483 renamed and 0016 replaced by 1483.
	idcc := embeddedText(t, fIDCC)
	idcc = editRow(t, idcc, "1483", 1, "Habillement (fichier local)")
	idcc = editRow(t, idcc, "0016", 3, "non")
	idcc = editRow(t, idcc, "0016", 8, "1483")
	idccPath := writeFile(t, dir, "idcc.tsv", idcc)
	// codes_postaux.tsv: a new postcode for Lyon 3e, written with CRLF as a spreadsheet would.
	cp := embeddedText(t, fCodesPostaux) + "69999\t69383\tLYON 03\tLYON\t\tLyon 3e Arrondissement\n"
	cpPath := writeFile(t, dir, "codes_postaux.tsv", "\uFEFF"+strings.ReplaceAll(cp, "\n", "\r\n"))

	s, warns := Load(dir)
	if len(warns) != 0 {
		t.Fatalf("warnings: %v", warns)
	}
	if s == Default() {
		t.Fatal("Load returned Default()")
	}
	if c, _ := s.IDCC("1483"); c.Libelle != "Habillement (fichier local)" {
		t.Errorf("IDCC 1483 = %q, want the local label", c.Libelle)
	}
	if inForce, known, by := s.IDCCInForce("16"); inForce || !known || len(by) != 1 || by[0] != "1483" {
		t.Errorf("IDCCInForce(16) = %v, %v, %v; want replaced by 1483", inForce, known, by)
	}
	if ok, _, _ := s.CommuneMatches("69999", "Lyon"); !ok {
		t.Error("the local postcode 69999 is not used")
	}
	if dept, _, _ := s.DeptRegionFromPostcode("69999"); dept != "69" {
		t.Errorf("69999 in département %q, want 69", dept)
	}
	if c, _ := Default().IDCC("1483"); c.Libelle == "Habillement (fichier local)" {
		t.Error("the override leaked into Default()")
	}
	if s.naf2 != Default().naf2 || s.deps != Default().deps {
		t.Error("tables without a local file are not shared with Default()")
	}
	for _, in := range s.Info() {
		switch in.File {
		case "idcc.tsv", "codes_postaux.tsv":
			path := map[string]string{"idcc.tsv": idccPath, "codes_postaux.tsv": cpPath}[in.File]
			if in.Path != path || in.Source != "remplacé : "+path || !strings.HasPrefix(in.Vintage, "fichier local du ") {
				t.Errorf("Info of %s = %+v", in.File, in)
			}
		default:
			if in.Source != "intégré" {
				t.Errorf("Info of %s = %+v, want embedded", in.File, in)
			}
		}
	}
	if n := s.Info()[fCodesPostaux].Rows; n != 39193 {
		t.Errorf("codes_postaux.tsv: %d rows, want 39193", n)
	}
}

func TestLoadGoodCommunesOverride(t *testing.T) {
	dir := t.TempDir()
	com := editRow(t, embeddedText(t, fCommunes), "69383", 1, "Lyon Troisième")
	writeFile(t, dir, "communes.tsv", com)
	s, warns := Load(dir)
	if len(warns) != 0 {
		t.Fatalf("warnings: %v", warns)
	}
	if c, _ := s.Postcode("69003"); c[0].Nom != "Lyon Troisième" {
		t.Errorf("69003 is %q, want the local name", c[0].Nom)
	}
	if ok, _, _ := s.CommuneMatches("69003", "LYON TROISIEME"); !ok {
		t.Error("the local name does not match")
	}
}

func TestLoadBadOverride(t *testing.T) {
	idcc := func(t *testing.T) string { return embeddedText(t, fIDCC) }
	tests := []struct {
		name    string
		file    string
		data    func(t *testing.T) string
		wantMsg string // part of the warning's message
	}{
		{"wrong header", "idcc.tsv", func(t *testing.T) string {
			return strings.Replace(idcc(t), "idcc\tlibelle", "code\tlibelle", 1)
		}, "ligne 1 : en-tête"},
		{"missing column", "idcc.tsv", func(t *testing.T) string {
			return idcc(t) + "1234\tUne convention\n"
		}, "ligne 870 : 2 colonnes au lieu de 10"},
		{"bad code", "idcc.tsv", func(t *testing.T) string {
			return strings.Replace(idcc(t), "\n1483\t", "\n14830\t", 1)
		}, "« 14830 » n'est pas un code de 4 chiffres"},
		{"duplicate code", "naf_rev2.tsv", func(t *testing.T) string {
			return embeddedText(t, fNAFRev2) + "47.71Z\tEncore\t47.71\t47.7\t47\tG\n"
		}, "code NAF 47.71Z en double"},
		{"truncated", "codes_postaux.tsv", func(t *testing.T) string {
			data := embeddedText(t, fCodesPostaux)
			return data[:strings.LastIndexByte(data[:100000], '\n')+1]
		}, "contre 39192 dans la version intégrée"},
		{"not UTF-8", "communes.tsv", func(t *testing.T) string {
			return strings.Replace(embeddedText(t, fCommunes), "Clémenciat", "Cl\xe9menciat", 1)
		}, "ligne 2 : le texte n'est pas en UTF-8"},
		{"empty", "regions.tsv", func(*testing.T) string { return "" }, "le fichier est vide"},
		{"header only", "departements.tsv", func(*testing.T) string {
			return "code_departement\tnom\tcode_region\tzone\tcode_commune_chef_lieu\n"
		}, "aucune ligne de données"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := writeFile(t, dir, tt.file, tt.data(t))
			s, warns := Load(dir)
			if len(warns) != 1 {
				t.Fatalf("warnings: %v, want one", warns)
			}
			w := warns[0]
			if w.File != tt.file || w.Path != path || w.Err == nil ||
				!strings.Contains(w.Message, tt.wantMsg) || !strings.Contains(w.Message, "est refusé") ||
				!strings.Contains(w.Message, "La version intégrée") {
				t.Errorf("warning = %+v; want a message about %q", w, tt.wantMsg)
			}
			for _, in := range s.Info() {
				if in.Source != "intégré" {
					t.Errorf("%s: Source %q, want the embedded copy", in.File, in.Source)
				}
			}
			// The embedded data is in use.
			if c, ok := s.IDCC("1483"); !ok || c.Status != IDCCInForce {
				t.Errorf("IDCC 1483 = %+v, %v", c, ok)
			}
			if ok, _, _ := s.CommuneMatches("69003", "Lyon"); !ok {
				t.Error("69003 LYON no longer matches")
			}
		})
	}
}

func TestLoadUnreadableOverride(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "idcc.tsv"), 0o755); err != nil {
		t.Fatal(err)
	}
	s, warns := Load(dir)
	if s != Default() || len(warns) != 1 || !strings.Contains(warns[0].Message, "ce n'est pas un fichier") {
		t.Errorf("Load = %p, %v; want Default() and a warning", s, warns)
	}
}

// TestLoadOneBadOneGood checks that a refused file does not stop another from being used.
func TestLoadOneBadOneGood(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "idcc.tsv", "n'importe quoi\n")
	writeFile(t, dir, "naf_2025.tsv", editRow(t, embeddedText(t, fNAF2025), "01.12Y", 1, "Riziculture"))
	s, warns := Load(dir)
	if len(warns) != 1 || warns[0].File != "idcc.tsv" {
		t.Fatalf("warnings: %v, want one for idcc.tsv", warns)
	}
	if n, _ := s.NAF2025("01.12Y"); n.Libelle != "Riziculture" {
		t.Errorf("NAF 2025 01.12Y = %q, want the local label", n.Libelle)
	}
	if s.idcc != Default().idcc {
		t.Error("the refused IDCC file replaced the embedded one")
	}
}

// TestLoadUnsortedPostcodes checks that a codes_postaux.tsv with the postcodes in another
// order gives the same index as the embedded one. (The rows of a commune keep their order: in
// French Polynesia a commune has several libellés d'acheminement, and Commune gives the
// first.)
func TestLoadUnsortedPostcodes(t *testing.T) {
	data := embeddedText(t, fCodesPostaux)
	header, body, _ := strings.Cut(data, "\n")
	var groups []string // the rows of each postcode
	for _, row := range strings.SplitAfter(body, "\n") {
		switch n := len(groups); {
		case row == "":
		case n > 0 && row[:5] == groups[n-1][:5]:
			groups[n-1] += row
		default:
			groups = append(groups, row)
		}
	}
	slices.Reverse(groups)
	dir := t.TempDir()
	writeFile(t, dir, "codes_postaux.tsv", header+"\n"+strings.Join(groups, ""))
	s, warns := Load(dir)
	if len(warns) != 0 || s.Info()[fCodesPostaux].Path == "" {
		t.Fatalf("warnings: %v; info %+v", warns, s.Info()[fCodesPostaux])
	}
	if !slices.Equal(s.pc.spans, Default().pc.spans) || !slices.Equal(s.pc.communes, Default().pc.communes) {
		t.Errorf("reversed file: %d postcodes, %d communes; embedded: %d, %d",
			len(s.pc.spans), len(s.pc.communes), len(Default().pc.spans), len(Default().pc.communes))
	}
	if !slices.Equal(s.pc.keyEnd, Default().pc.keyEnd) {
		t.Errorf("reversed file: %d keys; embedded: %d", len(s.pc.keys), len(Default().pc.keys))
	}
	for _, cp := range []string{"01200", "20200", "69003", "97600", "98000"} {
		got, _ := s.Postcode(cp)
		want, _ := Default().Postcode(cp)
		if !slices.Equal(got, want) {
			t.Errorf("Postcode(%s) = %v, want %v", cp, got, want)
		}
	}
}
