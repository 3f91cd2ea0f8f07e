package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"cerfadesk/core/contract"
	"cerfadesk/core/sheet"
	"cerfadesk/core/workflow"
	"cerfadesk/storage"
)

func init() {
	subcommands["export"] = subcommand{
		summary: "exporte les contrats du dossier de données en JSON, CSV ou XLSX",
		run:     runExport,
	}
}

const exportUsage = `Usage : cerfadesk export [--data DOSSIER] [--format json|csv|xlsx] [--status S] -o FICHIER

Écrit les contrats du dossier de données, dans l'ordre de leur référence :
  --format F   json (liste de contrats au format canonique), csv (point-virgule, UTF-8 avec BOM,
               comme Excel l'ouvre) ou xlsx ; par défaut, l'extension du fichier.
  --status S   seulement les contrats de ce statut (code ou libellé : en_cours_de_saisie,
               « ENGAGÉ »…) ; plusieurs statuts séparés par des virgules.
  -o FICHIER   le fichier écrit (remplacé s'il existe).
Les colonnes CSV et XLSX sont les champs du Cerfa (clés canoniques, dans l'ordre du Cerfa) :
le fichier se réimporte tel quel avec cerfadesk import.
`

// parseStatus reads a status by its code or its label.
func parseStatus(s string) (workflow.Status, bool) {
	f := sheet.Fold(s)
	for _, st := range workflow.Statuses {
		if string(st) == s || sheet.Fold(string(st)) == f || sheet.Fold(st.Label()) == f {
			return st, true
		}
	}
	return "", false
}

func runExport(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	data := fs.String("data", "", "")
	format := fs.String("format", "", "")
	status := fs.String("status", "", "")
	out := fs.String("o", "", "")
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, exportUsage)
		return 0
	}
	fail := func(msg string) int {
		fmt.Fprintf(stderr, "cerfadesk export : %s\n\n%s", msg, exportUsage)
		return 2
	}
	switch {
	case err != nil:
		return fail(err.Error())
	case fs.NArg() > 0:
		return fail(fmt.Sprintf("argument inattendu %q", fs.Arg(0)))
	case *out == "":
		return fail("-o FICHIER est obligatoire")
	}
	f, ok := sheet.ParseFormat(*format)
	if *format == "" {
		f, ok = sheet.ParseFormat(filepath.Ext(*out))
	}
	if !ok {
		return fail("format inconnu : json, csv ou xlsx")
	}
	var q workflow.ListQuery
	if *status != "" {
		for _, s := range strings.Split(*status, ",") {
			st, ok := parseStatus(strings.TrimSpace(s))
			if !ok {
				return fail(fmt.Sprintf("statut inconnu « %s »", s))
			}
			q.Statuses = append(q.Statuses, st)
		}
	}
	dir, err := storage.DataDir(*data)
	if err != nil {
		fmt.Fprintf(stderr, "cerfadesk export : %v\n", err)
		return 2
	}
	st, err := storage.Open(dir, storage.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "cerfadesk export : %v\n", err)
		return 2
	}
	defer st.Close()
	cs, err := loadAll(context.Background(), st, q)
	if err != nil {
		fmt.Fprintf(stderr, "cerfadesk export : %v\n", err)
		return 1
	}
	if err := writeAtomic(*out, func(w io.Writer) error { return sheet.Write(w, f, cs, sheet.WriteOptions{}) }); err != nil {
		fmt.Fprintf(stderr, "cerfadesk export : %s : %v\n", *out, err)
		return 1
	}
	fmt.Fprintf(stdout, "%d contrat(s) écrit(s) dans %s\n", len(cs), *out)
	return 0
}

// loadAll returns the contracts matching q, oldest first.
func loadAll(ctx context.Context, st *storage.Store, q workflow.ListQuery) ([]*contract.Contract, error) {
	q.Sort, q.Ascending, q.Limit = workflow.SortCreated, true, workflow.MaxPageSize
	var out []*contract.Contract
	for {
		page, err := st.List(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, s := range page.Items {
			rec, err := st.Load(ctx, s.ID)
			if err != nil {
				return nil, err
			}
			out = append(out, rec.Contract)
		}
		if page.Next == "" {
			return out, nil
		}
		q.After = page.Next
	}
}

// writeAtomic writes a file through a temporary file renamed over it: an
// interrupted export never leaves half a file under the name.
func writeAtomic(name string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
