package opcostore

import "testing"

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://opco:s3cret@db.example:5432/opco?sslmode=verify-full": "postgres://opco:***@db.example:5432/opco?sslmode=verify-full",
		"postgres://opco@db.example/opco":                                 "postgres://opco@db.example/opco",
		"postgresql://db.example/opco":                                    "postgresql://db.example/opco",
		"postgres://u:p@h/db?application_name=a@b":                        "postgres://u:***@h/db?application_name=a@b",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}
