package calendar

import "cerfadesk/core/civil"

// DayCount is the unit of the transmission deadline, a per-OPCO setting:
// D6224-1 (apprenticeship) says "cinq jours ouvrables", D6325-1
// (professionalisation) only "cinq jours", which some OPCOs read as calendar
// days (professionnalisation.md §5).
type DayCount int

const (
	// Ouvrables counts Monday to Saturday, public holidays excluded (default).
	Ouvrables DayCount = iota
	// Calendaires counts every day.
	Calendaires
)

// String returns the setting's French name, as shown to the OPCO.
func (u DayCount) String() string {
	if u == Calendaires {
		return "calendaires"
	}
	return "ouvrables"
}

const (
	// TransmissionDays is the time the employer has to get the contract to
	// the OPCO after the start of its execution (D6224-1, D6325-1).
	TransmissionDays = 5
	// DecisionDays is the time, in calendar days, the OPCO has to decide
	// after receiving the complete file (apprentissage.md §D.1, D6325-2).
	DecisionDays = 20
)

// TransmissionDeadline returns the last day for the contract to reach the
// OPCO: the 5th jour ouvrable (or calendar day) after ref, counting from the
// day after. ref is dateDebutContrat, or dateEffetAvenant for an avenant; the
// caller chooses. Holidays are those of the execution establishment's
// département, overseas abolition-of-slavery days included. A calendar-day
// deadline is not extended when it ends on a Sunday or holiday: no text found
// provides for it. A zero ref (no date yet) gives a zero deadline.
func TransmissionDeadline(ref civil.Date, departement string, unit DayCount) civil.Date {
	if ref.IsZero() {
		return civil.Date{}
	}
	if unit == Calendaires {
		return date(days(ref) + TransmissionDays)
	}
	return date(addOuvrables(days(ref), TransmissionDays, regionOf(departement)))
}

// DecisionDeadline returns the day the OPCO's 20-day clock runs out: reception
// of the complete file + 20 calendar days. Silence then means refusal for
// apprenticeship, acceptance for professionalisation; the caller decides. A
// zero reception gives a zero deadline.
func DecisionDeadline(reception civil.Date) civil.Date {
	if reception.IsZero() {
		return civil.Date{}
	}
	return date(days(reception) + DecisionDays)
}

// DaysLeft returns the days from today to deadline: 0 on the last day,
// negative once it has passed.
func DaysLeft(deadline, today civil.Date) int {
	return days(deadline) - days(today)
}
