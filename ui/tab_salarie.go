package ui

import (
	"fyne.io/fyne/v2"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// salarieTab is the apprentice (or the salarié of a professionalisation
// contract), and the legal representative of a minor.
func salarieTab(fm *form) fyne.CanvasObject {
	fm.tab = "Salarié"
	app := fm.app()
	a := func(c *contract.Contract) *contract.Alternant { return &c.Apprenti }
	who := func(apprenti, pro string) string {
		if app {
			return apprenti
		}
		return pro
	}
	nom := fm.text("apprenti.nom", who("Nom de naissance de l'apprenti(e)", "Nom de naissance"), func(c *contract.Contract) *string { return &a(c).Nom })
	usage := fm.text("apprenti.nomUsage", "Nom d'usage", func(c *contract.Contract) *string { return &a(c).NomUsage })
	prenom := fm.text("apprenti.prenom", who("Le premier prénom de l'apprenti(e) selon l'état civil", "Prénom"),
		func(c *contract.Contract) *string { return &a(c).Prenom })
	sexe := fm.choice("apprenti.sexe", "Sexe", contract.Sexe, func(c *contract.Contract) *string { return &a(c).Sexe })
	naissance := fm.date("apprenti.dateNaissance", "Date de naissance", func(c *contract.Contract) *civil.Date { return &a(c).DateNaissance })
	dept := fm.text("apprenti.departementNaissance", "Département de naissance", func(c *contract.Contract) *string { return &a(c).DepartementNaissance }).
		placeholder("69, 2A, 971… ; 99 : né(e) à l'étranger")
	commune := fm.text("apprenti.communeNaissance", "Commune de naissance", func(c *contract.Contract) *string { return &a(c).CommuneNaissance })
	nir := fm.text("apprenti.nir", who("NIR de l'apprenti(e)", "NIR du salarié"), func(c *contract.Contract) *string { return &a(c).Nir }).
		placeholder("15 caractères : 1 06 05 69 383 045 15")
	nat := fm.codeSelectInt("apprenti.nationalite", "Nationalité", contract.Nationalite, false,
		func(c *contract.Contract) **int { return &a(c).Nationalite })
	addr := fm.address("apprenti.adresse", who("Adresse de l'apprenti(e)", "Adresse du salarié"),
		func(c *contract.Contract) *contract.Adresse { return &a(c).Adresse })
	tel := fm.text("apprenti.telephone", "Téléphone", func(c *contract.Contract) *string { return &a(c).Telephone }).placeholder("06 12 34 56 78")
	mail := fm.text("apprenti.courriel", "Courriel", func(c *contract.Contract) *string { return &a(c).Courriel })

	handicap := fm.yesNo("apprenti.handicap",
		who("Déclare bénéficier de la reconnaissance travailleur handicapé", "Reconnaissance de la qualité de travailleur handicapé"),
		func(c *contract.Contract) **bool { return &a(c).Handicap })
	handicapOn := func(c *contract.Contract) bool { return isYes(c.Apprenti.Handicap) }
	equiv := fm.yesNo("apprenti.handicapEquivalenceJeunes", "Équivalence jeunes : 15 à 20 ans, bénéficiaire de la PCH, de l'AEEH ou d'un PPS",
		func(c *contract.Contract) **bool { return &a(c).HandicapEquivalenceJeunes }).only(handicapOn)
	boe := fm.yesNo("apprenti.handicapExtensionBOE", "Extension BOE : bénéficiaire de l'obligation d'emploi",
		func(c *contract.Contract) **bool { return &a(c).HandicapExtensionBOE }).only(handicapOn)

	situation := fm.codeSelectInt("apprenti.situationAvantContrat", "Situation avant ce contrat", contract.SituationList(fm.kind), false,
		func(c *contract.Contract) **int { return &a(c).SituationAvantContrat })
	diplome := fm.codeSelectInt("apprenti.diplome", "Diplôme ou titre le plus élevé obtenu", contract.DiplomeList(fm.kind), false,
		func(c *contract.Contract) **int { return &a(c).Diplome })

	var regime *field
	var situationRows []fyne.CanvasObject
	var declarations []fyne.CanvasObject
	if app {
		regime = fm.codeSelectInt("apprenti.regimeSocial", "Régime social", contract.RegimeSocial, false,
			func(c *contract.Contract) **int { return &a(c).RegimeSocial })
		sport := fm.yesNo("apprenti.inscriptionSportifDeHautNiveau", "Déclare être inscrit sur la liste des sportifs de haut niveau",
			func(c *contract.Contract) **bool { return &a(c).InscriptionSportifDeHautNiveau })
		projet := fm.yesNo("apprenti.projetCreationRepriseEntreprise", "Déclare avoir un projet de création ou de reprise d'entreprise",
			func(c *contract.Contract) **bool { return &a(c).ProjetCreationRepriseEntreprise })
		declarations = []fyne.CanvasObject{rowOf(2, sport, projet), rowOf(2, handicap), rowOf(2, equiv, boe)}
		prepare := fm.codeSelectInt("apprenti.diplomePrepare", "Dernier diplôme ou titre préparé", contract.Diplome, false,
			func(c *contract.Contract) **int { return &a(c).DiplomePrepare })
		classe := fm.codeSelect("apprenti.derniereClasse", "Dernière classe / année suivie", contract.DerniereClasse, false,
			func(c *contract.Contract) *string { return &a(c).DerniereClasse })
		intitule := fm.text("apprenti.intituleDiplomePrepare", "Intitulé précis du dernier diplôme ou titre préparé",
			func(c *contract.Contract) *string { return &a(c).IntituleDiplomePrepare })
		situationRows = []fyne.CanvasObject{rowOf(2, situation), rowOf(2, prepare, classe), row(intitule), rowOf(2, diplome)}
	} else {
		inscrit := fm.yesNo("apprenti.inscritFranceTravail", "Inscrit à France Travail (ex-Pôle emploi)",
			func(c *contract.Contract) **bool { return &a(c).InscritFranceTravail })
		inscritOn := func(c *contract.Contract) bool { return isYes(c.Apprenti.InscritFranceTravail) }
		numero := fm.text("apprenti.numeroFranceTravail", "N° d'inscription (identifiant demandeur d'emploi)",
			func(c *contract.Contract) *string { return &a(c).NumeroFranceTravail }).placeholder("7 chiffres et 1 lettre").only(inscritOn)
		duree := fm.integer("apprenti.dureeInscriptionFranceTravailMois", "Durée d'inscription (mois)",
			func(c *contract.Contract) **int { return &a(c).DureeInscriptionFranceTravailMois }).only(inscritOn)
		minimum := fm.codeSelect("apprenti.typeMinimumSocial", "Type de minimum social, si bénéficiaire", contract.TypeMinimumSocial, true,
			func(c *contract.Contract) *string { return &a(c).TypeMinimumSocial })
		finalite := fm.yesNo("apprenti.diplomeFinalitePro", "Le titre de niveau bac déclaré (code 49) est à finalité professionnelle",
			func(c *contract.Contract) **bool { return &a(c).DiplomeFinalitePro }).
			only(func(c *contract.Contract) bool { return intIn(c.Apprenti.Diplome, 49) })
		declarations = []fyne.CanvasObject{rowOf(2, handicap), rowOf(2, equiv, boe), rowOf(2, inscrit, minimum), rowOf(2, numero, duree)}
		situationRows = []fyne.CanvasObject{rowOf(2, situation), rowOf(2, diplome, finalite)}
	}

	natRow := rowOf(2, nat)
	if regime != nil {
		natRow = rowOf(2, nat, regime)
	}
	identity := section(who("L'apprenti(e)", "Le salarié"),
		rowOf(2, nom, usage), rowOf(2, prenom, sexe), rowOf(2, naissance, nir), rowOf(2, dept, commune), natRow)

	mineur := fm.display("apprenti.apprentiMineur", "À la date de conclusion du contrat, la personne est", func(c *contract.Contract) string {
		switch minor, known := minorAtSignature(c); {
		case !known:
			return "(indiquez la date de naissance et la date de conclusion)"
		case minor:
			return "mineure"
		default:
			return "majeure"
		}
	})
	isMinor := func(c *contract.Contract) bool { m, _ := minorAtSignature(c); return m }
	nonEmancipe := fm.yesNo("apprenti.apprentiMineurNonEmancipe", "L'apprenti(e) est sous la responsabilité d'un représentant légal (non émancipé)",
		func(c *contract.Contract) **bool { return &a(c).ApprentiMineurNonEmancipe }).only(isMinor)
	rl := func(c *contract.Contract) *contract.ResponsableLegal { return a(c).ResponsableLegal }
	rlNom := fm.text("apprenti.responsableLegal.nom", "Représentant légal — Nom de naissance", func(c *contract.Contract) *string { return &rl(c).Nom })
	rlPrenom := fm.text("apprenti.responsableLegal.prenom", "Prénom", func(c *contract.Contract) *string { return &rl(c).Prenom })
	rlMail := fm.text("apprenti.responsableLegal.courriel", "Courriel du représentant légal", func(c *contract.Contract) *string { return &rl(c).Courriel })
	rlMeme := fm.yesNo("apprenti.responsableLegal.memeAdresse", "L'apprenti(e) vit à la même adresse que son représentant légal",
		func(c *contract.Contract) **bool { return &rl(c).MemeAdresse })
	rlAddr := fm.address("apprenti.responsableLegal.adresse", "Adresse du représentant légal",
		func(c *contract.Contract) *contract.Adresse { return rl(c).Adresse })
	representative := fm.when(func(c *contract.Contract) bool { return isMinor(c) && isYes(c.Apprenti.ApprentiMineurNonEmancipe) },
		rowOf(2, rlNom, rlPrenom), rowOf(2, rlMail, rlMeme),
		fm.when(func(c *contract.Contract) bool { return isNo(c.Apprenti.ResponsableLegal.MemeAdresse) }, rlAddr))

	return tabPage(fm,
		identity,
		section("Coordonnées", addr, rowOf(2, tel, mail)),
		section("Déclarations", declarations...),
		section("Situation et diplômes", situationRows...),
		section("Représentant légal (à renseigner si l'apprenti(e) est mineur(e) non émancipé(e))",
			rowOf(2, mineur, nonEmancipe), representative),
	)
}
