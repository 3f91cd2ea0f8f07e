-- The address books get tables of their own, kept by every save (storage's
-- bookEntries), instead of reading the contracts' JSON newest first: with
-- 100 000 contracts a name nobody has meant reading thousands of
-- documents per keystroke, and older contracts were never found.
-- One row per person or formation, the last saved version of it.
-- Text keys are workflow.Fold (lower case, no accents).

CREATE TABLE book_people (
	kind       TEXT    NOT NULL,
	person_key TEXT    NOT NULL, -- name, first name and birth date: the person
	nom_key    TEXT    NOT NULL,
	prenom_key TEXT    NOT NULL,
	entry      TEXT    NOT NULL, -- the maître's or tutor's block, JSON
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (kind, person_key)
) WITHOUT ROWID;

CREATE INDEX book_people_nom     ON book_people (kind, nom_key);
CREATE INDEX book_people_prenom  ON book_people (kind, prenom_key);
CREATE INDEX book_people_updated ON book_people (kind, updated_at);

CREATE TABLE book_formations (
	kind          TEXT    NOT NULL,
	formation_key TEXT    NOT NULL, -- codes, title, CFA and session start: the formation
	diploma_key   TEXT    NOT NULL,
	rncp_key      TEXT    NOT NULL,
	uai_key       TEXT    NOT NULL,
	title_key     TEXT    NOT NULL,
	entry         TEXT    NOT NULL, -- CFA, training place and formation blocks, JSON
	updated_at    INTEGER NOT NULL,
	PRIMARY KEY (kind, formation_key)
) WITHOUT ROWID;

CREATE INDEX book_formations_updated ON book_formations (kind, updated_at);

-- The contracts stored before this migration are read into the books by
-- the application at its next opening (Go decodes them), which then sets
-- filled; a store created empty is filled at once.
CREATE TABLE book_state (
	id     INTEGER PRIMARY KEY CHECK (id = 1),
	filled INTEGER NOT NULL
);

INSERT INTO book_state (id, filled) VALUES (1, 0);
