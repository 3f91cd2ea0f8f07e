package docs

import (
	"path/filepath"
	"strings"
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
// formation signée.pdf" → CONVENTION_FORMATION), TypeAutre otherwise. The
// user can correct it; the content decides nothing here.
func GuessType(name string) string {
	n := strings.ToLower(filepath.Base(name))
	n = strings.NewReplacer("é", "e", "è", "e", "ê", "e", "à", "a", "ô", "o", "_", " ", "-", " ").Replace(n)
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
	case has("annexe"):
		return TypeAnnexePedagogique
	case has("convention", "mobilit"):
		return TypeConventionMobilite
	case has("amenagement"), has("convention", "reduction"), has("convention", "duree"):
		return TypeConventionReduction
	case has("programme"):
		return TypeProgrammeFormation
	case has("cerfa"):
		return TypeCerfaSigne
	}
	return TypeAutre
}
