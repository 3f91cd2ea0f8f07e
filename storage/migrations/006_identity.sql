-- Which contract a contract is (workflow.IdentityKey: kind, apprentice by
-- NIR or by name and birth date, employer's SIRET, start date), indexed so
-- that an import finds the rows already stored without reading every
-- contract. Computed by the application at every save and here, for the
-- contracts already stored, by the same Go function registered as
-- cerfadesk_identity_key.

ALTER TABLE contracts ADD COLUMN identity_key TEXT NOT NULL DEFAULT '';

UPDATE contracts SET identity_key = cerfadesk_identity_key(kind,
	json_extract(CAST(doc AS TEXT), '$.apprenti.nir'),
	json_extract(CAST(doc AS TEXT), '$.apprenti.nom'),
	json_extract(CAST(doc AS TEXT), '$.apprenti.prenom'),
	json_extract(CAST(doc AS TEXT), '$.apprenti.dateNaissance'),
	json_extract(CAST(doc AS TEXT), '$.employeur.siret'),
	json_extract(CAST(doc AS TEXT), '$.contrat.dateDebutContrat'));

CREATE INDEX contracts_identity ON contracts (identity_key, updated_at);
