package contract

import (
	"errors"
	"strconv"
)

// Money is an amount in euro cents. JSON carries euros with up to two
// decimals; amounts are never held in floats.
type Money int64

// Percent is a rate in hundredths of a percent (43 % = 4300), so that a
// rate such as 43.5 % stays exact.
type Percent int64

var errDecimal = errors.New("nombre décimal attendu")

// parseHundredths reads a JSON number as an integer count of hundredths,
// rounding half away from zero beyond the second decimal.
func parseHundredths(s string) (int64, error) {
	if s == "" {
		return 0, errDecimal
	}
	neg := false
	i := 0
	if s[0] == '-' {
		neg = true
		i++
	}
	var whole int64
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		whole = whole*10 + int64(s[i]-'0')
		digits++
		if digits > 15 {
			return 0, errDecimal
		}
	}
	if digits == 0 {
		return 0, errDecimal
	}
	var frac int64
	n := 0
	roundUp := false
	if i < len(s) && s[i] == '.' {
		i++
		start := i
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			switch {
			case n < 2:
				frac = frac*10 + int64(s[i]-'0')
				n++
			case i == start+2:
				roundUp = s[i] >= '5'
			}
		}
		if i == start {
			return 0, errDecimal
		}
	}
	if i != len(s) {
		return 0, errDecimal // exponents and garbage
	}
	for ; n < 2; n++ {
		frac *= 10
	}
	v := whole*100 + frac
	if roundUp {
		v++
	}
	if neg {
		v = -v
	}
	return v, nil
}

func formatHundredths(v int64) []byte {
	neg := v < 0
	if neg {
		v = -v
	}
	b := strconv.AppendInt(nil, v/100, 10)
	if f := v % 100; f != 0 {
		b = append(b, '.', byte('0'+f/10))
		if f%10 != 0 {
			b = append(b, byte('0'+f%10))
		}
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return b
}

// Euros returns m in euros, for display only.
func (m Money) Euros() float64 { return float64(m) / 100 }

// MarshalJSON writes euros with at most two decimals (774.78, 1099.1, 43).
func (m Money) MarshalJSON() ([]byte, error) { return formatHundredths(int64(m)), nil }

// UnmarshalJSON reads a JSON number of euros.
func (m *Money) UnmarshalJSON(b []byte) error {
	v, err := parseHundredths(string(b))
	if err != nil {
		return errors.New("montant en euros attendu (nombre)")
	}
	*m = Money(v)
	return nil
}

// MarshalJSON writes the rate in percent (43, 43.5).
func (p Percent) MarshalJSON() ([]byte, error) { return formatHundredths(int64(p)), nil }

// UnmarshalJSON reads a JSON number of percent.
func (p *Percent) UnmarshalJSON(b []byte) error {
	v, err := parseHundredths(string(b))
	if err != nil {
		return errors.New("taux en pourcentage attendu (nombre)")
	}
	*p = Percent(v)
	return nil
}

// Whole returns the rate rounded down to a whole percent.
func (p Percent) Whole() int { return int(p / 100) }

// PercentOf returns a Percent of n whole percent.
func PercentOf(n int) Percent { return Percent(n * 100) }

// String formats the rate in French ("43", "43,5").
func (p Percent) String() string {
	b := formatHundredths(int64(p))
	for i := range b {
		if b[i] == '.' {
			b[i] = ','
		}
	}
	return string(b)
}
