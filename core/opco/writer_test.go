package opco

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	gosync "sync"
	"testing"
)

// Group commit: jobs share transactions, a failing or panicking job undoes
// only its own writes, and every job gets its own answer.
func TestWriterBatches(t *testing.T) {
	db, err := OpenDB(filepath.Join(t.TempDir(), DBFile), DBOptions{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	const n = 300
	errs := make([]error, n)
	var wg gosync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			errs[i] = db.update(ctx, func(tx wtx) error {
				if _, err := tx.ExecContext(ctx, `INSERT INTO depot_counters (prefix, last) VALUES (?, ?)`, fmt.Sprint(i), i); err != nil {
					return err
				}
				switch i % 10 {
				case 3:
					return errors.New("refused")
				case 7:
					panic("boom")
				}
				return nil
			})
		}(i)
	}
	wg.Wait()
	want := 0
	for i, err := range errs {
		switch i % 10 {
		case 3, 7:
			if err == nil {
				t.Errorf("job %d: no error", i)
			}
		default:
			want++
			if err != nil {
				t.Errorf("job %d: %v", i, err)
			}
		}
	}
	var got int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM depot_counters`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("%d rows, want %d: a failed job's writes stayed or a good one's were lost", got, want)
	}
	var bad int
	db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM depot_counters WHERE last % 10 IN (3, 7)`).Scan(&bad)
	if bad != 0 {
		t.Errorf("%d rows of failed jobs were committed", bad)
	}
}

func TestWriterAfterClose(t *testing.T) {
	db, err := OpenDB(filepath.Join(t.TempDir(), DBFile), DBOptions{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	err = db.update(context.Background(), func(tx wtx) error { return nil })
	if APIError(err).Code != "unavailable" {
		t.Errorf("update after Close: %v", err)
	}
}
