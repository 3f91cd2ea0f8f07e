package referentiel

import "testing"

func TestNAF(t *testing.T) {
	s := Default()
	tests := []struct {
		name     string
		code     string
		rev2     string // libellé in NAF rév. 2, "" when absent
		naf2025  string // libellé in NAF 2025, "" when absent
		wantCode string
	}{
		{"rév. 2", "47.71Z", "Commerce de détail d'habillement en magasin spécialisé", "", "47.71Z"},
		{"without the dot", "4771Z", "Commerce de détail d'habillement en magasin spécialisé", "", "47.71Z"},
		{"lower-case letter", "47.71z", "Commerce de détail d'habillement en magasin spécialisé", "", "47.71Z"},
		{"NAF 2025 only", "47.71Y", "", "Commerce de détail d’habillement", "47.71Y"},
		{"NAF 2025 split sous-classe", "85.59G", "", "Formation continue d'adultes", "85.59G"},
		{"unknown", "47.71A", "", "", ""},
		{"malformed", "47.7Z", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := s.NAFRev2(tt.code)
			if ok != (tt.rev2 != "") || got.Libelle != tt.rev2 || (ok && (got.Code != tt.wantCode || got.Nomenclature != NomenclatureRev2)) {
				t.Errorf("NAFRev2(%q) = %+v, %v; want %q", tt.code, got, ok, tt.rev2)
			}
			got, ok = s.NAF2025(tt.code)
			if ok != (tt.naf2025 != "") || got.Libelle != tt.naf2025 || (ok && (got.Code != tt.wantCode || got.Nomenclature != Nomenclature2025)) {
				t.Errorf("NAF2025(%q) = %+v, %v; want %q", tt.code, got, ok, tt.naf2025)
			}
		})
	}
}

func TestSearchNAF(t *testing.T) {
	s := Default()
	tests := []struct {
		name         string
		words        string
		limit        int
		first        string
		nomenclature string
		n            int // exact number of results, -1 for "at least one"
	}{
		{"code prefix with dot", "47.71", 0, "47.71Z", NomenclatureRev2, 2},
		{"exact code", "47.71Y", 0, "47.71Y", Nomenclature2025, 1},
		{"words, rév. 2 first", "coiffure", 0, "96.02A", NomenclatureRev2, -1},
		{"typographic apostrophe in the data", "d'intermediaire gros bois", 0, "46.13Y", Nomenclature2025, -1},
		{"limit", "commerce", 2, "", "", 2},
		{"nothing", "zzzz", 0, "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.SearchNAF(tt.words, tt.limit)
			if (tt.n >= 0 && len(got) != tt.n) || (tt.n < 0 && len(got) == 0) {
				t.Fatalf("SearchNAF(%q, %d) = %d results %v, want %d", tt.words, tt.limit, len(got), got, tt.n)
			}
			if tt.first != "" && (got[0].Code != tt.first || got[0].Nomenclature != tt.nomenclature) {
				t.Errorf("SearchNAF(%q) first = %+v, want %s (%s)", tt.words, got[0], tt.first, tt.nomenclature)
			}
		})
	}
}
