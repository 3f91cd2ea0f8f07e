-- The agent's review (issue 11): who instructs the contract, the funding of
-- its last declaration of conformity (JSON), and the content transmitted
-- before the current one (the agent's « ce qui a changé »).
ALTER TABLE contracts ADD COLUMN holder TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN funding TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN previous_doc BLOB;
