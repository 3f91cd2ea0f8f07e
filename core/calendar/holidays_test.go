package calendar

import (
	"slices"
	"sync"
	"testing"
	"time"

	"cerfadesk/core/civil"
)

var d = civil.MustParse

func TestIsAlsaceMoselle(t *testing.T) {
	tests := []struct {
		name string
		dep  string
		want bool
	}{
		{"Moselle", "57", true},
		{"Bas-Rhin", "67", true},
		{"Haut-Rhin", "68", true},
		{"three-digit form", "057", true},
		{"surrounding spaces", " 68 ", true},
		{"Meurthe-et-Moselle", "54", false},
		{"Paris", "75", false},
		{"Vosges", "88", false},
		{"empty", "", false},
		{"postcode is not a département", "57000", false},
		{"Guadeloupe", "971", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsAlsaceMoselle(tt.dep); got != tt.want {
				t.Errorf("IsAlsaceMoselle(%q) = %v, want %v", tt.dep, got, tt.want)
			}
		})
	}
}

func TestEaster(t *testing.T) {
	tests := []struct {
		name string
		year int
		want string
	}{
		{"2024", 2024, "2024-03-31"},
		{"2025", 2025, "2025-04-20"},
		{"2026", 2026, "2026-04-05"},
		{"2027", 2027, "2027-03-28"},
		{"2028", 2028, "2028-04-16"},
		{"2029", 2029, "2029-04-01"},
		{"2030", 2030, "2030-04-21"},
		{"first Gregorian year", 1583, "1583-04-10"},
		{"earliest possible (1818)", 1818, "1818-03-22"},
		{"earliest possible (2285)", 2285, "2285-03-22"},
		{"latest possible (1943)", 1943, "1943-04-25"},
		{"latest possible (2038)", 2038, "2038-04-25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Easter(tt.year); got != d(tt.want) {
				t.Errorf("Easter(%d) = %v, want %s", tt.year, got, tt.want)
			}
		})
	}
}

// TestEasterRange checks every Gregorian year up to 4099 gives a Sunday
// between 22 March and 25 April, the computus's bounds.
func TestEasterRange(t *testing.T) {
	for y := 1583; y <= 4099; y++ {
		e := Easter(y)
		if e.Weekday() != time.Sunday || e.Before(civil.New(y, time.March, 22)) || e.After(civil.New(y, time.April, 25)) {
			t.Fatalf("Easter(%d) = %v (%v), want a Sunday in 22 March–25 April", y, e, e.Weekday())
		}
	}
}

type named struct {
	date string
	name string
}

var national2025 = []named{
	{"2025-01-01", "Jour de l'An"},
	{"2025-04-21", "Lundi de Pâques"},
	{"2025-05-01", "Fête du Travail"},
	{"2025-05-08", "Victoire 1945"},
	{"2025-05-29", "Ascension"},
	{"2025-06-09", "Lundi de Pentecôte"},
	{"2025-07-14", "Fête nationale"},
	{"2025-08-15", "Assomption"},
	{"2025-11-01", "Toussaint"},
	{"2025-11-11", "Armistice 1918"},
	{"2025-12-25", "Noël"},
}

var national2026 = []named{
	{"2026-01-01", "Jour de l'An"},
	{"2026-04-06", "Lundi de Pâques"},
	{"2026-05-01", "Fête du Travail"},
	{"2026-05-08", "Victoire 1945"},
	{"2026-05-14", "Ascension"},
	{"2026-05-25", "Lundi de Pentecôte"},
	{"2026-07-14", "Fête nationale"},
	{"2026-08-15", "Assomption"},
	{"2026-11-01", "Toussaint"},
	{"2026-11-11", "Armistice 1918"},
	{"2026-12-25", "Noël"},
}

// withLocal returns list plus extra, sorted by date.
func withLocal(list []named, extra ...named) []named {
	out := append(slices.Clone(list), extra...)
	slices.SortFunc(out, func(a, b named) int { return d(a.date).Compare(d(b.date)) })
	return out
}

func TestHolidays(t *testing.T) {
	tests := []struct {
		name string
		year int
		dep  string // "" uses the bool API with alsaceMoselle false
		want []named
	}{
		{"national 2025", 2025, "", national2025},
		{"national 2026", 2026, "", national2026},
		{"Alsace-Moselle 2025", 2025, "67", withLocal(national2025,
			named{"2025-04-18", "Vendredi saint"}, named{"2025-12-26", "Saint-Étienne"})},
		{"Alsace-Moselle 2026", 2026, "57", withLocal(national2026,
			named{"2026-04-03", "Vendredi saint"}, named{"2026-12-26", "Saint-Étienne"})},
		{"Guadeloupe 2026", 2026, "971", withLocal(national2026, named{"2026-05-27", abolition})},
		{"Martinique 2026", 2026, "972", withLocal(national2026, named{"2026-05-22", abolition})},
		{"Guyane 2026", 2026, "973", withLocal(national2026, named{"2026-06-10", abolition})},
		{"La Réunion 2026", 2026, "974", withLocal(national2026, named{"2026-12-20", abolition})},
		{"Mayotte 2026", 2026, "976", withLocal(national2026, named{"2026-04-27", abolition})},
		{"Saint-Pierre-et-Miquelon has the national list", 2026, "975", national2026},
		{"Paris has the national list", 2026, "75", national2026},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []civil.Date
			name := func(day civil.Date) string { return HolidayName(day, false) }
			if tt.dep == "" {
				got = Holidays(tt.year, false)
			} else {
				got = HolidaysFor(tt.year, tt.dep)
				name = func(day civil.Date) string { return HolidayNameFor(day, tt.dep) }
			}
			var want []civil.Date
			for _, h := range tt.want {
				want = append(want, d(h.date))
			}
			if !slices.Equal(got, want) {
				t.Fatalf("holidays = %v, want %v", got, want)
			}
			for _, h := range tt.want {
				if n := name(d(h.date)); n != h.name {
					t.Errorf("name of %s = %q, want %q", h.date, n, h.name)
				}
			}
		})
	}
}

func TestHolidaysBoolMatchesDepartement(t *testing.T) {
	for y := 2020; y <= 2035; y++ {
		if got, want := Holidays(y, true), HolidaysFor(y, "68"); !slices.Equal(got, want) {
			t.Errorf("%d: Holidays(true) = %v, HolidaysFor(68) = %v", y, got, want)
		}
		if got, want := Holidays(y, false), HolidaysFor(y, "33"); !slices.Equal(got, want) {
			t.Errorf("%d: Holidays(false) = %v, HolidaysFor(33) = %v", y, got, want)
		}
	}
}

func TestHolidaysCoinciding(t *testing.T) {
	// Easter 2008 was 23 March: Ascension fell on 1 May.
	if got := len(Holidays(2008, false)); got != 10 {
		t.Errorf("len(Holidays(2008)) = %d, want 10 (Ascension = 1 May)", got)
	}
	if got, want := HolidayName(d("2008-05-01"), false), "Fête du Travail et Ascension"; got != want {
		t.Errorf("HolidayName(2008-05-01) = %q, want %q", got, want)
	}
}

func TestIsHoliday(t *testing.T) {
	tests := []struct {
		name          string
		date          string
		alsaceMoselle bool
		want          bool
		wantName      string
	}{
		{"Good Friday is worked nationally", "2025-04-18", false, false, ""},
		{"Good Friday in Alsace-Moselle", "2025-04-18", true, true, "Vendredi saint"},
		{"26 December is worked nationally", "2025-12-26", false, false, ""},
		{"26 December in Alsace-Moselle", "2025-12-26", true, true, "Saint-Étienne"},
		{"Easter Sunday is not a public holiday", "2025-04-20", false, false, ""},
		{"Whit Sunday is not a public holiday", "2025-06-08", false, false, ""},
		{"national day holds in Alsace-Moselle", "2025-07-14", true, true, "Fête nationale"},
		{"day before New Year", "2025-12-31", true, false, ""},
		{"New Year", "2026-01-01", false, true, "Jour de l'An"},
		{"outside the cached years, Christmas", "2300-12-25", false, true, "Noël"},
		{"outside the cached years, Easter Monday", "1900-04-16", false, true, "Lundi de Pâques"},
		{"outside the cached years, ordinary day", "2300-12-24", true, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsHoliday(d(tt.date), tt.alsaceMoselle); got != tt.want {
				t.Errorf("IsHoliday(%s, %v) = %v, want %v", tt.date, tt.alsaceMoselle, got, tt.want)
			}
			if got := HolidayName(d(tt.date), tt.alsaceMoselle); got != tt.wantName {
				t.Errorf("HolidayName(%s, %v) = %q, want %q", tt.date, tt.alsaceMoselle, got, tt.wantName)
			}
		})
	}
}

// TestCacheMatchesComputation compares the bitsets with the rules over the
// cached years and one year on each side.
func TestCacheMatchesComputation(t *testing.T) {
	for r := range numRegions {
		for y := cacheFirstYear - 1; y <= cacheLastYear+1; y++ {
			want := holidayDays(y, r)
			first, end := days(civil.New(y, time.January, 1)), days(civil.New(y+1, time.January, 1))
			for dn := first; dn < end; dn++ {
				if got := isHoliday(dn, r); got != slices.Contains(want, dn) {
					t.Fatalf("region %d, %v: isHoliday = %v, rules say %v", r, date(dn), got, !got)
				}
			}
		}
	}
}

func TestIsJourOuvrable(t *testing.T) {
	tests := []struct {
		name          string
		date          string
		alsaceMoselle bool
		want          bool
	}{
		{"Monday", "2025-09-01", false, true},
		{"Saturday", "2025-09-06", false, true},
		{"Sunday", "2025-09-07", false, false},
		{"holiday on a weekday", "2025-11-11", false, false},
		{"holiday on a Saturday", "2026-08-15", false, false},
		{"Good Friday, national", "2026-04-03", false, true},
		{"Good Friday, Alsace-Moselle", "2026-04-03", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsJourOuvrable(d(tt.date), tt.alsaceMoselle); got != tt.want {
				t.Errorf("IsJourOuvrable(%s, %v) = %v, want %v", tt.date, tt.alsaceMoselle, got, tt.want)
			}
		})
	}
}

func TestIsJourOuvrableFor(t *testing.T) {
	tests := []struct {
		name string
		date string
		dep  string
		want bool
	}{
		{"abolition day in Martinique", "2025-05-22", "972", false},
		{"same day in Guadeloupe", "2025-05-22", "971", true},
		{"same day in Alsace", "2025-05-22", "67", true},
		{"26 December in Moselle", "2025-12-26", "057", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsJourOuvrableFor(d(tt.date), tt.dep); got != tt.want {
				t.Errorf("IsJourOuvrableFor(%s, %q) = %v, want %v", tt.date, tt.dep, got, tt.want)
			}
			if got := IsHolidayFor(d(tt.date), tt.dep); got == tt.want {
				t.Errorf("IsHolidayFor(%s, %q) = %v, want %v", tt.date, tt.dep, got, !tt.want)
			}
		})
	}
}

func TestAddJoursOuvrables(t *testing.T) {
	tests := []struct {
		name          string
		from          string
		n             int
		alsaceMoselle bool
		want          string
	}{
		{"zero returns the day itself", "2025-09-07", 0, false, "2025-09-07"},
		{"one from Saturday skips Sunday", "2025-09-06", 1, false, "2025-09-08"},
		{"one from Sunday is Monday", "2025-09-07", 1, false, "2025-09-08"},
		{"Sunday skipped within five", "2025-09-03", 5, false, "2025-09-09"},
		{"across the new year", "2025-12-31", 1, false, "2026-01-02"},
		{"Christmas then Sunday, Alsace-Moselle", "2025-12-24", 1, true, "2025-12-27"},
		{"backwards over Sunday", "2025-09-08", -1, false, "2025-09-06"},
		{"backwards over Easter Monday and Good Friday", "2025-04-22", -2, true, "2025-04-17"},
		{"outside the cached years", "2300-12-24", 1, false, "2300-12-26"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AddJoursOuvrables(d(tt.from), tt.n, tt.alsaceMoselle); got != d(tt.want) {
				t.Errorf("AddJoursOuvrables(%s, %d, %v) = %v, want %s", tt.from, tt.n, tt.alsaceMoselle, got, tt.want)
			}
		})
	}
}

func TestAddJoursOuvrablesFor(t *testing.T) {
	tests := []struct {
		name string
		from string
		n    int
		dep  string
		want string
	}{
		{"Réunion: 20 December skipped", "2025-12-15", 5, "974", "2025-12-22"},
		{"metropolitan France: 20 December counts", "2025-12-15", 5, "33", "2025-12-20"},
		{"Mayotte: Sunday then 27 April skipped", "2026-04-25", 1, "976", "2026-04-28"},
		{"metropolitan France: 27 April counts", "2026-04-25", 1, "75", "2026-04-27"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AddJoursOuvrablesFor(d(tt.from), tt.n, tt.dep); got != d(tt.want) {
				t.Errorf("AddJoursOuvrablesFor(%s, %d, %q) = %v, want %s", tt.from, tt.n, tt.dep, got, tt.want)
			}
		})
	}
}

// FuzzAddJoursOuvrables checks that the nth jour ouvrable is one, that exactly
// n jours ouvrables lie in (d, result], and that the result grows with n and d.
func FuzzAddJoursOuvrables(f *testing.F) {
	f.Add(2025, 4, 17, 5, "67")
	f.Add(2025, 12, 22, 5, "57")
	f.Add(2025, 12, 15, 5, "974")
	f.Add(2008, 4, 30, 1, "75")
	f.Add(2149, 12, 30, 7, "")
	f.Add(1, 1, 1, 3, "971")
	f.Fuzz(func(t *testing.T, y, m, day, n int, dep string) {
		from := date(days(civil.New(1+abs(y)%9999, time.Month(1+abs(m)%12), 1+abs(day)%31)))
		n = 1 + abs(n)%60
		got := AddJoursOuvrablesFor(from, n, dep)
		if !got.After(from) {
			t.Fatalf("AddJoursOuvrablesFor(%v, %d, %q) = %v, not after the start", from, n, dep, got)
		}
		if got.Weekday() == time.Sunday || IsHolidayFor(got, dep) {
			t.Fatalf("AddJoursOuvrablesFor(%v, %d, %q) = %v, a %v (holiday %q)", from, n, dep, got, got.Weekday(), HolidayNameFor(got, dep))
		}
		count := 0
		for c := from.AddDays(1); !c.After(got); c = c.AddDays(1) {
			if c.Weekday() != time.Sunday && !IsHolidayFor(c, dep) {
				count++
			}
		}
		if count != n {
			t.Fatalf("AddJoursOuvrablesFor(%v, %d, %q) = %v, with %d jours ouvrables in between", from, n, dep, got, count)
		}
		if next := AddJoursOuvrablesFor(from, n+1, dep); !next.After(got) {
			t.Fatalf("not increasing in n: %d → %v, %d → %v", n, got, n+1, next)
		}
		if later := AddJoursOuvrablesFor(from.AddDays(1), n, dep); later.Before(got) {
			t.Fatalf("not monotonic in the start: %v → %v, %v → %v", from, got, from.AddDays(1), later)
		}
		if back := AddJoursOuvrablesFor(got, -n, dep); back.After(from) {
			t.Fatalf("going back %d from %v gives %v, after the start %v", n, got, back, from)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -(n + 1) // never overflows for math.MinInt
	}
	return n
}

// TestConcurrentFirstUse builds the tables from many goroutines at once; run
// with -race.
func TestConcurrentFirstUse(t *testing.T) {
	saved := tables
	tables = newTables()
	defer func() { tables = saved }()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			dep := []string{"75", "57", "971", "974"}[i%4]
			if got := TransmissionDeadline(d("2025-04-17"), dep, Ouvrables); got != d("2025-04-24") && got != d("2025-04-25") {
				t.Errorf("TransmissionDeadline(2025-04-17, %q) = %v", dep, got)
			}
		})
	}
	wg.Wait()
}

func TestDayNumbers(t *testing.T) {
	start := time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)
	first := days(civil.New(1, time.January, 1))
	for i := 0; i < 3_700_000; i += 37 { // every 37th day up to year ~10100
		tm := start.AddDate(0, 0, i)
		want := civil.Of(tm)
		if got := date(first + i); got != want {
			t.Fatalf("date(%d) = %v, want %v", first+i, got, want)
		}
		if got := days(want) - first; got != i {
			t.Fatalf("days(%v) = %d, want %d", want, got, i)
		}
		if got := weekday(first + i); got != tm.Weekday() {
			t.Fatalf("weekday(%v) = %v, want %v", want, got, tm.Weekday())
		}
	}
}

func TestDaysRollsOver(t *testing.T) {
	tests := []struct {
		name string
		in   civil.Date
		want string
	}{
		{"epoch", civil.New(1970, time.January, 1), "1970-01-01"},
		{"30 February", civil.New(2025, time.February, 30), "2025-03-02"},
		{"29 February of a leap year", civil.New(2028, time.February, 29), "2028-02-29"},
		{"month 13", civil.New(2025, 13, 1), "2026-01-01"},
		{"month 0", civil.New(2025, 0, 1), "2024-12-01"},
		{"day 0", civil.New(2025, time.March, 0), "2025-02-28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := date(days(tt.in)); got != d(tt.want) {
				t.Errorf("date(days(%+v)) = %v, want %s", tt.in, got, tt.want)
			}
		})
	}
}
