package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func readExample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "domain", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var examples = []string{
	"apprentissage-base.json", "apprentissage-minor16.json",
	"professionnalisation-base.json", "professionnalisation-minor16.json",
}

func TestDecodeExamplesRoundTrip(t *testing.T) {
	for _, name := range examples {
		t.Run(name, func(t *testing.T) {
			c1, err := Decode(readExample(t, name))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			out, err := Encode(c1)
			if err != nil {
				t.Fatal(err)
			}
			c2, err := Decode(out)
			if err != nil {
				t.Fatalf("re-Decode of export: %v\n%s", err, out)
			}
			if !reflect.DeepEqual(c1, c2) {
				t.Fatalf("round trip changed the contract")
			}
			out2, _ := Encode(c2)
			if !bytes.Equal(out, out2) {
				t.Fatalf("export is not stable")
			}
		})
	}
}

func TestDecodeValues(t *testing.T) {
	c, err := Decode(readExample(t, "apprentissage-base.json"))
	if err != nil {
		t.Fatal(err)
	}
	if c.TypeFormulaire != Apprentissage || c.Employeur.Siret != "83475962300012" {
		t.Fatalf("wrong header: %+v", c.Employeur)
	}
	if got := c.Contrat.RemunerationsAnnuelles[2].SalaireBrut; got == nil || *got != 109910 {
		t.Fatalf("salaireBrut 1099.1 must be 109910 cents, got %v", got)
	}
	if c.Contrat.DateDebutContrat.String() != "2025-09-01" {
		t.Fatalf("dateDebutContrat = %s", c.Contrat.DateDebutContrat)
	}
	if c.Maitre2 != nil || c.Apprenti.ResponsableLegal != nil {
		t.Fatalf("null blocks must stay nil")
	}
}

func TestDecodeErrorsNamePath(t *testing.T) {
	tests := []struct {
		name, doc, path, code string
	}{
		{"unknown top key", `{"typeFormulaire":"APPRENTISSAGE","foo":1}`, "foo", CodeUnknownKey},
		{"key in another case", `{"Employeur":{"siret":"1"}}`, "Employeur", CodeUnknownKey},
		{"nested key in another case", `{"employeur":{"SIRET":"1"}}`, "employeur.SIRET", CodeUnknownKey},
		{"key of another block", `{"employeur":{"nom":"x"}}`, "employeur.nom", CodeUnknownKey},
		{"key inside an array element", `{"documents":[{"typeDocument":"AUTRE","couleur":"bleu"}]}`, "documents[0].couleur", CodeUnknownKey},
		{"unknown nested key", `{"employeur":{"adresse":{"rue":"x"}}}`, "employeur.adresse.rue", CodeUnknownKey},
		{"malformed date", `{"contrat":{"dateDebutContrat":"01/09/2025"}}`, "contrat.dateDebutContrat", CodeDate},
		{"impossible date", `{"apprenti":{"dateNaissance":"2025-02-30"}}`, "apprenti.dateNaissance", CodeDate},
		{"number for string", `{"employeur":{"siret":83475962300012}}`, "employeur.siret", CodeType},
		{"string for int", `{"employeur":{"typeEmployeur":"12"}}`, "employeur.typeEmployeur", CodeType},
		{"fraction for int", `{"contrat":{"dureeTravailHebdoHeures":35.5}}`, "contrat.dureeTravailHebdoHeures", CodeNumber},
		{"string for bool", `{"apprenti":{"handicap":"non"}}`, "apprenti.handicap", CodeType},
		{"array element", `{"contrat":{"remunerationsAnnuelles":[{"ordre":"1.1"},{"taux":"43"}]}}`, "contrat.remunerationsAnnuelles[1].taux", CodeType},
		{"object for array", `{"documents":{}}`, "documents", CodeType},
		{"not an object", `[1,2]`, "", CodeType},
		{"syntax", `{"employeur":`, "", CodeSyntax},
		{"trailing data", `{} {}`, "", CodeSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.doc))
			var ie *ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("want *ImportError, got %v", err)
			}
			if ie.Path != tt.path || ie.Code != tt.code {
				t.Fatalf("got path %q code %q (%v), want %q %q", ie.Path, ie.Code, ie, tt.path, tt.code)
			}
		})
	}
}

func TestDecodeAcceptsNullsAndEmptyDates(t *testing.T) {
	c, err := Decode([]byte(`{"contrat":{"dateFinContrat":null,"dateEffetAvenant":"","smc":null,"salaireEmbauche":1002.6665}}`))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Contrat.DateFinContrat.IsZero() || !c.Contrat.DateEffetAvenant.IsZero() {
		t.Fatal("null and empty dates must be zero")
	}
	if *c.Contrat.SalaireEmbauche != 100267 {
		t.Fatalf("1002.6665 rounds to 100267 cents, got %d", *c.Contrat.SalaireEmbauche)
	}
}

func TestHundredths(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"774.78", 77478, true}, {"1099.1", 109910, true}, {"43", 4300, true}, {"0", 0, true},
		{"-1.5", -150, true}, {"1.005", 101, true}, {"1.004", 100, true}, {"1e3", 0, false},
		{"", 0, false}, {"1.", 0, false}, {".5", 0, false}, {"abc", 0, false},
	}
	for _, tt := range tests {
		got, err := parseHundredths(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseHundredths(%q) = %d, %v; want %d ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if tt.ok {
			back, _ := parseHundredths(string(formatHundredths(got)))
			if back != got {
				t.Errorf("format/parse of %d gives %d", got, back)
			}
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, name := range examples {
		f.Add(readExample(f, name))
	}
	f.Add([]byte(`{"contrat":{"remunerationsAnnuelles":[{"taux":1e400}]}}`))
	f.Add([]byte(`{"apprenti":{"dateNaissance":"2024-02-29"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Decode(data)
		if err != nil {
			var ie *ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("error is not an *ImportError: %v", err)
			}
			if leak := goInternals(ie.Message); leak != "" {
				t.Fatalf("message %q shows %q", ie.Message, leak)
			}
			if ie.Line < 0 || ie.Line > bytes.Count(data, []byte{'\n'})+1 || ie.Column < 0 || (ie.Line > 0) != (ie.Column > 0) {
				t.Fatalf("position %d:%d out of the document", ie.Line, ie.Column)
			}
			return
		}
		// Whatever Decode accepts, the strict generic walk accepts too: no
		// unknown or misplaced key slips through the fast path.
		var v any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&v); err == nil {
			if ie := walk(v, reflect.TypeOf(Contract{}), ""); ie != nil {
				t.Fatalf("accepted a document the walk refuses: %v", ie)
			}
		}
		out, err := Encode(c)
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		c2, err := Decode(out)
		if err != nil {
			t.Fatalf("export does not re-import: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(c, c2) {
			t.Fatalf("round trip changed the contract")
		}
	})
}

// goInternals returns the piece of an error message that comes from Go
// rather than from us ("" if none): encoding/json's English, io.EOF.
func goInternals(msg string) string {
	for _, s := range []string{"invalid character", "looking for", "EOF", "json:", "unexpected end", "Go struct", "cannot unmarshal"} {
		if strings.Contains(msg, s) {
			return s
		}
	}
	return ""
}

// TestDecodeSyntaxErrorsFrench: a malformed document is refused with a
// French message that places the error by line and column, and none of
// encoding/json's English (issue 14.10: « JSON invalide : EOF »,
// « invalid character 'H' looking for beginning of value »).
func TestDecodeSyntaxErrorsFrench(t *testing.T) {
	tests := []struct {
		name, doc    string
		line, column int
		want         string
	}{
		{"empty", "", 0, 0, "document vide"},
		{"blank", " \n\t", 0, 0, "document vide"},
		{"plain text", "Hello", 1, 1, "caractère « H » inattendu là où une valeur est attendue"},
		{"value on line 3", "{\n  \"employeur\": {\n    \"siret\": H\n}", 3, 14, "JSON invalide, ligne 3, colonne 14"},
		{"cut short", "{\n\"employeur\":", 2, 13, "JSON incomplet, ligne 2, colonne 13"},
		{"missing colon", `{"a" 1}`, 1, 6, "« : » attendu"},
		{"accented letter counts as one column", "{\"é\": 1,\n é}", 2, 2, "caractère « é » inattendu"},
		{"control character", "{\"employeur\":{\"siret\":\"a\tb\"}}", 1, 25, "U+0009"},
		{"trailing data", "{}\n\n  x", 3, 3, "contenu en trop"},
		{"array element", "[1 2]", 1, 4, "« , » ou « ] » attendu"},
		{"UTF-16", "\xff\xfe{\x00}\x00", 0, 0, "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.doc))
			var ie *ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("want *ImportError, got %v", err)
			}
			if ie.Line != tt.line || ie.Column != tt.column {
				t.Errorf("position %d:%d, want %d:%d (%s)", ie.Line, ie.Column, tt.line, tt.column, ie.Message)
			}
			if !strings.Contains(ie.Message, tt.want) {
				t.Errorf("message %q lacks %q", ie.Message, tt.want)
			}
			if leak := goInternals(ie.Message); leak != "" {
				t.Errorf("message %q shows %q", ie.Message, leak)
			}
		})
	}
}

// TestDecodeBOM: a UTF-8 file that starts with a byte order mark, as
// Windows Notepad writes it, is the same contract (issue 14.17).
func TestDecodeBOM(t *testing.T) {
	plain := readExample(t, "apprentissage-base.json")
	want, err := Decode(plain)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(append([]byte("\xef\xbb\xbf"), plain...))
	if err != nil {
		t.Fatalf("with a BOM: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("the BOM changed the contract")
	}
	// Only one, and only at the start: elsewhere it is not JSON.
	for _, doc := range []string{"\xef\xbb\xbf\xef\xbb\xbf{}", "{}\xef\xbb\xbf"} {
		if _, err := Decode([]byte(doc)); err == nil {
			t.Errorf("%q accepted", doc)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	data := readExample(b, "apprentissage-base.json")
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKeysKnown(b *testing.B) {
	data := readExample(b, "apprentissage-base.json")
	for b.Loop() {
		if !keysKnown(data) {
			b.Fatal("keys")
		}
	}
}
