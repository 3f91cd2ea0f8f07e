package workflow

import "testing"

func TestStatusLabels(t *testing.T) {
	tests := []struct {
		status Status
		opco   string
		want   string
	}{
		{EnCoursDeSaisie, "", "En cours de saisie"},
		{EnvoyeParCFA, "", "Envoyé par l'organisme ou le CFA"},
		{Transmis, "", "Transmis à l'Opcommerce"},
		{Transmis, "Opcommerce", "Transmis à l'Opcommerce"},
		{Transmis, "OPCO EP", "Transmis à l'OPCO EP"},
		{Transmis, "Akto", "Transmis à l'Akto"},
		{Transmis, "Constructys", "Transmis à Constructys"},
		{EnInstruction, "", "En cours d'instruction"},
		{AnomaliePiece, "", "Anomalie : pièce manquante"},
		{AnomalieSaisie, "", "Anomalie : modifications à apporter"},
		{Engage, "", "ENGAGÉ"},
		{Refuse, "", "Refusé"},
		{Annule, "", "Annulé"},
	}
	for _, tt := range tests {
		t.Run(string(tt.status)+"/"+tt.opco, func(t *testing.T) {
			if got := tt.status.LabelFor(tt.opco); got != tt.want {
				t.Errorf("LabelFor(%q) = %q, want %q", tt.opco, got, tt.want)
			}
		})
	}
	if got := Transmis.Label(); got != "Transmis à l'Opcommerce" {
		t.Errorf("Label() = %q", got)
	}
}

func TestActionLabels(t *testing.T) {
	want := map[Action]string{
		NouveauContrat:           "Nouveau contrat",
		Enregistrer:              "Enregistrer",
		EnvoyerEntreprise:        "Envoyer à l'entreprise",
		Accepter:                 "ACCEPTER",
		CreerDemandeModification: "Créer une demande de modification",
		Transmettre:              "Transmettre",
		OuvrirInstruction:        "Ouvrir l'instruction",
		DeclarerConforme:         "Déclarer conforme",
		DeclarerAnomaliePiece:    "Courrier d'anomalie — pièce",
		DeclarerAnomalieSaisie:   "Courrier d'anomalie — saisie",
		AjouterDocument:          "Enregistrer la pièce",
		Refuser:                  "Refuser",
		Annuler:                  "Annuler",
		ModifierTypeDocument:     "Modifier le type du document",
		RetirerDocument:          "Retirer le document",
	}
	for _, a := range append(Actions, DocumentActions...) {
		t.Run(string(a), func(t *testing.T) {
			if got := a.Label(); got != want[a] {
				t.Errorf("got %q, want %q", got, want[a])
			}
		})
	}
}

func TestRoleLabels(t *testing.T) {
	for _, r := range Roles {
		if r.Label() == string(r) {
			t.Errorf("role %s has no French label", r)
		}
	}
}
