package opco

import (
	"context"
	"fmt"
	"strings"

	"cerfadesk/core/contract"
	"cerfadesk/core/ident"
)

// avenantDepot is the n° de dépôt an avenant is engaged under: the number
// of the contract it changes (numeroContratPrecedent), whether that
// contract was engaged here or elsewhere — the OPCO files an avenant under
// its contract's number, with a numéro d'avenant. It is "" for a contract
// that is no avenant, and for an avenant whose number is not a n° de dépôt
// (a malformed one, which professionalisation only warns about): that one
// gets a n° de dépôt of its own, and its numéro d'avenant under it.
func avenantDepot(c *contract.Contract) string {
	if !c.IsAvenant() {
		return ""
	}
	numero := strings.ToUpper(ident.Compact(c.Contrat.NumeroContratPrecedent))
	if !ident.NumContratValid(numero) {
		return ""
	}
	return numero
}

// peekNumeroAvenant returns the numéro d'avenant nextNumeroAvenant would
// assign now under n° de dépôt numero (the letter is drawn with it).
func peekNumeroAvenant(ctx context.Context, q queryer, numero string) (int, error) {
	n, err := q.PeekAvenant(ctx, numero)
	if err != nil {
		return 0, internal("Le numéro d'avenant n'a pas pu être attribué.", err)
	}
	return n, nil
}

// nextNumeroAvenant assigns the next numéro d'avenant of n° de dépôt numero.
func nextNumeroAvenant(ctx context.Context, tx Tx, numero string) (int, error) {
	n, err := tx.NextAvenant(ctx, numero)
	if err != nil {
		return 0, internal("Le numéro d'avenant n'a pas pu être attribué.", fmt.Errorf("avenant counter of %s: %w", numero, err))
	}
	return n, nil
}
