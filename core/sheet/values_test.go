package sheet

import (
	"strconv"
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "" = refused
	}{
		{"14/05/2006", "2006-05-14"},
		{"4/5/2006", "2006-05-04"},
		{"14-05-2006", "2006-05-14"},
		{"14.05.2006", "2006-05-14"},
		{"2006-05-14", "2006-05-14"},
		{"2006/05/14", "2006-05-14"},
		{"14/05/06", "2006-05-14"},
		{"14/05/98", "1998-05-14"},
		{" 01/09/2025 00:00:00 ", "2025-09-01"},
		{"2025-09-01T00:00:00", "2025-09-01"},
		{"45901", "2025-09-01"},      // Excel serial
		{"45901.5", "2025-09-01"},    // with a time
		{"61", "1900-03-01"},         // after Excel's 29 February 1900
		{"59", "1900-02-28"},         // before it
		{"1", "1900-01-01"},          //
		{"2958465", "9999-12-31"},    //
		{"60", ""},                   // 1900-02-29 never was
		{"0", ""},                    //
		{"2958466", ""},              //
		{"31/02/2025", ""},           // impossible day
		{"29/02/2024", "2024-02-29"}, // leap year
		{"29/02/2025", ""},
		{"2025-13-01", ""},
		{"14/05/206", ""},
		{"14 mai 2006", ""},
		{"", ""},
		{"-3", ""},
		{"1e5", ""},
	} {
		d, ok := ParseDate(tc.in)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tc.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestExcelSerialRoundTrip(t *testing.T) {
	for d := civil.New(1900, 3, 1); d.Year < 2100; d = d.AddDays(97) {
		s := ExcelSerial(d)
		back, ok := ParseDate(itoa(s))
		if !ok || back != d {
			t.Fatalf("%s → %d → %v", d, s, back)
		}
	}
	if got := ExcelSerial(civil.New(2025, 9, 1)); got != 45901 {
		t.Errorf("serial of 2025-09-01 = %d, want 45901 (as Excel)", got)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestParseMoney(t *testing.T) {
	for _, tc := range []struct {
		in    string
		want  string
		cents contract.Money
	}{
		{"1234.56", "1234.56", 123456},
		{"1234,56", "1234.56", 123456},
		{"1 234,56", "1234.56", 123456},
		{"1\u00a0234,56\u00a0€", "1234.56", 123456},
		{"1\u202f234,56 €", "1234.56", 123456},
		{"€ 12", "12", 1200},
		{"1.234,56", "1234.56", 123456},
		{"1,234.56", "1234.56", 123456},
		{"1.234.567", "1234567", 123456700},
		{"774.7800000000001", "774.78", 77478},
		{"12.500", "12.5", 1250},
		{"987,6", "987.6", 98760},
		{"0,5", "0.5", 50},
		{"43", "43", 4300},
		{"-2,50", "-2.5", -250},
		{"1234.56 EUR", "1234.56", 123456},
		{"1.234", "", 0}, // decimal or thousands? refused
		{"1,234", "", 0},
		{"12,34,56", "", 0},
		{"1 2,5", "12.5", 1250}, // spaces are dropped
		{"abc", "", 0},
		{"", "", 0},
		{"€", "", 0},
		{",5", "", 0},
		{"5,", "", 0},
		{"1..2", "", 0},
		{"12345,678", "", 0},
	} {
		got, cents, ok := ParseMoney(tc.in)
		if !ok {
			got = ""
		}
		if got != tc.want || (ok && cents != tc.cents) {
			t.Errorf("ParseMoney(%q) = %q, %d, %v; want %q, %d", tc.in, got, cents, ok, tc.want, tc.cents)
		}
	}
	if s := FormatMoney(123456); s != "1234,56" {
		t.Errorf("FormatMoney = %q", s)
	}
}

func TestParseYesNoAndInt(t *testing.T) {
	for in, want := range map[string]string{"oui": "oui", "OUI": "oui", "O": "oui", "vrai": "oui", "x": "oui", "X": "oui", "1": "oui",
		"true": "oui", "Cochée": "oui", "non": "non", "N": "non", "Faux": "non", "0": "non", "false": "non", "peut-être": "", "": "", "2": ""} {
		got, ok := ParseYesNo(in)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("ParseYesNo(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"12": "12", " 1 234 ": "1234", "12.0": "12", "12,00": "12", "12.5": "", "douze": "", "": "", "99999999999": ""} {
		got, ok := ParseInt(in)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("ParseInt(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseCode(t *testing.T) {
	for _, tc := range []struct {
		list contract.CodeList
		in   string
		want string
	}{
		{contract.TypeEmployeur, "12", "12"},
		{contract.TypeEmployeur, "12.0", "12"},
		{contract.TypeEmployeur, "12 – Entreprise inscrite uniquement au registre du commerce et des sociétés", "12"},
		{contract.TypeEmployeur, "12 - entreprise inscrite uniquement au registre du commerce et des societes", "12"},
		{contract.TypeEmployeur, "12 –", "12"},
		{contract.TypeEmployeur, "Association", "15"},
		{contract.TypeEmployeur, "association", "15"},
		{contract.TypeEmployeur, "12 – Association", ""}, // code and label disagree
		{contract.TypeEmployeur, "99", ""},
		{contract.DerniereClasse, "1", "01"}, // Excel dropped the zero
		{contract.DerniereClasse, "01", "01"},
		{contract.Sexe, "f", "F"},
		{contract.Sexe, "Féminin", "F"},
		{contract.Sexe, "feminin", "F"},
		{contract.PrivePublic, "privé", "prive"},
		{contract.PrivePublic, "Employeur « public »", "public"},
		{contract.NatureContrat, "cdi", "CDI"},
		{contract.RepetitionVoie, "bis", "B"},
		{contract.Sexe, "X", ""},
		{contract.Sexe, "", ""},
	} {
		got, ok := ParseCode(tc.list, tc.in)
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("ParseCode(%s, %q) = %q, want %q", tc.list.Name, tc.in, got, tc.want)
		}
	}
}

func TestParseKindAndFold(t *testing.T) {
	for in, want := range map[string]contract.Kind{"APPRENTISSAGE": contract.Apprentissage, "Contrat d’apprentissage": contract.Apprentissage,
		"FA13": contract.Apprentissage, "professionnalisation": contract.Professionnalisation, "EJ20": contract.Professionnalisation, "stage": ""} {
		if got, _ := ParseKind(in); got != want {
			t.Errorf("ParseKind(%q) = %q, want %q", in, got, want)
		}
	}
	if a, b := Fold("  Nom d’USAGE  de  l'Élève "), Fold("nom d'usage de l'eleve"); a != b {
		t.Errorf("Fold: %q != %q", a, b)
	}
	if a, b := Fold("Adresse — Voie"), Fold("adresse - voie"); a != b {
		t.Errorf("Fold dashes: %q != %q", a, b)
	}
}

func TestRepairWhatASpreadsheetTookOff(t *testing.T) {
	for _, tc := range []struct{ key, in, want string }{
		{"employeur.adresse.codePostal", "1000", "01000"},
		{"apprenti.adresse.codePostal", "69003", "69003"},
		{"apprenti.adresse.codePostal", "100", "100"}, // too short: left to the rules
		{"apprenti.departementNaissance", "1", "01"},
		{"apprenti.departementNaissance", "2A", "2A"},
		{"employeur.telephone", "478123456", "0478123456"},
		{"employeur.telephone", "33478123456", "+33478123456"},
		{"apprenti.telephone", "06 12 34 56 78", "06 12 34 56 78"},
		{"employeur.siret", "8.3475962300012E+13", "83475962300012"},
		{"employeur.siret", "8,3475962300012E+13", "83475962300012"},
		{"employeur.siret", "8.34E+13", "83400000000000"},
		{"employeur.siret", "1E+5", "1E+5"},
		{"apprenti.nom", "1000", "1000"},
	} {
		if got := Repair(tc.key, tc.in); got != tc.want {
			t.Errorf("Repair(%s, %q) = %q, want %q", tc.key, tc.in, got, tc.want)
		}
	}
}
