package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

// listFixture stores contracts with known names, SIRETs, statuses, kinds
// and start dates.
func listFixture(t *testing.T) *Store {
	st := openTestStore(t, t.TempDir())
	ctx := context.Background()
	people := []struct {
		nom, prenom, siret, kind, start, depot string
		status                                 workflow.Status
	}{
		{"ROUSSEAU", "Lina", "83475962300012", "app", "2026-09-01", "", workflow.EnCoursDeSaisie},
		{"ROUSSEL", "Éloïse", "83475962300012", "app", "2026-09-15", "069202609NC0042", workflow.Engage},
		{"MARTIN", "Hugo", "55210055400013", "pro", "2026-10-01", "", workflow.Transmis},
		{"DURAND", "Ça Va", "55210055400013", "pro", "2026-08-20", "", workflow.Transmis},
		{"LEROY", "Jade", "44306184100047", "app", "", "", workflow.EnCoursDeSaisie},
	}
	for _, p := range people {
		var c *contract.Contract
		if p.kind == "pro" {
			c = example(t, "professionnalisation-base.json")
		} else {
			c = apprentissage(t)
		}
		c.Apprenti.Nom, c.Apprenti.Prenom, c.Employeur.Siret = p.nom, p.prenom, p.siret
		c.Contrat.DateDebutContrat = civil.Date{}
		if p.start != "" {
			c.Contrat.DateDebutContrat = civil.MustParse(p.start)
		}
		if p.depot != "" {
			c.Depot = &contract.Depot{NumeroDepot: p.depot}
		}
		if _, err := st.Create(ctx, workflow.NewContract{Contract: c, Status: p.status, Actor: entreprise}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func names(p Page) string {
	var out []string
	for _, s := range p.Items {
		out = append(out, strings.Fields(s.ApprenticeName)[0])
	}
	return strings.Join(out, " ")
}

func TestListFilters(t *testing.T) {
	st := listFixture(t)
	d := civil.MustParse
	tests := []struct {
		name string
		q    ListQuery
		want string
	}{
		{"everything, last change first", ListQuery{}, "LEROY DURAND MARTIN ROUSSEL ROUSSEAU"},
		{"oldest first", ListQuery{Ascending: true}, "ROUSSEAU ROUSSEL MARTIN DURAND LEROY"},
		{"by status", ListQuery{Statuses: []workflow.Status{workflow.Transmis}}, "DURAND MARTIN"},
		{"several statuses", ListQuery{Statuses: []workflow.Status{workflow.Engage, workflow.EnCoursDeSaisie}}, "LEROY ROUSSEL ROUSSEAU"},
		{"by kind", ListQuery{Kind: contract.Professionnalisation}, "DURAND MARTIN"},
		{"by employer SIRET typed with spaces", ListQuery{EmployerSIRET: "834 759 623 00012"}, "ROUSSEL ROUSSEAU"},
		{"text: surname prefix", ListQuery{Text: "rouss"}, "ROUSSEL ROUSSEAU"},
		{"text: accents and case ignored", ListQuery{Text: "eloise"}, "ROUSSEL"},
		{"text: two words must both match", ListQuery{Text: "rous lin"}, "ROUSSEAU"},
		{"text: SIRET with spaces", ListQuery{Text: "552 100 554"}, "DURAND MARTIN"},
		{"text: n° de dépôt", ListQuery{Text: "069202609NC0042"}, "ROUSSEL"},
		{"text: quotes cannot break the query", ListQuery{Text: `"ROUSSEAU' *(`}, "ROUSSEAU"},
		{"text: nothing matches", ListQuery{Text: "zzz"}, ""},
		{"start date range", ListQuery{StartFrom: d("2026-09-01"), StartTo: d("2026-09-30")}, "ROUSSEL ROUSSEAU"},
		{"start date until excludes unknown dates", ListQuery{StartTo: d("2026-08-31")}, "DURAND"},
		{"sorted by start date", ListQuery{Sort: SortStart, Ascending: true}, "LEROY DURAND ROUSSEAU ROUSSEL MARTIN"},
		{"sorted by name", ListQuery{Sort: SortApprentice, Ascending: true}, "DURAND LEROY MARTIN ROUSSEAU ROUSSEL"},
		{"filters combine", ListQuery{Kind: contract.Apprentissage, Statuses: []workflow.Status{workflow.EnCoursDeSaisie}, Text: "r"}, "LEROY ROUSSEAU"},
	}
	defer func(v int) { selectiveMatches = v }(selectiveMatches)
	for _, plan := range []struct {
		name      string
		threshold int
	}{{"from the text index", 2000}, {"walking the sort index", 0}} {
		selectiveMatches = plan.threshold
		for _, tt := range tests {
			t.Run(plan.name+"/"+tt.name, func(t *testing.T) {
				p, err := st.List(context.Background(), tt.q)
				if err != nil {
					t.Fatal(err)
				}
				if got := names(p); got != tt.want {
					t.Errorf("got %q, want %q", got, tt.want)
				}
				n, err := st.Count(context.Background(), tt.q)
				if err != nil || n != len(p.Items) {
					t.Errorf("Count = %d, %v; the page has %d", n, err, len(p.Items))
				}
			})
		}
	}
}

func TestListKeysetPagination(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	ctx := context.Background()
	const total = 23
	for i := 0; i < total; i++ {
		c := apprentissage(t)
		c.Apprenti.Nom = fmt.Sprintf("NOM%02d", i%7) // duplicates test the id tie-break
		mustCreate(t, st, c)
	}
	for _, sort := range []Sort{SortUpdated, SortCreated, SortApprentice, SortStart, SortDeadline, SortEmployer} {
		for _, asc := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/asc=%v", sort, asc), func(t *testing.T) {
				seen := map[string]bool{}
				q := ListQuery{Sort: sort, Ascending: asc, Limit: 5}
				pages := 0
				for {
					p, err := st.List(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					pages++
					for _, s := range p.Items {
						if seen[s.ID] {
							t.Fatalf("%s listed twice", s.Reference)
						}
						seen[s.ID] = true
					}
					if p.Next == "" {
						break
					}
					q.After = p.Next
				}
				if len(seen) != total || pages != 5 {
					t.Errorf("%d contracts in %d pages, want %d in 5", len(seen), pages, total)
				}
			})
		}
	}
	_, err := st.List(ctx, ListQuery{Sort: SortCreated, After: "garbage"})
	wantCode(t, err, workflow.CodeInvalid)
	p, _ := st.List(ctx, ListQuery{Limit: 5})
	_, err = st.List(ctx, ListQuery{Sort: SortApprentice, After: p.Next})
	wantCode(t, err, workflow.CodeInvalid)
}
