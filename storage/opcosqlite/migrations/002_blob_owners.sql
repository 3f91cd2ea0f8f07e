-- Who uploaded which content: a content is attachable by an account only
-- once that account uploaded it (or it is already on the contract), and
-- HEAD /v1/blobs/{sha256} answers per account. Contents are otherwise
-- shared by hash, and listing another tenant's SHA-256 would attach (and
-- let one download) their file.
CREATE TABLE blob_owners (
	sha256     TEXT    NOT NULL REFERENCES blobs (sha256),
	account_id INTEGER NOT NULL REFERENCES accounts (id),
	created_at INTEGER NOT NULL,
	PRIMARY KEY (sha256, account_id)
) WITHOUT ROWID;

-- The contents attached before this table existed belong to whoever
-- attached them.
INSERT OR IGNORE INTO blob_owners (sha256, account_id, created_at)
	SELECT d.sha256, a.id, d.added_at FROM documents d JOIN accounts a ON a.login = d.added_by
	WHERE d.sha256 IN (SELECT sha256 FROM blobs);
