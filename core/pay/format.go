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
	digits := strconv.FormatUint(u/100, 10)
	b := make([]byte, 0, len(digits)*3+16)
	if cents < 0 {
		b = append(b, '-')
	}
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, nbsp...)
		}
		b = append(b, digits[i])
	}
	frac := u % 100
	b = append(b, ',', byte('0'+frac/10), byte('0'+frac%10))
	b = append(b, nbsp+"€"...)
	return string(b)
}
