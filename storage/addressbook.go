package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

var _ workflow.AddressBook = (*Store)(nil)

// bookScan bounds the contracts an address book reads, newest first: a
// CFA's few years, and a picker that answers at once.
const bookScan = 5000

// EmployerBySIRET returns the employer block of the last changed contract
// with that SIRET (the indexed list column).
func (s *Store) EmployerBySIRET(ctx context.Context, siret string) (contract.Employeur, bool, error) {
	var e contract.Employeur
	var raw sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT json_extract(CAST(doc AS TEXT), '$.employeur') FROM contracts
		WHERE employer_siret = ? ORDER BY updated_at DESC LIMIT 1`, siret).Scan(&raw)
	if err == sql.ErrNoRows || (err == nil && !raw.Valid) {
		return e, false, nil
	}
	if err != nil {
		return e, false, dbErr(err)
	}
	if err := json.Unmarshal([]byte(raw.String), &e); err != nil {
		return e, false, workflow.Internal("Le carnet d'adresses n'a pas pu relire l'employeur.", err)
	}
	return e, true, nil
}

// bookRows calls fn with the JSON of the paths of each contract of kind,
// newest first, until fn returns false.
func (s *Store) bookRows(ctx context.Context, kind contract.Kind, paths []string, fn func(raws []sql.NullString) bool) error {
	cols := make([]string, len(paths))
	for i, p := range paths {
		cols[i] = "json_extract(d, '" + p + "')"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM
		(SELECT CAST(doc AS TEXT) AS d FROM contracts WHERE kind = ? ORDER BY updated_at DESC LIMIT ?)`, string(kind), bookScan)
	if err != nil {
		return dbErr(err)
	}
	defer rows.Close()
	raws := make([]sql.NullString, len(paths))
	dest := make([]any, len(paths))
	for i := range raws {
		dest[i] = &raws[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return dbErr(err)
		}
		if !fn(raws) {
			break
		}
	}
	return dbErr(rows.Err())
}

// People returns the maîtres d'apprentissage or tutors whose name starts
// with text, distinct by name, first name and birth date.
func (s *Store) People(ctx context.Context, kind contract.Kind, text string, limit int) ([]workflow.Person, error) {
	q := workflow.Fold(text)
	paths := []string{"$.maitre1", "$.maitre2"}
	if kind == contract.Professionnalisation {
		paths = []string{"$.tuteur", "$.tuteurEntrepriseUtilisatrice"}
	}
	seen := map[string]bool{}
	var out []workflow.Person
	err := s.bookRows(ctx, kind, paths, func(raws []sql.NullString) bool {
		for _, raw := range raws {
			if !raw.Valid {
				continue
			}
			var p workflow.Person
			var nom, prenom string
			if kind == contract.Professionnalisation {
				var t contract.Tuteur
				if json.Unmarshal([]byte(raw.String), &t) != nil {
					continue
				}
				p.Tuteur, nom, prenom = &t, t.Nom, t.Prenom
			} else {
				var m contract.Maitre
				if json.Unmarshal([]byte(raw.String), &m) != nil {
					continue
				}
				p.Maitre, nom, prenom = &m, m.Nom, m.Prenom
			}
			if strings.TrimSpace(nom) == "" || !(strings.HasPrefix(workflow.Fold(nom), q) || strings.HasPrefix(workflow.Fold(prenom), q)) {
				continue
			}
			key := workflow.Fold(p.Name())
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, p)
		}
		return len(out) < limit
	})
	return out, err
}

// Formations returns the formations whose diploma code, RNCP or CFA UAI
// starts with text, or whose title holds it, distinct.
func (s *Store) Formations(ctx context.Context, kind contract.Kind, text string, limit int) ([]workflow.FormationEntry, error) {
	q := workflow.Fold(text)
	seen := map[string]bool{}
	var out []workflow.FormationEntry
	err := s.bookRows(ctx, kind, []string{"$.organismeFormation", "$.etablissementFormation", "$.formation"}, func(raws []sql.NullString) bool {
		var f workflow.FormationEntry
		if !raws[2].Valid || json.Unmarshal([]byte(raws[2].String), &f.Formation) != nil {
			return true
		}
		if raws[0].Valid && json.Unmarshal([]byte(raws[0].String), &f.Organisme) != nil {
			return true
		}
		if raws[1].Valid {
			var e contract.EtablissementFormation
			if json.Unmarshal([]byte(raws[1].String), &e) == nil {
				f.Etablissement = &e
			}
		}
		fo := f.Formation
		match := q == "" || strings.Contains(workflow.Fold(fo.IntituleQualification), q)
		for _, code := range []string{fo.CodeDiplome, fo.Rncp, f.Organisme.UaiCfa} {
			if code != "" && strings.HasPrefix(workflow.Fold(code), q) {
				match = true
			}
		}
		if fo.CodeDiplome == "" && fo.Rncp == "" && fo.IntituleQualification == "" {
			match = false
		}
		if !match {
			return true
		}
		key := workflow.Fold(f.Label() + "|" + fo.DateDebutFormation.String())
		if !seen[key] {
			seen[key] = true
			out = append(out, f)
		}
		return len(out) < limit
	})
	return out, err
}
