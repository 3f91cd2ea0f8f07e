package storage

import (
	"database/sql/driver"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"modernc.org/sqlite"
)

// sortKey folds a name for sorting: accents and case ignored, ligatures
// spelled out, every run of spaces and punctuation one space. "Élodie"
// sorts with E, "Œuvre" with OE, "d'Artagnan" as "D ARTAGNAN". The list
// sorts on it (apprentice_sort, employer_sort); it is not shown.
func sortKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue // the accents NFD split off
		}
		var out string
		switch r {
		case 'Œ', 'œ':
			out = "OE"
		case 'Æ', 'æ':
			out = "AE"
		case 'ß':
			out = "SS"
		case 'Ø', 'ø':
			out = "O"
		case 'Đ', 'đ':
			out = "D"
		case 'Ł', 'ł':
			out = "L"
		case 'ı':
			out = "I"
		default:
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				space = b.Len() > 0
				continue
			}
			out = string(unicode.ToUpper(r))
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteString(out)
	}
	return b.String()
}

// sortKeyFunc is the SQL name of sortKey, with which migration 004
// computes the keys of the contracts already stored.
const sortKeyFunc = "cerfadesk_sort_key"

func init() {
	err := sqlite.RegisterDeterministicScalarFunction(sortKeyFunc, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return sortKey(v), nil
		case []byte:
			return sortKey(string(v)), nil
		case nil:
			return "", nil
		}
		return "", nil
	})
	if err != nil {
		panic("storage: " + err.Error())
	}
}
