package main

import "testing"

// TestWantsConsole: what attaches to the parent console (sub-commands, the
// help, a word the GUI refuses) and what does not (starting the GUI).
func TestWantsConsole(t *testing.T) {
	tests := []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"--data", `C:\contrats`}, false},
		{[]string{"-data=C:\\contrats"}, false},
		{[]string{"--ouvrir", "C-000001"}, false},
		{[]string{"validate", "a.json"}, true},
		{[]string{"pdf", "a.json", "-o", "-"}, true},
		{[]string{"help"}, true},
		{[]string{"--help"}, true},
		{[]string{"-h"}, true},
		{[]string{"--version"}, true},
		{[]string{"valider"}, true},
	}
	for _, tt := range tests {
		if got := wantsConsole(tt.args); got != tt.want {
			t.Errorf("wantsConsole(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}
