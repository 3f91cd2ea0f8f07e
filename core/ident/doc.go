// Package ident holds the identifier and format algorithms of the Cerfa forms:
// SIRET/SIREN (Luhn and the La Poste exception), NIR, UAI, NAF, IDCC, RNCP,
// code diplôme, numéro de contrat DECA, NDA, codes postaux and départements,
// telephone numbers, e-mail addresses, names and address parts.
//
// The functions are pure, depend on nothing but the standard library and do
// not use regular expressions: the rule engine calls them on every keystroke.
// The predicates allocate nothing; a Normalize or Parse function allocates at
// most one string, and none when its input is already canonical.
//
// Two kinds of functions, two conventions:
//
//   - Predicates (…Valid, …Format, …Check, …Plausible, Luhn) are strict: they
//     judge the string as given. Callers remove whitespace first with Compact
//     (SIRET "834 759 623 00012" → "83475962300012").
//   - Normalize… and ParseNIR tolerate whitespace (the same set as Compact)
//     and return the canonical form; the canonical form normalises to itself.
package ident
