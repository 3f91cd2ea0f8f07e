package storage

import (
	"context"
	"testing"

	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

// TestCreateManyIsOneTransaction saves an import's rows through the
// workflow service: each with its own reference and history note, all or
// none.
func TestCreateManyIsOneTransaction(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	svc := workflow.NewService(st, st.Blobs)
	ctx := context.Background()
	app, pro := example(t, "apprentissage-base.json"), example(t, "professionnalisation-base.json")
	recs, err := svc.CreateMany(ctx, cfaActor, []workflow.Imported{
		{Contract: app, Note: "Importé de a.csv, ligne 2"},
		{Contract: pro, Note: "Importé de a.csv, ligne 3"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Reference != "C-000001" || recs[1].Reference != "C-000002" {
		t.Fatalf("records %+v", recs)
	}
	for i, r := range recs {
		h, err := st.History(ctx, r.ID)
		if err != nil || len(h) != 1 {
			t.Fatalf("history %v %v", h, err)
		}
		want := []string{"Importé de a.csv, ligne 2", "Importé de a.csv, ligne 3"}[i]
		if h[0].Note != want || h[0].Actor != cfaActor || h[0].To != workflow.EnCoursDeSaisie || h[0].Action != workflow.NouveauContrat {
			t.Errorf("history row %+v", h[0])
		}
	}

	// A batch whose last contract cannot be stored (its ID is taken)
	// stores none of them.
	before, _ := st.Count(ctx, workflow.ListQuery{})
	_, err = st.CreateBatch(ctx, []workflow.NewContract{
		{Contract: app, Actor: cfaActor},
		{Contract: pro, Actor: cfaActor, ID: recs[0].ID},
	})
	if workflow.ErrorCode(err) != string(workflow.CodeConflict) {
		t.Fatalf("duplicate id: %v", err)
	}
	if after, _ := st.Count(ctx, workflow.ListQuery{}); after != before {
		t.Errorf("%d contracts after a failed batch, want %d", after, before)
	}

	// An agent creates no contract; nor does a row without a kind.
	if _, err := svc.CreateMany(ctx, agent, []workflow.Imported{{Contract: app}}); err == nil {
		t.Error("an agent imported contracts")
	}
	if _, err := svc.CreateMany(ctx, cfaActor, []workflow.Imported{{Contract: app}, {Contract: &contract.Contract{}}}); workflow.ErrorCode(err) != string(workflow.CodeInvalid) {
		t.Errorf("a contract without kind: %v", err)
	}
	if after, _ := st.Count(ctx, workflow.ListQuery{}); after != before {
		t.Errorf("%d contracts after refused imports, want %d", after, before)
	}
}
