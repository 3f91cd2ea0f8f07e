package ident

// CodePostalFR reports whether s is a French code postal: exactly 5 ASCII
// digits. It says nothing of existence, and applies to French addresses only.
func CodePostalFR(s string) bool { return len(s) == 5 && allDigits(s) }

// AddressNumberValid reports whether s is a street number: a positive
// integer written without a leading zero, [1-9][0-9]*.
func AddressNumberValid(s string) bool { return s != "" && s[0] != '0' && allDigits(s) }

// AddressNumberIntValid is AddressNumberValid for a number already decoded
// from JSON: it must be at least 1.
func AddressNumberIntValid(n int) bool { return n >= 1 }

// RepetitionValid reports whether s is an indice de répétition: "B" (bis),
// "T" (ter), "Q" (quater) or "C" (quinquies), upper-case as stored.
func RepetitionValid(s string) bool { return s == "B" || s == "T" || s == "Q" || s == "C" }
