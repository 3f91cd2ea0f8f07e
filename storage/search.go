package storage

import (
	"strings"
	"unicode"
)

// matchExpr turns what the user typed into an FTS5 query: every word must
// match the start of a word of the names, SIRET or n° de dépôt, accents and
// case ignored ("rous lina" finds "ROUSSEAU Lina"). A number typed with
// spaces ("834 759 623") is searched as one number, as SIRETs are stored.
// It returns "" when nothing searchable was typed.
func matchExpr(text string) string {
	t := strings.TrimSpace(text)
	if t != "" && strings.Trim(t, "0123456789 ") == "" {
		t = strings.ReplaceAll(t, " ", "")
	}
	words := strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		// Letters and digits only: no quote can break out of the string.
		b.WriteString(`"` + w + `"*`)
	}
	return b.String()
}
