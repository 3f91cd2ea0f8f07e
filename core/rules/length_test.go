package rules

import (
	"strings"
	"testing"

	"cerfadesk/core/contract"
)

func TestFieldLength(t *testing.T) {
	runRule(t, RuleLength, TabEmployeur, app, []row{
		{name: "a 900 KB employer name", mut: func(c *C) { c.Employeur.Denomination = strings.Repeat("A", 900_000) },
			want: []string{"E employeur.denomination"}},
		{name: "a 101-character street", mut: func(c *C) { c.Employeur.Adresse.Voie = strings.Repeat("é", 101) },
			want: []string{"E employeur.adresse.voie"}},
		{name: "150 characters of accented letters is the bound", mut: func(c *C) { c.Employeur.Denomination = strings.Repeat("É", 150) }},
		{name: "a pro body's name", from: pro, mut: func(c *C) { c.Employeur.OrganismePrevoyance = strings.Repeat("x", 121) },
			want: []string{"E employeur.organismePrevoyance"}},
		// A format rule that already refused the value says it once.
		{name: "an over-long e-mail is the e-mail rule's", mut: func(c *C) { c.Employeur.Courriel = strings.Repeat("a", 90) + "@x.fr" },
			also: []string{"EMP-MAIL-FMT E employeur.courriel"}},
	})
	runRule(t, RuleLength, TabSalarie, app, []row{
		{name: "a field that does not apply is bounded too", mut: func(c *C) {
			c.Apprenti.ResponsableLegal = &contract.ResponsableLegal{Courriel: strings.Repeat("b", 81)}
		}, want: []string{"E apprenti.responsableLegal.courriel"}, also: []string{"SAL-RL-EMPTY W apprenti.responsableLegal"}},
	})
}
