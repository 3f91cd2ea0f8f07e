package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
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
