-- Migration 006 first kept the identity in a column of contracts
-- (identity_key); a store migrated then gets the table now. Elsewhere this
-- finds the table there and every contract in it: nothing to do.

CREATE TABLE IF NOT EXISTS contract_identity (
	contract_id  INTEGER PRIMARY KEY REFERENCES contracts (id),
	identity_key TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS contract_identity_key ON contract_identity (identity_key);

INSERT INTO contract_identity (contract_id, identity_key)
SELECT id, k FROM (
	SELECT id, cerfadesk_identity_key(kind,
		json_extract(d, '$.apprenti.nir'), json_extract(d, '$.apprenti.nom'),
		json_extract(d, '$.apprenti.prenom'), json_extract(d, '$.apprenti.dateNaissance'),
		json_extract(d, '$.employeur.siret'), json_extract(d, '$.contrat.dateDebutContrat')) AS k
	FROM (SELECT id, kind, CAST(doc AS TEXT) AS d FROM contracts
		WHERE id NOT IN (SELECT contract_id FROM contract_identity))
	WHERE json_valid(d) -- a document the app cannot read has no identity; the migration goes on
) WHERE k <> '';
