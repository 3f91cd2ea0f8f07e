package opcopg_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"cerfadesk/core/opco/store"
	"cerfadesk/core/opcoapi"
	"cerfadesk/storage/opcopg"
	"cerfadesk/storage/opcopg/pgtest"
)

var ctx = context.Background()

func exec(t *testing.T, url, sql string) {
	t.Helper()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatal(err)
	}
}

func TestSchemaVersion(t *testing.T) {
	url := pgtest.URL(t)
	if _, err := opcopg.Open(ctx, url, opcopg.Options{}); !errors.Is(err, opcopg.ErrSchemaOld) {
		t.Fatalf("empty database without Migrate: %v, want ErrSchemaOld", err)
	}
	s, err := opcopg.Open(ctx, url, opcopg.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	cur, latest, err := opcopg.SchemaVersion(ctx, url)
	if err != nil || cur != latest || latest < 1 {
		t.Fatalf("SchemaVersion = %d, %d, %v", cur, latest, err)
	}
	// Migrated: opens without Migrate, and migrating again is a no-op.
	for _, m := range []bool{false, true} {
		s, err := opcopg.Open(ctx, url, opcopg.Options{Migrate: m})
		if err != nil {
			t.Fatalf("Open(Migrate %v) of a migrated database: %v", m, err)
		}
		s.Close()
	}
	// A schema from a newer program is refused, and left as it is.
	exec(t, url, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)`)
	_, err = opcopg.Open(ctx, url, opcopg.Options{Migrate: true})
	if err == nil || !strings.Contains(err.Error(), "plus récent") {
		t.Fatalf("newer schema: %v, want a refusal", err)
	}
	if cur, _, _ := opcopg.SchemaVersion(ctx, url); cur != 99 {
		t.Errorf("the refused database changed: version %d", cur)
	}
}

func TestContents(t *testing.T) {
	s, err := opcopg.Open(ctx, pgtest.URL(t), opcopg.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pdf := minimalPDF()
	b, err := s.PutVerified(ctx, strings.NewReader(pdf), "")
	if err != nil || b.MIME != "application/pdf" || b.Size != int64(len(pdf)) {
		t.Fatalf("PutVerified = %+v, %v", b, err)
	}
	if _, err := s.PutVerified(ctx, strings.NewReader(pdf), b.SHA256); err != nil {
		t.Fatalf("the same content again: %v", err)
	}
	rc, err := s.OpenContent(ctx, b.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	if string(data) != pdf {
		t.Errorf("content read back: %q", data)
	}
	wrong := strings.Repeat("0", 64)
	_, err = s.PutVerified(ctx, strings.NewReader(pdf+"x"), wrong)
	if apiCode(err) != opcoapi.CodeHashMismatch {
		t.Errorf("wrong hash: %v", err)
	}
	if _, err := s.OpenContent(ctx, wrong); apiCode(err) != opcoapi.CodeNotFound {
		t.Errorf("unknown content: %v", err)
	}
}

// A database that cannot be reached is ErrUnavailable (the service's 503).
func TestUnavailable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = opcopg.Open(ctx, "postgres://postgres@"+addr+"/x?sslmode=disable&connect_timeout=2", opcopg.Options{})
	if !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("closed port: %v, want ErrUnavailable", err)
	}
}

func apiCode(err error) opcoapi.Code {
	var ae *opcoapi.Error
	if errors.As(err, &ae) {
		return ae.Code
	}
	return ""
}

// minimalPDF is a complete one-page-less PDF: header, catalog, xref,
// trailer with /Root, startxref and %%EOF (what docs.CheckStructure reads).
func minimalPDF() string {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	o1 := b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	o2 := b.Len()
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n")
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 3\n0000000000 65535 f \n%010d 00000 n \n%010d 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", o1, o2, x)
	return b.String()
}

// waitUntil polls cond for up to 10 s.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("waited 10 s for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A session closed through one store (instance) is heard by both: each
// calls its watcher with the hash and counts the closing, and the closing's
// waiter returns; a lost listener says so (nothing may be remembered) and
// moves its generation, until it is back by itself.
func TestSessionWatch(t *testing.T) {
	url := pgtest.URL(t)
	open := func() *opcopg.Store {
		s, err := opcopg.Open(ctx, url, opcopg.Options{Migrate: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := open(), open()
	heard := make(chan string, 10)
	a.WatchSessions(func(h string) {
		if strings.HasPrefix(h, "h-") { // not the closings of other tests on the cluster
			heard <- h
		}
	})
	for _, s := range []*opcopg.Store{a, b} {
		waitUntil(t, "the listener", func() bool { _, _, up := s.SessionState(); return up })
	}
	gen0, before, _ := a.SessionState()
	waitA, stopA := a.ExpectClosed("h-1")
	defer stopA()
	waitB, stopB := b.ExpectClosed("h-1")
	defer stopB()
	if err := b.Update(ctx, func(tx store.Tx) error { return tx.DeleteSession(ctx, "h-1") }); err != nil {
		t.Fatal(err)
	}
	// The waits end once every listener of the database answered: the
	// test cluster's other tests have listeners too, which may stop before
	// answering, so only A's own hearing is required here.
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	waitB(wctx)
	waitA(wctx)
	select {
	case h := <-heard:
		if h != "h-1" {
			t.Errorf("A's watcher was told %q", h)
		}
	case <-wctx.Done():
		t.Fatal("a closing committed on B was not heard on A")
	}
	if gen, after, up := a.SessionState(); after < before+1 || gen != gen0 || !up {
		t.Errorf("closings heard on A: %d → %d (generation %d → %d, up %v), want more", before, after, gen0, gen, up)
	}
	// A closing that is never committed is not heard.
	waitX, stopX := a.ExpectClosed("h-2")
	defer stopX()
	err := b.Update(ctx, func(tx store.Tx) error {
		if err := tx.DeleteSession(ctx, "h-2"); err != nil {
			return err
		}
		return errors.New("rolled back")
	})
	if err == nil {
		t.Fatal("the transaction was not rolled back")
	}
	short, cancel2 := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel2()
	if waitX(short) {
		t.Error("a rolled-back closing was heard")
	}

	// The listener's connection is cut: A stops trusting, then listens again.
	for len(heard) > 0 {
		if h := <-heard; h == "h-2" {
			t.Error("a rolled-back closing reached the watcher")
		}
	}
	exec(t, url, fmt.Sprintf(`SELECT pg_terminate_backend(%d)`, opcopg.ListenerPID(a)))
	waitUntil(t, "the generation to move", func() bool { g, _, _ := a.SessionState(); return g != gen0 })
	waitUntil(t, "the listener back", func() bool { _, _, up := a.SessionState(); return up })
	waitA2, stopA2 := a.ExpectClosed("h-3")
	defer stopA2()
	if err := b.Update(ctx, func(tx store.Tx) error { return tx.DeleteSession(ctx, "h-3") }); err != nil {
		t.Fatal(err)
	}
	waitA2(wctx)
	for h := ""; h != "h-3"; {
		select {
		case h = <-heard:
		case <-wctx.Done():
			t.Fatal("after its reconnection, A does not hear closings")
		}
	}
}

// A database of schema 3 (seqs from the commit-order counter) upgraded to
// schema 4: the cursors apps hold read on without a gap or a repeat, new
// seqs come after every old one, and an instance of the previous version
// still running is refused its writes as unavailable (its apps retry).
func TestUpgradeKeepsCursors(t *testing.T) {
	url := pgtest.URL(t)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	must := func(sql string, args ...any) {
		t.Helper()
		if _, err := conn.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	must(`CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`)
	for v, name := range []string{"001_opco", "002_agent_review", "003_depot_index"} {
		data, err := os.ReadFile(filepath.Join("migrations", name+".sql"))
		if err != nil {
			t.Fatal(err)
		}
		must(string(data))
		must(`INSERT INTO schema_migrations VALUES ($1, $2, 0)`, v+1, name[4:])
	}
	// What schema 3's instances wrote: three contracts, seqs 1–4.
	must(`INSERT INTO accounts (login, role, email, password_hash, created_at) VALUES ('agent', 'agent', 'a@opco.example', 'h', 0)`)
	for i, seqs := range [][]int64{{1}, {2, 4}, {3}} {
		id := int64(i + 1)
		last := seqs[len(seqs)-1]
		must(`INSERT INTO contracts (id, uuid, reference, kind, status, version, transmitted, seq, created_at, updated_at, doc)
			VALUES ($1, $2, $3, 'APPRENTISSAGE', 'transmis', $4, true, $5, 0, 0, '{}')`, id, fmt.Sprint("old-", id),
			fmt.Sprintf("OPC-%06d", id), len(seqs), last)
		for _, seq := range seqs {
			must(`INSERT INTO history (seq, contract_id, at, role, action, status_after) VALUES ($1, $2, 0, 'agent', 'transmettre', 'transmis')`, seq, id)
		}
	}
	must(`UPDATE seq_counter SET last = 4`)
	must(`SELECT setval('contracts_id_seq', 3)`)

	s, err := opcopg.Open(ctx, url, opcopg.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	agent, _, _, err := s.AccountByLogin(ctx, "agent")
	if err != nil {
		t.Fatal(err)
	}
	// An app that had read up to seq 2 gets the rest of the old changes.
	recs, _, err := s.Changes(ctx, agent, 2, 10)
	if err != nil || len(recs) != 2 || recs[0].ID != "old-3" || recs[0].Seq != 3 || recs[1].ID != "old-2" || recs[1].Seq != 4 {
		t.Fatalf("old changes after 2: %+v (%v)", recs, err)
	}
	r := store.Record{ID: "new", Kind: "APPRENTISSAGE", Status: "transmis", Transmitted: true, Doc: []byte(`{}`)}
	if err := s.Update(ctx, func(tx store.Tx) error {
		return tx.InsertRecord(ctx, &r, []store.Event{{Account: agent, Action: "transmettre", To: "transmis"}})
	}); err != nil {
		t.Fatal(err)
	}
	if r.Seq <= 4 {
		t.Errorf("a seq after the upgrade: %d, want more than 4", r.Seq)
	}
	// An app up to date before the upgrade gets the new change only. The
	// horizon is the cluster's: a transaction another test package holds
	// open on the same test cluster may keep the change unserved for a
	// while (the write's acknowledgement waits 2 s at most), never lost.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		recs, _, err = s.Changes(ctx, agent, 4, 10)
		if err == nil && len(recs) == 0 && time.Now().Before(deadline) {
			continue
		}
		break
	}
	if err != nil || len(recs) != 1 || recs[0].ID != "new" || recs[0].Seq != r.Seq {
		t.Errorf("changes after 4: %+v (%v)", recs, err)
	}
	// Schema 3's write, from an instance not replaced yet.
	_, err = conn.Exec(ctx, `UPDATE seq_counter SET last = last + 1 RETURNING last`)
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "57P03" {
		t.Errorf("an old instance's counter update: %v, want 57P03 (its 503)", err)
	}
}
