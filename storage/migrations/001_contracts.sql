-- Contracts, their documents, their append-only history and the outbox.
-- Times are Unix microseconds (UTC); civil dates are 'AAAA-MM-JJ' text ('' = none).

CREATE TABLE contracts (
	id              INTEGER PRIMARY KEY,
	uuid            TEXT    NOT NULL UNIQUE,
	reference       TEXT    NOT NULL UNIQUE,
	kind            TEXT    NOT NULL,
	status          TEXT    NOT NULL,
	version         INTEGER NOT NULL CHECK (version >= 1),
	employer_siret  TEXT    NOT NULL DEFAULT '',
	employer_name   TEXT    NOT NULL DEFAULT '',
	apprentice_name TEXT    NOT NULL DEFAULT '',
	cfa_name        TEXT    NOT NULL DEFAULT '',
	cfa_siret       TEXT    NOT NULL DEFAULT '',
	cfa_uai         TEXT    NOT NULL DEFAULT '',
	numero_depot    TEXT    NOT NULL DEFAULT '',
	start_date      TEXT    NOT NULL DEFAULT '',
	deadline        TEXT    NOT NULL DEFAULT '',
	correction      INTEGER NOT NULL DEFAULT 0,
	hors_delai      INTEGER NOT NULL DEFAULT 0,
	parent_uuid     TEXT    NOT NULL DEFAULT '',
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL,
	-- The canonical JSON, last so that the list columns sit in the row's first page.
	doc             BLOB    NOT NULL
);

CREATE INDEX contracts_updated        ON contracts (updated_at);
CREATE INDEX contracts_created        ON contracts (created_at);
CREATE INDEX contracts_status_updated ON contracts (status, updated_at);
CREATE INDEX contracts_kind_updated   ON contracts (kind, updated_at);
CREATE INDEX contracts_employer_siret ON contracts (employer_siret, updated_at);
CREATE INDEX contracts_cfa_siret      ON contracts (cfa_siret);
CREATE INDEX contracts_cfa_uai        ON contracts (cfa_uai);
CREATE INDEX contracts_start          ON contracts (start_date);
CREATE INDEX contracts_deadline       ON contracts (deadline);
CREATE INDEX contracts_apprentice     ON contracts (apprentice_name);
CREATE INDEX contracts_employer_name  ON contracts (employer_name);
CREATE INDEX contracts_depot          ON contracts (numero_depot);

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
	UNIQUE (contract_id, sha256)
);

CREATE TABLE history (
	id            INTEGER PRIMARY KEY,
	contract_id   INTEGER NOT NULL REFERENCES contracts (id),
	version       INTEGER NOT NULL,
	at            INTEGER NOT NULL,
	actor_role    TEXT    NOT NULL,
	actor_name    TEXT    NOT NULL DEFAULT '',
	action        TEXT    NOT NULL,
	status_before TEXT    NOT NULL DEFAULT '',
	status_after  TEXT    NOT NULL,
	changed       TEXT    NOT NULL DEFAULT '[]',
	document_id   INTEGER REFERENCES documents (id),
	hors_delai    INTEGER NOT NULL DEFAULT 0,
	note          TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX history_contract ON history (contract_id, id);

-- The history is never rewritten.
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
	SELECT RAISE(ABORT, 'history is append-only');
END;

CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
	SELECT RAISE(ABORT, 'history is append-only');
END;

CREATE TABLE outbox (
	seq             INTEGER PRIMARY KEY AUTOINCREMENT,
	uuid            TEXT    NOT NULL UNIQUE,
	contract_id     INTEGER REFERENCES contracts (id),
	kind            TEXT    NOT NULL,
	payload         BLOB    NOT NULL,
	created_at      INTEGER NOT NULL,
	attempts        INTEGER NOT NULL DEFAULT 0,
	last_error      TEXT    NOT NULL DEFAULT '',
	last_attempt_at INTEGER NOT NULL DEFAULT 0,
	done_at         INTEGER
);

CREATE INDEX outbox_pending ON outbox (seq) WHERE done_at IS NULL;
CREATE INDEX outbox_pending_contract ON outbox (contract_id) WHERE done_at IS NULL;
