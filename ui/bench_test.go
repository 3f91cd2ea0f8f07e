package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"cerfadesk/core/workflow"
)

// BenchmarkOpenContract measures what opening a contract costs: reading it
// from the store, building the window with its 8 tabs and loading the
// fields (validation runs inline here; the app runs it in the background).
func BenchmarkOpenContract(b *testing.B) {
	env := newTestEnv(b, "2025-09-03")
	rec := create(b, env, entreprise, example(b, "apprentissage-base.json"))
	a := test.NewTempApp(b)
	for b.Loop() {
		r, err := env.Store.Load(env.ctx(), rec.ID)
		if err != nil {
			b.Fatal(err)
		}
		ed, err := newEditor(a, env, r, editorHooks{})
		if err != nil {
			b.Fatal(err)
		}
		ed.win.Close()
	}
}

// BenchmarkOpenReadOnlyContract is BenchmarkOpenContract for a contract
// the employer reads only (ENGAGÉ).
func BenchmarkOpenReadOnlyContract(b *testing.B) {
	env := newTestEnv(b, "2025-09-03")
	rec := create(b, env, entreprise, example(b, "apprentissage-base.json"))
	for _, a := range []struct {
		actor  workflow.Actor
		action workflow.Action
	}{{entreprise, workflow.Transmettre}, {agent, workflow.DeclarerConforme}} {
		out, err := env.Service.Do(env.ctx(), workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: a.actor, Action: a.action})
		if err != nil {
			b.Fatal(err)
		}
		rec = out.Record
	}
	app := test.NewTempApp(b)
	for b.Loop() {
		r, err := env.Store.Load(env.ctx(), rec.ID)
		if err != nil {
			b.Fatal(err)
		}
		ed, err := newEditor(app, env, r, editorHooks{})
		if err != nil {
			b.Fatal(err)
		}
		ed.win.Close()
	}
}
