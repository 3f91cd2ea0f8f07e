-- Which contract a contract is (workflow.IdentityKey: kind, apprentice by
-- NIR or by name and birth date, employer's SIRET, start date), indexed so
-- that an import finds the rows already stored without reading every
-- contract. A table of its own rather than a column of contracts: filling
-- a new column would rewrite every stored contract (its 4 KB document
-- included). Kept by the application at every save, computed here for the
-- contracts already stored by the same Go function, registered as
-- cerfadesk_identity_key. A contract naming no apprentice has no row.

CREATE TABLE contract_identity (
	contract_id  INTEGER PRIMARY KEY REFERENCES contracts (id),
	identity_key TEXT    NOT NULL
);

CREATE INDEX contract_identity_key ON contract_identity (identity_key);

INSERT INTO contract_identity (contract_id, identity_key)
SELECT id, k FROM (
	SELECT id, cerfadesk_identity_key(kind,
		json_extract(d, '$.apprenti.nir'), json_extract(d, '$.apprenti.nom'),
		json_extract(d, '$.apprenti.prenom'), json_extract(d, '$.apprenti.dateNaissance'),
		json_extract(d, '$.employeur.siret'), json_extract(d, '$.contrat.dateDebutContrat')) AS k
	FROM (SELECT id, kind, CAST(doc AS TEXT) AS d FROM contracts)
	WHERE json_valid(d) -- a document the app cannot read has no identity; the migration goes on
) WHERE k <> '';
