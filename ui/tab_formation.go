package ui

import (
	"fyne.io/fyne/v2"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// formationTab is the CFA (or training body), the main training place and
// the diploma or qualification prepared.
func formationTab(fm *form) fyne.CanvasObject {
	fm.tab = "Formation"
	of := func(c *contract.Contract) *contract.Organisme { return &c.OrganismeFormation }
	fo := func(c *contract.Contract) *contract.Formation { return &c.Formation }
	intitule := fm.text("formation.intituleQualification", "Intitulé précis", func(c *contract.Contract) *string { return &fo(c).IntituleQualification })
	rncp := fm.text("formation.rncp", "Code RNCP", func(c *contract.Contract) *string { return &fo(c).Rncp }).placeholder("RNCP38362")
	code := fm.text("formation.codeDiplome", "Code du diplôme", func(c *contract.Contract) *string { return &fo(c).CodeDiplome }).placeholder("8 caractères")
	debut := fm.date("formation.dateDebutFormation", "Date de début de formation en CFA", func(c *contract.Contract) *civil.Date { return &fo(c).DateDebutFormation })
	fin := fm.date("formation.dateFinFormation", "Date prévue de fin des épreuves ou examens", func(c *contract.Contract) *civil.Date { return &fo(c).DateFinFormation })
	duree := fm.integer("formation.dureeFormation", "Durée de la formation (heures)", func(c *contract.Contract) **int { return &fo(c).DureeFormation })

	if !fm.app() {
		return formationProTab(fm, of, fo, intitule, rncp, code, debut, fin, duree)
	}
	interne := fm.yesNo("organismeFormation.formationInterne", "CFA d'entreprise", func(c *contract.Contract) **bool { return &of(c).FormationInterne })
	denom := fm.text("organismeFormation.denomination", "Dénomination du CFA responsable", func(c *contract.Contract) *string { return &of(c).Denomination })
	uai := fm.text("organismeFormation.uaiCfa", "N° UAI du CFA", func(c *contract.Contract) *string { return &of(c).UaiCfa }).placeholder("7 chiffres et 1 lettre")
	siret := fm.text("organismeFormation.siret", "N° SIRET CFA", func(c *contract.Contract) *string { return &of(c).Siret }).placeholder("14 chiffres")
	addr := fm.address("organismeFormation.adresse", "Adresse du CFA responsable", func(c *contract.Contract) *contract.Adresse { return &of(c).Adresse })

	ef := func(c *contract.Contract) *contract.EtablissementFormation { return c.EtablissementFormation }
	meme := fm.yesNo("etablissementFormation.memeResponsable", "Le CFA responsable est le lieu de formation principal",
		func(c *contract.Contract) **bool { return &ef(c).MemeResponsable })
	efDenom := fm.text("etablissementFormation.denomination", "Dénomination du lieu de formation principal",
		func(c *contract.Contract) *string { return &ef(c).Denomination })
	efUai := fm.text("etablissementFormation.uaiCfa", "N° UAI", func(c *contract.Contract) *string { return &ef(c).UaiCfa })
	efSiret := fm.text("etablissementFormation.siret", "N° SIRET", func(c *contract.Contract) *string { return &ef(c).Siret })
	efAddr := fm.address("etablissementFormation.adresse", "Adresse du lieu de formation principal",
		func(c *contract.Contract) *contract.Adresse { return ef(c).Adresse })
	place := fm.when(func(c *contract.Contract) bool { return isNo(c.EtablissementFormation.MemeResponsable) },
		row(efDenom), rowOf(2, efUai, efSiret), efAddr)

	typ := fm.codeSelectInt("formation.typeDiplome", "Diplôme ou titre visé par l'apprenti", contract.Diplome, false,
		func(c *contract.Contract) **int { return &fo(c).TypeDiplome })
	return tabPage(fm,
		section("Le CFA responsable", rowOf(2, interne), row(denom), rowOf(2, uai, siret), addr),
		section("Lieu principal de réalisation de la formation", row(meme), place),
		section("Le diplôme ou titre visé", rowOf(2, typ), row(intitule), rowOf(2, code, rncp)),
		section("Organisation de la formation en CFA", rowOf(2, debut, fin), rowOf(2, duree)),
	)
}

// formationProTab is the training body and the qualification of a
// professionalisation contract.
func formationProTab(fm *form, of func(*contract.Contract) *contract.Organisme, fo func(*contract.Contract) *contract.Formation,
	intitule, rncp, code, debut, fin, duree *field) fyne.CanvasObject {
	interne := fm.yesNo("organismeFormation.formationInterne", "Formation assurée par un service de formation interne à l'entreprise",
		func(c *contract.Contract) **bool { return &of(c).FormationInterne })
	external := func(c *contract.Contract) bool { return !isYes(c.OrganismeFormation.FormationInterne) }
	denom := fm.text("organismeFormation.denomination", "Dénomination de l'organisme de formation principal",
		func(c *contract.Contract) *string { return &of(c).Denomination })
	nda := fm.text("organismeFormation.numeroDeclarationActivite", "N° de déclaration d'activité (NDA)",
		func(c *contract.Contract) *string { return &of(c).NumeroDeclarationActivite }).placeholder("11 chiffres")
	siret := fm.text("organismeFormation.siret", "N° SIRET de l'organisme", func(c *contract.Contract) *string { return &of(c).Siret }).
		placeholder("14 chiffres")
	uai := fm.text("organismeFormation.uaiCfa", "N° UAI (si l'organisme en a un)", func(c *contract.Contract) *string { return &of(c).UaiCfa })
	addr := fm.address("organismeFormation.adresse", "Adresse de l'organisme de formation",
		func(c *contract.Contract) *contract.Adresse { return &of(c).Adresse })
	nombre := fm.integer("organismeFormation.nombreOrganismes", "Nombre d'organismes de formation",
		func(c *contract.Contract) **int { return &of(c).NombreOrganismes })
	qualiopi := fm.yesNo("organismeFormation.certificationQualiopi", "L'organisme est certifié Qualiopi",
		func(c *contract.Contract) **bool { return &of(c).CertificationQualiopi })
	body := fm.when(external, row(denom), rowOf(2, nda, siret), rowOf(2, uai, nombre), addr, rowOf(2, qualiopi))

	typ := fm.codeSelectInt("formation.typeQualification", "Type de qualification visée", contract.TypeQualification, false,
		func(c *contract.Contract) **int { return &fo(c).TypeQualification })
	intitule.label.SetText("Intitulé précis de la qualification visée")
	code.label.SetText("Code diplôme (diplôme de l'Éducation nationale)")
	nsf := fm.text("formation.specialiteNsf", "Spécialité de formation (code NSF)", func(c *contract.Contract) *string { return &fo(c).SpecialiteNsf }).
		placeholder("312, 312t…")
	debut.label.SetText("Date de début du cycle de formation")
	duree.label.SetText("Durée totale des actions d'évaluation, d'accompagnement et des enseignements (heures)")
	enseignements := fm.integer("formation.dureeEnseignements", "dont enseignements généraux, professionnels et technologiques (heures)",
		func(c *contract.Contract) **int { return &fo(c).DureeEnseignements })
	return tabPage(fm,
		section("L'organisme de formation", rowOf(2, interne), body),
		section("La qualification visée", rowOf(2, typ), row(intitule), rowOf(3, rncp, code, nsf)),
		section("Organisation de la formation", rowOf(2, debut, fin), rowOf(2, duree, enseignements)),
	)
}
