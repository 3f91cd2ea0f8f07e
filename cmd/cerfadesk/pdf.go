package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/pdf"
	"cerfadesk/core/rules"
)

func init() {
	subcommands["pdf"] = subcommand{
		summary: "imprime le Cerfa d'un contrat en PDF (CONTRAT.json -o contrat.pdf, --today AAAA-MM-JJ)",
		run:     runPDF,
	}
}

const pdfUsage = `Usage : cerfadesk pdf CONTRAT.json [-o FICHIER.pdf] [--today AAAA-MM-JJ]

Imprime le Cerfa du contrat (FA13 pour un contrat d'apprentissage, EJ20 pour un
contrat de professionnalisation) en PDF A4.
  -o FICHIER.pdf      fichier à écrire (défaut : le nom du contrat avec l'extension .pdf ;
                      « - » écrit sur la sortie standard). CONTRAT.json peut être « - »
                      pour lire l'entrée standard.
  --today AAAA-MM-JJ  date d'édition du document (défaut : aujourd'hui).
Un contrat qui comporte des erreurs bloquantes est imprimé quand même, marqué
« PROJET — NON VALIDÉ ».
Code de sortie : 0 si le PDF est écrit, 2 si le contrat ne peut pas être lu ou
analysé ou si les arguments sont invalides, 1 si le PDF ne peut pas être écrit.
`

// pdfClock is the clock of the pdf command when --today is absent, and
// pdfValidate its validation engine; tests replace them.
var (
	pdfClock    = time.Now
	pdfValidate = rules.Validate
)

type pdfArgs struct {
	in, out string
	today   civil.Date
}

var errPDFHelp = errors.New("aide demandée")

func parsePDFArgs(args []string) (pdfArgs, error) {
	var pa pdfArgs
	var files []string
	value := func(i *int, name, arg string) (string, error) {
		if v, ok := strings.CutPrefix(arg, name+"="); ok {
			return v, nil
		}
		if *i+1 >= len(args) {
			return "", fmt.Errorf("%s attend une valeur", name)
		}
		*i++
		return args[*i], nil
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		flagName, _, _ := strings.Cut(a, "=")
		switch {
		case a == "--":
			files = append(files, args[i+1:]...)
			i = len(args)
		case flagName == "-o" || flagName == "--o" || flagName == "--output":
			v, err := value(&i, flagName, a)
			if err != nil {
				return pa, err
			}
			pa.out = v
		case flagName == "--today" || flagName == "-today":
			v, err := value(&i, flagName, a)
			if err != nil {
				return pa, errors.New("--today attend une date AAAA-MM-JJ")
			}
			d, err := civil.Parse(v)
			if err != nil {
				return pa, fmt.Errorf("--today %q : date attendue au format AAAA-MM-JJ", v)
			}
			pa.today = d
		case a == "-h" || a == "-help" || a == "--help":
			return pa, errPDFHelp
		case strings.HasPrefix(a, "-") && a != "-":
			return pa, fmt.Errorf("option inconnue %q", a)
		default:
			files = append(files, a)
		}
	}
	switch len(files) {
	case 0:
		return pa, errors.New("aucun contrat à imprimer")
	case 1:
		pa.in = files[0]
	default:
		return pa, fmt.Errorf("un seul contrat à la fois (reçu %d fichiers)", len(files))
	}
	if pa.out == "" {
		pa.out = "-"
		if pa.in != "-" {
			pa.out = strings.TrimSuffix(pa.in, filepath.Ext(pa.in)) + ".pdf"
		}
	}
	if pa.out != "-" && filepath.Clean(pa.out) == filepath.Clean(pa.in) {
		return pa, fmt.Errorf("le PDF écraserait le contrat %q : choisissez un autre fichier avec -o", pa.in)
	}
	return pa, nil
}

// runPDF is `cerfadesk pdf`.
func runPDF(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	pa, err := parsePDFArgs(args)
	if errors.Is(err, errPDFHelp) {
		fmt.Fprint(stdout, pdfUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "cerfadesk pdf : %v\n\n%s", err, pdfUsage)
		return 2
	}

	name := pa.in
	if pa.in == "-" {
		name = "entrée standard"
	}
	data, err := readContract(pa.in, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "cerfadesk pdf : lecture de %s impossible : %v\n", name, err)
		return 2
	}
	c, err := contract.Decode(data)
	if err != nil {
		fmt.Fprintf(stderr, "cerfadesk pdf : %s : %v\n", name, err)
		return 2
	}

	today := pa.today
	if today.IsZero() {
		today = civil.Of(pdfClock())
	}
	res := pdfValidate(c, rules.Options{Today: today})
	opt := pdf.CerfaOptions{
		Now:   time.Date(today.Year, today.Month, today.Day, 0, 0, 0, 0, time.UTC),
		Draft: !res.Valid(),
	}
	if c.Contrat.RemunerationsAnnuelles == nil && res.Derived.Remunerations != nil {
		opt.Remunerations = res.Derived.Remunerations
	}
	var buf bytes.Buffer
	if err := pdf.Cerfa(&buf, c, opt); err != nil {
		fmt.Fprintf(stderr, "cerfadesk pdf : %s : %v\n", name, err)
		if errors.Is(err, pdf.ErrKind) {
			return 2
		}
		return 1
	}

	if pa.out == "-" {
		if _, err := stdout.Write(buf.Bytes()); err != nil {
			fmt.Fprintf(stderr, "cerfadesk pdf : écriture sur la sortie standard impossible : %v\n", err)
			return 1
		}
		return 0
	}
	if err := writeFileAtomic(pa.out, buf.Bytes()); err != nil {
		fmt.Fprintf(stderr, "cerfadesk pdf : écriture de %s impossible : %v\n", pa.out, err)
		return 1
	}
	note := ""
	if opt.Draft {
		note = " — projet non validé : le contrat comporte des erreurs bloquantes"
	}
	fmt.Fprintf(stdout, "%s écrit (%d Ko)%s\n", pa.out, (buf.Len()+1023)/1024, note)
	return 0
}

// readContract reads a contract file, or standard input for "-", up to
// contract.MaxSize: a bigger file is refused without being read whole
// (cerfadesk validate /dev/zero stops at once). Errors are French.
func readContract(name string, stdin io.Reader) ([]byte, error) {
	if name == "-" {
		return readAtMost(stdin, -1)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, errors.New(readError(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, errors.New(readError(err))
	}
	if fi.IsDir() {
		return nil, errors.New("c'est un dossier, pas un fichier de contrat")
	}
	size := int64(-1)
	if fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return readAtMost(f, size)
}

// readAtMost reads r whole if it holds at most contract.MaxSize bytes;
// size is its length when known (a regular file), -1 otherwise.
func readAtMost(r io.Reader, size int64) ([]byte, error) {
	tooBig := fmt.Errorf("trop volumineux pour un contrat (plus de %d Mio)", contract.MaxSize>>20)
	if size > contract.MaxSize {
		return nil, tooBig
	}
	buf := bytes.NewBuffer(make([]byte, 0, max(size, 512)+1))
	n, err := buf.ReadFrom(io.LimitReader(r, contract.MaxSize+1))
	if err != nil {
		return nil, errors.New(readError(err))
	}
	if n > contract.MaxSize {
		return nil, tooBig
	}
	return buf.Bytes(), nil
}

// readError says in French why a file could not be read.
func readError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "fichier introuvable"
	case errors.Is(err, fs.ErrPermission):
		return "accès refusé"
	case errors.Is(err, syscall.EISDIR):
		return "c'est un dossier, pas un fichier de contrat"
	case errors.Is(err, syscall.ENOTDIR):
		return "un élément du chemin n'est pas un dossier"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "nom de fichier trop long"
	case errors.Is(err, syscall.EIO):
		return "erreur d'entrée-sortie du disque"
	}
	// Anything else is rare (a device error, a full table of open
	// files): give the system's reason, which names no path here.
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return "erreur du système (" + err.Error() + ")"
}

// writeFileAtomic writes data to a temporary file next to path, then
// renames it, so that a failure never leaves half a PDF behind.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".cerfadesk-*.pdf")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
