package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/refcheck"
	"cerfadesk/core/referentiel"
	"cerfadesk/core/rules"
	"cerfadesk/core/sheet"
	"cerfadesk/core/workflow"
	"cerfadesk/storage"
	"cerfadesk/ui"
)

func init() {
	subcommands["import"] = subcommand{
		summary: "importe des contrats d'un fichier JSON, CSV ou XLSX (« En cours de saisie »)",
		run:     runImport,
	}
}

const importUsage = `Usage : cerfadesk import [--data DOSSIER] [--dry-run] [--json] [--kind K] [--blocking skip|import]
                        [--doublons ignorer|importer] [--mapping CORRESPONDANCE.json] FICHIER...

Importe les contrats de fichiers JSON canonique (un contrat ou une liste), CSV (virgule ou
point-virgule, UTF-8 avec ou sans BOM, Windows-1252) ou XLSX. Les colonnes sont reconnues par
clé (apprenti.nom), par libellé du Cerfa (« Date de naissance ») ou par la correspondance
--mapping (un objet JSON { "en-tête du fichier": "clé", "colonne à ignorer": "" }).
Chaque contrat importé est « En cours de saisie », avec une ligne d'historique qui nomme le
fichier et la ligne, au nom du profil du dossier de données.
  --dry-run          lit et vérifie sans rien enregistrer.
  --json             une ligne JSON par ligne du fichier : file, row, reference, imported, valid, blocking,
                     findings, errors ; les remarques sur le fichier (colonnes absentes, ignorées) sont
                     des lignes JSON sur la sortie d'erreur : file, column, key, code, message.
  --kind K           apprentissage ou professionnalisation : le type des lignes sans colonne typeFormulaire.
  --blocking MODE    import (défaut) : les lignes avec des anomalies bloquantes sont importées, à compléter
                     dans l'application ; skip : elles ne sont pas importées.
  --doublons MODE    ignorer (défaut) : une ligne qui est un contrat déjà enregistré (même type, même
                     apprenti ou salarié — NIR, sinon nom, prénom et date de naissance, sans tenir compte
                     des accents ni des majuscules —, même SIRET d'employeur, même date de début) ou qui
                     répète une ligne précédente du fichier n'est pas importée : « déjà présent : C-000123 »
                     [deja_present], « même contrat que la ligne 4 du fichier » [doublon_fichier] ;
                     importer : elle est importée quand même.
Une ligne dont une valeur est illisible (date, code, texte trop long…) n'est jamais importée.
Les pièces jointes ne sont jamais dans un fichier : leur absence (onglet Documents) est signalée
(valid: false) mais n'est pas comptée comme anomalie bloquante de l'import.
Code de sortie : 0 si toutes les lignes ont été importées sans anomalie bloquante (les doublons écartés
ne comptent pas), 1 si des lignes ont des anomalies bloquantes ou ont été refusées, 2 si un fichier ne
peut pas être lu.
`

// importBatch is the number of rows saved per transaction.
const importBatch = 500

// importLine is one line of `cerfadesk import --json`.
type importLine struct {
	File      string `json:"file"`
	Row       int    `json:"row"`
	Reference string `json:"reference,omitempty"`
	Imported  bool   `json:"imported"`
	Valid     bool   `json:"valid"`
	// Blocking says the row was refused or has blocking findings besides
	// the missing documents (never in a file: they are attached in the app).
	Blocking bool            `json:"blocking"`
	Findings []rules.Finding `json:"findings"`
	// Hidden counts the blocking findings on fields whose column the file
	// lacks (reported once for the file).
	Hidden  int            `json:"hiddenFindings,omitempty"`
	Errors  []*sheet.Error `json:"errors,omitempty"`
	Skipped string         `json:"skipped,omitempty"`
	// Code is the stable code of a duplicate row left out (deja_present,
	// doublon_fichier); Existing is the stored contract a row is, SameAs
	// the earlier row of the file it repeats (set for rows imported
	// anyway too).
	Code     string `json:"code,omitempty"`
	Existing string `json:"existing,omitempty"`
	SameAs   int    `json:"sameAsRow,omitempty"`
}

type importArgs struct {
	data    string
	dryRun  bool
	json    bool
	kind    contract.Kind
	skip    bool
	dups    bool // --doublons importer
	mapping map[string]string
	files   []string
}

func parseImportArgs(args []string) (importArgs, error) {
	var ia importArgs
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&ia.data, "data", "", "")
	fs.BoolVar(&ia.dryRun, "dry-run", false, "")
	fs.BoolVar(&ia.json, "json", false, "")
	kind := fs.String("kind", "", "")
	blocking := fs.String("blocking", "import", "")
	doublons := fs.String("doublons", "ignorer", "")
	mapping := fs.String("mapping", "", "")
	// Flags may follow the files.
	for {
		if err := fs.Parse(args); err != nil {
			return ia, err
		}
		if fs.NArg() == 0 {
			break
		}
		ia.files = append(ia.files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if *kind != "" {
		k, ok := sheet.ParseKind(*kind)
		if !ok {
			return ia, fmt.Errorf("--kind %q : apprentissage ou professionnalisation", *kind)
		}
		ia.kind = k
	}
	switch *blocking {
	case "import":
	case "skip":
		ia.skip = true
	default:
		return ia, fmt.Errorf("--blocking %q : skip ou import", *blocking)
	}
	switch *doublons {
	case "ignorer":
	case "importer":
		ia.dups = true
	default:
		return ia, fmt.Errorf("--doublons %q : ignorer ou importer", *doublons)
	}
	if *mapping != "" {
		data, err := readAtMostFile(*mapping, 1<<20)
		if err != nil {
			return ia, fmt.Errorf("--mapping : %v", err)
		}
		if err := json.Unmarshal(data, &ia.mapping); err != nil {
			return ia, fmt.Errorf("--mapping %s : objet JSON { \"en-tête\": \"clé\" } attendu", *mapping)
		}
	}
	if len(ia.files) == 0 {
		return ia, errors.New("aucun fichier à importer")
	}
	return ia, nil
}

func readAtMostFile(name string, size int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAtMost(f, size)
}

// dataProfile is who imports: the profile the user last chose in the
// data folder's application (entreprise by default), under their name.
func dataProfile(dir string) workflow.Actor {
	a := workflow.Actor{Role: workflow.Entreprise}
	if p, err := ui.OpenPreferences(filepath.Join(dir, PrefsFile)); err == nil {
		if r := workflow.Role(p.String("profil.role")); r != "" {
			for _, v := range workflow.Roles {
				if v == r {
					a.Role = r
				}
			}
		}
		a.Name = p.String("profil.nom")
	}
	return a
}

func runImport(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	ia, err := parseImportArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, importUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "cerfadesk import : %v\n\n%s", err, importUsage)
		return 2
	}
	dir, err := storage.DataDir(ia.data)
	if err != nil {
		fmt.Fprintf(stderr, "cerfadesk import : %v\n", err)
		return 2
	}
	actor := dataProfile(dir)
	var svc *workflow.Service
	var find workflow.IdentityFinder
	if !ia.dryRun && actor.Role == workflow.Agent {
		fmt.Fprintln(stderr, "cerfadesk import : le profil de ce dossier de données est « Agent OPCO », qui ne crée pas de contrats : choisissez le profil Entreprise ou CFA dans l'application.")
		return 2
	}
	// A dry run opens the store only when there is one, to name the
	// contracts already stored.
	if _, statErr := os.Stat(filepath.Join(dir, storage.DBFile)); !ia.dryRun || statErr == nil {
		st, err := storage.Open(dir, storage.Options{})
		if err != nil {
			fmt.Fprintf(stderr, "cerfadesk import : %v\n", err)
			return 2
		}
		defer st.Close()
		find = st
		if !ia.dryRun {
			svc = workflow.NewService(st, st.Blobs)
		}
	}
	// The referentials of this data folder: the embedded ones, or the
	// files of <data>/referentiels/ that replace them.
	set, warnings := referentiel.Load(filepath.Join(dir, "referentiels"))
	for _, w := range warnings {
		fmt.Fprintf(stderr, "cerfadesk import : %s\n", w.Message)
	}
	opt := sheet.Options{Kind: ia.kind, Mapping: ia.mapping,
		Rules: rules.Options{Today: civil.Of(timeNow()), Referential: refcheck.Checker{Set: set}}}
	code := 0
	worse := func(c int) {
		if c > code {
			code = c
		}
	}
	enc := json.NewEncoder(stdout)
	for _, name := range ia.files {
		res, err := importFile(name, opt)
		if err != nil {
			fmt.Fprintf(stderr, "cerfadesk import : %v\n", err)
			worse(2)
			continue
		}
		if ia.json {
			// Programs read the file's problems as JSON lines on stderr.
			penc := json.NewEncoder(stderr)
			for _, p := range res.Problems {
				penc.Encode(p)
			}
		} else {
			printProblems(stderr, res)
		}
		if err := res.MarkDuplicates(context.Background(), find); err != nil {
			fmt.Fprintf(stderr, "cerfadesk import : %s : la recherche des contrats déjà enregistrés a échoué : %v\n", res.File, err)
			worse(2)
			continue
		}
		lines, err := saveRows(context.Background(), svc, actor, res, ia)
		for _, l := range lines {
			if ia.json {
				enc.Encode(l)
			} else {
				fmt.Fprintln(stdout, importText(l, ia.dryRun))
			}
			if l.Blocking && l.Code == "" {
				worse(1) // a duplicate left out is judged by its first copy
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "cerfadesk import : %s : l'enregistrement a échoué, les lignes suivantes n'ont pas été importées : %v\n", res.File, err)
			worse(2)
		}
	}
	return code
}

func importFile(name string, opt sheet.Options) (*sheet.Result, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%s : lecture impossible : %s", filepath.Base(name), readError(err))
	}
	defer f.Close()
	return sheet.Import(name, f, opt)
}

// saveRows saves the rows to import by batches, one transaction each, and
// returns one line per row. On a store error the rows not saved yet are
// left out of the lines, and the error returned.
func saveRows(ctx context.Context, svc *workflow.Service, actor workflow.Actor, res *sheet.Result, ia importArgs) ([]importLine, error) {
	lines := make([]importLine, len(res.Rows))
	var batch []workflow.Imported
	var idx []int
	flush := func() error {
		if len(batch) == 0 || svc == nil {
			batch, idx = batch[:0], idx[:0]
			return nil
		}
		recs, err := svc.CreateMany(ctx, actor, batch)
		if err != nil {
			return err
		}
		for i, r := range recs {
			lines[idx[i]].Reference, lines[idx[i]].Imported = r.Reference, true
		}
		batch, idx = batch[:0], idx[:0]
		return nil
	}
	for i := range res.Rows {
		r := &res.Rows[i]
		l := importLine{File: res.File, Row: r.Line, Errors: r.Errors, Findings: r.Findings, Hidden: r.Hidden,
			Valid: r.Valid(), Blocking: r.Blocking()}
		if l.Findings == nil {
			l.Findings = []rules.Finding{}
		}
		l.Existing, l.SameAs = r.Existing, r.SameAs
		lines[i] = l
		switch {
		case r.Refused():
			continue
		case r.Duplicate() && !ia.dups:
			lines[i].Skipped, lines[i].Code = res.DuplicateText(r), r.DuplicateCode()
			continue
		case ia.skip && r.Blocking():
			lines[i].Skipped = "anomalies bloquantes (--blocking skip)"
			continue
		}
		batch = append(batch, workflow.Imported{Contract: r.Contract, Note: res.Note(r)})
		idx = append(idx, i)
		if len(batch) == importBatch {
			if err := flush(); err != nil {
				return lines[:idx[0]], err
			}
		}
	}
	if len(idx) > 0 {
		if err := flush(); err != nil {
			return lines[:idx[0]], err
		}
	}
	return lines, nil
}

// importText is the line of a row in the text output:
// « contrats.csv, ligne 12 : C-000012, valide ».
func importText(l importLine, dryRun bool) string {
	where := fmt.Sprintf("%s, ligne %d : ", l.File, l.Row)
	if len(l.Errors) > 0 {
		var msgs []string
		for _, e := range l.Errors {
			m := e.Message + " [" + e.Code + "]"
			if e.Column != "" {
				m = "colonne « " + e.Column + " » : " + m
			}
			msgs = append(msgs, m)
		}
		return where + "refusée — " + strings.Join(msgs, " ; ")
	}
	var b strings.Builder
	b.WriteString(where)
	switch {
	case l.Imported:
		b.WriteString(l.Reference)
		switch { // a duplicate imported on purpose (--doublons importer)
		case l.Existing != "":
			b.WriteString(" (doublon importé : déjà présent : " + l.Existing + ")")
		case l.SameAs != 0:
			fmt.Fprintf(&b, " (doublon importé : même contrat que la ligne %d du fichier)", l.SameAs)
		}
	case l.Skipped != "" && l.Code != "":
		b.WriteString("non importée (" + l.Skipped + ") [" + l.Code + "]")
		return b.String()
	case l.Skipped != "":
		b.WriteString("non importée (" + l.Skipped + ")")
	case dryRun:
		b.WriteString("à importer")
	default:
		b.WriteString("non importée")
	}
	errs, warns := 0, 0
	var msgs []string
	for _, f := range l.Findings {
		switch f.Severity {
		case rules.Error:
			errs++
			msgs = append(msgs, f.Tab+" : "+f.Message)
		case rules.Warning:
			warns++
		}
	}
	errs += l.Hidden
	if l.Valid {
		b.WriteString(", valide")
	} else {
		b.WriteString(", non valide")
	}
	if errs+warns > 0 {
		fmt.Fprintf(&b, " (%s, %s)", count(errs, "anomalie bloquante", "anomalies bloquantes"), count(warns, "avertissement", "avertissements"))
	}
	if l.Hidden > 0 {
		msgs = append(msgs, count(l.Hidden, "champ d'une colonne absente", "champs de colonnes absentes"))
	}
	if len(msgs) > 0 {
		b.WriteString(" — " + strings.Join(msgs, " ; "))
	}
	return b.String()
}

func count(n int, one, many string) string {
	if n <= 1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

// printProblems writes the file's problems on stderr, the missing
// required columns on one line.
func printProblems(w io.Writer, res *sheet.Result) {
	var missing []string
	for _, p := range res.Problems {
		if p.Code == sheet.CodeMissingColumn {
			missing = append(missing, "« "+p.Column+" » ("+p.Key+")")
			continue
		}
		fmt.Fprintf(w, "Attention : %v [%s]\n", p, p.Code)
	}
	if len(missing) > 0 {
		fmt.Fprintf(w, "Attention : %s : %s, chaque contrat importé devra être complété : %s [%s]\n", res.File,
			count(len(missing), "colonne obligatoire absente", "colonnes obligatoires absentes"), strings.Join(missing, ", "), sheet.CodeMissingColumn)
	}
}
