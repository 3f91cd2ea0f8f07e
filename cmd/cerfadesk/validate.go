package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/refcheck"
	"cerfadesk/core/referentiel"
	"cerfadesk/core/rules"
	"cerfadesk/storage"
)

func init() {
	subcommands["validate"] = subcommand{
		summary: "vérifie des contrats au format JSON canonique (--today AAAA-MM-JJ, --json)",
		run:     runValidate,
	}
}

const validateUsage = `Usage : cerfadesk validate [--today AAAA-MM-JJ] [--json] FICHIER.json...

Vérifie chaque contrat avec toutes les règles du Cerfa.
  --today AAAA-MM-JJ  date de la vérification (date de naissance future, délai de transmission).
                      Sans --today, la date du système sert aux dates futures, et le délai
                      de transmission (SYN-DEADLINE) n'est pas vérifié : il dépend du jour
                      où le contrat sera transmis.
  --json              une ligne JSON par fichier : file, valid, findings, derived.
Code de sortie : 0 si tous les contrats sont valides, 1 si au moins un ne l'est pas,
2 si un fichier ne peut pas être lu ou analysé (raison sur la sortie d'erreur).
`

// validateOutput is one line of `cerfadesk validate --json`.
type validateOutput struct {
	File     string          `json:"file"`
	Valid    bool            `json:"valid"`
	Findings []rules.Finding `json:"findings"`
	Derived  *derivedOutput  `json:"derived,omitempty"`
	Error    *errorOutput    `json:"error,omitempty"`
}

type errorOutput struct {
	Code    string `json:"code"`
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"` // of a syntax error, from 1
	Column  int    `json:"column,omitempty"`
}

type derivedOutput struct {
	AgeDebut               *int         `json:"ageDebut"`
	AgeConclusion          *int         `json:"ageConclusion"`
	DateLimiteTransmission civil.Date   `json:"dateLimiteTransmission"`
	Remunerations          []remuOutput `json:"remunerations"`
}

type remuOutput struct {
	Ordre       string            `json:"ordre"`
	DateDebut   civil.Date        `json:"dateDebut"`
	DateFin     civil.Date        `json:"dateFin"`
	Taux        *contract.Percent `json:"taux"`
	TypeSalaire string            `json:"typeSalaire"`
	SalaireBrut *contract.Money   `json:"salaireBrut"`
}

type validateArgs struct {
	today    civil.Date
	hasToday bool
	json     bool
	files    []string
}

func parseValidateArgs(args []string) (validateArgs, error) {
	var va validateArgs
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			va.files = append(va.files, args[i+1:]...)
			return va, nil
		case a == "--json" || a == "-json":
			va.json = true
		case a == "--today" || a == "-today" || strings.HasPrefix(a, "--today=") || strings.HasPrefix(a, "-today="):
			v, ok := strings.CutPrefix(strings.TrimLeft(a, "-"), "today=")
			if !ok {
				if i+1 >= len(args) {
					return va, errors.New("--today attend une date AAAA-MM-JJ")
				}
				i++
				v = args[i]
			}
			d, err := civil.Parse(v)
			if err != nil {
				return va, fmt.Errorf("--today %q : date attendue au format AAAA-MM-JJ", v)
			}
			va.today, va.hasToday = d, true
		case a == "-h" || a == "--help" || a == "-help":
			return va, errHelp
		case strings.HasPrefix(a, "-") && a != "-":
			return va, fmt.Errorf("option inconnue %q", a)
		default:
			va.files = append(va.files, a)
		}
	}
	if len(va.files) == 0 {
		return va, errors.New("aucun fichier à vérifier")
	}
	return va, nil
}

var errHelp = errors.New("help")

// timeNow is the clock of the validate command; tests replace it.
var timeNow = time.Now

// referentials are loaded once per process: the embedded copies, or the
// files the user placed in <data>/referentiels/.
var (
	refOnce sync.Once
	refSet  rules.Referential
)

// defaultReferential is the referential the command checks against; load
// warnings (a refused override file) go to warn once.
func defaultReferential(warn io.Writer) rules.Referential {
	refOnce.Do(func() {
		dir, err := storage.DataDir("")
		if err != nil {
			refSet = refcheck.Default()
			return
		}
		set, warnings := referentiel.Load(filepath.Join(dir, "referentiels"))
		for _, w := range warnings {
			fmt.Fprintf(warn, "cerfadesk : %s\n", w.Message)
		}
		refSet = refcheck.Checker{Set: set}
	})
	return refSet
}

// validateFile decodes and validates one file.
func validateFile(name string, stdin io.Reader, va validateArgs, today civil.Date, ref rules.Referential) (validateOutput, rules.Result, error) {
	out := validateOutput{File: name, Findings: []rules.Finding{}}
	data, err := readContract(name, stdin)
	if err != nil {
		out.Error = &errorOutput{Code: "lecture", Message: "lecture impossible : " + err.Error()}
		return out, rules.Result{}, fmt.Errorf("%s : lecture impossible : %w", name, err)
	}
	c, err := contract.Decode(data)
	if err != nil {
		var ie *contract.ImportError
		if errors.As(err, &ie) {
			out.Error = &errorOutput{Code: ie.Code, Path: ie.Path, Message: ie.Message, Line: ie.Line, Column: ie.Column}
		} else {
			out.Error = &errorOutput{Code: contract.CodeSyntax, Message: err.Error()}
		}
		return out, rules.Result{}, fmt.Errorf("%s : %w", name, err)
	}
	opt := rules.Options{Today: today, Referential: ref, SkipDeadline: !va.hasToday}
	res := rules.Validate(c, opt)
	out.Valid = res.Valid()
	if res.Findings != nil {
		out.Findings = res.Findings
	}
	d := &derivedOutput{
		AgeDebut: res.Derived.AgeDebut, AgeConclusion: res.Derived.AgeConclusion,
		DateLimiteTransmission: res.Derived.DateLimiteTransmission, Remunerations: []remuOutput{},
	}
	for _, r := range res.Derived.Remunerations {
		d.Remunerations = append(d.Remunerations, remuOutput{r.Ordre, r.DateDebut, r.DateFin, r.Taux, r.TypeSalaire, r.SalaireBrut})
	}
	out.Derived = d
	return out, res, nil
}

func runValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	va, err := parseValidateArgs(args)
	if errors.Is(err, errHelp) {
		fmt.Fprint(stdout, validateUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "cerfadesk validate : %v\n\n%s", err, validateUsage)
		return 2
	}
	today := va.today
	if !va.hasToday {
		today = civil.Of(timeNow())
	}
	type result struct {
		out validateOutput
		res rules.Result
		err error
	}
	ref := defaultReferential(stderr)
	results := make([]result, len(va.files))
	// Files are independent: validate them on every core, print in order.
	var wg sync.WaitGroup
	next := make(chan int)
	workers := min(runtime.GOMAXPROCS(0), len(va.files))
	for range workers {
		wg.Go(func() {
			for i := range next {
				o, r, e := validateFile(va.files[i], stdin, va, today, ref)
				results[i] = result{o, r, e}
			}
		})
	}
	for i := range va.files {
		next <- i
	}
	close(next)
	wg.Wait()

	w := bufio.NewWriterSize(stdout, 64<<10)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	code := 0
	for _, r := range results {
		if r.err != nil {
			fmt.Fprintf(stderr, "cerfadesk validate : %v\n", r.err)
			code = 2
		} else if !r.out.Valid && code == 0 {
			code = 1
		}
		if va.json {
			if err := enc.Encode(r.out); err != nil {
				fmt.Fprintf(stderr, "cerfadesk validate : %v\n", err)
				return 2
			}
			continue
		}
		if r.err == nil {
			printFindingsFR(w, r.out.File, r.res)
		}
	}
	return code
}

// printFindingsFR writes a file's findings for people, grouped by tab.
func printFindingsFR(w io.Writer, file string, res rules.Result) {
	if res.Valid() {
		fmt.Fprintf(w, "%s : conforme", file)
	} else {
		fmt.Fprintf(w, "%s : le Cerfa n'a pas pu être validé", file)
	}
	var e, wn, in int
	for _, f := range res.Findings {
		switch f.Severity {
		case rules.Error:
			e++
		case rules.Warning:
			wn++
		default:
			in++
		}
	}
	fmt.Fprintf(w, " (%d erreur(s), %d avertissement(s), %d information(s))\n", e, wn, in)
	sev := map[rules.Severity]string{rules.Error: "ERREUR", rules.Warning: "ATTENTION", rules.Info: "INFO"}
	for _, tab := range rules.Tabs {
		first := true
		for _, f := range res.Findings {
			if f.Tab != tab {
				continue
			}
			if first {
				fmt.Fprintf(w, "  Onglet %s\n", tab)
				first = false
			}
			fmt.Fprintf(w, "    %-9s %s — %s [%s]\n", sev[f.Severity], f.Field, f.Message, f.Rule)
		}
	}
	if d := res.Derived; d.AgeDebut != nil || !d.DateLimiteTransmission.IsZero() {
		fmt.Fprint(w, "  Synthèse :")
		if d.AgeDebut != nil {
			fmt.Fprintf(w, " âge au début du contrat %d ans ;", *d.AgeDebut)
		}
		if !d.DateLimiteTransmission.IsZero() {
			fmt.Fprintf(w, " à transmettre au plus tard le %s", d.DateLimiteTransmission.French())
		}
		fmt.Fprintln(w)
	}
}
