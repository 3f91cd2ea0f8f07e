package pay

import "testing"

// The UI recomputes the lines on every keystroke of the Contrat tab.

func BenchmarkApprentissageLines(b *testing.B) {
	a := Apprentissage{Birth: d("2006-05-14"), Start: d("2025-09-01"), End: d("2027-08-31")} // 3 lines
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := a.Lines(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkApprentissageLinesFourYears(b *testing.B) {
	a := Apprentissage{Birth: d("2003-01-10"), Start: d("2025-09-01"), End: d("2029-08-31"), SMCCents: 190000} // 5 lines
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := a.Lines(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProfessionnalisationLines(b *testing.B) {
	p := Professionnalisation{Birth: d("2006-03-17"), Start: d("2025-09-01"), End: d("2027-08-31"), WeeklyMinutes: 1680} // 3 lines
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := p.Lines(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormatEuros(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = FormatEuros(182303)
	}
}
