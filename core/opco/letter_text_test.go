package opco

import (
	"bytes"
	"context"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/google/uuid"

	"cerfadesk/core/opcoapi"
)

// The letter's text the agent is given (GET /v1/contracts/{id}) is what
// its PDF says, word for word, in order: a courrier d'anomalie with two
// fields and a piece, and a refusal.
func TestLetterTextIsThePDFs(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: install poppler-utils")
	}
	f := newFixture(t)
	ent, agent := f.login("leroux"), f.login("agent")
	for _, tc := range []struct {
		name string
		req  opcoapi.DecisionRequest
		want []string
	}{
		{"anomalie: a piece and two fields", opcoapi.DecisionRequest{Action: opcoapi.DecisionAnomalieSaisie,
			Pieces: []opcoapi.MissingPiece{{Piece: "CONVENTION_FORMATION", Commentaire: "Signature du CFA absente"}},
			Errors: []opcoapi.FieldError{{Tab: "Contrat", Field: "contrat.salaireEmbauche", Commentaire: "Inférieur au minimum"},
				{Tab: "Salarié", Field: "apprenti.nir", Commentaire: "La clé ne correspond pas"}}},
			[]string{"1. Convention de formation : Signature du CFA absente", "\tInférieur au minimum", "(apprenti.nir)\tLa clé ne correspond pas"}},
		{"refus", opcoapi.DecisionRequest{Action: opcoapi.DecisionRefus, Motifs: []string{"Formation non éligible", "Contrat conclu hors délai"}},
			[]string{"1. Formation non éligible\n2. Contrat conclu hors délai"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := uuid.NewString()
			out, _, e := f.transmit(ent, id, exampleJSON(t))
			if e != nil {
				t.Fatal(e)
			}
			tc.req.MessageID, tc.req.Version = uuid.NewString(), out.Contract.Version
			if st, e := f.call(agent, "POST", opcoapi.ContractSubPath(id, "decision"), tc.req, nil); e != nil {
				t.Fatalf("decision: %d %+v", st, e)
			}
			var got opcoapi.Contract
			if st, e := f.call(agent, "GET", opcoapi.ContractPath(id), nil, &got); e != nil {
				t.Fatalf("GET: %d %+v", st, e)
			}
			var letter opcoapi.Document
			for _, d := range got.Documents {
				if d.Letter {
					letter = d
				}
			}
			if letter.Text == "" {
				t.Fatalf("no letter text among %+v", got.Documents)
			}
			for _, w := range tc.want {
				if !strings.Contains(letter.Text, w) {
					t.Errorf("the text lacks %q:\n%s", w, letter.Text)
				}
			}
			rc, err := f.svc.Contents.OpenContent(context.Background(), letter.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			buf.ReadFrom(rc)
			rc.Close()
			footer := f.svc.opcoName()
			if f.svc.OPCO.Siret != "" {
				footer += " — SIRET " + f.svc.OPCO.Siret
			}
			if text, pdf := squeeze(letter.Text), rawPDFText(t, buf.Bytes(), footer); text != pdf {
				t.Errorf("the text is not the PDF's:\ntext: %s\npdf:  %s", text, pdf)
			}
			// The lists leave the text out.
			var l opcoapi.ContractList
			f.call(ent, "GET", opcoapi.Prefix+"/contracts", nil, &l)
			for _, c := range l.Contracts {
				for _, d := range c.Documents {
					if d.Text != "" {
						t.Errorf("the list carries the text of %s", d.Name)
					}
				}
			}
		})
	}
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// rawPDFText is pdftotext -raw (the order things are drawn), without
// spaces and page footers.
func rawPDFText(t *testing.T, data []byte, footer string) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// Each page's footer: its number, then the OPCO.
	return regexp.MustCompile(`Page\d+/\d+(?:`+regexp.QuoteMeta(squeeze(footer))+`)?`).ReplaceAllString(squeeze(string(out)), "")
}
