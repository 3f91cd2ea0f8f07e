package rules

import (
	"strings"

	"cerfadesk/core/calendar"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/ident"
	"cerfadesk/core/pay"
)

// check is one validation run: the contract, its derived values and the
// findings so far. Rules are methods on it, one file per tab.
type check struct {
	c   *contract.Contract
	opt Options
	ref Referential
	out []Finding

	pro bool
	// ages are nil while the dates they need are missing.
	ageDebut, ageConclusion, ageFin *int
	dept                            string // employer's département, derived when absent
	lines                           []pay.Line
	smic                            pay.SMIC
	payOK                           bool
	deadline                        civil.Date
}

func (k *check) add(tab, field, rule string, sev Severity, msg string) {
	if k.out == nil {
		// A valid contract allocates no findings; most others have few.
		k.out = make([]Finding, 0, 8)
	}
	k.out = append(k.out, Finding{Tab: tab, Field: field, Rule: rule, Severity: sev, Message: msg})
}

// Validate runs every rule of the contract's kind and computes the derived
// values. It never modifies c.
func validate(c *contract.Contract, opt Options) Result {
	k := &check{c: c, opt: opt, ref: opt.Referential}
	if k.ref == nil {
		k.ref = Offline{}
	}
	switch c.TypeFormulaire {
	case contract.Apprentissage:
	case contract.Professionnalisation:
		k.pro = true
	default:
		k.add(TabIntroduction, "typeFormulaire", "INT-FORM-TYPE", Error,
			"Le type de formulaire doit être APPRENTISSAGE ou PROFESSIONNALISATION : choisissez le type de contrat.")
		return Result{Findings: k.out}
	}
	k.derive()
	if k.pro {
		k.introPro()
		k.employeur()
		k.salarie()
		k.salariePro()
		k.tuteurPro()
		k.contratPro()
		k.formationPro()
		k.documentsPro()
	} else {
		k.introApp()
		k.employeur()
		k.salarie()
		k.salarieApp()
		k.tuteurApp()
		k.contratApp()
		k.formationApp()
		k.documentsApp()
	}
	k.synthese()
	k.lengths()
	return Result{Findings: k.out, Derived: k.derived()}
}

// derive computes ages, the employer's département, pay lines and the deadline.
func (k *check) derive() {
	c := k.c
	birth := c.Apprenti.DateNaissance
	if !birth.IsZero() {
		ages := new([3]int) // one allocation for the three ages
		if d := c.Contrat.DateDebutContrat; !d.IsZero() {
			ages[0] = civil.AgeAt(birth, d)
			k.ageDebut = &ages[0]
		}
		if d := c.Contrat.DateConclusion; !d.IsZero() {
			ages[1] = civil.AgeAt(birth, d)
			k.ageConclusion = &ages[1]
		}
		if _, end := k.period(); !end.IsZero() {
			ages[2] = civil.AgeAt(birth, end)
			k.ageFin = &ages[2]
		}
	}
	k.dept = k.employerDept()
	k.computePay()
	ref := c.Contrat.DateDebutContrat
	if c.IsAvenant() && !c.Contrat.DateEffetAvenant.IsZero() {
		ref = c.Contrat.DateEffetAvenant
	}
	k.deadline = calendar.TransmissionDeadline(ref, k.dept, calendar.Ouvrables)
}

// period is the span the pay and duration rules work on: the contract for
// apprenticeship, the période de professionnalisation for pro.
func (k *check) period() (civil.Date, civil.Date) {
	if k.pro {
		return k.c.PeriodePro()
	}
	return k.c.Contrat.DateDebutContrat, k.c.Contrat.DateFinContrat
}

func (k *check) mayotte() bool { return k.dept == "976" }

func (k *check) computePay() {
	c := k.c
	start, end := k.period()
	birth := c.Apprenti.DateNaissance
	if birth.IsZero() || start.IsZero() || end.IsZero() || end.Before(start) {
		return
	}
	var smc int64
	if c.Contrat.Smc != nil && *c.Contrat.Smc > 0 {
		smc = int64(*c.Contrat.Smc)
	}
	var err error
	if k.pro {
		up := false
		if c.Apprenti.Diplome != nil {
			up, _ = pay.ProUplift(*c.Apprenti.Diplome, c.Apprenti.DiplomeFinalitePro)
		}
		if strings.TrimSpace(c.Employeur.CodeIdcc) == "9999" {
			smc = 0
		}
		k.lines, k.smic, err = pay.Professionnalisation{
			Birth: birth, Start: start, End: end, Mayotte: k.mayotte(),
			SMCCents: smc, Uplift: up, WeeklyMinutes: k.weeklyMinutesPartTime(),
		}.Lines()
	} else {
		floor := 0
		if t := c.Contrat.TauxContratPrecedent; t != nil && c.Contrat.TypeContratApp != nil {
			switch *c.Contrat.TypeContratApp {
			case 21, 22, 23:
				floor = *t
			}
		}
		k.lines, k.smic, err = pay.Apprentissage{
			Birth: birth, Start: start, End: end, Mayotte: k.mayotte(),
			SMCCents: smc, FloorRate: floor,
		}.Lines()
	}
	k.payOK = err == nil && len(k.lines) > 0
}

// weeklyMinutes returns the contractual weekly time in minutes, or -1.
func (k *check) weeklyMinutes() int {
	h := k.c.Contrat.DureeTravailHebdoHeures
	if h == nil {
		return -1
	}
	m := 0
	if mm := k.c.Contrat.DureeTravailHebdoMinutes; mm != nil {
		m = *mm
	}
	return *h*60 + m
}

// weeklyMinutesPartTime is the pay input: 0 (full time) when unknown.
func (k *check) weeklyMinutesPartTime() int {
	if w := k.weeklyMinutes(); w > 0 {
		return w
	}
	return 0
}

func (k *check) derived() Derived {
	d := Derived{AgeDebut: k.ageDebut, AgeConclusion: k.ageConclusion, DateLimiteTransmission: k.deadline}
	if k.payOK {
		d.Remunerations = Remunerations(k.lines)
	}
	return d
}

// Remunerations converts pay lines into the Cerfa's remuneration lines.
func Remunerations(lines []pay.Line) []contract.Remuneration {
	out := make([]contract.Remuneration, len(lines))
	values := make([]struct {
		rate   contract.Percent
		amount contract.Money
	}, len(lines)) // what the lines point to, in one allocation
	for i, l := range lines {
		v := &values[i]
		v.rate, v.amount = contract.PercentOf(l.Rate), contract.Money(l.AmountCents)
		out[i] = contract.Remuneration{
			Ordre: l.Ordre, DateDebut: l.From, DateFin: l.To,
			Taux: &v.rate, TauxMinimal: &v.rate, TypeSalaire: string(l.Base), SalaireBrut: &v.amount,
		}
	}
	return out
}

// employerDept derives the département of the execution establishment, which
// selects Mayotte's SMIC and the Alsace-Moselle holidays: from the postcode
// (the referential's answer, else the postcode's prefix). The typed
// département is a derived value, checked and never trusted: it only fills
// in when the postcode gives nothing.
func (k *check) employerDept() string {
	a := &k.c.Employeur.Adresse
	if cp := ident.Compact(a.CodePostal); ident.CodePostalFR(cp) {
		if d, _, ok := k.ref.DeptRegion(cp); ok && d != "" {
			return d
		}
		return deptOfPostcode(cp)
	}
	return strings.ToUpper(unpadDept(a.Departement))
}

// deptOfPostcode derives a département from a 5-digit postcode: its first two
// digits, 2A/2B for Corsica (20000–20199 / 20200–20699), three digits
// overseas (97x, 98x).
func deptOfPostcode(cp string) string {
	switch {
	case cp[:2] == "20":
		if cp < "20200" {
			return "2A"
		}
		return "2B"
	case cp[:2] == "97" || cp[:2] == "98":
		return cp[:3]
	}
	return cp[:2]
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func isTrue(b *bool) bool { return b != nil && *b }

func isFalse(b *bool) bool { return b != nil && !*b }

func in(v int, set ...int) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}

// intIn reports whether p is set and in set.
func intIn(p *int, set ...int) bool { return p != nil && in(*p, set...) }
