package pdf

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"cerfadesk/core/contract"
)

// letterCases are the three letters, drawn from their fixtures.
var letterCases = []struct {
	name   string
	render func(w *bytes.Buffer) error
	want   []string // in the extracted text
	title  string   // PDF metadata
}{
	{
		name:   "courrier d'accord",
		render: func(w *bytes.Buffer) error { return CourrierAccord(w, sampleAccord()) },
		want: []string{"Opcommerce", "251 boulevard Pereire", "SIRET 85197427100021", "Paris, le 26 novembre 2026",
			"SAS MAISON LEROUX (fictive)", "À l'attention du service des ressources humaines", "69003 LYON",
			"N° de dépôt :", "069202509NC0123", "CTR-2025-000417", "Objet : Accord sur le contrat d'apprentissage de Lucas MARTIN",
			"du 01/09/2025 au 31/08/2027", "déclaré conforme", "« ENGAGÉ »",
			"Niveau de prise en charge, 1re année", "7 000,00 €", "500,00 €", "Total", "14 500,00 €",
			"Hélène Garçon", "Service Alternance", "Page 1/1"},
		title: "Courrier d'accord — Lucas MARTIN",
	},
	{
		name: "courrier d'accord d'un avenant",
		render: func(w *bytes.Buffer) error {
			d := sampleAccord()
			d.NumeroAvenant = "2"
			return CourrierAccord(w, d)
		},
		want: []string{"N° de dépôt :", "069202509NC0123", "N° d'avenant :",
			"Objet : Accord sur l'avenant n° 2 au contrat n° 069202509NC0123 (contrat d'apprentissage de Lucas MARTIN)",
			"Nous avons bien reçu l'avenant n° 2 au contrat n° 069202509NC0123",
			"cet avenant est déclaré conforme et qu'il a été enregistré sous le n° de dépôt 069202509NC0123, avenant n° 2",
			"« ENGAGÉ »"},
		title: "Courrier d'accord — Lucas MARTIN",
	},
	{
		name:   "courrier d'anomalie",
		render: func(w *bytes.Buffer) error { return CourrierAnomalie(w, sampleAnomalie()) },
		want: []string{"Objet : Anomalie sur le contrat d'apprentissage de Lucas MARTIN",
			"Pièces manquantes ou incomplètes", "1. Convention de formation : la convention n'est signée que par le CFA",
			"ajoutez chaque pièce dans l'onglet Documents", "cliquez sur Enregistrer",
			"Erreurs à corriger sur le Cerfa", "Onglet", "Champ", "Commentaire",
			"Salarié", "NIR de l'apprenti(e) (apprenti.nir)", "La clé du NIR ne correspond pas",
			"Contrat", "45 % du SMIC", "Employeur", "« 1483 »",
			"« Créer une demande de modification »", "puis sur Transmettre", "au plus tard le 11/12/2026"},
		title: "Courrier d'anomalie — Lucas MARTIN",
	},
	{
		name:   "décision de refus",
		render: func(w *bytes.Buffer) error { return DecisionRefus(w, sampleRefus()) },
		want: []string{"Objet : Décision de refus du contrat d'apprentissage de Lucas MARTIN",
			"Destinataires de la présente décision", "L'employeur", "L'apprenti(e)", "Le CFA",
			"5 AVENUE FELIX FAURE", "CFA DU COMMERCE RHONE", "40 RUE DE GERLAND",
			"les motifs suivants", "1. Le contrat a été transmis plus de six mois", "2. Le maître d'apprentissage",
			"« Refusé »", "adressée à l'employeur, à l'apprenti(e) et au CFA."},
		title: "Décision de refus — Lucas MARTIN",
	},
}

func TestLettersText(t *testing.T) {
	for _, tc := range letterCases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.render(&buf); err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, buf.Bytes())
			flat := strings.Join(strings.Fields(text), " ") // wrapped lines and layout spaces
			for _, s := range tc.want {
				if !strings.Contains(text, s) && !strings.Contains(flat, s) {
					t.Errorf("%q not found in:\n%s", s, text)
				}
			}
			info := pdfInfo(t, buf.Bytes())
			if info["Title"] != tc.title || info["Creator"] != "cerfadesk" {
				t.Errorf("Title = %q, Creator = %q", info["Title"], info["Creator"])
			}
			if !strings.Contains(info["CreationDate"], "Nov 26") {
				t.Errorf("CreationDate = %q, want the letter's date", info["CreationDate"])
			}
		})
	}
}

func TestLettersDeterministic(t *testing.T) {
	for _, tc := range letterCases {
		t.Run(tc.name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := tc.render(&a); err != nil {
				t.Fatal(err)
			}
			if err := tc.render(&b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two renderings of the same letter differ")
			}
		})
	}
}

// TestAnomalieKinds: a letter for pieces only says how to add them, one for
// errors only how to correct the Cerfa, and the object says which.
func TestAnomalieKinds(t *testing.T) {
	pieces := sampleAnomalie()
	pieces.Erreurs = nil
	errs := sampleAnomalie()
	errs.Pieces = nil
	errs.Kind = contract.Professionnalisation
	errs.Erreurs = []EntryError{{Onglet: "Formation", Cle: "organismeFormation.numeroDeclarationActivite", Commentaire: "NDA à 11 chiffres attendu."}}
	tests := []struct {
		name         string
		d            AnomalieData
		want, absent []string
	}{
		{"missing piece", pieces,
			[]string{"pièce manquante", "ajoutez chaque pièce"},
			[]string{"Créer une demande de modification", "Erreurs à corriger"}},
		{"entry errors, pro contract", errs,
			[]string{"modifications à apporter", "contrat de professionnalisation", "Salarié(e) :",
				"N° de déclaration d'activité (NDA)", "numeroDeclarationActivite)", "Créer une demande de modification"},
			[]string{"ajoutez chaque pièce"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := CourrierAnomalie(&buf, tt.d); err != nil {
				t.Fatal(err)
			}
			flat := strings.Join(strings.Fields(pdfText(t, buf.Bytes())), " ")
			for _, s := range tt.want {
				if !strings.Contains(flat, s) {
					t.Errorf("%q missing", s)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(flat, s) {
					t.Errorf("%q should not be there", s)
				}
			}
		})
	}
}

func TestLettersWithoutItems(t *testing.T) {
	anomalie := sampleAnomalie()
	anomalie.Pieces, anomalie.Erreurs = nil, nil
	refus := sampleRefus()
	refus.Motifs = nil
	tests := []struct {
		name string
		run  func(*bytes.Buffer) error
	}{
		{"anomalie without pieces or errors", func(b *bytes.Buffer) error { return CourrierAnomalie(b, anomalie) }},
		{"refus without reasons", func(b *bytes.Buffer) error { return DecisionRefus(b, refus) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.run(&buf); !errors.Is(err, ErrNoItems) {
				t.Errorf("error = %v, want ErrNoItems", err)
			}
		})
	}
}

// TestLetterLongContent: many errors break onto a second page, with the
// table header repeated and the page count right.
func TestLetterLongContent(t *testing.T) {
	d := sampleAnomalie()
	for i := 0; i < 30; i++ {
		d.Erreurs = append(d.Erreurs, EntryError{Onglet: "Contrat", Cle: "contrat.dateFinContrat",
			Commentaire: "La date de fin du contrat doit être postérieure à la date de début d'exécution et cohérente avec la date de fin des épreuves."})
	}
	var buf bytes.Buffer
	if err := CourrierAnomalie(&buf, d); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	pages := strings.Split(text, "\f")
	if len(pages) < 3 { // at least 2 pages and the final form feed
		t.Fatalf("%d pages, want at least 2", len(pages)-1)
	}
	n := len(pages) - 1
	for i, p := range pages[:n] {
		if !strings.Contains(p, "Page "+strconv.Itoa(i+1)+"/"+strconv.Itoa(n)) {
			t.Errorf("page %d has no \"Page %d/%d\"", i+1, i+1, n)
		}
	}
	if !strings.Contains(pages[1], "Commentaire") {
		t.Error("the table header is not repeated on page 2")
	}
}
