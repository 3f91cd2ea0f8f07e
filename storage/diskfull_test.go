package storage

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// errnoDiskFull is how the OS says the disk is full.
func errnoDiskFull() syscall.Errno {
	if runtime.GOOS == "windows" {
		return 112 // ERROR_DISK_FULL
	}
	return syscall.ENOSPC
}

// failingDisk is a temporary file on a disk that fails: writes fail with
// errno once room bytes are written, or Sync fails.
type failingDisk struct {
	*os.File
	room     int64
	errno    syscall.Errno
	failSync bool
}

func (f *failingDisk) Write(p []byte) (int, error) {
	if int64(len(p)) <= f.room {
		f.room -= int64(len(p))
		return f.File.Write(p)
	}
	n, _ := f.File.Write(p[:f.room])
	f.room = 0
	return n, &os.PathError{Op: "write", Path: f.Name(), Err: f.errno}
}

func (f *failingDisk) Sync() error {
	if f.failSync {
		return &os.PathError{Op: "sync", Path: f.Name(), Err: f.errno}
	}
	return f.File.Sync()
}

// A document whose write fails — disk full in the middle, at the first
// byte, at the fsync, or an I/O error — leaves nothing: no file under a
// hash, no temporary file, no document, no history row, no message for the
// OPCO, the status unchanged; the user reads why in French. Once the disk
// has room again, the same file is added.
func TestFailedDocumentWriteLeavesNothing(t *testing.T) {
	tests := []struct {
		name    string
		disk    failingDisk
		message string
	}{
		{"disk full in the middle", failingDisk{room: 64 << 10, errno: errnoDiskFull()}, "Le disque est plein"},
		{"disk full at the first byte", failingDisk{room: 0, errno: errnoDiskFull()}, "Le disque est plein"},
		{"disk full at the fsync", failingDisk{room: 1 << 30, errno: errnoDiskFull(), failSync: true}, "Le disque est plein"},
		{"input/output error", failingDisk{room: 64 << 10, errno: syscall.EIO}, "Le document n'a pas pu être enregistré"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScenario(t, "2025-09-03")
			rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
			rec = s.do(rec, entreprise, workflow.Transmettre).Record
			if _, err := s.svc.Do(s.ctx, workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: agent,
				Action: workflow.DeclarerAnomaliePiece, Document: s.letter(rec.ID, "anomalie")}); err != nil {
				t.Fatal(err)
			}
			before, _ := s.st.Load(s.ctx, rec.ID)
			history, outbox := len(s.history(rec.ID)), len(s.outbox())
			files := storedFiles(t, s.st.Blobs.dir)

			disk := tt.disk
			s.st.Blobs.createTemp = func(dir string) (tempFile, error) {
				f, err := os.CreateTemp(dir, "put-*")
				if err != nil {
					return nil, err
				}
				disk.File = f
				return &disk, nil
			}
			content := pdfPattern("convention", 1<<20)
			_, err := s.svc.AddDocument(s.ctx, workflow.DocumentRequest{ContractID: rec.ID, Actor: entreprise,
				Name: "Convention de formation.pdf", Content: content})
			if !errors.Is(err, docs.ErrStorage) || workflow.ErrorCode(err) != string(docs.CodeStorage) {
				t.Fatalf("error %v, want code %s", err, docs.CodeStorage)
			}
			var de *docs.Error
			errors.As(err, &de)
			if !strings.HasPrefix(de.Message, tt.message) || !errors.Is(err, disk.errno) {
				t.Errorf("message %q (cause %v), want %q… with the cause kept", de.Message, de.Err, tt.message)
			}

			if tmp, _ := os.ReadDir(filepath.Join(s.st.Blobs.dir, blobTempDir)); len(tmp) != 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
			if got := storedFiles(t, s.st.Blobs.dir); len(got) != len(files) {
				t.Errorf("stored files %v, want %v", got, files)
			}
			after, _ := s.st.Load(s.ctx, rec.ID)
			if after.Status != workflow.AnomaliePiece || after.Version != before.Version || len(after.Documents) != len(before.Documents) ||
				len(s.history(rec.ID)) != history || len(s.outbox()) != outbox {
				t.Errorf("after the failed write: %s v%d, %d documents, %d history rows, %d outbox entries",
					after.Status, after.Version, len(after.Documents), len(s.history(rec.ID)), len(s.outbox()))
			}

			s.st.Blobs.createTemp = createTemp // room again
			out, err := s.svc.AddDocument(s.ctx, workflow.DocumentRequest{ContractID: rec.ID, Actor: entreprise,
				Name: "Convention de formation.pdf", Content: pdfPattern("convention", 1<<20)})
			if err != nil || out.Record.Status != workflow.EnInstruction {
				t.Fatalf("once the disk has room: %v", err)
			}
			if err := verifyBlob(s.st.Blobs, out.Document.SHA256); err != nil {
				t.Error(err)
			}
		})
	}
}
