package workflow

import (
	"context"
	"strings"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// AddressBook answers the form's address books offline, from the contracts
// already stored: an employer found by SIRET, a maître d'apprentissage or
// tutor found by name, a formation found by diploma code, RNCP or CFA UAI.
// storage implements it; the UI asks it off the UI goroutine.
type AddressBook interface {
	// EmployerBySIRET returns the employer block of the last changed
	// contract whose employer has that SIRET (14 digits); ok is false when
	// no contract has it.
	EmployerBySIRET(ctx context.Context, siret string) (e contract.Employeur, ok bool, err error)
	// People returns up to limit distinct maîtres d'apprentissage (kind
	// APPRENTISSAGE) or tutors (PROFESSIONNALISATION) whose last or first
	// name starts with text (accents and case ignored), last changed first.
	People(ctx context.Context, kind contract.Kind, text string, limit int) ([]Person, error)
	// Formations returns up to limit distinct formations of contracts of
	// kind whose diploma code, RNCP code or CFA UAI starts with text (or
	// whose title holds it), last changed first.
	Formations(ctx context.Context, kind contract.Kind, text string, limit int) ([]FormationEntry, error)
}

// Person is a maître d'apprentissage or a tutor, as a contract declared it.
type Person struct {
	Maitre *contract.Maitre // apprenticeship
	Tuteur *contract.Tuteur // professionalisation
}

// Name is « NOM Prénom (né(e) le JJ/MM/AAAA) » for a picker.
func (p Person) Name() string {
	var nom, prenom string
	var birth civil.Date
	switch {
	case p.Maitre != nil:
		nom, prenom, birth = p.Maitre.Nom, p.Maitre.Prenom, p.Maitre.DateNaissance
	case p.Tuteur != nil:
		nom, prenom, birth = p.Tuteur.Nom, p.Tuteur.Prenom, p.Tuteur.DateNaissance
	}
	s := strings.TrimSpace(nom + " " + prenom)
	if !birth.IsZero() {
		s += " (né(e) le " + birth.French() + ")"
	}
	return s
}

// FormationEntry is the Formation tab of a contract: the CFA or training
// body, the training place and the diploma with its session.
type FormationEntry struct {
	Organisme     contract.Organisme
	Etablissement *contract.EtablissementFormation
	Formation     contract.Formation
}

// Label is « code diplôme · RNCP · intitulé — CFA (UAI) » for a picker.
func (f FormationEntry) Label() string {
	var parts []string
	for _, s := range []string{f.Formation.CodeDiplome, f.Formation.Rncp, f.Formation.IntituleQualification} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	s := strings.Join(parts, " · ")
	if o := f.Organisme.Denomination; o != "" {
		s += " — " + o
		if f.Organisme.UaiCfa != "" {
			s += " (" + f.Organisme.UaiCfa + ")"
		}
	}
	return s
}

// Fold is s lower-cased without accents and spaces at the ends: how the
// address books compare names and codes.
func Fold(s string) string {
	return folder.Replace(strings.ToLower(strings.TrimSpace(s)))
}

var folder = strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "â", "a", "ä", "a", "î", "i", "ï", "i",
	"ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ç", "c", "œ", "oe", "ÿ", "y")

// Duplicate returns a new contract for another apprentice of the same
// employer and formation: a copy of c without the apprentice, the dates of
// the contract, the documents and what belongs to a transmission (n° de
// dépôt, previous contract, remuneration lines computed from the dates).
// The formation's session dates are kept: a class shares them.
func Duplicate(c *contract.Contract) (*contract.Contract, error) {
	data, err := contract.Encode(c)
	if err != nil {
		return nil, err
	}
	cc, err := contract.Decode(data)
	if err != nil {
		return nil, err
	}
	cc.Apprenti = contract.Alternant{}
	cc.Documents = nil
	cc.Depot = nil
	k := &cc.Contrat
	k.NumeroContratPrecedent, k.TauxContratPrecedent = "", nil
	k.DateEffetAvenant, k.DateConclusion, k.DateDebutContrat, k.DateDebutFormationPratique = civil.Date{}, civil.Date{}, civil.Date{}, civil.Date{}
	k.DateFinContrat, k.DateDebutActionPro, k.DateFinActionPro = civil.Date{}, civil.Date{}, civil.Date{}
	k.RemunerationsAnnuelles = nil
	if cc.IsAvenant() { // a new contract, not another avenant (avenant.go)
		k.Avenant, k.TypeContratApp, k.TypeContratPro = false, nil, nil
	}
	return cc, nil
}
