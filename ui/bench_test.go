package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
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

// BenchmarkAgentOpenContract measures opening a contract from the agent's
// queue: the review as the desk computes it (the rules on the content, the
// diff with the previous version) and the window's review built — the 8
// tabs (the first built), what changed, documents and history. The service
// round trip is left out (a loopback call of a few milliseconds).
func BenchmarkAgentOpenContract(b *testing.B) {
	c := example(b, "apprentissage-base.json")
	prev := example(b, "apprentissage-base.json")
	prev.Employeur.Telephone = "0478000000"
	env := newTestEnv(b, "2025-09-03")
	env.Actor = agent
	a := test.NewTempApp(b)
	desk := &fakeDesk{queue: opcoapi.Queue{Contracts: []opcoapi.Contract{{ID: "c1", Reference: "OPC-000001", Status: string(workflow.EnInstruction), Version: 2},
		{ID: "c2", Reference: "OPC-000002", Status: string(workflow.EnInstruction), Version: 2}}},
		contents: map[string]*contract.Contract{"c1": c, "c2": c}, previous: map[string]*contract.Contract{"c1": prev, "c2": prev}}
	w := newAgentWindow(a, env, context.Background(), desk)
	defer w.win.Close()
	w.win.Show()
	w.reload()
	i := 0
	for b.Loop() {
		w.step(1 - 2*(i%2)) // c1, c2, c1…
		if i == 0 {
			w.step(1)
		}
		i++
	}
	if w.view == nil {
		b.Fatal("no review shown")
	}
}
