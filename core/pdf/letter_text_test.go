package pdf

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// squeeze drops every space: the PDF wraps lines where the text does not.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// rawText is pdftotext -raw (the content stream's order) without the page
// footers, which the letter's text leaves out.
func rawText(t *testing.T, data []byte, footer string) string {
	t.Helper()
	out, err := exec.Command(requireTool(t, "pdftotext"), "-raw", "-enc", "UTF-8", writeTemp(t, "letter.pdf", data), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// Each page's footer: its number, then the OPCO.
	return regexp.MustCompile(`Page\d+/\d+(?:`+regexp.QuoteMeta(squeeze(footer))+`)?`).ReplaceAllString(squeeze(string(out)), "")
}

// The text kept with a letter is what its PDF says, word for word and in
// the same order: for each letter, a courrier d'anomalie with two fields
// and a piece, one so long its table goes over a page, and a refusal.
func TestLetterTextIsWhatThePDFSays(t *testing.T) {
	long := sampleAnomalie()
	for i := range 40 {
		long.Erreurs = append(long.Erreurs, EntryError{Onglet: "Salarié", Cle: "apprenti.nom", Commentaire: fmt.Sprintf("Remarque n° %d sur le nom de naissance.", i+1)})
	}
	two := sampleAnomalie()
	two.Erreurs = two.Erreurs[:2]
	avenant := sampleAccord()
	avenant.NumeroAvenant = "2"
	for _, tc := range []struct {
		name  string
		draw  func(*bytes.Buffer) (string, error)
		pages int
		want  []string
	}{
		{"accord", func(b *bytes.Buffer) (string, error) { return CourrierAccordText(b, sampleAccord()) }, 1,
			[]string{"Niveau de prise en charge, 1re année (01/09/2025 – 31/08/2026)\t7", "Total\t14"}},
		{"accord of an avenant", func(b *bytes.Buffer) (string, error) { return CourrierAccordText(b, avenant) }, 1,
			[]string{"N° d'avenant : 2", "avenant n° 2 au contrat n° 069202509NC0123"}},
		{"anomalie: a piece and two fields", func(b *bytes.Buffer) (string, error) { return CourrierAnomalieText(b, two) }, 1,
			[]string{"1. Convention de formation : la convention", "Salarié\tNIR", "Onglet\tChamp\tCommentaire"}},
		{"anomalie over pages", func(b *bytes.Buffer) (string, error) { return CourrierAnomalieText(b, long) }, 2,
			[]string{"Remarque n° 40 sur le nom de naissance."}},
		{"refus", func(b *bytes.Buffer) (string, error) { return DecisionRefusText(b, sampleRefus()) }, 1,
			[]string{"Destinataires de la présente décision :", "2. Le maître d'apprentissage", "Objet : Décision de refus"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			text, err := tc.draw(&buf)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("the text lacks %q:\n%s", w, text)
				}
			}
			if n, pages := strings.Count(text, "Onglet\tChamp\tCommentaire"), pdfInfo(t, buf.Bytes())["Pages"]; tc.pages > 1 && fmt.Sprint(n) != pages {
				t.Errorf("the table's header is said %d times, drawn on each of %s pages", n, pages)
			}
			got, pdf := squeeze(text), rawText(t, buf.Bytes(), "Opcommerce — SIRET 85197427100021")
			if got != pdf {
				i := 0
				for i < len(got) && i < len(pdf) && got[i] == pdf[i] {
					i++
				}
				t.Errorf("the text and the PDF part at byte %d:\ntext: …%s\npdf:  …%s\n%s", i, clip(got[i:]), clip(pdf[i:]), text)
			}
		})
	}
}

func clip(s string) string {
	if len(s) > 120 {
		return s[:120]
	}
	return s
}
