package rules

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/ident"
	"cerfadesk/internal/domaincases"
)

// The fixtures rows start from: testdata/domain/<name>.json.
const (
	app   = "apprentissage-base"
	pro   = "professionnalisation-base"
	app16 = "apprentissage-minor16"
	pro16 = "professionnalisation-minor16"
)

// testToday is the default check date: before the bases' transmission
// deadline (2025-09-06), so that SYN-DEADLINE stays quiet.
var testToday = civil.MustParse("2025-08-28")

var (
	fixtureMu    sync.Mutex
	fixtureBytes = map[string][]byte{}
)

// fixtureJSON returns the bytes of testdata/domain/<name>.json.
func fixtureJSON(t testing.TB, name string) []byte {
	t.Helper()
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	if b, ok := fixtureBytes[name]; ok {
		return b
	}
	b, err := os.ReadFile(filepath.Join(domaincases.Dir(), name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	fixtureBytes[name] = b
	return b
}

// fixture decodes a fresh copy of testdata/domain/<name>.json.
func fixture(t testing.TB, name string) *contract.Contract {
	t.Helper()
	c, err := contract.Decode(fixtureJSON(t, name))
	if err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return c
}

// base decodes the base contract of a kind.
func base(t testing.TB, kind contract.Kind) *contract.Contract {
	t.Helper()
	if kind == contract.Professionnalisation {
		return fixture(t, pro)
	}
	return fixture(t, app)
}

// row is one table-test case: a mutation of a fixture and the findings it
// must produce.
type row struct {
	name  string
	from  string // fixture; the table's default when empty
	mut   func(c *contract.Contract)
	today string // check date; testToday when empty
	opt   func(o *Options)
	// want lists the findings of the rule under test as "SEV field", on the
	// rule's tab; empty means the rule must not fire.
	want []string
	// also lists every other finding the row produces, as "RULE SEV field";
	// empty means none.
	also []string
}

// coverage records, per rule, whether a row saw it fire and a row saw it
// stay quiet; TestMain checks every catalogue rule got both.
var coverage = struct {
	sync.Mutex
	fired, quiet map[string]bool
}{fired: map[string]bool{}, quiet: map[string]bool{}}

// runRule runs rows against rule, expected on tab, starting from fixture
// from unless a row names another.
func runRule(t *testing.T, rule, tab, from string, rows []row) {
	t.Helper()
	for _, r := range rows {
		name := "quiet/"
		if len(r.want) > 0 {
			name = "fires/"
		}
		t.Run(name+r.name, func(t *testing.T) {
			t.Helper()
			src := r.from
			if src == "" {
				src = from
			}
			c := fixture(t, src)
			if r.mut != nil {
				r.mut(c)
			}
			opt := Options{Today: testToday}
			if r.today != "" {
				opt.Today = civil.MustParse(r.today)
			}
			if r.opt != nil {
				r.opt(&opt)
			}
			res := Validate(c, opt)
			var got, others []string
			for _, f := range res.Findings {
				if f.Rule != rule {
					others = append(others, f.Rule+" "+string(f.Severity)+" "+f.Field)
					continue
				}
				k := string(f.Severity) + " " + f.Field
				if f.Tab != tab {
					k += " (tab " + f.Tab + ")"
				}
				got = append(got, k)
				if strings.TrimSpace(f.Message) == "" {
					t.Errorf("%s %s: empty message", rule, f.Field)
				}
			}
			if !sameSet(got, r.want) {
				t.Errorf("%s on %q: got %s, want %s", rule, r.name, list(got), list(r.want))
			}
			if !sameSet(others, r.also) {
				t.Errorf("%s on %q: other findings got %s, want %s", rule, r.name, list(others), list(r.also))
				for _, f := range res.Findings {
					if f.Rule != rule {
						t.Logf("  %s %s %s: %s", f.Rule, f.Severity, f.Field, f.Message)
					}
				}
			}
			coverage.Lock()
			if len(r.want) > 0 {
				coverage.fired[rule] = true
			} else {
				coverage.quiet[rule] = true
			}
			coverage.Unlock()
		})
	}
}

func sameSet(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	g := append([]string(nil), got...)
	w := append([]string(nil), want...)
	sort.Strings(g)
	sort.Strings(w)
	for i := range g {
		if g[i] != w[i] {
			return false
		}
	}
	return true
}

func list(s []string) string {
	if len(s) == 0 {
		return "nothing"
	}
	c := append([]string(nil), s...)
	sort.Strings(c)
	return "[" + strings.Join(c, "; ") + "]"
}

// Shorthands for mutations.
func d(s string) civil.Date { return civil.MustParse(s) }

func ip(v int) *int { return &v }

func bp(v bool) *bool { return &v }

func cents(v int64) *contract.Money { m := contract.Money(v); return &m }

func pct(v int) *contract.Percent { p := contract.PercentOf(v); return &p }

// catalogue lists every rule ID of both catalogues (apprentissage.md §B.3,
// professionnalisation.md §3.3) with the ones no offline table row can make
// fire (online referentials without data).
var catalogue = []string{
	// Introduction
	"INT-FORM-TYPE", "INT-PRIVPUB-REQ", "INT-MODE-REQ", "INT-MODE-PUBLIC", "INT-MODE-SPEC", "INT-TYPE-REQ",
	"INT-PREV-REQ", "INT-PREV-SUCC", "INT-PREV-NONE", "INT-PREV-FMT", "INT-AVT-DATE-REQ", "INT-AVT-DATE-RANGE",
	"INT-AVT-TYPE",
	"INT-DEROG-CODE", "INT-DEROG-11", "INT-DEROG-12", "INT-DEROG-NEED-11", "INT-DEROG-NEED-12", "INT-DEROG-DUREE",
	"INT-TYPE11-AGE", "INT-TYPE-SITU",
	"INT-PRO-FOREIGN", "INT-PRO-TYPE-REQ", "INT-PRO-NATURE-REQ", "INT-PRO-PREV-REQ", "INT-PRO-PREV-NONE",
	"INT-PRO-PREV-FMT", "INT-PRO-RENOUV-CDI", "INT-PRO-TYPE12", "INT-PRO-TYPE-SITU",
	// Employeur
	"EMP-DENOM-REQ", "EMP-SIRET-REQ", "EMP-SIRET-FMT", "EMP-SIRET-LUHN", "EMP-SIRET-ACTIVE", "EMP-ADR-REQ",
	"EMP-ADR-NUM", "EMP-ADR-REP", "EMP-CP-FMT", "EMP-CP-GEO", "EMP-TEL-REQ", "EMP-TEL-FMT", "EMP-MAIL-REQ",
	"EMP-MAIL-FMT", "EMP-TYPE-REQ", "EMP-TYPE-SECTOR", "EMP-SPEC", "EMP-NAF-REQ", "EMP-NAF-FMT", "EMP-NAF-EXISTS",
	"EMP-EFF-REQ", "EMP-EFF-RANGE", "EMP-IDCC-REQ", "EMP-IDCC-FMT", "EMP-IDCC-KNOWN", "EMP-REGSPEC", "EMP-MSA",
	"EMP-CAISSE-REQ", "EMP-PRO-PUBLIC", "EMP-PRO-PARTICULIER", "EMP-PRO-SPEC",
	// Salarié
	"SAL-NOM-REQ", "SAL-NOM-FMT", "SAL-DDN-REQ", "SAL-DDN-FUTURE", "SAL-SEXE-REQ", "SAL-NAISS-REQ", "SAL-NAISS-FMT",
	"SAL-NIR-FMT", "SAL-NIR-KEY", "SAL-NIR-SEXE", "SAL-NIR-ANNEE", "SAL-NIR-MOIS", "SAL-NIR-DEPT", "SAL-NIR-MISSING",
	"SAL-NAT-REQ", "SAL-NAT-3", "SAL-NAT-3-MAJ", "SAL-REGIME-REQ", "SAL-ADR-REQ", "SAL-ADR-CP", "SAL-ADR-TEL",
	"SAL-ADR-MAIL", "SAL-DECL-REQ", "SAL-HANDICAP-SUB", "SAL-SCOL-REQ", "SAL-AGE-MIN", "SAL-AGE-15", "SAL-AGE-MAX",
	"SAL-AGE-35", "SAL-MINEUR", "SAL-EMANCIP", "SAL-RL-REQ", "SAL-RL-EMPTY",
	"SAL-PRO-SCOL-REQ", "SAL-PRO-AGE-MIN", "SAL-PRO-MINSOC", "SAL-PRO-FT-REQ", "SAL-PRO-FT-FMT", "SAL-PRO-PUBLIC",
	"SAL-PRO-PUBLIC-26",
	// Tuteur
	"TUT-MA1-REQ", "TUT-DDN-FUTURE", "TUT-MAJEUR", "TUT-MA2-ALL", "TUT-NOT-APPRENTI", "TUT-MA1-NE-MA2", "TUT-ATTEST",
	"TUT-NIVEAU", "TUT-MAIL", "TUT-QUOTA", "TUT-PRO-REQ", "TUT-PRO-MAJEUR", "TUT-PRO-EXPERIENCE", "TUT-PRO-CAPACITE",
	"TUT-PRO-UTILISATRICE",
	// Contrat
	"CTR-DATES-REQ", "CTR-CONCL-LE-DEBUT", "CTR-CONCL-AVT", "CTR-FIN-GT-DEBUT", "CTR-DUREE-MIN", "CTR-DUREE-MAX",
	"CTR-PRATIQUE-RANGE", "CTR-HEURES-REQ", "CTR-HEURES-RANGE", "CTR-HEURES-MINEUR", "CTR-HEURES-35", "CTR-HEURES-LOW",
	"CTR-RISQUE-REQ", "CTR-RISQUE-MINEUR", "CTR-REMU-PRESENT", "CTR-REMU-MIN", "CTR-REMU-TYPE", "CTR-REMU-MAX",
	"CTR-SAL-EMB", "CTR-AVANTAGES", "CTR-LIEU-REQ", "CTR-AVT33-TAUX",
	"CTR-PRO-DATES-REQ", "CTR-PRO-CDI-ACTION", "CTR-PRO-CDI-DEBUT", "CTR-PRO-CDD-ACTION", "CTR-PRO-DUREE",
	"CTR-PRO-DUREE-36", "CTR-PRO-DUREE-24", "CTR-PRO-ESSAI", "CTR-PRO-EMPLOI-REQ", "CTR-PRO-HEURES-RANGE",
	"CTR-PRO-TEMPS-PARTIEL", "CTR-PRO-REMU-MIN", "CTR-PRO-REMU-SMC", "CTR-PRO-REMU-49",
	// Formation
	"FOR-CFA-REQ", "FOR-CFA-SIRET", "FOR-CFA-UAI", "FOR-LIEU-REQ", "FOR-DIPL-REQ", "FOR-CFD-FMT", "FOR-RNCP-FMT",
	"FOR-RNCP-ACTIVE", "FOR-TYPE-VS-CFD", "FOR-DATES-REQ", "FOR-DEBUT-RANGE", "FOR-DEBUT-CONCL", "FOR-FIN-GT-DEBUT",
	"FOR-CYCLE-LEN", "FOR-FIN-IN-CONTRAT", "FOR-FIN-MARGIN", "FOR-HEURES-REQ", "FOR-QUOTITE", "FOR-DISTANCE",
	"FOR-PRO-OF-REQ", "FOR-PRO-NDA", "FOR-PRO-QUALIOPI", "FOR-PRO-QUALIF-REQ", "FOR-PRO-QUALIF-CLOSED",
	"FOR-PRO-RNCP-REQ", "FOR-PRO-NSF", "FOR-PRO-DEBUT-RANGE", "FOR-PRO-FIN-RANGE", "FOR-PRO-150H", "FOR-PRO-QUOTITE",
	"FOR-PRO-ENSEIGNEMENTS",
	// Documents
	"DOC-CONV-FORM", "DOC-ANNEXE-PF", "DOC-CONV-AMEN", "DOC-MOBILITE", "DOC-ATTEST", "DOC-FILE",
	"DOC-PRO-CONVENTION", "DOC-PRO-ANNEXE",
	// Synthèse (SYN-BLOCK is the UI's reading of Result.Valid, not a finding)
	"SYN-DEADLINE", "SYN-OPCO-DELAY",
	// Every bounded free-text field of the table
	"CHAMP-LONGUEUR",
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	// The coverage check only means something on a full, unfiltered run.
	if code == 0 && flag.Lookup("test.run").Value.String() == "" && !testing.Short() {
		var missing []string
		for _, id := range catalogue {
			if !coverage.fired[id] {
				missing = append(missing, id+" (no firing row)")
			}
			if !coverage.quiet[id] {
				missing = append(missing, id+" (no quiet row)")
			}
		}
		if len(missing) > 0 {
			fmt.Fprintf(os.Stderr, "rule coverage: %d gaps:\n  %s\n", len(missing), strings.Join(missing, "\n  "))
			code = 1
		}
	}
	os.Exit(code)
}

// born sets the birth date and rewrites the NIR's year, month and key to
// match it, so that moving an age does not trip the NIR coherence rules.
func born(c *contract.Contract, date string) {
	b := civil.MustParse(date)
	c.Apprenti.DateNaissance = b
	n := []byte(c.Apprenti.Nir)
	if len(n) != 15 {
		return
	}
	copy(n[1:5], fmt.Sprintf("%02d%02d", b.Year%100, int(b.Month)))
	key, _ := ident.NIRKey(string(n[:13]))
	copy(n[13:], fmt.Sprintf("%02d", key))
	c.Apprenti.Nir = string(n)
}

// noPay clears the remuneration lines and the hiring salary, which the app
// then derives: for rows that move the age band.
func noPay(c *contract.Contract) {
	c.Contrat.RemunerationsAnnuelles = nil
	c.Contrat.SalaireEmbauche = nil
}

// publicApp turns the apprenticeship base into a public employer's contract.
func publicApp(c *contract.Contract) {
	c.Employeur.PrivePublic = "public"
	c.Employeur.TypeEmployeur = ip(22)
	c.Employeur.RegimeSpecifique = bp(false)
}

// avenant makes the contract an avenant of the given type with a valid
// previous number and date d'effet.
func avenant(c *contract.Contract, typ int, effet string) {
	if c.TypeFormulaire == contract.Professionnalisation {
		c.Contrat.TypeContratPro = ip(typ)
	} else {
		c.Contrat.TypeContratApp = ip(typ)
	}
	c.Contrat.NumeroContratPrecedent = "069202409NC0123"
	c.Contrat.DateEffetAvenant = civil.MustParse(effet)
}

// successive makes an apprenticeship contract a successive one (type 21–23)
// after an apprenticeship, with the previous number.
func successive(c *contract.Contract, typ int) {
	c.Contrat.TypeContratApp = ip(typ)
	c.Contrat.NumeroContratPrecedent = "069202409NC0123"
	c.Apprenti.SituationAvantContrat = ip(4)
}

// cdi turns the pro base into a CDI whose action covers the former CDD.
func cdi(c *contract.Contract) {
	c.Contrat.NatureContrat = "CDI"
	c.Contrat.DateDebutActionPro = c.Contrat.DateDebutContrat
	c.Contrat.DateFinActionPro = c.Contrat.DateFinContrat
	c.Contrat.DateFinContrat = civil.Date{}
}

// fakeRef is a Referential with fixed answers, every question known.
type fakeRef struct {
	communes map[string][]string // postcode → its communes
	depts    map[string]string   // postcode → département
	idcc     map[string]string   // code → "" in force, "old" abrogated, or the replacing code
	naf      map[string]string   // code → "rev2" or "2025"
	sirets   map[string]bool     // SIRET → active
	rncps    map[string]bool     // RNCP → active
}

func (f fakeRef) Postcode(cp, commune string) (bool, bool, []string, bool) {
	names, ok := f.communes[cp]
	if !ok {
		return false, false, nil, true
	}
	for _, n := range names {
		if strings.EqualFold(n, strings.TrimSpace(commune)) {
			return true, true, names, true
		}
	}
	return true, false, names, true
}

func (f fakeRef) DeptRegion(cp string) (string, string, bool) {
	d, ok := f.depts[cp]
	return d, "", ok
}

func (f fakeRef) IDCC(code string) (bool, bool, string, bool) {
	v, ok := f.idcc[code]
	switch {
	case !ok:
		return false, false, "", true
	case v == "":
		return true, true, "", true
	case v == "old":
		return true, false, "", true
	}
	return true, false, v, true
}

func (f fakeRef) NAF(code string) (bool, bool, bool) {
	v, ok := f.naf[code]
	return ok && v == "rev2", ok, true
}

func (f fakeRef) SIRET(s string) (bool, bool, bool) {
	active, ok := f.sirets[s]
	return ok, active, true
}

func (f fakeRef) RNCP(code string) (bool, bool, bool) {
	active, ok := f.rncps[code]
	return ok, active, true
}

// knownRef answers for the fixtures' data: every base contract is clean
// with it.
var knownRef = fakeRef{
	communes: map[string][]string{"69003": {"LYON"}, "69007": {"LYON"}, "44000": {"NANTES"}, "44300": {"NANTES"}, "75015": {"PARIS"}, "57000": {"METZ"}},
	depts:    map[string]string{"69003": "69", "69007": "69", "44000": "44", "44300": "44", "75015": "75", "57000": "57", "97600": "976"},
	idcc:     map[string]string{"1483": "", "1606": "", "0016": "old", "0044": "1234"},
	naf:      map[string]string{"47.71Z": "rev2", "47.52A": "rev2", "43.21A": "rev2", "47.13Y": "2025"},
	sirets:   map[string]bool{"83475962300012": true, "53914862700026": true, "91827364000014": true, "80264137300013": true, "73282932000009": false},
	rncps:    map[string]bool{"RNCP38362": true, "RNCP37098": true, "RNCP38000": true, "RNCP12345": false},
}

func withRef(o *Options) { o.Referential = knownRef }

// nir completes 13 characters with their key.
func nir(first13 string) string {
	key, ok := ident.NIRKey(first13)
	if !ok {
		panic("bad NIR body " + first13)
	}
	return first13 + fmt.Sprintf("%02d", key)
}
