package pay

import "strconv"

// nbsp is U+00A0 NO-BREAK SPACE, the thousands separator and the space
// before the euro sign in FormatEuros. The narrower U+202F of French
// typography is missing from some PDF fonts (the WGL4 set of Go's fonts), so
// the app uses U+00A0 everywhere.
const nbsp = "\u00a0"

// FormatEuros formats cents as French users read an amount: "1 823,03 €",
// with U+00A0 as thousands separator and before "€"; a negative amount
// starts with "-".
func FormatEuros(cents int64) string {
	u := uint64(cents)
	if cents < 0 {
		u = -u // also right for math.MinInt64
	}
	var digits [20]byte
	whole := strconv.AppendUint(digits[:0], u/100, 10)
	var buf [64]byte
	b := buf[:0]
	if cents < 0 {
		b = append(b, '-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b = append(b, nbsp...)
		}
		b = append(b, c)
	}
	frac := u % 100
	b = append(b, ',', byte('0'+frac/10), byte('0'+frac%10))
	b = append(b, nbsp+"€"...)
	return string(b)
}
