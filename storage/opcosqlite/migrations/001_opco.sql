-- The OPCO service's database: accounts, sessions, contracts as the service
-- holds them, their documents, their append-only history (whose seq is the
-- cursor of /v1/changes and whose message_id makes every push idempotent),
-- the n° de dépôt counters and the queue of e-mails to send.
-- Times are Unix microseconds (UTC); civil dates are 'AAAA-MM-JJ' text ('' = none).

CREATE TABLE accounts (
	id            INTEGER PRIMARY KEY,
	login         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
	role          TEXT    NOT NULL CHECK (role IN ('entreprise', 'cfa', 'agent')),
	email         TEXT    NOT NULL COLLATE NOCASE,
	siret         TEXT    NOT NULL DEFAULT '',
	name          TEXT    NOT NULL DEFAULT '',
	password_hash TEXT    NOT NULL,
	created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
	token_hash TEXT    PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts (id),
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);

CREATE INDEX sessions_expiry ON sessions (expires_at);

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
	-- The employer's e-mail a CFA sent the contract to, and that CFA.
	sent_to         TEXT    NOT NULL DEFAULT '' COLLATE NOCASE,
	cfa_account     INTEGER REFERENCES accounts (id),
	-- Transmitted to the OPCO at least once: agents see it.
	transmitted     INTEGER NOT NULL DEFAULT 0,
	hors_delai      INTEGER NOT NULL DEFAULT 0,
	correction      INTEGER NOT NULL DEFAULT 0,
	numero_depot    TEXT    NOT NULL DEFAULT '',
	start_date      TEXT    NOT NULL DEFAULT '',
	received_on     TEXT    NOT NULL DEFAULT '',
	-- The seq of the last history row: /v1/changes pages on it.
	seq             INTEGER NOT NULL,
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL,
	doc             BLOB    NOT NULL
);

CREATE INDEX contracts_seq      ON contracts (seq);
CREATE INDEX contracts_siret    ON contracts (employer_siret, seq);
CREATE INDEX contracts_sent_to  ON contracts (sent_to, seq);
CREATE INDEX contracts_cfa      ON contracts (cfa_account, seq);
CREATE INDEX contracts_agent    ON contracts (transmitted, seq);
CREATE INDEX contracts_queue    ON contracts (status, received_on);

CREATE TABLE documents (
	id          INTEGER PRIMARY KEY,
	uuid        TEXT    NOT NULL,
	contract_id INTEGER NOT NULL REFERENCES contracts (id),
	type        TEXT    NOT NULL,
	name        TEXT    NOT NULL,
	mime        TEXT    NOT NULL,
	size        INTEGER NOT NULL CHECK (size > 0 AND size <= 10485760),
	sha256      TEXT    NOT NULL CHECK (length(sha256) = 64),
	letter      INTEGER NOT NULL DEFAULT 0,
	added_at    INTEGER NOT NULL,
	added_by    TEXT    NOT NULL DEFAULT '',
	UNIQUE (contract_id, uuid),
	UNIQUE (contract_id, sha256)
);

CREATE TABLE history (
	-- Assigned max + 1 by the single writer; rows are never deleted.
	seq           INTEGER PRIMARY KEY,
	contract_id   INTEGER NOT NULL REFERENCES contracts (id),
	at            INTEGER NOT NULL,
	account_id    INTEGER REFERENCES accounts (id),
	role          TEXT    NOT NULL,
	actor         TEXT    NOT NULL DEFAULT '',
	action        TEXT    NOT NULL,
	status_before TEXT    NOT NULL DEFAULT '',
	status_after  TEXT    NOT NULL,
	note          TEXT    NOT NULL DEFAULT '',
	document_id   INTEGER REFERENCES documents (id),
	hors_delai    INTEGER NOT NULL DEFAULT 0,
	correction    INTEGER NOT NULL DEFAULT 0,
	-- The client's id of the push: the same id again is a retry.
	message_id    TEXT    UNIQUE
);

CREATE INDEX history_contract ON history (contract_id, seq);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
	SELECT RAISE(ABORT, 'history is append-only');
END;

CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
	SELECT RAISE(ABORT, 'history is append-only');
END;

CREATE TABLE depot_counters (
	prefix TEXT    PRIMARY KEY,
	last   INTEGER NOT NULL
);

CREATE TABLE mails (
	id          INTEGER PRIMARY KEY,
	to_addr     TEXT    NOT NULL,
	subject     TEXT    NOT NULL,
	body        TEXT    NOT NULL,
	created_at  INTEGER NOT NULL,
	attempts    INTEGER NOT NULL DEFAULT 0,
	last_error  TEXT    NOT NULL DEFAULT '',
	next_try_at INTEGER NOT NULL DEFAULT 0,
	sent_at     INTEGER
);

CREATE INDEX mails_pending ON mails (next_try_at) WHERE sent_at IS NULL;

-- The contents the service holds (in <data>/blobs, named by their SHA-256).
CREATE TABLE blobs (
	sha256     TEXT    PRIMARY KEY CHECK (length(sha256) = 64),
	size       INTEGER NOT NULL,
	mime       TEXT    NOT NULL,
	created_at INTEGER NOT NULL
);
