package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/pay"
)

// « Ce qui a changé »: the fields whose value differs from the previously
// transmitted version (cerfa.Diff), listed on top of the agent's review and
// in the employer's Synthèse, and marked under each field of the form.

// applyChanges writes, under each built field that changed, its value
// before; fields that no longer differ lose the note.
func (fm *form) applyChanges() {
	per := map[*field][]cerfa.Change{}
	for _, ch := range fm.changes {
		if f := fm.fieldFor(ch.Field.Key); f != nil {
			per[f] = append(per[f], ch)
		}
	}
	for _, f := range fm.fields {
		chs := per[f]
		if len(chs) == 0 {
			if f.changedNote != nil {
				show(f.changedNote, false)
			}
			continue
		}
		var parts []string
		for _, ch := range chs {
			parts = append(parts, changeValue(ch.Field, fm.kind, ch.Before))
		}
		text := "Modifié depuis la version transmise — avant : " + strings.Join(parts, " ; ")
		if f.changedNote == nil {
			f.changedNote = widget.NewLabel("")
			f.changedNote.Wrapping = fyne.TextWrapWord
			f.changedNote.Importance = widget.HighImportance
			f.changedNote.TextStyle = fyne.TextStyle{Italic: true}
			// Under the label, above the input.
			objs := append([]fyne.CanvasObject{f.box.Objects[0], f.changedNote}, f.box.Objects[1:]...)
			f.box.Objects = objs
			f.box.Refresh()
		}
		f.changedNote.SetText(text)
		show(f.changedNote, true)
	}
}

// changedFields lists the keys of the fields marked as changed (tests).
func (fm *form) changedFields() []string {
	var out []string
	for _, f := range fm.fields {
		if f.changedNote != nil && f.changedNote.Visible() {
			out = append(out, f.key)
		}
	}
	return out
}

// changeValue is a canonical value as people read it: dates JJ/MM/AAAA,
// codes with their label, amounts in euros, « (vide) » when unset.
func changeValue(f *cerfa.Field, k contract.Kind, v string) string {
	if strings.TrimSpace(v) == "" {
		return "(vide)"
	}
	switch f.Input {
	case cerfa.Date:
		if d, err := civil.Parse(v); err == nil {
			return d.French()
		}
	case cerfa.Code, cerfa.Choice:
		if l := f.List(k).Label(v); l != "" {
			return v + " – " + l
		}
	case cerfa.Money:
		if m, ok := parseEuros(v); ok {
			return pay.FormatEuros(int64(m))
		}
	}
	return v
}

// changeLine is one change as the lists show it: « Label : avant → après ».
func changeLine(ch cerfa.Change, k contract.Kind) string {
	label := ch.Label
	if p := ch.Field.Parent; p != nil {
		label = p.Label(k) + " — " + label
	}
	return fmt.Sprintf("%s : %s → %s", label, changeValue(ch.Field, k, ch.Before), changeValue(ch.Field, k, ch.After))
}

// changesBox lists the changes, each line taking the user to its field when
// open is not nil; title says against what they were computed.
func changesBox(title string, changes []cerfa.Change, k contract.Kind, open func(key string)) *fyne.Container {
	head := widget.NewLabelWithStyle(fmt.Sprintf("%s (%s)", title, plural(len(changes), "champ modifié", "champs modifiés")),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Importance = widget.HighImportance
	box := container.NewVBox(head)
	if len(changes) == 0 {
		box.Add(widget.NewLabel("Aucun champ n'a changé."))
	}
	for _, ch := range changes {
		key := ch.Field.Key
		var tap func()
		if open != nil {
			tap = func() { open(key) }
		}
		l := newLinkLabel(changeLine(ch, k), tap)
		box.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.DocumentCreateIcon()), nil, l))
	}
	return box
}
