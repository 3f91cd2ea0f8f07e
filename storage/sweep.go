package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"cerfadesk/core/workflow"
)

// BlobGrace is the grace period the application gives SweepBlobs: a content
// stored less than a day ago is never removed, whatever references it.
const BlobGrace = 24 * time.Hour

// sweepDir is where SweepBlobs moves a content while it decides; whatever
// is left there (a crash in between) is put back by the next sweep.
const sweepDir = "sweep"

// BlobSweep is what SweepBlobs did.
type BlobSweep struct {
	Removed int   // contents removed
	Freed   int64 // their bytes
	Kept    int   // contents used by a document
}

// SweepBlobs removes from <data>/documents the contents no attached
// document uses (a crash between storing and attaching, an attach refused,
// a document removed from its contract), but never one written or stored
// again less than olderThan ago: an attach may be in flight (Put refreshes
// the time of a content stored again). Each content is first moved aside,
// then looked at again — still old, still unused — before it is deleted,
// and put back otherwise; a concurrent Put of the same content either
// refreshed it before (it is put back) or writes its own copy. Several
// windows may sweep at once. The application calls it with BlobGrace.
func (s *Store) SweepBlobs(ctx context.Context, olderThan time.Duration) (BlobSweep, error) {
	var res BlobSweep
	if olderThan < 0 {
		return res, workflow.Errorf(workflow.CodeInvalid, "Délai de grâce négatif : %v.", olderThan)
	}
	b := s.Blobs
	if err := b.restoreSwept(); err != nil {
		return res, err
	}
	cutoff := s.now().Add(-olderThan)
	used, err := s.usedBlobs(ctx)
	if err != nil {
		return res, err
	}
	candidates, err := b.oldBlobs(cutoff)
	if err != nil {
		return res, err
	}
	var errs []error
	for _, c := range candidates {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if used[c.sha] {
			res.Kept++
			continue
		}
		removed, err := s.sweepOne(ctx, c.sha, cutoff)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if removed {
			res.Removed++
			res.Freed += c.size
		} else {
			res.Kept++
		}
	}
	if len(errs) > 0 {
		return res, workflow.Internal("Le ménage du dossier des documents n'a pas pu être terminé.", errors.Join(errs...))
	}
	return res, nil
}

// sweepOne moves the content aside, checks again that it is old and unused,
// and deletes it; otherwise it goes back. removed is false when the content
// was kept or had already gone.
func (s *Store) sweepOne(ctx context.Context, sha string, cutoff time.Time) (removed bool, err error) {
	b := s.Blobs
	final := b.Path(sha)
	aside := filepath.Join(b.dir, sweepDir, sha)
	if err := os.Rename(final, aside); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return false, nil // another window swept it
		}
		return false, fmt.Errorf("move %s aside: %w", sha, err) // open elsewhere (Windows): next time
	}
	fi, err := os.Stat(aside)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil // another window's sweep put it back or removed it
	}
	keep := err != nil || fi.ModTime().After(cutoff)
	if !keep {
		var inUse bool
		inUse, err = s.blobUsed(ctx, sha)
		keep = err != nil || inUse
	}
	if keep {
		if rerr := b.putBack(sha); rerr != nil {
			return false, errors.Join(err, rerr)
		}
		return false, err
	}
	if err := os.Remove(aside); err != nil && !errors.Is(err, os.ErrNotExist) {
		return false, fmt.Errorf("remove %s: %w", sha, err)
	}
	return true, nil
}

// putBack returns a content moved aside to its place. A copy a Put wrote
// there meanwhile is the same content: the one aside is then dropped.
func (b *Blobs) putBack(sha string) error {
	aside := filepath.Join(b.dir, sweepDir, sha)
	final := b.Path(sha)
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return err
	}
	if err := os.Rename(aside, final); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil // another window dealt with it
		}
		if _, serr := os.Stat(final); serr == nil {
			return os.Remove(aside)
		}
		return fmt.Errorf("put %s back: %w", sha, err)
	}
	return syncDir(filepath.Dir(final))
}

// restoreSwept creates the folder of contents moved aside and puts back
// what a sweep interrupted by a crash left there: putting back is always
// safe, and the content is looked at again right after.
func (b *Blobs) restoreSwept() error {
	dir := filepath.Join(b.dir, sweepDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return workflow.Internal("Le dossier des documents n'a pas pu être préparé pour le ménage.", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return workflow.Internal("Le dossier des documents n'a pas pu être lu.", err)
	}
	for _, e := range entries {
		if e.Type().IsRegular() && isHash(e.Name()) {
			if err := b.putBack(e.Name()); err != nil {
				return workflow.Internal("Un document mis de côté n'a pas pu être remis en place.", err)
			}
		}
	}
	return nil
}

type blobFile struct {
	sha  string
	size int64
}

// oldBlobs lists the contents last written before cutoff.
func (b *Blobs) oldBlobs(cutoff time.Time) ([]blobFile, error) {
	dirs, err := os.ReadDir(b.dir)
	if err != nil {
		return nil, workflow.Internal("Le dossier des documents n'a pas pu être lu.", err)
	}
	var out []blobFile
	for _, d := range dirs {
		if !d.IsDir() || len(d.Name()) != 2 || !isHex(d.Name()) {
			continue // tmp, sweep
		}
		files, err := os.ReadDir(filepath.Join(b.dir, d.Name()))
		if err != nil {
			return nil, workflow.Internal("Le dossier des documents n'a pas pu être lu.", err)
		}
		for _, f := range files {
			if !f.Type().IsRegular() || !isHash(f.Name()) || !strings.HasPrefix(f.Name(), d.Name()) {
				continue
			}
			fi, err := f.Info()
			if err != nil || fi.ModTime().After(cutoff) {
				continue
			}
			out = append(out, blobFile{sha: f.Name(), size: fi.Size()})
		}
	}
	return out, nil
}

// usedBlobs returns the hashes of the contents attached documents use.
func (s *Store) usedBlobs(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT sha256 FROM documents WHERE removed_at IS NULL`)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	used := map[string]bool{}
	for rows.Next() {
		var sha string
		if err := rows.Scan(&sha); err != nil {
			return nil, dbErr(err)
		}
		used[sha] = true
	}
	return used, dbErr(rows.Err())
}

func (s *Store) blobUsed(ctx context.Context, sha string) (bool, error) {
	var used bool
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE sha256 = ? AND removed_at IS NULL)`, sha).Scan(&used)
	return used, dbErr(err)
}

func isHash(s string) bool { return len(s) == 64 && isHex(s) }

func isHex(s string) bool { return strings.Trim(s, "0123456789abcdef") == "" }
