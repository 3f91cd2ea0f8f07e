package ident

// laPosteSIREN is the SIREN of La Poste, whose establishments carry NICs that
// do not satisfy Luhn; their SIRETs follow a digit-sum rule instead.
const laPosteSIREN = "356000000"

// SIRETFormat reports whether s is exactly 14 ASCII digits (F-SIRET step 1,
// rule *-SIRET-FMT). Call it on Compact(s).
func SIRETFormat(s string) bool { return len(s) == 14 && allDigits(s) }

// zeroSIREN passes Luhn but is no company: a placeholder typed to get past
// the form, refused with every SIRET built on it.
const zeroSIREN = "000000000"

// SIRETChecksum reports whether the 14-digit SIRET s passes its control
// (F-SIRET steps 2–3): the Luhn check, or, when Luhn fails and the SIREN is
// La Poste's 356000000, a plain digit sum that is a multiple of 5. It returns
// false when s is not 14 digits, and for the SIREN 000000000.
func SIRETChecksum(s string) bool {
	if !SIRETFormat(s) || s[:9] == zeroSIREN {
		return false
	}
	if Luhn(s) {
		return true
	}
	if s[:9] != laPosteSIREN {
		return false
	}
	sum := 0
	for i := 0; i < len(s); i++ {
		sum += int(s[i] - '0')
	}
	return sum%5 == 0
}

// SIRENValid reports whether s is exactly 9 ASCII digits that pass Luhn,
// and not 000000000.
func SIRENValid(s string) bool { return len(s) == 9 && s != zeroSIREN && Luhn(s) }

// luhnDouble[d] is 2d, minus 9 when 2d > 9.
var luhnDouble = [10]int{0, 2, 4, 6, 8, 1, 3, 5, 7, 9}

// Luhn reports whether digits, a non-empty string of ASCII digits, passes the
// Luhn check: from the right, every second digit is doubled (9 subtracted when
// the double exceeds 9) and the sum of all digits is a multiple of 10. It
// returns false for an empty string or any non-digit.
func Luhn(digits string) bool {
	if digits == "" {
		return false
	}
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if !isDigit(c) {
			return false
		}
		d := int(c - '0')
		if double {
			d = luhnDouble[d]
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}
