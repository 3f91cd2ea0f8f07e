package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// The address books fill the form from the contracts already stored,
// offline (workflow.AddressBook, asked off the UI goroutine): an employer
// by SIRET, a maître d'apprentissage or tutor by name, a formation by
// diploma code, RNCP or CFA UAI. The widgets here only ask and fill.

// bookResults bounds the entries a picker lists.
const bookResults = 20

// addressBook is the form's way to the store's address books.
type addressBook struct {
	env  *Env
	book workflow.AddressBook
}

// newAddressBook is nil when the store keeps no address book.
func newAddressBook(env *Env) *addressBook {
	b, ok := env.Store.(workflow.AddressBook)
	if !ok {
		return nil
	}
	return &addressBook{env: env, book: b}
}

// reloadAll shows the working contract again in every built field, after an
// address book filled a block, and counts it as the user's change.
func (fm *form) reloadAll() {
	fm.loading = true
	for _, f := range fm.fields {
		f.inputErr = ""
		f.load(fm.c)
	}
	fm.loading = false
	fm.refreshVisibility()
	if fm.changed != nil {
		fm.changed(nil)
	}
}

// siretDigits is s without spaces when it is a SIRET of 14 digits.
func siretDigits(s string) (string, bool) {
	s = strings.ReplaceAll(strings.ReplaceAll(s, " ", ""), "\u00a0", "")
	if len(s) != 14 {
		return "", false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	return s, true
}

// employerTyped reports whether the employer block holds more than its SIRET.
func employerTyped(e contract.Employeur) bool {
	a := e.Adresse
	return strings.TrimSpace(e.Denomination+e.Telephone+e.Courriel+e.Naf+e.CodeIdcc+a.Voie+a.CodePostal+a.Commune) != ""
}

// siretBook makes the employer's SIRET field fill the employer block from
// the last contract with that SIRET, asking first when the block already
// holds something.
func (fm *form) siretBook(f *field) *field {
	e, ok := f.input.(*widget.Entry)
	if !ok || fm.book == nil {
		return f
	}
	prev := e.OnChanged
	asked := ""
	e.OnChanged = func(s string) {
		if prev != nil {
			prev(s)
		}
		siret, ok := siretDigits(s)
		if fm.loading || fm.readOnly || !ok || siret == asked {
			return
		}
		asked = siret
		b := fm.book
		type result struct {
			e  contract.Employeur
			ok bool
		}
		background(b.env, func() result {
			found, ok, err := b.book.EmployerBySIRET(b.env.ctx(), siret)
			return result{found, ok && err == nil}
		}, func(r result) {
			cur := fm.c.Employeur
			if !r.ok || cur.Denomination == r.e.Denomination && cur.Adresse.Voie == r.e.Adresse.Voie && cur.Telephone == r.e.Telephone {
				return
			}
			fill := func() {
				r.e.Siret = fm.c.Employeur.Siret // as typed
				fm.c.Employeur = r.e
				fm.reloadAll()
			}
			if !employerTyped(cur) || fm.win == nil {
				fill()
				return
			}
			l := widget.NewLabel("Le SIRET " + siret + " est celui de « " + r.e.Denomination + " », déjà saisi dans un autre contrat. " +
				"Remplacer le bloc employeur par ses informations ?")
			l.Wrapping = fyne.TextWrapWord
			dlg := dialog.NewCustomConfirm("Employeur déjà connu", "Remplir le bloc employeur", "Garder ce qui est saisi", l,
				func(yes bool) {
					if yes {
						fill()
					}
				}, fm.win)
			dlg.Resize(fyne.NewSize(520, 200))
			dlg.Show()
		})
	}
	return f
}

// picker is a search dialog over an address book: an entry, and one button
// per entry found (up to bookResults), refreshed as the user types.
func (fm *form) picker(title, hint string, search func(text string) []pickEntry) {
	if fm.win == nil || fm.book == nil {
		return
	}
	words := widget.NewEntry()
	words.SetPlaceHolder(hint)
	results := container.NewVBox()
	var dlg *dialog.CustomDialog
	seq := 0
	refresh := func(text string) {
		seq++
		mine := seq
		background(fm.book.env, func() []pickEntry { return search(text) }, func(found []pickEntry) {
			if mine != seq {
				return // the user typed meanwhile
			}
			results.RemoveAll()
			if len(found) == 0 {
				results.Add(widget.NewLabel("Aucun contrat enregistré ne correspond."))
			}
			for _, p := range found {
				p := p
				b := widget.NewButton(p.label, func() {
					dlg.Hide()
					p.fill()
					fm.reloadAll()
				})
				b.Alignment = widget.ButtonAlignLeading
				results.Add(b)
			}
			results.Refresh()
		})
	}
	words.OnChanged = refresh
	content := container.NewBorder(words, nil, nil, nil, container.NewVScroll(results))
	dlg = dialog.NewCustom(title, "Fermer", content, fm.win)
	dlg.Resize(fyne.NewSize(720, 480))
	dlg.Show()
	fm.win.Canvas().Focus(words)
	refresh("")
}

// pickEntry is one entry a picker lists.
type pickEntry struct {
	label string
	fill  func()
}

// pickButton is a button above a block that opens its address book,
// disabled on a read-only contract.
func (fm *form) pickButton(label string, open func()) fyne.CanvasObject {
	if fm.book == nil {
		return container.NewStack()
	}
	b := widget.NewButtonWithIcon(label, theme.SearchIcon(), open)
	b.Importance = widget.LowImportance
	fm.toggles = append(fm.toggles, b)
	if fm.readOnly {
		b.Disable()
	}
	return container.NewHBox(b)
}

// personPicker opens the maîtres d'apprentissage (or tutors) already
// declared; set copies the one picked into the form.
func (fm *form) personPicker(label string, set func(p workflow.Person)) fyne.CanvasObject {
	return fm.pickButton(label, func() {
		b, kind := fm.book, fm.kind
		fm.picker(label, "Nom ou prénom…", func(text string) []pickEntry {
			ps, err := b.book.People(b.env.ctx(), kind, text, bookResults)
			if err != nil {
				return nil
			}
			out := make([]pickEntry, len(ps))
			for i, p := range ps {
				p := p
				out[i] = pickEntry{label: p.Name(), fill: func() { set(p) }}
			}
			return out
		})
	})
}

// formationPicker opens the formations already declared, found by diploma
// code, RNCP, CFA UAI or title; the one picked fills the Formation tab
// (CFA, training place, diploma and session).
func (fm *form) formationPicker() fyne.CanvasObject {
	const label = "Reprendre une formation déjà saisie (code diplôme, RNCP, UAI du CFA)…"
	return fm.pickButton(label, func() {
		b, kind := fm.book, fm.kind
		fm.picker("Reprendre une formation déjà saisie", "Code diplôme, RNCP, UAI du CFA ou intitulé…", func(text string) []pickEntry {
			fs, err := b.book.Formations(b.env.ctx(), kind, text, bookResults)
			if err != nil {
				return nil
			}
			out := make([]pickEntry, len(fs))
			for i, f := range fs {
				f := f
				out[i] = pickEntry{label: f.Label(), fill: func() {
					fm.c.OrganismeFormation = f.Organisme
					fm.c.Formation = f.Formation
					if f.Etablissement != nil && fm.c.EtablissementFormation != nil {
						e := *f.Etablissement
						if e.Adresse == nil {
							e.Adresse = &contract.Adresse{}
						}
						*fm.c.EtablissementFormation = e
					}
				}}
			}
			return out
		})
	})
}

// setMaitre copies a maître picked into a block of the form.
func setMaitre(dst *contract.Maitre) func(p workflow.Person) {
	return func(p workflow.Person) {
		if dst != nil && p.Maitre != nil {
			*dst = *p.Maitre
		}
	}
}

// setTuteur copies a tutor picked into a block of the form.
func setTuteur(dst *contract.Tuteur) func(p workflow.Person) {
	return func(p workflow.Person) {
		if dst != nil && p.Tuteur != nil {
			*dst = *p.Tuteur
		}
	}
}

// setTuteurEU copies a tutor picked into the user company's tutor, which
// has only the identity and the job.
func setTuteurEU(dst *contract.Tuteur) func(p workflow.Person) {
	return func(p workflow.Person) {
		if dst != nil && p.Tuteur != nil {
			t := p.Tuteur
			*dst = contract.Tuteur{Nom: t.Nom, Prenom: t.Prenom, DateNaissance: t.DateNaissance, Courriel: t.Courriel, EmploiOccupe: t.EmploiOccupe}
		}
	}
}

// signedAccount is the account signed in to the OPCO service, if any.
func (d *Desktop) signedAccount() (opcoapi.Account, bool) {
	if d.accountOf != nil {
		return d.accountOf()
	}
	if d.opco == nil || d.opco.sy == nil {
		return opcoapi.Account{}, false
	}
	return d.opco.sy.Account()
}

// prefill gives a new contract what the signed-in account knows: an
// entreprise's SIRET and name (and its whole employer block when a stored
// contract has that SIRET), a CFA's SIRET and name as the CFA responsable.
// It runs off the UI goroutine.
func (d *Desktop) prefill(c *contract.Contract, a opcoapi.Account, signed bool) {
	if !signed || a.Siret == "" {
		return
	}
	switch workflow.Role(a.Role) {
	case workflow.Entreprise:
		c.Employeur.Siret, c.Employeur.Denomination = a.Siret, a.Name
		if b := newAddressBook(d.env); b != nil {
			if e, ok, err := b.book.EmployerBySIRET(d.env.ctx(), a.Siret); err == nil && ok {
				c.Employeur = e
			}
		}
	case workflow.CFA:
		c.OrganismeFormation.Siret, c.OrganismeFormation.Denomination = a.Siret, a.Name
	}
}
