package pdf

import (
	"strconv"
	"strings"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// nbsp keeps a number with its unit ("43 %", "774,78 €") on one line: the
// word wrap only breaks at ordinary spaces.
const nbsp = "\u00a0"

// frenchMonths are the month names used in letter dates.
var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin",
	"juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// longDate formats d as "1er décembre 2026" / "26 novembre 2026".
func longDate(d civil.Date) string {
	if d.IsZero() || d.Month < 1 || d.Month > 12 {
		return ""
	}
	day := strconv.Itoa(d.Day)
	if d.Day == 1 {
		day = "1er"
	}
	return day + " " + frenchMonths[d.Month-1] + " " + strconv.Itoa(d.Year)
}

// euros formats an amount in cents as "1 099,10 €".
func euros(m contract.Money) string {
	v := int64(m)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	var b strings.Builder
	b.WriteString(sign)
	b.WriteString(groupThousands(strconv.FormatInt(v/100, 10)))
	cents := v % 100
	b.WriteByte(',')
	b.WriteByte(byte('0' + cents/10))
	b.WriteByte(byte('0' + cents%10))
	b.WriteString(nbsp + "€")
	return b.String()
}

// groupThousands separates the thousands of a string of digits with
// non-breaking spaces.
func groupThousands(digits string) string {
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(nbsp)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// moneyPtr formats an optional amount; nil is "".
func moneyPtr(m *contract.Money) string {
	if m == nil {
		return ""
	}
	return euros(*m)
}

// percent formats a rate as "43 %" or "43,5 %".
func percent(p *contract.Percent) string {
	if p == nil {
		return ""
	}
	return p.String() + nbsp + "%"
}

// date formats a civil date as JJ/MM/AAAA; the zero date is "".
func date(d civil.Date) string { return d.French() }

// coded formats a code with its French label from list: "12 – Entreprise …".
// An unknown code is printed alone, so that nothing typed is lost.
func coded(list contract.CodeList, code string) string {
	if code == "" {
		return ""
	}
	if l := list.Label(code); l != "" {
		return code + " – " + l
	}
	return code
}

// phone formats a canonical French number (+33XXXXXXXXX) as "04 78 12 34 56";
// anything else is printed as stored.
func phone(s string) string {
	if len(s) == 12 && strings.HasPrefix(s, "+33") && allDigits(s[3:]) {
		d := "0" + s[3:]
		return d[0:2] + " " + d[2:4] + " " + d[4:6] + " " + d[6:8] + " " + d[8:10]
	}
	return s
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// numeroVoie is the "N°" of an address with its repetition index.
func numeroVoie(a *contract.Adresse) string {
	if a == nil || a.Numero == nil {
		return ""
	}
	return streetNumber(strconv.Itoa(*a.Numero), a.RepetitionVoie)
}

// streetNumber writes a number and its repetition index as in a postal
// address ("12 bis"). The Cerfa has no box for the index, so it joins the
// number in the "N°" box.
func streetNumber(numero, rep string) string {
	if numero == "" || rep == "" {
		return numero
	}
	idx := strings.ToLower(contract.RepetitionVoie.Label(rep))
	if idx == "" {
		idx = rep
	}
	return numero + " " + idx
}

// oneLineAddress writes an address for a letter's running text.
func oneLineAddress(a contract.Adresse) string {
	var parts []string
	if first := strings.TrimSpace(numeroVoie(&a) + " " + a.Voie); first != "" {
		parts = append(parts, first)
	}
	if a.Complement != "" {
		parts = append(parts, a.Complement)
	}
	if city := strings.TrimSpace(a.CodePostal + " " + a.Commune); city != "" {
		parts = append(parts, city)
	}
	return strings.Join(parts, ", ")
}

// hours formats a weekly duration as "35 heures 00 minutes".
func hours(h, m *int) string {
	if h == nil && m == nil {
		return ""
	}
	hh, mm := 0, 0
	if h != nil {
		hh = *h
	}
	if m != nil {
		mm = *m
	}
	return strconv.Itoa(hh) + nbsp + "heures " + twoDigits(mm) + nbsp + "minutes"
}

func twoDigits(n int) string {
	if n >= 0 && n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// fullName joins a first name and a name ("Lucas MARTIN").
func fullName(prenom, nom string) string {
	return strings.TrimSpace(prenom + " " + nom)
}

// yearLabel names a contract year as the Cerfa does: "1re année", "2e année".
func yearLabel(n int) string {
	if n == 1 {
		return "1re année"
	}
	return strconv.Itoa(n) + "e année"
}

// remunerationLines groups the remuneration lines by contract year ("1.1",
// "1.2" → 1re année) and writes one line per year in the Cerfa's words:
// "1re année, du 01/09/2025 au 31/08/2026 : 43 % du SMIC ; du … au … : 51 % du SMIC".
// Lines whose ordre cannot be read are appended in order, each on its own line.
func remunerationLines(rs []contract.Remuneration) []string {
	type year struct {
		n     int
		parts []string
	}
	var years []year
	var stray []string
	for _, r := range rs {
		part := "du " + dateOrBlank(r.DateDebut) + " au " + dateOrBlank(r.DateFin) + " : " + rateOf(r)
		n, ok := yearOf(r.Ordre)
		if !ok {
			stray = append(stray, part)
			continue
		}
		i := len(years) - 1
		if i < 0 || years[i].n != n {
			years = append(years, year{n: n})
			i++
		}
		years[i].parts = append(years[i].parts, part)
	}
	out := make([]string, 0, len(years)+len(stray))
	for _, y := range years {
		out = append(out, yearLabel(y.n)+", "+strings.Join(y.parts, " ; "))
	}
	return append(out, stray...)
}

func yearOf(ordre string) (int, bool) {
	head, _, _ := strings.Cut(ordre, ".")
	n, err := strconv.Atoi(head)
	return n, err == nil && n >= 1 && n <= 9
}

func dateOrBlank(d civil.Date) string {
	if d.IsZero() {
		return "…"
	}
	return d.French()
}

func rateOf(r contract.Remuneration) string {
	s := percent(r.Taux)
	if s == "" {
		s = "…" + nbsp + "%"
	}
	if r.TypeSalaire != "" {
		s += " du " + r.TypeSalaire
	}
	return s
}
