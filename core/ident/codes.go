package ident

// NormalizeNAF returns the NAF (APE) code s in its canonical form "NN.NNL"
// (upper-case letter). After removing whitespace, s must match
// [0-9]{2}\.?[0-9]{2}[A-Za-z]: "4771z" → "47.71Z".
func NormalizeNAF(s string) (string, bool) {
	c := Compact(s)
	var d [4]byte
	switch {
	case len(c) == 5:
		d = [4]byte{c[0], c[1], c[2], c[3]}
	case len(c) == 6 && c[2] == '.':
		d = [4]byte{c[0], c[1], c[3], c[4]}
	default:
		return "", false
	}
	l := c[len(c)-1]
	if !isDigit(d[0]) || !isDigit(d[1]) || !isDigit(d[2]) || !isDigit(d[3]) || !isLetter(l) {
		return "", false
	}
	if len(c) == 6 && isUpper(l) {
		return c, true
	}
	return string([]byte{d[0], d[1], '.', d[2], d[3], upper(l)}), true
}

// NormalizeIDCC returns the IDCC s (convention collective) as 4 digits,
// left-padded with zeros: "16" → "0016". After removing whitespace, s must be
// 1 to 4 ASCII digits. Whether the code exists (9999 "aucune", 9998 "non
// encore en vigueur" included) is for the IDCC table to say.
func NormalizeIDCC(s string) (string, bool) {
	c := Compact(s)
	if len(c) < 1 || len(c) > 4 || !allDigits(c) {
		return "", false
	}
	if len(c) == 4 {
		return c, true
	}
	return "0000"[len(c):] + c, true
}

// NormalizeRNCP returns the RNCP code s as "RNCP" followed by its digits.
// After removing whitespace, s must match (RNCP)?[0-9]{2,5}, the prefix in
// any case: "rncp38362" and "38362" → "RNCP38362".
func NormalizeRNCP(s string) (string, bool) {
	c := Compact(s)
	digits := c
	if len(c) >= 4 && upper(c[0]) == 'R' && upper(c[1]) == 'N' && upper(c[2]) == 'C' && upper(c[3]) == 'P' {
		digits = c[4:]
	}
	if len(digits) < 2 || len(digits) > 5 || !allDigits(digits) {
		return "", false
	}
	if len(digits) != len(c) && c[:4] == "RNCP" {
		return c, true
	}
	return "RNCP" + digits, true
}

// CFDValid reports whether s is a code diplôme (CFD, code formation diplôme):
// 8 upper-case letters or digits and an optional ninth upper-case letter,
// [0-9A-Z]{8}[A-Z]?.
func CFDValid(s string) bool {
	if len(s) != 8 && len(s) != 9 {
		return false
	}
	for i := 0; i < 8; i++ {
		if !isDigit(s[i]) && !isUpper(s[i]) {
			return false
		}
	}
	return len(s) == 8 || isUpper(s[8])
}

// NumContratValid reports whether s is a DECA contract number (n° de dépôt,
// contrat précédent, avenant), 15 characters:
//
//	département (3) · year (4 digits) · month (01–12) · "NC", "nc" or 2 digits · sequence (4 digits)
//
// The département part is 0dd, 02A/02B (either case), 9[0-5]d or 97[1-6].
// This is the S1/S2 pattern with two corrections: the month must be 01–12
// (the pattern takes 00–19), and its 2-character alternative 9[012345] — which
// would make a 14-character number — is read as the 3 characters 9[0-5]d the
// input mask allows. Examples: "02B202212000000", "069202509NC0123".
func NumContratValid(s string) bool {
	if len(s) != 15 {
		return false
	}
	if !numContratDept(s[0], s[1], s[2]) || !allDigits(s[3:7]) || !month01to12(s[7], s[8]) || !allDigits(s[11:15]) {
		return false
	}
	mid := s[9:11]
	return mid == "NC" || mid == "nc" || allDigits(mid)
}

// numContratDept reports whether a b c is the département part of a DECA
// contract number.
func numContratDept(a, b, c byte) bool {
	switch a {
	case '0':
		return isDigit(b) && isDigit(c) || b == '2' && (c == 'A' || c == 'B' || c == 'a' || c == 'b')
	case '9':
		// Only the overseas 97x: the source tools' 2-character alternative
		// "9[012345]" is a copy of their département pattern, not a
		// 3-character prefix (their input mask forbids 90–95).
		return b == '7' && c >= '1' && c <= '6'
	}
	return false
}

// month01to12 reports whether the two bytes are a month "01"–"12".
func month01to12(a, b byte) bool {
	return a == '0' && b >= '1' && b <= '9' || a == '1' && b >= '0' && b <= '2'
}

// NDAValid reports whether s is a numéro de déclaration d'activité of a
// training body: exactly 11 ASCII digits.
func NDAValid(s string) bool { return len(s) == 11 && allDigits(s) }

// deptPad holds "01"…"09", so that padding a one-digit département does not
// allocate.
const deptPad = "010203040506070809"

// NormalizeDept returns the département code s in canonical form (F-DEPT):
// "01"–"95" (a single digit 1–9 is left-padded: "1" → "01"), "2A" or "2B"
// (either case in input), or the 3-digit overseas codes 971–974, 976–978,
// 984 and 986–989 of the S1 pattern. Whitespace is removed first. It rejects
// "00", "96"–"99" and the bare "97"/"98" that the pattern's loose
// [0-9][0-9] would let through; "20" (Corsica before 1976) is accepted. Born
// abroad ("99") is BirthDeptValid's business. It never allocates unless s
// holds whitespace.
func NormalizeDept(s string) (string, bool) {
	c := Compact(s)
	switch len(c) {
	case 1:
		if c[0] >= '1' && c[0] <= '9' {
			i := int(c[0]-'1') * 2
			return deptPad[i : i+2], true
		}
	case 2:
		if isDigit(c[0]) && isDigit(c[1]) {
			n := int(c[0]-'0')*10 + int(c[1]-'0')
			if n >= 1 && n <= 95 {
				return c, true
			}
			return "", false
		}
		if c[0] == '2' {
			switch c[1] {
			case 'A', 'a':
				return "2A", true
			case 'B', 'b':
				return "2B", true
			}
		}
	case 3:
		if c[0] == '9' && c[1] == '7' {
			switch c[2] {
			case '1', '2', '3', '4', '5', '6', '7', '8': // 975: Saint-Pierre-et-Miquelon (INSEE), absent from S1's pattern
				return c, true
			}
		}
		if c[0] == '9' && c[1] == '8' {
			switch c[2] {
			case '4', '6', '7', '8', '9':
				return c, true
			}
		}
	}
	return "", false
}

// BirthDeptValid reports whether s is a valid département de naissance:
// anything NormalizeDept accepts, or "99" for a birth abroad.
func BirthDeptValid(s string) bool {
	if _, ok := NormalizeDept(s); ok {
		return true
	}
	return Compact(s) == "99"
}

// NSFValid reports whether s is a NSF speciality code in canonical form:
// [1-4][0-9]{2}[a-z]?, the letter lower-case as the nomenclature writes it
// ("312", "312t"). An upper-case letter is rejected here, so that only the
// canonical form is stored; NormalizeNSF turns "312T" into "312t".
func NSFValid(s string) bool {
	if len(s) != 3 && len(s) != 4 {
		return false
	}
	if s[0] < '1' || s[0] > '4' || !isDigit(s[1]) || !isDigit(s[2]) {
		return false
	}
	return len(s) == 3 || isLower(s[3])
}

// NormalizeNSF returns the NSF code s with whitespace removed and its letter
// lower-cased, if the result is NSFValid.
func NormalizeNSF(s string) (string, bool) {
	c := Compact(s)
	if len(c) == 4 && isUpper(c[3]) {
		c = c[:3] + string(rune(c[3]-'A'+'a'))
	}
	if !NSFValid(c) {
		return "", false
	}
	return c, true
}

// FranceTravailIDPlausible reports whether s looks like a France Travail
// (ex-Pôle emploi) job-seeker identifier: 7 ASCII digits and a letter in
// either case, "1234567A". Only a plausibility check (W level): the shape is
// not officially documented.
func FranceTravailIDPlausible(s string) bool {
	return len(s) == 8 && allDigits(s[:7]) && isLetter(s[7])
}
