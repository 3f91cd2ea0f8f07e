package storage

import (
	"bytes"
	"testing"

	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// In « Anomalie : pièce manquante », a dropped file whose name tells
// nothing is typed as the piece the courrier d'anomalie asks for (issue
// 15.11); a name that tells its type keeps it, and elsewhere such a file
// stays « Autre ».
func TestDroppedFileDefaultsToTheAskedPiece(t *testing.T) {
	for _, tc := range []struct {
		name, note, file, want string
	}{
		{"label", "Programme de formation (document annexé) : le programme manque", "scan0001.pdf", docs.TypeProgrammeFormation},
		{"code", "CONVENTION_MOBILITE : signature de l'organisme d'accueil ; Cerfa signé : page 3", "scan0001.pdf", docs.TypeConventionMobilite},
		{"words", "La convention de formation signée : à joindre", "IMG_2031.pdf", docs.TypeConventionFormation},
		{"named file", "Convention de formation : non signée", "programme.pdf", docs.TypeProgrammeFormation},
		{"no piece named", "Merci de compléter le dossier", "scan0001.pdf", docs.TypeAutre},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScenario(t, "2025-09-03")
			rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
			out := s.do(rec, entreprise, workflow.Transmettre)
			out, err := s.svc.Do(s.ctx, workflow.Request{ContractID: rec.ID, BaseVersion: out.Record.Version, Actor: agent,
				Action: workflow.DeclarerAnomaliePiece, Note: tc.note})
			if err != nil {
				t.Fatal(err)
			}
			doc, err := s.svc.DropStore(entreprise).AddDocument(s.ctx, out.Record.Reference, tc.file, bytes.NewReader(pdf(tc.name)))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Type != tc.want {
				t.Errorf("%s typed %s, want %s", tc.file, doc.Type, tc.want)
			}
		})
	}
	// Outside an anomaly, a name that tells nothing is « Autre ».
	s := newScenario(t, "2025-09-03")
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	doc, err := s.svc.DropStore(entreprise).AddDocument(s.ctx, rec.Reference, "scan0001.pdf", bytes.NewReader(pdf("x")))
	if err != nil || doc.Type != docs.TypeAutre {
		t.Errorf("typed %s (%v), want AUTRE", doc.Type, err)
	}
}
