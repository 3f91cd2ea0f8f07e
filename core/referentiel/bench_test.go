package referentiel

import "testing"

// BenchmarkLoad measures a full load of the embedded referentials, as Default's first call
// does it.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := loadEmbedded(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPostcode(b *testing.B) {
	s := Default()
	for b.Loop() {
		if _, ok := s.Postcode("69003"); !ok {
			b.Fatal("69003 unknown")
		}
	}
}

func BenchmarkCommuneMatches(b *testing.B) {
	s := Default()
	for b.Loop() {
		if ok, _, _ := s.CommuneMatches("42000", "St-Étienne"); !ok {
			b.Fatal("no match")
		}
	}
}

func BenchmarkIDCC(b *testing.B) {
	s := Default()
	for b.Loop() {
		if _, ok := s.IDCC("1483"); !ok {
			b.Fatal("1483 unknown")
		}
	}
}
