package sheet

import (
	"context"
	"strconv"

	"cerfadesk/core/workflow"
)

// MarkDuplicates marks the rows that are a contract already stored
// (Row.Existing, asked of find in one call) or that repeat an earlier row
// of the file (Row.SameAs); a contract is known by its workflow.Identity,
// by NIR or by name (Identity.Matches). find may be nil (no store: only
// the file is checked). Refused rows are left alone.
func (res *Result) MarkDuplicates(ctx context.Context, find workflow.IdentityFinder) error {
	ids := make([]workflow.Identity, len(res.Rows))
	// The first line of each key among the rows that repeat no earlier one:
	// a repeat stands for its first row, whose NIR may differ from its own.
	byNIR, byName, byNameNoNIR := map[string]int{}, map[string]int{}, map[string]int{}
	asked := map[workflow.Identity]bool{}
	var ask []workflow.Identity
	for i := range res.Rows {
		r := &res.Rows[i]
		r.Existing, r.SameAs = "", 0
		if r.Refused() {
			continue
		}
		id := workflow.Identify(r.Contract)
		if id.Zero() {
			continue
		}
		ids[i] = id
		if !asked[id] {
			asked[id] = true
			ask = append(ask, id)
		}
		if id.NIR != "" {
			r.SameAs = firstLine(byNIR[id.NIR], byNameNoNIR[id.Name])
		} else {
			r.SameAs = byName[id.Name]
		}
		if r.SameAs != 0 {
			continue
		}
		if id.NIR != "" {
			byNIR[id.NIR] = r.Line
		}
		if id.Name != "" {
			setFirst(byName, id.Name, r.Line)
			if id.NIR == "" {
				setFirst(byNameNoNIR, id.Name, r.Line)
			}
		}
	}
	if find == nil || len(ask) == 0 {
		return nil
	}
	found, err := find.FindIdentities(ctx, ask)
	if err != nil {
		return err
	}
	for i := range res.Rows {
		if ref, ok := found[ids[i]]; ok && !ids[i].Zero() {
			res.Rows[i].Existing = ref
		}
	}
	return nil
}

// firstLine is the smaller of two lines, 0 standing for none.
func firstLine(a, b int) int {
	if a == 0 || (b != 0 && b < a) {
		return b
	}
	return a
}

func setFirst(m map[string]int, k string, line int) {
	if _, ok := m[k]; !ok {
		m[k] = line
	}
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
