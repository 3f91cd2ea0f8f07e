-- Full-text search on names, SIRET and n° de dépôt (FTS5, external content).
-- perf-limits.md: FTS5 answers a selective search 27–63× faster than a
-- LIKE '%…%' scan at 100 000 rows.

CREATE VIRTUAL TABLE contracts_fts USING fts5 (
	apprentice_name, employer_name, cfa_name, employer_siret, numero_depot,
	content = 'contracts', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);

CREATE TRIGGER contracts_fts_insert AFTER INSERT ON contracts
BEGIN
	INSERT INTO contracts_fts (rowid, apprentice_name, employer_name, cfa_name, employer_siret, numero_depot)
	VALUES (new.id, new.apprentice_name, new.employer_name, new.cfa_name, new.employer_siret, new.numero_depot);
END;

CREATE TRIGGER contracts_fts_update AFTER UPDATE ON contracts
WHEN old.apprentice_name IS NOT new.apprentice_name
  OR old.employer_name IS NOT new.employer_name
  OR old.cfa_name IS NOT new.cfa_name
  OR old.employer_siret IS NOT new.employer_siret
  OR old.numero_depot IS NOT new.numero_depot
BEGIN
	INSERT INTO contracts_fts (contracts_fts, rowid, apprentice_name, employer_name, cfa_name, employer_siret, numero_depot)
	VALUES ('delete', old.id, old.apprentice_name, old.employer_name, old.cfa_name, old.employer_siret, old.numero_depot);
	INSERT INTO contracts_fts (rowid, apprentice_name, employer_name, cfa_name, employer_siret, numero_depot)
	VALUES (new.id, new.apprentice_name, new.employer_name, new.cfa_name, new.employer_siret, new.numero_depot);
END;

-- Contracts are never deleted (the history references them); keep the index
-- right should one ever be.
CREATE TRIGGER contracts_fts_delete AFTER DELETE ON contracts
BEGIN
	INSERT INTO contracts_fts (contracts_fts, rowid, apprentice_name, employer_name, cfa_name, employer_siret, numero_depot)
	VALUES ('delete', old.id, old.apprentice_name, old.employer_name, old.cfa_name, old.employer_siret, old.numero_depot);
END;
