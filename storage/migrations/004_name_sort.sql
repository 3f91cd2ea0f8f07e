-- The list sorts names on a folded key (accents and case ignored: "Élodie"
-- with E, not after Z), computed by the application at every save
-- (storage.sortKey) and here, for the contracts already stored, by the same
-- Go function registered as cerfadesk_sort_key. The indexes on the names
-- themselves served only that sort.

ALTER TABLE contracts ADD COLUMN apprentice_sort TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN employer_sort   TEXT NOT NULL DEFAULT '';

UPDATE contracts SET apprentice_sort = cerfadesk_sort_key(apprentice_name),
                     employer_sort   = cerfadesk_sort_key(employer_name);

DROP INDEX contracts_apprentice;
DROP INDEX contracts_employer_name;
CREATE INDEX contracts_apprentice_sort ON contracts (apprentice_sort);
CREATE INDEX contracts_employer_sort   ON contracts (employer_sort);
