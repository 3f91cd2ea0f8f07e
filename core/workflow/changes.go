package workflow

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// ChangedFields compares two versions of a contract in the canonical JSON
// and returns the dotted field keys that differ, sorted
// ("apprenti.nom", "contrat.remunerationsAnnuelles[1].taux"). A block that
// appears or disappears reports each of its leaves; an empty before (a new
// contract) reports every non-null leaf of after.
func ChangedFields(before, after []byte) ([]string, error) {
	var a, b any
	if len(bytes.TrimSpace(before)) > 0 {
		if err := decodeAny(before, &a); err != nil {
			return nil, fmt.Errorf("version précédente : %w", err)
		}
	}
	if err := decodeAny(after, &b); err != nil {
		return nil, fmt.Errorf("nouvelle version : %w", err)
	}
	set := map[string]bool{}
	diff(a, b, "", set)
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out, nil
}

func decodeAny(data []byte, v *any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

func diff(a, b any, path string, out map[string]bool) {
	switch av := a.(type) {
	case map[string]any:
		if bv, ok := b.(map[string]any); ok {
			for k, x := range av {
				diff(x, bv[k], join(path, k), out)
			}
			for k, y := range bv {
				if _, seen := av[k]; !seen {
					diff(nil, y, join(path, k), out)
				}
			}
			return
		}
	case []any:
		if bv, ok := b.([]any); ok {
			for i := 0; i < max(len(av), len(bv)); i++ {
				var x, y any
				if i < len(av) {
					x = av[i]
				}
				if i < len(bv) {
					y = bv[i]
				}
				diff(x, y, fmt.Sprintf("%s[%d]", path, i), out)
			}
			return
		}
	}
	if isContainer(a) || isContainer(b) {
		// a block against null or a scalar: report the leaves of each side.
		leaves(a, path, out)
		leaves(b, path, out)
		return
	}
	if !sameScalar(a, b) {
		out[rootPath(path)] = true
	}
}

func isContainer(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

// leaves adds the path of every non-empty leaf of v; an empty block adds its
// own path.
func leaves(v any, path string, out map[string]bool) {
	switch x := v.(type) {
	case nil:
	case map[string]any:
		if len(x) == 0 {
			out[rootPath(path)] = true
		}
		for k, y := range x {
			leaves(y, join(path, k), out)
		}
	case []any:
		if len(x) == 0 {
			out[rootPath(path)] = true
		}
		for i, y := range x {
			leaves(y, fmt.Sprintf("%s[%d]", path, i), out)
		}
	default:
		if !isEmpty(x) {
			out[rootPath(path)] = true
		}
	}
}

// sameScalar compares JSON scalars; "" and null are both "empty" in the
// canonical JSON and count as equal.
func sameScalar(a, b any) bool {
	if isEmpty(a) && isEmpty(b) {
		return true
	}
	return a == b
}

func isEmpty(v any) bool { return v == nil || v == "" }

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func rootPath(p string) string {
	if p == "" {
		return "."
	}
	return p
}
