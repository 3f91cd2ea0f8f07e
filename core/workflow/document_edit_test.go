package workflow

import (
	"errors"
	"strings"
	"testing"

	"cerfadesk/core/docs"
)

// documentGrid is DocumentEditable for a user's piece, for every status (in
// the order of Statuses) and role (entreprise, cfa, agent): '=' allowed, 'F'
// forbidden, 'I' invalid_transition. Both document actions follow it.
const documentGrid = "==F IIF IIF IIF IIF IIF IIF IIF IIF"

func TestDocumentEditableEveryStatusRole(t *testing.T) {
	cells := strings.Fields(documentGrid)
	for _, action := range DocumentActions {
		for si, status := range Statuses {
			for ri, role := range Roles {
				cell := cells[si][ri]
				t.Run(string(action)+"/"+string(status)+"/"+string(role), func(t *testing.T) {
					err := DocumentEditable(status, role, action, docs.TypeConventionFormation, "")
					switch cell {
					case '=':
						if err != nil {
							t.Fatalf("got %v, want allowed", err)
						}
					default:
						want := map[byte]Code{'F': CodeForbidden, 'I': CodeInvalidTransition}[cell]
						var we *Error
						if !errors.As(err, &we) || we.Code != want || we.Message == "" {
							t.Fatalf("got %v, want %s with a French message", err, want)
						}
					}
				})
			}
		}
	}
}

func TestDocumentEditableLettersAndMessages(t *testing.T) {
	tests := []struct {
		name    string
		status  Status
		role    Role
		action  Action
		docType string
		opco    string
		code    Code
		message string
	}{
		{"courrier d'accord never removed", EnCoursDeSaisie, Entreprise, RetirerDocument, docs.TypeCourrierAccord, "",
			CodeOPCOLetter, "« Courrier d'accord » est un courrier de l'Opcommerce : il ne peut être ni retiré ni modifié."},
		{"courrier d'anomalie never retyped", EnCoursDeSaisie, CFA, ModifierTypeDocument, docs.TypeCourrierAnomalie, "Constructys",
			CodeOPCOLetter, "« Courrier d'anomalie » est un courrier de Constructys : il ne peut être ni retiré ni modifié."},
		{"décision de refus never removed, even in a final status", Refuse, Entreprise, RetirerDocument, docs.TypeDecisionRefus, "",
			CodeOPCOLetter, ""},
		{"anomalie pièce: add, do not remove", AnomaliePiece, Entreprise, RetirerDocument, docs.TypeConventionFormation, "",
			CodeInvalidTransition, "Le contrat est au statut « Anomalie : pièce manquante » : ajoutez les pièces demandées ; les documents déjà transmis à l'Opcommerce ne peuvent être ni retirés ni modifiés."},
		{"transmitted: read-only", Transmis, Entreprise, ModifierTypeDocument, docs.TypeAutre, "",
			CodeInvalidTransition, "L'action « Modifier le type du document » est impossible : le contrat est au statut « Transmis à l'Opcommerce »."},
		{"not a document action", EnCoursDeSaisie, Entreprise, Transmettre, docs.TypeAutre, "", CodeInvalid, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := DocumentEditable(tt.status, tt.role, tt.action, tt.docType, tt.opco)
			var we *Error
			if !errors.As(err, &we) || we.Code != tt.code {
				t.Fatalf("got %v, want %s", err, tt.code)
			}
			if tt.message != "" && we.Message != tt.message {
				t.Errorf("message\n got %q\nwant %q", we.Message, tt.message)
			}
		})
	}
}

// The document actions stay out of the contract's action bar.
func TestDocumentActionsNotInAllowed(t *testing.T) {
	for _, status := range Statuses {
		for _, role := range Roles {
			for _, a := range Allowed(status, role) {
				if a == ModifierTypeDocument || a == RetirerDocument {
					t.Errorf("Allowed(%s, %s) lists %s", status, role, a)
				}
			}
		}
	}
}
