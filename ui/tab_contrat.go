package ui

import (
	"fmt"

	"fyne.io/fyne/v2"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// contratTab is the contract frame: dates, working time, remuneration,
// signature, and the OPCO's frame once it registered the contract.
func contratTab(fm *form, remu *remunerationTable) fyne.CanvasObject {
	fm.tab = "Contrat"
	ct := func(c *contract.Contract) *contract.Contrat { return &c.Contrat }
	dateOf := func(key, label string, acc func(c *contract.Contrat) *civil.Date) *field {
		return fm.date(key, label, func(c *contract.Contract) *civil.Date { return acc(ct(c)) })
	}
	conclusion := dateOf("contrat.dateConclusion", "Date de conclusion (date de signature du présent contrat)",
		func(c *contract.Contrat) *civil.Date { return &c.DateConclusion })
	debut := dateOf("contrat.dateDebutContrat", "Date de début d'exécution du contrat",
		func(c *contract.Contrat) *civil.Date { return &c.DateDebutContrat })
	heures := fm.integer("contrat.dureeTravailHebdoHeures", "Durée hebdomadaire du travail : heures",
		func(c *contract.Contract) **int { return &ct(c).DureeTravailHebdoHeures })
	minutes := fm.integer("contrat.dureeTravailHebdoMinutes", "… et minutes",
		func(c *contract.Contract) **int { return &ct(c).DureeTravailHebdoMinutes })
	smc := fm.money("contrat.smc", "Salaire minimum conventionnel de l'emploi, s'il y en a un (€ brut par mois)",
		func(c *contract.Contract) **contract.Money { return &ct(c).Smc })
	remuField := fm.add(remu.field())
	embauche := fm.money("contrat.salaireEmbauche", "Salaire brut mensuel à l'embauche",
		func(c *contract.Contract) **contract.Money { return &ct(c).SalaireEmbauche })
	lieu := fm.text("contrat.lieuSignatureContrat", "Fait à", func(c *contract.Contract) *string { return &ct(c).LieuSignatureContrat })
	duree := fm.display("contrat.dureeContrat", "Durée du contrat", contractDuration)

	var dates, work, pay []fyne.CanvasObject
	if fm.app() {
		pratique := dateOf("contrat.dateDebutFormationPratique", "Date de début de formation pratique chez l'employeur",
			func(c *contract.Contrat) *civil.Date { return &c.DateDebutFormationPratique })
		fin := dateOf("contrat.dateFinContrat", "Date de fin du contrat ou de la période d'apprentissage",
			func(c *contract.Contrat) *civil.Date { return &c.DateFinContrat })
		risque := fm.yesNo("contrat.travailRisque", "Travail sur machines dangereuses ou exposition à des risques particuliers",
			func(c *contract.Contract) **bool { return &ct(c).TravailRisque })
		nature := fm.yesNo("contrat.avantageNature", "L'apprenti(e) bénéficie d'avantages en nature",
			func(c *contract.Contract) **bool { return &ct(c).AvantageNature })
		avantages := func(c *contract.Contract) bool { return isYes(c.Contrat.AvantageNature) }
		nourriture := fm.money("contrat.avantageNourriture", "Nourriture (€ par repas)",
			func(c *contract.Contract) **contract.Money { return &ct(c).AvantageNourriture }).only(avantages)
		logement := fm.money("contrat.avantageLogement", "Logement (€ par mois)",
			func(c *contract.Contract) **contract.Money { return &ct(c).AvantageLogement }).only(avantages)
		autre := fm.check("contrat.autreAvantageEnNature", "Autre avantage en nature", "Oui",
			func(c *contract.Contract) **bool { return &ct(c).AutreAvantageEnNature }).only(avantages)
		dates = []fyne.CanvasObject{rowOf(2, conclusion, debut), rowOf(2, pratique, fin), rowOf(2, duree)}
		work = []fyne.CanvasObject{rowOf(2, heures, minutes), row(risque)}
		pay = []fyne.CanvasObject{rowOf(2, smc), row(remuField), rowOf(2, embauche), row(nature), rowOf(3, nourriture, logement, autre)}
	} else {
		cdd := func(c *contract.Contract) bool { return c.Contrat.NatureContrat != "CDI" }
		cdi := func(c *contract.Contract) bool { return c.Contrat.NatureContrat == "CDI" }
		fin := dateOf("contrat.dateFinContrat", "Date de fin du CDD",
			func(c *contract.Contrat) *civil.Date { return &c.DateFinContrat }).only(cdd)
		debutAction := dateOf("contrat.dateDebutActionPro", "Date de début de l'action de professionnalisation",
			func(c *contract.Contrat) *civil.Date { return &c.DateDebutActionPro }).only(cdi)
		finAction := dateOf("contrat.dateFinActionPro", "Date de fin de l'action de professionnalisation",
			func(c *contract.Contrat) *civil.Date { return &c.DateFinActionPro }).only(cdi)
		branche := fm.yesNo("contrat.accordBrancheAllongement",
			"Un accord de branche porte l'action jusqu'à 24 mois pour ce public ou cette qualification",
			func(c *contract.Contract) **bool { return &ct(c).AccordBrancheAllongement })
		emploi := fm.text("contrat.emploiOccupe", "Emploi occupé pendant le contrat", func(c *contract.Contract) *string { return &ct(c).EmploiOccupe })
		classif := fm.text("contrat.classificationEmploi", "Classification de l'emploi dans la convention collective",
			func(c *contract.Contract) *string { return &ct(c).ClassificationEmploi })
		niveau := fm.text("contrat.niveauClassification", "Niveau", func(c *contract.Contract) *string { return &ct(c).NiveauClassification })
		coef := fm.text("contrat.coefficientHierarchique", "Coefficient hiérarchique",
			func(c *contract.Contract) *string { return &ct(c).CoefficientHierarchique })
		essai := fm.integer("contrat.periodeEssaiJours", "Durée de la période d'essai (jours)",
			func(c *contract.Contract) **int { return &ct(c).PeriodeEssaiJours })
		dates = []fyne.CanvasObject{rowOf(2, conclusion, debut), rowOf(2, fin, duree), rowOf(2, debutAction, finAction), row(branche)}
		work = []fyne.CanvasObject{row(emploi), rowOf(3, classif, niveau, coef), rowOf(3, heures, minutes, essai)}
		pay = []fyne.CanvasObject{rowOf(2, smc), row(remuField), rowOf(2, embauche)}
	}
	return tabPage(fm,
		section("Dates du contrat", dates...),
		section("Temps de travail", work...),
		section("Rémunération", pay...),
		section("Signature", rowOf(2, lieu)),
		depotSection(fm),
	)
}

// contractDuration is the contract's length, inclusive ("24 mois", "6 mois et
// 3 jours"), for the période de professionnalisation of a pro contract.
func contractDuration(c *contract.Contract) string {
	start, end := c.Contrat.DateDebutContrat, c.Contrat.DateFinContrat
	if c.TypeFormulaire == contract.Professionnalisation {
		start, end = c.PeriodePro()
	}
	return spanText(start, end)
}

// spanText is the inclusive length of [start, end] in months and days.
func spanText(start, end civil.Date) string {
	if start.IsZero() || end.IsZero() || end.Before(start) {
		return "—"
	}
	m, d := civil.Span(start, end)
	switch {
	case m == 0:
		return plural(d, "jour", "jours")
	case d == 0:
		return fmt.Sprintf("%d mois", m)
	}
	return fmt.Sprintf("%d mois et %s", m, plural(d, "jour", "jours"))
}

func plural(n int, one, many string) string {
	if n == 1 || n == 0 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// depotSection is the frame the OPCO fills ("cadre réservé à l'organisme en
// charge du dépôt du contrat"), read-only, shown once it holds something.
func depotSection(fm *form) fyne.CanvasObject {
	d := func(c *contract.Contract) contract.Depot {
		if c.Depot == nil {
			return contract.Depot{}
		}
		return *c.Depot
	}
	show := func(value func(contract.Depot) string) func(c *contract.Contract) string {
		return func(c *contract.Contract) string {
			if v := value(d(c)); v != "" {
				return v
			}
			return "—"
		}
	}
	nom := fm.display("depot.nomOrganisme", "Nom de l'organisme", show(func(d contract.Depot) string { return d.NomOrganisme }))
	siret := fm.display("depot.siretOrganisme", "N° SIRET de l'organisme", show(func(d contract.Depot) string { return d.SiretOrganisme }))
	recu := fm.display("depot.dateReception", "Date de réception du dossier complet", show(func(d contract.Depot) string { return dateText(d.DateReception) }))
	decision := fm.display("depot.dateDecision", "Date de la décision", show(func(d contract.Depot) string { return dateText(d.DateDecision) }))
	numero := fm.display("depot.numeroDepot", "N° de dépôt", show(func(d contract.Depot) string { return d.NumeroDepot }))
	avenant := fm.display("depot.numeroAvenant", "Numéro d'avenant", show(func(d contract.Depot) string { return d.NumeroAvenant }))
	return fm.when(func(c *contract.Contract) bool { return c.Depot != nil },
		section("Cadre réservé à l'organisme en charge du dépôt du contrat",
			rowOf(2, nom, siret), rowOf(2, recu, decision), rowOf(2, numero, avenant)))
}
