package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/rules"
)

// example copies testdata/domain/<name>.json into dir and returns its path.
func example(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "domain", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name+".json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPDFRegistered(t *testing.T) {
	c, ok := subcommands["pdf"]
	if !ok {
		t.Fatal("pdf is not registered")
	}
	if !strings.Contains(c.summary, "PDF") {
		t.Errorf("summary = %q", c.summary)
	}
}

func TestPDFCommand(t *testing.T) {
	dir := t.TempDir()
	base := example(t, dir, "apprentissage-base")
	pro := example(t, dir, "professionnalisation-base")
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"typeFormulaire": "APPRENTISSAGE", "employeur": {"siret": 12}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	stage := filepath.Join(dir, "stage.json")
	if err := os.WriteFile(stage, []byte(`{"typeFormulaire": "STAGE"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		args        []string
		stdin       string
		wantCode    int
		wantFile    string   // a PDF that must exist afterwards
		wantOut     []string // substrings of stdout
		wantErr     []string // substrings of stderr
		pdfOnStdout bool
	}{
		{name: "explicit output", args: []string{base, "-o", filepath.Join(dir, "out.pdf"), "--today", "2026-11-26"},
			wantFile: filepath.Join(dir, "out.pdf"), wantOut: []string{"out.pdf écrit ("}},
		{name: "flags before the file", args: []string{"--today=2026-11-26", "-o=" + filepath.Join(dir, "first.pdf"), pro},
			wantFile: filepath.Join(dir, "first.pdf")},
		{name: "default output next to the contract", args: []string{pro, "--today", "2026-11-26"},
			wantFile: filepath.Join(dir, "professionnalisation-base.pdf")},
		{name: "PDF on standard output", args: []string{base, "-o", "-", "--today", "2026-11-26"}, pdfOnStdout: true},
		{name: "contract on standard input", args: []string{"-", "--today", "2026-11-26"}, pdfOnStdout: true,
			stdin: mustRead(t, base)},
		{name: "help", args: []string{"-h"}, wantOut: []string{"Usage : cerfadesk pdf"}},
		{name: "missing file", args: []string{filepath.Join(dir, "absent.json")}, wantCode: 2,
			wantErr: []string{"absent.json", "fichier introuvable"}},
		{name: "unparsable contract names the path", args: []string{bad}, wantCode: 2,
			wantErr: []string{"bad.json", "employeur.siret"}},
		{name: "unknown form", args: []string{stage, "-o", filepath.Join(dir, "stage.pdf")}, wantCode: 2,
			wantErr: []string{"type de formulaire inconnu"}},
		{name: "bad --today", args: []string{base, "--today", "26/11/2026"}, wantCode: 2,
			wantErr: []string{"--today", "AAAA-MM-JJ"}},
		{name: "no contract", args: nil, wantCode: 2, wantErr: []string{"aucun contrat"}},
		{name: "two contracts", args: []string{base, pro}, wantCode: 2, wantErr: []string{"un seul contrat"}},
		{name: "unknown option", args: []string{base, "--couleur"}, wantCode: 2, wantErr: []string{"option inconnue"}},
		{name: "-o without a value", args: []string{base, "-o"}, wantCode: 2, wantErr: []string{"-o attend une valeur"}},
		{name: "output over the input", args: []string{base, "-o", base}, wantCode: 2, wantErr: []string{"écraserait"}},
		{name: "unwritable output", args: []string{base, "-o", filepath.Join(dir, "absent-dir", "x.pdf")}, wantCode: 1,
			wantErr: []string{"écriture de"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runPDF(tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
			if code != tt.wantCode {
				t.Fatalf("exit code = %d, want %d; stderr: %s", code, tt.wantCode, stderr.String())
			}
			for _, s := range tt.wantOut {
				if !strings.Contains(stdout.String(), s) {
					t.Errorf("stdout %q lacks %q", stdout.String(), s)
				}
			}
			for _, s := range tt.wantErr {
				if !strings.Contains(stderr.String(), s) {
					t.Errorf("stderr %q lacks %q", stderr.String(), s)
				}
			}
			if tt.wantFile != "" {
				b, err := os.ReadFile(tt.wantFile)
				if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
					t.Errorf("no PDF at %s: %v", tt.wantFile, err)
				}
			}
			if tt.pdfOnStdout != bytes.HasPrefix(stdout.Bytes(), []byte("%PDF-")) {
				t.Errorf("PDF on stdout = %v, want %v", !tt.pdfOnStdout, tt.pdfOnStdout)
			}
			if tt.wantCode != 0 && stdout.Len() != 0 && !strings.Contains(strings.Join(tt.args, " "), "-h") {
				t.Errorf("stdout on failure: %q", stdout.String())
			}
		})
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPDFSameBytes: with --today, the same contract gives the same file;
// without it the command reads its clock, truncated to the day.
func TestPDFSameBytes(t *testing.T) {
	dir := t.TempDir()
	base := example(t, dir, "apprentissage-base")
	defer func(c func() time.Time) { pdfClock = c }(pdfClock)
	pdfClock = func() time.Time { return time.Date(2026, 11, 26, 17, 45, 3, 0, time.UTC) }
	run := func(args ...string) []byte {
		var stdout, stderr bytes.Buffer
		if code := runPDF(append([]string{base, "-o", "-"}, args...), nil, &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		return stdout.Bytes()
	}
	a, b, c := run("--today", "2026-11-26"), run("--today", "2026-11-26"), run()
	if !bytes.Equal(a, b) {
		t.Error("two runs with the same --today differ")
	}
	if !bytes.Equal(a, c) {
		t.Error("the default date is not today's date from the clock")
	}
	if bytes.Equal(a, run("--today", "2026-11-27")) {
		t.Error("--today does not reach the document")
	}
}

// TestPDFDraftAndDerivedLines: a contract with blocking findings still
// prints (exit 0), marked as a draft; lines the engine derived stand in for
// a null remunerationsAnnuelles.
func TestPDFDraftAndDerivedLines(t *testing.T) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is not on PATH: install poppler-utils: apt-get install -y poppler-utils")
	}
	dir := t.TempDir()
	minor := example(t, dir, "apprentissage-minor16")
	defer func(v func(*contract.Contract, rules.Options) rules.Result) { pdfValidate = v }(pdfValidate)
	pct := contract.PercentOf(27)
	pdfValidate = func(*contract.Contract, rules.Options) rules.Result {
		return rules.Result{
			Findings: []rules.Finding{{Tab: "Employeur", Field: "employeur.siret", Rule: "EMP-SIRET-LUHN", Severity: rules.Error, Message: "SIRET invalide"}},
			Derived: rules.Derived{Remunerations: []contract.Remuneration{{Ordre: "1.1",
				DateDebut: civil.MustParse("2025-09-01"), DateFin: civil.MustParse("2026-08-31"), Taux: &pct, TypeSalaire: "SMIC"}}},
		}
	}
	out := filepath.Join(dir, "draft.pdf")
	var stdout, stderr bytes.Buffer
	if code := runPDF([]string{minor, "-o", out, "--today", "2026-11-26"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, want 0 for a draft: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "projet non validé") {
		t.Errorf("stdout %q does not say the PDF is a draft", stdout.String())
	}
	text, err := exec.Command(tool, "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(text), "\u00a0", " ")
	for _, want := range []string{"PROJET — NON VALIDÉ", "1re année, du 01/09/2025 au 31/08/2026 : 27 % du SMIC"} {
		if !strings.Contains(s, want) {
			t.Errorf("%q not in the PDF", want)
		}
	}
}

// zeros is an endless input that counts what was read from it.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	clear(p)
	z.n += int64(len(p))
	return len(p), nil
}

// goWords are pieces of Go's or the system's English that must not reach a
// person (issue 14.10).
var goWords = []string{"invalid character", "looking for", "EOF", "is a directory", "no such file",
	"permission denied", "json:", "read ", "open "}

// TestContractInputErrors: what validate and pdf say about a contract they
// cannot read — French, naming the file and, for a syntax error, the line
// and column; a BOM is no error; an endless or huge input is refused after
// reading at most contract.MaxSize bytes (issue 14.10, 14.16, 14.17).
func TestContractInputErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	base := example(t, dir, "apprentissage-base")
	bom := write("bom.json", append([]byte("\xef\xbb\xbf"), mustRead(t, base)...))
	hello := write("hello.json", []byte("{\n  \"employeur\": {\n    \"siret\": Hello\n  }\n}\n"))
	empty := write("empty.json", nil)
	huge := filepath.Join(dir, "huge.json")
	if err := os.WriteFile(huge, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 1<<30); err != nil { // sparse: 1 GiB on no disk
		t.Fatal(err)
	}
	adir := filepath.Join(dir, "adir")
	if err := os.Mkdir(adir, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		file  string
		stdin io.Reader // an endless input when set
		ok    bool
		want  []string // in stderr
	}{
		{"byte order mark", bom, nil, true, nil},
		{"syntax error", hello, nil, false, []string{"hello.json", "JSON invalide, ligne 3, colonne 14", "caractère « H » inattendu"}},
		{"empty file", empty, nil, false, []string{"empty.json", "document vide"}},
		{"directory", adir, nil, false, []string{"adir", "c'est un dossier"}},
		{"missing file", filepath.Join(dir, "absent.json"), nil, false, []string{"absent.json", "fichier introuvable"}},
		{"huge file", huge, nil, false, []string{"huge.json", "trop volumineux", "4 Mio"}},
		{"endless standard input", "-", &zeros{}, false, []string{"trop volumineux"}},
	}
	if runtime.GOOS == "linux" {
		tests = append(tests, struct {
			name  string
			file  string
			stdin io.Reader
			ok    bool
			want  []string
		}{"/dev/zero", "/dev/zero", nil, false, []string{"/dev/zero", "trop volumineux"}})
	}
	for _, tt := range tests {
		for _, cmd := range []string{"validate", "pdf"} {
			t.Run(cmd+"/"+tt.name, func(t *testing.T) {
				args := []string{"--today", "2025-08-28", tt.file}
				if cmd == "pdf" {
					args = append(args, "-o", "-")
				}
				var stdin io.Reader
				z := &zeros{}
				if tt.stdin != nil {
					stdin = z
				}
				var stdout, stderr bytes.Buffer
				code := subcommands[cmd].run(args, stdin, &stdout, &stderr)
				if tt.ok != (code == 0) {
					t.Fatalf("exit code %d; stderr %q", code, stderr.String())
				}
				for _, s := range tt.want {
					if !strings.Contains(stderr.String(), s) {
						t.Errorf("stderr %q lacks %q", stderr.String(), s)
					}
				}
				for _, w := range goWords {
					if strings.Contains(stderr.String(), w) {
						t.Errorf("stderr %q shows %q", stderr.String(), w)
					}
				}
				if z.n > contract.MaxSize+64<<10 {
					t.Errorf("read %d bytes of an endless input, want at most about %d", z.n, contract.MaxSize)
				}
			})
		}
	}
}
