package ui

import (
	"fyne.io/fyne/v2"

	"cerfadesk/core/cerfa"
)

// contratTab is the contract frame: dates, working time, remuneration,
// signature, and the OPCO's frame once it registered the contract.
func contratTab(fm *form, remu *remunerationTable) fyne.CanvasObject {
	fm.tab = cerfa.TabContrat
	start := rowOf(2, fm.in(cerfa.ContratDateConclusion), fm.in(cerfa.ContratDateDebut))
	var dates, work, pay []fyne.CanvasObject
	if fm.app() {
		dates = []fyne.CanvasObject{start,
			rowOf(2, fm.in(cerfa.ContratDateDebutPratique), fm.in(cerfa.ContratDateFinApp)),
			rowOf(2, fm.display(cerfa.ContratDuree, "—"))}
		work = []fyne.CanvasObject{
			rowOf(2, fm.in(cerfa.ContratHeures), fm.in(cerfa.ContratMinutes)),
			row(fm.in(cerfa.ContratTravailRisque))}
		pay = []fyne.CanvasObject{
			rowOf(2, fm.in(cerfa.ContratSmc)),
			row(fm.add(remu.field())),
			rowOf(2, fm.in(cerfa.ContratSalaireEmbauche)),
			row(fm.in(cerfa.ContratAvantageNature)),
			rowOf(3, fm.in(cerfa.ContratAvantageNourriture), fm.in(cerfa.ContratAvantageLogement), fm.in(cerfa.ContratAutreAvantage))}
	} else {
		dates = []fyne.CanvasObject{start,
			rowOf(2, fm.in(cerfa.ContratDateFinPro), fm.display(cerfa.ContratDuree, "—")),
			rowOf(2, fm.in(cerfa.ContratDateDebutActionPro), fm.in(cerfa.ContratDateFinActionPro)),
			row(fm.in(cerfa.ContratAccordBranche))}
		work = []fyne.CanvasObject{
			row(fm.in(cerfa.ContratEmploiOccupe)),
			rowOf(3, fm.in(cerfa.ContratClassification), fm.in(cerfa.ContratNiveau), fm.in(cerfa.ContratCoefficient)),
			rowOf(3, fm.in(cerfa.ContratHeures), fm.in(cerfa.ContratMinutes), fm.in(cerfa.ContratPeriodeEssai))}
		pay = []fyne.CanvasObject{
			rowOf(2, fm.in(cerfa.ContratSmc)),
			row(fm.add(remu.field())),
			rowOf(2, fm.in(cerfa.ContratSalaireEmbauche))}
	}
	return tabPage(fm,
		section("Dates du contrat", dates...),
		section("Temps de travail", work...),
		section("Rémunération", pay...),
		section("Signature", rowOf(2, fm.in(cerfa.ContratLieuSignature))),
		depotSection(fm),
	)
}

// depotSection is the frame the OPCO fills ("cadre réservé à l'organisme en
// charge du dépôt du contrat"), read-only, shown once the OPCO received the
// contract.
func depotSection(fm *form) fyne.CanvasObject {
	return fm.block(section("Cadre réservé à l'organisme en charge du dépôt du contrat",
		rowOf(2, fm.display(cerfa.DepotNomOrganisme, "—"), fm.display(cerfa.DepotSiretOrganisme, "—")),
		rowOf(2, fm.display(cerfa.DepotDateReception, "—"), fm.display(cerfa.DepotDateDecision, "—")),
		rowOf(2, fm.display(cerfa.DepotNumero, "—"), fm.display(cerfa.DepotNumeroAvenant, "—"))))
}
