-- The OPCO service's events already applied to the local store (pulled by
-- the sync), recorded in the same transaction as the change they made: an
-- event pulled again (a page interrupted before its cursor was saved) is
-- recognised by its id and never applied twice.
CREATE TABLE remote_events (
	event_id    TEXT    PRIMARY KEY,
	contract_id INTEGER NOT NULL REFERENCES contracts (id),
	applied_at  INTEGER NOT NULL
) WITHOUT ROWID;
