package pay

import (
	"math"
	"strings"
	"testing"
)

func TestFormatEuros(t *testing.T) {
	tests := []struct {
		name  string
		cents int64
		want  string // with "_" for U+00A0
	}{
		{"SMIC 2026", 182303, "1_823,03_€"},
		{"C.4 line 1.1", 77478, "774,78_€"},
		{"trailing zero kept", 109910, "1_099,10_€"},
		{"zero", 0, "0,00_€"},
		{"one cent", 1, "0,01_€"},
		{"below one euro", 99, "0,99_€"},
		{"exact thousand", 100000, "1_000,00_€"},
		{"millions", 123456789012, "1_234_567_890,12_€"},
		{"negative", -77478, "-774,78_€"},
		{"negative thousands", -182303, "-1_823,03_€"},
		{"smallest int64", math.MinInt64, "-92_233_720_368_547_758,08_€"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := strings.ReplaceAll(tt.want, "_", "\u00a0")
			if got := FormatEuros(tt.cents); got != want {
				t.Errorf("FormatEuros(%d) = %q, want %q", tt.cents, got, want)
			}
		})
	}
}
