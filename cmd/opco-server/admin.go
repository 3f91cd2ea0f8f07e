package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"cerfadesk/storage/opcopg"
	"cerfadesk/storage/opcosqlite"
	"cerfadesk/storage/opcostore"
)

// runMigrate is `opco-server migrate`: it applies the schema the database
// lacks, then says which version it holds. The instances check the version
// at start and refuse to run on an older PostgreSQL schema (run this first,
// once, at each upgrade) or on a newer one (a downgrade).
func runMigrate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("opco-server migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var dir, dbURL string
	fs.StringVar(&dir, "data", "", "dossier des données (SQLite ; défaut : $"+DataEnv+", sinon ./opco-data)")
	fs.StringVar(&dbURL, "db", "", "base PostgreSQL postgres://… (défaut : $"+DBEnv+")")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	dir, dbURL = dataDir(dir), dbOf(dbURL)
	ctx := context.Background()
	o, err := opcostore.Open(ctx, dbURL, opcostore.Options{DataDir: dir, Migrate: true, StoreOnly: true})
	if err != nil {
		fmt.Fprintf(stderr, "opco-server migrate : %v\n", err)
		return 1
	}
	defer o.Store.Close()
	if opcostore.IsPostgres(dbURL) {
		cur, latest, err := opcopg.SchemaVersion(ctx, dbURL)
		if err != nil {
			fmt.Fprintf(stderr, "opco-server migrate : %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "schéma PostgreSQL à jour : version %d (cet opco-server : %d) — %s\n", cur, latest, o.Where)
		return 0
	}
	fmt.Fprintf(stdout, "schéma SQLite à jour — %s\n", o.Where)
	return 0
}

// runBackup is `opco-server backup --out FILE`: a consistent copy of the
// SQLite database while the server runs (PostgreSQL: pg_dump, see
// docs/deploy.md). The documents folder is copied beside it by the
// operator: its files never change once written.
func runBackup(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("opco-server backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var dir, out string
	fs.StringVar(&dir, "data", "", "dossier des données (défaut : $"+DataEnv+", sinon ./opco-data)")
	fs.StringVar(&out, "out", "", "fichier de la copie (ne doit pas exister)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if out == "" {
		fmt.Fprintln(stderr, "opco-server backup : --out FICHIER est obligatoire")
		return 2
	}
	if opcostore.IsPostgres(dbOf("")) {
		fmt.Fprintln(stderr, "opco-server backup : la base est PostgreSQL ($"+DBEnv+") : sauvegardez-la avec pg_dump (docs/deploy.md)")
		return 2
	}
	if _, err := os.Stat(out); err == nil {
		fmt.Fprintf(stderr, "opco-server backup : %s existe déjà\n", out)
		return 1
	}
	dir = dataDir(dir)
	s, err := opcosqlite.Open(dir+string(os.PathSeparator)+opcostore.DBFile, opcosqlite.DBOptions{})
	if err != nil {
		fmt.Fprintf(stderr, "opco-server backup : %v\n", err)
		return 1
	}
	defer s.Close()
	if err := s.Backup(context.Background(), out); err != nil {
		fmt.Fprintf(stderr, "opco-server backup : %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "copie de la base écrite dans %s ; copiez aussi le dossier %s%cdocuments\n", out, dir, os.PathSeparator)
	return 0
}

func dataDir(dir string) string {
	if dir == "" {
		dir = os.Getenv(DataEnv)
	}
	if dir == "" {
		dir = "opco-data"
	}
	return dir
}

func dbOf(url string) string {
	if url == "" {
		url = os.Getenv(DBEnv)
	}
	return url
}
