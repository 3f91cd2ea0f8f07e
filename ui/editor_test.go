package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
	"cerfadesk/core/rules"
	"cerfadesk/core/workflow"
)

func TestContractWindowHasTheEightTabsOfTheProcess(t *testing.T) {
	for _, name := range []string{"apprentissage-base.json", "professionnalisation-base.json"} {
		t.Run(name, func(t *testing.T) {
			env := newTestEnv(t, "2025-09-03")
			rec := create(t, env, entreprise, example(t, name))
			_, ed := openEditor(t, env, rec.ID)
			var got []string
			for _, it := range ed.tabs.Items {
				got = append(got, it.Text)
			}
			want := []string{"Introduction", "Employeur", "Salarié", "Tuteur", "Contrat", "Formation", "Synthèse", "Documents"}
			if !slices.Equal(got, want) {
				t.Errorf("tabs = %q, want %q", got, want)
			}
		})
	}
}

// The scenario of workflow.md §2, through the widgets: a wrong NIR key
// (Salarié) and the attestation unticked (Documents) → Transmettre →
// popup and exactly those two tabs red → fix → transmitted, in the store.
func TestTransmitWithTwoErrorsFlagsExactlyThoseTabsThenTransmits(t *testing.T) {
	env := newTestEnv(t, "2025-09-03") // the deadline of a 2025-09-01 start is 2025-09-06
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	_, ed := openEditor(t, env, rec.ID)

	retype(t, ed, "apprenti.nir", "106056938304599") // wrong key
	attest := ed.form.byKey["employeur.attestationPieces"].input.(*widget.Check)
	test.Tap(attest) // untick
	if !ed.dirty {
		t.Fatal("typing did not mark the contract as modified")
	}

	tapIn(t, ed.win.Content(), "Transmettre")
	popup := topOverlay(t, ed.win)
	if !hasText(popup, "Le Cerfa n'a pas pu être validé") {
		t.Fatalf("popup texts = %q", texts(popup))
	}
	if got, want := ed.FlaggedTabs(), []string{"Salarié", "Documents"}; !slices.Equal(got, want) {
		t.Errorf("red tabs = %q, want %q", got, want)
	}
	markup := test.RenderObjectToMarkup(ed.tabs)
	if n := strings.Count(markup, `themed="error"`); n != 2 {
		t.Errorf("tab bar markup holds %d error-themed icons, want 2:\n%s", n, markup)
	}
	if got := stored(t, env, rec.ID); got.Status != workflow.EnCoursDeSaisie || got.Contract.Apprenti.Nir != "106056938304599" {
		t.Errorf("after a refused Transmettre: status %s, NIR %q (Enregistrer must have saved)", got.Status, got.Contract.Apprenti.Nir)
	}
	// The message sits beside the field.
	if f := ed.form.byKey["apprenti.nir"]; !f.msg.Visible() || f.msg.Importance != widget.DangerImportance {
		t.Errorf("NIR message: visible %v, text %q", f.msg.Visible(), f.msg.Text)
	}
	// A click on a finding of the popup goes to its field.
	var nirLine *linkLabel
	walk(popup, func(o fyne.CanvasObject) {
		if l, ok := o.(*linkLabel); ok && nirLine == nil && strings.Contains(strings.ToLower(l.Text()), "nir") {
			nirLine = l
		}
	})
	if nirLine == nil {
		t.Fatalf("no NIR finding in the popup: %q", texts(popup))
	}
	ed.tabs.SelectIndex(0)
	test.Tap(nirLine)
	if ed.tabs.Selected().Text != "Salarié" {
		t.Errorf("the finding opened tab %q, want Salarié", ed.tabs.Selected().Text)
	}

	retype(t, ed, "apprenti.nir", "106056938304515")
	test.Tap(attest)
	if got := ed.FlaggedTabs(); len(got) != 0 {
		t.Errorf("red tabs after the fixes = %q, want none", got)
	}
	tapIn(t, ed.win.Content(), "Enregistrer")
	tapIn(t, ed.win.Content(), "Transmettre")
	popup = topOverlay(t, ed.win)
	if !hasText(popup, "prêt à être transmis à l'Opcommerce") || !hasText(popup, "passera au statut « Transmis à l'Opcommerce » dès son envoi") {
		t.Fatalf("popup texts = %q", texts(popup))
	}
	got := stored(t, env, rec.ID)
	if got.Status != workflow.Transmis || got.HorsDelai {
		t.Errorf("stored status %s (hors délai %v), want transmis in time", got.Status, got.HorsDelai)
	}
	if ed.badge.Text() != queuedLabel { // not at the OPCO yet: no synchronisation here
		t.Errorf("status shown %q", ed.badge.Text())
	}
	if !ed.form.readOnly {
		t.Error("a transmitted contract is still editable")
	}
}

func TestLateTransmissionWarnsWithTheDeadlineFirst(t *testing.T) {
	env := newTestEnv(t, "2025-09-12") // 5 jours ouvrables after 2025-09-01: 06/09/2025
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	_, ed := openEditor(t, env, rec.ID)

	tapIn(t, ed.win.Content(), "Transmettre")
	popup := topOverlay(t, ed.win)
	if !hasText(popup, "06/09/2025") || !hasText(popup, "hors délai") {
		t.Fatalf("late warning texts = %q", texts(popup))
	}
	if got := stored(t, env, rec.ID); got.Status != workflow.EnCoursDeSaisie {
		t.Fatalf("transmitted before the user confirmed: %s", got.Status)
	}
	tapIn(t, popup, "Transmettre hors délai")
	got := stored(t, env, rec.ID)
	if got.Status != workflow.Transmis || !got.HorsDelai {
		t.Errorf("stored status %s, hors délai %v; want transmis hors délai", got.Status, got.HorsDelai)
	}
}

func TestSentByCFAIsReadOnlyUntilACCEPTER(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	c := example(t, "apprentissage-base.json")
	rec := create(t, env, cfaActor, c)
	rec = do(t, env, rec, cfaActor, workflow.EnvoyerEntreprise)
	_, ed := openEditor(t, env, rec.ID)

	if ed.badge.Text() != "Envoyé par l'organisme ou le CFA" {
		t.Errorf("status shown %q", ed.badge.Text())
	}
	if !ed.form.readOnly || !entryOf(t, ed, "employeur.denomination").Disabled() {
		t.Error("the pre-filled contract is editable before ACCEPTER")
	}
	if b := findButton(ed.win.Content(), "Transmettre"); b != nil {
		t.Error("Transmettre is offered before ACCEPTER")
	}
	if !hasText(ed.bottom, "vous acceptez de voir les données qui ont été pré-saisies") {
		t.Errorf("the notice next to ACCEPTER is missing: %q", texts(ed.bottom))
	}
	tapIn(t, ed.bottom, "ACCEPTER")
	ed.buildAll()
	got := stored(t, env, rec.ID)
	if got.Status != workflow.EnCoursDeSaisie {
		t.Fatalf("after ACCEPTER: %s", got.Status)
	}
	if len(outboxOf(t, env, workflow.Accepter)) != 0 {
		t.Error("ACCEPTER sent something to the OPCO")
	}
	if ed.form.readOnly || entryOf(t, ed, "employeur.denomination").Disabled() {
		t.Error("the contract is still read-only after ACCEPTER")
	}
	if findButton(ed.win.Content(), "Transmettre") == nil {
		t.Error("no Transmettre after ACCEPTER")
	}
}

// shortcut types Ctrl (Cmd on macOS) + key on a window.
func shortcut(t *testing.T, w fyne.Window, key fyne.KeyName) {
	t.Helper()
	press(t, w, ctrl(key))
}

// outboxOf lists the pending outbox messages of an action.
func outboxOf(t *testing.T, env *Env, a workflow.Action) []workflow.OutboxEntry {
	t.Helper()
	list, err := env.Store.PendingOutbox(env.ctx(), 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []workflow.OutboxEntry
	for _, e := range list {
		if strings.Contains(string(e.Payload), `"action":"`+string(a)+`"`) {
			out = append(out, e)
		}
	}
	return out
}

// transmitted returns a contract transmitted by the employer.
func transmitted(t *testing.T, env *Env) workflow.Record {
	t.Helper()
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	return do(t, env, rec, entreprise, workflow.Transmettre)
}

func TestAnomaliePieceAllowsOnlyDocuments(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := do(t, env, transmitted(t, env), agent, workflow.DeclarerAnomaliePiece)
	_, ed := openEditor(t, env, rec.ID)

	if !ed.form.readOnly || !entryOf(t, ed, "apprenti.nom").Disabled() {
		t.Error("fields are editable in Anomalie : pièce manquante")
	}
	if b := findButton(ed.win.Content(), "Enregistrer"); b == nil || !b.Disabled() {
		t.Error("Enregistrer is usable in Anomalie : pièce manquante")
	}
	if findButton(ed.win.Content(), "Transmettre") != nil {
		t.Error("Transmettre is offered in Anomalie : pièce manquante")
	}
	if ed.documents.add.Disabled() || !ed.documents.drop.Visible() {
		t.Fatal("documents cannot be added in Anomalie : pièce manquante")
	}

	// A file dropped on the window (the handler SetOnDropped calls).
	path := filepath.Join(t.TempDir(), "Convention de formation signée.pdf")
	if err := os.WriteFile(path, pdfBytes("convention signée"), 0o600); err != nil {
		t.Fatal(err)
	}
	ed.documents.dropped([]fyne.URI{storage.NewFileURI(path)})
	popup := topOverlay(t, ed.win)
	var typ *widget.Select
	walk(popup, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			typ = s
		}
	})
	if typ == nil || typ.Selected != "Convention de formation" {
		t.Fatalf("type proposed for the dropped file: %v", typ)
	}
	tapIn(t, popup, "Enregistrer")

	got := stored(t, env, rec.ID)
	if got.Status != workflow.EnInstruction {
		t.Errorf("status after the piece was saved: %s, want en_instruction", got.Status)
	}
	if n := len(got.Documents); n != 1 || got.Documents[0].Type != "CONVENTION_FORMATION" {
		t.Errorf("documents = %+v", got.Documents)
	}
	if len(outboxOf(t, env, workflow.AjouterDocument)) == 0 {
		t.Error("the piece was not queued for the OPCO")
	}
	if !hasText(ed.documents.list, "Convention de formation signée.pdf") {
		t.Errorf("the list does not show the new piece: %q", texts(ed.documents.list))
	}
}

func TestAnomalieSaisieReopensWithCreerUneDemandeDeModification(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := do(t, env, transmitted(t, env), agent, workflow.DeclarerAnomalieSaisie)
	_, ed := openEditor(t, env, rec.ID)
	if !ed.form.readOnly {
		t.Error("editable before « Créer une demande de modification »")
	}
	tapIn(t, ed.win.Content(), "Créer une demande de modification")
	ed.buildAll()
	got := stored(t, env, rec.ID)
	if got.Status != workflow.EnCoursDeSaisie || !got.Correction {
		t.Fatalf("after the request: %s, correction %v", got.Status, got.Correction)
	}
	if ed.form.readOnly {
		t.Error("the Cerfa was not reopened for editing")
	}
	if !hasText(ed.banner, "Demande de modification") {
		t.Errorf("banner = %q", texts(ed.banner))
	}
}

func TestEngageStartsAnAvenant(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := do(t, env, transmitted(t, env), agent, workflow.DeclarerConforme)
	d, ed := openEditor(t, env, rec.ID)
	tapIn(t, ed.win.Content(), "Créer une demande de modification")
	if len(d.editors) != 2 {
		t.Fatalf("%d windows open, want the engaged contract and its avenant", len(d.editors))
	}
	for id, av := range d.editors {
		if id == rec.ID {
			continue
		}
		if av.rec.ParentID != rec.ID || av.rec.Status != workflow.EnCoursDeSaisie || av.form.readOnly {
			t.Errorf("avenant: parent %s, status %s, read-only %v", av.rec.ParentID, av.rec.Status, av.form.readOnly)
		}
		av.buildAll()
		if f := av.form.byKey["contrat.dateEffetAvenant"]; f == nil {
			t.Error("no date d'effet field")
		}
	}
	if got := stored(t, env, rec.ID); got.Status != workflow.Engage {
		t.Errorf("the engaged contract changed: %s", got.Status)
	}
}

func TestLiveFindingsShowBesideTheFieldAsTheUserTypes(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	_, ed := openEditor(t, env, rec.ID)
	f := ed.form.byKey["employeur.siret"]
	if f.msg.Visible() {
		t.Fatalf("message before typing: %q", f.msg.Text)
	}
	retype(t, ed, "employeur.siret", "83475962300013")
	if !f.msg.Visible() || !strings.Contains(f.msg.Text, "SIRET") {
		t.Errorf("message after a wrong SIRET: visible %v, %q", f.msg.Visible(), f.msg.Text)
	}
	// Nothing is flagged before the first Transmettre on a new contract.
	if got := ed.FlaggedTabs(); len(got) != 0 {
		t.Errorf("red tabs before Transmettre: %q", got)
	}
	retype(t, ed, "employeur.siret", "83475962300012")
	if f.msg.Visible() {
		t.Errorf("message after the fix: %q", f.msg.Text)
	}
	// A date typed wrong says so in French.
	retype(t, ed, "contrat.dateConclusion", "32/08/2025")
	if m := ed.form.byKey["contrat.dateConclusion"].msg; !m.Visible() || !strings.Contains(m.Text, "JJ/MM/AAAA") {
		t.Errorf("date message %q", m.Text)
	}
}

func TestConditionalFieldsAppearOnlyWhenTheyApply(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	_, ed := openEditor(t, env, rec.ID)
	fm := ed.form
	shown := func(key string) bool { return fm.visible(fm.byKey[key]) }

	if shown("contrat.dateEffetAvenant") || shown("contrat.numeroContratPrecedent") {
		t.Error("avenant fields shown for a first contract (type 11)")
	}
	typ := fm.byKey["contrat.typeContratApp"].input.(*widget.Select)
	for _, o := range typ.Options {
		if strings.HasPrefix(o, "21 – ") { // a new contract with the same employer
			typ.SetSelected(o)
		}
	}
	if !shown("contrat.numeroContratPrecedent") || shown("contrat.dateEffetAvenant") {
		t.Error("a succession (type 21) asks the previous number, not an avenant's date d'effet")
	}
	if got := fm.byKey["contrat.numeroContratPrecedent"].label.Text; got != "Numéro du contrat précédent" {
		t.Errorf("number label of a succession = %q", got)
	}
	// An avenant (avenant.go) is offered the avenant types only.
	avc := example(t, "apprentissage-base.json")
	avc.Contrat.Avenant = true
	_, avEd := openEditor(t, env, create(t, env, entreprise, avc).ID)
	avFm := avEd.form
	avTyp := avFm.byKey["contrat.typeContratApp"].input.(*widget.Select)
	avTyp.SetSelected(avTyp.Options[len(avTyp.Options)-1]) // 38
	if !strings.HasPrefix(avTyp.Selected, "38 – ") || !avFm.visible(avFm.byKey["contrat.dateEffetAvenant"]) || !avFm.visible(avFm.byKey["contrat.numeroContratPrecedent"]) {
		t.Errorf("avenant fields hidden for an avenant (type %q)", avTyp.Selected)
	}
	if got, want := avFm.byKey["contrat.numeroContratPrecedent"].label.Text, cerfa.ContratNumeroContratPrecedent.Label(contract.Apprentissage); got != want {
		t.Errorf("number label of an avenant = %q, want the Cerfa's %q", got, want)
	}

	if shown("apprenti.responsableLegal.nom") || shown("apprenti.apprentiMineurNonEmancipe") {
		t.Error("legal representative shown for an adult")
	}
	retype(t, ed, "apprenti.dateNaissance", "14/05/2009") // 16 at the conclusion
	if !shown("apprenti.apprentiMineurNonEmancipe") {
		t.Fatal("the émancipation question is hidden for a minor")
	}
	fm.byKey["apprenti.apprentiMineurNonEmancipe"].input.(*widget.RadioGroup).SetSelected("Oui")
	if !shown("apprenti.responsableLegal.nom") {
		t.Error("legal representative hidden for a minor non émancipé")
	}
	if shown("maitre2.nom") {
		t.Error("second maître shown without being declared")
	}
	if shown("employeur.regimeSpecifique") {
		t.Error("public-sector question shown for a private employer")
	}
}

func TestProFormShowsFranceTravailAndCDIFields(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "professionnalisation-base.json"))
	_, ed := openEditor(t, env, rec.ID)
	fm := ed.form
	shown := func(key string) bool { f := fm.byKey[key]; return f != nil && fm.visible(f) }
	if shown("maitre1.nom") || !shown("tuteur.nom") {
		t.Error("a professionalisation contract shows maîtres d'apprentissage instead of the tutor")
	}
	fm.byKey["apprenti.inscritFranceTravail"].input.(*widget.RadioGroup).SetSelected("Oui")
	if !shown("apprenti.numeroFranceTravail") {
		t.Error("France Travail number hidden for a registered salarié")
	}
	nature := fm.byKey["contrat.natureContrat"].input.(*widget.RadioGroup)
	nature.SetSelected("Contrat à durée indéterminée")
	if !shown("contrat.dateDebutActionPro") || shown("contrat.dateFinContrat") {
		t.Error("CDI: the action's dates should replace the end of the CDD")
	}
}

func TestSaveAlwaysSavesAndCtrlSToo(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	_, ed := openEditor(t, env, rec.ID)
	retype(t, ed, "employeur.siret", "12") // an error does not stop Enregistrer
	tapIn(t, ed.win.Content(), "Enregistrer")
	if got := stored(t, env, rec.ID); got.Contract.Employeur.Siret != "12" {
		t.Errorf("saved SIRET %q", got.Contract.Employeur.Siret)
	}
	retype(t, ed, "employeur.denomination", "SAS LEROUX ET FILS")
	shortcut(t, ed.win, fyne.KeyS)
	if got := stored(t, env, rec.ID); got.Contract.Employeur.Denomination != "SAS LEROUX ET FILS" {
		t.Errorf("Ctrl+S did not save: %q", got.Contract.Employeur.Denomination)
	}
	if ed.dirty {
		t.Error("still marked as modified after saving")
	}
}

func TestSynthèseListsFindingsByTabAndHistory(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	_, ed := openEditor(t, env, rec.ID)
	retype(t, ed, "apprenti.nir", "106056938304599")
	tapIn(t, ed.win.Content(), "Enregistrer")
	ed.tabs.Select(ed.items[rules.TabSynthese])
	page := ed.items[rules.TabSynthese].Content
	for _, want := range []string{"Âge de l'apprenti(e) au début du contrat", "19 ans", "Rémunération minimale", "774,78",
		"Date limite de transmission", "06/09/2025", "Contrôles", "Salarié", "Historique", "Enregistrer", "Convention de formation"} {
		if !hasText(page, want) {
			t.Errorf("Synthèse lacks %q", want)
		}
	}
	if findButton(page, "Exporter le Cerfa (PDF)") == nil {
		t.Error("no PDF export button")
	}
}

func TestCloseWithUnsavedChangesAsks(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	d, ed := openEditor(t, env, rec.ID)
	retype(t, ed, "employeur.denomination", "SAS NOUVELLE")
	ed.askClose()
	popup := topOverlay(t, ed.win)
	if !hasText(popup, "ne sont pas enregistrées") {
		t.Fatalf("close dialog texts: %q", texts(popup))
	}
	tapIn(t, popup, "Enregistrer")
	if got := stored(t, env, rec.ID); got.Contract.Employeur.Denomination != "SAS NOUVELLE" {
		t.Errorf("saved %q", got.Contract.Employeur.Denomination)
	}
	if d.Editor(rec.ID) != nil {
		t.Error("the window stayed open")
	}
}

func TestOPCONameComesFromConfiguration(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	env.OPCO, env.Service.OPCO = "Akto", "Akto"
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	_, ed := openEditor(t, env, rec.ID)
	tapIn(t, ed.win.Content(), "Transmettre")
	if popup := topOverlay(t, ed.win); !hasText(popup, "Transmis à l'Akto") {
		t.Errorf("popup texts = %q", texts(popup))
	}
	if !hasText(ed.banner, "prêt à être transmis à l'Akto") {
		t.Errorf("banner %q", texts(ed.banner))
	}
}

// The Synthèse's history names the changed fields by their Cerfa labels and
// the author by the profile, never by raw keys or the system's user.
func TestSynthèseHistorySaysCerfaLabels(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	_, ed := openEditor(t, env, rec.ID)
	retype(t, ed, "apprenti.nir", "106056938304599")
	tapIn(t, ed.win.Content(), "Enregistrer")
	ed.tabs.Select(ed.items[rules.TabSynthese])
	page := ed.items[rules.TabSynthese].Content
	found := false
	for _, s := range texts(page) {
		if strings.Contains(s, "apprenti.nir") {
			t.Errorf("history shows a raw key: %q", s)
		}
		found = found || strings.Contains(s, "NIR de l'apprenti(e)")
	}
	if !found {
		t.Errorf("history does not name « NIR de l'apprenti(e) »: %q", texts(page))
	}
}
