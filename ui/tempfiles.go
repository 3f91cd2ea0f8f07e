package ui

import (
	"errors"
	"os"
	"path/filepath"
	"time"
)

// tempPatterns are the folders the application writes in the system's
// temporary folder for the system's viewer: copies of attached documents
// (tab_documents.go) and the PDFs of the OPCO's review (opco_agent.go).
var tempPatterns = []string{"cerfadesk-apercu", "cerfadesk-apercu-*", "cerfadesk-opco-*"}

// CleanTempFiles removes those folders when they were last changed before
// now-age, and returns how many it removed. A viewer that still shows one
// keeps its open file (or, on Windows, the folder stays until next time);
// the application writes a preview again when it is asked for.
func CleanTempFiles(age time.Duration, now time.Time) (int, error) {
	n := 0
	var errs []error
	for _, p := range tempPatterns {
		matches, err := filepath.Glob(filepath.Join(os.TempDir(), p))
		if err != nil {
			return n, err
		}
		for _, m := range matches {
			fi, err := os.Lstat(m)
			if err != nil || !fi.IsDir() || fi.ModTime().After(now.Add(-age)) {
				continue
			}
			if err := os.RemoveAll(m); err != nil {
				errs = append(errs, err)
				continue
			}
			n++
		}
	}
	return n, errors.Join(errs...)
}
