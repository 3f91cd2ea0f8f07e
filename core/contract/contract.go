// Package contract is the model of both Cerfa contract kinds (apprentissage
// FA13 and professionnalisation EJ20) in the canonical JSON keys of the domain
// references. Blocks and keys are shared wherever the concept is the same;
// form-specific blocks are pointers so that an absent block stays absent.
package contract

import "cerfadesk/core/civil"

// Kind is the typeFormulaire of a contract.
type Kind string

// The two contract kinds.
const (
	Apprentissage        Kind = "APPRENTISSAGE"
	Professionnalisation Kind = "PROFESSIONNALISATION"
)

// Label returns the French name of the kind.
func (k Kind) Label() string {
	switch k {
	case Apprentissage:
		return "Contrat d'apprentissage"
	case Professionnalisation:
		return "Contrat de professionnalisation"
	}
	return string(k)
}

// Contract is one Cerfa, as imported, edited, validated and exported.
type Contract struct {
	TypeFormulaire               Kind                    `json:"typeFormulaire"`
	Employeur                    Employeur               `json:"employeur"`
	Apprenti                     Alternant               `json:"apprenti"`
	Maitre1                      *Maitre                 `json:"maitre1,omitempty"`
	Maitre2                      *Maitre                 `json:"maitre2,omitempty"`
	Tuteur                       *Tuteur                 `json:"tuteur,omitempty"`
	TuteurEntrepriseUtilisatrice *Tuteur                 `json:"tuteurEntrepriseUtilisatrice,omitempty"`
	Contrat                      Contrat                 `json:"contrat"`
	OrganismeFormation           Organisme               `json:"organismeFormation"`
	EtablissementFormation       *EtablissementFormation `json:"etablissementFormation,omitempty"`
	Formation                    Formation               `json:"formation"`
	Documents                    []Document              `json:"documents"`
	Depot                        *Depot                  `json:"depot,omitempty"`
}

// Adresse is the reusable address block (A-note §A.0).
type Adresse struct {
	Numero         *int   `json:"numero"`
	RepetitionVoie string `json:"repetitionVoie"`
	Voie           string `json:"voie"`
	Complement     string `json:"complement"`
	CodePostal     string `json:"codePostal"`
	Commune        string `json:"commune"`
	Departement    string `json:"departement,omitempty"`
	Region         string `json:"region,omitempty"`
	Pays           string `json:"pays,omitempty"`
}

// Employeur is the employer block (tab Employeur, plus privePublic of Introduction).
type Employeur struct {
	PrivePublic             string  `json:"privePublic"`
	Denomination            string  `json:"denomination"`
	Siret                   string  `json:"siret"`
	Adresse                 Adresse `json:"adresse"`
	Telephone               string  `json:"telephone"`
	Courriel                string  `json:"courriel"`
	TypeEmployeur           *int    `json:"typeEmployeur"`
	EmployeurSpecifique     *int    `json:"employeurSpecifique"`
	ParticulierEmployeur    *bool   `json:"particulierEmployeur,omitempty"`
	NumeroUrssafParticulier string  `json:"numeroUrssafParticulier,omitempty"`
	Naf                     string  `json:"naf"`
	NombreDeSalaries        *int    `json:"nombreDeSalaries"`
	CodeIdcc                string  `json:"codeIdcc"`
	LibelleIdcc             string  `json:"libelleIdcc,omitempty"`
	OrganismePrevoyance     string  `json:"organismePrevoyance,omitempty"`
	RegimeSpecifique        *bool   `json:"regimeSpecifique,omitempty"`
	AttestationEligibilite  *bool   `json:"attestationEligibilite,omitempty"`
	AttestationPieces       *bool   `json:"attestationPieces"`
}

// Alternant is the apprentice of an apprenticeship contract or the salarié of
// a professionalisation contract: one struct, one JSON path (apprenti.*).
type Alternant struct {
	Nom                               string            `json:"nom"`
	NomUsage                          string            `json:"nomUsage"`
	Prenom                            string            `json:"prenom"`
	Sexe                              string            `json:"sexe"`
	DateNaissance                     civil.Date        `json:"dateNaissance"`
	DepartementNaissance              string            `json:"departementNaissance"`
	CommuneNaissance                  string            `json:"communeNaissance"`
	Nir                               string            `json:"nir"`
	Nationalite                       *int              `json:"nationalite"`
	RegimeSocial                      *int              `json:"regimeSocial,omitempty"`
	Adresse                           Adresse           `json:"adresse"`
	Telephone                         string            `json:"telephone"`
	Courriel                          string            `json:"courriel"`
	InscriptionSportifDeHautNiveau    *bool             `json:"inscriptionSportifDeHautNiveau,omitempty"`
	Handicap                          *bool             `json:"handicap"`
	HandicapEquivalenceJeunes         *bool             `json:"handicapEquivalenceJeunes,omitempty"`
	HandicapExtensionBOE              *bool             `json:"handicapExtensionBOE,omitempty"`
	ProjetCreationRepriseEntreprise   *bool             `json:"projetCreationRepriseEntreprise,omitempty"`
	InscritFranceTravail              *bool             `json:"inscritFranceTravail,omitempty"`
	NumeroFranceTravail               string            `json:"numeroFranceTravail,omitempty"`
	DureeInscriptionFranceTravailMois *int              `json:"dureeInscriptionFranceTravailMois,omitempty"`
	TypeMinimumSocial                 string            `json:"typeMinimumSocial,omitempty"`
	SituationAvantContrat             *int              `json:"situationAvantContrat"`
	DiplomePrepare                    *int              `json:"diplomePrepare,omitempty"`
	DerniereClasse                    string            `json:"derniereClasse,omitempty"`
	IntituleDiplomePrepare            string            `json:"intituleDiplomePrepare,omitempty"`
	Diplome                           *int              `json:"diplome"`
	DiplomeFinalitePro                *bool             `json:"diplomeFinalitePro,omitempty"`
	ApprentiMineur                    *bool             `json:"apprentiMineur"`
	ApprentiMineurNonEmancipe         *bool             `json:"apprentiMineurNonEmancipe"`
	ResponsableLegal                  *ResponsableLegal `json:"responsableLegal"`
	Age                               *int              `json:"age,omitempty"`
}

// ResponsableLegal is the legal representative of a minor non émancipé.
type ResponsableLegal struct {
	Nom         string   `json:"nom"`
	Prenom      string   `json:"prenom"`
	MemeAdresse *bool    `json:"memeAdresse"`
	Adresse     *Adresse `json:"adresse,omitempty"`
	Courriel    string   `json:"courriel"`
}

// Maitre is a maître d'apprentissage (apprenticeship only).
type Maitre struct {
	Nom           string     `json:"nom"`
	Prenom        string     `json:"prenom"`
	DateNaissance civil.Date `json:"dateNaissance"`
	Courriel      string     `json:"courriel"`
	EmploiOccupe  string     `json:"emploiOccupe"`
	Diplome       string     `json:"diplome"`
	NiveauDiplome *int       `json:"niveauDiplome"`
}

// Tuteur is the tutor of a professionalisation contract (and, with fewer
// fields, the tutor of the user company for temporary work or a GEIQ).
type Tuteur struct {
	Nom                    string     `json:"nom"`
	Prenom                 string     `json:"prenom"`
	DateNaissance          civil.Date `json:"dateNaissance"`
	EmploiOccupe           string     `json:"emploiOccupe"`
	Courriel               string     `json:"courriel,omitempty"`
	AnneesExperience       *int       `json:"anneesExperience,omitempty"`
	EstEmployeur           *bool      `json:"estEmployeur,omitempty"`
	NombreAlternantsSuivis *int       `json:"nombreAlternantsSuivis,omitempty"`
}

// Contrat is the contract frame (tabs Introduction and Contrat).
type Contrat struct {
	// Avenant marks a contract created as an avenant of another (« Créer une
	// demande de modification »), before its avenant type is chosen too: the
	// form then offers only avenant types. It is not a box of the Cerfa,
	// whose type (31–38, 30) says it once chosen; a contract holding it with
	// an initial type is refused (INT-AVT-TYPE).
	Avenant                      bool           `json:"avenant,omitempty"`
	ModeContractuel              *int           `json:"modeContractuel,omitempty"`
	TypeContratApp               *int           `json:"typeContratApp,omitempty"`
	TypeDerogation               *int           `json:"typeDerogation,omitempty"`
	TypeContratPro               *int           `json:"typeContratPro,omitempty"`
	NatureContrat                string         `json:"natureContrat,omitempty"`
	NumeroContratPrecedent       string         `json:"numeroContratPrecedent"`
	DateEffetAvenant             civil.Date     `json:"dateEffetAvenant"`
	DateConclusion               civil.Date     `json:"dateConclusion"`
	DateDebutContrat             civil.Date     `json:"dateDebutContrat"`
	DateDebutFormationPratique   civil.Date     `json:"dateDebutFormationPratique,omitzero"`
	DateFinContrat               civil.Date     `json:"dateFinContrat"`
	DateDebutActionPro           civil.Date     `json:"dateDebutActionPro,omitzero"`
	DateFinActionPro             civil.Date     `json:"dateFinActionPro,omitzero"`
	AccordBrancheAllongement     *bool          `json:"accordBrancheAllongement,omitempty"`
	EmploiOccupe                 string         `json:"emploiOccupe,omitempty"`
	ClassificationEmploi         string         `json:"classificationEmploi,omitempty"`
	NiveauClassification         string         `json:"niveauClassification,omitempty"`
	CoefficientHierarchique      string         `json:"coefficientHierarchique,omitempty"`
	PeriodeEssaiJours            *int           `json:"periodeEssaiJours,omitempty"`
	DureeContrat                 *int           `json:"dureeContrat,omitempty"`
	DureeTravailHebdoHeures      *int           `json:"dureeTravailHebdoHeures"`
	DureeTravailHebdoMinutes     *int           `json:"dureeTravailHebdoMinutes"`
	TravailRisque                *bool          `json:"travailRisque,omitempty"`
	Smc                          *Money         `json:"smc"`
	TauxContratPrecedent         *int           `json:"tauxContratPrecedent,omitempty"`
	RemunerationsAnnuelles       []Remuneration `json:"remunerationsAnnuelles"`
	SalaireEmbauche              *Money         `json:"salaireEmbauche"`
	CaisseRetraiteComplementaire string         `json:"caisseRetraiteComplementaire"`
	AvantageNature               *bool          `json:"avantageNature,omitempty"`
	AvantageNourriture           *Money         `json:"avantageNourriture,omitempty"`
	AvantageLogement             *Money         `json:"avantageLogement,omitempty"`
	AutreAvantageEnNature        *bool          `json:"autreAvantageEnNature,omitempty"`
	Mobilite                     *bool          `json:"mobilite,omitempty"`
	LieuSignatureContrat         string         `json:"lieuSignatureContrat"`
	Smic                         *SmicSnapshot  `json:"smic,omitempty"`
}

// Remuneration is one line of the remuneration grid ("1re année, du … au … : …%").
type Remuneration struct {
	Ordre       string     `json:"ordre"`
	DateDebut   civil.Date `json:"dateDebut"`
	DateFin     civil.Date `json:"dateFin"`
	Taux        *Percent   `json:"taux"`
	TauxMinimal *Percent   `json:"tauxMinimal"`
	TypeSalaire string     `json:"typeSalaire"`
	SalaireBrut *Money     `json:"salaireBrut"`
}

// SmicSnapshot records the SMIC row used for the amounts.
type SmicSnapshot struct {
	DateEntreeEnVigueur civil.Date `json:"dateEntreeEnVigueur"`
	Mensuel             *Money     `json:"mensuel"`
	Horaire             *Money     `json:"horaire"`
	ExceptionMayotte    *bool      `json:"exceptionMayotte"`
}

// Organisme is the CFA responsable (apprentissage) or the training body (pro).
type Organisme struct {
	FormationInterne          *bool   `json:"formationInterne"`
	Denomination              string  `json:"denomination"`
	UaiCfa                    string  `json:"uaiCfa"`
	Siret                     string  `json:"siret"`
	NumeroDeclarationActivite string  `json:"numeroDeclarationActivite,omitempty"`
	NombreOrganismes          *int    `json:"nombreOrganismes,omitempty"`
	CertificationQualiopi     *bool   `json:"certificationQualiopi,omitempty"`
	VisaCfa                   *bool   `json:"visaCfa,omitempty"`
	Adresse                   Adresse `json:"adresse"`
}

// EtablissementFormation is the main training place when it differs from the CFA.
type EtablissementFormation struct {
	MemeResponsable *bool    `json:"memeResponsable"`
	Denomination    string   `json:"denomination,omitempty"`
	UaiCfa          string   `json:"uaiCfa,omitempty"`
	Siret           string   `json:"siret,omitempty"`
	Adresse         *Adresse `json:"adresse,omitempty"`
}

// Formation is the training block (tab Formation).
type Formation struct {
	TypeDiplome           *int       `json:"typeDiplome,omitempty"`
	TypeQualification     *int       `json:"typeQualification,omitempty"`
	IntituleQualification string     `json:"intituleQualification"`
	CodeDiplome           string     `json:"codeDiplome"`
	Rncp                  string     `json:"rncp"`
	SpecialiteNsf         string     `json:"specialiteNsf,omitempty"`
	DateDebutFormation    civil.Date `json:"dateDebutFormation"`
	DateFinFormation      civil.Date `json:"dateFinFormation"`
	DureeFormation        *int       `json:"dureeFormation"`
	DureeEnseignements    *int       `json:"dureeEnseignements,omitempty"`
	// DureeFormationDistance is the share of training hours at a distance,
	// a box of Cerfa 10103*14 (docs/domain-review.md §9).
	DureeFormationDistance *int `json:"dureeFormationDistance,omitempty"`
}

// Document is a piece attached to the contract (tab Documents).
type Document struct {
	ID            string     `json:"id,omitempty"`
	TypeDocument  string     `json:"typeDocument"`
	TypeFichier   string     `json:"typeFichier"`
	TailleFichier *int64     `json:"tailleFichier"`
	NomFichier    string     `json:"nomFichier"`
	Sha256        string     `json:"sha256,omitempty"`
	DateAjout     civil.Date `json:"dateAjout,omitzero"`
}

// Depot is the frame "cadre réservé à l'organisme en charge du dépôt",
// written by the OPCO only.
type Depot struct {
	NomOrganisme   string     `json:"nomOrganisme"`
	SiretOrganisme string     `json:"siretOrganisme"`
	DateReception  civil.Date `json:"dateReception"`
	DateDecision   civil.Date `json:"dateDecision"`
	NumeroDepot    string     `json:"numeroDepot"`
	NumeroAvenant  string     `json:"numeroAvenant"`
}

// IsAvenant reports whether the contract is an avenant: created as one
// (Contrat.Avenant) or of an avenant type (31–38 apprentissage, 30
// professionnalisation).
func (c *Contract) IsAvenant() bool {
	return c.Contrat.Avenant || c.HasAvenantType()
}

// HasAvenantType reports whether the contract's type is an avenant type.
func (c *Contract) HasAvenantType() bool {
	t := c.Contrat.TypeContratApp
	if c.TypeFormulaire == Professionnalisation {
		t = c.Contrat.TypeContratPro
	}
	return t != nil && IsAvenantType(c.TypeFormulaire, *t)
}

// IsAvenantType reports whether code is an avenant type of kind k: 31–38
// in the apprenticeship list (L4), 30 in the professionalisation one.
func IsAvenantType(k Kind, code int) bool {
	if k == Professionnalisation {
		return code == 30
	}
	return code >= 31 && code <= 38
}

// PeriodePro returns the période de professionnalisation: the CDD's dates, or
// the action's dates for a CDI.
func (c *Contract) PeriodePro() (start, end civil.Date) {
	if c.Contrat.NatureContrat == "CDI" {
		return c.Contrat.DateDebutActionPro, c.Contrat.DateFinActionPro
	}
	return c.Contrat.DateDebutContrat, c.Contrat.DateFinContrat
}

// Int returns a pointer to v, for building contracts in code and tests.
func Int(v int) *int { return &v }

// Bool returns a pointer to v.
func Bool(v bool) *bool { return &v }
