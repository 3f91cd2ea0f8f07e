package docs

import "testing"

func TestIsLetter(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{TypeCourrierAccord, true},
		{TypeCourrierAnomalie, true},
		{TypeDecisionRefus, true},
		{TypeConventionFormation, false},
		{TypeAutre, false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := IsLetter(tt.code); got != tt.want {
				t.Errorf("IsLetter(%q) = %v, want %v", tt.code, got, tt.want)
			}
		})
	}
}
