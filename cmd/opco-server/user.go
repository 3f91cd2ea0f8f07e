package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"cerfadesk/core/opco"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
	"cerfadesk/storage/opcostore"
)

const userUsage = `Usage :
  opco-server user add --role entreprise|cfa|agent --login IDENTIFIANT --email COURRIEL [--siret SIRET] [--name NOM] [--data DOSSIER | --db postgres://…]
      crée un compte ; le mot de passe (10 caractères au moins) est lu sur l'entrée standard
      (première ligne), par exemple : echo "$MOT_DE_PASSE" | opco-server user add …
  opco-server user list [--data DOSSIER | --db postgres://…]
      liste les comptes
`

// runUser is `opco-server user …`.
func runUser(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, userUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	fs := flag.NewFlagSet("opco-server user "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	var n opco.NewAccount
	var role, dir string
	var dbURL string
	fs.StringVar(&dir, "data", "", "dossier des données (défaut : $"+DataEnv+", sinon ./opco-data)")
	fs.StringVar(&dbURL, "db", "", "base PostgreSQL postgres://… (défaut : $"+DBEnv+" ; sans elle, SQLite dans --data)")
	if args[0] == "add" {
		fs.StringVar(&role, "role", "", "entreprise, cfa ou agent")
		fs.StringVar(&n.Login, "login", "", "identifiant de connexion")
		fs.StringVar(&n.Email, "email", "", "adresse électronique")
		fs.StringVar(&n.Siret, "siret", "", "SIRET de l'établissement (obligatoire pour une entreprise)")
		fs.StringVar(&n.Name, "name", "", "nom affiché (raison sociale, nom de l'organisme ou de l'agent)")
	} else if args[0] != "list" {
		fmt.Fprintf(stderr, "opco-server user : commande inconnue %q\n\n%s", args[0], userUsage)
		return 2
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if dir == "" {
		dir = os.Getenv(DataEnv)
	}
	if dir == "" {
		dir = "opco-data"
	}
	if dbURL == "" {
		dbURL = os.Getenv(DBEnv)
	}
	ctx := context.Background()
	// The database only: a server may be running on the folder, and its
	// documents (uploads in progress) are none of this command's business.
	if dbURL == "" {
		if err := privateDir(dir); err != nil {
			fmt.Fprintf(stderr, "opco-server user : %v\n", err)
			return 1
		}
	}
	opened, err := opcostore.Open(ctx, dbURL, opcostore.Options{DataDir: dir, StoreOnly: true})
	if err != nil {
		fmt.Fprintf(stderr, "opco-server user : %v\n", err)
		return 1
	}
	defer opened.Store.Close()
	svc := opco.NewService(opened.Store, nil)
	if args[0] == "list" {
		list, err := svc.Accounts(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "opco-server user list : %v\n", err)
			return 1
		}
		for _, a := range list {
			fmt.Fprintf(stdout, "%-20s %-10s %-35s %s\n", a.Login, a.Role, a.Email, a.Siret)
		}
		return 0
	}
	n.Role = workflow.Role(role)
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		fmt.Fprintf(stderr, "opco-server user add : lecture du mot de passe : %v\n", err)
		return 1
	}
	n.Password = strings.TrimRight(line, "\r\n")
	a, err := svc.CreateAccount(ctx, n)
	if err != nil {
		fmt.Fprintf(stderr, "opco-server user add : %s\n", opco.APIError(err).Message)
		return 1
	}
	fmt.Fprintf(stdout, "compte %s créé (%s, %s)\n", a.Login, a.Role.Label(), a.Email)
	return 0
}

// DemoAccounts are the accounts --demo creates: one per role, the
// employer being the example contract's (Maison Leroux, SIRET
// 834 759 623 00012).
var DemoAccounts = []opco.NewAccount{
	{Role: workflow.Entreprise, Login: "entreprise", Password: "demo-entreprise", Email: "rh@maison-leroux.example",
		Siret: "83475962300012", Name: "Maison Leroux"},
	{Role: workflow.CFA, Login: "cfa", Password: "demo-cfa-2026", Email: "contact@cfa-demo.example", Name: "CFA de démonstration"},
	{Role: workflow.Agent, Login: "agent", Password: "demo-agent-2026", Email: "agent@opcommerce.example", Name: "Agent Opcommerce"},
}

// createDemo creates the demo accounts that do not exist yet and prints
// them all.
func (m *Main) createDemo(ctx context.Context) error {
	existing, err := m.Service.Accounts(ctx)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, a := range existing {
		have[strings.ToLower(a.Login)] = true
	}
	fmt.Fprintln(m.Stdout, "Comptes de démonstration :")
	for _, n := range DemoAccounts {
		if !have[n.Login] {
			// Another instance starting on the same database may create it
			// first: its conflict is no failure.
			if _, err := m.Service.CreateAccount(ctx, n); err != nil && opco.APIError(err).Code != opcoapi.CodeConflict {
				return fmt.Errorf("compte de démonstration %s : %s", n.Login, opco.APIError(err).Message)
			}
		}
		fmt.Fprintf(m.Stdout, "  %-11s identifiant %-11s mot de passe %-16s %s\n", n.Role.Label(), n.Login, n.Password, n.Email)
	}
	return nil
}
