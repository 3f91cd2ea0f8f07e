package pdf

import (
	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// The blocks both forms share, drawn once for either kind: the table gives
// each kind its labels, and the words below name the person the contract
// hires.

// person names the apprentice or the salarié in the form's own words.
type person struct {
	title string // the section's title
	who   string // "apprenti(e)", "salarié(e)"
	of    string // "de l'apprenti(e)", "du (de la) salarié(e)"
	minor string // when the legal representative's block applies
}

func (s *sheet) person() person {
	if s.k == contract.Professionnalisation {
		return person{title: "LE SALARIÉ", who: "salarié(e)", of: "du (de la) salarié(e)",
			minor: "le ou la salarié(e) est mineur(e) non émancipé(e)"}
	}
	return person{title: "L'APPRENTI(E)", who: "apprenti(e)", of: "de l'apprenti(e)",
		minor: "l'apprenti(e) est mineur(e) non émancipé(e)"}
}

// employeurSection is L'EMPLOYEUR: identity, address, contact and activity,
// then the rows of the kind.
func (s *sheet) employeurSection(rows ...row) section {
	return section{
		title: "L'EMPLOYEUR",
		rows: append([]row{
			{fields: []field{
				s.box(cerfa.EmployeurDenomination, 3),
				s.box(cerfa.EmployeurSiret, 1.3),
			}},
			s.addressRow(cerfa.EmployeurAdresse, cerfa.EmployeurAdresse),
			{fields: []field{
				s.box(cerfa.EmployeurTelephone, 1).format(phone),
				s.box(cerfa.EmployeurCourriel, 2),
				s.box(cerfa.EmployeurNaf, 1),
				s.box(cerfa.EmployeurNombreDeSalaries, 1),
			}},
			{fields: []field{
				s.box(cerfa.EmployeurTypeEmployeur, 2.2),
				s.box(cerfa.EmployeurSpecifique, 1.6),
				s.box(cerfa.EmployeurCodeIdcc, 1.2).format(s.idcc),
			}},
		}, rows...),
	}
}

// idcc prints the IDCC code with its convention's name when known.
func (s *sheet) idcc(code string) string {
	if l := s.c.Employeur.LibelleIdcc; l != "" && code != "" {
		return code + " – " + l
	}
	return code
}

// salarieSection is the apprentice or salarié: names, birth, address and
// contact (contact holds the kind's boxes after the e-mail), then the
// rows of the kind, then the legal representative.
func (s *sheet) salarieSection(contact []field, rows ...row) section {
	p := s.person()
	head := []row{
		{fields: []field{
			s.box(cerfa.ApprentiNom, 1.4),
			s.box(cerfa.ApprentiNomUsage, 1.2),
			s.box(cerfa.ApprentiPrenom, 1.4),
		}},
		{fields: []field{
			s.box(cerfa.ApprentiNir, 1.3),
			s.box(cerfa.ApprentiDateNaissance, 0.85),
			s.box(cerfa.ApprentiSexe, 0.75),
			s.box(cerfa.ApprentiDepartementNaissance, 0.85),
			s.box(cerfa.ApprentiCommuneNaissance, 2),
		}},
		s.addressRow(cerfa.ApprentiAdresse, cerfa.ApprentiAdresse),
		{fields: append([]field{
			s.box(cerfa.ApprentiTelephone, 1).format(phone),
			s.box(cerfa.ApprentiCourriel, 2),
		}, contact...)},
	}
	rows = append(head, rows...)
	return section{title: p.title, rows: append(rows, s.legalRepRows()...)}
}

// handicap is the recognition as a disabled worker and, beside it, the two
// cases the form ticks when it is oui.
func (s *sheet) handicap(weight, detailWeight float64) []field {
	detail := field{label: "Si oui :", kind: choiceField, weight: detailWeight}
	for _, h := range []cerfa.Handle{cerfa.ApprentiHandicapEquivalence, cerfa.ApprentiHandicapBOE} {
		detail.choices = append(detail.choices, choice{label: shortLabel(h.Info().Label(s.k)), on: s.yes(h)})
		detail = detail.plus(h)
	}
	return []field{s.box(cerfa.ApprentiHandicap, weight), detail}
}

// addressRow is an address under its caption: N° (with the repetition
// index, which has no box of its own), Voie, Complément, Code postal,
// Commune. The boxes are keyed and labelled by a, and show the values of
// from (the apprentice's address for a representative living with them).
func (s *sheet) addressRow(a, from cerfa.AddressField) row {
	part := func(f, v *cerfa.Field, weight float64) field {
		return s.box(computed{f}, weight).show(s.value(computed{v}))
	}
	numero := part(a.Numero, from.Numero, 0.45).
		show(streetNumber(s.value(computed{from.Numero}), s.value(computed{from.RepetitionVoie}))).
		plus(computed{a.RepetitionVoie})
	return row{caption: a.Label(s.k) + " :", fields: []field{
		numero,
		part(a.Voie, from.Voie, 2.6),
		part(a.Complement, from.Complement, 1.6),
		part(a.CodePostal, from.CodePostal, 0.7),
		part(a.Commune, from.Commune, 1.8),
	}}
}

// legalRepRows are the représentant légal's name, e-mail and address (the
// apprentice's own address when they live together).
func (s *sheet) legalRepRows() []row {
	from := cerfa.LegalAdresse
	if s.yes(cerfa.LegalMemeAdresse) {
		from = cerfa.ApprentiAdresse
	}
	return []row{
		{caption: "Représentant légal (à renseigner si " + s.person().minor + ")", fields: []field{
			// The form asks name and first name in one box.
			s.box(cerfa.LegalNom, 1.2).printed("Nom de naissance et prénom").
				show(fullName(s.value(cerfa.LegalNom), s.value(cerfa.LegalPrenom))).plus(cerfa.LegalPrenom),
			s.box(cerfa.LegalCourriel, 1).printed("Courriel"),
		}},
		s.addressRow(cerfa.LegalAdresse, from),
	}
}

// sideBySide puts the same boxes of two people side by side (maître n° 1
// and n° 2, the tutor and the user company's tutor); names tell them apart
// outside the form.
func sideBySide(names [2]string, boxes func(i int) []field) row {
	var fs []field
	for i, name := range names {
		for _, fd := range boxes(i) {
			fd.ctx = name
			fs = append(fs, fd)
		}
	}
	return row{fields: fs}
}

// signatureSection is "Fait à … le …" and the signature boxes. The date is
// the date of conclusion (the signatures' date on the Cerfa); when it is
// missing, the edition date stands in. The FA13 adds the CFA's visa.
func (s *sheet) signatureSection() section {
	p := s.person()
	le := s.c.Contrat.DateConclusion
	if le.IsZero() && !s.opt.Now.IsZero() {
		le = civil.Of(s.opt.Now)
	}
	rep := "Sans objet : " + p.who + " majeur(e)"
	if minor(s.c) {
		rep = fullName(s.value(cerfa.LegalPrenom), s.value(cerfa.LegalNom))
	}
	sign := []field{
		{label: "Signature de l'employeur", value: s.value(cerfa.EmployeurDenomination), kind: signField, minH: 17},
		{label: "Signature " + p.of, value: fullName(s.value(cerfa.ApprentiPrenom), s.value(cerfa.ApprentiNom)), kind: signField, minH: 17},
		{label: "Signature du représentant légal " + p.of + " mineur(e)", value: rep, kind: signField, minH: 17},
	}
	if s.k == contract.Apprentissage {
		sign = append(sign, field{label: "Visa du CFA (cachet et signature du directeur)", value: s.value(cerfa.OrganismeDenomination), kind: signField, minH: 17})
	}
	return section{title: "SIGNATURES", rows: []row{
		{fields: []field{s.box(cerfa.EmployeurAttestationPieces, 1)}},
		{fields: []field{
			s.box(cerfa.ContratLieuSignature, 2),
			s.box(cerfa.ContratDateConclusion, 1).printed("le").show(date(le)),
			{weight: 2, kind: captionField},
		}},
		{fields: sign},
	}}
}

// depotSection is the frame the OPCO fills in: "cadre réservé à l'organisme
// en charge du dépôt du contrat".
func (s *sheet) depotSection() section {
	return section{
		title:  "CADRE RÉSERVÉ À L'ORGANISME EN CHARGE DU DÉPÔT DU CONTRAT",
		framed: true,
		rows: []row{
			{fields: []field{
				s.box(computed{cerfa.DepotNomOrganisme}, 2.2),
				s.box(computed{cerfa.DepotSiretOrganisme}, 1.2),
			}},
			{fields: []field{
				s.box(computed{cerfa.DepotDateReception}, 1).format(dateText),
				s.box(computed{cerfa.DepotDateDecision}, 1).format(dateText),
				s.box(computed{cerfa.DepotNumero}, 1),
				s.box(computed{cerfa.DepotNumeroAvenant}, 1),
			}},
		},
	}
}

// remunerationBox is the remuneration lines to print: the override when
// given, else the contract's own lines.
func (s *sheet) remunerationBox() field {
	rs := s.c.Contrat.RemunerationsAnnuelles
	if s.opt.Remunerations != nil {
		rs = s.opt.Remunerations
	}
	out := ""
	for i, l := range remunerationLines(rs) {
		if i > 0 {
			out += "\n"
		}
		out += l
	}
	return s.box(computed{cerfa.ContratRemunerations}, 1).show(out)
}

// weeklyHours is "35 heures 00 minutes" in one box.
func (s *sheet) weeklyHours(weight float64) field {
	h, _ := cerfa.ContratHeures.Get(s.c)
	m, _ := cerfa.ContratMinutes.Get(s.c)
	return s.box(cerfa.ContratHeures, weight).show(hours(h, m)).plus(cerfa.ContratMinutes).bare()
}

// ouiNon is the usual pair of tick boxes for an oui/non answer.
func ouiNon(v string) []choice {
	return []choice{{label: "oui", on: v == "oui"}, {label: "non", on: v == "non"}}
}

// minor reports whether the apprentice or salarié is a minor non émancipé at
// the conclusion of the contract: the declared flag when set, else the age
// computed from the dates.
func minor(c *contract.Contract) bool {
	a := c.Apprenti
	if a.ApprentiMineurNonEmancipe != nil {
		return *a.ApprentiMineurNonEmancipe
	}
	if a.DateNaissance.IsZero() || c.Contrat.DateConclusion.IsZero() {
		return a.ResponsableLegal != nil
	}
	return civil.AgeAt(a.DateNaissance, c.Contrat.DateConclusion) < 18
}
