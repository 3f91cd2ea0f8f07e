package ui

import (
	"context"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/refcheck"
	"cerfadesk/core/rules"
	opcosync "cerfadesk/core/sync"
	"cerfadesk/core/workflow"
	"cerfadesk/storage"
)

func TestSyncStatusText(t *testing.T) {
	last := time.Now().Add(-time.Minute)
	cases := []struct {
		s    opcosync.Status
		want []string
		imp  widget.Importance
	}{
		{opcosync.Status{Mode: opcosync.ModeLocal, Message: "Travail en local", Pending: 2}, []string{"Travail en local", "2 envois en attente"}, widget.MediumImportance},
		{opcosync.Status{Mode: opcosync.ModeOffline, Message: "Hors ligne", LastSuccess: last}, []string{"Hors ligne", "dernière synchro à "}, widget.WarningImportance},
		{opcosync.Status{Mode: opcosync.ModeOnline, Message: "À jour à 10:32", Rejections: 1}, []string{"À jour à 10:32", "1 envoi refusé"}, widget.DangerImportance},
		{opcosync.Status{Mode: opcosync.ModeSyncing, Message: "Synchronisation", Progress: opcosync.Progress{Step: "Envoi 2 sur 5", Done: 1, Total: 5}}, []string{"Synchronisation — Envoi 2 sur 5"}, widget.MediumImportance},
		{opcosync.Status{Mode: opcosync.ModeError, Message: "Session expirée", Conflicts: 2}, []string{"Session expirée", "2 conflits"}, widget.DangerImportance},
	}
	for _, c := range cases {
		text, imp := syncStatusText(c.s)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: %q lacks %q", c.s.Mode, text, w)
			}
		}
		if imp != c.imp {
			t.Errorf("%s: importance %v, want %v", c.s.Mode, imp, c.imp)
		}
	}
}

func TestStatusBarFollowsSyncStatus(t *testing.T) {
	env := newTestEnv(t, "2026-11-26")
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	sy, err := opcosync.New(env.Store.(*storage.Store), env.Service.Blobs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	d.AttachSync(context.Background(), sy)
	if !d.syncButton.Disabled() {
		t.Error("« Synchroniser » is enabled in local mode")
	}
	if labels := menuLabels(d.win); !slices.Equal(labels, []string{"Fichier", "OPCO", "Aide"}) {
		t.Errorf("main window menus %q, want Fichier, OPCO, Aide", labels)
	}
	if d.env.Actor.Role != workflow.Entreprise || d.profile.Disabled() {
		t.Errorf("local mode: actor %v, profile disabled %v", d.env.Actor, d.profile.Disabled())
	}
	d.opco.show(opcosync.Status{Mode: opcosync.ModeSyncing, SignedIn: true, Message: "Synchronisation", Progress: opcosync.Progress{Step: "Envoi 1 sur 3", Done: 0, Total: 3}})
	if !d.syncButton.Disabled() || d.syncButton.Text != "Synchronisation 0/3" {
		t.Errorf("while syncing: button %q disabled %v", d.syncButton.Text, d.syncButton.Disabled())
	}
	if !strings.Contains(d.syncLabel.Text, "Envoi 1 sur 3") {
		t.Errorf("status bar %q", d.syncLabel.Text)
	}
	d.opco.show(opcosync.Status{Mode: opcosync.ModeOffline, SignedIn: true, Message: "Hors ligne", Pending: 1})
	if d.syncButton.Disabled() || d.syncLabel.Text != "Hors ligne · 1 envoi en attente" || d.syncLabel.Importance != widget.WarningImportance {
		t.Errorf("offline: %q %v", d.syncLabel.Text, d.syncLabel.Importance)
	}
	if d.opco.icon.Resource == nil {
		t.Error("no mode icon")
	}
	// Not signed in: « Synchroniser » opens the sign-in dialog.
	d.opco.syncDone(opcosync.ErrNotSignedIn)
	if top := d.win.Canvas().Overlays().Top(); top == nil || findButton(top, "Travailler en local") == nil {
		t.Error("ErrNotSignedIn did not open the sign-in dialog")
	}
}

func TestSignInForm(t *testing.T) {
	test.NewTempApp(t)
	closed := 0
	var got []string
	f := newSignInForm("http://127.0.0.1:8740", nil, func(u, l, p string) (opcoapi.Account, error) {
		got = []string{u, l, p}
		if p != "demo-entreprise" {
			return opcoapi.Account{}, &opcoapi.Error{Code: opcoapi.CodeUnauthorized, Message: "Identifiant ou mot de passe incorrect."}
		}
		return opcoapi.Account{Login: l, Role: "entreprise"}, nil
	}, func() { closed++ }, nil)
	w := test.NewTempWindow(t, f.content)
	_ = w
	answered := make(chan struct{}, 1)
	f.settled = func() { answered <- struct{}{} }
	wait := func() {
		t.Helper()
		select {
		case <-answered:
		case <-time.After(5 * time.Second):
			t.Fatal("the sign-in answer was not shown in 5 s")
		}
	}
	if f.url.Text != "http://127.0.0.1:8740" || f.out != nil {
		t.Errorf("url %q, sign-out button %v", f.url.Text, f.out)
	}
	test.Tap(f.signIn)
	if !strings.Contains(f.message.Text, "Saisissez") {
		t.Errorf("empty form: %q", f.message.Text)
	}
	test.Type(f.login, "entreprise")
	test.Type(f.password, "faux")
	test.Tap(f.signIn)
	wait()
	if f.message.Text != "Identifiant ou mot de passe incorrect." {
		t.Errorf("wrong password: %q", f.message.Text)
	}
	if closed != 0 || got[1] != "entreprise" {
		t.Errorf("closed %d, got %v", closed, got)
	}
	f.password.SetText("demo-entreprise")
	test.Tap(f.signIn)
	wait()
	if closed != 1 {
		t.Errorf("a successful sign-in did not close the dialog (%d)", closed)
	}
	test.Tap(f.local)
	if closed != 2 {
		t.Error("« Travailler en local » did not close")
	}

	out := 0
	g := newSignInForm("http://x", &opcoapi.Account{Login: "cfa", Role: "cfa"}, nil, func() {}, func() { out++ })
	if g.out == nil || !strings.Contains(g.message.Text, "cfa") {
		t.Fatal("signed in: no « Se déconnecter »")
	}
	test.Tap(g.out)
	if out != 1 {
		t.Error("« Se déconnecter » not called")
	}
}

// fakeDesk is an agent's desk with a fixed queue.
type fakeDesk struct {
	queue   opcoapi.Queue
	opened  []string
	decided []string
	err     error
	// cerfa and findings, when set, are the content and findings of every
	// review.
	cerfa    *contract.Contract
	findings rules.Result
}

func (f *fakeDesk) Queue(context.Context) (opcoapi.Queue, error) { return f.queue, nil }
func (f *fakeDesk) Open(_ context.Context, id string) (opcosync.Review, error) {
	f.opened = append(f.opened, id)
	for _, c := range f.queue.Contracts {
		if c.ID == id {
			return opcosync.Review{Contract: c, Cerfa: f.cerfa, Findings: f.findings, History: []opcoapi.Event{{Action: "transmettre", To: "transmis", Actor: "entreprise"}}}, nil
		}
	}
	return opcosync.Review{}, &opcoapi.Error{Code: opcoapi.CodeNotFound, Message: "introuvable"}
}
func (f *fakeDesk) Document(context.Context, string, string) (io.ReadCloser, error) {
	return io.NopCloser(strings.NewReader("%PDF")), nil
}
func (f *fakeDesk) OpenInstruction(_ context.Context, id string, _ int64) (opcoapi.Contract, error) {
	f.decided = append(f.decided, "instruction "+id)
	return opcoapi.Contract{}, f.err
}
func (f *fakeDesk) Conforme(_ context.Context, id string, _ int64, _ []opcoapi.Funding) (opcoapi.Contract, error) {
	f.decided = append(f.decided, "conforme "+id)
	return opcoapi.Contract{}, f.err
}
func (f *fakeDesk) Anomalie(_ context.Context, id string, _ int64, _ []opcoapi.MissingPiece, _ []opcoapi.FieldError) (opcoapi.Contract, error) {
	return opcoapi.Contract{}, f.err
}
func (f *fakeDesk) Refuser(_ context.Context, id string, _ int64, _ []string) (opcoapi.Contract, error) {
	return opcoapi.Contract{}, f.err
}

func TestAgentQueue(t *testing.T) {
	env := newTestEnv(t, "2026-11-26")
	a := test.NewTempApp(t)
	days := 3
	desk := &fakeDesk{queue: opcoapi.Queue{Today: civil.MustParse("2026-11-26"), Contracts: []opcoapi.Contract{{
		ID: "c1", Reference: "OPC-000042", Status: "transmis", StatusLabel: "Transmis à l'Opcommerce", Version: 2,
		EmployerName: "Maison Leroux", ApprenticeName: "MARTIN Lucas",
		ReceivedOn: civil.MustParse("2026-11-09"), DecisionDeadline: civil.MustParse("2026-11-29"), DaysLeft: &days,
	}}}}
	w := newAgentWindow(a, env, context.Background(), desk)
	defer w.win.Close()
	w.win.Resize(fyne.NewSize(1150, 760))
	w.reload()
	want := []string{"OPC-000042", "Maison Leroux", "MARTIN Lucas", "Transmis à l'Opcommerce", "09/11/2026", "29/11/2026", "3"}
	if strings.Join(w.rows[0], "|") != strings.Join(want, "|") {
		t.Errorf("row %q, want %q", w.rows[0], want)
	}
	if !strings.Contains(w.info.Text, "1 contrat en attente") {
		t.Errorf("info %q", w.info.Text)
	}
	if !w.open.Disabled() {
		t.Error("« Ouvrir l'instruction » enabled with nothing selected")
	}
	w.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if len(desk.opened) == 0 || w.review == nil {
		t.Fatal("selecting the row did not open the contract")
	}
	if w.open.Disabled() || !w.conforme.Disabled() {
		t.Error("transmis: « Ouvrir l'instruction » only")
	}
	test.Tap(w.open)
	if len(desk.decided) != 1 || desk.decided[0] != "instruction c1" {
		t.Errorf("decided %v", desk.decided)
	}
	desk.err = &opcoapi.Error{Code: opcoapi.CodeConflict, Message: "changé"}
	test.Tap(w.open)
	if !hasText(w.win.Canvas().Overlays().Top(), "la file est rechargée") {
		t.Error("a 409 did not say the queue is reloaded")
	}
}

func TestAgentShowsWholeCerfa(t *testing.T) {
	env := newTestEnv(t, "2026-11-26")
	var opened []*url.URL
	env.OpenURL = func(u *url.URL) error { opened = append(opened, u); return nil }
	a := test.NewTempApp(t)
	k := example(t, "apprentissage-base.json")
	res := rules.Validate(k, rules.Options{Today: civil.MustParse("2026-11-26"), Transmitted: true, SkipDeadline: true, Referential: refcheck.Default()})
	desk := &fakeDesk{cerfa: k, findings: res, queue: opcoapi.Queue{Today: civil.MustParse("2026-11-26"), Contracts: []opcoapi.Contract{{
		ID: "c1", Reference: "OPC-000042", Status: "en_instruction", Version: 3,
		EmployerName: "Maison Leroux", ApprenticeName: "MARTIN Lucas",
	}}}}
	w := newAgentWindow(a, env, context.Background(), desk)
	defer w.win.Close()
	w.reload()
	if w.cerfa != nil || hasText(w.detail, "Voir le Cerfa complet (PDF)") {
		t.Error("« Voir le Cerfa complet (PDF) » shown with nothing selected")
	}
	w.table.Select(widget.TableCellID{Row: 0, Col: 0})
	b := findButton(w.detail, "Voir le Cerfa complet (PDF)")
	if b == nil || b != w.cerfa {
		t.Fatal("selecting the row did not show « Voir le Cerfa complet (PDF) »")
	}
	test.Tap(b)
	if len(opened) != 1 {
		t.Fatalf("opened %v, want one file", opened)
	}
	if opened[0].Scheme != "file" || filepath.Ext(opened[0].Path) != ".pdf" {
		t.Errorf("opened %v", opened[0])
	}
	path := filepath.FromSlash(opened[0].Path)
	if !filepath.IsAbs(path) {
		path = strings.TrimPrefix(opened[0].Path, "/") // /C:/… on Windows
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(path)) })
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "%PDF-") {
		t.Errorf("the file starts with %q", data[:min(len(data), 8)])
	}
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("an overlay is shown: %v", top)
	}
}
