-- A contract is the same as another when either its NIR key or its name
-- key matches (workflow.Identity): the same apprentice typed once with the
-- NIR and once without is one contract. contract_identity keeps the name
-- key beside identity_key (the NIR key when there is one, else the name
-- key, as before). A column of contract_identity, not of contracts: adding
-- it rewrites nothing.

ALTER TABLE contract_identity ADD COLUMN name_key TEXT NOT NULL DEFAULT '';

-- Without a NIR the identity key is the name key: no document to read.
-- The kind holds no '|', so the person is what follows the first one.
UPDATE contract_identity SET name_key = identity_key
WHERE substr(identity_key, instr(identity_key, '|') + 1, 4) = 'nom:';

-- With a NIR, the name key comes from the document, computed by the same
-- Go function the application uses (workflow.NameKeyOf, registered as
-- cerfadesk_name_key, given the kind and the five values in one JSON array:
-- one json_extract reads the document once). A contract without a last
-- name keeps ''.
UPDATE contract_identity SET name_key = cerfadesk_name_key(c.kind, json_extract(CAST(c.doc AS TEXT),
		'$.apprenti.nom', '$.apprenti.prenom', '$.apprenti.dateNaissance', '$.employeur.siret', '$.contrat.dateDebutContrat'))
FROM contracts c
WHERE c.id = contract_identity.contract_id AND contract_identity.name_key = ''
	AND json_valid(CAST(c.doc AS TEXT)); -- a document the app cannot read keeps its NIR key only

CREATE INDEX contract_identity_name ON contract_identity (name_key, identity_key);
