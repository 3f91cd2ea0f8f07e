// Command opco-server is the OPCO service: the HTTP JSON API (docs/api.md)
// that employers' and CFAs' desktop apps synchronise with and that OPCO
// agents review contracts through. It keeps its data in an embedded SQLite
// database and a folder of documents (--data), or in a PostgreSQL database
// that several instances share (--db postgres://…, documents included).
//
//	opco-server [--addr 127.0.0.1:8740] [--data DIR | --db postgres://…] [--smtp host:port] [--tls-cert F --tls-key F | --behind-tls-proxy] [--demo]
//	opco-server migrate [--data DIR | --db postgres://…]
//	opco-server backup --out FILE [--data DIR]
//	opco-server user add --role entreprise|cfa|agent --login L --email E [--siret S] [--name N] < password
//	opco-server user list
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command, for tests: its exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "user":
			return runUser(args[1:], stdin, stdout, stderr)
		case "migrate":
			return runMigrate(args[1:], stdout, stderr)
		case "backup":
			return runBackup(args[1:], stdout, stderr)
		}
	}
	m := NewMain()
	m.Stdout, m.Stderr = stdout, stderr
	if err := m.ParseFlags(args); errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		fmt.Fprintf(stderr, "opco-server: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if path := os.Getenv("OPCO_CPUPROFILE"); path != "" { // profiling a benchmark
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			defer func() { pprof.StopCPUProfile(); f.Close() }()
		}
	}
	if err := m.Run(ctx); err != nil {
		fmt.Fprintf(stderr, "opco-server: %v\n", err)
		m.Close()
		return 1
	}
	select {
	case <-ctx.Done():
	case err := <-m.Done():
		if err != nil {
			fmt.Fprintf(stderr, "opco-server: %v\n", err)
			m.Close()
			return 1
		}
	}
	if err := m.Close(); err != nil {
		fmt.Fprintf(stderr, "opco-server: %v\n", err)
		return 1
	}
	return 0
}
