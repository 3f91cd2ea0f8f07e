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

// The parts of a load: decompressing every file, reading the two large ones.

func BenchmarkParsePostcodes(b *testing.B) {
	data := embeddedText(b, fCodesPostaux)
	for b.Loop() {
		if _, err := parsePostcodes(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCommunes(b *testing.B) {
	data := embeddedText(b, fCommunes)
	for b.Loop() {
		if _, err := parseCommunes(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecompress(b *testing.B) {
	for b.Loop() {
		for f := range nFiles {
			if _, err := embedded(f); err != nil {
				b.Fatal(err)
			}
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
	cases := []struct {
		name, cp, commune string
		match             bool
	}{
		{"match", "42000", "St-Étienne", true},
		{"match on ligne 5", "01200", "Bellegarde-sur-Valserine", true},
		{"no match among 30 communes", "51300", "Paris", false},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if ok, _, _ := s.CommuneMatches(c.cp, c.commune); ok != c.match {
					b.Fatalf("match = %v", ok)
				}
			}
		})
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

func BenchmarkSearchIDCC(b *testing.B) {
	s := Default()
	for b.Loop() {
		if got := s.SearchIDCC("commerce detail", 20); len(got) == 0 {
			b.Fatal("nothing found")
		}
	}
}

func BenchmarkSearchNAF(b *testing.B) {
	s := Default()
	for b.Loop() {
		if got := s.SearchNAF("commerce detail", 20); len(got) == 0 {
			b.Fatal("nothing found")
		}
	}
}
