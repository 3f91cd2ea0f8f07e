// Command cerfadesk is the desktop application for apprenticeship and
// professionalisation contracts. Its first argument may also name a headless
// sub-command (validate, pdf…), which runs without starting Fyne.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// version is cerfadesk's version, as in FyneApp.toml.
var version = "0.1.0"

// subcommand is a headless sub-command of cerfadesk (validate, pdf…).
type subcommand struct {
	summary string                                                             // one line, French
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int // exit code
}

// subcommands holds the sub-commands by name. Each one registers itself from
// an init function in its own file of package main.
var subcommands = map[string]subcommand{}

func init() {
	subcommands["version"] = subcommand{
		summary: "affiche la version de cerfadesk",
		run: func(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
			fmt.Fprintf(stdout, "cerfadesk %s\n", version)
			return 0
		},
	}
}

func main() {
	if code, ok := dispatch(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); ok {
		os.Exit(code)
	}

	m := NewMain()
	if err := m.ParseFlags(os.Args[1:]); errors.Is(err, flag.ErrHelp) {
		usage(os.Stdout, newFlagSet(new(string), new(string)))
		os.Exit(0)
	} else if err != nil {
		fmt.Fprintf(os.Stderr, "cerfadesk : %v\n", err)
		os.Exit(2)
	}
	if err := m.Run(context.Background()); err != nil {
		m.Close()
		fmt.Fprintf(os.Stderr, "cerfadesk : %v\n", err)
		os.Exit(1)
	}
	m.ShowAndRun()
	if err := m.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "cerfadesk : %v\n", err)
		os.Exit(1)
	}
}

// dispatch runs the sub-command, or the help, that args[0] names. ok is false
// when args name neither, and the desktop application should start.
func dispatch(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int, ok bool) {
	if len(args) == 0 {
		return 0, false
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout, newFlagSet(new(string), new(string)))
		return 0, true
	}
	if c, found := subcommands[args[0]]; found {
		return c.run(args[1:], stdin, stdout, stderr), true
	}
	return 0, false
}

// ParseFlags reads the command line. The data folder is --data, else
// $CERFADESK_DATA, else the OS convention (os.UserConfigDir()/cerfadesk).
func (m *Main) ParseFlags(args []string) error {
	var dataDir string
	fs := newFlagSet(&dataDir, &m.Open)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			err = fmt.Errorf("%w (cerfadesk help pour l'aide)", err)
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("commande inconnue %q (cerfadesk help pour l'aide)", fs.Arg(0))
	}
	if dataDir == "" {
		dataDir = m.Getenv("CERFADESK_DATA")
	}
	if dataDir == "" {
		dir, err := m.UserConfigDir()
		if err != nil {
			return fmt.Errorf("dossier de données : %w (utilisez --data DOSSIER)", err)
		}
		dataDir = filepath.Join(dir, "cerfadesk")
	}
	m.DataDir = dataDir
	return nil
}

func newFlagSet(dataDir, open *string) *flag.FlagSet {
	fs := flag.NewFlagSet("cerfadesk", flag.ContinueOnError)
	fs.StringVar(dataDir, "data", "", "dossier des données (défaut : $CERFADESK_DATA, sinon le dossier de configuration de l'utilisateur)")
	fs.StringVar(open, "ouvrir", "", "référence d'un contrat à ouvrir au démarrage (C-000001)")
	return fs
}

// usage writes the help: how to start the app, the sub-commands and the flags.
func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `Usage :
  cerfadesk [--data DOSSIER] [--ouvrir RÉF]   ouvre l'application de bureau
  cerfadesk COMMANDE [ARGUMENTS...]           exécute une commande sans interface graphique

Commandes :
`)
	names := make([]string, 0, len(subcommands))
	for name := range subcommands {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-14s %s\n", name, subcommands[name].summary)
	}
	fmt.Fprint(w, "\nOptions :\n")
	fs.SetOutput(w)
	fs.PrintDefaults()
}
