package opcopg

import "context"

// avenantKey is the depot_counters key of the avenants of a n° de dépôt:
// apart from the n° de dépôt prefixes (9 characters, DDDYYYYMM).
func avenantKey(numero string) string { return "avenant:" + numero }

func (r reader) PeekAvenant(ctx context.Context, numero string) (int, error) {
	var n int
	err := r.q.QueryRow(ctx, `SELECT COALESCE(MAX(last), 0) + 1 FROM depot_counters WHERE prefix = $1`, avenantKey(numero)).Scan(&n)
	if err != nil {
		return 0, r.fail(err)
	}
	return n, nil
}

// NextAvenant takes the counter's row lock until the transaction ends: a
// second instance engaging an avenant of the same contract waits, then
// gets the next number.
func (t *tx) NextAvenant(ctx context.Context, numero string) (int, error) {
	var n int
	err := t.q.QueryRow(ctx, `INSERT INTO depot_counters (prefix, last) VALUES ($1, 1)
		ON CONFLICT (prefix) DO UPDATE SET last = depot_counters.last + 1 RETURNING last`, avenantKey(numero)).Scan(&n)
	if err != nil {
		return 0, t.fail(err)
	}
	return n, nil
}
