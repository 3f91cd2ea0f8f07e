package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// LockFile is the file a running server holds locked in its data folder.
const LockFile = "opco-server.lock"

// errLocked is what lockFile answers when another process holds the lock.
var errLocked = errors.New("locked")

// lockDataDir takes the data folder for this server: a second server on the
// same folder would clear documents/tmp under the first one's uploads and
// race it on the database. The lock is released when the process ends,
// even by a crash (flock, LockFileEx); the file itself stays.
func lockDataDir(dir string) (*os.File, error) {
	path := filepath.Join(dir, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("dossier de données %q : verrou %s impossible à ouvrir : %w", dir, LockFile, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, fmt.Errorf("le dossier de données %q est déjà utilisé par un autre opco-server (verrou %s) : arrêtez-le, ou donnez un autre --data", dir, LockFile)
		}
		return nil, fmt.Errorf("dossier de données %q : verrou %s impossible à poser : %w", dir, LockFile, err)
	}
	f.Truncate(0)
	fmt.Fprintf(f, "%d\n", os.Getpid())
	return f, nil
}
