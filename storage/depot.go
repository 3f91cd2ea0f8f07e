package storage

import (
	"os"

	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// DropFolder creates (if needed) and returns the drop folder of the
// contract with reference ref: <data>/depot/<ref>.
func (s *Store) DropFolder(ref string) (string, error) {
	if ref == "" || ref == "." || ref == ".." || containsSeparator(ref) {
		return "", workflow.Errorf(workflow.CodeInvalid, "Référence de contrat invalide : %q.", ref)
	}
	dir := docs.DropFolder(s.DepotRoot(), ref)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", workflow.Internal("Le dossier de dépôt n'a pas pu être créé.", err)
	}
	return dir, nil
}

func containsSeparator(s string) bool {
	for _, r := range s {
		if r == '/' || r == '\\' || r == os.PathSeparator {
			return true
		}
	}
	return false
}
