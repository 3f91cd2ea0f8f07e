package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// contractColumns are the headings of the contract list, in display order.
var contractColumns = []string{
	"Apprenti / salarié",
	"Employeur",
	"Type",
	"Début",
	"Statut",
	"Transmission avant le",
}

// newContractList builds the home screen: a toolbar, the column headings of
// the contract list and, while there is no contract, a placeholder text.
func newContractList(w fyne.Window) fyne.CanvasObject {
	newContract := widget.NewButtonWithIcon("Nouveau contrat", theme.ContentAddIcon(), func() {
		dialog.ShowInformation("Nouveau contrat", "Bientôt disponible.", w)
	})
	newContract.Importance = widget.HighImportance
	toolbar := container.NewHBox(newContract)

	headings := make([]fyne.CanvasObject, len(contractColumns))
	for i, c := range contractColumns {
		headings[i] = widget.NewLabelWithStyle(c, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	header := container.NewGridWithColumns(len(contractColumns), headings...)

	placeholder := widget.NewLabelWithStyle("Aucun contrat pour l'instant.", fyne.TextAlignCenter, fyne.TextStyle{Italic: true})

	top := container.NewVBox(toolbar, widget.NewSeparator(), header, widget.NewSeparator())
	return container.NewBorder(top, nil, nil, nil, container.NewCenter(placeholder))
}
