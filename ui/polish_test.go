package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	opcosync "cerfadesk/core/sync"
	"cerfadesk/core/workflow"
	"cerfadesk/storage"
)

func TestCancelledContractShowsNoErrors(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	c := example(t, "apprentissage-base.json")
	c.Apprenti.Nir = "106056938304599" // a wrong key: a blocking finding
	rec := create(t, env, entreprise, c)
	_, ed := openEditor(t, env, rec.ID)
	tapIn(t, ed.win.Content(), "Transmettre") // the tabs turn red
	if len(ed.FlaggedTabs()) == 0 {
		t.Fatal("no red tab before cancelling: the test proves nothing")
	}
	if top := ed.win.Canvas().Overlays().Top(); top != nil {
		top.Hide()
	}

	// « Annuler le contrat » stands apart from Enregistrer and Transmettre,
	// and its question does not offer a second « Annuler le contrat »-like
	// « Annuler ».
	cancel := findButton(ed.bottom, "Annuler le contrat")
	if cancel == nil {
		t.Fatal("no « Annuler le contrat »")
	}
	if bar, ok := ed.bottom.Objects[len(ed.bottom.Objects)-1].(*fyne.Container); !ok || bar.Objects[0] != cancel {
		t.Error("« Annuler le contrat » is not alone on the left of the buttons")
	}
	test.Tap(cancel)
	popup := topOverlay(t, ed.win)
	if findButton(popup, "Annuler") != nil || findButton(popup, "Garder le contrat") == nil {
		t.Errorf("cancel question buttons: %q", buttons(popup))
	}
	tapIn(t, popup, "Annuler le contrat")
	if got := stored(t, env, rec.ID); got.Status != workflow.Annule {
		t.Fatalf("status %s after Annuler le contrat", got.Status)
	}
	if got := ed.FlaggedTabs(); len(got) != 0 {
		t.Errorf("red tabs on a cancelled contract: %q", got)
	}
	if f := ed.form.byKey["apprenti.nir"]; f != nil && hasText(f.box, "clé") {
		t.Errorf("the NIR message stays on a cancelled contract: %q", texts(f.box))
	}
}

// buttons lists the texts of the buttons below o.
func buttons(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			out = append(out, b.Text)
		}
	})
	return out
}

func TestRoleAwareTexts(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, cfaActor, example(t, "apprentissage-base.json"))
	rec = do(t, env, rec, cfaActor, workflow.EnvoyerEntreprise)
	tests := []struct {
		actor        workflow.Actor
		want, refuse string
	}{
		{entreprise, "cliquez sur ACCEPTER", "envoyé à l'entreprise"},
		{cfaActor, "envoyé à l'entreprise", "cliquez sur ACCEPTER"},
		{agent, "pas encore accepté", "cliquez sur ACCEPTER"},
	}
	for _, tt := range tests {
		env.Actor = tt.actor
		_, ed := openEditor(t, env, rec.ID)
		if !hasText(ed.banner, tt.want) || hasText(ed.banner, tt.refuse) {
			t.Errorf("%s sees %q", tt.actor.Role, texts(ed.banner))
		}
		if f := ed.form.byKey["employeur.attestationPieces"]; tt.actor.Role != workflow.Entreprise &&
			(f == nil || !hasText(f.label, "c'est l'entreprise qui l'atteste")) {
			t.Errorf("%s: attestation label does not say the employer attests", tt.actor.Role)
		}
	}

	// The agent's empty list does not point at a button it cannot use.
	env2 := newTestEnv(t, "2025-09-03")
	env2.Actor = agent
	d := NewDesktop(test.NewTempApp(t), env2)
	defer d.win.Close()
	if !d.newButton.Disabled() || d.count.Text != "Aucun contrat pour l'instant." {
		t.Errorf("agent's empty list: %q (Nouveau contrat disabled %v)", d.count.Text, d.newButton.Disabled())
	}
}

func TestSignOutKeepsTheAccountsRole(t *testing.T) {
	env := newTestEnv(t, "2026-11-26")
	dir := t.TempDir()
	session := `{"url": "http://127.0.0.1:9", "token": "t", "expiresAt": "2099-01-01T00:00:00Z",
		"account": {"login": "cfa@example.fr", "role": "cfa", "email": "cfa@example.fr"}}`
	if err := os.WriteFile(filepath.Join(dir, opcosync.SessionFile), []byte(session), 0o600); err != nil {
		t.Fatal(err)
	}
	sy, err := opcosync.New(env.Store.(*storage.Store), env.Service.Blobs, dir)
	if err != nil {
		t.Fatal(err)
	}
	d := NewDesktop(test.NewTempApp(t), env)
	defer d.win.Close()
	d.AttachSync(context.Background(), sy)
	if env.Actor.Role != workflow.CFA {
		t.Fatalf("signed in as %s, want cfa", env.Actor.Role)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // no logout call to make: the session is forgotten anyway
	sy.SignOut(ctx)
	d.opco.applyAccount()
	if env.Actor.Role != workflow.CFA || d.profile.Selected != workflow.CFA.Label() || d.profile.Disabled() {
		t.Errorf("after sign-out: %s, profile %q (disabled %v); want the CFA's profile", env.Actor.Role, d.profile.Selected, d.profile.Disabled())
	}
}
