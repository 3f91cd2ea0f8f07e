package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"strings"
	"time"

	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

var _ workflow.AddressBook = (*Store)(nil)

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

// prefixEnd is past every text that starts with a prefix, for an index
// range: p ≤ x < p+prefixEnd.
const prefixEnd = "\U0010FFFF"

// People returns the maîtres d'apprentissage or tutors whose name or first
// name starts with text, one per person (name, first name, birth date),
// last saved first: from book_people, by its name indexes (a union of two
// index ranges: with OR, SQLite may walk the whole table by date).
func (s *Store) People(ctx context.Context, kind contract.Kind, text string, limit int) ([]workflow.Person, error) {
	q := workflow.Fold(text)
	var rows *sql.Rows
	var err error
	if q == "" {
		rows, err = s.db.QueryContext(ctx, `SELECT entry, updated_at FROM book_people WHERE kind = ? ORDER BY updated_at DESC LIMIT ?`,
			string(kind), limit)
	} else {
		rows, err = s.db.QueryContext(ctx, `SELECT entry, updated_at FROM book_people WHERE kind = ?1 AND nom_key >= ?2 AND nom_key < ?3
			UNION SELECT entry, updated_at FROM book_people WHERE kind = ?1 AND prenom_key >= ?2 AND prenom_key < ?3
			ORDER BY updated_at DESC LIMIT ?4`, string(kind), q, q+prefixEnd, limit)
	}
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	var out []workflow.Person
	for rows.Next() {
		var raw string
		var at int64
		if err := rows.Scan(&raw, &at); err != nil {
			return nil, dbErr(err)
		}
		var p workflow.Person
		if kind == contract.Professionnalisation {
			p.Tuteur = &contract.Tuteur{}
			err = json.Unmarshal([]byte(raw), p.Tuteur)
		} else {
			p.Maitre = &contract.Maitre{}
			err = json.Unmarshal([]byte(raw), p.Maitre)
		}
		if err != nil {
			return nil, workflow.Internal("Le carnet d'adresses n'a pas pu relire une personne.", err)
		}
		out = append(out, p)
	}
	return out, dbErr(rows.Err())
}

// bookFormation is a book_formations entry.
type bookFormation struct {
	Organisme     contract.Organisme               `json:"organismeFormation"`
	Etablissement *contract.EtablissementFormation `json:"etablissementFormation,omitempty"`
	Formation     contract.Formation               `json:"formation"`
}

// Formations returns the formations whose diploma code, RNCP or CFA UAI
// starts with text, or whose title holds it, one per formation and
// session, last saved first: from book_formations (one row per formation,
// a few hundred for a CFA, read in the order of its index).
func (s *Store) Formations(ctx context.Context, kind contract.Kind, text string, limit int) ([]workflow.FormationEntry, error) {
	q := workflow.Fold(text)
	rows, err := s.db.QueryContext(ctx, `SELECT entry FROM book_formations WHERE kind = ?1
		AND (instr(title_key, ?2) > 0 OR (diploma_key >= ?2 AND diploma_key < ?3)
			OR (rncp_key >= ?2 AND rncp_key < ?3) OR (uai_key >= ?2 AND uai_key < ?3))
		ORDER BY updated_at DESC LIMIT ?4`, string(kind), q, q+prefixEnd, limit)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	var out []workflow.FormationEntry
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, dbErr(err)
		}
		var f bookFormation
		if err := json.Unmarshal([]byte(raw), &f); err != nil {
			return nil, workflow.Internal("Le carnet d'adresses n'a pas pu relire une formation.", err)
		}
		out = append(out, workflow.FormationEntry{Organisme: f.Organisme, Etablissement: f.Etablissement, Formation: f.Formation})
	}
	return out, dbErr(rows.Err())
}

// bookWriter writes address book entries in a save's transaction, with
// statements prepared once for a batch or the filling (nil: prepared per
// call).
type bookWriter struct {
	tx                *sql.Tx
	person, formation *sql.Stmt
	// seen, when set, holds the entries written already: the filling
	// reads the contracts newest first and skips the older versions.
	seen map[string]bool
}

// skip reports whether the entry key was written already by a filling,
// and marks it.
func (w *bookWriter) skip(key string) bool {
	if w.seen == nil {
		return false
	}
	if w.seen[key] {
		return true
	}
	w.seen[key] = true
	return false
}

// prepare prepares the writer's statements for many contracts; close
// closes them.
func (w *bookWriter) prepare(ctx context.Context) error {
	var err error
	if w.person, err = w.tx.PrepareContext(ctx, upsertPerson); err != nil {
		return dbErr(err)
	}
	w.formation, err = w.tx.PrepareContext(ctx, upsertFormation)
	return dbErr(err)
}

func (w *bookWriter) close() {
	for _, st := range []*sql.Stmt{w.person, w.formation} {
		if st != nil {
			st.Close()
		}
	}
}

func (w *bookWriter) exec(ctx context.Context, st *sql.Stmt, query string, args ...any) error {
	var err error
	if st != nil {
		_, err = st.ExecContext(ctx, args...)
	} else {
		_, err = w.tx.ExecContext(ctx, query, args...)
	}
	return dbErr(err)
}

const (
	upsertPerson = `INSERT INTO book_people (kind, person_key, nom_key, prenom_key, entry, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, person_key) DO UPDATE SET
		nom_key = excluded.nom_key, prenom_key = excluded.prenom_key, entry = excluded.entry, updated_at = excluded.updated_at
		WHERE excluded.updated_at >= book_people.updated_at`
	upsertFormation = `INSERT INTO book_formations (kind, formation_key, diploma_key, rncp_key, uai_key, title_key, entry, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, formation_key) DO UPDATE SET
		diploma_key = excluded.diploma_key, rncp_key = excluded.rncp_key, uai_key = excluded.uai_key,
		title_key = excluded.title_key, entry = excluded.entry, updated_at = excluded.updated_at
		WHERE excluded.updated_at >= book_formations.updated_at`
)

// entries writes the people and the formation of c into the address
// books, in the save's transaction; an entry saved later is kept.
func (w *bookWriter) entries(ctx context.Context, c *contract.Contract, at time.Time) error {
	kind := string(c.TypeFormulaire)
	person := func(p workflow.Person, nom, prenom string, block any) error {
		key := workflow.Fold(p.Name())
		if strings.TrimSpace(nom) == "" || w.skip("p|"+kind+"|"+key) {
			return nil
		}
		raw, err := json.Marshal(block)
		if err != nil {
			return workflow.Internal("Le carnet d'adresses n'a pas pu être mis à jour.", err)
		}
		return w.exec(ctx, w.person, upsertPerson, kind, key, workflow.Fold(nom), workflow.Fold(prenom),
			string(raw), at.UnixMicro())
	}
	switch c.TypeFormulaire {
	case contract.Apprentissage:
		for _, m := range []*contract.Maitre{c.Maitre1, c.Maitre2} {
			if m != nil {
				if err := person(workflow.Person{Maitre: m}, m.Nom, m.Prenom, m); err != nil {
					return err
				}
			}
		}
	case contract.Professionnalisation:
		for _, t := range []*contract.Tuteur{c.Tuteur, c.TuteurEntrepriseUtilisatrice} {
			if t != nil {
				if err := person(workflow.Person{Tuteur: t}, t.Nom, t.Prenom, t); err != nil {
					return err
				}
			}
		}
	default:
		return nil
	}
	fo := c.Formation
	if fo.CodeDiplome == "" && fo.Rncp == "" && fo.IntituleQualification == "" {
		return nil
	}
	e := workflow.FormationEntry{Organisme: c.OrganismeFormation, Etablissement: c.EtablissementFormation, Formation: fo}
	key := workflow.Fold(e.Label() + "|" + fo.DateDebutFormation.String())
	if w.skip("f|" + kind + "|" + key) {
		return nil
	}
	raw, err := json.Marshal(bookFormation{Organisme: e.Organisme, Etablissement: e.Etablissement, Formation: e.Formation})
	if err != nil {
		return workflow.Internal("Le carnet d'adresses n'a pas pu être mis à jour.", err)
	}
	return w.exec(ctx, w.formation, upsertFormation, kind, key,
		workflow.Fold(fo.CodeDiplome), workflow.Fold(fo.Rncp), workflow.Fold(e.Organisme.UaiCfa), workflow.Fold(fo.IntituleQualification),
		string(raw), at.UnixMicro())
}

// bookDoc is the part of a stored contract the address books read.
type bookDoc struct {
	TypeFormulaire               contract.Kind                    `json:"typeFormulaire"`
	Maitre1                      *contract.Maitre                 `json:"maitre1"`
	Maitre2                      *contract.Maitre                 `json:"maitre2"`
	Tuteur                       *contract.Tuteur                 `json:"tuteur"`
	TuteurEntrepriseUtilisatrice *contract.Tuteur                 `json:"tuteurEntrepriseUtilisatrice"`
	OrganismeFormation           contract.Organisme               `json:"organismeFormation"`
	EtablissementFormation       *contract.EtablissementFormation `json:"etablissementFormation"`
	Formation                    contract.Formation               `json:"formation"`
}

// bookFillChunk is how many stored contracts fillBook reads at a time.
const bookFillChunk = 2000

// fillBook reads the contracts stored before migration 007 into the
// address books, once, newest first, in one transaction (another process
// opening the same folder waits, then finds the books filled).
func (s *Store) fillBook(ctx context.Context) error {
	var filled bool
	if err := s.db.QueryRowContext(ctx, `SELECT filled FROM book_state WHERE id = 1`).Scan(&filled); err != nil || filled {
		return dbErr(err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return dbErr(err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `SELECT filled FROM book_state WHERE id = 1`).Scan(&filled); err != nil || filled {
		return dbErr(err)
	}
	w := &bookWriter{tx: tx, seen: map[string]bool{}}
	if err := w.prepare(ctx); err != nil {
		return err
	}
	defer w.close()
	type stored struct {
		id  int64
		at  int64
		doc []byte
	}
	// Newest first (the updated_at index), by pages: a person or a
	// formation is written once, from its last saved contract.
	afterAt, afterID := int64(math.MaxInt64), int64(math.MaxInt64)
	for {
		rows, err := tx.QueryContext(ctx, `SELECT id, updated_at, doc FROM contracts WHERE (updated_at, id) < (?, ?)
			ORDER BY updated_at DESC, id DESC LIMIT ?`, afterAt, afterID, bookFillChunk)
		if err != nil {
			return dbErr(err)
		}
		var chunk []stored
		for rows.Next() {
			var r stored
			if err := rows.Scan(&r.id, &r.at, &r.doc); err != nil {
				rows.Close()
				return dbErr(err)
			}
			chunk = append(chunk, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return dbErr(err)
		}
		if len(chunk) == 0 {
			break
		}
		for _, r := range chunk {
			// Only the blocks the books keep (a third of the time of a
			// whole contract); a document unreadable here is one the app
			// cannot open either: it stays out of the books.
			var d bookDoc
			if json.Unmarshal(r.doc, &d) != nil {
				continue
			}
			c := contract.Contract{TypeFormulaire: d.TypeFormulaire, Maitre1: d.Maitre1, Maitre2: d.Maitre2, Tuteur: d.Tuteur,
				TuteurEntrepriseUtilisatrice: d.TuteurEntrepriseUtilisatrice, OrganismeFormation: d.OrganismeFormation,
				EtablissementFormation: d.EtablissementFormation, Formation: d.Formation}
			if err := w.entries(ctx, &c, time.UnixMicro(r.at)); err != nil {
				return err
			}
		}
		afterAt, afterID = chunk[len(chunk)-1].at, chunk[len(chunk)-1].id
	}
	if _, err := tx.ExecContext(ctx, `UPDATE book_state SET filled = 1 WHERE id = 1`); err != nil {
		return dbErr(err)
	}
	return dbErr(tx.Commit())
}
