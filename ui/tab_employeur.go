package ui

import (
	"fyne.io/fyne/v2"

	"cerfadesk/core/contract"
)

// employeurTab is the employer: identity, establishment where the contract
// is executed, activity and convention collective.
func employeurTab(fm *form) fyne.CanvasObject {
	fm.tab = "Employeur"
	emp := func(c *contract.Contract) *contract.Employeur { return &c.Employeur }
	denom := fm.text("employeur.denomination", "Nom et prénom ou dénomination", func(c *contract.Contract) *string { return &emp(c).Denomination })
	siret := fm.text("employeur.siret", "N° SIRET de l'établissement d'exécution du contrat", func(c *contract.Contract) *string { return &emp(c).Siret }).
		placeholder("14 chiffres")
	addr := fm.address("employeur.adresse", "Adresse de l'établissement d'exécution du contrat",
		func(c *contract.Contract) *contract.Adresse { return &emp(c).Adresse })
	tel := fm.text("employeur.telephone", "Téléphone", func(c *contract.Contract) *string { return &emp(c).Telephone }).
		placeholder("04 78 12 34 56")
	mail := fm.text("employeur.courriel", "Courriel", func(c *contract.Contract) *string { return &emp(c).Courriel })
	typ := fm.codeSelectInt("employeur.typeEmployeur", "Type d'employeur", contract.TypeEmployeur, false,
		func(c *contract.Contract) **int { return &emp(c).TypeEmployeur })
	spec := fm.codeSelectInt("employeur.employeurSpecifique", "Employeur spécifique", contract.EmployeurSpecifique, false,
		func(c *contract.Contract) **int { return &emp(c).EmployeurSpecifique })
	naf := fm.codeLookup("employeur.naf", "Code activité de l'entreprise (NAF)", "Rechercher un code NAF",
		func(c *contract.Contract) *string { return &emp(c).Naf }, describeNAF, searchNAF).placeholder("47.71Z")
	effectifLabel := "Effectif total salariés de l'entreprise"
	if !fm.app() {
		effectifLabel = "Effectif salarié de l'entreprise"
	}
	effectif := fm.integer("employeur.nombreDeSalaries", effectifLabel, func(c *contract.Contract) **int { return &emp(c).NombreDeSalaries })
	idcc := fm.codeLookup("employeur.codeIdcc", "Code IDCC de la convention collective applicable", "Rechercher une convention collective",
		func(c *contract.Contract) *string { return &emp(c).CodeIdcc }, describeIDCC, searchIDCC).placeholder("4 chiffres ; 9999 : aucune")
	caisse := fm.text("contrat.caisseRetraiteComplementaire", "Caisse de retraite complémentaire",
		func(c *contract.Contract) *string { return &c.Contrat.CaisseRetraiteComplementaire })

	identity := section("L'employeur", row(denom), rowOf(2, siret, typ), addr, rowOf(2, tel, mail))
	if fm.app() {
		regime := fm.yesNo("employeur.regimeSpecifique",
			"*Pour les employeurs du secteur public, adhésion de l'apprenti au régime spécifique d'assurance chômage",
			func(c *contract.Contract) **bool { return &emp(c).RegimeSpecifique }).
			only(func(c *contract.Contract) bool { return c.Employeur.PrivePublic == "public" })
		return tabPage(fm, identity,
			section("Activité et convention collective", rowOf(2, spec, effectif), rowOf(2, naf, idcc), rowOf(2, caisse), row(regime)))
	}
	particulier := fm.yesNo("employeur.particulierEmployeur", "Particulier employeur",
		func(c *contract.Contract) **bool { return &emp(c).ParticulierEmployeur })
	urssaf := fm.text("employeur.numeroUrssafParticulier", "N° URSSAF du particulier employeur",
		func(c *contract.Contract) *string { return &emp(c).NumeroUrssafParticulier }).
		only(func(c *contract.Contract) bool { return isYes(c.Employeur.ParticulierEmployeur) })
	prev := fm.text("employeur.organismePrevoyance", "Organisme de prévoyance (le cas échéant)",
		func(c *contract.Contract) *string { return &emp(c).OrganismePrevoyance })
	return tabPage(fm, identity,
		section("Activité et convention collective", rowOf(2, spec, effectif), rowOf(2, naf, idcc), rowOf(2, caisse, prev)),
		section("Particulier employeur", rowOf(2, particulier, urssaf)))
}
