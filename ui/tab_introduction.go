package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
)

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
	fm.tab = cerfa.TabIntroduction
	kind := fm.displayAs(cerfa.TypeFormulaire, func(c *contract.Contract) string { return cerfaTitle(c.TypeFormulaire) })
	nature := []fyne.CanvasObject{row(kind), row(fm.in(cerfa.EmployeurPrivePublic))}
	if fm.app() {
		nature = append(nature, row(fm.in(cerfa.ContratModeContractuel)), row(fm.in(cerfa.ContratTypeContratApp)),
			row(fm.in(cerfa.ContratTypeDerogation)))
	} else {
		nature = append(nature, row(fm.in(cerfa.ContratTypeContratPro)), row(fm.in(cerfa.ContratNatureContrat)))
	}
	prev := fm.in(cerfa.ContratNumeroContratPrecedent)
	effet := fm.in(cerfa.ContratDateEffetAvenant)
	if fm.app() {
		// The apprenticeship form titles the number after what it refers
		// to: the previous contract of a succession, or (the table's
		// label) the contract an avenant changes.
		avenant := prev.label.Text
		fm.refreshers = append(fm.refreshers, func() {
			title := "Numéro du contrat précédent"
			if fm.c.IsAvenant() {
				title = avenant
			}
			if prev.label.Text != title {
				prev.label.SetText(title)
			}
		})
	}
	return tabPage(fm,
		section("Nature du contrat", nature...),
		fm.block(section("Contrat précédent ou avenant", rowOf(2, prev, effet))),
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
