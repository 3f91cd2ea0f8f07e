package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// parentReference is the SQL of the reference of an avenant's parent
// contract ("" for a contract that is no avenant).
const parentReference = `COALESCE((SELECT p.reference FROM contracts p WHERE c.parent_uuid <> '' AND p.uuid = c.parent_uuid), '')`

// avenantColumns are the list's columns about avenants: the parent, its
// reference, and what the content of an avenant says (mark, types, numéro
// d'avenant, n° précédent) read in one pass as a JSON array (fillAvenant).
// The content is read for the avenants created here only: reading it for
// every row of a page would triple the page's time (1.4 ms instead of
// 0.45 ms of CPU at 100 000 contracts, BenchmarkList100k); an avenant
// imported without its contract is named by its window.
const avenantColumns = `c.parent_uuid, ` + parentReference + `,
	CASE WHEN c.parent_uuid <> '' THEN json_extract(CAST(c.doc AS TEXT), '$.contrat.avenant', '$.contrat.typeContratApp',
		'$.contrat.typeContratPro', '$.depot.numeroAvenant', '$.contrat.numeroContratPrecedent') END`

// fillAvenant sets the avenant fields of a row of the list from the array
// avenantColumns read.
func fillAvenant(sm *workflow.Summary, arr sql.NullString) {
	var v struct {
		mark          *bool
		app, pro      *int
		numero, avant *string
	}
	var raw []json.RawMessage
	if arr.Valid && json.Unmarshal([]byte(arr.String), &raw) == nil && len(raw) == 5 {
		json.Unmarshal(raw[0], &v.mark)
		json.Unmarshal(raw[1], &v.app)
		json.Unmarshal(raw[2], &v.pro)
		json.Unmarshal(raw[3], &v.numero)
		json.Unmarshal(raw[4], &v.avant)
	}
	typ := v.app
	if sm.Kind == contract.Professionnalisation {
		typ = v.pro
	}
	sm.Avenant = sm.ParentID != "" || (v.mark != nil && *v.mark) || (typ != nil && contract.IsAvenantType(sm.Kind, *typ))
	if v.numero != nil {
		sm.NumeroAvenant = *v.numero
	}
	if v.avant != nil {
		sm.NumeroContratPrecedent = *v.avant
	}
}

// Avenants returns the avenants created from a contract, oldest first
// (the partial index contracts_parent, migration 008, answers it).
func (s *Store) Avenants(ctx context.Context, parentID string) ([]workflow.Summary, error) {
	if parentID == "" {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+summaryColumns+` FROM contracts c WHERE c.parent_uuid = ? AND c.parent_uuid <> '' ORDER BY c.id`, parentID)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	var out []workflow.Summary
	for rows.Next() {
		sm, _, err := scanSummary(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sm)
	}
	return out, dbErr(rows.Err())
}

// attachAtCreation attaches documents to the contract created in tx (the
// pieces an avenant takes from its parent): the same content, held once in
// the blob store, under new document rows. A content missing from the
// blob store is refused as Commit refuses it.
func (s *Store) attachAtCreation(ctx context.Context, tx *sql.Tx, rowID int64, rec *workflow.Record, ds []docs.Document, at time.Time) error {
	for _, d := range ds {
		if _, err := os.Stat(s.Blobs.Path(d.SHA256)); err != nil {
			return workflow.Errorf(workflow.CodeNotFound, "Le contenu du document « %s » est introuvable dans le dossier des documents.", d.Name)
		}
		if d.AddedAt.IsZero() {
			d.AddedAt = at
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO documents (uuid, contract_id, type, name, mime, size, sha256, added_at, added_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, rowID, d.Type, d.Name, d.MIME, d.Size, d.SHA256, d.AddedAt.UnixMicro(), d.AddedBy); err != nil {
			if isUniqueViolation(err) {
				return workflow.Errorf(workflow.CodeDuplicate, "Le document « %s » est joint deux fois.", d.Name)
			}
			return dbErr(err)
		}
		d.ContractID = rec.ID
		rec.Documents = append(rec.Documents, d)
		e := d.Entry()
		e.DateAjout = civil.Of(d.AddedAt)
		rec.Contract.Documents = append(rec.Contract.Documents, e)
	}
	return nil
}
