package sheet

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"cerfadesk/core/contract"
)

// The seed corpora are in testdata/fuzz/<FuzzName>/; `go test` runs them
// as unit tests, `go test -fuzz FuzzName` explores further.

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"14/05/2006", "2006-05-14", "45901", "45901.25", "1/2/03", "29/02/2024", "60", "2025-09-01T10:00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			return
		}
		// What is read is a real date, written back it reads the same.
		for _, again := range []string{d.String(), d.French()} {
			if d2, ok := ParseDate(again); !ok || d2 != d {
				t.Fatalf("%q → %v → %q → %v", s, d, again, d2)
			}
		}
	})
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"1 234,56 €", "1234.56", "1.234,56", "774.7800000000001", "-2,5", "€ 12", "1,234"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		canon, cents, ok := ParseMoney(s)
		if !ok {
			return
		}
		if _, c2, ok := ParseMoney(canon); !ok || c2 != cents {
			t.Fatalf("%q → %q (%d) → %d", s, canon, cents, c2)
		}
		if _, c3, ok := ParseMoney(FormatMoney(cents)); !ok || c3 != cents {
			t.Fatalf("%q → %d → %q → %d", s, cents, FormatMoney(cents), c3)
		}
	})
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"typeFormulaire;apprenti.nom;apprenti.dateNaissance\nAPPRENTISSAGE;MARTIN;14/05/2006\n",
		"\xef\xbb\xbfNom de naissance,Date de naissance\n\"A,B\",45901\n",
		"a\tb\n\"x\"\"y\"\tz\n",
		"typeFormulaire;apprenti.nom\nAPPRENTISSAGE;\"MARTIN\nsur deux lignes\"\n",
		"Type de contrat;Sexe\nPro;F\nStage;X\n",
		"\xe9l\xe8ve;nom\n\x80;\x9c\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := Read("f.csv", bytes.NewReader(data))
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		res := Convert(tab, Options{Kind: contract.Apprentissage, Rules: today})
		for _, r := range res.Rows {
			if r.Refused() == (len(r.Errors) == 0) {
				t.Fatalf("row %d: refused %v with %d errors", r.Line, r.Refused(), len(r.Errors))
			}
			for _, e := range r.Errors {
				if e.Code == "" || !strings.HasPrefix(e.Error(), "f.csv, ligne ") {
					t.Fatalf("error without code or place: %v", e)
				}
			}
		}
	})
}

func FuzzReadXLSX(f *testing.F) {
	var buf bytes.Buffer
	c := &contract.Contract{TypeFormulaire: contract.Apprentissage}
	c.Apprenti.Nom = "MARTIN"
	if err := WriteXLSX(&buf, []*contract.Contract{c}, WriteOptions{}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := Read("f.xlsx", bytes.NewReader(data))
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		Convert(tab, Options{Kind: contract.Apprentissage})
	})
}

// FuzzCSVTextRoundTrip writes any name through the CSV export and reads it
// back: quotes, separators, line breaks, formulas and BOMs survive.
func FuzzCSVTextRoundTrip(f *testing.F) {
	for _, s := range []string{"MARTIN", "O'Neil; \"Jr\"", "=1+1", "@x", "-A", "+33 6", "a\nb", "\ufeffx", "Ł€Œ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.TrimSpace(s)
		if s == "" || !utf8.ValidString(s) || utf8.RuneCountInString(s) > 80 || strings.ContainsRune(s, '\r') {
			return
		}
		c := &contract.Contract{TypeFormulaire: contract.Apprentissage}
		c.Apprenti.Nom = s
		var buf bytes.Buffer
		if err := WriteCSV(&buf, []*contract.Contract{c}, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		res, err := Import("f.csv", &buf, Options{Rules: today})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != 1 || res.Rows[0].Refused() || res.Rows[0].Contract.Apprenti.Nom != s {
			t.Fatalf("%q came back as %+v", s, res.Rows)
		}
	})
}
