package referentiel

import (
	"slices"
	"testing"
)

func TestIDCC(t *testing.T) {
	s := Default()
	tests := []struct {
		name       string
		code       string
		wantCode   string
		libelle    string
		status     IDCCStatus
		kali       string
		replacedBy []string
	}{
		{"in force, extended", "1483", "1483", "Commerce de détail de l'habillement et des articles textiles", IDCCInForce, "VIGUEUR_ETEN", nil},
		{"leading zeros dropped", "16", "0016", "Transports routiers et activités auxiliaires du transport", IDCCInForce, "", nil},
		{"replaced by the metallurgy convention", "0054", "0054", "Métallurgie : Région parisienne (industries métallurgiques, mécaniques et connexes)", IDCCNotInForce, "", []string{"3248"}},
		{"replaced by two", "1740", "1740", "", IDCCNotInForce, "", []string{"1596", "1597"}},
		{"abrogated in 2026", "7009", "7009", "Entreprises d'accouvage et de sélection avicoles", IDCCNotInForce, "ABROGE", nil},
		{"in force in 2024 only", "0014", "0014", "Production cinématographique", IDCCInForceUnconfirmed, "", nil},
		{"no convention", "9999", "9999", "___Sans convention collective___", IDCCSpecial, "", nil},
		{"convention not yet in force", "9998", "9998", "___Convention non encore en vigueur___", IDCCSpecial, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := s.IDCC(tt.code)
			if !ok {
				t.Fatalf("IDCC(%q) unknown", tt.code)
			}
			if got.Code != tt.wantCode || (tt.libelle != "" && got.Libelle != tt.libelle) || got.Status != tt.status ||
				(tt.kali != "" && got.EtatKALI != tt.kali) || !slices.Equal(got.ReplacedBy, tt.replacedBy) {
				t.Errorf("IDCC(%q) = %+v (%v); want code %s, %q, %v, KALI %q, replaced by %v",
					tt.code, got, got.Status, tt.wantCode, tt.libelle, tt.status, tt.kali, tt.replacedBy)
			}
			inForce, known, replacedBy := s.IDCCInForce(tt.code)
			if !known || inForce != (tt.status != IDCCNotInForce) || !slices.Equal(replacedBy, tt.replacedBy) {
				t.Errorf("IDCCInForce(%q) = %v, %v, %v", tt.code, inForce, known, replacedBy)
			}
		})
	}
}

func TestIDCCUnknown(t *testing.T) {
	s := Default()
	for _, code := range []string{"", "0000", "12345", "14a", "-14", "0001"} {
		t.Run(code, func(t *testing.T) {
			if got, ok := s.IDCC(code); ok {
				t.Errorf("IDCC(%q) = %+v, want unknown", code, got)
			}
			if inForce, known, _ := s.IDCCInForce(code); inForce || known {
				t.Errorf("IDCCInForce(%q) = %v, %v; want false, false", code, inForce, known)
			}
		})
	}
}

// TestIDCCStatusCounts pins the mapping of the embedded file's columns to IDCCStatus.
func TestIDCCStatusCounts(t *testing.T) {
	counts := map[IDCCStatus]int{}
	for _, c := range Default().idcc.list {
		counts[c.Status]++
	}
	want := map[IDCCStatus]int{IDCCInForce: 233, IDCCInForceUnconfirmed: 73, IDCCNotInForce: 176, IDCCStatusUnknown: 384, IDCCSpecial: 2}
	for st, n := range want {
		if counts[st] != n {
			t.Errorf("%d codes %q, want %d", counts[st], st, n)
		}
	}
}

func TestSearchIDCC(t *testing.T) {
	s := Default()
	tests := []struct {
		name  string
		words string
		limit int
		first string // code of the first result, "" for none
		min   int    // at least this many results
	}{
		{"words of the short title, no accents", "habillement textiles", 0, "1483", 1},
		{"word starts, upper case", "COMMERCE DETAIL HABILL", 0, "1483", 1},
		{"exact code first", "1483", 0, "1483", 1},
		{"short code is the padded code first", "16", 0, "0016", 2},
		{"words of the full title only", "cinématographique techniciens", 0, "0014", 1},
		{"limit", "commerce", 3, "", 3},
		{"nothing", "zzzz", 0, "", 0},
		{"empty query", "", 0, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.SearchIDCC(tt.words, tt.limit)
			if len(got) < tt.min || (tt.limit > 0 && len(got) > tt.limit) || (tt.min == 0 && len(got) != 0) {
				t.Fatalf("SearchIDCC(%q, %d) gave %d results, want at least %d", tt.words, tt.limit, len(got), tt.min)
			}
			if tt.first != "" && got[0].Code != tt.first {
				t.Errorf("SearchIDCC(%q) first = %s %s, want %s", tt.words, got[0].Code, got[0].Libelle, tt.first)
			}
		})
	}
}

func TestIDCCStatusString(t *testing.T) {
	tests := []struct {
		name string
		st   IDCCStatus
		want string
	}{
		{"in force", IDCCInForce, "en vigueur"},
		{"not in force", IDCCNotInForce, "plus en vigueur"},
		{"unknown", IDCCStatusUnknown, "état inconnu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.st.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}
