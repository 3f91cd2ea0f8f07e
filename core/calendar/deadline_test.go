package calendar

import (
	"fmt"
	"testing"

	"cerfadesk/core/civil"
)

// workflowTable is workflow.md's deadline table: start, national, Alsace-Moselle.
var workflowTable = []struct {
	name                    string
	start, national, alsace string
}{
	{"plain week", "2025-09-01", "2025-09-06", "2025-09-06"},
	{"Easter Monday, Good Friday in Alsace-Moselle", "2025-04-17", "2025-04-24", "2025-04-25"},
	{"Christmas, 26 December in Alsace-Moselle", "2025-12-22", "2025-12-29", "2025-12-30"},
	{"8 May", "2025-05-05", "2025-05-12", "2025-05-12"},
	{"Ascension", "2026-05-11", "2026-05-18", "2026-05-18"},
	{"11 November", "2025-11-10", "2025-11-17", "2025-11-17"},
}

func TestTransmissionDeadlineWorkflowTable(t *testing.T) {
	for _, tt := range workflowTable {
		t.Run(tt.name, func(t *testing.T) {
			start := d(tt.start)
			for _, c := range []struct {
				dep           string
				alsaceMoselle bool
				want          string
			}{{"75", false, tt.national}, {"67", true, tt.alsace}} {
				if got := TransmissionDeadline(start, c.dep, Ouvrables); got != d(c.want) {
					t.Errorf("TransmissionDeadline(%s, %q) = %v, want %s", tt.start, c.dep, got, c.want)
				}
				if got := AddJoursOuvrables(start, TransmissionDays, c.alsaceMoselle); got != d(c.want) {
					t.Errorf("AddJoursOuvrables(%s, 5, %v) = %v, want %s", tt.start, c.alsaceMoselle, got, c.want)
				}
			}
		})
	}
}

func TestTransmissionDeadline(t *testing.T) {
	tests := []struct {
		name string
		ref  string
		dep  string
		unit DayCount
		want string
	}{
		{"calendaires skip nothing", "2025-04-17", "75", Calendaires, "2025-04-22"},
		{"ouvrables for the same start", "2025-04-17", "75", Ouvrables, "2025-04-24"},
		{"calendaires ignore Alsace-Moselle", "2025-04-17", "67", Calendaires, "2025-04-22"},
		{"Monday start: both units give Saturday", "2025-09-01", "75", Calendaires, "2025-09-06"},
		{"calendaires may end on a Sunday", "2025-09-02", "75", Calendaires, "2025-09-07"},
		{"ouvrables never end on a Sunday", "2025-09-02", "75", Ouvrables, "2025-09-08"},
		{"start on a Sunday", "2025-09-07", "75", Ouvrables, "2025-09-12"},
		{"start on a holiday", "2025-11-11", "75", Ouvrables, "2025-11-17"},
		{"empty département is national", "2025-12-22", "", Ouvrables, "2025-12-29"},
		{"Moselle with a leading zero", "2025-12-22", "057", Ouvrables, "2025-12-30"},
		{"Martinique abolition day", "2025-05-19", "972", Ouvrables, "2025-05-26"},
		{"Réunion abolition day", "2025-12-15", "974", Ouvrables, "2025-12-22"},
		{"unknown unit counts ouvrables", "2025-04-17", "75", DayCount(9), "2025-04-24"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TransmissionDeadline(d(tt.ref), tt.dep, tt.unit); got != d(tt.want) {
				t.Errorf("TransmissionDeadline(%s, %q, %v) = %v, want %s", tt.ref, tt.dep, tt.unit, got, tt.want)
			}
		})
	}
}

func TestTransmissionDeadlineZero(t *testing.T) {
	for _, unit := range []DayCount{Ouvrables, Calendaires} {
		if got := TransmissionDeadline(civil.Date{}, "75", unit); !got.IsZero() {
			t.Errorf("TransmissionDeadline(zero, %v) = %v, want the zero date", unit, got)
		}
	}
}

func TestDecisionDeadline(t *testing.T) {
	tests := []struct {
		name      string
		reception string
		want      string
	}{
		{"within a month", "2025-09-01", "2025-09-21"},
		{"across the new year", "2025-12-15", "2026-01-04"},
		{"holidays and Sundays count", "2025-04-17", "2025-05-07"},
		{"across 29 February", "2028-02-15", "2028-03-06"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DecisionDeadline(d(tt.reception)); got != d(tt.want) {
				t.Errorf("DecisionDeadline(%s) = %v, want %s", tt.reception, got, tt.want)
			}
		})
	}
	if got := DecisionDeadline(civil.Date{}); !got.IsZero() {
		t.Errorf("DecisionDeadline(zero) = %v, want the zero date", got)
	}
}

func TestDaysLeft(t *testing.T) {
	tests := []struct {
		name            string
		deadline, today string
		want            int
	}{
		{"last day", "2025-09-06", "2025-09-06", 0},
		{"day before", "2025-09-06", "2025-09-05", 1},
		{"day after", "2025-09-06", "2025-09-07", -1},
		{"OPCO clock just started", "2026-01-04", "2025-12-15", 20},
		{"across the new year, late", "2025-12-29", "2026-01-02", -4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DaysLeft(d(tt.deadline), d(tt.today)); got != tt.want {
				t.Errorf("DaysLeft(%s, %s) = %d, want %d", tt.deadline, tt.today, got, tt.want)
			}
		})
	}
}

func TestDayCountString(t *testing.T) {
	tests := []struct {
		name string
		unit DayCount
		want string
	}{
		{"ouvrables", Ouvrables, "ouvrables"},
		{"calendaires", Calendaires, "calendaires"},
		{"unknown reads as the default", DayCount(9), "ouvrables"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.unit.String(); got != tt.want {
				t.Errorf("DayCount(%d).String() = %q, want %q", int(tt.unit), got, tt.want)
			}
		})
	}
}

func ExampleTransmissionDeadline() {
	start := civil.MustParse("2025-04-17") // Thursday; Easter Monday on the 21st
	fmt.Println(TransmissionDeadline(start, "75", Ouvrables).French())
	fmt.Println(TransmissionDeadline(start, "67", Ouvrables).French()) // + Good Friday
	fmt.Println(TransmissionDeadline(start, "75", Calendaires).French())
	// Output:
	// 24/04/2025
	// 25/04/2025
	// 22/04/2025
}

// BenchmarkTransmissionDeadline runs on every keystroke of the Contrat tab.
func BenchmarkTransmissionDeadline(b *testing.B) {
	starts := []civil.Date{d("2025-04-17"), d("2025-12-22"), d("2026-05-11"), d("2025-09-01")}
	b.Run("national", func(b *testing.B) {
		i := 0
		for b.Loop() {
			TransmissionDeadline(starts[i%len(starts)], "75", Ouvrables)
			i++
		}
	})
	b.Run("alsace-moselle", func(b *testing.B) {
		i := 0
		for b.Loop() {
			TransmissionDeadline(starts[i%len(starts)], "057", Ouvrables)
			i++
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				TransmissionDeadline(starts[i%len(starts)], "67", Ouvrables)
				i++
			}
		})
	})
	b.Run("outside-cache", func(b *testing.B) {
		start := d("2300-04-17")
		for b.Loop() {
			TransmissionDeadline(start, "75", Ouvrables)
		}
	})
}
