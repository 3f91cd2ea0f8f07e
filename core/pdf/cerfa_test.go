package pdf

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// testNow is the contract clock of the tests: 26 November 2026.
var testNow = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// loadExample decodes testdata/domain/<name>.json.
func loadExample(t testing.TB, name string) *contract.Contract {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "domain", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := contract.Decode(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return c
}

func renderCerfa(t testing.TB, c *contract.Contract, opt CerfaOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Cerfa(&buf, c, opt); err != nil {
		t.Fatalf("Cerfa: %v", err)
	}
	return buf.Bytes()
}

// sectionsOf returns the form description the PDF was drawn from.
func sectionsOf(c *contract.Contract, opt CerfaOptions) []section {
	return sections(c, opt)
}

// cerfaCases are the contracts every text test runs on: the four examples
// of the domain, two with deliberately long names and addresses, and two
// with every field of the table filled (the legal representative of the
// salarié with an address of their own).
func cerfaCases(t testing.TB) []struct {
	name string
	c    *contract.Contract
	opt  CerfaOptions
} {
	longApp := loadExample(t, "apprentissage-minor16")
	longify(longApp)
	longPro := loadExample(t, "professionnalisation-base")
	longify(longPro)
	fullApp := loadExample(t, "apprentissage-minor16")
	fillAll(fullApp)
	fullPro := loadExample(t, "professionnalisation-minor16")
	fillAll(fullPro)
	fullPro.Apprenti.ResponsableLegal.MemeAdresse = contract.Bool(false)
	fillAll(fullPro)
	return []struct {
		name string
		c    *contract.Contract
		opt  CerfaOptions
	}{
		{"apprentissage-base", loadExample(t, "apprentissage-base"), CerfaOptions{Now: testNow}},
		{"apprentissage-minor16", loadExample(t, "apprentissage-minor16"), CerfaOptions{Now: testNow, Draft: true, Remunerations: derivedMinor16()}},
		{"professionnalisation-base", loadExample(t, "professionnalisation-base"), CerfaOptions{Now: testNow}},
		{"professionnalisation-minor16", loadExample(t, "professionnalisation-minor16"), CerfaOptions{Now: testNow}},
		{"apprentissage-long", longApp, CerfaOptions{Now: testNow, Draft: true}},
		{"professionnalisation-long", longPro, CerfaOptions{Now: testNow}},
		{"apprentissage-full", fullApp, CerfaOptions{Now: testNow}},
		{"professionnalisation-full", fullPro, CerfaOptions{Now: testNow}},
	}
}

// derivedMinor16 stands for the engine's Derived.Remunerations of
// apprentissage-minor16.json, whose input leaves the lines null.
func derivedMinor16() []contract.Remuneration {
	p := func(n int) *contract.Percent { v := contract.PercentOf(n); return &v }
	m := func(c int64) *contract.Money { v := contract.Money(c); return &v }
	return []contract.Remuneration{
		{Ordre: "1.1", DateDebut: civil.MustParse("2025-09-01"), DateFin: civil.MustParse("2026-08-31"), Taux: p(27), TypeSalaire: "SMIC", SalaireBrut: m(48649)},
		{Ordre: "2.1", DateDebut: civil.MustParse("2026-09-01"), DateFin: civil.MustParse("2027-08-31"), Taux: p(39), TypeSalaire: "SMIC", SalaireBrut: m(70270)},
	}
}

// TestCerfaEveryValueAtItsLabel walks the form description and checks, in
// the text pdftotext extracts, that every filled box shows its value right
// under its printed label (and every ticked box its "X").
func TestCerfaEveryValueAtItsLabel(t *testing.T) {
	for _, tc := range cerfaCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			lt := newLayoutText(pdfText(t, renderCerfa(t, tc.c, tc.opt)))
			cv, err := newCanvas(meta{})
			if err != nil {
				t.Fatal(err)
			}
			f := &form{c: cv}
			checked, from := 0, 0
			for _, s := range sectionsOf(tc.c, tc.opt) {
				if s.title != "" {
					if from = lt.anchor(s.title, from); from < 0 {
						t.Fatalf("section %q not found", s.title)
					}
				}
				var seen []string // first label lines of the section so far
				for _, r := range s.rows {
					for _, cl := range f.layoutRow(r, marginX, contentW).cells {
						label := ""
						if len(cl.label) > 0 {
							label = cl.label[0]
						}
						nth := 0
						for _, prev := range seen {
							nth += strings.Count(prev, label)
						}
						if label != "" {
							seen = append(seen, label)
						}
						want := ""
						switch {
						case cl.f.kind == captionField:
							continue
						case cl.f.kind == choiceField:
							for _, line := range cl.choices {
								if len(line) > 0 && line[0].on && want == "" {
									want = "X " + line[0].label
								}
								for _, ch := range line {
									if ch.on && want == "" {
										want = "X " + ch.label
									}
								}
							}
						case len(cl.value) > 0:
							want = strings.ReplaceAll(cl.value[0], nbsp, " ")
						}
						if want == "" || label == "le" {
							continue
						}
						if label == "" { // a statement with its own tick box
							if lt.anchor(want, from) < 0 {
								t.Errorf("%s: %q not found", s.title, want)
							}
							checked++
							continue
						}
						if err := lt.valueUnder(from+1, label, nth, want); err != nil {
							t.Errorf("%s: %s (%s): %v", s.title, cl.f.key, label, err)
						}
						checked++
					}
				}
			}
			if checked < 40 {
				t.Errorf("only %d values checked: the walk lost its way", checked)
			}
		})
	}
}

// TestCerfaValues checks, by hand, the values a reader looks for first: the
// identifiers on their lines, dates in JJ/MM/AAAA, the remuneration
// percentages, the accents.
func TestCerfaValues(t *testing.T) {
	type check struct {
		anchor, label string
		nth           int
		value         string
	}
	tests := []struct {
		name   string
		c      *contract.Contract
		opt    CerfaOptions
		checks []check
		text   []string // anywhere in the document
	}{
		{
			name: "apprentissage-base", c: loadExample(t, "apprentissage-base"), opt: CerfaOptions{Now: testNow},
			checks: []check{
				{"L'EMPLOYEUR", "N° SIRET de l'établissement", 0, "83475962300012"},
				{"L'EMPLOYEUR", "Nom et prénom ou dénomination", 0, "SAS MAISON LEROUX (fictive)"},
				{"Adresse de l'établissement", "Voie", 0, "RUE DES TISSERANDS"},
				{"Adresse de l'établissement", "Code postal", 0, "69003"},
				{"L'EMPLOYEUR", "Code activité de l'entreprise (NAF)", 0, "47.71Z"},
				{"L'EMPLOYEUR", "Type d'employeur", 0, "12 – Entreprise inscrite uniquement au registre du commerce et des sociétés"},
				{"L'APPRENTI(E)", "NIR de l'apprenti(e)", 0, "106056938304515"},
				{"L'APPRENTI(E)", "Date de naissance", 0, "14/05/2006"},
				{"L'APPRENTI(E)", "Sexe", 0, "X M"},
				{"L'APPRENTI(E)", "Dernier diplôme ou titre préparé", 0, "42 – Baccalauréat général"},
				{"Maître d'apprentissage n° 1", "Date de naissance", 0, "22/03/1985"},
				{"Maître d'apprentissage n° 1", "Niveau de diplôme ou titre le plus élevé", 0, "5 – DEUG, BTS, DUT, DEUST"},
				{"LE CONTRAT", "Date de début d'exécution du contrat", 0, "01/09/2025"},
				{"LE CONTRAT", "Date de fin du contrat ou de la période", 0, "31/08/2027"},
				{"LE CONTRAT", "Rémunération", 0, "1re année, du 01/09/2025 au 31/08/2026 : 43 % du SMIC"},
				{"LE CONTRAT", "Rémunération", 0, "2e année, du 01/09/2026 au 31/05/2027 : 51 % du SMIC ; du 01/06/2027 au 31/08/2027 : 61 % du SMIC"},
				{"LE CONTRAT", "Salaire brut mensuel à l'embauche", 0, "774,78 €"},
				{"LA FORMATION", "N° UAI du CFA", 0, "0691234S"},
				{"LA FORMATION", "Intitulé précis", 0, "BTS Management commercial opérationnel"},
				{"LA FORMATION", "Durée de la formation", 0, "1 350 heures"},
				{"SIGNATURES", "Fait à", 0, "LYON"},
				{"SIGNATURES", "Signature du représentant légal", 0, "Sans objet : apprenti(e) majeur(e)"},
			},
			text: []string{"CONTRAT D'APPRENTISSAGE", "N° 10103*14", "RÉPUBLIQUE", "X employeur privé", "employeur « public »*",
				"CADRE RÉSERVÉ À L'ORGANISME EN CHARGE DU DÉPÔT DU CONTRAT", "Page 1/2", "Page 2/2",
				"Édité par cerfadesk le 26/11/2026", "LE MAÎTRE D'APPRENTISSAGE"},
		},
		{
			name: "apprentissage-minor16 with derived lines", c: loadExample(t, "apprentissage-minor16"),
			opt: CerfaOptions{Now: testNow, Remunerations: derivedMinor16()},
			checks: []check{
				{"L'APPRENTI(E)", "Le premier prénom", 0, "Léa"},
				{"L'APPRENTI(E)", "Sexe", 0, "X F"},
				{"Représentant légal", "Nom de naissance et prénom", 0, "PETIT Nathalie"},
				{"Représentant légal", "Courriel", 0, "n.petit@example.fr"},
				{"Adresse du représentant légal", "Voie", 0, "AVENUE FELIX FAURE"},
				{"LE CONTRAT", "Rémunération", 0, "1re année, du 01/09/2025 au 31/08/2026 : 27 % du SMIC"},
				{"LE CONTRAT", "Rémunération", 0, "2e année, du 01/09/2026 au 31/08/2027 : 39 % du SMIC"},
				{"SIGNATURES", "Signature du représentant légal", 0, "Nathalie PETIT"},
				{"LA FORMATION", "Diplôme ou titre visé", 0, "33 – CAP"},
				{"LA FORMATION", "Intitulé précis", 0, "CAP Équipier polyvalent du commerce"},
			},
		},
		{
			name: "professionnalisation-base", c: loadExample(t, "professionnalisation-base"), opt: CerfaOptions{Now: testNow},
			checks: []check{
				{"L'EMPLOYEUR", "N° SIRET de l'établissement", 0, "53914862700026"},
				{"L'EMPLOYEUR", "Particulier employeur", 0, "X non"},
				{"L'EMPLOYEUR", "Caisse de retraite complémentaire", 0, "AG2R La Mondiale Agirc-Arrco"},
				{"LE SALARIÉ", "NIR du salarié", 0, "206034410912320"},
				{"Adresse du salarié", "Voie", 0, "BOULEVARD GUIST'HAU"},
				{"LE SALARIÉ", "Diplôme ou titre le plus élevé obtenu", 0, "42 – Baccalauréat général"},
				{"LE TUTEUR", "Nom", 0, "BERTIN"},
				{"LE TUTEUR", "Date de naissance", 0, "04/11/1981"},
				{"LE CONTRAT", "Type de contrat ou d'avenant", 0, "11 – Contrat initial"},
				{"LE CONTRAT", "Nature du contrat", 0, "X CDD"},
				{"LE CONTRAT", "Date de fin du CDD", 0, "31/08/2026"},
				{"LE CONTRAT", "Durée de la période d'essai", 0, "30 jours"},
				{"LE CONTRAT", "Salaire brut mensuel à l'embauche", 0, "990,99 €"},
				{"LE CONTRAT", "Rémunération", 0, "1re année, du 01/09/2025 au 31/08/2026 : 55 % du SMIC"},
				{"LA FORMATION", "N° de déclaration d'activité (NDA)", 0, "52440987644"},
				{"LA FORMATION", "Certification Qualiopi", 0, "X oui"},
				{"LA FORMATION", "Type de qualification visée", 0, "1 – Certification enregistrée au RNCP autre qu'un CQP"},
				{"LA FORMATION", "Spécialité de formation (code NSF)", 0, "312"},
				{"LA FORMATION", "Date de début du cycle de formation", 0, "08/09/2025"},
			},
			text: []string{"CONTRAT DE PROFESSIONNALISATION", "N° 12434*03", "LE SALARIÉ", "LE TUTEUR",
				"CADRE RÉSERVÉ À L'ORGANISME EN CHARGE DU DÉPÔT DU CONTRAT", "Page 1/2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := pdfText(t, renderCerfa(t, tt.c, tt.opt))
			lt := newLayoutText(text)
			for _, ck := range tt.checks {
				from := lt.anchor(ck.anchor, 0)
				if from < 0 {
					t.Errorf("anchor %q not found", ck.anchor)
					continue
				}
				if err := lt.valueUnder(from, ck.label, ck.nth, ck.value); err != nil {
					t.Error(err)
				}
			}
			for _, s := range tt.text {
				if !strings.Contains(text, s) {
					t.Errorf("%q not found in the text", s)
				}
			}
		})
	}
}

// TestCerfaDeterministic: the same contract and clock give the same bytes;
// another clock gives another creation date.
func TestCerfaDeterministic(t *testing.T) {
	for _, tc := range cerfaCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			a := renderCerfa(t, tc.c, tc.opt)
			b := renderCerfa(t, tc.c, tc.opt)
			if !bytes.Equal(a, b) {
				t.Fatal("two renderings of the same contract differ")
			}
			opt := tc.opt
			opt.Now = opt.Now.AddDate(0, 0, 1)
			if bytes.Equal(a, renderCerfa(t, tc.c, opt)) {
				t.Error("the clock does not reach the document")
			}
		})
	}
}

func TestCerfaDraftMark(t *testing.T) {
	c := loadExample(t, "apprentissage-base")
	tests := []struct {
		name  string
		draft bool
	}{
		{"valid contract", false},
		{"contract with blocking errors", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := pdfText(t, renderCerfa(t, c, CerfaOptions{Now: testNow, Draft: tt.draft}))
			for _, s := range []string{"PROJET — NON VALIDÉ", "erreurs bloquantes"} {
				if got := strings.Contains(text, s); got != tt.draft {
					t.Errorf("%q in text = %v, want %v", s, got, tt.draft)
				}
			}
		})
	}
}

func TestCerfaMetadata(t *testing.T) {
	tests := []struct {
		example, title, subject string
		pages                   string
	}{
		{"apprentissage-base", "CONTRAT D'APPRENTISSAGE — Lucas MARTIN / SAS MAISON LEROUX (fictive)", "Cerfa FA13 n° 10103*14 — contrat d'apprentissage", "2"},
		{"professionnalisation-base", "CONTRAT DE PROFESSIONNALISATION — Manon LEGRAND / SAS QUINCAILLERIE MARTEL (fictive)", "Cerfa EJ20 n° 12434*03 — contrat de professionnalisation", "2"},
	}
	for _, tt := range tests {
		t.Run(tt.example, func(t *testing.T) {
			info := pdfInfo(t, renderCerfa(t, loadExample(t, tt.example), CerfaOptions{Now: testNow}))
			want := map[string]string{"Title": tt.title, "Subject": tt.subject, "Creator": "cerfadesk", "Pages": tt.pages, "Page size": "595 x 842 pts (A4)"}
			for k, v := range want {
				if info[k] != v {
					t.Errorf("%s = %q, want %q", k, info[k], v)
				}
			}
			if !strings.Contains(info["CreationDate"], "Nov 26") || !strings.Contains(info["CreationDate"], "2026") {
				t.Errorf("CreationDate = %q, want 26 November 2026 (the contract's clock)", info["CreationDate"])
			}
		})
	}
}

// TestCerfaFontEmbedded: the text is drawn with the embedded DejaVu subset,
// so accents render on any reader.
func TestCerfaFontEmbedded(t *testing.T) {
	tool := requireTool(t, "pdffonts")
	p := writeTemp(t, "c.pdf", renderCerfa(t, loadExample(t, "apprentissage-base"), CerfaOptions{Now: testNow}))
	out, err := execOutput(tool, p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 { // header, rule, regular, bold
		t.Fatalf("pdffonts lists %d lines, want 2 fonts:\n%s", len(lines), out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("font not embedded with a Unicode map: %q", l)
		}
	}
}

func TestCerfaErrors(t *testing.T) {
	tests := []struct {
		name string
		c    *contract.Contract
		want error
	}{
		{"no contract", nil, nil},
		{"unknown kind", &contract.Contract{TypeFormulaire: "STAGE"}, ErrKind},
		{"empty kind", &contract.Contract{}, ErrKind},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Cerfa(&buf, tt.c, CerfaOptions{})
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error = %v, want %v", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written on error", buf.Len())
			}
		})
	}
}

// TestCerfaEmptyContract: a contract with nothing filled still prints the
// whole blank form.
func TestCerfaEmptyContract(t *testing.T) {
	for _, k := range []contract.Kind{contract.Apprentissage, contract.Professionnalisation} {
		t.Run(string(k), func(t *testing.T) {
			text := pdfText(t, renderCerfa(t, &contract.Contract{TypeFormulaire: k}, CerfaOptions{}))
			for _, s := range []string{"L'EMPLOYEUR", "LE CONTRAT", "LA FORMATION", "CADRE RÉSERVÉ"} {
				if !strings.Contains(text, s) {
					t.Errorf("%q missing from the blank form", s)
				}
			}
		})
	}
}

func TestFieldLabel(t *testing.T) {
	tests := []struct {
		kind contract.Kind
		key  string
		want string
	}{
		{contract.Apprentissage, "employeur.siret", "N° SIRET de l'établissement d'exécution du contrat"},
		{contract.Apprentissage, "apprenti.nir", "NIR de l'apprenti(e)"},
		{contract.Apprentissage, "maitre2.nom", "Maître d'apprentissage n° 2 : Nom de naissance"},
		{contract.Apprentissage, "apprenti.adresse.voie", "Adresse de l'apprenti(e) : Voie"},
		{contract.Apprentissage, "apprenti.responsableLegal.courriel", "Représentant légal : Courriel"},
		{contract.Apprentissage, "formation.dateDebutFormation", "Organisation de la formation en CFA : Date de début de formation en CFA"},
		{contract.Apprentissage, "contrat.remunerationsAnnuelles", "Rémunération (% du SMIC ou du SMC* : salaire minimum conventionnel)"},
		{contract.Apprentissage, "formation.rncp", "Code RNCP"},
		{contract.Professionnalisation, "apprenti.nir", "NIR du salarié"},
		{contract.Professionnalisation, "tuteur.emploiOccupe", "Tuteur : Emploi occupé"},
		{contract.Professionnalisation, "tuteurEntrepriseUtilisatrice.nom", "Tuteur de l'entreprise utilisatrice : Nom"},
		{contract.Professionnalisation, "organismeFormation.numeroDeclarationActivite", "N° de déclaration d'activité (NDA)"},
		{contract.Professionnalisation, "tuteur.anneesExperience", "Tuteur : Expérience professionnelle en rapport avec la qualification visée (années)"},
		{contract.Professionnalisation, "organismeFormation.adresse.voie", "Adresse de l'organisme de formation : Voie"},
		{contract.Professionnalisation, "maitre1.nom", ""},
		{contract.Apprentissage, "inconnu.cle", ""},
		// Fields a box prints beside another one, and questions of the app,
		// are named by the table.
		{contract.Apprentissage, "apprenti.responsableLegal.nom", "Représentant légal : Nom de naissance et prénom"},
		{contract.Apprentissage, "apprenti.responsableLegal.prenom", "Représentant légal — Prénom"},
		{contract.Apprentissage, "apprenti.adresse.repetitionVoie", "Adresse de l'apprenti(e) : Indice de répétition"},
		{contract.Apprentissage, "contrat.dureeTravailHebdoMinutes", "Durée hebdomadaire du travail (minutes)"},
		{contract.Apprentissage, "apprenti.handicapExtensionBOE", "Extension BOE : bénéficiaire de l'obligation d'emploi"},
		{contract.Apprentissage, "employeur.privePublic", "L'employeur est"},
		{contract.Apprentissage, "contrat.avantageNourriture", "Avantages en nature, le cas échéant : Nourriture"},
		{contract.Professionnalisation, "apprenti.diplomeFinalitePro", "Le titre de niveau bac déclaré (code 49) est à finalité professionnelle"},
		{contract.Professionnalisation, "contrat.travailRisque", ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+"/"+tt.key, func(t *testing.T) {
			if got := FieldLabel(tt.kind, tt.key); got != tt.want {
				t.Errorf("FieldLabel = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLongValuesFit: with long names and addresses, every label and value
// line fits inside its box, and every row inside the page.
func TestLongValuesFit(t *testing.T) {
	for _, tc := range cerfaCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			cv, err := newCanvas(meta{})
			if err != nil {
				t.Fatal(err)
			}
			f := &form{c: cv}
			for _, s := range sectionsOf(tc.c, tc.opt) {
				for _, r := range s.rows {
					l := f.layoutRow(r, marginX, contentW)
					last := l.cells[len(l.cells)-1]
					if right := last.x + last.w; right > marginX+contentW+0.01 {
						t.Errorf("%s: row ends at %.2f mm, past the margin", s.title, right)
					}
					for _, cl := range l.cells {
						for _, line := range cl.label {
							if w := cv.width(line, false, labelSize); w > cl.w+0.01 {
								t.Errorf("%s: label line %q is %.1f mm wide in a %.1f mm box", cl.f.key, line, w, cl.w)
							}
						}
						inner := cl.w - 2*padX
						bold := cl.f.kind == captionField
						if bold {
							inner = cl.w
						}
						for _, line := range cl.value {
							if w := cv.width(line, bold, cl.size); w > inner+0.01 {
								t.Errorf("%s: value line %q is %.1f mm wide in a %.1f mm box", cl.f.key, line, w, inner)
							}
						}
						if cl.size > 0 && cl.size < valueMinSize && !bold {
							t.Errorf("%s: value shrunk to %.2f pt, below %.1f pt", cl.f.key, cl.size, valueMinSize)
						}
					}
				}
			}
		})
	}
}

// TestCerfaUnusualCharacters: decomposed accents print composed, the Latin
// extensions of foreign names print, and a character the font lacks prints
// as "?" instead of vanishing.
func TestCerfaUnusualCharacters(t *testing.T) {
	tests := []struct {
		name, nom, prenom string
		want              []string
	}{
		{"decomposed accents", "ROUSSEAU", "Le\u0301a-E\u0301lise", []string{"ROUSSEAU", "Léa-Élise"}},
		{"Vietnamese and Polish names", "NGUYỄN", "Łukasz", []string{"NGUYỄN", "Łukasz"}},
		{"ligatures and apostrophes", "D’ALMEIDA", "Œdipe", []string{"D’ALMEIDA", "Œdipe"}},
		{"missing glyph", "王", "Wei", []string{"?", "Wei"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadExample(t, "apprentissage-base")
			c.Apprenti.Nom, c.Apprenti.Prenom = tt.nom, tt.prenom
			lt := newLayoutText(pdfText(t, renderCerfa(t, c, CerfaOptions{Now: testNow})))
			from := lt.anchor("L'APPRENTI(E)", 0)
			if err := lt.valueUnder(from, "Nom de naissance de l'apprenti(e)", 0, tt.want[0]); err != nil {
				t.Error(err)
			}
			if len(tt.want) > 1 {
				if err := lt.valueUnder(from, "Le premier prénom", 0, tt.want[1]); err != nil {
					t.Error(err)
				}
			}
		})
	}
}
