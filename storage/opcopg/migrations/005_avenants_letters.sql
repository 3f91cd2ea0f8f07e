-- The agent's queue tells an avenant from its contract without reading the
-- content: whether the contract is an avenant, the n° de dépôt it names
-- (numeroContratPrecedent, compacted), its Cerfa type code and its numéro
-- d'avenant once engaged. The contracts stored before are filled from their
-- content once, here (every content is the JSON core/contract wrote).
ALTER TABLE contracts
	ADD COLUMN avenant        boolean NOT NULL DEFAULT false,
	ADD COLUMN avenant_of     text    NOT NULL DEFAULT '',
	ADD COLUMN type_contrat   integer NOT NULL DEFAULT 0,
	ADD COLUMN numero_avenant integer NOT NULL DEFAULT 0;

UPDATE contracts SET
	type_contrat = COALESCE(NULLIF(convert_from(doc, 'UTF8')::jsonb -> 'contrat' ->>
		CASE kind WHEN 'PROFESSIONNALISATION' THEN 'typeContratPro' ELSE 'typeContratApp' END, '')::integer, 0),
	numero_avenant = COALESCE(NULLIF(convert_from(doc, 'UTF8')::jsonb -> 'depot' ->> 'numeroAvenant', '')::integer, 0);
UPDATE contracts SET avenant = true,
	avenant_of = upper(regexp_replace(COALESCE(convert_from(doc, 'UTF8')::jsonb -> 'contrat' ->> 'numeroContratPrecedent', ''), '\s', '', 'g'))
	WHERE COALESCE((convert_from(doc, 'UTF8')::jsonb -> 'contrat' ->> 'avenant')::boolean, false)
		OR (kind = 'PROFESSIONNALISATION' AND type_contrat = 30)
		OR (kind <> 'PROFESSIONNALISATION' AND type_contrat BETWEEN 31 AND 38);

-- The text of a letter as the service drew it (the agent is shown that, not
-- a rebuild); '' for the documents that are no letter and the letters drawn
-- before.
ALTER TABLE documents ADD COLUMN text text NOT NULL DEFAULT '';
