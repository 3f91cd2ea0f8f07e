package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// intIn reports whether *p is one of codes. The form uses it to show the
// fields a code makes applicable, as the Cerfa's notice says.
func intIn(p *int, codes ...int) bool {
	if p == nil {
		return false
	}
	for _, c := range codes {
		if *p == c {
			return true
		}
	}
	return false
}

// isYes reports whether an oui/non answer is oui.
func isYes(p *bool) bool { return p != nil && *p }

// isNo reports whether an oui/non answer is non (not unanswered).
func isNo(p *bool) bool { return p != nil && !*p }

// cerfaTitle names the form of a contract kind.
func cerfaTitle(k contract.Kind) string {
	if k == contract.Professionnalisation {
		return "Contrat de professionnalisation — Cerfa EJ20 (n° 12434)"
	}
	return "Contrat d'apprentissage — Cerfa FA13 (n° 10103)"
}

// introductionTab is the nature of the contract: kind, employer sector,
// type of contract or avenant and what an avenant or a succession needs.
func introductionTab(fm *form) fyne.CanvasObject {
	fm.tab = "Introduction"
	kind := fm.display("typeFormulaire", "Formulaire", func(c *contract.Contract) string { return cerfaTitle(c.TypeFormulaire) })
	sector := fm.choice("employeur.privePublic", "L'employeur est", contract.PrivePublic,
		func(c *contract.Contract) *string { return &c.Employeur.PrivePublic })
	prevNumber := func(c *contract.Contract) *string { return &c.Contrat.NumeroContratPrecedent }
	effet := func(c *contract.Contract) *civil.Date { return &c.Contrat.DateEffetAvenant }

	if !fm.app() {
		typ := fm.codeSelectInt("contrat.typeContratPro", "Type de contrat ou d'avenant", contract.TypeContratPro, false,
			func(c *contract.Contract) **int { return &c.Contrat.TypeContratPro })
		nature := fm.choice("contrat.natureContrat", "Nature du contrat", contract.NatureContrat,
			func(c *contract.Contract) *string { return &c.Contrat.NatureContrat })
		prev := fm.text("contrat.numeroContratPrecedent", "N° du contrat précédent ou du contrat sur lequel porte l'avenant", prevNumber).
			placeholder("15 caractères").
			only(func(c *contract.Contract) bool { return intIn(c.Contrat.TypeContratPro, 21, 22, 23, 24, 30) })
		date := fm.date("contrat.dateEffetAvenant", "Si avenant, date d'effet", effet).
			only(func(c *contract.Contract) bool { return intIn(c.Contrat.TypeContratPro, 30) })
		return tabPage(fm,
			section("Nature du contrat", row(kind), row(sector), row(typ), row(nature)),
			section("Contrat précédent ou avenant", rowOf(2, prev, date)),
		)
	}

	mode := fm.codeSelectInt("contrat.modeContractuel", "Mode contractuel de l'apprentissage", contract.ModeContractuel, false,
		func(c *contract.Contract) **int { return &c.Contrat.ModeContractuel })
	typ := fm.codeSelectInt("contrat.typeContratApp", "Type de contrat ou d'avenant", contract.TypeContratApp, false,
		func(c *contract.Contract) **int { return &c.Contrat.TypeContratApp })
	derog := fm.codeSelectInt("contrat.typeDerogation", "Type de dérogation (à renseigner si une dérogation existe pour ce contrat)",
		contract.TypeDerogation, true, func(c *contract.Contract) **int { return &c.Contrat.TypeDerogation })
	prev := fm.text("contrat.numeroContratPrecedent", "Numéro du contrat précédent", prevNumber).
		placeholder("15 caractères").
		only(func(c *contract.Contract) bool {
			return intIn(c.Contrat.TypeContratApp, 21, 22, 23) || c.IsAvenant()
		})
	// The Cerfa titles the number after what it refers to.
	fm.refreshers = append(fm.refreshers, func() {
		title := "Numéro du contrat précédent"
		if fm.c.IsAvenant() {
			title = "Numéro du contrat sur lequel porte l'avenant"
		}
		if prev.label.Text != title {
			prev.label.SetText(title)
		}
	})
	date := fm.date("contrat.dateEffetAvenant", "Si avenant, date d'effet", effet).
		only(func(c *contract.Contract) bool { return c.IsAvenant() })
	return tabPage(fm,
		section("Nature du contrat", row(kind), row(sector), row(mode), row(typ), row(derog)),
		section("Contrat précédent ou avenant", rowOf(2, prev, date)),
	)
}

// tabPage is the scrolling page of a tab: the findings no field holds on
// top, then the sections.
func tabPage(fm *form, sections ...fyne.CanvasObject) fyne.CanvasObject {
	loose := newLooseFindings()
	fm.loose[fm.tab] = loose
	objs := append([]fyne.CanvasObject{loose.box}, sections...)
	page := container.NewVBox(objs...)
	scroll := container.NewVScroll(container.NewPadded(page))
	fm.scrolls[fm.tab] = scroll
	return scroll
}
