package pay

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"cerfadesk/core/civil"
)

// d parses a date in test tables.
func d(s string) civil.Date { return civil.MustParse(s) }

// render writes lines one per row as "ordre from to rate base cents", the
// form the expected tables use.
func render(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "%s %s %s %d %s %d\n", l.Ordre, l.From, l.To, l.Rate, l.Base, l.AmountCents)
	}
	return b.String()
}

// want joins expected rows written as render does.
func want(rows ...string) string {
	if len(rows) == 0 {
		return ""
	}
	return strings.Join(rows, "\n") + "\n"
}

func checkLines(t *testing.T, got []Line, expected string) {
	t.Helper()
	if g := render(got); g != expected {
		t.Errorf("lines:\ngot\n%swant\n%s", g, expected)
	}
}

func TestDaysInMatchesCivil(t *testing.T) {
	for y := 1600; y <= 2500; y++ {
		for m := time.January; m <= time.December; m++ {
			if got, want := daysIn(y, m), civil.DaysIn(y, m); got != want {
				t.Fatalf("daysIn(%d, %d) = %d, civil.DaysIn = %d", y, m, got, want)
			}
		}
	}
}
