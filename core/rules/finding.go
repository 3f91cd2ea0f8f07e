// Package rules is the validation engine of both Cerfas: every rule of the
// domain catalogues, each finding carrying its tab, field key, rule ID,
// severity and a French message for the employer.
package rules

import (
	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// Severity of a finding: E blocks Transmettre, W is shown, I informs.
type Severity string

// Severities.
const (
	Error   Severity = "E"
	Warning Severity = "W"
	Info    Severity = "I"
)

// The 8 tabs of the form, as the field table names them.
const (
	TabIntroduction = cerfa.TabIntroduction
	TabEmployeur    = cerfa.TabEmployeur
	TabSalarie      = cerfa.TabSalarie
	TabTuteur       = cerfa.TabTuteur
	TabContrat      = cerfa.TabContrat
	TabFormation    = cerfa.TabFormation
	TabSynthese     = cerfa.TabSynthese
	TabDocuments    = cerfa.TabDocuments
)

// Tabs lists the tabs in the form's order.
var Tabs = cerfa.Tabs

// Finding is one result of a rule.
type Finding struct {
	Tab      string   `json:"tab"`
	Field    string   `json:"field"`
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// Derived holds the values the app computes from a contract.
type Derived struct {
	AgeDebut               *int                    `json:"ageDebut"`
	AgeConclusion          *int                    `json:"ageConclusion"`
	DateLimiteTransmission civil.Date              `json:"dateLimiteTransmission"`
	Remunerations          []contract.Remuneration `json:"remunerations"`
}

// Result is the outcome of Validate.
type Result struct {
	Findings []Finding
	Derived  Derived
}

// Valid reports whether no finding blocks transmission.
func (r Result) Valid() bool {
	for _, f := range r.Findings {
		if f.Severity == Error {
			return false
		}
	}
	return true
}

// BlockingTabs returns the tabs holding at least one E finding, in form order.
func (r Result) BlockingTabs() []string {
	var out []string
	for _, t := range Tabs {
		for _, f := range r.Findings {
			if f.Tab == t && f.Severity == Error {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// Options are the inputs of a validation besides the contract.
type Options struct {
	// Today is the date of the check (the deadline rule reads it); zero means
	// the caller's clock was not given and time-dependent rules are skipped.
	Today civil.Date
	// Transmitted says the contract already reached the OPCO: the late
	// transmission warning no longer applies.
	Transmitted bool
	// SkipDeadline leaves out the rules that compare Today with a deadline
	// (late transmission, OPCO decision delay), for checks whose Today is not
	// the day the contract is transmitted or examined.
	SkipDeadline bool
	// MaitreContracts, when set, returns how many other running contracts
	// the app holds for the maître d'apprentissage of that name, first name
	// and birth date (TUT-QUOTA); nil leaves the rule out.
	MaitreContracts func(nom, prenom string, birth civil.Date) int
	// Referential answers the checks that need an online or embedded
	// referential; nil means offline with no data (reports nothing).
	Referential Referential
}

// Validate runs every rule of the contract's kind.
func Validate(c *contract.Contract, opt Options) Result {
	return validate(c, opt)
}
