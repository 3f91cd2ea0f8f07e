-- Failed logins by key (a login, a client address), so that the rate limit
-- survives a restart and is one step with the check (the single writer).
CREATE TABLE login_failures (
	key TEXT    NOT NULL,
	at  INTEGER NOT NULL
);

CREATE INDEX login_failures_key ON login_failures (key, at);
