package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/refcheck"
	"cerfadesk/core/rules"
	opcosync "cerfadesk/core/sync"
	"cerfadesk/core/workflow"
)

// queueHeaders are the columns of the agent's queue; queueWidths their
// widths (« Avenant (type 36) de » and a whole n° de dépôt fit, looked at
// under Xvfb); queueOrder the order they show in: the queue is a column
// beside the review, so what tells the contracts apart and the days left
// come first, the rest scrolls.
var (
	queueHeaders = []string{"Référence", "Contrat / avenant", "Employeur", "Apprenti / salarié", "Statut", "Instruit par", "Reçu le", "Décision avant le", "Jours"}
	queueWidths  = []float32{102, 285, 118, 130, 145, 95, 100, 130, 64}
	queueOrder   = []int{0, 8, 3, 2, 4, 1, 5, 6, 7}
)

// queueCells is one row of the agent's queue.
func queueCells(c opcoapi.Contract) []string {
	days := ""
	if c.DaysLeft != nil {
		days = fmt.Sprint(*c.DaysLeft)
	}
	who := holder(c)
	if who == "" {
		who = "—"
	}
	return []string{c.Reference, depotText(c), c.EmployerName, c.ApprenticeName, statusText(c), who, frDate(c.ReceivedOn), frDate(c.DecisionDeadline), days}
}

// depotText names what a contract is under its n° de dépôt: the number of
// a contract, and for an avenant (which shares its contract's number once
// engaged) « Avenant n° 2 de 069… », or « Avenant (type 36) de 069… »
// while it has no number yet.
func depotText(c opcoapi.Contract) string {
	a := c.Avenant
	switch {
	case a == nil && c.NumeroDepot != "":
		return c.NumeroDepot
	case a == nil:
		return "Contrat initial"
	case a.Numero > 0:
		return fmt.Sprintf("Avenant n° %d de %s", a.Numero, orDash(a.Of))
	case a.Type > 0:
		return fmt.Sprintf("Avenant (type %d) de %s", a.Type, orDash(a.Of))
	}
	return "Avenant de " + orDash(a.Of)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func statusText(c opcoapi.Contract) string {
	if c.StatusLabel != "" {
		return c.StatusLabel
	}
	return c.Status
}

func frDate(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.French()
}

// queueTable is a table of contracts with a header row; rows is read at
// every refresh, onSelect gets the row tapped. order, when given, is the
// index in a row of each column shown.
func queueTable(headers []string, order []int, rows func() [][]string, onSelect func(int)) *widget.Table {
	if order == nil {
		order = make([]int, len(headers))
		for i := range order {
			order[i] = i
		}
	}
	t := widget.NewTable(
		func() (int, int) { return len(rows()), len(order) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			r := rows()
			if id.Row < len(r) && id.Col < len(order) && order[id.Col] < len(r[id.Row]) {
				o.(*widget.Label).SetText(r[id.Row][order[id.Col]])
			}
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(order) && order[id.Col] < len(headers) {
			o.(*widget.Label).SetText(headers[order[id.Col]])
		}
	}
	widths := queueWidths
	if len(headers) != len(widths) {
		widths = []float32{120, 220, 200, 230, 100, 200, 110}
	}
	for i, c := range order {
		if c < len(widths) {
			t.SetColumnWidth(i, widths[c])
		}
	}
	t.OnSelected = func(id widget.TableCellID) { onSelect(id.Row) }
	return t
}

// sentTable is the CFA's « Contrats envoyés ».
func sentTable(list []opcoapi.Contract) fyne.CanvasObject {
	if len(list) == 0 {
		return container.NewPadded(widget.NewLabel("Aucun contrat envoyé connu à la dernière synchronisation."))
	}
	headers := []string{"Référence", "Employeur", "Apprenti / salarié", "Envoyé à", "Statut", "N° de dépôt", "Mis à jour"}
	var rows [][]string
	for _, c := range list {
		depot := c.NumeroDepot
		if c.Avenant != nil {
			depot = depotText(c) // an engaged avenant has its contract's number
		}
		rows = append(rows, []string{c.Reference, c.EmployerName, c.ApprenticeName, c.SentTo, statusText(c), depot, c.UpdatedAt.Local().Format("02/01/2006 15:04")})
	}
	return queueTable(headers, nil, func() [][]string { return rows }, func(int) {})
}

// agentDesk is what the review window needs of opcosync.Desk (tests fake it).
type agentDesk interface {
	Queue(ctx context.Context) (opcoapi.Queue, error)
	Open(ctx context.Context, id string) (opcosync.Review, error)
	Document(ctx context.Context, id, docID string) (io.ReadCloser, error)
	OpenInstruction(ctx context.Context, id string, version int64) (opcoapi.Contract, error)
	Decide(ctx context.Context, id string, req opcoapi.DecisionRequest) (opcoapi.Contract, error)
}

// Filter choices of the queue.
const (
	anyStatus = "Tous les statuts"
	anyHolder = "Tous les agents"
	noHolder  = "Personne (à ouvrir)"
	meHolder  = "Moi"

	anyKind      = "Contrats et avenants"
	initialsOnly = "Contrats initiaux"
	avenantsOnly = "Avenants"

	byDaysLeft = "Tri : jours restants"
	byDepot    = "Tri : n° de dépôt (avenants ensemble)"
)

// queuePage is how many contracts a page of the queue shows.
const queuePage = 50

// agentWindow is « Instruction des contrats », the agent's review window:
// the queue (filters, pages) above, the contract under review below — the
// whole Cerfa in the form's 8 tabs, read-only, with its documents and
// history beside it — and the decisions.
type agentWindow struct {
	env  *Env
	desk agentDesk
	ctx  context.Context
	win  fyne.Window

	queue opcoapi.Queue
	// shown are the contracts that pass the filters, sorted; page the page
	// of them on screen, rows its cells.
	shown []opcoapi.Contract
	page  int
	rows  [][]string
	table *widget.Table
	info  *widget.Label

	status, holderSel  *widget.Select
	kindSel, sortSel   *widget.Select
	employer, cfa      *widget.Entry
	depot              *widget.Entry
	summary            *widget.Label // the filters on, while they are folded
	filtersBtn         *widget.Button
	filterBox          *fyne.Container
	split              *container.Split
	engaged            *widget.Button // « Voir le contrat modifié » of an avenant
	engagedWin         fyne.Window    // the last engaged contract opened (tests)
	app                fyne.App
	prev, next         *widget.Button
	pageLabel          *widget.Label
	selected           int // index in shown of the contract under review, -1
	detail             *fyne.Container
	header             *widget.Label
	review             *opcosync.Review
	view               *agentReview
	lastOpen           time.Duration // how long the last review took to show (trace)
	cerfa              *widget.Button
	open, conforme     *widget.Button
	anomalie, refuser  *widget.Button
	viewer             fyne.CanvasObject // the last document shown inside the window (tests)
	lastSaved          string            // the last document saved for the system's viewer
	popup              fyne.CanvasObject // the content of the last decision dialog (tests)
	dialog             dialog.Dialog
	opened             func() // called after a review is shown (tests, benchmark)
	funding            *fundingForm
	anomaly            *anomalyForm
	motifs             *widget.Entry
	sortedOnce, loaded bool
}

// showAgent opens the review window of the signed-in agent.
func (o *opcoUI) showAgent() {
	if o.agent != nil {
		o.agent.win.Show()
		o.agent.win.RequestFocus()
		o.agent.reload()
		return
	}
	c := o.sy.Client()
	if c == nil {
		o.showSignIn()
		return
	}
	desk := &opcosync.Desk{Client: c, Referential: refcheck.Default()}
	o.d.env.warmReferentials() // the rules of the first review need them
	o.agent = newAgentWindow(o.d.app, o.d.env, o.ctx, desk)
	o.agent.win.SetOnClosed(func() { o.agent = nil })
	o.agent.win.Show()
	o.agent.reload()
}

// newAgentWindow builds the review window on desk, without showing it.
func newAgentWindow(a fyne.App, env *Env, ctx context.Context, desk agentDesk) *agentWindow {
	w := &agentWindow{env: env, desk: desk, ctx: ctx, win: a.NewWindow("Instruction des contrats"), selected: -1, app: a}
	w.info = widget.NewLabel("Chargement de la file…")
	w.info.Truncation = fyne.TextTruncateEllipsis
	w.table = queueTable(queueHeaders, queueOrder, func() [][]string { return w.rows }, w.selectRow)

	w.status = widget.NewSelect([]string{anyStatus, env.statusLabel(workflow.Transmis), env.statusLabel(workflow.EnInstruction)}, nil)
	w.status.SetSelected(anyStatus)
	w.status.OnChanged = func(string) { w.filter() }
	w.holderSel = widget.NewSelect([]string{anyHolder, meHolder, noHolder}, nil)
	w.holderSel.SetSelected(anyHolder)
	w.holderSel.OnChanged = func(string) { w.filter() }
	w.employer = widget.NewEntry()
	w.employer.SetPlaceHolder("Employeur (nom ou SIRET)")
	w.employer.OnChanged = func(string) { w.filter() }
	w.cfa = widget.NewEntry()
	w.cfa.SetPlaceHolder("CFA / organisme")
	w.cfa.OnChanged = func(string) { w.filter() }
	w.depot = widget.NewEntry()
	w.depot.SetPlaceHolder("N° de dépôt (contrat ou avenant)")
	w.depot.OnChanged = func(string) { w.filter() }
	w.kindSel = widget.NewSelect([]string{anyKind, initialsOnly, avenantsOnly}, func(string) { w.filter() })
	w.kindSel.Selected = anyKind
	w.sortSel = widget.NewSelect([]string{byDaysLeft, byDepot}, func(string) { w.filter() })
	w.sortSel.Selected = byDaysLeft
	w.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { w.setPage(w.page - 1) })
	w.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { w.setPage(w.page + 1) })
	w.pageLabel = widget.NewLabel("")
	reload := widget.NewButtonWithIcon("Actualiser", theme.ViewRefreshIcon(), w.reload)

	// The filters fold behind « Filtres », a line saying which are on: at
	// 1 280 × 720 the queue then shows about 13 contracts beside the review.
	w.summary = widget.NewLabel("")
	w.summary.Truncation = fyne.TextTruncateEllipsis
	w.filterBox = container.NewVBox(
		container.NewGridWithColumns(2, w.status, w.holderSel),
		container.NewGridWithColumns(2, w.kindSel, w.sortSel),
		w.employer, w.cfa, w.depot)
	w.filterBox.Hide()
	w.filtersBtn = widget.NewButtonWithIcon("Filtres", theme.MenuExpandIcon(), w.toggleFilters)
	w.summarize()
	top := container.NewVBox(
		container.NewBorder(nil, nil, w.filtersBtn, nil, w.summary),
		w.filterBox,
		container.NewBorder(nil, nil, nil, container.NewHBox(w.prev, w.pageLabel, w.next, reload), w.info))
	queue := container.NewBorder(top, nil, nil, nil, w.table)

	w.header = widget.NewLabelWithStyle("Sélectionnez un contrat de la file (Alt+↓ : contrat suivant).", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.header.Wrapping = fyne.TextWrapWord
	w.open = widget.NewButtonWithIcon("Ouvrir l'instruction", theme.LoginIcon(), w.openInstruction)
	w.conforme = widget.NewButtonWithIcon("Déclarer conforme…", theme.ConfirmIcon(), w.askConforme)
	w.conforme.Importance = widget.HighImportance
	w.anomalie = widget.NewButtonWithIcon("Courrier d'anomalie…", theme.MailComposeIcon(), w.askAnomalie)
	w.refuser = widget.NewButtonWithIcon("Refuser…", theme.CancelIcon(), w.askRefus)
	w.refuser.Importance = widget.DangerImportance
	w.cerfa = widget.NewButtonWithIcon("Cerfa (PDF)", theme.DocumentIcon(), w.showCerfa)
	w.engaged = widget.NewButtonWithIcon("Voir le contrat modifié", theme.VisibilityIcon(), w.openEngaged)
	w.enableButtons()
	w.detail = container.NewStack(container.NewCenter(widget.NewLabel("Aucun contrat ouvert.")))
	buttons := container.New(layout.NewRowWrapLayout(), w.open, w.conforme, w.anomalie, w.refuser, w.cerfa, w.engaged)
	right := container.NewBorder(container.NewVBox(w.header, buttons), nil, nil, nil, w.detail)
	// The queue is a column on the left, the review beside it: the agent
	// sees the contracts to come while reading one.
	w.split = container.NewHSplit(queue, right)
	w.split.Offset = queueSplit(env.Prefs)
	w.win.SetContent(w.split)
	w.win.Resize(fyne.NewSize(1260, 700))
	return w
}

// setMenu gives the window its menus: Fichier (Fermer, Quitter), Contrat
// (next and previous contract, the decisions) and Onglets (Alt+1…8). They
// carry the shortcuts, which work while an entry has the focus (menus.go).
func (w *agentWindow) setMenu(d *Desktop) {
	fichier := fyne.NewMenu("Fichier", item("Actualiser la file", ctrl(fyne.KeyR), w.reload), fyne.NewMenuItemSeparator(),
		item("Fermer", ctrl(fyne.KeyW), w.win.Close))
	if d != nil {
		fichier.Items = append(fichier.Items, d.quitItem())
	}
	when := func(b *widget.Button, f func()) func() {
		return func() {
			if !b.Disabled() {
				f()
			}
		}
	}
	contrat := fyne.NewMenu("Contrat",
		item("Contrat suivant", alt(fyne.KeyDown), func() { w.step(1) }),
		item("Contrat précédent", alt(fyne.KeyUp), func() { w.step(-1) }),
		fyne.NewMenuItemSeparator(),
		item("Ouvrir l'instruction", ctrl(fyne.KeyO), when(w.open, w.openInstruction)),
		item("Déclarer conforme…", nil, when(w.conforme, w.askConforme)),
		item("Courrier d'anomalie…", nil, when(w.anomalie, w.askAnomalie)),
		item("Refuser…", nil, when(w.refuser, w.askRefus)),
	)
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8}
	onglets := fyne.NewMenu("Onglets")
	for i, name := range cerfa.Tabs {
		i := i
		onglets.Items = append(onglets.Items, item(name, alt(keys[i]), func() { w.selectTab(i) }))
	}
	menus := []*fyne.Menu{fichier, contrat, onglets}
	if d != nil {
		menus = append(menus, d.helpMenu(w.win))
	}
	w.win.SetMainMenu(fyne.NewMainMenu(menus...))
	w.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name != fyne.KeyEscape {
			return
		}
		if top := w.win.Canvas().Overlays().Top(); top != nil {
			top.Hide()
			return
		}
		w.win.Close()
	})
}

// selectTab is Alt+1…8: the tab of the contract under review.
func (w *agentWindow) selectTab(i int) {
	if w.view != nil && i >= 0 && i < len(cerfa.Tabs) {
		w.view.tabs.SelectIndex(i)
	}
}

// splitKey is the preference keeping the share of the agent's window the
// queue takes; defaultSplit that share at first (about 480 points of 1 260:
// reference, days left, apprentice and employer show whole).
const (
	splitKey     = "fenetre.instruction.file"
	defaultSplit = 0.34
)

// queueSplit is the queue's share of the window as the agent left it.
func queueSplit(p fyne.Preferences) float64 {
	if p == nil {
		return defaultSplit
	}
	if f := p.FloatWithFallback(splitKey, defaultSplit); f >= 0.15 && f <= 0.85 {
		return f
	}
	return defaultSplit
}

// rememberSplit keeps where the agent dragged the divider, when it moved.
func (w *agentWindow) rememberSplit() {
	p := w.env.Prefs
	if p == nil || w.split == nil {
		return
	}
	if f := w.split.Offset; f >= 0.15 && f <= 0.85 && f != queueSplit(p) {
		p.SetFloat(splitKey, f)
	}
}

// toggleFilters shows or folds the filters.
func (w *agentWindow) toggleFilters() {
	if w.filterBox.Visible() {
		w.filterBox.Hide()
		w.filtersBtn.SetIcon(theme.MenuExpandIcon())
	} else {
		w.filterBox.Show()
		w.filtersBtn.SetIcon(theme.MenuDropDownIcon())
	}
}

// summarize says which filters are on, for when they are folded.
func (w *agentWindow) summarize() {
	var on []string
	if s := w.status.Selected; s != anyStatus && s != "" {
		on = append(on, s)
	}
	switch h := w.holderSel.Selected; h {
	case anyHolder, "":
	case noHolder:
		on = append(on, "à ouvrir")
	case meHolder:
		on = append(on, "instruits par moi")
	default:
		on = append(on, "instruits par "+h)
	}
	if k := w.kindSel.Selected; k != anyKind && k != "" {
		on = append(on, strings.ToLower(k))
	}
	for _, f := range []struct {
		name string
		e    *widget.Entry
	}{{"employeur", w.employer}, {"CFA", w.cfa}, {"n°", w.depot}} {
		if t := strings.TrimSpace(f.e.Text); t != "" {
			on = append(on, f.name+" « "+t+" »")
		}
	}
	if w.sortSel.Selected == byDepot {
		on = append(on, "tri par n° de dépôt")
	}
	if len(on) == 0 {
		w.summary.SetText("Aucun filtre")
		return
	}
	w.summary.SetText(strings.Join(on, ", "))
}

// setQueue shows a queue.
func (w *agentWindow) setQueue(q opcoapi.Queue) {
	w.queue = q
	names := map[string]bool{}
	for _, c := range q.Contracts {
		if h := holder(c); h != "" {
			names[h] = true
		}
	}
	opts := []string{anyHolder, meHolder, noHolder}
	for _, n := range slices.Sorted(func(yield func(string) bool) {
		for n := range names {
			if !yield(n) {
				return
			}
		}
	}) {
		opts = append(opts, n)
	}
	w.holderSel.Options = opts
	w.loaded = true
	w.filter()
}

// filter applies the filters and the sort (fewest days left first) and
// shows the first page.
func (w *agentWindow) filter() {
	w.summarize()
	me := w.env.Actor.Name
	status := w.status.Selected
	who := w.holderSel.Selected
	emp := foldText(w.employer.Text)
	org := foldText(w.cfa.Text)
	dep := depotKey(w.depot.Text)
	kind := w.kindSel.Selected
	w.shown = w.shown[:0]
	for _, c := range w.queue.Contracts {
		switch {
		case status != anyStatus && status != "" && statusText(c) != status && w.env.statusLabel(workflow.Status(c.Status)) != status:
			continue
		case who == meHolder && holder(c) != me, who == noHolder && holder(c) != "",
			who != anyHolder && who != meHolder && who != noHolder && who != "" && holder(c) != who:
			continue
		case emp != "" && !strings.Contains(foldText(c.EmployerName+" "+c.EmployerSiret), emp):
			continue
		case org != "" && !strings.Contains(foldText(c.CFAName), org):
			continue
		case kind == initialsOnly && c.Avenant != nil, kind == avenantsOnly && c.Avenant == nil:
			continue
		case dep != "" && !strings.Contains(depotKey(c.NumeroDepot), dep) && (c.Avenant == nil || !strings.Contains(depotKey(c.Avenant.Of), dep)):
			continue
		}
		w.shown = append(w.shown, c)
	}
	order := "les moins de jours restants d'abord"
	if w.sortSel.Selected == byDepot {
		order = "par n° de dépôt, chaque avenant avec ceux du même contrat"
		slices.SortStableFunc(w.shown, byDepotOrder)
	} else {
		slices.SortStableFunc(w.shown, func(a, b opcoapi.Contract) int {
			da, db := daysLeft(a), daysLeft(b)
			if da != db {
				return da - db
			}
			return strings.Compare(a.Reference, b.Reference)
		})
	}
	switch n := len(w.queue.Contracts); {
	case !w.loaded:
	case n == 0:
		w.info.SetText("Aucun contrat n'attend de décision.")
	case len(w.shown) == n:
		w.info.SetText(fmt.Sprintf("%s en attente de décision (au %s), %s.", countWord(n, "contrat", "contrats"), frDate(w.queue.Today), order))
	default:
		w.info.SetText(fmt.Sprintf("%s sur %d en attente de décision correspondent aux filtres, %s.", countWord(len(w.shown), "contrat", "contrats"), n, order))
	}
	w.selected = -1
	if w.review != nil {
		for i, c := range w.shown {
			if c.ID == w.review.Contract.ID {
				w.selected = i
			}
		}
	}
	page := 0
	if w.selected >= 0 {
		page = w.selected / queuePage
	}
	w.setPage(page)
}

// depotKey is a n° de dépôt as compared by the filter: upper case,
// without spaces.
func depotKey(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }

// byDepotOrder sorts by the n° de dépôt a contract is filed under (an
// avenant's contract's), contracts before their avenants, avenants by
// number, those without a number last; then by days left.
func byDepotOrder(a, b opcoapi.Contract) int {
	group := func(c opcoapi.Contract) (string, int) {
		if c.Avenant == nil {
			return depotKey(c.NumeroDepot), 0
		}
		if c.Avenant.Numero > 0 {
			return depotKey(c.Avenant.Of), c.Avenant.Numero
		}
		return depotKey(c.Avenant.Of), 1 << 20
	}
	ga, na := group(a)
	gb, nb := group(b)
	switch {
	case ga != gb && (ga == "" || gb == ""):
		if ga == "" {
			return 1 // nothing to group with: after the numbers
		}
		return -1
	case ga != gb:
		return strings.Compare(ga, gb)
	case na != nb:
		return na - nb
	}
	if da, db := daysLeft(a), daysLeft(b); da != db {
		return da - db
	}
	return strings.Compare(a.Reference, b.Reference)
}

// daysLeft orders the queue: the 20-day clock, contracts without one last.
func daysLeft(c opcoapi.Contract) int {
	if c.DaysLeft == nil {
		return 1 << 30
	}
	return *c.DaysLeft
}

// foldText lowers a text and drops its accents, for the filters.
func foldText(s string) string {
	r := strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "â", "a", "ä", "a", "î", "i", "ï", "i",
		"ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ç", "c", "œ", "oe")
	return r.Replace(strings.ToLower(strings.TrimSpace(s)))
}

// pages is the number of pages of the filtered queue (at least 1).
func (w *agentWindow) pages() int { return max(1, (len(w.shown)+queuePage-1)/queuePage) }

// setPage shows page p of the filtered queue.
func (w *agentWindow) setPage(p int) {
	p = max(0, min(p, w.pages()-1))
	w.page = p
	w.rows = w.rows[:0]
	for _, c := range w.pageContracts() {
		w.rows = append(w.rows, queueCells(c))
	}
	w.pageLabel.SetText(fmt.Sprintf("Page %d sur %d", p+1, w.pages()))
	if p == 0 {
		w.prev.Disable()
	} else {
		w.prev.Enable()
	}
	if p >= w.pages()-1 {
		w.next.Disable()
	} else {
		w.next.Enable()
	}
	w.table.UnselectAll()
	w.table.Refresh()
	if i := w.selected - p*queuePage; w.selected >= 0 && i >= 0 && i < len(w.rows) {
		w.table.Select(widget.TableCellID{Row: i, Col: 0}) // the contract under review stays marked
	}
}

func (w *agentWindow) pageContracts() []opcoapi.Contract {
	from := w.page * queuePage
	to := min(from+queuePage, len(w.shown))
	if from >= to {
		return nil
	}
	return w.shown[from:to]
}

// reload reads the queue again, and the contract under review.
func (w *agentWindow) reload() {
	type result struct {
		q   opcoapi.Queue
		err error
	}
	background(w.env, func() result {
		q, err := w.desk.Queue(w.ctx)
		return result{q, err}
	}, func(r result) {
		if r.err != nil {
			w.info.SetText("File illisible : " + userMessage(r.err))
			return
		}
		w.setQueue(r.q)
		if w.review != nil {
			w.openReview(w.review.Contract.ID)
		}
	})
}

// selectRow opens the contract of a row of the page shown.
func (w *agentWindow) selectRow(i int) {
	i += w.page * queuePage
	if i >= 0 && i < len(w.shown) && (w.review == nil || w.shown[i].ID != w.review.Contract.ID) {
		w.selected = i
		w.openReview(w.shown[i].ID)
	}
}

// step is Alt+↓ / Alt+↑: the next or previous contract of the queue.
func (w *agentWindow) step(d int) {
	if len(w.shown) == 0 {
		return
	}
	i := w.selected + d
	if w.selected < 0 {
		i = 0
	}
	i = max(0, min(i, len(w.shown)-1))
	if i == w.selected {
		return
	}
	if p := i / queuePage; p != w.page {
		w.setPage(p)
	}
	w.selected = i
	// The row is marked and scrolled into view, without opening it twice.
	on := w.table.OnSelected
	w.table.OnSelected = nil
	w.table.Select(widget.TableCellID{Row: i - w.page*queuePage, Col: 0})
	w.table.OnSelected = on
	w.openReview(w.shown[i].ID)
}

// openReview loads one contract for review.
func (w *agentWindow) openReview(id string) {
	type result struct {
		r   opcosync.Review
		err error
	}
	start := time.Now()
	var loaded time.Duration
	background(w.env, func() result {
		r, err := w.desk.Open(w.ctx, id)
		loaded = time.Since(start)
		return result{r, err}
	}, func(r result) {
		w.rememberSplit()
		if r.err != nil {
			w.review, w.view = nil, nil
			w.header.SetText("Contrat illisible : " + userMessage(r.err))
			w.detail.Objects = nil
			w.detail.Refresh()
			w.enableButtons()
			return
		}
		shown := time.Now()
		w.showReview(r.r)
		w.lastOpen = time.Since(start)
		trace("agent: contract %s shown in %v (read from the service and checked %v, window %v)", r.r.Contract.Reference, w.lastOpen, loaded, time.Since(shown))
		if w.opened != nil {
			w.opened()
		}
	})
}

// showReview renders a contract under review: the form's 8 tabs, what
// changed, the documents and the history.
func (w *agentWindow) showReview(r opcosync.Review) {
	tab := 0
	if w.view != nil {
		tab = w.view.tabs.SelectedIndex() // the agent stays on the tab it reads
	}
	w.review = &r
	w.header.SetText(statusText(r.Contract))
	if r.Cerfa == nil {
		w.view = nil
		w.detail.Objects = []fyne.CanvasObject{widget.NewLabel("Le contenu du Cerfa n'a pas été reçu.")}
		w.detail.Refresh()
		w.enableButtons()
		return
	}
	v := w.view
	var err error
	if v != nil && v.kind == r.Cerfa.TypeFormulaire {
		err = v.reload(r)
	} else {
		v, err = newAgentReview(w, r)
	}
	if err != nil {
		w.view = nil
		w.detail.Objects = []fyne.CanvasObject{widget.NewLabel("Contrat illisible : " + userMessage(err))}
		w.detail.Refresh()
		w.enableButtons()
		return
	}
	w.view = v
	w.header.SetText(v.header())
	if tab > 0 && v.tabs.SelectedIndex() != tab {
		v.tabs.SelectIndex(tab)
	}
	main := fyne.CanvasObject(v.tabs)
	if v.changes != nil {
		scroll := container.NewVScroll(v.changes)
		scroll.SetMinSize(fyne.NewSize(0, min(v.changes.MinSize().Height, 120)))
		main = container.NewBorder(container.NewVBox(scroll, widget.NewSeparator()), nil, nil, nil, v.tabs)
	}
	split := container.NewHSplit(main, v.side)
	split.Offset = 0.75 // beside the queue: the form keeps most of the width
	w.detail.Objects = []fyne.CanvasObject{split}
	w.detail.Refresh()
	w.enableButtons()
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// enableButtons enables the decisions of the status under review.
func (w *agentWindow) enableButtons() {
	st := ""
	if w.review != nil {
		st = w.review.Contract.Status
	}
	set := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	set(w.open, st == string(workflow.Transmis))
	set(w.conforme, st == string(workflow.EnInstruction))
	set(w.anomalie, st == string(workflow.EnInstruction))
	set(w.refuser, st == string(workflow.EnInstruction))
	set(w.cerfa, w.review != nil && w.review.Cerfa != nil)
	a := (*opcoapi.Avenant)(nil)
	if w.review != nil {
		a = w.review.Contract.Avenant
	}
	if a == nil {
		w.engaged.Hide()
	} else {
		w.engaged.Show()
		set(w.engaged, a.ContractID != "")
	}
}

// openInstruction is « Ouvrir l'instruction »: the contract is assigned to
// the agent.
func (w *agentWindow) openInstruction() {
	if w.review == nil {
		return
	}
	id, v := w.review.Contract.ID, w.review.Contract.Version
	background(w.env, func() error {
		_, err := w.desk.OpenInstruction(w.ctx, id, v)
		return err
	}, func(err error) {
		if err != nil {
			w.showDecisionError("Ouvrir l'instruction", err, nil)
			return
		}
		w.reload()
	})
}

// showDecisionError says why the service refused a decision: another agent
// holds the contract (with « Reprendre l'instruction » when retry is
// given), the contract changed, or another reason.
func (w *agentWindow) showDecisionError(what string, err error, retry func()) {
	var ae *opcoapi.Error
	switch {
	case errors.As(err, &ae) && ae.Code == opcoapi.CodeAssigned:
		msg := wrapped(ae.Message)
		if retry == nil {
			w.showPopup(dialog.NewCustom(what, "Fermer", msg, w.win), msg)
		} else {
			w.showPopup(dialog.NewCustomConfirm(what, "Reprendre l'instruction et décider", "Laisser", msg, func(ok bool) {
				if ok {
					retry()
				}
			}, w.win), msg)
		}
		w.reload()
	case errors.As(err, &ae) && (ae.Code == opcoapi.CodeConflict || ae.Code == opcoapi.CodeInvalidTransition):
		msg := wrapped("Le contrat a changé depuis son ouverture (une autre décision a peut-être été prise) : la file est rechargée.\n" + ae.Message)
		w.showPopup(dialog.NewCustom(what, "Fermer", msg, w.win), msg)
		w.reload()
	default:
		msg := wrapped(userMessage(err))
		w.showPopup(dialog.NewCustom(what, "Fermer", msg, w.win), msg)
	}
}

// showPopup shows a dialog and keeps its content for tests.
func (w *agentWindow) showPopup(d dialog.Dialog, content fyne.CanvasObject) {
	w.popup, w.dialog = content, d
	d.Show()
}

// showCerfa draws the whole Cerfa of the contract under review (marked as
// a draft when the rules found blocking errors) and opens it in the
// system's viewer, or says where it is saved.
func (w *agentWindow) showCerfa() {
	if w.review == nil || w.review.Cerfa == nil {
		return
	}
	c, res, ref := w.review.Cerfa, w.review.Findings, w.review.Contract.Reference
	now := time.Now
	if w.env.Now != nil {
		now = w.env.Now
	}
	type result struct {
		data []byte
		err  error
	}
	background(w.env, func() result {
		data, err := cerfaPDF(c, res, now())
		return result{data, err}
	}, func(r result) {
		if r.err != nil {
			dialog.ShowError(errors.New("Le Cerfa n'a pas pu être produit : "+userMessage(r.err)), w.win)
			return
		}
		w.openOutside(pdfFileName(c, ref), r.data)
	})
}

// kindOf is the kind of the contract under review.
func (w *agentWindow) kindOf() contract.Kind {
	if w.review != nil && w.review.Cerfa != nil {
		return w.review.Cerfa.TypeFormulaire
	}
	return contract.Apprentissage
}

// findingsOf are the rules' findings of the contract under review.
func (w *agentWindow) findingsOf() []rules.Finding {
	if w.review == nil {
		return nil
	}
	return w.review.Findings.Findings
}
