//go:build linux

package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// tinyDisk mounts a tmpfs of size bytes on a temporary folder; the test is
// skipped where mounting is not allowed (not root, no CAP_SYS_ADMIN).
func tinyDisk(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root; TestFailedDocumentWriteLeavesNothing covers the same with an injected failure")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("tmpfs not available: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// fill takes the free space of the disk holding dir but keep bytes, in a
// file named name.
func fill(t *testing.T, dir, name string, keep int64) string {
	t.Helper()
	var fs syscall.Statfs_t
	if err := syscall.Statfs(dir, &fs); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	free := int64(fs.Bavail) * fs.Bsize
	buf := make([]byte, 32<<10)
	for left := free - keep; left > 0; left -= int64(len(buf)) {
		if _, err := f.Write(buf[:min(int64(len(buf)), left)]); err != nil {
			break
		}
	}
	return path
}

// On a real full disk: a document that does not fit leaves nothing behind
// and says the disk is full; a save the database cannot write says so too,
// loses nothing that was acknowledged, and the store works again once
// there is room.
func TestRealDiskFull(t *testing.T) {
	dir := tinyDisk(t, "4m")
	clk := clockAt("2025-09-03")
	st, err := Open(dir, Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc := newService(st, clk)
	ctx := context.Background()
	rec, err := svc.Create(ctx, entreprise, apprentissage(t))
	if err != nil {
		t.Fatal(err)
	}
	filler := fill(t, dir, "filler-1", 256<<10)

	// A 1 MB document on a disk with 256 KB left.
	_, err = svc.AddDocument(ctx, workflow.DocumentRequest{ContractID: rec.ID, Actor: entreprise, Name: "scan.pdf",
		Content: pdfPattern("convention", 1<<20)})
	var de *docs.Error
	if !errors.As(err, &de) || de.Code != docs.CodeStorage || !strings.HasPrefix(de.Message, "Le disque est plein") {
		t.Fatalf("error %v, want the disk-full message", err)
	}
	if tmp, _ := os.ReadDir(filepath.Join(st.Blobs.dir, blobTempDir)); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	if files := storedFiles(t, st.Blobs.dir); len(files) != 0 {
		t.Errorf("stored files: %v", files)
	}
	if got, _ := st.Load(ctx, rec.ID); len(got.Documents) != 0 {
		t.Errorf("documents %+v", got.Documents)
	}

	// Contracts until the database cannot grow.
	last := fill(t, dir, "filler-2", 0)
	var created []string
	for i := 0; i < 5000; i++ {
		c := apprentissage(t)
		c.Apprenti.Prenom = strings.Repeat("x", 2000)
		r, err := svc.Create(ctx, entreprise, c)
		if err != nil {
			if workflow.ErrorCode(err) != string(workflow.CodeInternal) || !strings.Contains(err.Error(), "Le disque est plein") {
				t.Fatalf("after %d contracts: %v, want the disk-full message", i, err)
			}
			t.Logf("disk full after %d contracts: %v", i, err)
			break
		}
		created = append(created, r.ID)
		if i == 4999 {
			t.Fatal("the disk never filled up")
		}
	}
	os.Remove(filler)
	os.Remove(last)
	if ok, err := st.IntegrityCheck(ctx); err != nil || ok != "ok" {
		t.Fatalf("integrity_check %q %v", ok, err)
	}
	for _, id := range created {
		if _, err := st.Load(ctx, id); err != nil {
			t.Fatalf("acknowledged contract %s lost: %v", id, err)
		}
	}
	// Room again: everything works.
	out, err := svc.AddDocument(ctx, workflow.DocumentRequest{ContractID: rec.ID, Actor: entreprise, Name: "scan.pdf",
		Content: pdfPattern("convention", 1<<20)})
	if err != nil {
		t.Fatal(err)
	}
	if err := verifyBlob(st.Blobs, out.Document.SHA256); err != nil {
		t.Error(err)
	}
	if _, err := svc.Create(ctx, entreprise, apprentissage(t)); err != nil {
		t.Errorf("create once there is room: %v", err)
	}
}
