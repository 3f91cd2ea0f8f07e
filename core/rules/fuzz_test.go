package rules

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/internal/domaincases"
)

// FuzzValidate feeds arbitrary documents through the importer and, when they
// decode, through every rule: Validate must never panic nor hang, and its
// findings must be well formed whatever the input. The seeds are 4 KB
// documents: run it with a short -fuzzminimizetime (e.g. 2s), or the workers
// spend the default minute minimizing each new input.
func FuzzValidate(f *testing.F) {
	for _, name := range []string{app, pro, app16, pro16} {
		raw := fixtureJSON(f, name)
		f.Add(raw, uint16(240), uint8(0))
		// Mutations that reach the edges of the date and pay arithmetic.
		for _, m := range [][2]string{
			{`"2025-09-01"`, `"0001-01-01"`},
			{`"2025-09-01"`, `"9999-12-31"`},
			{`"2027-08-31"`, `"2025-08-31"`},
			{`"2026-08-31"`, `""`},
			{`"2006-05-14"`, `"2025-09-01"`},
			{`"2006-03-17"`, `"1900-02-29"`},
			{`"dateNaissance": "2009-09-01"`, `"dateNaissance": "2024-02-29"`},
			{`"dureeTravailHebdoHeures": 35`, `"dureeTravailHebdoHeures": -2147483648`},
			{`"dureeTravailHebdoMinutes": 0`, `"dureeTravailHebdoMinutes": 9223372036854775807`},
			{`"dureeFormation": 1350`, `"dureeFormation": 0`},
			{`"dureeFormation": 350`, `"dureeFormation": -9223372036854775808`},
			{`"smc": null`, `"smc": 999999999999999.99`},
			{`"smc": null`, `"smc": -1`},
			{`"taux": 43`, `"taux": -99999999999`},
			{`"taux": 55`, `"taux": null`},
			{`"remunerationsAnnuelles": null`, `"remunerationsAnnuelles": [{}]`},
			{`"remunerationsAnnuelles": [`, `"remunerationsAnnuelles": [{"ordre": "", "dateDebut": "2030-01-01", "dateFin": "2020-01-01"},`},
			{`"typeContratApp": 11`, `"typeContratApp": 33, "tauxContratPrecedent": 2147483647`},
			{`"typeContratPro": 11`, `"typeContratPro": 30`},
			{`"natureContrat": "CDD"`, `"natureContrat": "CDI"`},
			{`"nir": "106056938304515"`, `"nir": "1 06 05 2A 383 045 15"`},
			{`"maitre2": null`, `"maitre2": {}`},
			{`"tuteur": {`, `"tuteurEntrepriseUtilisatrice": {}, "tuteur": {`},
			{`"responsableLegal": null`, `"responsableLegal": {"memeAdresse": false}`},
			{`"etablissementFormation": {`, `"etablissementFormation": {"adresse": null, `},
			{`"codePostal": "69003"`, `"codePostal": "97600"`},
			{`"typeFormulaire": "APPRENTISSAGE"`, `"typeFormulaire": "PROFESSIONNALISATION"`},
			{`"typeFormulaire": "PROFESSIONNALISATION"`, `"typeFormulaire": "APPRENTISSAGE"`},
			{`"documents": [`, `"depot": {"dateReception": "2025-09-02"}, "documents": [{}, `},
		} {
			if mutated := bytes.Replace(raw, []byte(m[0]), []byte(m[1]), 1); !bytes.Equal(mutated, raw) {
				f.Add(mutated, uint16(300), uint8(1))
			}
		}
	}
	if cases, err := domaincases.Load(); err == nil {
		for i, ec := range cases {
			f.Add(ec.JSON, uint16(i*37), uint8(i))
		}
	}
	f.Add([]byte(`{}`), uint16(0), uint8(0))
	f.Add([]byte(`{"typeFormulaire": "APPRENTISSAGE"}`), uint16(0), uint8(3))
	f.Add([]byte(`{"typeFormulaire": "PROFESSIONNALISATION", "contrat": {"natureContrat": "CDI"}}`), uint16(0), uint8(3))

	epoch := civil.MustParse("2024-01-01")
	f.Fuzz(func(t *testing.T, data []byte, day uint16, flags uint8) {
		// A hang is a bug too: turn it into a crasher the fuzzer keeps.
		watchdog := time.AfterFunc(5*time.Second, func() {
			panic(fmt.Sprintf("hangs on %q (day %d, flags %d)", data, day, flags))
		})
		defer watchdog.Stop()
		c, err := contract.Decode(data)
		if err != nil {
			return
		}
		opt := Options{Today: epoch.AddDays(int(day)), Transmitted: flags&1 != 0, SkipDeadline: flags&2 != 0}
		if flags&4 != 0 {
			opt.Referential = knownRef
		}
		if flags&8 != 0 {
			opt.MaitreContracts = func(string, string, civil.Date) int { return int(flags >> 4) }
		}
		if flags&16 != 0 {
			opt.Today = civil.Date{}
		}
		res := Validate(c, opt)
		valid := true
		for _, fd := range res.Findings {
			switch fd.Severity {
			case Error:
				valid = false
			case Warning, Info:
			default:
				t.Fatalf("finding %+v: severity %q", fd, fd.Severity)
			}
			if fd.Rule == "" || fd.Field == "" || fd.Message == "" {
				t.Fatalf("incomplete finding %+v", fd)
			}
			known := false
			for _, tab := range Tabs {
				known = known || tab == fd.Tab
			}
			if !known {
				t.Fatalf("finding %+v: unknown tab", fd)
			}
		}
		if res.Valid() != valid {
			t.Fatalf("Valid() = %v with findings %+v", res.Valid(), res.Findings)
		}
		_ = res.BlockingTabs()
	})
}
