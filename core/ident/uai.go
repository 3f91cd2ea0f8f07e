package ident

// uaiAlphabet is the 23-letter alphabet of the UAI check letter (no I, O, Q).
const uaiAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ"

// UAIFormat reports whether s has the shape of a UAI (ex-RNE): 7 ASCII digits
// and a letter in either case, "0691234S".
func UAIFormat(s string) bool {
	return len(s) == 8 && allDigits(s[:7]) && isLetter(s[7])
}

// UAICheck reports whether s is a well-formed UAI whose letter (either case)
// is the check letter: uaiAlphabet[n mod 23], n being the 7-digit number
// ("0561910X": 561910 mod 23 = 20 → X).
func UAICheck(s string) bool {
	if !UAIFormat(s) {
		return false
	}
	n := 0
	for i := 0; i < 7; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return upper(s[7]) == uaiAlphabet[n%23]
}

// NormalizeUAI returns the UAI s without whitespace and with its letter
// upper-cased, as it is stored, if the result has the UAI shape (UAIFormat);
// the check letter is UAICheck's business.
func NormalizeUAI(s string) (string, bool) {
	c := Compact(s)
	if !UAIFormat(c) {
		return "", false
	}
	if isLower(c[7]) {
		c = c[:7] + string(rune(upper(c[7])))
	}
	return c, true
}
