package referentiel

import (
	"sync"
	"testing"
)

// TestConcurrentUse exercises the lazy loading and the lazy search indexes from several
// goroutines at once; run it with -race.
func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			s := Default()
			if ok, _, _ := s.CommuneMatches("69003", "Lyon"); !ok {
				t.Error("69003 LYON: no match")
			}
			if got := s.SearchIDCC("habillement", 1); len(got) != 1 {
				t.Errorf("SearchIDCC: %v", got)
			}
			if got := s.SearchNAF("coiffure", 1); len(got) != 1 {
				t.Errorf("SearchNAF: %v", got)
			}
		})
	}
	wg.Wait()
}
