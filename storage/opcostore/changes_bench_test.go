package opcostore_test

import (
	"fmt"
	"testing"

	"cerfadesk/core/opco/store"
	"cerfadesk/core/workflow"
)

// BenchmarkChanges100k reads a page of /v1/changes among 100 000 contracts
// of 3 history rows each: the agent (who sees most contracts) from the
// start and from the middle, an employer with 10 contracts and a CFA with
// 1 000 from the start. The history is walked in seq order or reached from
// the account's contracts; no plan sorts the whole history.
func BenchmarkChanges100k(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) { benchChanges(b, be) })
	}
}

func benchChanges(b *testing.B, be backend) {
	tb := testing.TB(b)
	s := be.open(b)
	mk := func(login string, role workflow.Role, email, siret string) store.Account {
		a := store.Account{Login: login, Role: role, Email: email, Siret: siret, Name: login}
		if err := s.Update(ctx, func(tx store.Tx) error { return tx.CreateAccount(ctx, &a, "h", t0) }); err != nil {
			tb.Fatal(err)
		}
		return a
	}
	agent := mk("agent", workflow.Agent, "agent@opco.example", "")
	emp := mk("emp", workflow.Entreprise, "rh@emp.example", "99999999900012")
	cfa := mk("cfa", workflow.CFA, "cfa@cfa.example", "")
	const n, batch = 100_000, 5_000
	for from := 0; from < n; from += batch {
		err := s.Update(ctx, func(tx store.Tx) error {
			for i := from; i < from+batch; i++ {
				siret := fmt.Sprintf("%014d", i%5000)
				if i%10_000 == 0 {
					siret = emp.Siret
				}
				r := newRecord(fmt.Sprint("c-", i), siret, workflow.Transmis)
				r.Transmitted = i%5 != 0
				if i%100 == 0 {
					r.CFAAccount = cfa.ID
				}
				evs := []store.Event{ev(agent, workflow.Accepter, workflow.EnvoyeParCFA, workflow.EnCoursDeSaisie, ""),
					ev(agent, workflow.Transmettre, workflow.EnCoursDeSaisie, workflow.Transmis, fmt.Sprint("m-", i)),
					ev(agent, workflow.AjouterDocument, workflow.Transmis, workflow.Transmis, "")}
				if err := tx.InsertRecord(ctx, &r, evs); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	_, mid, err := s.Changes(ctx, agent, 0, 1)
	if err != nil || len(mid) != 1 {
		tb.Fatalf("first change: %v %v", mid, err)
	}
	middle := mid[0].Seq + 150_000
	for _, c := range []struct {
		name   string
		a      store.Account
		cursor int64
		want   int
	}{
		{"agent-start", agent, 0, 500},
		{"agent-middle", agent, middle, 500},
		{"employer-start", emp, 0, 30},
		{"cfa-start", cfa, 0, 500},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				_, evs, err := s.Changes(ctx, c.a, c.cursor, 500)
				if err != nil || len(evs) != c.want {
					b.Fatalf("%d events (%v), want %d", len(evs), err, c.want)
				}
			}
		})
	}
}
