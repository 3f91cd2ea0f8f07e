package rules

import (
	"strconv"

	"cerfadesk/core/cerfa"
)

// RuleLength is the ID of the length check every free-text field of the
// table carries: a value past its bound blocks transmission, so that a
// 900 KB name never reaches the PDF, the letters or the OPCO.
const RuleLength = "CHAMP-LONGUEUR"

// lengths checks every text field of the contract's kind against its
// bound, whether the field applies or not: a value is stored and sent as
// long as it is in the contract.
func (k *check) lengths() {
	kind := k.c.TypeFormulaire
	for _, f := range cerfa.Texts(kind) {
		if !f.TooLong(k.c) || k.blocked(f.Key) {
			continue // a format rule already refused the value, length included
		}
		label := f.Label(kind)
		if f.Parent != nil {
			label = f.Parent.Label(kind) + " — " + label
		}
		k.add(f.Tab, f.Key, RuleLength, Error, "« "+label+" » : "+strconv.Itoa(f.MaxLen)+" caractères au plus ("+
			strconv.Itoa(f.Length(k.c))+" saisis). Raccourcissez ce texte.")
	}
}

// blocked reports whether a finding of severity E already names key.
func (k *check) blocked(key string) bool {
	for _, f := range k.out {
		if f.Field == key && f.Severity == Error {
			return true
		}
	}
	return false
}
