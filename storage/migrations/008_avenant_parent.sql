-- The avenants of a contract (« Créer une demande de modification » asks
-- whether one is in progress) without reading every contract: a partial
-- index, since few contracts are avenants.
CREATE INDEX contracts_parent ON contracts (parent_uuid) WHERE parent_uuid <> '';
