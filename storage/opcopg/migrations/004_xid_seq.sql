-- History seqs without a lock held across commit (issue 13's limit).
--
-- Until now each writing transaction took the one-row seq_counter at its
-- end and held it until its commit was on disk: seqs followed the commit
-- order, and commits could not share an fsync. From this version a history
-- row's seq is its writer's position, computed inside the transaction
-- without any lock:
--
--   seq = base + ((writer's transaction id - xid0) << 16) + n
--
-- n (1…65535) numbers the rows of one transaction. A reader of
-- /v1/changes serves only seqs below the horizon of its snapshot,
--
--   base + ((pg_snapshot_xmin(pg_current_snapshot()) - xid0) << 16),
--
-- i.e. rows of transactions older than every transaction still running:
-- those are all committed (or gone), and any transaction that commits
-- later has a transaction id at or above that xmin, so a larger seq. A
-- client paging by seq therefore never steps over a change committed
-- later, whatever the commit order on any number of instances. Transaction
-- ids are 64-bit (xid8: epoch and xid), they never wrap.
--
-- base is above every seq given before (the numeric cursors the apps hold
-- stay valid); xid0 is this migration's transaction id. After a restore into
-- another cluster (whose transaction ids may be lower) the service moves the
-- origin above every stored seq when it starts (opcopg.checkOrigin).
CREATE TABLE seq_origin (
	one  boolean PRIMARY KEY DEFAULT true CHECK (one),
	base bigint  NOT NULL,
	xid0 bigint  NOT NULL
);

INSERT INTO seq_origin (one, base, xid0)
SELECT true, GREATEST((SELECT last FROM seq_counter), (SELECT COALESCE(max(seq), 0) FROM history)) + 1,
	pg_current_xact_id()::text::bigint;

-- The previous opco-server still running during a rolling upgrade takes
-- this counter at the end of each write: refuse it as « cannot connect
-- now » (57P03), which that version answers 503 + Retry-After, so that the
-- apps retry on an upgraded instance instead of mixing two numberings.
CREATE FUNCTION seq_counter_retired() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'opco-server trop ancien pour ce schéma : remplacez cette instance'
		USING ERRCODE = '57P03';
END;
$$;

CREATE TRIGGER seq_counter_retired BEFORE UPDATE ON seq_counter
	FOR EACH ROW EXECUTE FUNCTION seq_counter_retired();
