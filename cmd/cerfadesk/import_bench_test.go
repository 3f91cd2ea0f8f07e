package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/rules"
	"cerfadesk/core/sheet"
	"cerfadesk/core/workflow"
	"cerfadesk/storage"
)

// benchContracts returns n contracts: the 4 reference contracts in turn,
// each apprentice named after the row (no NIR).
func benchContracts(b *testing.B, n int) []*contract.Contract {
	b.Helper()
	var refs []*contract.Contract
	for _, name := range []string{"apprentissage-base.json", "apprentissage-minor16.json", "professionnalisation-base.json", "professionnalisation-minor16.json"} {
		t := &testing.T{}
		refs = append(refs, reference(t, name))
	}
	out := make([]*contract.Contract, n)
	for i := range out {
		data, _ := contract.Encode(refs[i%4])
		c, _ := contract.Decode(data)
		// Distinct apprentices: without their NIR, known by name (else
		// every fourth row would be the same contract, a duplicate).
		c.Apprenti.Nom, c.Apprenti.Nir = fmt.Sprintf("NOM%05d", i), ""
		out[i] = c
	}
	return out
}

// BenchmarkImport1000CSVRows imports a 1 000-row CSV file into a real
// SQLite store (synchronous FULL, as the app opens it) the way
// `cerfadesk import` does: read, match, convert, normalise, validate, look
// the rows up among the stored contracts (duplicates), then save by batches of 500 through workflow.Service.CreateMany. Compare with
// BenchmarkStoreCreate1000 (the same count of plain Store.Create).
func BenchmarkImport1000CSVRows(b *testing.B) {
	var buf bytes.Buffer
	if err := sheet.WriteCSV(&buf, benchContracts(b, 1000), sheet.WriteOptions{}); err != nil {
		b.Fatal(err)
	}
	ia := importArgs{}
	actor := workflow.Actor{Role: workflow.CFA, Name: "bench"}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		st, err := storage.Open(filepath.Join(b.TempDir(), "data"), storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		svc := workflow.NewService(st, st.Blobs)
		b.StartTimer()
		res, err := sheet.Import("contrats.csv", bytes.NewReader(buf.Bytes()), sheet.Options{Rules: rules.Options{Today: civil.New(2025, 9, 1)}})
		if err != nil {
			b.Fatal(err)
		}
		if err := res.MarkDuplicates(ctx, st); err != nil {
			b.Fatal(err)
		}
		lines, err := saveRows(ctx, svc, actor, res, ia)
		if err != nil || len(lines) != 1000 || !lines[999].Imported {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}

// BenchmarkStoreCreate1000 is the reference: 1 000 plain Store.Create of
// the same contracts, one transaction each.
func BenchmarkStoreCreate1000(b *testing.B) {
	cs := benchContracts(b, 1000)
	actor := workflow.Actor{Role: workflow.CFA, Name: "bench"}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		st, err := storage.Open(filepath.Join(b.TempDir(), "data"), storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for _, c := range cs {
			if _, err := st.Create(ctx, workflow.NewContract{Contract: c, Status: workflow.EnCoursDeSaisie, Actor: actor}); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}
