package pdf

import (
	"strings"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// longify fills c with deliberately long names, addresses and texts, the
// worst case of the form's boxes.
func longify(c *contract.Contract) {
	c.Employeur.Denomination = "SOCIÉTÉ COOPÉRATIVE D'INTÉRÊT COLLECTIF DES BOULANGERS-PÂTISSIERS ET CHOCOLATIERS RÉUNIS DE LA VALLÉE DU GRÉSIVAUDAN « LES FOURNILS DE L'ÉTÉ »"
	c.Employeur.Adresse.Voie = "CHEMIN DES ÉCOLIERS ET DES ANCIENNES FORGES DE LA MONTAGNE SAINTE-GENEVIÈVE"
	c.Employeur.Adresse.Complement = "BÂTIMENT C, ESCALIER 4, 3E ÉTAGE, ZONE D'ACTIVITÉS DU PRÉ-FLEURI"
	c.Employeur.Adresse.Commune = "SAINT-REMY-EN-BOUZEMONT-SAINT-GENEST-ET-ISSON"
	c.Employeur.Courriel = "direction.ressources-humaines.apprentissage@boulangers-patissiers-gresivaudan.example"
	c.Employeur.LibelleIdcc = "Convention collective nationale de la boulangerie-pâtisserie (entreprises artisanales)"
	c.Apprenti.Nom = "DE LA ROCHEFOUCAULD-D'ESTAING-MONTMORENCY"
	c.Apprenti.NomUsage = "MARTÍNEZ-GARÇON DE LA FONTAINE-AUX-CHÊNES"
	c.Apprenti.Prenom = "Marie-Éléonore-Françoise"
	c.Apprenti.Adresse.Voie = "RÉSIDENCE DES TILLEULS, ALLÉE DU GÉNÉRAL DE LATTRE DE TASSIGNY PROLONGÉE"
	c.Apprenti.Adresse.RepetitionVoie = "B"
	c.Apprenti.Courriel = "marie-eleonore.delarochefoucauld-destaing@fournisseur-de-courriel-tres-long.example"
	c.Apprenti.CommuneNaissance = "SAINT-REMY-EN-BOUZEMONT-SAINT-GENEST-ET-ISSON"
	if c.Apprenti.ResponsableLegal != nil {
		c.Apprenti.ResponsableLegal.Nom = "DE LA ROCHEFOUCAULD-D'ESTAING-MONTMORENCY"
		c.Apprenti.ResponsableLegal.Prenom = "Anne-Sophie"
	}
	if c.Maitre1 != nil {
		c.Maitre1.EmploiOccupe = "Responsable de la production, de la qualité et de la formation des apprentis"
		c.Maitre1.Diplome = "Brevet de maîtrise boulanger, titre d'entrepreneur de la petite entreprise (TEPE)"
	}
	c.OrganismeFormation.Denomination = "CENTRE DE FORMATION D'APPRENTIS DES MÉTIERS DE L'ALIMENTATION ET DU GOÛT DE L'ISÈRE ET DE LA SAVOIE"
	c.Formation.IntituleQualification = "Brevet professionnel boulanger, option fabrication de produits de boulangerie, viennoiserie et pâtisserie boulangère"
	c.Contrat.CaisseRetraiteComplementaire = "Caisse de retraite complémentaire des salariés de l'artisanat alimentaire (Agirc-Arrco)"
	c.Contrat.LieuSignatureContrat = "SAINT-REMY-EN-BOUZEMONT-SAINT-GENEST-ET-ISSON"
	c.Depot = &contract.Depot{NomOrganisme: "OPCO DES ENTREPRISES DE PROXIMITÉ — DÉLÉGATION AUVERGNE-RHÔNE-ALPES", SiretOrganisme: "85197427100021",
		NumeroDepot: "038202509NC0123"}
}

// fillAll fills every empty field of c's kind through the table, so that
// every box of the form has a value: texts get the last word of their key,
// codes the first code of their list, oui/non questions oui.
func fillAll(c *contract.Contract) {
	for _, f := range cerfa.Leaves(c.TypeFormulaire) {
		if !f.Empty(c) {
			continue
		}
		v := ""
		switch f.Input {
		case cerfa.Text:
			v = f.Key[strings.LastIndexByte(f.Key, '.')+1:]
		case cerfa.Integer:
			v = "7"
		case cerfa.Money:
			v = "12.5"
		case cerfa.Date:
			v = "2025-03-04"
		case cerfa.Code, cerfa.Choice:
			v = f.List(c.TypeFormulaire).Codes[0].Code
		case cerfa.YesNo, cerfa.Check:
			v = "oui"
		}
		if v != "" {
			if err := f.Set(c, v); err != nil {
				panic(err)
			}
		}
	}
	c.Depot = &contract.Depot{NomOrganisme: "OPCO EP", SiretOrganisme: "85197427100021",
		DateReception: civil.MustParse("2025-09-05"), DateDecision: civil.MustParse("2025-09-20"),
		NumeroDepot: "069202509000123", NumeroAvenant: "2"}
}
