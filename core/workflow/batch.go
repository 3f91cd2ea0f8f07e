package workflow

import (
	"context"

	"cerfadesk/core/contract"
)

// BatchCreator is a Repository that can store many new contracts in one
// transaction (all or none); storage implements it.
type BatchCreator interface {
	CreateBatch(ctx context.Context, ns []NewContract) ([]Record, error)
}

// Imported is a contract read from a file, with the history note that
// says where it came from (« Importé de contrats.csv, ligne 12 »).
type Imported struct {
	Contract *contract.Contract
	Note     string
}

// CreateMany stores contracts read from a file « En cours de saisie »
// (Nouveau contrat), each with its own history row and note, as actor.
// With a BatchCreator it is one transaction: all of them or none; else
// they are created one by one and the records of those stored before an
// error are returned with it.
func (s *Service) CreateMany(ctx context.Context, actor Actor, in []Imported) ([]Record, error) {
	t, err := Apply("", actor.Role, NouveauContrat, Context{OPCO: s.OPCO})
	if err != nil {
		return nil, err
	}
	at := s.now()
	ns := make([]NewContract, len(in))
	for i, im := range in {
		c := im.Contract
		if c == nil || (c.TypeFormulaire != contract.Apprentissage && c.TypeFormulaire != contract.Professionnalisation) {
			return nil, Errorf(CodeInvalid, "Choisissez d'abord le type de contrat : apprentissage ou professionnalisation.")
		}
		ns[i] = NewContract{Contract: c, Status: t.To, Actor: actor, Action: NouveauContrat, Note: im.Note, At: at}
	}
	if b, ok := s.Repo.(BatchCreator); ok {
		return b.CreateBatch(ctx, ns)
	}
	out := make([]Record, 0, len(ns))
	for _, n := range ns {
		rec, err := s.Repo.Create(ctx, n)
		if err != nil {
			return out, err
		}
		out = append(out, rec)
	}
	return out, nil
}
