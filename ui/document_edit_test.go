package ui

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// attach adds a document to a stored contract through the service.
func attach(t *testing.T, env *Env, id, typ, name string) docs.Document {
	t.Helper()
	out, err := env.Service.AddDocument(env.ctx(), workflow.DocumentRequest{ContractID: id, Actor: entreprise,
		Type: typ, Name: name, Content: bytes.NewReader(pdfBytes(name))})
	if err != nil {
		t.Fatal(err)
	}
	return *out.Document
}

// selects lists the selects below o.
func selects(o fyne.CanvasObject) []*widget.Select {
	var out []*widget.Select
	walk(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			out = append(out, s)
		}
	})
	return out
}

func TestDocumentTypeIsChangedInSaisie(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	d := attach(t, env, rec.ID, docs.TypeAutre, "Programme.pdf")
	_, ed := openEditor(t, env, rec.ID)

	sels := selects(ed.documents.list)
	if len(sels) != 1 || sels[0].Selected != docs.TypeLabel(docs.TypeAutre) {
		t.Fatalf("type selects of the list: %v", sels)
	}
	for _, o := range sels[0].Options {
		for _, l := range []string{docs.TypeCourrierAccord, docs.TypeCourrierAnomalie, docs.TypeDecisionRefus} {
			if o == docs.TypeLabel(l) {
				t.Errorf("the type select offers the OPCO letter type %q", o)
			}
		}
	}
	// The select shows its labels whole (« Convention de formation » was cut).
	sels[0].SetSelected(docs.TypeLabel(docs.TypeConventionFormation))
	if need := fyne.MeasureText(sels[0].Selected, theme.TextSize(), fyne.TextStyle{}).Width; sels[0].Size().Width < need+2*theme.InnerPadding()+theme.IconInlineSize() {
		t.Errorf("type select %.0f wide for %q (%.0f of text)", sels[0].Size().Width, sels[0].Selected, need)
	}
	sels[0].SetSelected(docs.TypeLabel(docs.TypeProgrammeFormation))

	got := stored(t, env, rec.ID)
	if len(got.Documents) != 1 || got.Documents[0].ID != d.ID || got.Documents[0].Type != docs.TypeProgrammeFormation {
		t.Fatalf("documents after retyping = %+v", got.Documents)
	}
	if !hasText(ed.documents.list, docs.TypeLabel(docs.TypeProgrammeFormation)) {
		t.Errorf("the list does not show the new type: %q", texts(ed.documents.list))
	}
	if ed.win.Canvas().Overlays().Top() != nil {
		t.Errorf("a dialog is shown: %q", texts(ed.win.Canvas().Overlays().Top()))
	}
}

func TestDocumentIsRemovedAfterConfirmation(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	attach(t, env, rec.ID, docs.TypeProgrammeFormation, "Programme.pdf")
	kept := attach(t, env, rec.ID, docs.TypeConventionFormation, "Convention.pdf")
	_, ed := openEditor(t, env, rec.ID)

	// « Annuler » keeps the document.
	tapIn(t, ed.documents.list, "Retirer")
	tapIn(t, topOverlay(t, ed.win), "Annuler")
	if n := len(stored(t, env, rec.ID).Documents); n != 2 {
		t.Fatalf("%d documents after Annuler, want 2", n)
	}

	tapIn(t, ed.documents.list, "Retirer")
	popup := topOverlay(t, ed.win)
	if !hasText(popup, "Programme.pdf") {
		t.Errorf("confirmation = %q", texts(popup))
	}
	tapIn(t, popup, "Retirer le document")

	got := stored(t, env, rec.ID)
	if len(got.Documents) != 1 || got.Documents[0].ID != kept.ID {
		t.Fatalf("documents after removal = %+v", got.Documents)
	}
	if hasText(ed.documents.list, "Programme.pdf") || !hasText(ed.documents.list, "Convention.pdf") {
		t.Errorf("list after removal = %q", texts(ed.documents.list))
	}
}

func TestOPCOLetterRowHasNoControls(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := transmitted(t, env)
	letter, err := env.Service.StoreDocument(env.ctx(), rec.ID, docs.TypeCourrierAnomalie, "courrier-anomalie.pdf",
		bytes.NewReader(pdfBytes("anomalie")), agent)
	if err != nil {
		t.Fatal(err)
	}
	out, err := env.Service.Do(env.ctx(), workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: agent,
		Action: workflow.DeclarerAnomaliePiece, Note: "test", Document: &letter})
	if err != nil {
		t.Fatal(err)
	}
	if out.Record.Status != workflow.AnomaliePiece || len(out.Record.Documents) != 1 {
		t.Fatalf("status %s, documents %+v", out.Record.Status, out.Record.Documents)
	}
	_, ed := openEditor(t, env, rec.ID)

	if !hasText(ed.documents.list, "courrier-anomalie.pdf") {
		t.Fatalf("list = %q", texts(ed.documents.list))
	}
	if findButton(ed.documents.list, "Retirer") != nil || len(selects(ed.documents.list)) != 0 {
		t.Error("the row of the courrier d'anomalie offers to remove or retype it")
	}
	if findButton(ed.documents.list, "Ouvrir") == nil {
		t.Error("the courrier d'anomalie cannot be opened")
	}
}

// In a correction (en cours de saisie after a courrier d'anomalie), the
// employer's pieces are editable but the OPCO's letter is not.
func TestOPCOLetterIsLockedInCorrection(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := transmitted(t, env)
	letter, err := env.Service.StoreDocument(env.ctx(), rec.ID, docs.TypeCourrierAnomalie, "courrier-anomalie.pdf",
		bytes.NewReader(pdfBytes("anomalie")), agent)
	if err != nil {
		t.Fatal(err)
	}
	out, err := env.Service.Do(env.ctx(), workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: agent,
		Action: workflow.DeclarerAnomalieSaisie, Note: "test", Document: &letter})
	if err != nil {
		t.Fatal(err)
	}
	rec = do(t, env, out.Record, entreprise, workflow.CreerDemandeModification)
	if rec.Status != workflow.EnCoursDeSaisie {
		t.Fatalf("status %s", rec.Status)
	}
	attach(t, env, rec.ID, docs.TypeAutre, "Programme.pdf")
	_, ed := openEditor(t, env, rec.ID)

	var retirer int
	walk(ed.documents.list, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Retirer" {
			retirer++
		}
	})
	if n := len(selects(ed.documents.list)); retirer != 1 || n != 1 {
		t.Fatalf("%d Retirer buttons and %d type selects, want one of each (the piece, not the letter)", retirer, n)
	}
	tapIn(t, ed.documents.list, "Retirer")
	tapIn(t, topOverlay(t, ed.win), "Retirer le document")
	got := stored(t, env, rec.ID)
	if len(got.Documents) != 1 || got.Documents[0].Type != docs.TypeCourrierAnomalie {
		t.Fatalf("documents = %+v", got.Documents)
	}
}
