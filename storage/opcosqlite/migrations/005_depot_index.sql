-- An avenant names the n° de dépôt of the contract it changes: the service
-- finds that contract by it (its content is the avenant's « avant »).
CREATE INDEX contracts_numero_depot ON contracts (numero_depot);
