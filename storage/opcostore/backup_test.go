package opcostore_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"cerfadesk/core/opco/store"
	"cerfadesk/core/workflow"
	"cerfadesk/storage/opcopg"
	"cerfadesk/storage/opcopg/pgtest"
	"cerfadesk/storage/opcosqlite"
)

// The backups of docs/deploy.md, restored: the copy holds what was
// committed, and the service goes on writing in it (no key reused).

// fill writes two contracts with a document and an e-mail.
func fill(t *testing.T, s store.Store) store.Account {
	a := account(t, s, "leroux", workflow.Entreprise, "rh@leroux.example", "83475962300012")
	insert(t, s, a, newRecord("c-1", a.Siret, workflow.Transmis), "m-1")
	insert(t, s, a, newRecord("c-2", a.Siret, workflow.Transmis), "m-2")
	update(t, s, func(tx store.Tx) error {
		return tx.QueueMail(ctx, store.Mail{To: "a@b.example", Subject: "s", Body: "b"}, t0)
	})
	return a
}

// check reads the copy and writes in it.
func check(t *testing.T, s store.Store, a store.Account) {
	t.Helper()
	recs, _, err := s.Changes(ctx, a, 0, 10)
	if err != nil || ids(recs) != "[c-1 c-2]" {
		t.Fatalf("restored contracts: %s (%v)", ids(recs), err)
	}
	if _, ok, _ := s.Message(ctx, "m-2"); !ok {
		t.Error("the restored copy forgot a message id")
	}
	r := insert(t, s, a, newRecord("c-3", a.Siret, workflow.Transmis), "m-3")
	if r.Seq <= recs[1].Seq || r.Reference == recs[0].Reference || r.Reference == recs[1].Reference {
		t.Errorf("a contract written after the restore: seq %d (last restored %d), reference %s", r.Seq, recs[1].Seq, r.Reference)
	}
	// An app whose cursor is the last restored change gets the new one.
	if after, _, err := s.Changes(ctx, a, recs[1].Seq, 10); err != nil || ids(after) != "[c-3]" {
		t.Errorf("changes after the restored ones: %s (%v)", ids(after), err)
	}
	if m, _ := s.ClaimMails(ctx, t0.Add(1e15), 1, 10); len(m) != 1 {
		t.Errorf("restored mail queue: %+v", m)
	}
}

func TestBackupRestoreSQLite(t *testing.T) {
	dir := t.TempDir()
	s, err := opcosqlite.Open(filepath.Join(dir, "opco.db"), opcosqlite.DBOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a := fill(t, s)
	backup := filepath.Join(t.TempDir(), "opco-backup.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(backup); err != nil || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("the backup's mode: %v %v, want 0600 (it holds personal data)", fi.Mode(), err)
	}
	insert(t, s, a, newRecord("after", a.Siret, workflow.Transmis), "m-after") // not in the backup
	s.Close()
	r, err := opcosqlite.Open(backup, opcosqlite.DBOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	check(t, r, a)
}

// pgTool runs a PostgreSQL client program of the test cluster.
func pgTool(t *testing.T, name string, args ...string) {
	t.Helper()
	bin := os.Getenv("CERFADESK_TEST_PG_BIN")
	if bin == "" {
		bin = "/usr/lib/postgresql/15/bin"
	}
	out, err := exec.Command(filepath.Join(bin, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// database creates an empty database, dropped at the end of t.
func database(t *testing.T, base, name string) string {
	t.Helper()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err == nil {
			c.Exec(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
			c.Close(context.Background())
		}
	})
	i := strings.LastIndex(base, "/")
	q := ""
	if j := strings.IndexByte(base[i:], '?'); j >= 0 {
		q = base[i+j:]
	}
	return base[:i+1] + name + q
}

func TestBackupRestorePostgres(t *testing.T) {
	base := pgtest.BaseURL(t)
	suffix := fmt.Sprint(os.Getpid())
	src := database(t, base, "backup_src_"+suffix)
	s, err := opcopg.Open(ctx, src, opcopg.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	a := fill(t, s)
	dump := filepath.Join(t.TempDir(), "opco.dump")
	pgTool(t, "pg_dump", "--format=custom", "--file="+dump, "--dbname="+src) // online: a consistent snapshot
	insert(t, s, a, newRecord("after", a.Siret, workflow.Transmis), "m-after")
	s.Close()
	dst := database(t, base, "backup_dst_"+suffix)
	pgTool(t, "pg_restore", "--exit-on-error", "--no-owner", "--dbname="+dst, dump)
	// Another cluster's transaction ids may be lower than those the seqs
	// were made of: shift the origin as such a restore would look.
	conn, err := pgx.Connect(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `UPDATE seq_origin SET xid0 = xid0 + 1000000`); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	r, err := opcopg.Open(ctx, dst, opcopg.Options{}) // the restored schema is current: no migration needed
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	check(t, r, a)
}
