package storage

import (
	"database/sql"
	"path/filepath"
	"testing"
)

// BenchmarkMigrateNameKeys100k times migration 010 on 100 000 contracts,
// every one with a NIR: the worst case, each name key read from its
// document (without a NIR the identity key is the name key already).
func BenchmarkMigrateNameKeys100k(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		dir := copySeed(b)
		st, err := Open(dir, Options{}) // the seed may predate 010
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
		dsn, _ := DSN(filepath.Join(dir, DBFile), Options{})
		db, err := sql.Open("sqlite", dsn)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Exec(`DROP INDEX contract_identity_name; ALTER TABLE contract_identity DROP COLUMN name_key;
			DELETE FROM schema_migrations WHERE version = 10`); err != nil {
			b.Fatal(err)
		}
		db.Close()
		b.StartTimer()
		st, err = Open(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		var n int
		st.db.QueryRow(`SELECT count(*) FROM contract_identity WHERE name_key <> ''`).Scan(&n)
		st.Close()
		if n != seedRows {
			b.Fatalf("%d name keys, want %d", n, seedRows)
		}
		b.StartTimer()
	}
}
