package workflow

// Action is what a user does to a contract, named after its button.
type Action string

// The actions, by their stable codes.
const (
	NouveauContrat           Action = "nouveau_contrat"
	Enregistrer              Action = "enregistrer"
	EnvoyerEntreprise        Action = "envoyer_entreprise"
	Accepter                 Action = "accepter"
	CreerDemandeModification Action = "creer_demande_modification"
	Transmettre              Action = "transmettre"
	OuvrirInstruction        Action = "ouvrir_instruction"
	DeclarerConforme         Action = "declarer_conforme"
	DeclarerAnomaliePiece    Action = "anomalie_piece"
	DeclarerAnomalieSaisie   Action = "anomalie_saisie"
	AjouterDocument          Action = "ajouter_document"
	Refuser                  Action = "refuser"
	Annuler                  Action = "annuler"

	// The actions on one attached document, shown on its row of the
	// Documents tab rather than in the contract's action bar: they are not
	// in Actions (nor in Allowed), DocumentEditable decides them.
	ModifierTypeDocument Action = "modifier_type_document"
	RetirerDocument      Action = "retirer_document"

	// RefusService is recorded in the history when the OPCO's service
	// refuses a transmission the app had accepted (its own validation found
	// a blocking error): the contract is back "En cours de saisie". Nobody
	// clicks it, so it is in neither Actions nor Allowed.
	RefusService Action = "refus_service"
)

// DocumentActions lists the actions on one attached document.
var DocumentActions = []Action{ModifierTypeDocument, RetirerDocument}

// Actions lists every action.
var Actions = []Action{
	NouveauContrat, Enregistrer, EnvoyerEntreprise, Accepter, CreerDemandeModification,
	Transmettre, OuvrirInstruction, DeclarerConforme, DeclarerAnomaliePiece,
	DeclarerAnomalieSaisie, AjouterDocument, Refuser, Annuler,
}

// Label returns the button's French label, as in the process and workflow.md.
func (a Action) Label() string {
	switch a {
	case NouveauContrat:
		return "Nouveau contrat"
	case Enregistrer:
		return "Enregistrer"
	case EnvoyerEntreprise:
		return "Envoyer à l'entreprise"
	case Accepter:
		return "ACCEPTER"
	case CreerDemandeModification:
		return "Créer une demande de modification"
	case Transmettre:
		return "Transmettre"
	case OuvrirInstruction:
		return "Ouvrir l'instruction"
	case DeclarerConforme:
		return "Déclarer conforme"
	case DeclarerAnomaliePiece:
		return "Courrier d'anomalie — pièce"
	case DeclarerAnomalieSaisie:
		return "Courrier d'anomalie — saisie"
	case AjouterDocument:
		// workflow.md: "Enregistrer a document"; the seed: "un simple
		// enregistrement de la pièce suffit".
		return "Enregistrer la pièce"
	case Refuser:
		return "Refuser"
	case Annuler:
		return "Annuler"
	case ModifierTypeDocument:
		return "Modifier le type du document"
	case RetirerDocument:
		return "Retirer le document"
	case RefusService:
		return "Transmission refusée par le service de l'OPCO"
	}
	return string(a)
}
