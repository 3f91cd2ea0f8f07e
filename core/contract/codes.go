package contract

import "strconv"

// Code is one entry of a Cerfa code list.
type Code struct {
	Code  string
	Label string
}

// CodeList is a Cerfa code list with its French labels, in the Cerfa's order.
type CodeList struct {
	Name  string
	Codes []Code
}

// Label returns the label of code c, or "" when the list does not hold it.
func (l CodeList) Label(c string) string {
	for _, e := range l.Codes {
		if e.Code == c {
			return e.Label
		}
	}
	return ""
}

// Has reports whether c is in the list.
func (l CodeList) Has(c string) bool { return l.Label(c) != "" }

// HasInt reports whether the integer code n is in the list.
func (l CodeList) HasInt(n int) bool { return l.Has(strconv.Itoa(n)) }

// LabelInt returns the label of the integer code n.
func (l CodeList) LabelInt(n int) string { return l.Label(strconv.Itoa(n)) }

func list(name string, pairs ...string) CodeList {
	l := CodeList{Name: name}
	for i := 0; i+1 < len(pairs); i += 2 {
		l.Codes = append(l.Codes, Code{pairs[i], pairs[i+1]})
	}
	return l
}

// The code lists of both Cerfas (A-note §A.9, pro note §2).
var (
	PrivePublic = list("Employeur privé ou public",
		"prive", "Employeur privé",
		"public", "Employeur « public »")

	TypeEmployeur = list("Type d'employeur",
		"11", "Entreprise inscrite au répertoire des métiers ou au registre des entreprises pour l'Alsace-Moselle",
		"12", "Entreprise inscrite uniquement au registre du commerce et des sociétés",
		"13", "Entreprise dont les salariés relèvent de la mutualité sociale agricole",
		"14", "Profession libérale",
		"15", "Association",
		"16", "Autre employeur privé",
		"21", "Service de l'État (administrations centrales et leurs services déconcentrés)",
		"22", "Commune",
		"23", "Département",
		"24", "Région",
		"25", "Établissement public hospitalier",
		"26", "Établissement public local d'enseignement",
		"27", "Établissement public administratif de l'État",
		"28", "Établissement public administratif local (y compris EPCI)",
		"29", "Autre employeur public",
		"30", "Établissement public industriel et commercial (EPIC)")

	EmployeurSpecifique = list("Employeur spécifique",
		"0", "Aucun de ces cas",
		"1", "Entreprise de travail temporaire",
		"2", "Groupement d'employeurs",
		"3", "Employeur saisonnier",
		"4", "Apprentissage familial : l'employeur est un ascendant de l'apprenti")

	ModeContractuel = list("Mode contractuel de l'apprentissage",
		"1", "À durée limitée",
		"2", "Dans le cadre d'un CDI",
		"3", "Entreprise de travail temporaire",
		"4", "Activités saisonnières à deux employeurs")

	TypeContratApp = list("Type de contrat ou d'avenant",
		"11", "Premier contrat d'apprentissage de l'apprenti",
		"21", "Nouveau contrat avec un apprenti qui a terminé son précédent contrat auprès d'un même employeur",
		"22", "Nouveau contrat avec un apprenti qui a terminé son précédent contrat auprès d'un autre employeur",
		"23", "Nouveau contrat avec un apprenti dont le précédent contrat auprès d'un autre employeur a été rompu",
		"31", "Avenant : modification de la situation juridique de l'employeur",
		"32", "Avenant : changement d'employeur dans le cadre d'un contrat saisonnier",
		"33", "Avenant : prolongation du contrat suite à un échec à l'examen de l'apprenti",
		"34", "Avenant : prolongation du contrat suite à la reconnaissance de l'apprenti comme travailleur handicapé",
		"35", "Avenant : modification du diplôme préparé par l'apprenti",
		"36", "Avenant : autres changements (maître d'apprentissage, durée de travail hebdomadaire, réduction de durée…)",
		"37", "Avenant : modification du lieu d'exécution du contrat",
		"38", "Avenant : modification du lieu principal de réalisation de la formation théorique")

	TypeDerogation = list("Type de dérogation",
		"11", "Âge de l'apprenti inférieur à 16 ans",
		"12", "Âge supérieur à 29 ans : cas spécifiques prévus dans le code du travail",
		"21", "Réduction de la durée du contrat ou de la période d'apprentissage",
		"22", "Allongement de la durée du contrat ou de la période d'apprentissage",
		"50", "Cumul de dérogations",
		"60", "Autre dérogation")

	Nationalite = list("Nationalité",
		"1", "Française",
		"2", "Union Européenne",
		"3", "Étranger hors Union Européenne")

	RegimeSocial = list("Régime social", "1", "MSA", "2", "URSSAF")

	Sexe = list("Sexe", "M", "Masculin", "F", "Féminin")

	SituationApp = list("Situation avant ce contrat",
		"1", "Scolaire",
		"2", "Prépa apprentissage",
		"3", "Étudiant",
		"4", "Contrat d'apprentissage",
		"5", "Contrat de professionnalisation",
		"6", "Contrat aidé",
		"7", "En formation au CFA sous statut de stagiaire de la formation professionnelle, avant signature d'un contrat d'apprentissage",
		"8", "En formation au CFA sans contrat, sous statut de stagiaire de la formation professionnelle, suite à rupture",
		"9", "Autres situations sous statut de stagiaire de la formation professionnelle",
		"10", "Salarié",
		"11", "Personne à la recherche d'un emploi (inscrite ou non à France Travail)",
		"12", "Inactif")

	Diplome = list("Diplôme ou titre",
		"25", "Diplôme national du Brevet",
		"26", "Certificat de formation générale",
		"13", "Aucun diplôme ni titre professionnel",
		"33", "CAP",
		"34", "BEP",
		"35", "Mention complémentaire",
		"38", "Autre diplôme ou titre de niveau CAP/BEP",
		"41", "Baccalauréat professionnel",
		"42", "Baccalauréat général",
		"43", "Baccalauréat technologique",
		"49", "Autre diplôme ou titre de niveau bac",
		"54", "Brevet de Technicien Supérieur",
		"55", "Diplôme Universitaire de technologie",
		"58", "Autre diplôme ou titre de niveau bac+2",
		"61", "1ère année de Master",
		"62", "Licence professionnelle",
		"63", "Licence générale",
		"69", "Autre diplôme ou titre de niveau bac +3 ou 4",
		"71", "Master professionnel/DESS",
		"72", "Master recherche/DEA",
		"73", "Master indifférencié",
		"74", "Diplôme d'ingénieur, diplôme d'école de commerce",
		"79", "Autre diplôme ou titre de niveau bac+5 ou plus",
		"80", "Doctorat")

	DerniereClasse = list("Dernière classe / année suivie",
		"01", "Dernière année du cycle suivie et diplôme/titre obtenu",
		"11", "1ère année du cycle suivie et validée",
		"12", "1ère année du cycle suivie, non validée",
		"21", "2e année du cycle suivie et validée",
		"22", "2e année du cycle suivie, non validée",
		"31", "3e année du cycle suivie et validée",
		"32", "3e année du cycle suivie, non validée",
		"40", "A achevé le 1er cycle de l'enseignement secondaire (collège)",
		"41", "A interrompu ses études en classe de 3e",
		"42", "A interrompu ses études en classe de 4e")

	NiveauDiplomeMaitre = list("Niveau de diplôme ou titre le plus élevé obtenu",
		"0", "Aucun diplôme ou titre",
		"3", "CAP, BEP",
		"4", "Baccalauréat",
		"5", "DEUG, BTS, DUT, DEUST",
		"6", "Licence, licence professionnelle, BUT, Maîtrise",
		"7", "Master, DEA, DESS, diplôme d'ingénieur",
		"8", "Doctorat, habilitation à diriger des recherches")

	TypeSalaire = list("Type de salaire",
		"SMIC", "Salaire minimum de croissance",
		"SMC", "Salaire minimum conventionnel")

	TypeContratPro = list("Type de contrat ou d'avenant",
		"11", "Contrat initial",
		"12", "Contrat initial conclu avec deux employeurs pour une activité saisonnière",
		"21", "Nouveau contrat suite à un échec aux épreuves d'évaluation",
		"22", "Nouveau contrat suite à la défaillance de l'organisme de formation",
		"23", "Nouveau contrat suite à maternité, maladie ou accident du travail",
		"24", "Nouveau contrat pour obtenir une qualification supérieure ou complémentaire",
		"30", "Avenant (durée, formation, programme, employeur, tuteur, rémunération…)")

	NatureContrat = list("Nature du contrat",
		"CDD", "Contrat à durée déterminée",
		"CDI", "Contrat à durée indéterminée")

	TypeQualification = list("Type de qualification visée",
		"1", "Certification enregistrée au RNCP autre qu'un CQP",
		"2", "Certificat de qualification professionnelle (CQP)",
		"3", "Qualification reconnue dans les classifications d'une convention collective nationale",
		"4", "Action du contrat de professionnalisation expérimental (close)",
		"5", "Préqualification (abrogé)",
		"6", "Certification inscrite au répertoire spécifique (abrogé)",
		"7", "Autre (abrogé)",
		"8", "Qualification visée dans l'expérimentation avec la VAE")

	SituationPro = list("Situation avant ce contrat",
		"1", "Scolaire",
		"2", "Préqualification",
		"3", "Étudiant",
		"4", "Contrat d'apprentissage",
		"5", "Contrat de professionnalisation",
		"6", "Salarié en contrat aidé (CUI-CIE, CUI-CAE)",
		"7", "Stagiaire de la formation professionnelle",
		"8", "Salarié",
		"9", "Personne à la recherche d'un emploi",
		"10", "Inactif")

	DiplomePro = list("Diplôme ou titre le plus élevé obtenu",
		"10", "Doctorat",
		"11", "Master 2 professionnel, DESS, diplôme de grande école",
		"12", "Master 2 recherche, DEA",
		"19", "Autre diplôme ou titre de niveau bac+5 ou plus",
		"21", "Master 1 professionnel",
		"22", "Master 1 général",
		"23", "Licence professionnelle",
		"24", "Licence générale",
		"29", "Autre diplôme ou titre de niveau bac+3 ou 4",
		"31", "BTS",
		"32", "DUT",
		"39", "Autre diplôme ou titre de niveau bac+2",
		"41", "Baccalauréat professionnel",
		"42", "Baccalauréat général",
		"43", "Baccalauréat technologique",
		"49", "Autre titre ou diplôme de niveau bac",
		"51", "CAP",
		"52", "BEP",
		"53", "Mention complémentaire",
		"59", "Autre titre ou diplôme de niveau CAP/BEP",
		"60", "Aucun diplôme ni titre professionnel")

	TypeMinimumSocial = list("Type de minimum social",
		"RSA", "Revenu de solidarité active",
		"ASS", "Allocation de solidarité spécifique",
		"AAH", "Allocation aux adultes handicapés")

	Region = list("Région",
		"01", "Guadeloupe", "02", "Martinique", "03", "Guyane", "04", "La Réunion", "06", "Mayotte",
		"11", "Île-de-France", "24", "Centre-Val de Loire", "27", "Bourgogne-Franche-Comté",
		"28", "Normandie", "32", "Hauts-de-France", "44", "Grand Est", "52", "Pays de la Loire",
		"53", "Bretagne", "75", "Nouvelle-Aquitaine", "76", "Occitanie", "84", "Auvergne-Rhône-Alpes",
		"93", "Provence-Alpes-Côte d'Azur", "94", "Corse")

	RepetitionVoie = list("Indice de répétition", "B", "Bis", "T", "Ter", "Q", "Quater", "C", "Quinquiès")

	TypeDocument = list("Type de document",
		"CONVENTION_FORMATION", "Convention de formation",
		"ANNEXE_PEDAGOGIQUE", "Annexe pédagogique et financière",
		"CONVENTION_REDUCTION_DUREE", "Convention d'aménagement de durée",
		"CONVENTION_MOBILITE", "Convention de mobilité",
		"PROGRAMME_FORMATION", "Programme de formation (document annexé)",
		"CERFA_SIGNE", "Cerfa signé",
		"COURRIER_ACCORD", "Courrier d'accord",
		"COURRIER_ANOMALIE", "Courrier d'anomalie",
		"DECISION_REFUS", "Décision de refus",
		"AUTRE", "Autre")
)

// SituationList returns the "situation avant ce contrat" list of the kind.
func SituationList(k Kind) CodeList {
	if k == Professionnalisation {
		return SituationPro
	}
	return SituationApp
}

// DiplomeList returns the "diplôme le plus élevé obtenu" list of the kind.
func DiplomeList(k Kind) CodeList {
	if k == Professionnalisation {
		return DiplomePro
	}
	return Diplome
}
