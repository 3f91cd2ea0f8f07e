package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/refcheck"
	"cerfadesk/core/rules"
	opcosync "cerfadesk/core/sync"
	"cerfadesk/core/workflow"
)

// fakeDesk is an agent's desk over fixed contracts: reviews are computed
// as opcosync.Desk computes them (rules, cerfa.Diff against Previous).
type fakeDesk struct {
	queue    opcoapi.Queue
	contents map[string]*contract.Contract
	previous map[string]*contract.Contract
	docs     map[string][]byte
	history  []opcoapi.Event
	// others are contracts the desk opens that are not in the queue (an
	// engaged contract an avenant changes).
	others  []opcoapi.Contract
	opened  []string
	decided []opcoapi.DecisionRequest
	// err is the answer of the next decisions (nil = accepted).
	err error
}

func (f *fakeDesk) Queue(context.Context) (opcoapi.Queue, error) { return f.queue, nil }

func (f *fakeDesk) Open(_ context.Context, id string) (opcosync.Review, error) {
	f.opened = append(f.opened, id)
	for _, c := range append(slices.Clip(f.queue.Contracts), f.others...) {
		if c.ID != id {
			continue
		}
		r := opcosync.Review{Contract: c, History: f.history}
		if k := f.contents[id]; k != nil {
			r.Cerfa = k
			r.Findings = rules.Validate(k, rules.Options{Today: civil.MustParse("2025-09-03"), Transmitted: true, SkipDeadline: true, Referential: refcheck.Default()})
		}
		if p := f.previous[id]; p != nil {
			r.Previous, r.Changes = p, cerfa.Diff(p, r.Cerfa)
		}
		return r, nil
	}
	return opcosync.Review{}, &opcoapi.Error{Code: opcoapi.CodeNotFound, Message: "Contrat introuvable."}
}

func (f *fakeDesk) Document(_ context.Context, _, docID string) (io.ReadCloser, error) {
	return io.NopCloser(bytes.NewReader(f.docs[docID])), nil
}

func (f *fakeDesk) OpenInstruction(_ context.Context, id string, _ int64) (opcoapi.Contract, error) {
	f.decided = append(f.decided, opcoapi.DecisionRequest{Action: "instruction " + id})
	return opcoapi.Contract{}, f.err
}

func (f *fakeDesk) Decide(_ context.Context, _ string, req opcoapi.DecisionRequest) (opcoapi.Contract, error) {
	f.decided = append(f.decided, req)
	return opcoapi.Contract{}, f.err
}

func days(n int) *int { return &n }

// agentFixture is a review window on a fake desk holding one contract of
// the domain examples, en instruction, held by the signed-in agent.
func agentFixture(t *testing.T, c *contract.Contract, mutate ...func(*opcoapi.Contract)) (*agentWindow, *fakeDesk) {
	t.Helper()
	env := newTestEnv(t, "2025-09-03")
	env.Actor = agent
	a := test.NewTempApp(t)
	rc := opcoapi.Contract{ID: "c1", Reference: "OPC-000042", Kind: string(c.TypeFormulaire), Status: string(workflow.EnInstruction),
		StatusLabel: "En cours d'instruction", Version: 3, EmployerName: c.Employeur.Denomination, EmployerSiret: c.Employeur.Siret,
		ApprenticeName: c.Apprenti.Nom + " " + c.Apprenti.Prenom, CFAName: c.OrganismeFormation.Denomination,
		ReceivedOn: civil.MustParse("2025-09-01"), DecisionDeadline: civil.MustParse("2025-09-21"), DaysLeft: days(18),
		Instructeur: agent.Name}
	for _, m := range mutate {
		m(&rc)
	}
	desk := &fakeDesk{queue: opcoapi.Queue{Today: civil.MustParse("2025-09-03"), Contracts: []opcoapi.Contract{rc}},
		contents: map[string]*contract.Contract{"c1": c}, previous: map[string]*contract.Contract{}, docs: map[string][]byte{}}
	w := newAgentWindow(a, env, context.Background(), desk)
	w.setMenu(nil)
	t.Cleanup(w.win.Close)
	w.reload()
	return w, desk
}

// openFirst selects the first row of the queue, as a click does.
func openFirst(t *testing.T, w *agentWindow) {
	t.Helper()
	w.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if w.view == nil {
		t.Fatalf("selecting the row did not show the contract (%s)", w.header.Text)
	}
}

func TestAgentReviewShowsTheWholeFormReadOnly(t *testing.T) {
	c := example(t, "apprentissage-base.json")
	c.Employeur.Siret = "12345678900000" // a wrong SIRET: a blocking finding on Employeur
	w, _ := agentFixture(t, c)
	openFirst(t, w)
	v := w.view
	var names []string
	for _, it := range v.tabs.Items {
		names = append(names, it.Text)
	}
	if !slices.Equal(names, cerfa.Tabs) {
		t.Fatalf("tabs %q, want the form's %q", names, cerfa.Tabs)
	}
	v.buildAll()
	// Every field of the kind that applies is on its tab, and no input
	// may be changed.
	for _, f := range cerfa.Leaves(c.TypeFormulaire) {
		if !f.Applies(v.form.c) || f.Input == cerfa.Computed {
			continue
		}
		fd := v.form.byKey[f.Key]
		if fd == nil {
			t.Errorf("field %s is not in the agent's form", f.Key)
			continue
		}
		if fd.tab != f.Tab {
			t.Errorf("field %s on tab %s, want %s", f.Key, fd.tab, f.Tab)
		}
		if d, ok := fd.focus.(fyne.Disableable); ok && !d.Disabled() {
			t.Errorf("field %s can be edited by the agent", f.Key)
		}
	}
	// The finding is under its field, and its tab is red.
	siret := v.form.byKey[cerfa.EmployeurSiret.Key]
	if !siret.msg.Visible() || siret.msg.Text == "" {
		t.Error("the SIRET's finding is not under the field")
	}
	if red := v.redTabs(); !slices.Contains(red, cerfa.TabEmployeur) {
		t.Errorf("red tabs %q lack Employeur", red)
	}
	// Beside the form: documents and history; the header names the holder.
	if !hasText(v.side, "Historique") || !hasText(v.side, "Documents") {
		t.Error("no documents and history beside the form")
	}
	if !strings.Contains(w.header.Text, "instruit par "+agent.Name) || !strings.Contains(w.header.Text, "18 jours") {
		t.Errorf("header %q", w.header.Text)
	}
	// Alt+4 shows the fourth tab, even while an entry has the focus.
	w.win.Canvas().Focus(w.employer)
	press(t, w.win, alt(fyne.Key4))
	if got := v.tabs.Selected().Text; got != cerfa.TabTuteur {
		t.Errorf("Alt+4 shows %s", got)
	}
}

func TestAgentQueueKeyboardPagesFiltersAndSort(t *testing.T) {
	c := example(t, "apprentissage-base.json")
	w, desk := agentFixture(t, c)
	var list []opcoapi.Contract
	for i := range 120 {
		rc := desk.queue.Contracts[0]
		rc.ID = fmt.Sprintf("c%03d", i)
		rc.Reference = fmt.Sprintf("OPC-%06d", i)
		rc.DaysLeft = days(20 - i%20)
		rc.Instructeur = ""
		rc.Status = string(workflow.Transmis)
		rc.StatusLabel = "Transmis à l'Opcommerce"
		if i%3 == 0 {
			rc.Instructeur = "autre.agent"
			rc.Status, rc.StatusLabel = string(workflow.EnInstruction), "En cours d'instruction"
		}
		if i == 7 {
			rc.EmployerName = "Boulangerie Durand"
			rc.CFAName = "CFA des Métiers"
		}
		desk.contents[rc.ID] = c
		list = append(list, rc)
	}
	desk.queue.Contracts = list
	w.reload()
	if w.pageLabel.Text != "Page 1 sur 3" || len(w.rows) != queuePage {
		t.Fatalf("%s, %d rows", w.pageLabel.Text, len(w.rows))
	}
	for i := 1; i < len(w.shown); i++ {
		if daysLeft(w.shown[i-1]) > daysLeft(w.shown[i]) {
			t.Fatal("the queue is not sorted by days left")
		}
	}
	if w.rows[0][8] != "1" {
		t.Errorf("first row %q: want 1 day left", w.rows[0])
	}
	test.Tap(w.next)
	if w.pageLabel.Text != "Page 2 sur 3" {
		t.Errorf("after « suivant »: %s", w.pageLabel.Text)
	}
	// The holder shows, and filters.
	w.holderSel.SetSelected("autre.agent")
	if len(w.shown) != 40 || w.rows[0][5] != "autre.agent" {
		t.Errorf("holder filter: %d shown, first row %q", len(w.shown), w.rows[0])
	}
	w.holderSel.SetSelected(noHolder)
	if len(w.shown) != 80 {
		t.Errorf("« personne »: %d shown", len(w.shown))
	}
	w.holderSel.SetSelected(anyHolder)
	test.Type(w.employer, "boulangerie")
	if len(w.shown) != 1 || w.shown[0].ID != "c007" {
		t.Errorf("employer filter: %d shown", len(w.shown))
	}
	w.employer.SetText("")
	test.Type(w.cfa, "metiers")
	if len(w.shown) != 1 {
		t.Errorf("CFA filter (accents ignored): %d shown", len(w.shown))
	}
	w.cfa.SetText("")
	w.status.SetSelected(w.env.statusLabel(workflow.EnInstruction))
	if len(w.shown) != 40 {
		t.Errorf("status filter: %d shown", len(w.shown))
	}
	w.status.SetSelected(anyStatus)
	// Alt+↓ walks the queue, across pages.
	press(t, w.win, alt(fyne.KeyDown))
	first := w.review.Contract.ID
	for range queuePage {
		press(t, w.win, alt(fyne.KeyDown))
	}
	if w.page != 1 || w.review.Contract.ID == first || w.selected != queuePage {
		t.Errorf("after %d × Alt+↓: page %d, selected %d", queuePage+1, w.page, w.selected)
	}
	press(t, w.win, alt(fyne.KeyUp))
	if w.selected != queuePage-1 || w.page != 0 {
		t.Errorf("Alt+↑: selected %d page %d", w.selected, w.page)
	}
}

func pngBytes(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		img.Set(x, 10, color.RGBA{200, 0, 0, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestAgentDocumentsImagesLettersAndPDFs(t *testing.T) {
	c := example(t, "apprentissage-base.json")
	at := time.Date(2025, 9, 2, 10, 30, 0, 0, time.Local)
	w, desk := agentFixture(t, c, func(rc *opcoapi.Contract) {
		rc.Documents = []opcoapi.Document{
			{ID: "d1", Type: "CONVENTION_FORMATION", Name: "convention.png", AddedBy: "rh@maison-leroux.example", AddedAt: at},
			{ID: "d2", Type: "CERFA_SIGNE", Name: "cerfa-signe.pdf", AddedBy: "rh@maison-leroux.example", AddedAt: at},
			{ID: "d3", Type: docs.TypeCourrierAccord, Name: "courrier-accord.pdf", AddedBy: "agent@opcommerce.example", AddedAt: at, Letter: true},
		}
		rc.NumeroDepot = "075202509NC0001"
		rc.Financement = []opcoapi.Funding{{Code: "NPEC-1", Libelle: "Niveau de prise en charge — 1re année de formation", Cents: 650000}}
	})
	desk.docs["d1"] = pngBytes(t)
	desk.docs["d2"] = []byte("%PDF-1.7\n%%EOF\n")
	desk.history = []opcoapi.Event{{Action: string(workflow.DeclarerConforme), Actor: "agent@opcommerce.example", From: "en_instruction", To: "engage", DocumentID: "d3", At: at}}
	refus := letterText(letterInput{Type: docs.TypeDecisionRefus, Motifs: []string{"Formation non éligible"}})
	if !strings.Contains(refus, "DÉCISION DE REFUS") || !strings.Contains(refus, "• Formation non éligible") {
		t.Errorf("refus letter:\n%s", refus)
	}
	var opened []*url.URL
	w.env.OpenURL = func(u *url.URL) error {
		opened = append(opened, u)
		return errors.New(`exec: "xdg-open": executable file not found in $PATH`)
	}
	openFirst(t, w)
	side := w.view.side
	if !hasText(side, "Convention de formation") || !hasText(side, "par rh@maison-leroux.example") || !hasText(side, "02/09/2025") {
		t.Errorf("documents beside the form lack type, who or when: %q", texts(side))
	}
	// A PNG shows inside the window.
	tapIn(t, side, "Voir")
	if img, ok := w.viewer.(*canvas.Image); !ok || img.Image == nil && img.Resource == nil && len(img.File) == 0 {
		if !ok {
			t.Fatalf("the PNG is not shown in the window (%T)", w.viewer)
		}
	}
	topOverlay(t, w.win).Hide()
	// A PDF goes to the system's viewer; without one, French and the path.
	var buttons []*widget.Button
	walk(side, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Voir" {
			buttons = append(buttons, b)
		}
	})
	if len(buttons) != 3 {
		t.Fatalf("%d « Voir » buttons", len(buttons))
	}
	test.Tap(buttons[1])
	if len(opened) != 1 || w.lastSaved == "" {
		t.Fatalf("the PDF was not handed to the viewer (%v)", opened)
	}
	t.Cleanup(func() { os.RemoveAll(w.lastSaved) })
	if data, err := os.ReadFile(w.lastSaved); err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Errorf("saved file: %v", err)
	}
	msg := topOverlay(t, w.win)
	if !hasText(msg, w.lastSaved) || !hasText(msg, "Aucune application n'a pu ouvrir") || hasText(msg, "xdg-open") {
		t.Errorf("no viewer: %q", texts(msg))
	}
	msg.Hide()
	// The OPCO's letter shows as text, with its funding.
	test.Tap(buttons[2])
	l, ok := w.viewer.(*widget.Label)
	if !ok {
		t.Fatalf("the letter is not shown as text (%T)", w.viewer)
	}
	for _, want := range []string{"COURRIER D'ACCORD", "075202509NC0001", "déclaré conforme", "1re année de formation", "6 500,00"} {
		if !strings.Contains(nbsp(l.Text), want) {
			t.Errorf("letter lacks %q:\n%s", want, l.Text)
		}
	}
}

func TestAgentSeesWhatChangedInACorrection(t *testing.T) {
	before := example(t, "apprentissage-base.json")
	after := example(t, "apprentissage-base.json")
	after.Employeur.Telephone = "0612345678"
	w, desk := agentFixture(t, after, func(rc *opcoapi.Contract) { rc.Correction = true })
	desk.previous["c1"] = before
	openFirst(t, w)
	v := w.view
	if v.changes == nil {
		t.Fatal("no « ce qui a changé » on top")
	}
	var changed []string
	walk(v.changes, func(o fyne.CanvasObject) {
		if l, ok := o.(*linkLabel); ok {
			changed = append(changed, l.Text())
		}
	})
	label := cerfa.EmployeurTelephone.Label(after.TypeFormulaire)
	if len(changed) != 1 || !strings.HasPrefix(changed[0], label+" : ") || !strings.Contains(changed[0], "→ 0612345678") {
		t.Fatalf("changes %q, want exactly the employer's phone", changed)
	}
	v.buildAll()
	if got := v.form.changedFields(); !slices.Equal(got, []string{cerfa.EmployeurTelephone.Key}) {
		t.Errorf("fields marked %q", got)
	}
	// A click on the line shows the field's tab.
	tapIn := func() {
		walk(v.changes, func(o fyne.CanvasObject) {
			if l, ok := o.(*linkLabel); ok {
				l.Tapped(nil)
			}
		})
	}
	tapIn()
	if v.tabs.Selected().Text != cerfa.TabEmployeur {
		t.Errorf("the change opened %s", v.tabs.Selected().Text)
	}
}

func TestAgentAnomalyOnAFieldNoRuleFlagged(t *testing.T) {
	c := example(t, "apprentissage-base.json")
	w, desk := agentFixture(t, c)
	openFirst(t, w)
	if n := len(blocking(w.review.Findings.Findings)); n != 0 {
		t.Fatalf("the base example has %d blocking findings", n)
	}
	test.Tap(w.anomalie)
	a := w.anomaly
	if a == nil {
		t.Fatal("no anomaly dialog")
	}
	// Pick Employeur → the phone, by its label.
	a.tab.SetSelected(cerfa.TabEmployeur)
	test.Type(a.search, "téléphone")
	if len(a.matches) != 1 || a.matches[0] != cerfa.EmployeurTelephone.Field {
		var got []string
		for _, f := range a.matches {
			got = append(got, f.Key)
		}
		t.Fatalf("search « téléphone » on Employeur: %q", got)
	}
	a.list.Select(0)
	var picked *anomalyField
	for _, x := range a.fields {
		if x.f == cerfa.EmployeurTelephone.Field {
			picked = x
		}
	}
	if picked == nil || !picked.check.Checked {
		t.Fatal("the phone was not added, ticked")
	}
	test.Type(picked.comment, "Le numéro ne répond pas.")
	// A free-text piece too.
	free := a.pieces[len(a.pieces)-1]
	test.Type(free.name, "Pièce d'identité")
	tapIn(t, topOverlay(t, w.win), "Voir le courrier…")
	preview := topOverlay(t, w.win)
	if !hasText(preview, "Téléphone") || !hasText(preview, "Le numéro ne répond pas.") || !hasText(preview, "Pièce d'identité") ||
		!hasText(preview, "L'employeur recevra ce courrier") {
		t.Fatalf("preview: %q", texts(preview))
	}
	tapIn(t, preview, "Envoyer le courrier")
	if len(desk.decided) != 1 {
		t.Fatalf("decisions %v", desk.decided)
	}
	got := desk.decided[0]
	want := []opcoapi.FieldError{{Tab: cerfa.TabEmployeur, Field: "employeur.telephone", Commentaire: "Le numéro ne répond pas."}}
	if got.Action != opcoapi.DecisionAnomalieSaisie || !slices.Equal(got.Errors, want) || len(got.Pieces) != 1 || got.Pieces[0].Piece != "Pièce d'identité" || got.TakeOver {
		t.Errorf("decision %+v", got)
	}
}

func TestAgentAnomalyProposesFlaggedFieldsFirst(t *testing.T) {
	c := example(t, "apprentissage-base.json")
	c.Employeur.Siret = "12345678900000"
	w, _ := agentFixture(t, c)
	openFirst(t, w)
	test.Tap(w.anomalie)
	a := w.anomaly
	if len(a.fields) == 0 || a.fields[0].f != cerfa.EmployeurSiret.Field || a.fields[0].check.Checked || a.fields[0].comment.Text == "" {
		t.Fatalf("the flagged SIRET is not proposed first, unticked, with its message")
	}
	if len(a.matches) < 100 {
		t.Errorf("the picker offers %d fields: every field of the table is a choice", len(a.matches))
	}
	tapIn(t, topOverlay(t, w.win), "Voir le courrier…")
	if !hasText(topOverlay(t, w.win), "Cochez au moins un champ") {
		t.Error("nothing ticked: no French reason")
	}
}

func TestAgentConformeAsksFundingAndConfirms(t *testing.T) {
	c := example(t, "apprentissage-base.json")
	w, desk := agentFixture(t, c, func(rc *opcoapi.Contract) {
		rc.Financement = []opcoapi.Funding{{Code: "NPEC-1", Libelle: "x", Cents: 600000}, {Code: opcoapi.FundingRestauration, Libelle: "y", Cents: 25000}}
	})
	openFirst(t, w)
	test.Tap(w.conforme)
	f := w.funding
	if f == nil {
		t.Fatal("« Déclarer conforme » did not ask for the funding")
	}
	years := 0
	for _, l := range f.lines {
		if strings.HasPrefix(l.Code, opcoapi.FundingNiveau) {
			years++
		}
	}
	if want := trainingYears(c); years != want || years < 2 {
		t.Errorf("%d year lines, want %d (a contract over 2 years)", years, want)
	}
	if f.entries[0].Text != "6000,00" || f.entries[len(f.entries)-2].Text != "250,00" {
		t.Errorf("not pre-filled from the previous decision: %q %q", f.entries[0].Text, f.entries[len(f.entries)-2].Text)
	}
	f.entries[1].SetText("")
	test.Type(f.entries[1], "7 000,50")
	hebergement := f.entries[len(f.entries)-3]
	test.Type(hebergement, "douze")
	tapIn(t, topOverlay(t, w.win), "Continuer…")
	if !f.msg.Visible() || !strings.Contains(f.msg.Text, "montant illisible") {
		t.Fatalf("a wrong amount: %q", f.msg.Text)
	}
	hebergement.SetText("")
	tapIn(t, topOverlay(t, w.win), "Continuer…")
	confirm := topOverlay(t, w.win)
	if !hasText(confirm, "L'employeur recevra le courrier d'accord") || !strings.Contains(nbsp(strings.Join(texts(confirm), "\n")), "7 000,50 €") {
		t.Fatalf("confirmation: %q", texts(confirm))
	}
	if len(desk.decided) != 0 {
		t.Fatal("decided before the confirmation")
	}
	tapIn(t, confirm, "Confirmer")
	if len(desk.decided) != 1 {
		t.Fatalf("decisions %v", desk.decided)
	}
	got := desk.decided[0]
	var codes []string
	for _, l := range got.Financement {
		codes = append(codes, fmt.Sprintf("%s=%d", l.Code, l.Cents))
	}
	if got.Action != opcoapi.DecisionConforme || !slices.Equal(codes, []string{"NPEC-1=600000", "NPEC-2=700050", "RESTAURATION=25000"}) {
		t.Errorf("decision %s %q", got.Action, codes)
	}
}

func TestAgentRefusConfirmsAndSaysWhoReceives(t *testing.T) {
	c := example(t, "apprentissage-base.json")
	w, desk := agentFixture(t, c)
	openFirst(t, w)
	test.Tap(w.refuser)
	test.Type(w.motifs, "Contrat hors champ")
	tapIn(t, topOverlay(t, w.win), "Continuer…")
	confirm := topOverlay(t, w.win)
	if !hasText(confirm, "recevront la décision de refus") {
		t.Fatalf("confirmation: %q", texts(confirm))
	}
	tapIn(t, confirm, "Confirmer")
	if len(desk.decided) != 1 || desk.decided[0].Action != opcoapi.DecisionRefus {
		t.Errorf("decisions %v", desk.decided)
	}
}

func TestAgentDecisionOnAnotherAgentsContract(t *testing.T) {
	c := example(t, "apprentissage-base.json")
	w, desk := agentFixture(t, c, func(rc *opcoapi.Contract) { rc.Instructeur = "autre.agent" })
	openFirst(t, w)
	test.Tap(w.refuser)
	test.Type(w.motifs, "Motif")
	tapIn(t, topOverlay(t, w.win), "Continuer…")
	confirm := topOverlay(t, w.win)
	if !hasText(confirm, "instruit par « autre.agent »") {
		t.Fatalf("no word of the holder: %q", texts(confirm))
	}
	tapIn(t, confirm, "Reprendre l'instruction et confirmer")
	if len(desk.decided) != 1 || !desk.decided[0].TakeOver {
		t.Fatalf("the take-over is not explicit in the decision: %+v", desk.decided)
	}
	// The service refuses (another agent took it meanwhile): its French
	// message, and the choice to take it over.
	desk.err = &opcoapi.Error{Code: opcoapi.CodeAssigned, Message: "Ce contrat est instruit par « autre.agent » : reprenez l'instruction pour décider."}
	desk.decided = nil
	desk.queue.Contracts[0].Instructeur = agent.Name
	w.reload()
	test.Tap(w.refuser)
	test.Type(w.motifs, "Motif")
	tapIn(t, topOverlay(t, w.win), "Continuer…")
	tapIn(t, topOverlay(t, w.win), "Confirmer")
	msg := topOverlay(t, w.win)
	if !hasText(msg, "instruit par « autre.agent »") || findButton(msg, "Reprendre l'instruction et décider") == nil {
		t.Fatalf("refusal: %q", texts(msg))
	}
	if len(desk.decided) != 1 || desk.decided[0].TakeOver {
		t.Errorf("first attempt %+v", desk.decided)
	}
}

// nbsp writes the narrow and non-breaking spaces of amounts as spaces.
func nbsp(s string) string { return strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(s) }

// synthèseChanges lists the lines of « Ce qui a changé » in the Synthèse.
func synthèseChanges(t *testing.T, ed *Editor) []string {
	t.Helper()
	ed.tabs.Select(ed.items[cerfa.TabSynthese])
	var out []string
	walk(ed.items[cerfa.TabSynthese].Content, func(o fyne.CanvasObject) {
		if l, ok := o.(*linkLabel); ok && strings.Contains(l.Text(), "→") {
			out = append(out, l.Text())
		}
	})
	return out
}

func TestSynthèseListsWhatChangedBeforeTransmittingACorrection(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := do(t, env, transmitted(t, env), agent, workflow.DeclarerAnomalieSaisie)
	_, ed := openEditor(t, env, rec.ID)
	tapIn(t, ed.win.Content(), "Créer une demande de modification")
	ed.buildAll()
	if got := synthèseChanges(t, ed); len(got) != 0 {
		t.Errorf("changes before any edit: %q", got)
	}
	retype(t, ed, cerfa.EmployeurTelephone.Key, "0612345678")
	tapIn(t, ed.win.Content(), "Enregistrer")
	got := synthèseChanges(t, ed)
	label := cerfa.EmployeurTelephone.Label(contract.Apprentissage)
	if len(got) != 1 || !strings.HasPrefix(got[0], label+" : ") || !strings.HasSuffix(got[0], "→ 0612345678") {
		t.Errorf("changes %q, want the phone only", got)
	}
	// The line takes the employer to the field.
	walk(ed.items[cerfa.TabSynthese].Content, func(o fyne.CanvasObject) {
		if l, ok := o.(*linkLabel); ok && strings.Contains(l.Text(), "→") {
			l.Tapped(nil)
		}
	})
	if ed.tabs.Selected().Text != cerfa.TabEmployeur {
		t.Errorf("the change opened %s", ed.tabs.Selected().Text)
	}
}

func TestSynthèseOfAnAvenantListsWhatItChanges(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := do(t, env, transmitted(t, env), agent, workflow.DeclarerConforme)
	d, ed := openEditor(t, env, rec.ID)
	tapIn(t, ed.win.Content(), "Créer une demande de modification")
	var av *Editor
	for id, e := range d.editors {
		if id != rec.ID {
			av = e
		}
	}
	if av == nil {
		t.Fatal("no avenant window")
	}
	av.buildAll()
	retype(t, av, cerfa.ContratSalaireEmbauche.Key, "1000")
	got := synthèseChanges(t, av)
	var salary bool
	for _, l := range got {
		if strings.HasPrefix(l, cerfa.ContratSalaireEmbauche.Label(contract.Apprentissage)+" : ") && strings.Contains(nbsp(l), "→ 1 000,00 €") {
			salary = true
		}
	}
	if !salary {
		t.Errorf("avenant changes %q lack the salary", got)
	}
}

func TestAgentSynthèseShowsChangesAndFunding(t *testing.T) {
	before := example(t, "apprentissage-base.json")
	after := example(t, "apprentissage-base.json")
	after.Employeur.Telephone = "0612345678"
	w, desk := agentFixture(t, after, func(rc *opcoapi.Contract) {
		rc.Financement = []opcoapi.Funding{{Code: "NPEC-1", Libelle: "Niveau de prise en charge — 1re année de formation", Cents: 650000},
			{Code: opcoapi.FundingHebergement, Libelle: "Frais annexes — hébergement", Cents: 30000}}
	})
	desk.previous["c1"] = before
	openFirst(t, w)
	press(t, w.win, alt(fyne.Key7))
	page := w.view.items[cerfa.TabSynthese].Content
	all := nbsp(strings.Join(texts(page), "\n"))
	for _, want := range []string{"Ce qui a changé", "→ 0612345678", "Prise en charge décidée par l'OPCO", "6 500,00 €", "Total", "6 800,00 €", "Rémunération minimale"} {
		if !strings.Contains(all, want) {
			t.Errorf("the agent's Synthèse lacks %q", want)
		}
	}
}

func TestAgentNextContractReusesTheFormWithItsOwnValues(t *testing.T) {
	bad := example(t, "apprentissage-base.json")
	bad.Employeur.Siret = "12345678900000"
	prev := example(t, "apprentissage-base.json")
	prev.Employeur.Siret = "12345678900000"
	prev.Employeur.Telephone = "0478000000"
	clean := example(t, "apprentissage-base.json")
	clean.Apprenti.Nom = "GIRARD"
	w, desk := agentFixture(t, bad)
	rc2 := desk.queue.Contracts[0]
	rc2.ID, rc2.Reference, rc2.DaysLeft = "c2", "OPC-000043", days(10)
	desk.queue.Contracts = append(desk.queue.Contracts, rc2)
	desk.contents["c2"] = clean
	desk.previous["c1"] = prev
	w.reload()
	press(t, w.win, alt(fyne.KeyDown)) // c2: fewest days left
	v := w.view
	v.buildAll()
	first := v.form.fields[0]
	name := v.form.byKey[cerfa.ApprentiNom.Key].input.(*widget.Entry)
	if w.review.Contract.ID != "c2" || name.Text != "GIRARD" || len(v.redTabs()) != 0 || v.changes != nil {
		t.Fatalf("c2: %s, name %q, red %q", w.review.Contract.ID, name.Text, v.redTabs())
	}
	press(t, w.win, alt(fyne.KeyDown))
	if w.view != v || v.form.fields[0] != first {
		t.Error("the form was built again for a contract of the same kind")
	}
	siret := v.form.byKey[cerfa.EmployeurSiret.Key]
	if w.review.Contract.ID != "c1" || name.Text != "MARTIN" || !siret.msg.Visible() || !slices.Contains(v.redTabs(), cerfa.TabEmployeur) {
		t.Errorf("c1: name %q, SIRET message %v, red %q", name.Text, siret.msg.Visible(), v.redTabs())
	}
	if got := v.form.changedFields(); !slices.Equal(got, []string{cerfa.EmployeurTelephone.Key}) || v.changes == nil {
		t.Errorf("c1 changes %q", got)
	}
	press(t, w.win, alt(fyne.KeyUp))
	if got := v.form.changedFields(); len(got) != 0 || siret.msg.Visible() {
		t.Errorf("back on c2: changes %q, SIRET message %v", got, siret.msg.Visible())
	}
}

func TestAgentLetterOfATakeOverLeavesTheNoteOut(t *testing.T) {
	c := example(t, "apprentissage-base.json")
	w, desk := agentFixture(t, c, func(rc *opcoapi.Contract) {
		rc.Documents = []opcoapi.Document{{ID: "d9", Type: docs.TypeDecisionRefus, Name: "decision-refus.pdf", Letter: true}}
	})
	desk.history = []opcoapi.Event{{Action: string(workflow.Refuser), DocumentID: "d9", Note: "Reprise de l'instruction de « agent2 » ; Formation non éligible"}}
	openFirst(t, w)
	text := w.letterOf(w.review.Contract.Documents[0])
	if !strings.Contains(text, "• Formation non éligible") || strings.Contains(text, "Reprise") {
		t.Errorf("refus letter:\n%s", text)
	}
}
