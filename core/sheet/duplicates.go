package sheet

import (
	"context"
	"strconv"

	"cerfadesk/core/workflow"
)

// MarkDuplicates marks the rows that are a contract already stored
// (Row.Existing, asked of find in one call) or that repeat an earlier row
// of the file (Row.SameAs); a contract is known by workflow.IdentityKey.
// find may be nil (no store: only the file is checked). Refused rows are
// left alone.
func (res *Result) MarkDuplicates(ctx context.Context, find workflow.IdentityFinder) error {
	keys := make([]string, len(res.Rows))
	first := map[string]int{} // key → line of its first row
	var ask []string
	for i := range res.Rows {
		r := &res.Rows[i]
		r.Existing, r.SameAs = "", 0
		if r.Refused() {
			continue
		}
		k := workflow.IdentityKey(r.Contract)
		if k == "" {
			continue
		}
		keys[i] = k
		if line, ok := first[k]; ok {
			r.SameAs = line
			continue
		}
		first[k] = r.Line
		ask = append(ask, k)
	}
	if find == nil || len(ask) == 0 {
		return nil
	}
	found, err := find.FindIdentities(ctx, ask)
	if err != nil {
		return err
	}
	for i := range res.Rows {
		if ref, ok := found[keys[i]]; ok && keys[i] != "" {
			res.Rows[i].Existing = ref
		}
	}
	return nil
}

// Duplicate reports whether MarkDuplicates found the row's contract in the
// store or earlier in the file.
func (r *Row) Duplicate() bool { return r.Existing != "" || r.SameAs != 0 }

// DuplicateCode is CodeExisting or CodeDuplicateRow for a duplicate row,
// else "".
func (r *Row) DuplicateCode() string {
	switch {
	case r.Existing != "":
		return CodeExisting
	case r.SameAs != 0:
		return CodeDuplicateRow
	}
	return ""
}

// DuplicateText says what the row duplicates: « déjà présent : C-000123 »
// or « même contrat que la ligne 4 » (« … que le contrat n° 4 » in JSON).
func (res *Result) DuplicateText(r *Row) string {
	switch {
	case r.Existing != "":
		return "déjà présent : " + r.Existing
	case r.SameAs != 0 && res.Format == JSON:
		return "même contrat que le contrat n° " + strconv.Itoa(r.SameAs) + " du fichier"
	case r.SameAs != 0:
		return "même contrat que la ligne " + strconv.Itoa(r.SameAs) + " du fichier"
	}
	return ""
}
