// Package locale makes a locale that names no language (C.UTF-8, POSIX.UTF-8
// or none at all, as on many servers and CI machines) mean French, before
// Fyne reads it.
//
// Fyne's lang package parses LC_ALL / LC_MESSAGES / LANG in its init
// function; on "C.UTF-8" it logs "Fyne error: Error parsing user locale C"
// three times on stderr, even for headless sub-commands that never open a
// window. This package's init sets LANGUAGE=fr in that case (and only then),
// which go-locale reads instead. It runs before Fyne's init because Go
// initialises packages in import-path order once their imports are ready,
// and "cerfadesk/…" sorts before "fyne.io/…" (Go spec, since Go 1.21).
//
// Import it for its side effect, from every package that imports Fyne's
// widgets in a binary: _ "cerfadesk/ui/locale".
package locale

import (
	"os"
	"strings"
)

func init() {
	if key, value, ok := DefaultLanguage(os.Getenv); ok {
		os.Setenv(key, value)
	}
}

// DefaultLanguage returns the environment variable to set, LANGUAGE=fr, when
// the locale of getenv names no language and LANGUAGE is unset; ok is false
// when the environment already chooses a language, or is exactly "C" or
// "POSIX" (which Fyne reads as English without complaint).
func DefaultLanguage(getenv func(string) string) (key, value string, ok bool) {
	if getenv("LANGUAGE") != "" {
		return "", "", false
	}
	loc := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = getenv(k); loc != "" {
			break
		}
	}
	switch {
	case loc == "C" || loc == "POSIX":
		return "", "", false
	case loc == "" || strings.HasPrefix(loc, "C.") || strings.HasPrefix(loc, "POSIX."):
		return "LANGUAGE", "fr", true
	}
	return "", "", false
}
