package docs

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Ignored reports whether a file name in a drop folder is a temporary or
// lock file that must never be ingested: the partial downloads of browsers
// (Chrome/Edge "*.crdownload", Firefox "*.part", Safari "*.download"),
// Office owner files ("~$*"), LibreOffice locks (".~lock.*#"), editors'
// temporary files ("*.tmp", "*~", "*.swp") and every dotfile (".DS_Store",
// "._*" AppleDouble files, hidden temporary names). Such writers rename the
// finished file to its real name, which then arrives as a new file.
func Ignored(name string) bool {
	base := filepath.Base(name)
	if base == "" || base == "." || strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~$") || strings.HasSuffix(base, "~") {
		return true
	}
	lower := strings.ToLower(base)
	for _, ext := range []string{".crdownload", ".part", ".partial", ".download", ".tmp", ".temp", ".swp"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	switch lower {
	case "desktop.ini", "thumbs.db":
		return true
	}
	return false
}

// DropFolder returns the drop folder of a contract: <root>/<contractRef>,
// with root usually <data>/depot.
func DropFolder(root, contractRef string) string {
	return filepath.Join(root, contractRef)
}

// GuessType guesses a document type from a file name ("Convention de
// formation signée.pdf" → CONVENTION_FORMATION, "annexe_pedagogique.pdf",
// "programme.pdf", "Cerfa signé.pdf", "avenant-amenagement-duree.pdf",
// "convention_mobilite.pdf"), TypeAutre otherwise (an identity document or
// a residence permit has no type of its own: Autre). The user can correct
// it; the content decides nothing here.
func GuessType(name string) string {
	n := strings.ToLower(filepath.Base(name))
	n = strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "â", "a", "ô", "o", "î", "i", "ï", "i", "û", "u", "ù", "u", "ç", "c",
		"_", " ", "-", " ", ".", " ").Replace(n)
	has := func(words ...string) bool {
		for _, w := range words {
			if !strings.Contains(n, w) {
				return false
			}
		}
		return true
	}
	switch {
	case has("convention", "formation"):
		return TypeConventionFormation
	case has("annexe"), has("pedagogique"):
		return TypeAnnexePedagogique
	case has("mobilit"):
		return TypeConventionMobilite
	case has("amenagement"), has("reduction"), has("convention", "duree"), has("allongement"):
		return TypeConventionReduction
	case has("programme"), has("plan", "formation"):
		return TypeProgrammeFormation
	case has("cerfa"), has("10103"), has("12434"),
		has("contrat", "apprentissage"), has("contrat", "professionnalisation"):
		return TypeCerfaSigne // the contract itself is the Cerfa (n° 10103 apprentissage, 12434 pro)
	case has("convention"): // a CFA's convention, without more words, is the training's
		return TypeConventionFormation
	}
	return TypeAutre
}

// MaxNameLen is the longest document name kept, in bytes.
const MaxNameLen = 255

// NameProblem says in French what makes name unfit to name a document, ""
// when it is fine: empty, over MaxNameLen bytes, not UTF-8, a path
// separator or "."/"..", a control character, or a Unicode format
// character (category Cf: the right-to-left override that shows
// "\u202egnp.exe.pdf" as "fdp.exe.png", zero-width spaces and joiners, the
// other bidi controls). A name is only ever shown, but it must show what
// it is.
func NameProblem(name string) string {
	switch {
	case strings.TrimSpace(name) == "" || len(name) > MaxNameLen || !utf8.ValidString(name):
		return fmt.Sprintf("Nom de fichier invalide : de 1 à %d caractères.", MaxNameLen)
	case strings.ContainsAny(name, `/\`) || name == "." || name == "..":
		return "Nom de fichier invalide : « / », « \\ », « . » et « .. » sont refusés."
	case strings.ContainsFunc(name, unicode.IsControl):
		return "Nom de fichier invalide : les caractères de contrôle sont refusés."
	case strings.ContainsFunc(name, func(r rune) bool { return unicode.Is(unicode.Cf, r) }):
		return fmt.Sprintf("Nom de fichier invalide : il contient un caractère invisible de mise en forme (U+%04X, comme l'inversion du sens d'écriture) qui déguiserait son nom ; renommez le fichier.", firstFormat(name))
	}
	return ""
}

func firstFormat(name string) rune {
	for _, r := range name {
		if unicode.Is(unicode.Cf, r) {
			return r
		}
	}
	return 0
}
