-- The OPCO service's database on PostgreSQL: the same tables as the SQLite
-- store (storage/opcosqlite), shared by every instance of the service.
-- Times are Unix microseconds (UTC) as in SQLite; civil dates are
-- 'AAAA-MM-JJ' text ('' = none).

CREATE TABLE accounts (
	id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	login         text    NOT NULL,
	role          text    NOT NULL CHECK (role IN ('entreprise', 'cfa', 'agent')),
	email         text    NOT NULL,
	siret         text    NOT NULL DEFAULT '',
	name          text    NOT NULL DEFAULT '',
	password_hash text    NOT NULL,
	created_at    bigint  NOT NULL
);

-- Logins are unique whatever their case, as SQLite's COLLATE NOCASE.
CREATE UNIQUE INDEX accounts_login ON accounts (lower(login));

CREATE TABLE sessions (
	token_hash text   PRIMARY KEY,
	account_id bigint NOT NULL REFERENCES accounts (id),
	created_at bigint NOT NULL,
	expires_at bigint NOT NULL
);

CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Contract row ids come from a sequence (their reference OPC-nnnnnn is made
-- from it): unique across instances; a rolled-back insert leaves a gap.
CREATE SEQUENCE contracts_id_seq;

CREATE TABLE contracts (
	id              bigint  PRIMARY KEY,
	uuid            text    NOT NULL UNIQUE,
	reference       text    NOT NULL UNIQUE,
	kind            text    NOT NULL,
	status          text    NOT NULL,
	version         bigint  NOT NULL CHECK (version >= 1),
	employer_siret  text    NOT NULL DEFAULT '',
	employer_name   text    NOT NULL DEFAULT '',
	apprentice_name text    NOT NULL DEFAULT '',
	cfa_name        text    NOT NULL DEFAULT '',
	sent_to         text    NOT NULL DEFAULT '',
	cfa_account     bigint  REFERENCES accounts (id),
	transmitted     boolean NOT NULL DEFAULT false,
	hors_delai      boolean NOT NULL DEFAULT false,
	correction      boolean NOT NULL DEFAULT false,
	numero_depot    text    NOT NULL DEFAULT '',
	start_date      text    NOT NULL DEFAULT '',
	received_on     text    NOT NULL DEFAULT '',
	-- The seq of the last history row, given at commit.
	seq             bigint  NOT NULL,
	created_at      bigint  NOT NULL,
	updated_at      bigint  NOT NULL,
	doc             bytea   NOT NULL
);

CREATE INDEX contracts_seq     ON contracts (seq);
CREATE INDEX contracts_siret   ON contracts (employer_siret, seq);
CREATE INDEX contracts_sent_to ON contracts (sent_to, seq);
CREATE INDEX contracts_cfa     ON contracts (cfa_account, seq);
CREATE INDEX contracts_agent   ON contracts (transmitted, seq);
CREATE INDEX contracts_queue   ON contracts (status, received_on);

CREATE TABLE documents (
	id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	uuid        text    NOT NULL,
	-- Checked at commit: a new contract's row is written at the end of
	-- its transaction, after the documents attached to it.
	contract_id bigint  NOT NULL REFERENCES contracts (id) DEFERRABLE INITIALLY DEFERRED,
	type        text    NOT NULL,
	name        text    NOT NULL,
	mime        text    NOT NULL,
	size        bigint  NOT NULL CHECK (size > 0 AND size <= 10485760),
	sha256      text    NOT NULL CHECK (length(sha256) = 64),
	letter      boolean NOT NULL DEFAULT false,
	added_at    bigint  NOT NULL,
	added_by    text    NOT NULL DEFAULT '',
	UNIQUE (contract_id, uuid),
	UNIQUE (contract_id, sha256)
);

-- The last seq given to a history row. Its one row is updated at the very
-- end of each writing transaction, just before COMMIT, and stays locked
-- until the commit is durable: seqs are given in commit order, so a client
-- paging /v1/changes by seq never steps over a row committed later with a
-- smaller one.
CREATE TABLE seq_counter (
	one  boolean PRIMARY KEY DEFAULT true CHECK (one),
	last bigint  NOT NULL
);

INSERT INTO seq_counter (one, last) VALUES (true, 0);

CREATE TABLE history (
	seq           bigint  PRIMARY KEY,
	contract_id   bigint  NOT NULL REFERENCES contracts (id),
	at            bigint  NOT NULL,
	account_id    bigint  REFERENCES accounts (id),
	role          text    NOT NULL,
	actor         text    NOT NULL DEFAULT '',
	action        text    NOT NULL,
	status_before text    NOT NULL DEFAULT '',
	status_after  text    NOT NULL,
	note          text    NOT NULL DEFAULT '',
	document_id   bigint  REFERENCES documents (id),
	hors_delai    boolean NOT NULL DEFAULT false,
	correction    boolean NOT NULL DEFAULT false,
	-- The client's id of the push: the same id again is a retry.
	message_id    text    UNIQUE
);

CREATE INDEX history_contract ON history (contract_id, seq);

CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'history is append-only';
END;
$$;

CREATE TRIGGER history_no_change BEFORE UPDATE OR DELETE ON history
	FOR EACH ROW EXECUTE FUNCTION history_append_only();

CREATE TABLE depot_counters (
	prefix text   PRIMARY KEY,
	last   bigint NOT NULL
);

CREATE TABLE mails (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	to_addr     text   NOT NULL,
	subject     text   NOT NULL,
	body        text   NOT NULL,
	created_at  bigint NOT NULL,
	attempts    bigint NOT NULL DEFAULT 0,
	last_error  text   NOT NULL DEFAULT '',
	next_try_at bigint NOT NULL DEFAULT 0,
	sent_at     bigint
);

CREATE INDEX mails_pending ON mails (next_try_at) WHERE sent_at IS NULL;

-- The contents the service holds, by SHA-256.
CREATE TABLE blobs (
	sha256     text   PRIMARY KEY CHECK (length(sha256) = 64),
	size       bigint NOT NULL,
	mime       text   NOT NULL,
	created_at bigint NOT NULL
);

-- Who uploaded which content: a content is attachable by an account only
-- once that account uploaded it (or the contract already has it).
CREATE TABLE blob_owners (
	sha256     text   NOT NULL REFERENCES blobs (sha256),
	account_id bigint NOT NULL REFERENCES accounts (id),
	created_at bigint NOT NULL,
	PRIMARY KEY (sha256, account_id)
);

-- The contents themselves (documents are 10 MB at most): in the database,
-- so that every instance serves every document and one backup holds all.
CREATE TABLE blob_contents (
	sha256 text  PRIMARY KEY CHECK (length(sha256) = 64),
	data   bytea NOT NULL
);

-- Failed logins by key (a login, a client address): the rate limit counts
-- across instances.
CREATE TABLE login_failures (
	key text   NOT NULL,
	at  bigint NOT NULL
);

CREATE INDEX login_failures_key ON login_failures (key, at);
