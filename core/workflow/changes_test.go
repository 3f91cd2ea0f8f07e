package workflow

import (
	"strings"
	"testing"
)

func TestChangedFields(t *testing.T) {
	tests := []struct {
		name          string
		before, after string
		want          string
	}{
		{"identical", `{"a":{"b":1}}`, `{"a":{"b":1}}`, ""},
		{"one leaf", `{"apprenti":{"nom":"A","prenom":"B"}}`, `{"apprenti":{"nom":"C","prenom":"B"}}`, "apprenti.nom"},
		{"array element", `{"c":{"r":[{"t":43},{"t":51}]}}`, `{"c":{"r":[{"t":43},{"t":53}]}}`, "c.r[1].t"},
		{"array grows", `{"c":{"r":[{"t":43}]}}`, `{"c":{"r":[{"t":43},{"t":53,"o":"2.1"}]}}`, "c.r[1].o c.r[1].t"},
		{"block appears", `{"maitre2":null}`, `{"maitre2":{"nom":"X","prenom":""}}`, "maitre2.nom"},
		{"block disappears", `{"maitre2":{"nom":"X"}}`, `{}`, "maitre2.nom"},
		{"empty string equals null", `{"a":""}`, `{"a":null}`, ""},
		{"number type kept exact", `{"a":1}`, `{"a":2}`, "a"},
		{"new contract reports its filled leaves", ``, `{"typeFormulaire":"APPRENTISSAGE","apprenti":{"nom":"","prenom":"Lina"}}`, "apprenti.prenom typeFormulaire"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ChangedFields([]byte(tt.before), []byte(tt.after))
			if err != nil {
				t.Fatal(err)
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("got %q, want %q", s, tt.want)
			}
		})
	}
}

func TestChangedFieldsBadJSON(t *testing.T) {
	if _, err := ChangedFields([]byte(`{`), []byte(`{}`)); err == nil {
		t.Error("want an error for a broken previous version")
	}
}
