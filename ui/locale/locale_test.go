package locale

import "testing"

func TestDefaultLanguage(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want bool
	}{
		{name: "nothing set", env: nil, want: true},
		{name: "C.UTF-8", env: map[string]string{"LANG": "C.UTF-8"}, want: true},
		{name: "C.utf8 in LC_ALL", env: map[string]string{"LC_ALL": "C.utf8", "LANG": "de_DE.UTF-8"}, want: true},
		{name: "POSIX.UTF-8", env: map[string]string{"LANG": "POSIX.UTF-8"}, want: true},
		{name: "plain C is left alone", env: map[string]string{"LANG": "C"}, want: false},
		{name: "French", env: map[string]string{"LANG": "fr_FR.UTF-8"}, want: false},
		{name: "English", env: map[string]string{"LANG": "en_US.UTF-8"}, want: false},
		{name: "LC_ALL wins over LANG", env: map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "C.UTF-8"}, want: false},
		{name: "LANGUAGE already set", env: map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "en"}, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, value, ok := DefaultLanguage(func(k string) string { return tt.env[k] })
			if ok != tt.want {
				t.Fatalf("ok = %v, want %v", ok, tt.want)
			}
			if ok && (key != "LANGUAGE" || value != "fr") {
				t.Errorf("got %s=%s, want LANGUAGE=fr", key, value)
			}
		})
	}
}
