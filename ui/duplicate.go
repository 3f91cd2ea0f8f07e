package ui

import (
	"fmt"

	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

// duplicate is « Dupliquer »: a new contract « En cours de saisie » for
// another apprentice of the same employer and formation (workflow.Duplicate
// says what is left out), with a history note naming the original, opened
// in its window.
func (d *Desktop) duplicate(c *contract.Contract, ref string) {
	cc, err := workflow.Duplicate(c)
	if err != nil {
		d.showError(fmt.Errorf("dupliquer %s : %w", ref, err))
		return
	}
	env := d.env
	type result struct {
		rec workflow.Record
		err error
	}
	background(env, func() result {
		recs, err := env.Service.CreateMany(env.ctx(), env.Actor, []workflow.Imported{{Contract: cc, Note: "Copie du contrat " + ref}})
		if err != nil || len(recs) == 0 {
			return result{err: err}
		}
		return result{rec: recs[0]}
	}, func(r result) {
		if r.err != nil {
			d.showError(r.err)
			return
		}
		d.Reload()
		d.show(r.rec)
	})
}

// duplicateSelected is « Dupliquer le contrat sélectionné » of the main
// window.
func (d *Desktop) duplicateSelected() {
	id := d.list.SelectedID()
	if id == "" || d.newButton.Disabled() {
		return
	}
	type result struct {
		rec workflow.Record
		err error
	}
	background(d.env, func() result {
		rec, err := d.env.Store.Load(d.env.ctx(), id)
		return result{rec, err}
	}, func(r result) {
		if r.err != nil {
			d.showError(r.err)
			return
		}
		d.duplicate(r.rec.Contract, r.rec.Reference)
	})
}

// duplicate is the contract window's « Dupliquer »: the contract as shown,
// unsaved edits included.
func (ed *Editor) duplicate() {
	d := ed.hooks.desktop
	if d == nil {
		return
	}
	c, err := outgoing(ed.work, ed.form.state)
	if err != nil {
		ed.showError(err)
		return
	}
	d.duplicate(c, ed.rec.Reference)
}
