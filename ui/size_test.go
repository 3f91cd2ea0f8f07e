package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/opcoapi"
	opcosync "cerfadesk/core/sync"
	"cerfadesk/core/workflow"
	"cerfadesk/storage"
)

// screen is the smallest screen the application is made for; menuBar is
// the height the desktop driver adds above a window's content for its
// menus (Fyne 2.7: one line of menu text and its padding, about 36 px).
var screen = fyne.NewSize(1280, 720)

const menuBar = 40

// fits reports an error when a window's content cannot fit the screen.
func fits(t *testing.T, what string, w fyne.Window) {
	t.Helper()
	min := w.Content().MinSize()
	if min.Width > screen.Width || min.Height+menuBar > screen.Height {
		t.Errorf("%s: minimum size %.0f × %.0f (+%d of menus) does not fit %v", what, min.Width, min.Height, menuBar, screen)
	}
}

func TestMainWindowFitsTheScreenInEveryState(t *testing.T) {
	env := newTestEnv(t, "2026-11-26")
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	fits(t, "empty list, local", d.win)
	sy, err := opcosync.New(env.Store.(*storage.Store), env.Service.Blobs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	d.AttachSync(context.Background(), sy)
	long := strings.Repeat("organisme-de-formation-", 6) + "@example.fr"
	states := []struct {
		name string
		s    opcosync.Status
	}{
		{"local", opcosync.Status{Mode: opcosync.ModeLocal}},
		{"signed in", opcosync.Status{Mode: opcosync.ModeOnline, SignedIn: true, Account: opcoapi.Account{Login: long, Role: "cfa"},
			LastSuccess: time.Now()}},
		{"syncing", opcosync.Status{Mode: opcosync.ModeSyncing, SignedIn: true, Message: "Synchronisation",
			Progress: opcosync.Progress{Step: "Envoi de la pièce « Convention de formation signée par toutes les parties.pdf »", Done: 12, Total: 340}}},
		{"offline with everything", opcosync.Status{Mode: opcosync.ModeOffline, SignedIn: true,
			Message: "Hors ligne : le service de l'OPCO est injoignable (délai dépassé)", Pending: 12, Conflicts: 3, Rejections: 2,
			LastSuccess: time.Now().Add(-50 * time.Hour)}},
		{"error", opcosync.Status{Mode: opcosync.ModeError, SignedIn: true, Message: strings.Repeat("Erreur de synchronisation très longue ", 8)}},
	}
	for _, st := range states {
		d.opco.show(st.s)
		d.notice.SetText(strings.Repeat("Fichier « convention de formation.pdf » joint au contrat C-000123 ", 3))
		d.count.SetText("Aucun contrat pour l'instant : cliquez sur « Nouveau contrat ».")
		fits(t, "main window, "+st.name, d.win)
		if !d.syncLabel.truncated() && len(d.syncLabel.Text) > 150 {
			t.Errorf("%s: a long status is not cut at the window's width", st.name)
		}
	}
}

func TestContractWindowsFitTheScreenInEveryState(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	paths := []struct {
		name    string
		actions []workflow.Action
		by      workflow.Actor
		viewers []workflow.Actor // who opens it (the roles with most buttons)
	}{
		{"en cours de saisie", nil, entreprise, []workflow.Actor{entreprise, cfaActor}},
		{"transmis", []workflow.Action{workflow.Transmettre}, entreprise, []workflow.Actor{entreprise, agent}},
		{"en instruction", []workflow.Action{workflow.Transmettre, workflow.OuvrirInstruction}, agent, []workflow.Actor{agent}},
		{"anomalie pièce", []workflow.Action{workflow.Transmettre, workflow.DeclarerAnomaliePiece}, agent, []workflow.Actor{entreprise}},
		{"anomalie saisie", []workflow.Action{workflow.Transmettre, workflow.DeclarerAnomalieSaisie}, agent, []workflow.Actor{entreprise}},
		{"engagé", []workflow.Action{workflow.Transmettre, workflow.DeclarerConforme}, agent, []workflow.Actor{entreprise}},
		{"refusé", []workflow.Action{workflow.Transmettre, workflow.Refuser}, agent, []workflow.Actor{entreprise}},
		{"annulé", []workflow.Action{workflow.Annuler}, entreprise, []workflow.Actor{entreprise}},
	}
	for _, p := range paths {
		c := example(t, "apprentissage-base.json")
		if len(p.actions) == 0 { // long names in the title (they would not pass the checks)
			c.Apprenti.Nom = strings.Repeat("DE LA FONTAINE-", 8)
			c.Employeur.Denomination = strings.Repeat("SOCIÉTÉ COOPÉRATIVE ", 6)
		}
		rec := create(t, env, entreprise, c)
		for i, act := range p.actions {
			by := p.by
			if i == 0 && act == workflow.Transmettre {
				by = entreprise
			}
			rec = do(t, env, rec, by, act)
		}
		for _, actor := range p.viewers {
			env.Actor = actor
			d.OpenContract(rec.ID)
			ed := d.Editor(rec.ID)
			if ed == nil {
				t.Fatalf("%s: no window", p.name)
			}
			ed.buildAll() // the tabs' minimum size is their largest page's
			fits(t, p.name+" as "+string(actor.Role), ed.win)
			ed.close()
		}
	}
	// A contract pre-filled by the CFA, with ACCEPTER and its notice.
	env.Actor = cfaActor
	rec := create(t, env, cfaActor, example(t, "apprentissage-base.json"))
	rec = do(t, env, rec, cfaActor, workflow.EnvoyerEntreprise)
	env.Actor = entreprise
	d.OpenContract(rec.ID)
	fits(t, "envoyé par le CFA, with ACCEPTER", d.Editor(rec.ID).win)
}

func TestDefaultWindowSizesFitTheScreen(t *testing.T) {
	for _, s := range []fyne.Size{mainWindowSize, contractWindowSize} {
		if s.Width > screen.Width || s.Height+menuBar > screen.Height {
			t.Errorf("default size %v does not fit %v", s, screen)
		}
	}
}

// visibleRows is how many rows of a table show whole in its height: the
// table's cells and header are labels, one line each, with a separator
// under every row.
func visibleRows(t *widget.Table) int {
	sep := theme.SeparatorThicknessSize()
	header := widget.NewLabelWithStyle("Référence", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}).MinSize().Height
	row := widget.NewLabel("OPC-000001").MinSize().Height
	return int((t.Size().Height - header) / (row + sep))
}

// An agent works through the queue all day: on a 1 280 × 720 screen the
// window shows at least 8 contracts of the queue and, beside them, the
// review's tabs wide and tall enough to read a form.
func TestAgentWindowShowsTheQueueBesideTheReviewAt1280x720(t *testing.T) {
	c := example(t, "apprentissage-base.json")
	w, desk := agentFixture(t, c)
	var list []opcoapi.Contract
	for i := range 30 {
		rc := desk.queue.Contracts[0]
		rc.ID, rc.Reference = fmt.Sprintf("c%03d", i), fmt.Sprintf("OPC-%06d", i)
		desk.contents[rc.ID] = c
		list = append(list, rc)
	}
	desk.queue.Contracts = list
	w.reload()
	openFirst(t, w)
	w.view.buildAll()
	w.win.Resize(fyne.NewSize(screen.Width, screen.Height-menuBar))
	fits(t, "agent window", w.win)
	n := visibleRows(w.table)
	t.Logf("%d queue rows, tabs %v, at %v", n, w.view.tabs.Size(), screen)
	if n < 8 {
		t.Errorf("the queue shows %d whole rows at %v (table %v), want at least 8", n, screen, w.table.Size())
	}
	if s := w.view.tabs.Size(); s.Width < 560 || s.Height < 380 {
		t.Errorf("the review's tabs are %v at %v, too small to read a form", s, screen)
	}
	// Unfolded, the filters still leave rows of the queue.
	w.toggleFilters()
	w.win.Resize(fyne.NewSize(screen.Width, screen.Height-menuBar-1))
	w.win.Resize(fyne.NewSize(screen.Width, screen.Height-menuBar))
	if n := visibleRows(w.table); n < 4 {
		t.Errorf("with the filters shown the queue shows %d rows", n)
	}
}

// Where the agent drags the divider between the queue and the review is
// kept in the data folder's preferences for the next window.
func TestAgentWindowKeepsTheQueueShare(t *testing.T) {
	path := filepath.Join(t.TempDir(), "preferences.json")
	prefs, err := OpenPreferences(path)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := agentFixture(t, example(t, "apprentissage-base.json"))
	w.env.Prefs = prefs
	if w.split.Offset != defaultSplit {
		t.Fatalf("first share %v, want %v", w.split.Offset, defaultSplit)
	}
	w.split.SetOffset(0.5)
	openFirst(t, w) // the share is saved as the agent moves on
	again, err := OpenPreferences(path)
	if err != nil {
		t.Fatal(err)
	}
	w2 := newAgentWindow(test.NewTempApp(t), w.env, context.Background(), w.desk)
	defer w2.win.Close()
	if got := queueSplit(again); got != 0.5 || w2.split.Offset != 0.5 {
		t.Errorf("share kept %v, next window %v: want 0.5", got, w2.split.Offset)
	}
	for _, bad := range []float64{0, 0.99, -1} { // a hand-edited file
		again.SetFloat(splitKey, bad)
		if got := queueSplit(again); got != defaultSplit {
			t.Errorf("share %v read as %v, want the default", bad, got)
		}
	}
}
