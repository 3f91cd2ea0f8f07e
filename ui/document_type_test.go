package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// In « Anomalie : pièce manquante », « Ajouter » proposes for a file whose
// name tells nothing the piece the courrier d'anomalie asks for (issue 15.11).
func TestAddDocumentProposesTheAskedPiece(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	rec = do(t, env, rec, entreprise, workflow.Transmettre)
	out, err := env.Service.Do(context.Background(), workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: agent,
		Action: workflow.DeclarerAnomaliePiece, Note: "Programme de formation (document annexé) : manquant"})
	if err != nil {
		t.Fatal(err)
	}
	_, ed := openEditor(t, env, out.Record.ID)
	if len(ed.history) == 0 {
		t.Fatal("history not loaded: the test proves nothing")
	}
	ed.documents.askTypes([]string{"scan0001.pdf", "convention_formation.pdf"})
	popup := topOverlay(t, ed.win)
	var got []string
	walk(popup, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			got = append(got, s.Selected)
		}
	})
	want := []string{docs.TypeLabel(docs.TypeProgrammeFormation), docs.TypeLabel(docs.TypeConventionFormation)}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("types proposed %q, want %q", got, want)
	}
}
