package storage

import (
	"fmt"
	"os"
	"path/filepath"
)

// DataDirEnv is the environment variable naming the data folder.
const DataDirEnv = "CERFADESK_DATA"

// DataDir resolves the data folder: flagValue (--data DIR) when given, else
// $CERFADESK_DATA, else the OS convention: ~/.config/cerfadesk on Linux
// ($XDG_CONFIG_HOME when set), %AppData%\cerfadesk on Windows,
// ~/Library/Application Support/cerfadesk on macOS. The result is absolute;
// the folder is not created (Open does).
func DataDir(flagValue string) (string, error) {
	return dataDir(flagValue, os.Getenv, os.UserConfigDir)
}

func dataDir(flagValue string, getenv func(string) string, configDir func() (string, error)) (string, error) {
	dir := flagValue
	if dir == "" {
		dir = getenv(DataDirEnv)
	}
	if dir == "" {
		base, err := configDir()
		if err != nil {
			return "", fmt.Errorf("dossier de données introuvable (%w) : utilisez --data DOSSIER ou %s", err, DataDirEnv)
		}
		dir = filepath.Join(base, "cerfadesk")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("dossier de données %q : %w", dir, err)
	}
	return abs, nil
}
