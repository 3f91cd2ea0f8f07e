package ui

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/civil"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/pdf"
)

// The letter the agent is shown is the letter produced: the text the
// service kept with the PDF, which says the same words in the same order
// as the PDF (pdftotext -raw, page footers aside), for a courrier
// d'anomalie with two fields and a piece, and a refusal.
func TestAgentIsShownTheLetterTheServiceDrew(t *testing.T) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is missing: install poppler-utils")
	}
	c := example(t, "apprentissage-base.json")
	base := pdf.Letter{Opco: pdf.Sender{Nom: "Opcommerce", Siret: "85197427100021", Ville: "Paris"}, Date: civil.MustParse("2025-09-03"),
		Kind: c.TypeFormulaire, Reference: "OPC-000042", Employeur: c.Employeur.Denomination, Alternant: c.Apprenti.Prenom + " " + c.Apprenti.Nom,
		DateDebut: c.Contrat.DateDebutContrat, DateFin: c.Contrat.DateFinContrat, Destinataire: pdf.Addressee{Nom: c.Employeur.Denomination}}
	for _, tc := range []struct {
		name, typ string
		draw      func(*bytes.Buffer) (string, error)
		want      []string
	}{
		{"anomalie: a piece and two fields", docs.TypeCourrierAnomalie, func(b *bytes.Buffer) (string, error) {
			return pdf.CourrierAnomalieText(b, pdf.AnomalieData{Letter: base,
				Pieces: []pdf.MissingPiece{{Piece: "Convention de formation", Commentaire: "Signature du CFA absente"}},
				Erreurs: []pdf.EntryError{{Onglet: "Contrat", Cle: "contrat.salaireEmbauche", Commentaire: "Inférieur au minimum"},
					{Onglet: "Salarié", Cle: "apprenti.nir", Commentaire: "La clé ne correspond pas"}}})
		}, []string{"Signature du CFA absente", "Inférieur au minimum", "La clé ne correspond pas"}},
		{"refus", docs.TypeDecisionRefus, func(b *bytes.Buffer) (string, error) {
			return pdf.DecisionRefusText(b, pdf.RefusData{Letter: base, Motifs: []string{"Formation non éligible", "Contrat conclu hors délai"}})
		}, []string{"1. Formation non éligible", "2. Contrat conclu hors délai"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			text, err := tc.draw(&buf)
			if err != nil {
				t.Fatal(err)
			}
			w, desk := agentFixture(t, c, func(rc *opcoapi.Contract) {
				rc.Documents = []opcoapi.Document{{ID: "d9", Type: tc.typ, Name: "courrier.pdf", Letter: true, Text: text}}
			})
			// The decision's note says other words: they are not shown.
			desk.history = []opcoapi.Event{{Action: "refuser", DocumentID: "d9", Note: "Note de l'historique"}}
			desk.docs["d9"] = buf.Bytes()
			openFirst(t, w)
			tapIn(t, w.view.side, "Voir")
			l, ok := w.viewer.(*widget.Label)
			if !ok {
				t.Fatalf("the letter is not shown as text (%T)", w.viewer)
			}
			for _, want := range tc.want {
				if !strings.Contains(l.Text, want) || strings.Contains(l.Text, "Note de l'historique") {
					t.Errorf("the letter shown lacks %q or shows the note:\n%s", want, l.Text)
				}
			}
			p := filepath.Join(t.TempDir(), "courrier.pdf")
			if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(tool, "-raw", "-enc", "UTF-8", p, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			footer := regexp.MustCompile(`Page\d+/\d+(?:Opcommerce—SIRET85197427100021)?`)
			if shown, said := squeezeSpaces(l.Text), footer.ReplaceAllString(squeezeSpaces(string(out)), ""); shown != said {
				t.Errorf("shown:\n%s\nthe PDF says:\n%s", shown, said)
			}
		})
	}
}

func squeezeSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
