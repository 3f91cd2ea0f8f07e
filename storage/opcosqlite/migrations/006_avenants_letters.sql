-- The agent's queue tells an avenant from its contract without reading the
-- content: whether the contract is an avenant, the n° de dépôt it names
-- (numeroContratPrecedent, compacted), its Cerfa type code and its numéro
-- d'avenant once engaged. The contracts stored before are filled from their
-- content once, here.
ALTER TABLE contracts ADD COLUMN avenant        INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contracts ADD COLUMN avenant_of     TEXT    NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN type_contrat   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contracts ADD COLUMN numero_avenant INTEGER NOT NULL DEFAULT 0;

UPDATE contracts SET type_contrat = COALESCE(CAST(json_extract(CAST(doc AS TEXT),
	CASE kind WHEN 'PROFESSIONNALISATION' THEN '$.contrat.typeContratPro' ELSE '$.contrat.typeContratApp' END) AS INTEGER), 0),
	numero_avenant = COALESCE(CAST(json_extract(CAST(doc AS TEXT), '$.depot.numeroAvenant') AS INTEGER), 0)
	WHERE json_valid(CAST(doc AS TEXT));
UPDATE contracts SET avenant = 1,
	avenant_of = UPPER(REPLACE(REPLACE(REPLACE(COALESCE(json_extract(CAST(doc AS TEXT), '$.contrat.numeroContratPrecedent'), ''),
		' ', ''), char(9), ''), char(160), ''))
	WHERE json_valid(CAST(doc AS TEXT)) AND (json_extract(CAST(doc AS TEXT), '$.contrat.avenant') = 1
		OR (kind = 'PROFESSIONNALISATION' AND type_contrat = 30)
		OR (kind <> 'PROFESSIONNALISATION' AND type_contrat BETWEEN 31 AND 38));

-- The text of a letter as the service drew it (the agent is shown that, not
-- a rebuild); '' for the documents that are no letter and the letters drawn
-- before.
ALTER TABLE documents ADD COLUMN text TEXT NOT NULL DEFAULT '';
