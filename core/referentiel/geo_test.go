package referentiel

import "testing"

func TestDepartementRegion(t *testing.T) {
	s := Default()
	tests := []struct {
		name, code, nom, region, regionNom string
	}{
		{"Rhône", "69", "Rhône", "84", "Auvergne-Rhône-Alpes"},
		{"Corse-du-Sud", "2A", "Corse-du-Sud", "94", "Corse"},
		{"lower-case 2b", "2b", "Haute-Corse", "94", "Corse"},
		{"Mayotte", "976", "Mayotte", "06", "Mayotte"},
		{"Moselle", "57", "Moselle", "44", "Grand Est"},
		{"collectivité", "975", "Saint-Pierre-et-Miquelon", "975", "Saint-Pierre-et-Miquelon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nom, region, ok := s.Departement(tt.code)
			if !ok || nom != tt.nom || region != tt.region {
				t.Errorf("Departement(%q) = %q, %q, %v; want %q, %q", tt.code, nom, region, ok, tt.nom, tt.region)
			}
			if got, ok := s.Region(region); !ok || got != tt.regionNom {
				t.Errorf("Region(%q) = %q, %v; want %q", region, got, ok, tt.regionNom)
			}
		})
	}
	for _, code := range []string{"", "20", "96", "99", "1"} {
		if _, _, ok := s.Departement(code); ok {
			t.Errorf("Departement(%q) ok, want unknown", code)
		}
	}
}

func TestInfo(t *testing.T) {
	want := map[string]int{
		"codes_postaux.tsv": 39192, "communes.tsv": 37590, "departements.tsv": 109, "regions.tsv": 26,
		"idcc.tsv": 868, "naf_rev2.tsv": 732, "naf_2025.tsv": 747,
	}
	info := Default().Info()
	if len(info) != len(want) {
		t.Fatalf("Info has %d entries, want %d", len(info), len(want))
	}
	for _, in := range info {
		t.Run(in.File, func(t *testing.T) {
			if in.Rows != want[in.File] {
				t.Errorf("%d rows, the README says %d", in.Rows, want[in.File])
			}
			if in.Source != "intégré" || in.Path != "" || in.Name == "" || in.Vintage == "" || in.Provenance == "" {
				t.Errorf("incomplete: %+v", in)
			}
		})
	}
}
