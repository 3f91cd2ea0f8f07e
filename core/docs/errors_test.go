package docs

import (
	"errors"
	"os"
	"runtime"
	"syscall"
	"testing"
)

func errnoDiskFull() syscall.Errno {
	if runtime.GOOS == "windows" {
		return 112 // ERROR_DISK_FULL
	}
	return syscall.ENOSPC
}

func TestDiskFull(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"disk full", &os.PathError{Op: "write", Err: errnoDiskFull()}, true},
		{"permission", &os.PathError{Op: "open", Err: os.ErrPermission}, false},
		{"I/O", &os.PathError{Op: "write", Err: syscall.EIO}, false},
		{"not an errno", errors.New("disk full"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DiskFull(tt.err); got != tt.want {
				t.Errorf("DiskFull(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestStorageErrorKeepsItsCode(t *testing.T) {
	for _, cause := range []error{&os.PathError{Op: "write", Err: errnoDiskFull()}, syscall.EIO} {
		e := StorageError(cause)
		if !errors.Is(e, ErrStorage) || !errors.Is(e, cause) || e.Message == "" {
			t.Errorf("StorageError(%v) = %+v", cause, e)
		}
	}
}
