package rules

import (
	"strings"

	"cerfadesk/core/contract"
	"cerfadesk/core/ident"
)

// addressIDs names the rules an address block reports under on its tab.
type addressIDs struct {
	req, num, rep, cpFmt, cpGeo string
}

// address checks an address block: required parts, number, repetition index,
// postcode format and, with a referential, postcode ↔ commune.
func (k *check) address(tab, path string, a *contract.Adresse, ids addressIDs, who string) {
	if a == nil {
		a = &contract.Adresse{}
	}
	french := blank(a.Pays) || a.Pays == "FR"
	if blank(a.Voie) {
		k.add(tab, path+".voie", ids.req, Error, "L'adresse "+who+" est incomplète : indiquez la voie (numéro et nom de la rue).")
	}
	if blank(a.CodePostal) {
		k.add(tab, path+".codePostal", ids.req, Error, "L'adresse "+who+" est incomplète : indiquez le code postal.")
	}
	if blank(a.Commune) {
		k.add(tab, path+".commune", ids.req, Error, "L'adresse "+who+" est incomplète : indiquez la commune.")
	}
	if a.Numero != nil && !ident.AddressNumberIntValid(*a.Numero) && ids.num != "" {
		k.add(tab, path+".numero", ids.num, Error, "Le numéro de voie "+who+" doit être un nombre entier positif (sans zéro devant).")
	}
	if !blank(a.RepetitionVoie) && !ident.RepetitionValid(a.RepetitionVoie) && ids.rep != "" {
		k.add(tab, path+".repetitionVoie", ids.rep, Error, "L'indice de répétition "+who+" doit être B (bis), T (ter), Q (quater) ou C (quinquiès).")
	}
	cp := ident.Compact(a.CodePostal)
	if cp == "" || !french {
		return
	}
	if !ident.CodePostalFR(cp) {
		if ids.cpFmt != "" {
			k.add(tab, path+".codePostal", ids.cpFmt, Error, "Le code postal "+who+" doit comporter exactement 5 chiffres (par exemple 69003).")
		}
		return
	}
	if ids.cpGeo == "" {
		return
	}
	exists, matches, expected, known := k.ref.Postcode(cp, a.Commune)
	switch {
	case !known:
	case !exists:
		k.add(tab, path+".codePostal", ids.cpGeo, Warning, "Code postal inconnu : le code postal "+cp+" "+who+" n'existe pas dans le référentiel de La Poste. Vérifiez-le.")
	case !matches && !blank(a.Commune):
		k.add(tab, path+".commune", ids.cpGeo, Warning, "La commune « "+a.Commune+" » ne correspond pas au code postal "+cp+" "+who+". Communes attendues : "+joinFR(expected)+".")
	}
	if exists && known && !blank(a.Departement) {
		if dept, _, ok := k.ref.DeptRegion(cp); ok && !sameDept(dept, a.Departement) && !deptOfAnyCommune(k.ref, cp, a.Departement) {
			k.add(tab, path+".departement", ids.cpGeo, Warning, "Le département "+a.Departement+" "+who+" ne correspond pas au code postal "+cp+" (département "+dept+").")
		}
	}
}

// postcodeDepts is implemented by referentials that know every département
// of a postcode (a few postcodes span two).
type postcodeDepts interface {
	PostcodeDepts(cp string) []string
}

// deptOfAnyCommune reports whether dept is the département of one of the
// postcode's communes, when the referential can tell.
func deptOfAnyCommune(ref Referential, cp, dept string) bool {
	pd, ok := ref.(postcodeDepts)
	if !ok {
		return false
	}
	for _, d := range pd.PostcodeDepts(cp) {
		if sameDept(d, dept) {
			return true
		}
	}
	return false
}

// sameDept compares two département codes in any accepted writing: "69",
// "069" (the S1 enum pads metropolitan codes to 3), "2a".
func sameDept(a, b string) bool {
	na, _ := ident.NormalizeDept(unpadDept(a))
	nb, _ := ident.NormalizeDept(unpadDept(b))
	return na != "" && na == nb
}

// unpadDept drops the leading 0 of a 3-character metropolitan code ("069").
func unpadDept(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 3 && s[0] == '0' {
		return s[1:]
	}
	return s
}

// phone checks a required telephone number.
func (k *check) phone(tab, field, rule, who string, v string) {
	if blank(v) {
		k.add(tab, field, rule, Error, "Indiquez le numéro de téléphone "+who+".")
		return
	}
	if _, ok := ident.NormalizePhone(v); !ok {
		k.add(tab, field, rule, Error, "Le numéro de téléphone "+who+" est invalide : 10 chiffres commençant par 0 (par exemple 04 78 12 34 56) ou au format international +33….")
	}
}

// email checks an e-mail address; required says whether empty is an error.
func (k *check) email(tab, field, ruleReq, ruleFmt, who string, v string, required bool) {
	if blank(v) {
		if required {
			k.add(tab, field, ruleReq, Error, "Indiquez l'adresse électronique "+who+".")
		}
		return
	}
	if !ident.EmailValid(v) {
		k.add(tab, field, ruleFmt, Error, "L'adresse électronique "+who+" est invalide (exemple : prenom.nom@domaine.fr, 80 caractères au plus).")
	}
}

// siret checks a SIRET's format and checksum under one rule ID.
func (k *check) siretFmt(tab, field, ruleFmt, ruleKey, who, v string) bool {
	s := ident.Compact(v)
	if !ident.SIRETFormat(s) {
		k.add(tab, field, ruleFmt, Error, "Le numéro SIRET "+who+" doit comporter exactement 14 chiffres.")
		return false
	}
	if !ident.SIRETChecksum(s) {
		k.add(tab, field, ruleKey, Error, "Le numéro SIRET "+who+" est invalide (clé de contrôle) : vérifiez qu'il n'y a pas de chiffre inversé ou mal recopié.")
		return false
	}
	return true
}

// joinFR joins names as "A, B ou C".
func joinFR(names []string) string {
	switch len(names) {
	case 0:
		return "—"
	case 1:
		return names[0]
	}
	out := ""
	for i, n := range names {
		switch {
		case i == 0:
			out = n
		case i == len(names)-1:
			out += " ou " + n
		default:
			out += ", " + n
		}
	}
	return out
}
