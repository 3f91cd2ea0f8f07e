package referentiel

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxColumns bounds the fields of a row: the widest file (idcc.tsv) has 10.
const maxColumns = 10

// readTSV checks the header of a TSV file (as described in assets/referentiels/README.md)
// and calls row for every data line with its fields. The fields are substrings of data and
// the slice is reused from one call to the next. It tolerates what a spreadsheet adds when
// it saves a file (a UTF-8 byte order mark, CRLF line ends, blank lines) and refuses
// anything else: a header other than the expected one, a line with another number of
// fields, text that is not UTF-8, a file without data rows. Its errors are in French, for
// the user who placed the file. It returns the number of data rows.
func readTSV(data string, header []string, row func(f []string) error) (int, error) {
	if len(header) > maxColumns {
		panic("referentiel: header wider than maxColumns")
	}
	data = strings.TrimPrefix(data, "\uFEFF")
	validUTF8 := utf8.ValidString(data) // else each line is checked, to tell which
	var buf [maxColumns]string
	lineNo, rows := 0, 0
	for len(data) > 0 {
		line := data
		if i := strings.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = ""
		}
		lineNo++
		line = strings.TrimSuffix(line, "\r")
		if !validUTF8 && !utf8.ValidString(line) {
			return rows, fmt.Errorf("ligne %d : le texte n'est pas en UTF-8", lineNo)
		}
		if lineNo == 1 {
			if got := strings.Split(line, "\t"); !equalStrings(got, header) {
				return rows, fmt.Errorf("ligne 1 : en-tête « %s » au lieu de « %s »",
					strings.Join(got, " | "), strings.Join(header, " | "))
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := buf[:0]
		for len(f) < len(header)-1 {
			i := strings.IndexByte(line, '\t')
			if i < 0 {
				break
			}
			f = append(f, line[:i])
			line = line[i+1:]
		}
		f = append(f, line)
		if len(f) != len(header) || strings.IndexByte(line, '\t') >= 0 {
			return rows, fmt.Errorf("ligne %d : %d colonnes au lieu de %d",
				lineNo, len(f)+strings.Count(line, "\t"), len(header))
		}
		if err := row(f); err != nil {
			return rows, fmt.Errorf("ligne %d : %w", lineNo, err)
		}
		rows++
	}
	if lineNo == 0 {
		return 0, errors.New("le fichier est vide")
	}
	if rows == 0 {
		return 0, errors.New("le fichier n'a aucune ligne de données")
	}
	return rows, nil
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Checks of single fields, shared by the loaders. Each returns an error in French naming the
// column, or nil.

func needText(col, v string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("colonne %s vide", col)
	}
	return nil
}

func needDigits(col, v string, n int) error {
	if len(v) != n || !allDigits(v) {
		return fmt.Errorf("colonne %s : « %s » n'est pas un code de %d chiffres", col, clip(v), n)
	}
	return nil
}

// needINSEE accepts a commune code: 5 characters, digits except the Corsican 2A/2B prefix.
func needINSEE(col, v string) error {
	if len(v) == 5 && allDigits(v[2:]) && (allDigits(v[:2]) || v[:2] == "2A" || v[:2] == "2B") {
		return nil
	}
	return fmt.Errorf("colonne %s : « %s » n'est pas un code commune INSEE", col, clip(v))
}

// needDept accepts a département code: 2 digits, 2A, 2B or 3 digits starting with 97 or 98.
func needDept(col, v string) error {
	switch {
	case len(v) == 2 && (allDigits(v) || v == "2A" || v == "2B"):
		return nil
	case len(v) == 3 && allDigits(v) && (v[:2] == "97" || v[:2] == "98"):
		return nil
	}
	return fmt.Errorf("colonne %s : « %s » n'est pas un code de département", col, clip(v))
}

// needRegion accepts a région code: 2 or 3 digits.
func needRegion(col, v string) error {
	if (len(v) == 2 || len(v) == 3) && allDigits(v) {
		return nil
	}
	return fmt.Errorf("colonne %s : « %s » n'est pas un code de région", col, clip(v))
}

func needOneOf(col, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fmt.Errorf("colonne %s : « %s » au lieu de %s", col, clip(v), quoteList(allowed))
}

func quoteList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		if v == "" {
			q[i] = "vide"
		} else {
			q[i] = "« " + v + " »"
		}
	}
	return strings.Join(q, ", ")
}

// clip shortens a value quoted in an error message.
func clip(v string) string {
	const max = 40
	if utf8.RuneCountInString(v) <= max {
		return v
	}
	r := []rune(v)
	return string(r[:max]) + "…"
}
