package workflow

import (
	"testing"
	"time"

	"cerfadesk/core/docs"
)

func TestGuessDocumentTypeInAnAnomaly(t *testing.T) {
	letter := time.Date(2025, 9, 10, 9, 0, 0, 0, time.UTC)
	history := []HistoryEntry{
		{At: letter.Add(-time.Hour), To: Transmis},
		{At: letter, To: AnomaliePiece, Note: "Convention de formation : non signée ; PROGRAMME_FORMATION : manquant"},
	}
	before := docs.Document{Type: docs.TypeConventionFormation, AddedAt: letter.Add(-2 * time.Hour)}
	after := docs.Document{Type: docs.TypeConventionFormation, AddedAt: letter.Add(time.Minute)}
	for _, tc := range []struct {
		name   string
		status Status
		docs   []docs.Document
		file   string
		want   string
	}{
		{"first asked", AnomaliePiece, nil, "scan0001.pdf", docs.TypeConventionFormation},
		{"an earlier convention does not answer", AnomaliePiece, []docs.Document{before}, "scan0001.pdf", docs.TypeConventionFormation},
		{"next asked once answered", AnomaliePiece, []docs.Document{after}, "scan0001.pdf", docs.TypeProgrammeFormation},
		{"the name wins", AnomaliePiece, nil, "Cerfa signé.pdf", docs.TypeCerfaSigne},
		{"no anomaly", EnInstruction, nil, "scan0001.pdf", docs.TypeAutre},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := Record{Status: tc.status, Documents: tc.docs}
			if got := GuessDocumentType(rec, history, tc.file); got != tc.want {
				t.Errorf("%s typed %s, want %s", tc.file, got, tc.want)
			}
		})
	}
	if got := GuessDocumentType(Record{Status: AnomaliePiece}, nil, "scan.pdf"); got != docs.TypeAutre {
		t.Errorf("without history: %s, want AUTRE", got)
	}
}
