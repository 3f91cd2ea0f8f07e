package opcosqlite

import "context"

// avenantKey is the depot_counters key of the avenants of a n° de dépôt:
// apart from the n° de dépôt prefixes (9 characters, DDDYYYYMM).
func avenantKey(numero string) string { return "avenant:" + numero }

func (r reader) PeekAvenant(ctx context.Context, numero string) (int, error) {
	var n int
	err := r.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(last), 0) + 1 FROM depot_counters WHERE prefix = ?`, avenantKey(numero)).Scan(&n)
	return n, err
}

func (t *tx) NextAvenant(ctx context.Context, numero string) (int, error) {
	var n int
	err := t.w.QueryRowContext(ctx, `INSERT INTO depot_counters (prefix, last) VALUES (?, 1)
		ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last`, avenantKey(numero)).Scan(&n)
	return n, err
}
