package main

import (
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"

	"cerfadesk/core/referentiel"
	"cerfadesk/storage"
)

func init() {
	subcommands["referentiels"] = subcommand{
		summary: "affiche les référentiels hors ligne : millésime, nombre de lignes, intégré ou remplacé",
		run:     runReferentiels,
	}
}

// runReferentiels prints each referential's vintage, row count and origin
// (embedded, or a file of <data>/referentiels/ that replaces it).
func runReferentiels(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	data := ""
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--data" && i+1 < len(args):
			i++
			data = args[i]
		case len(a) > 7 && a[:7] == "--data=":
			data = a[7:]
		default:
			fmt.Fprintf(stderr, "Usage : cerfadesk referentiels [--data DOSSIER]\n")
			return 2
		}
	}
	dir, err := storage.DataDir(data)
	if err != nil {
		fmt.Fprintf(stderr, "cerfadesk referentiels : dossier de données : %v\n", err)
		return 2
	}
	over := filepath.Join(dir, "referentiels")
	set, warnings := referentiel.Load(over)
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Référentiel\tMillésime\tLignes\tSource")
	for _, in := range set.Info() {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", in.Name, in.Vintage, in.Rows, in.Source)
	}
	tw.Flush()
	fmt.Fprintf(stdout, "Fichiers de remplacement lus dans : %s\n", over)
	for _, w := range warnings {
		fmt.Fprintf(stderr, "Attention : %s\n", w.Message)
	}
	if len(warnings) > 0 {
		return 1
	}
	return 0
}
