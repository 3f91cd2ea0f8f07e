package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
	"cerfadesk/core/referentiel"
)

// address is the address block of the Cerfa (A-note §A.0): its parts are
// fields of the table (employeur.adresse.voie…). Typing a postcode proposes
// its communes. The block, title included, shows while the address applies.
func (fm *form) address(a cerfa.AddressField) fyne.CanvasObject {
	acc := a.Ptr
	numero := fm.integer(a.Numero, func(c *contract.Contract) **int { return &acc(c).Numero })
	rep := fm.codeSelect(a.RepetitionVoie, func(c *contract.Contract) *string { return &acc(c).RepetitionVoie })
	voie := fm.text(a.Voie, func(c *contract.Contract) *string { return &acc(c).Voie })
	compl := fm.text(a.Complement, func(c *contract.Contract) *string { return &acc(c).Complement })
	cp := fm.text(a.CodePostal, func(c *contract.Contract) *string { return &acc(c).CodePostal })
	commune := fm.commune(a.Commune, func(c *contract.Contract) *string { return &acc(c).Commune })

	// A postcode of 5 digits proposes its communes, and fills the commune
	// when it has a single one and none was typed.
	entry := cp.input.(*widget.Entry)
	onCP := entry.OnChanged
	entry.OnChanged = func(s string) {
		onCP(s)
		names := communeNames(strings.TrimSpace(entry.Text)) // the text as bounded
		sel := commune.input.(*widget.SelectEntry)
		sel.SetOptions(names)
		// The hint to type the postcode first goes once there is one.
		hint := communeHint
		if strings.TrimSpace(entry.Text) != "" {
			hint = ""
		}
		if sel.PlaceHolder != hint {
			sel.SetPlaceHolder(hint)
		}
		if !fm.loading && len(names) == 1 && strings.TrimSpace(sel.Text) == "" {
			sel.SetText(names[0])
		}
	}
	return fm.block(
		widget.NewLabelWithStyle(a.Label(fm.kind), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
		container.NewGridWithColumns(4, numero.box, rep.box, container.NewStack(), container.NewStack()),
		rowOf(2, voie, compl),
		rowOf(2, cp, commune),
	)
}

// communeHint is the commune's placeholder while no postcode is typed.
const communeHint = "tapez le code postal d'abord"

// commune is an entry with the communes of the postcode as proposals.
func (fm *form) commune(f *cerfa.Field, acc func(c *contract.Contract) *string) *field {
	e := widget.NewSelectEntry(nil)
	e.SetPlaceHolder(communeHint)
	fd := fm.newField(f)
	fd.input, fd.focus = e, e
	e.OnChanged = fm.bounded(fd, f.MaxLen, e.SetText, func(s string) { *acc(fm.c) = s })
	fd.load = func(c *contract.Contract) { e.SetText(*acc(c)) }
	fd.disable, fd.enable = e.Disable, e.Enable
	return fm.add(fd)
}

// communeNames lists the communes a postcode serves, as La Poste routes
// mail to them and by their official names, without repeats.
func communeNames(cp string) []string {
	if len(cp) != 5 {
		return nil
	}
	communes, ok := referentiel.Default().Postcode(cp)
	if !ok {
		return nil
	}
	var names []string
	seen := map[string]bool{}
	addName := func(n string) {
		if n != "" && !seen[referentiel.Fold(n)] {
			seen[referentiel.Fold(n)] = true
			names = append(names, n)
		}
	}
	for _, c := range communes {
		addName(c.Acheminement)
	}
	for _, c := range communes {
		addName(c.Nom)
	}
	return names
}

// lookupOption is one search result of a code referential.
type lookupOption struct {
	code, label string
}

// codeLookup is an entry for a code of a referential (IDCC, NAF): the
// label of the code typed shows under it, and a search button finds a code
// by words of its label.
func (fm *form) codeLookup(h cerfa.Of[string], searchTitle string,
	describe func(code string) string, search func(words string) []lookupOption) *field {
	f := fm.text(h.Field, h.Ptr)
	entry := f.input.(*widget.Entry)
	desc := widget.NewLabel("")
	desc.Wrapping = fyne.TextWrapWord
	desc.Importance = widget.MediumImportance
	desc.TextStyle = fyne.TextStyle{Italic: true}
	onChanged := entry.OnChanged
	entry.OnChanged = func(s string) {
		onChanged(s)
		desc.SetText(describe(strings.TrimSpace(entry.Text))) // the text as bounded
	}
	find := widget.NewButtonWithIcon("", theme.SearchIcon(), func() {
		fm.searchDialog(searchTitle, search, func(code string) { entry.SetText(code) })
	})
	find.Importance = widget.LowImportance
	entry.ActionItem = find
	f.input = container.NewVBox(entry, desc)
	f.box.Objects[1] = container.NewVBox(fm.wheelThrough(entry), desc)
	disable, enable := f.disable, f.enable
	f.disable = func() { disable(); find.Disable() }
	f.enable = func() { enable(); find.Enable() }
	return f
}

// searchDialog lets the user find a code by words of its label.
func (fm *form) searchDialog(title string, search func(string) []lookupOption, choose func(code string)) {
	if fm.win == nil {
		return
	}
	var results []lookupOption
	var d dialog.Dialog
	list := widget.NewList(func() int { return len(results) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(results[i].code + " – " + results[i].label)
		})
	list.OnSelected = func(i widget.ListItemID) {
		choose(results[i].code)
		d.Hide()
	}
	words := widget.NewEntry()
	words.SetPlaceHolder("mots du libellé ou début du code")
	words.OnChanged = func(s string) {
		results = nil
		if len(strings.TrimSpace(s)) >= 2 {
			results = search(s)
		}
		list.UnselectAll()
		list.Refresh()
	}
	content := container.NewBorder(words, nil, nil, nil, list)
	d = dialog.NewCustom(title, "Fermer", content, fm.win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
	fm.win.Canvas().Focus(words)
}

// describeIDCC is the title of a convention collective, and its state when
// the data says it is no longer in force.
func describeIDCC(code string) string {
	if code == "" {
		return ""
	}
	switch code {
	case "9999":
		return "Sans convention collective"
	case "9998":
		return "Convention non encore en vigueur ou en cours de négociation"
	}
	idcc, ok := referentiel.Default().IDCC(code)
	if !ok {
		return "Code IDCC inconnu"
	}
	if idcc.Status == referentiel.IDCCNotInForce {
		return idcc.Libelle + " (" + idcc.Status.String() + ")"
	}
	return idcc.Libelle
}

func searchIDCC(words string) []lookupOption {
	var out []lookupOption
	for _, r := range referentiel.Default().SearchIDCC(words, 50) {
		out = append(out, lookupOption{r.Code, r.Libelle})
	}
	return out
}

// describeNAF is the label of a NAF code, in NAF rév. 2 or else NAF 2025.
func describeNAF(code string) string {
	if code == "" {
		return ""
	}
	set := referentiel.Default()
	if n, ok := set.NAFRev2(code); ok {
		return n.Libelle
	}
	if n, ok := set.NAF2025(code); ok {
		return n.Libelle + " (" + n.Nomenclature + ")"
	}
	return "Code NAF inconnu"
}

func searchNAF(words string) []lookupOption {
	var out []lookupOption
	for _, r := range referentiel.Default().SearchNAF(words, 50) {
		label := r.Libelle
		if r.Nomenclature != referentiel.NomenclatureRev2 {
			label += " (" + r.Nomenclature + ")"
		}
		out = append(out, lookupOption{r.Code, label})
	}
	return out
}
