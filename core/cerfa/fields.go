package cerfa

import (
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// The bounds of free text. Names, communes and e-mails follow the
// dematerialised Cerfa's schema (80); titles of diplomas 255; the rest are
// the width of the printed box with room to spare.
const (
	maxName    = 80
	maxMail    = 80
	maxTitle   = 255
	maxLabel   = 150
	maxPhone   = 20
	maxIdent   = 20
	maxJob     = 120
	maxCaisse  = 120
	maxShort   = 20
	maxCommune = 80
)

// ————— Introduction —————

var (
	TypeFormulaire = computed(spec{key: "typeFormulaire", tab: TabIntroduction, kinds: Both, label: "Formulaire"},
		func(c *contract.Contract) (string, bool) { return string(c.TypeFormulaire), c.TypeFormulaire != "" })
	EmployeurPrivePublic = codeText(spec{key: "employeur.privePublic", tab: TabIntroduction, kinds: Both,
		label: "L'employeur est", req: true, list: one(contract.PrivePublic)}, Choice, in(employeur, func(e *contract.Employeur) *string { return &e.PrivePublic }))
	ContratModeContractuel = codeInt(spec{key: "contrat.modeContractuel", tab: TabIntroduction, kinds: App,
		label: "Mode contractuel de l'apprentissage", req: true, list: one(contract.ModeContractuel)}, Code,
		in(contrat, func(k *contract.Contrat) **int { return &k.ModeContractuel }))
	ContratTypeContratApp = codeInt(spec{key: "contrat.typeContratApp", tab: TabIntroduction, kinds: App,
		label: "Type de contrat ou d'avenant", req: true, list: one(contract.TypeContratApp)}, Code,
		in(contrat, func(k *contract.Contrat) **int { return &k.TypeContratApp }))
	ContratTypeDerogation = codeInt(spec{key: "contrat.typeDerogation", tab: TabIntroduction, kinds: App,
		label: "Type de dérogation (à renseigner si une dérogation existe pour ce contrat)", optional: true, list: one(contract.TypeDerogation)}, Code,
		in(contrat, func(k *contract.Contrat) **int { return &k.TypeDerogation }))
	ContratTypeContratPro = codeInt(spec{key: "contrat.typeContratPro", tab: TabIntroduction, kinds: Pro,
		label: "Type de contrat ou d'avenant", req: true, list: one(contract.TypeContratPro)}, Code,
		in(contrat, func(k *contract.Contrat) **int { return &k.TypeContratPro }))
	ContratNatureContrat = codeText(spec{key: "contrat.natureContrat", tab: TabIntroduction, kinds: Pro,
		label: "Nature du contrat", req: true, list: one(contract.NatureContrat)}, Choice,
		in(contrat, func(k *contract.Contrat) *string { return &k.NatureContrat }))
	ContratNumeroContratPrecedent = text(spec{key: "contrat.numeroContratPrecedent", tab: TabIntroduction, kinds: Both,
		label: "Numéro du contrat précédent ou du contrat sur lequel porte l'avenant",
		pro:   "N° du contrat précédent ou du contrat sur lequel porte l'avenant", max: maxIdent,
		when: "contrat qui succède à un autre (types 21 à 23, 24 en professionnalisation) ou avenant", applies: AsksPreviousNumber,
		placeholder: "15 caractères"}, in(contrat, func(k *contract.Contrat) *string { return &k.NumeroContratPrecedent }))
	ContratDateEffetAvenant = date(spec{key: "contrat.dateEffetAvenant", tab: TabIntroduction, kinds: Both,
		label: "Si avenant, date d'effet", req: true, when: "avenant", applies: isAvenant},
		in(contrat, func(k *contract.Contrat) *civil.Date { return &k.DateEffetAvenant }))
)

// ————— Employeur —————

var (
	EmployeurDenomination = text(spec{key: "employeur.denomination", tab: TabEmployeur, kinds: Both,
		label: "Nom et prénom ou dénomination", max: maxLabel, req: true},
		in(employeur, func(e *contract.Employeur) *string { return &e.Denomination }))
	EmployeurSiret = text(spec{key: "employeur.siret", tab: TabEmployeur, kinds: Both,
		label: "N° SIRET de l'établissement d'exécution du contrat", max: maxIdent, req: true, placeholder: "14 chiffres"},
		in(employeur, func(e *contract.Employeur) *string { return &e.Siret }))
	EmployeurAdresse = address(spec{key: "employeur.adresse", tab: TabEmployeur, kinds: Both,
		label: "Adresse de l'établissement d'exécution du contrat", req: true},
		in(employeur, func(e *contract.Employeur) *contract.Adresse { return &e.Adresse }))
	EmployeurTelephone = text(spec{key: "employeur.telephone", tab: TabEmployeur, kinds: Both,
		label: "Téléphone", max: maxPhone, req: true, placeholder: "04 78 12 34 56"},
		in(employeur, func(e *contract.Employeur) *string { return &e.Telephone }))
	EmployeurCourriel = text(spec{key: "employeur.courriel", tab: TabEmployeur, kinds: Both,
		label: "Courriel", max: maxMail, req: true}, in(employeur, func(e *contract.Employeur) *string { return &e.Courriel }))
	EmployeurTypeEmployeur = codeInt(spec{key: "employeur.typeEmployeur", tab: TabEmployeur, kinds: Both,
		label: "Type d'employeur", req: true, list: one(contract.TypeEmployeur)}, Code,
		in(employeur, func(e *contract.Employeur) **int { return &e.TypeEmployeur }))
	EmployeurSpecifique = codeInt(spec{key: "employeur.employeurSpecifique", tab: TabEmployeur, kinds: Both,
		label: "Employeur spécifique", list: one(contract.EmployeurSpecifique)}, Code,
		in(employeur, func(e *contract.Employeur) **int { return &e.EmployeurSpecifique }))
	EmployeurNaf = text(spec{key: "employeur.naf", tab: TabEmployeur, kinds: Both,
		label: "Code activité de l'entreprise (NAF)", max: maxShort, req: true, placeholder: "47.71Z"},
		in(employeur, func(e *contract.Employeur) *string { return &e.Naf }))
	EmployeurNombreDeSalaries = integer(spec{key: "employeur.nombreDeSalaries", tab: TabEmployeur, kinds: Both,
		label: "Effectif total salariés de l'entreprise", pro: "Effectif salarié de l'entreprise", req: true, min: 0, maxInt: 9999999},
		in(employeur, func(e *contract.Employeur) **int { return &e.NombreDeSalaries }))
	EmployeurCodeIdcc = text(spec{key: "employeur.codeIdcc", tab: TabEmployeur, kinds: Both,
		label: "Code IDCC de la convention collective applicable", max: maxShort, req: true, placeholder: "4 chiffres ; 9999 : aucune"},
		in(employeur, func(e *contract.Employeur) *string { return &e.CodeIdcc }))
	ContratCaisseRetraite = text(spec{key: "contrat.caisseRetraiteComplementaire", tab: TabEmployeur, kinds: Both,
		label: "Caisse de retraite complémentaire", max: maxCaisse, req: true,
		reqIf: privateOrPro, reqWhen: "employeur privé, ou contrat de professionnalisation"},
		in(contrat, func(k *contract.Contrat) *string { return &k.CaisseRetraiteComplementaire }))
	EmployeurRegimeSpecifique = yesNo(spec{key: "employeur.regimeSpecifique", tab: TabEmployeur, kinds: App,
		label: "*Pour les employeurs du secteur public, adhésion de l'apprenti au régime spécifique d'assurance chômage",
		req:   true, when: "employeur public", applies: isPublic}, YesNo,
		in(employeur, func(e *contract.Employeur) **bool { return &e.RegimeSpecifique }))
	EmployeurOrganismePrevoyance = text(spec{key: "employeur.organismePrevoyance", tab: TabEmployeur, kinds: Pro,
		label: "Organisme de prévoyance (le cas échéant)", max: maxCaisse},
		in(employeur, func(e *contract.Employeur) *string { return &e.OrganismePrevoyance }))
	EmployeurParticulier = yesNo(spec{key: "employeur.particulierEmployeur", tab: TabEmployeur, kinds: Pro,
		label: "Particulier employeur"}, YesNo, in(employeur, func(e *contract.Employeur) **bool { return &e.ParticulierEmployeur }))
	EmployeurNumeroUrssaf = text(spec{key: "employeur.numeroUrssafParticulier", tab: TabEmployeur, kinds: Pro,
		label: "N° URSSAF du particulier employeur", max: maxIdent, when: "particulier employeur", applies: isParticulier},
		in(employeur, func(e *contract.Employeur) *string { return &e.NumeroUrssafParticulier }))
)

// ————— Salarié —————

var (
	ApprentiNom = text(spec{key: "apprenti.nom", tab: TabSalarie, kinds: Both,
		label: "Nom de naissance de l'apprenti(e)", pro: "Nom de naissance", max: maxName, req: true},
		in(apprenti, func(a *contract.Alternant) *string { return &a.Nom }))
	ApprentiNomUsage = text(spec{key: "apprenti.nomUsage", tab: TabSalarie, kinds: Both,
		label: "Nom d'usage", max: maxName}, in(apprenti, func(a *contract.Alternant) *string { return &a.NomUsage }))
	ApprentiPrenom = text(spec{key: "apprenti.prenom", tab: TabSalarie, kinds: Both,
		label: "Le premier prénom de l'apprenti(e) selon l'état civil", pro: "Prénom", max: maxName, req: true},
		in(apprenti, func(a *contract.Alternant) *string { return &a.Prenom }))
	ApprentiSexe = codeText(spec{key: "apprenti.sexe", tab: TabSalarie, kinds: Both,
		label: "Sexe", req: true, list: one(contract.Sexe)}, Choice, in(apprenti, func(a *contract.Alternant) *string { return &a.Sexe }))
	ApprentiDateNaissance = date(spec{key: "apprenti.dateNaissance", tab: TabSalarie, kinds: Both,
		label: "Date de naissance", req: true}, in(apprenti, func(a *contract.Alternant) *civil.Date { return &a.DateNaissance }))
	ApprentiNir = text(spec{key: "apprenti.nir", tab: TabSalarie, kinds: Both,
		label: "NIR de l'apprenti(e)", pro: "NIR du salarié", max: 25, placeholder: "15 caractères : 1 06 05 69 383 045 15"},
		in(apprenti, func(a *contract.Alternant) *string { return &a.Nir }))
	ApprentiDepartementNaissance = text(spec{key: "apprenti.departementNaissance", tab: TabSalarie, kinds: Both,
		label: "Département de naissance", max: 3 + 2, req: true, reqIn: App, placeholder: "69, 2A, 971… ; 99 : né(e) à l'étranger"},
		in(apprenti, func(a *contract.Alternant) *string { return &a.DepartementNaissance }))
	ApprentiCommuneNaissance = text(spec{key: "apprenti.communeNaissance", tab: TabSalarie, kinds: Both,
		label: "Commune de naissance", max: maxCommune, req: true, reqIn: App},
		in(apprenti, func(a *contract.Alternant) *string { return &a.CommuneNaissance }))
	ApprentiNationalite = codeInt(spec{key: "apprenti.nationalite", tab: TabSalarie, kinds: Both,
		label: "Nationalité", req: true, reqIn: App, list: one(contract.Nationalite)}, Code,
		in(apprenti, func(a *contract.Alternant) **int { return &a.Nationalite }))
	ApprentiRegimeSocial = codeInt(spec{key: "apprenti.regimeSocial", tab: TabSalarie, kinds: App,
		label: "Régime social", req: true, list: one(contract.RegimeSocial)}, Code,
		in(apprenti, func(a *contract.Alternant) **int { return &a.RegimeSocial }))
	ApprentiAdresse = address(spec{key: "apprenti.adresse", tab: TabSalarie, kinds: Both,
		label: "Adresse de l'apprenti(e)", pro: "Adresse du salarié", req: true},
		in(apprenti, func(a *contract.Alternant) *contract.Adresse { return &a.Adresse }))
	ApprentiTelephone = text(spec{key: "apprenti.telephone", tab: TabSalarie, kinds: Both,
		label: "Téléphone", max: maxPhone, req: true, placeholder: "06 12 34 56 78"},
		in(apprenti, func(a *contract.Alternant) *string { return &a.Telephone }))
	ApprentiCourriel = text(spec{key: "apprenti.courriel", tab: TabSalarie, kinds: Both,
		label: "Courriel", max: maxMail, req: true}, in(apprenti, func(a *contract.Alternant) *string { return &a.Courriel }))
	ApprentiSportif = yesNo(spec{key: "apprenti.inscriptionSportifDeHautNiveau", tab: TabSalarie, kinds: App,
		label: "Déclare être inscrit(e) sur la liste des sportifs de haut niveau", req: true}, YesNo,
		in(apprenti, func(a *contract.Alternant) **bool { return &a.InscriptionSportifDeHautNiveau }))
	ApprentiProjetEntreprise = yesNo(spec{key: "apprenti.projetCreationRepriseEntreprise", tab: TabSalarie, kinds: App,
		label: "Déclare avoir un projet de création ou de reprise d'entreprise", req: true}, YesNo,
		in(apprenti, func(a *contract.Alternant) **bool { return &a.ProjetCreationRepriseEntreprise }))
	ApprentiHandicap = yesNo(spec{key: "apprenti.handicap", tab: TabSalarie, kinds: Both,
		label: "Déclare bénéficier de la reconnaissance travailleur handicapé",
		pro:   "Reconnaissance de la qualité de travailleur handicapé", req: true}, YesNo,
		in(apprenti, func(a *contract.Alternant) **bool { return &a.Handicap }))
	ApprentiHandicapEquivalence = yesNo(spec{key: "apprenti.handicapEquivalenceJeunes", tab: TabSalarie, kinds: Both,
		label: "Équivalence jeunes : 15 à 20 ans, bénéficiaire de la PCH, de l'AEEH ou d'un PPS",
		when:  "reconnaissance travailleur handicapé", applies: handicapOn}, YesNo,
		in(apprenti, func(a *contract.Alternant) **bool { return &a.HandicapEquivalenceJeunes }))
	ApprentiHandicapBOE = yesNo(spec{key: "apprenti.handicapExtensionBOE", tab: TabSalarie, kinds: Both,
		label: "Extension BOE : bénéficiaire de l'obligation d'emploi",
		when:  "reconnaissance travailleur handicapé", applies: handicapOn}, YesNo,
		in(apprenti, func(a *contract.Alternant) **bool { return &a.HandicapExtensionBOE }))
	ApprentiInscritFranceTravail = yesNo(spec{key: "apprenti.inscritFranceTravail", tab: TabSalarie, kinds: Pro,
		label: "Inscrit(e) à France Travail (ex-Pôle emploi)"}, YesNo,
		in(apprenti, func(a *contract.Alternant) **bool { return &a.InscritFranceTravail }))
	ApprentiNumeroFranceTravail = text(spec{key: "apprenti.numeroFranceTravail", tab: TabSalarie, kinds: Pro,
		label: "N° d'inscription", max: maxIdent, when: "inscrit(e) à France Travail", applies: franceTravailOn,
		placeholder: "7 chiffres et 1 lettre"}, in(apprenti, func(a *contract.Alternant) *string { return &a.NumeroFranceTravail }))
	ApprentiDureeFranceTravail = integer(spec{key: "apprenti.dureeInscriptionFranceTravailMois", tab: TabSalarie, kinds: Pro,
		label: "Durée d'inscription (mois)", when: "inscrit(e) à France Travail", applies: franceTravailOn, min: 0, maxInt: 999},
		in(apprenti, func(a *contract.Alternant) **int { return &a.DureeInscriptionFranceTravailMois }))
	ApprentiTypeMinimumSocial = codeText(spec{key: "apprenti.typeMinimumSocial", tab: TabSalarie, kinds: Pro,
		label: "Type de minimum social, si bénéficiaire", optional: true, list: one(contract.TypeMinimumSocial)}, Code,
		in(apprenti, func(a *contract.Alternant) *string { return &a.TypeMinimumSocial }))
	ApprentiSituation = codeInt(spec{key: "apprenti.situationAvantContrat", tab: TabSalarie, kinds: Both,
		label: "Situation avant ce contrat", req: true, list: contract.SituationList}, Code,
		in(apprenti, func(a *contract.Alternant) **int { return &a.SituationAvantContrat }))
	ApprentiDiplomePrepare = codeInt(spec{key: "apprenti.diplomePrepare", tab: TabSalarie, kinds: App,
		label: "Dernier diplôme ou titre préparé", req: true, list: one(contract.Diplome)}, Code,
		in(apprenti, func(a *contract.Alternant) **int { return &a.DiplomePrepare }))
	ApprentiDerniereClasse = codeText(spec{key: "apprenti.derniereClasse", tab: TabSalarie, kinds: App,
		label: "Dernière classe / année suivie", req: true, list: one(contract.DerniereClasse)}, Code,
		in(apprenti, func(a *contract.Alternant) *string { return &a.DerniereClasse }))
	ApprentiIntituleDiplomePrepare = text(spec{key: "apprenti.intituleDiplomePrepare", tab: TabSalarie, kinds: App,
		label: "Intitulé précis du dernier diplôme ou titre préparé", max: maxTitle, req: true},
		in(apprenti, func(a *contract.Alternant) *string { return &a.IntituleDiplomePrepare }))
	ApprentiDiplome = codeInt(spec{key: "apprenti.diplome", tab: TabSalarie, kinds: Both,
		label: "Diplôme ou titre le plus élevé obtenu", req: true, list: contract.DiplomeList}, Code,
		in(apprenti, func(a *contract.Alternant) **int { return &a.Diplome }))
	ApprentiDiplomeFinalitePro = yesNo(spec{key: "apprenti.diplomeFinalitePro", tab: TabSalarie, kinds: Pro,
		label: "Le titre de niveau bac déclaré (code 49) est à finalité professionnelle",
		when:  "diplôme le plus élevé de code 49", applies: bacCode49}, YesNo,
		in(apprenti, func(a *contract.Alternant) **bool { return &a.DiplomeFinalitePro }))
	ApprentiMineur = computed(spec{key: "apprenti.apprentiMineur", tab: TabSalarie, kinds: Both,
		label: "À la date de conclusion du contrat, la personne est"},
		func(c *contract.Contract) (string, bool) {
			switch minor, known := MinorAtSignature(c); {
			case !known:
				return "", false
			case minor:
				return "mineure", true
			}
			return "majeure", true
		})
	ApprentiMineurNonEmancipe = yesNo(spec{key: "apprenti.apprentiMineurNonEmancipe", tab: TabSalarie, kinds: Both,
		label: "L'apprenti(e) est sous la responsabilité d'un représentant légal (non émancipé)",
		req:   true, when: "mineur(e) à la date de conclusion", applies: minorNow}, YesNo,
		in(apprenti, func(a *contract.Alternant) **bool { return &a.ApprentiMineurNonEmancipe }))
	LegalNom = text(spec{key: "apprenti.responsableLegal.nom", tab: TabSalarie, kinds: Both,
		label: "Représentant légal — Nom de naissance", max: maxName, req: true,
		when: "mineur(e) non émancipé(e)", applies: LegalRepresentative}, in(legal, func(r *contract.ResponsableLegal) *string { return &r.Nom }))
	LegalPrenom = text(spec{key: "apprenti.responsableLegal.prenom", tab: TabSalarie, kinds: Both,
		label: "Représentant légal — Prénom", max: maxName, req: true,
		when: "mineur(e) non émancipé(e)", applies: LegalRepresentative}, in(legal, func(r *contract.ResponsableLegal) *string { return &r.Prenom }))
	LegalCourriel = text(spec{key: "apprenti.responsableLegal.courriel", tab: TabSalarie, kinds: Both,
		label: "Courriel du représentant légal", max: maxMail, req: true,
		when: "mineur(e) non émancipé(e)", applies: LegalRepresentative}, in(legal, func(r *contract.ResponsableLegal) *string { return &r.Courriel }))
	LegalMemeAdresse = yesNo(spec{key: "apprenti.responsableLegal.memeAdresse", tab: TabSalarie, kinds: Both,
		label: "L'apprenti(e) vit à la même adresse que son représentant légal", req: true,
		when: "mineur(e) non émancipé(e)", applies: LegalRepresentative}, YesNo,
		in(legal, func(r *contract.ResponsableLegal) **bool { return &r.MemeAdresse }))
	LegalAdresse = address(spec{key: "apprenti.responsableLegal.adresse", tab: TabSalarie, kinds: Both,
		label: "Adresse du représentant légal", req: true,
		when: "mineur(e) non émancipé(e) ne vivant pas chez son représentant légal", applies: legalOwnAddress}, legalAdr)
)

// ————— Tuteur —————

// MaitreFields are the 7 fields of a maître d'apprentissage.
type MaitreFields struct {
	Nom, Prenom            Of[string]
	DateNaissance          Of[civil.Date]
	Courriel, EmploiOccupe Of[string]
	Diplome                Of[string]
	NiveauDiplome          Of[*int]
}

func maitre(prefix, when string, applies func(*contract.Contract) bool, b block[contract.Maitre]) MaitreFields {
	s := func(key, label string, max int) spec {
		return spec{key: prefix + "." + key, tab: TabTuteur, kinds: App, label: label, max: max, req: true, when: when, applies: applies}
	}
	niveau := s("niveauDiplome", "Niveau de diplôme ou titre le plus élevé obtenu", 0)
	niveau.list = one(contract.NiveauDiplomeMaitre)
	return MaitreFields{
		Nom:           text(s("nom", "Nom de naissance", maxName), in(b, func(m *contract.Maitre) *string { return &m.Nom })),
		Prenom:        text(s("prenom", "Prénom", maxName), in(b, func(m *contract.Maitre) *string { return &m.Prenom })),
		DateNaissance: date(s("dateNaissance", "Date de naissance", 0), in(b, func(m *contract.Maitre) *civil.Date { return &m.DateNaissance })),
		Courriel:      text(s("courriel", "Courriel", maxMail), in(b, func(m *contract.Maitre) *string { return &m.Courriel })),
		EmploiOccupe:  text(s("emploiOccupe", "Emploi occupé", maxJob), in(b, func(m *contract.Maitre) *string { return &m.EmploiOccupe })),
		Diplome:       text(s("diplome", "Diplôme ou titre le plus élevé obtenu", maxTitle), in(b, func(m *contract.Maitre) *string { return &m.Diplome })),
		NiveauDiplome: codeInt(niveau, Code, in(b, func(m *contract.Maitre) **int { return &m.NiveauDiplome })),
	}
}

// TutorFields are the fields of a tutor of a professionalisation contract.
type TutorFields struct {
	Nom, Prenom   Of[string]
	DateNaissance Of[civil.Date]
	EmploiOccupe  Of[string]
	Courriel      Of[string]
}

func tutor(prefix, when string, applies func(*contract.Contract) bool, b block[contract.Tuteur]) TutorFields {
	s := func(key, label string, max int, req bool) spec {
		return spec{key: prefix + "." + key, tab: TabTuteur, kinds: Pro, label: label, max: max, req: req, when: when, applies: applies}
	}
	return TutorFields{
		Nom:           text(s("nom", "Nom", maxName, true), in(b, func(t *contract.Tuteur) *string { return &t.Nom })),
		Prenom:        text(s("prenom", "Prénom", maxName, true), in(b, func(t *contract.Tuteur) *string { return &t.Prenom })),
		DateNaissance: date(s("dateNaissance", "Date de naissance", 0, true), in(b, func(t *contract.Tuteur) *civil.Date { return &t.DateNaissance })),
		EmploiOccupe:  text(s("emploiOccupe", "Emploi occupé", maxJob, true), in(b, func(t *contract.Tuteur) *string { return &t.EmploiOccupe })),
		Courriel:      text(s("courriel", "Courriel", maxMail, false), in(b, func(t *contract.Tuteur) *string { return &t.Courriel })),
	}
}

var (
	Maitre1 = maitre("maitre1", "", nil, maitre1)
	Maitre2 = maitre("maitre2", "maître d'apprentissage n°2 déclaré", maitre2Declared, maitre2)

	EmployeurAttestationEligibilite = yesNo(spec{key: "employeur.attestationEligibilite", tab: TabTuteur, kinds: App,
		label: "L'employeur atteste sur l'honneur que le maître d'apprentissage répond à l'ensemble des critères d'éligibilité à cette fonction.",
		req:   true}, Check, in(employeur, func(e *contract.Employeur) **bool { return &e.AttestationEligibilite }))

	Tuteur                 = tutor("tuteur", "", nil, tuteur)
	TuteurAnneesExperience = integer(spec{key: "tuteur.anneesExperience", tab: TabTuteur, kinds: Pro,
		label: "Expérience professionnelle en rapport avec la qualification visée (années)", min: 0, maxInt: 60},
		in(tuteur, func(t *contract.Tuteur) **int { return &t.AnneesExperience }))
	TuteurEstEmployeur = yesNo(spec{key: "tuteur.estEmployeur", tab: TabTuteur, kinds: Pro,
		label: "L'employeur exerce lui-même la fonction de tuteur"}, YesNo,
		in(tuteur, func(t *contract.Tuteur) **bool { return &t.EstEmployeur }))
	TuteurAlternantsSuivis = integer(spec{key: "tuteur.nombreAlternantsSuivis", tab: TabTuteur, kinds: Pro,
		label: "Autres salariés en alternance suivis simultanément", min: 0, maxInt: 99},
		in(tuteur, func(t *contract.Tuteur) **int { return &t.NombreAlternantsSuivis }))
	TuteurEU = tutor("tuteurEntrepriseUtilisatrice", "travail temporaire ou groupement d'employeurs (employeur spécifique 1 ou 2)",
		UserCompanyTutor, tuteurEU)
)

// ————— Contrat —————

var (
	ContratDateConclusion = date(spec{key: "contrat.dateConclusion", tab: TabContrat, kinds: Both,
		label: "Date de conclusion (date de signature du présent contrat)", pro: "Date de conclusion (signature)", req: true},
		in(contrat, func(k *contract.Contrat) *civil.Date { return &k.DateConclusion }))
	ContratDateDebut = date(spec{key: "contrat.dateDebutContrat", tab: TabContrat, kinds: Both,
		label: "Date de début d'exécution du contrat", req: true},
		in(contrat, func(k *contract.Contrat) *civil.Date { return &k.DateDebutContrat }))
	ContratDateDebutPratique = date(spec{key: "contrat.dateDebutFormationPratique", tab: TabContrat, kinds: App,
		label: "Date de début de formation pratique chez l'employeur", req: true},
		in(contrat, func(k *contract.Contrat) *civil.Date { return &k.DateDebutFormationPratique }))
	ContratDateFinApp = date(spec{key: "contrat.dateFinContrat", tab: TabContrat, kinds: App,
		label: "Date de fin du contrat ou de la période d'apprentissage", req: true},
		in(contrat, func(k *contract.Contrat) *civil.Date { return &k.DateFinContrat }))
	ContratDateFinPro = date(spec{key: "contrat.dateFinContrat", tab: TabContrat, kinds: Pro,
		label: "Date de fin du CDD", req: true, when: "CDD", applies: isCDD},
		in(contrat, func(k *contract.Contrat) *civil.Date { return &k.DateFinContrat }))
	ContratDateDebutActionPro = date(spec{key: "contrat.dateDebutActionPro", tab: TabContrat, kinds: Pro,
		label: "Date de début de l'action de professionnalisation (CDI)", req: true, when: "CDI", applies: isCDI},
		in(contrat, func(k *contract.Contrat) *civil.Date { return &k.DateDebutActionPro }))
	ContratDateFinActionPro = date(spec{key: "contrat.dateFinActionPro", tab: TabContrat, kinds: Pro,
		label: "Date de fin de l'action de professionnalisation (CDI)", req: true, when: "CDI", applies: isCDI},
		in(contrat, func(k *contract.Contrat) *civil.Date { return &k.DateFinActionPro }))
	ContratDuree = computed(spec{key: "contrat.dureeContrat", tab: TabContrat, kinds: Both, label: "Durée du contrat"},
		func(c *contract.Contract) (string, bool) {
			start, end := c.Contrat.DateDebutContrat, c.Contrat.DateFinContrat
			if c.TypeFormulaire == contract.Professionnalisation {
				start, end = c.PeriodePro()
			}
			s := SpanText(start, end)
			return s, s != "—"
		})
	ContratAccordBranche = yesNo(spec{key: "contrat.accordBrancheAllongement", tab: TabContrat, kinds: Pro,
		label: "Accord de branche portant la durée au-delà de 12 mois"}, YesNo,
		in(contrat, func(k *contract.Contrat) **bool { return &k.AccordBrancheAllongement }))
	ContratEmploiOccupe = text(spec{key: "contrat.emploiOccupe", tab: TabContrat, kinds: Pro,
		label: "Emploi occupé pendant le contrat", max: maxJob, req: true},
		in(contrat, func(k *contract.Contrat) *string { return &k.EmploiOccupe }))
	ContratClassification = text(spec{key: "contrat.classificationEmploi", tab: TabContrat, kinds: Pro,
		label: "Classification de l'emploi dans la convention collective", max: maxJob},
		in(contrat, func(k *contract.Contrat) *string { return &k.ClassificationEmploi }))
	ContratNiveau = text(spec{key: "contrat.niveauClassification", tab: TabContrat, kinds: Pro,
		label: "Niveau", max: maxShort}, in(contrat, func(k *contract.Contrat) *string { return &k.NiveauClassification }))
	ContratCoefficient = text(spec{key: "contrat.coefficientHierarchique", tab: TabContrat, kinds: Pro,
		label: "Coefficient hiérarchique", max: maxShort}, in(contrat, func(k *contract.Contrat) *string { return &k.CoefficientHierarchique }))
	ContratHeures = integer(spec{key: "contrat.dureeTravailHebdoHeures", tab: TabContrat, kinds: Both,
		label: "Durée hebdomadaire du travail (heures)", req: true, min: 0, maxInt: 99},
		in(contrat, func(k *contract.Contrat) **int { return &k.DureeTravailHebdoHeures }))
	ContratMinutes = integer(spec{key: "contrat.dureeTravailHebdoMinutes", tab: TabContrat, kinds: Both,
		label: "Durée hebdomadaire du travail (minutes)", min: 0, maxInt: 59},
		in(contrat, func(k *contract.Contrat) **int { return &k.DureeTravailHebdoMinutes }))
	ContratPeriodeEssai = integer(spec{key: "contrat.periodeEssaiJours", tab: TabContrat, kinds: Pro,
		label: "Durée de la période d'essai (jours)", min: 0, maxInt: 999},
		in(contrat, func(k *contract.Contrat) **int { return &k.PeriodeEssaiJours }))
	ContratTravailRisque = yesNo(spec{key: "contrat.travailRisque", tab: TabContrat, kinds: App,
		label: "Travail sur machines dangereuses ou exposition à des risques particuliers", req: true}, YesNo,
		in(contrat, func(k *contract.Contrat) **bool { return &k.TravailRisque }))
	ContratSmc = money(spec{key: "contrat.smc", tab: TabContrat, kinds: Both,
		label: "Salaire minimum conventionnel (SMC)"}, in(contrat, func(k *contract.Contrat) **contract.Money { return &k.Smc }))
	ContratRemunerations = computed(spec{key: "contrat.remunerationsAnnuelles", tab: TabContrat, kinds: Both,
		label: "Rémunération (% du SMIC ou du SMC* : salaire minimum conventionnel)"},
		func(c *contract.Contract) (string, bool) {
			s := RemunerationSummary(c.Contrat.RemunerationsAnnuelles)
			return s, s != ""
		})
	ContratSalaireEmbauche = money(spec{key: "contrat.salaireEmbauche", tab: TabContrat, kinds: Both,
		label: "Salaire brut mensuel à l'embauche"},
		in(contrat, func(k *contract.Contrat) **contract.Money { return &k.SalaireEmbauche }))
	ContratAvantageNature = yesNo(spec{key: "contrat.avantageNature", tab: TabContrat, kinds: App,
		label: "L'apprenti(e) bénéficie d'avantages en nature", req: true}, YesNo,
		in(contrat, func(k *contract.Contrat) **bool { return &k.AvantageNature }))
	ContratAvantageNourriture = money(spec{key: "contrat.avantageNourriture", tab: TabContrat, kinds: App,
		label: "Nourriture (€ par repas)", when: "avantages en nature", applies: avantagesOn},
		in(contrat, func(k *contract.Contrat) **contract.Money { return &k.AvantageNourriture }))
	ContratAvantageLogement = money(spec{key: "contrat.avantageLogement", tab: TabContrat, kinds: App,
		label: "Logement (€ par mois)", when: "avantages en nature", applies: avantagesOn},
		in(contrat, func(k *contract.Contrat) **contract.Money { return &k.AvantageLogement }))
	ContratAutreAvantage = yesNo(spec{key: "contrat.autreAvantageEnNature", tab: TabContrat, kinds: App,
		label: "Autre avantage en nature", when: "avantages en nature", applies: avantagesOn}, Check,
		in(contrat, func(k *contract.Contrat) **bool { return &k.AutreAvantageEnNature }))
	ContratLieuSignature = text(spec{key: "contrat.lieuSignatureContrat", tab: TabContrat, kinds: Both,
		label: "Fait à", max: maxCommune, req: true}, in(contrat, func(k *contract.Contrat) *string { return &k.LieuSignatureContrat }))
)

// ————— Formation —————

var (
	OrganismeFormationInterne = yesNo(spec{key: "organismeFormation.formationInterne", tab: TabFormation, kinds: Both,
		label: "CFA d'entreprise", pro: "Formation assurée par un service de formation interne à l'entreprise", req: true}, YesNo,
		in(organisme, func(o *contract.Organisme) **bool { return &o.FormationInterne }))
	OrganismeDenomination = text(spec{key: "organismeFormation.denomination", tab: TabFormation, kinds: Both,
		label: "Dénomination du CFA responsable", pro: "Dénomination de l'organisme de formation principal", max: maxLabel, req: true, reqIn: App,
		when: "CFA, ou organisme de formation externe (professionnalisation)", applies: appOrExternal},
		in(organisme, func(o *contract.Organisme) *string { return &o.Denomination }))
	OrganismeNda = text(spec{key: "organismeFormation.numeroDeclarationActivite", tab: TabFormation, kinds: Pro,
		label: "N° de déclaration d'activité (NDA)", max: maxIdent, when: "organisme de formation externe", applies: externalBody,
		placeholder: "11 chiffres"}, in(organisme, func(o *contract.Organisme) *string { return &o.NumeroDeclarationActivite }))
	OrganismeUai = text(spec{key: "organismeFormation.uaiCfa", tab: TabFormation, kinds: Both,
		label: "N° UAI du CFA", pro: "N° UAI (le cas échéant)", max: maxIdent, placeholder: "7 chiffres et 1 lettre",
		when: "CFA, ou organisme de formation externe (professionnalisation)", applies: appOrExternal},
		in(organisme, func(o *contract.Organisme) *string { return &o.UaiCfa }))
	OrganismeSiret = text(spec{key: "organismeFormation.siret", tab: TabFormation, kinds: Both,
		label: "N° SIRET CFA", pro: "N° SIRET de l'organisme", max: maxIdent, req: true, reqIn: App, placeholder: "14 chiffres",
		when: "CFA, ou organisme de formation externe (professionnalisation)", applies: appOrExternal},
		in(organisme, func(o *contract.Organisme) *string { return &o.Siret }))
	OrganismeAdresse = address(spec{key: "organismeFormation.adresse", tab: TabFormation, kinds: Both,
		label: "Adresse du CFA responsable", pro: "Adresse de l'organisme de formation", req: true, reqIn: App,
		when: "CFA, ou organisme de formation externe (professionnalisation)", applies: appOrExternal},
		in(organisme, func(o *contract.Organisme) *contract.Adresse { return &o.Adresse }))
	OrganismeNombre = integer(spec{key: "organismeFormation.nombreOrganismes", tab: TabFormation, kinds: Pro,
		label: "Nombre d'organismes de formation", min: 0, maxInt: 99, when: "organisme de formation externe", applies: externalBody},
		in(organisme, func(o *contract.Organisme) **int { return &o.NombreOrganismes }))
	OrganismeQualiopi = yesNo(spec{key: "organismeFormation.certificationQualiopi", tab: TabFormation, kinds: Pro,
		label: "Certification Qualiopi de l'organisme", when: "organisme de formation externe", applies: externalBody}, YesNo,
		in(organisme, func(o *contract.Organisme) **bool { return &o.CertificationQualiopi }))

	EtablissementMemeResponsable = yesNo(spec{key: "etablissementFormation.memeResponsable", tab: TabFormation, kinds: App,
		label: "Le CFA responsable est le lieu de formation principal", req: true}, YesNo,
		in(etab, func(e *contract.EtablissementFormation) **bool { return &e.MemeResponsable }))
	EtablissementDenomination = text(spec{key: "etablissementFormation.denomination", tab: TabFormation, kinds: App,
		label: "Dénomination du lieu de formation principal", max: maxLabel, req: true,
		when: "lieu de formation différent du CFA responsable", applies: OtherTrainingPlace},
		in(etab, func(e *contract.EtablissementFormation) *string { return &e.Denomination }))
	EtablissementUai = text(spec{key: "etablissementFormation.uaiCfa", tab: TabFormation, kinds: App,
		label: "N° UAI", max: maxIdent, when: "lieu de formation différent du CFA responsable", applies: OtherTrainingPlace},
		in(etab, func(e *contract.EtablissementFormation) *string { return &e.UaiCfa }))
	EtablissementSiret = text(spec{key: "etablissementFormation.siret", tab: TabFormation, kinds: App,
		label: "N° SIRET", max: maxIdent, req: true, when: "lieu de formation différent du CFA responsable", applies: OtherTrainingPlace},
		in(etab, func(e *contract.EtablissementFormation) *string { return &e.Siret }))
	EtablissementAdresse = address(spec{key: "etablissementFormation.adresse", tab: TabFormation, kinds: App,
		label: "Adresse du lieu de formation principal", req: true,
		when: "lieu de formation différent du CFA responsable", applies: OtherTrainingPlace}, etabAdr)

	FormationTypeDiplome = codeInt(spec{key: "formation.typeDiplome", tab: TabFormation, kinds: App,
		label: "Diplôme ou titre visé par l'apprenti(e)", req: true, list: one(contract.Diplome)}, Code,
		in(formation, func(f *contract.Formation) **int { return &f.TypeDiplome }))
	FormationTypeQualification = codeInt(spec{key: "formation.typeQualification", tab: TabFormation, kinds: Pro,
		label: "Type de qualification visée", req: true, list: one(contract.TypeQualification)}, Code,
		in(formation, func(f *contract.Formation) **int { return &f.TypeQualification }))
	FormationIntitule = text(spec{key: "formation.intituleQualification", tab: TabFormation, kinds: Both,
		label: "Intitulé précis", pro: "Intitulé précis de la qualification visée", max: maxTitle, req: true},
		in(formation, func(f *contract.Formation) *string { return &f.IntituleQualification }))
	FormationCodeDiplome = text(spec{key: "formation.codeDiplome", tab: TabFormation, kinds: Both,
		label: "Code du diplôme", pro: "Code diplôme (le cas échéant)", max: maxIdent, req: true, reqIn: App, placeholder: "8 caractères"},
		in(formation, func(f *contract.Formation) *string { return &f.CodeDiplome }))
	FormationRncp = text(spec{key: "formation.rncp", tab: TabFormation, kinds: Both,
		label: "Code RNCP", max: maxIdent, req: true, reqIn: App, placeholder: "RNCP38362"},
		in(formation, func(f *contract.Formation) *string { return &f.Rncp }))
	FormationNsf = text(spec{key: "formation.specialiteNsf", tab: TabFormation, kinds: Pro,
		label: "Spécialité de formation (code NSF)", max: maxShort, placeholder: "312, 312t…"},
		in(formation, func(f *contract.Formation) *string { return &f.SpecialiteNsf }))
	FormationDateDebut = date(spec{key: "formation.dateDebutFormation", tab: TabFormation, kinds: Both,
		label: "Date de début de formation en CFA", pro: "Date de début du cycle de formation", req: true},
		in(formation, func(f *contract.Formation) *civil.Date { return &f.DateDebutFormation }))
	FormationDateFin = date(spec{key: "formation.dateFinFormation", tab: TabFormation, kinds: Both,
		label: "Date prévue de fin des épreuves ou examens", req: true},
		in(formation, func(f *contract.Formation) *civil.Date { return &f.DateFinFormation }))
	FormationDuree = integer(spec{key: "formation.dureeFormation", tab: TabFormation, kinds: Both,
		label: "Durée de la formation (heures)", pro: "Durée totale des actions d'évaluation, d'accompagnement et des enseignements (heures)",
		req: true, min: 1, maxInt: 9999}, in(formation, func(f *contract.Formation) **int { return &f.DureeFormation }))
	FormationDureeDistance = integer(spec{key: "formation.dureeFormationDistance", tab: TabFormation, kinds: App,
		label: "dont formation à distance (heures)", min: 0, maxInt: 9999},
		in(formation, func(f *contract.Formation) **int { return &f.DureeFormationDistance }))
	FormationDureeEnseignements = integer(spec{key: "formation.dureeEnseignements", tab: TabFormation, kinds: Pro,
		label: "dont enseignements généraux, professionnels et technologiques (heures)", min: 0, maxInt: 9999},
		in(formation, func(f *contract.Formation) **int { return &f.DureeEnseignements }))
)

// ————— Cadre réservé à l'organisme en charge du dépôt (written by the OPCO) —————

func depotText(get func(d *contract.Depot) string) func(c *contract.Contract) (string, bool) {
	return func(c *contract.Contract) (string, bool) {
		if c.Depot == nil {
			return "", false
		}
		v := get(c.Depot)
		return v, v != ""
	}
}

func depotDate(get func(d *contract.Depot) civil.Date) func(c *contract.Contract) (string, bool) {
	return depotText(func(d *contract.Depot) string {
		if v := get(d); !v.IsZero() {
			return v.String()
		}
		return ""
	})
}

var (
	DepotNomOrganisme = computed(spec{key: "depot.nomOrganisme", tab: TabContrat, kinds: Both, label: "Nom de l'organisme",
		when: "contrat reçu par l'OPCO", applies: hasDepot}, depotText(func(d *contract.Depot) string { return d.NomOrganisme }))
	DepotSiretOrganisme = computed(spec{key: "depot.siretOrganisme", tab: TabContrat, kinds: Both, label: "N° SIRET de l'organisme",
		when: "contrat reçu par l'OPCO", applies: hasDepot}, depotText(func(d *contract.Depot) string { return d.SiretOrganisme }))
	DepotDateReception = computed(spec{key: "depot.dateReception", tab: TabContrat, kinds: Both, label: "Date de réception du dossier complet",
		when: "contrat reçu par l'OPCO", applies: hasDepot}, depotDate(func(d *contract.Depot) civil.Date { return d.DateReception }))
	DepotDateDecision = computed(spec{key: "depot.dateDecision", tab: TabContrat, kinds: Both, label: "Date de la décision",
		when: "contrat reçu par l'OPCO", applies: hasDepot}, depotDate(func(d *contract.Depot) civil.Date { return d.DateDecision }))
	DepotNumero = computed(spec{key: "depot.numeroDepot", tab: TabContrat, kinds: Both, label: "N° de dépôt",
		when: "contrat reçu par l'OPCO", applies: hasDepot}, depotText(func(d *contract.Depot) string { return d.NumeroDepot }))
	DepotNumeroAvenant = computed(spec{key: "depot.numeroAvenant", tab: TabContrat, kinds: Both, label: "Numéro d'avenant",
		when: "contrat reçu par l'OPCO", applies: hasDepot}, depotText(func(d *contract.Depot) string { return d.NumeroAvenant }))
)

// ————— Documents —————

var EmployeurAttestationPieces = yesNo(spec{key: "employeur.attestationPieces", tab: TabDocuments, kinds: Both,
	label: "L'employeur atteste disposer de l'ensemble des pièces justificatives nécessaires au dépôt du contrat.",
	req:   true}, Check, in(employeur, func(e *contract.Employeur) **bool { return &e.AttestationPieces }))
