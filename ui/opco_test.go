package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/opcoapi"
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
