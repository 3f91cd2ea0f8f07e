-- A document can be removed from its contract (or retyped) while the Cerfa
-- is being filled in. Its row stays, marked removed, because the history
-- (append-only) points at it; only the documents not removed are the
-- contract's. The same content may then be attached again, so the
-- uniqueness of (contract, content) holds among the documents not removed:
-- SQLite cannot drop a table constraint, so the table is rebuilt.
--
-- Dropping documents orphans the history rows that point at it; with
-- deferred foreign keys the violation is counted, and re-inserting the same
-- ids cancels it before the commit checks.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE documents_v2 AS SELECT * FROM documents;

DROP TABLE documents;

CREATE TABLE documents (
	id          INTEGER PRIMARY KEY,
	uuid        TEXT    NOT NULL UNIQUE,
	contract_id INTEGER NOT NULL REFERENCES contracts (id),
	type        TEXT    NOT NULL,
	name        TEXT    NOT NULL,
	mime        TEXT    NOT NULL,
	size        INTEGER NOT NULL CHECK (size > 0 AND size <= 10485760),
	sha256      TEXT    NOT NULL CHECK (length(sha256) = 64),
	added_at    INTEGER NOT NULL,
	added_by    TEXT    NOT NULL DEFAULT '',
	-- Unix microseconds of the removal, NULL while attached.
	removed_at  INTEGER,
	removed_by  TEXT    NOT NULL DEFAULT ''
);

INSERT INTO documents (id, uuid, contract_id, type, name, mime, size, sha256, added_at, added_by)
SELECT id, uuid, contract_id, type, name, mime, size, sha256, added_at, added_by FROM documents_v2;

DROP TABLE documents_v2;

CREATE UNIQUE INDEX documents_attached ON documents (contract_id, sha256) WHERE removed_at IS NULL;
CREATE INDEX documents_contract ON documents (contract_id, id);
CREATE INDEX documents_sha256 ON documents (sha256);
