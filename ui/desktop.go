package ui

import (
	"fmt"
	"image/color"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/assets"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// Filter choices of the contract list.
const (
	allStatuses = "Tous les statuts"
	allKinds    = "Tous les types"
)

// Desktop is the application's windows: the main window with the contract
// list, and one window per open contract.
type Desktop struct {
	app   fyne.App
	env   *Env
	win   fyne.Window
	model *listModel
	list  *contractList

	search       *widget.Entry
	statusFilter *widget.Select
	kindFilter   *widget.Select
	count        *hintLabel
	newButton    *widget.Button
	openButton   *widget.Button
	syncButton   *widget.Button
	syncLabel    *hintLabel
	profile      *widget.Select
	notice       *hintLabel

	editors map[string]*Editor
	// spare is the hidden window of the last contract closed: the next
	// contract opens in it, without the cost of a new OS window and GL
	// context (about 100 ms with software rendering).
	spare       fyne.Window
	syncManaged bool // the synchronisation shows its own state in syncLabel
	query       workflow.ListQuery
	searchTimer *time.Timer
	popup       fyne.CanvasObject
	opco        *opcoUI    // the OPCO synchronisation (opco_sync.go)
	imp         *importing // the last import (import_flow.go): one at a time
	// accountOf, set by tests, replaces the signed-in account (addressbook.go).
	accountOf func() (opcoapi.Account, bool)
	// rowObjects are the list's rows, for the speed trace (trace.go).
	rowObjects map[*contractRow]bool

	// Preparing (Start turns it on): the window of the contract clicked
	// last is built hidden while the user's second click comes (the two
	// clicks of a double-click are 100–300 ms apart, about what building
	// the window takes); opening it then only shows it. prepGen drops the
	// late answer of an older preparation; prepTimer prepares the row
	// selected with the keyboard once the selection rests.
	prepareOn  bool
	prepared   *Editor
	preparedAt time.Time
	prepGen    int
	prepTimer  *time.Timer
}

// NewDesktop builds the main window of cerfadesk on a, without showing it.
func NewDesktop(a fyne.App, env *Env) *Desktop {
	useAppTheme(a)
	d := &Desktop{app: a, env: env, editors: map[string]*Editor{}}
	d.win = a.NewWindow("cerfadesk — contrats d'apprentissage et de professionnalisation")
	d.win.SetIcon(assets.Icon)
	d.model = newListModel(env)
	d.list = newContractList(env, d.model)
	d.model.changed = d.modelChanged
	d.list.onOpen = d.OpenContract
	d.list.remote = d.remoteOf
	d.list.onMark = func(n int) {
		d.notice.Importance = widget.MediumImportance
		if n == 0 {
			d.notice.SetText("")
			return
		}
		d.notice.SetText(fmt.Sprintf("%d contrat(s) marqué(s) : menu Fichier pour les actions groupées", n))
	}
	d.list.onSort = func(s workflow.Sort, asc bool) {
		d.query.Sort, d.query.Ascending = s, asc
		d.model.SetQuery(d.query)
	}

	d.newButton = widget.NewButtonWithIcon("Nouveau contrat", theme.ContentAddIcon(), d.askNewContract)
	d.newButton.Importance = widget.HighImportance
	d.openButton = widget.NewButtonWithIcon("Ouvrir", theme.FolderOpenIcon(), func() {
		if id := d.list.SelectedID(); id != "" {
			d.OpenContract(id)
		}
	})
	d.openButton.Disable()
	d.list.onSelect = func(ok bool) {
		if ok {
			d.openButton.Enable()
			d.prepareLater()
		} else {
			d.openButton.Disable()
		}
	}
	d.list.onTap = func(id widget.ListItemID) {
		if s, ok := d.model.Row(id); ok {
			d.prepare(s.ID)
		}
	}

	d.search = widget.NewEntry()
	d.search.SetPlaceHolder("Rechercher : apprenti, salarié, employeur, SIRET, CFA, n° de dépôt…")
	d.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	d.search.OnChanged = func(string) { d.searchLater() }

	statuses := []string{allStatuses}
	for _, s := range workflow.Statuses {
		statuses = append(statuses, env.statusLabel(s))
	}
	d.statusFilter = widget.NewSelect(statuses, nil)
	d.statusFilter.SetSelected(allStatuses)
	d.statusFilter.OnChanged = func(string) { d.applyFilters() }
	d.kindFilter = widget.NewSelect([]string{allKinds, contract.Apprentissage.Label(), contract.Professionnalisation.Label()}, nil)
	d.kindFilter.SetSelected(allKinds)
	d.kindFilter.OnChanged = func(string) { d.applyFilters() }

	d.count = newHintLabel()
	d.notice = newHintLabel()
	// The OPCO synchronisation (issue 6) plugs in here: its state in
	// syncLabel, its trigger on syncButton.
	d.syncLabel = newHintLabel()
	d.syncButton = widget.NewButtonWithIcon("Synchroniser", theme.ViewRefreshIcon(), nil)
	d.syncButton.Disable()
	d.opco = newOpcoUI(d)
	var roles []string
	for _, r := range workflow.Roles {
		roles = append(roles, r.Label())
	}
	d.profile = widget.NewSelect(roles, nil)
	d.profile.SetSelected(env.Actor.Role.Label())
	d.profile.OnChanged = d.setProfile

	toolbar := container.NewBorder(nil, nil,
		container.NewHBox(d.newButton, d.openButton),
		container.NewHBox(minWidth(d.statusFilter, 290), minWidth(d.kindFilter, 250)),
		d.search)
	// The status texts share the bar's width, cut with their whole text
	// on hover: however long, they never widen the window (1 280 px).
	texts := container.New(columnsLayout{weights: []float32{1.1, 1.3, 1.8}}, d.count, d.notice,
		container.NewBorder(nil, nil, d.opco.icon, nil, d.syncLabel))
	status := container.NewBorder(nil, nil, nil,
		container.NewHBox(d.syncButton, widget.NewLabel("Profil :"), d.profile), texts)
	d.win.SetContent(hintLayer(container.NewBorder(
		container.NewVBox(container.NewPadded(toolbar), widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), status),
		nil, nil, d.list.content()), d.count, d.notice, d.syncLabel))
	d.win.Resize(windowSize(env.Prefs, "principale", mainWindowSize))
	d.win.SetMaster()
	d.win.SetCloseIntercept(d.quit)
	d.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { d.dropped(uris) })
	d.refreshMenu()
	d.addKeys()
	d.refreshProfile()
	d.model.SetQuery(d.query)
	return d
}

// minWidth gives o at least width w.
func minWidth(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, 0))
	return container.NewStack(r, o)
}

// Window is the main window.
func (d *Desktop) Window() fyne.Window { return d.win }

// addKeys makes Entrée open the selected contract (the shortcuts are on
// the menus, menus.go).
func (d *Desktop) addKeys() {
	c := d.win.Canvas()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && d.list.SelectedID() != "" {
			d.OpenContract(d.list.SelectedID())
		}
	})
}

// modelChanged redraws the list and its count when rows arrived.
func (d *Desktop) modelChanged() {
	switch {
	case d.model.Err() != nil:
		d.count.SetText("Liste illisible : " + userMessage(d.model.Err()))
	case !d.model.Loaded():
		d.count.SetText("Chargement…")
	case d.model.Len() == 0 && d.filtered():
		d.count.SetText("Aucun contrat ne correspond à la recherche.")
	case d.model.Len() == 0 && d.newButton.Disabled():
		d.count.SetText("Aucun contrat pour l'instant.")
	case d.model.Len() == 0:
		d.count.SetText("Aucun contrat pour l'instant : cliquez sur « Nouveau contrat ».")
	default:
		d.count.SetText(countText(d.model.Len()))
	}
	d.list.Refresh()
}

// countText is "1 contrat", "12 345 contrats".
func countText(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune('\u202f')
		}
		b.WriteRune(r)
	}
	if n == 1 {
		return "1 contrat"
	}
	return b.String() + " contrats"
}

func (d *Desktop) filtered() bool {
	q := d.query
	return q.Text != "" || len(q.Statuses) > 0 || q.Kind != ""
}

// searchLater searches once the user stopped typing for a moment.
func (d *Desktop) searchLater() {
	if d.env.Debounce <= 0 {
		d.applyFilters()
		return
	}
	if d.searchTimer != nil {
		d.searchTimer.Stop()
	}
	d.searchTimer = time.AfterFunc(d.env.Debounce, func() { fyne.Do(d.applyFilters) })
}

// applyFilters reads the search box and the filters into the query.
func (d *Desktop) applyFilters() {
	q := d.query
	q.Text = strings.TrimSpace(d.search.Text)
	q.Statuses = nil
	for _, s := range workflow.Statuses {
		if d.env.statusLabel(s) == d.statusFilter.Selected {
			q.Statuses = []workflow.Status{s}
		}
	}
	q.Kind = ""
	for _, k := range []contract.Kind{contract.Apprentissage, contract.Professionnalisation} {
		if k.Label() == d.kindFilter.Selected {
			q.Kind = k
		}
	}
	d.query = q
	d.list.list.UnselectAll()
	d.model.SetQuery(q)
}

// Reload reads the list again (after a change made elsewhere).
func (d *Desktop) Reload() {
	d.dropPrepared() // its contract may be the one that changed
	d.model.Reload()
	d.refreshOutbox()
}

// refreshOutbox shows how many messages wait for the synchronisation.
func (d *Desktop) refreshOutbox() {
	if d.env.Store == nil || d.syncManaged {
		return
	}
	type result struct {
		n   int
		err error
	}
	background(d.env, func() result {
		list, err := d.env.Store.PendingOutbox(d.env.ctx(), 1000)
		return result{len(list), err}
	}, func(r result) {
		switch {
		case r.err != nil:
			d.syncLabel.SetText("")
		case r.n == 0:
			d.syncLabel.SetText("Aucun envoi en attente")
		default:
			d.syncLabel.SetText(fmt.Sprintf("%d envoi(s) en attente de synchronisation avec l'%s", r.n, opcoName(d.env)))
		}
	})
}

// setProfile switches the role the user works as.
func (d *Desktop) setProfile(label string) {
	for _, r := range workflow.Roles {
		if r.Label() == label && d.env.Actor.Role != r {
			d.env.Actor.Role = r
			if d.env.Prefs != nil {
				d.env.Prefs.SetString("profil.role", string(r))
			}
			d.dropPrepared() // built for the other role
			d.refreshProfile()
			d.refreshMenu() // the batch actions follow the role
			for _, ed := range d.editors {
				ed.replaceRecord(ed.rec)
			}
		}
	}
}

func (d *Desktop) refreshProfile() {
	if _, err := workflow.Apply("", d.env.Actor.Role, workflow.NouveauContrat, workflow.Context{}); err == nil {
		d.newButton.Enable()
	} else {
		d.newButton.Disable()
	}
	d.modelChanged() // the empty list's hint names the button only when it works
}

// askNewContract is "Nouveau contrat": the kind is chosen first.
func (d *Desktop) askNewContract() {
	var dlg *dialog.CustomDialog
	choice := func(k contract.Kind, title, detail string) fyne.CanvasObject {
		b := widget.NewButton(title, func() {
			dlg.Hide()
			d.NewContract(k)
		})
		b.Importance = widget.HighImportance
		l := widget.NewLabel(detail)
		l.Importance = widget.LowImportance
		l.Alignment = fyne.TextAlignCenter
		return container.NewVBox(b, l)
	}
	content := container.NewVBox(
		widget.NewLabel("Quel contrat voulez-vous saisir ?"),
		container.NewGridWithColumns(2,
			choice(contract.Apprentissage, "Contrat d'apprentissage", "Cerfa FA13 (n° 10103)"),
			choice(contract.Professionnalisation, "Contrat de professionnalisation", "Cerfa EJ20 (n° 12434)")),
	)
	dlg = dialog.NewCustom("Nouveau contrat", "Annuler", content, d.win)
	d.popup = content
	dlg.Show()
}

// NewContract creates a contract of kind k in "En cours de saisie" and
// opens it.
func (d *Desktop) NewContract(k contract.Kind) {
	d.env.warmReferentials()
	type result struct {
		rec workflow.Record
		err error
	}
	env := d.env
	acc, signed := d.signedAccount()
	background(env, func() result {
		c := &contract.Contract{TypeFormulaire: k}
		d.prefill(c, acc, signed)
		rec, err := env.Service.Create(env.ctx(), env.Actor, c)
		return result{rec, err}
	}, func(r result) {
		if r.err != nil {
			d.showError(r.err)
			return
		}
		d.Reload()
		d.show(r.rec)
	})
}

// OpenContract opens the window of a contract, or brings it forward.
func (d *Desktop) OpenContract(id string) {
	if ed, ok := d.editors[id]; ok {
		ed.win.RequestFocus()
		return
	}
	t := &openTrace{start: time.Now()}
	if d.showPrepared(id, t) {
		return
	}
	type result struct {
		rec workflow.Record
		err error
	}
	d.env.warmReferentials()
	background(d.env, func() result {
		rec, err := d.env.Store.Load(d.env.ctx(), id)
		return result{rec, err}
	}, func(r result) {
		if r.err != nil {
			d.showError(r.err)
			return
		}
		if ed, ok := d.editors[id]; ok { // opened meanwhile (double-click twice)
			ed.win.RequestFocus()
			return
		}
		t.loaded = time.Now()
		if d.showPrepared(id, t) { // prepared meanwhile, from the same record
			return
		}
		d.showTraced(r.rec, t)
		t.print(r.rec.Reference)
	})
}

// show builds and shows the window of a loaded contract.
func (d *Desktop) show(rec workflow.Record) {
	d.showTraced(rec, &openTrace{})
}

// showTraced is show, timing its phases in t.
func (d *Desktop) showTraced(rec workflow.Record, t *openTrace) {
	t.window = "new"
	if d.spare != nil {
		t.window = "reused"
	}
	ed, err := d.build(rec)
	if err != nil {
		d.showError(err)
		return
	}
	d.editors[rec.ID] = ed
	t.built, t.laidOut = ed.builtAt, ed.laidOutAt
	ed.Show()
	t.shown = time.Now()
}

// build builds the window of rec, hidden.
func (d *Desktop) build(rec workflow.Record) (*Editor, error) {
	return newEditor(d.app, d.env, rec, editorHooks{
		changed: func(rec workflow.Record) { d.Reload(); d.opco.changed(rec) },
		open:    d.OpenContract,
		closed:  func(id string) { delete(d.editors, id) },
		window:  d.window,
		release: d.release,
		desktop: d,
	})
}

// preparedFor is how long a prepared window may wait to be opened: past
// that the contract is read again (every change made through the
// application drops it at once, Reload).
const preparedFor = time.Minute

// prepare builds the window of contract id, hidden, unless it is open or
// prepared already.
func (d *Desktop) prepare(id string) {
	if !d.prepareOn || id == "" || d.editors[id] != nil {
		return
	}
	if d.prepared != nil && d.prepared.rec.ID == id && time.Since(d.preparedAt) < preparedFor {
		return
	}
	d.dropPrepared()
	gen := d.prepGen
	d.env.warmReferentials()
	background(d.env, func() workflow.Record {
		rec, err := d.env.Store.Load(d.env.ctx(), id)
		if err != nil { // opening it will say why
			return workflow.Record{}
		}
		return rec
	}, func(rec workflow.Record) {
		if gen != d.prepGen || rec.ID == "" || d.editors[id] != nil {
			return
		}
		t := time.Now()
		ed, err := d.build(rec)
		d.list.slack += time.Since(t) // the second click waited for it
		if err != nil {
			return
		}
		d.prepared, d.preparedAt = ed, time.Now()
		trace("prepared %s in %.1f ms", rec.Reference, float64(ed.laidOutAt.Sub(ed.startedAt).Microseconds())/1e3)
	})
}

// prepareLater prepares the selected contract once the selection rests
// (chosen with the keyboard: arrows go through rows faster than windows
// are built).
func (d *Desktop) prepareLater() {
	if !d.prepareOn {
		return
	}
	if d.env.Debounce <= 0 { // tests: at once, on the caller's goroutine
		d.prepare(d.list.SelectedID())
		return
	}
	if d.prepTimer != nil {
		d.prepTimer.Stop()
	}
	d.prepTimer = time.AfterFunc(300*time.Millisecond, func() {
		fyne.Do(func() { d.prepare(d.list.SelectedID()) })
	})
}

// showPrepared shows the prepared window of contract id, if there is one.
func (d *Desktop) showPrepared(id string, t *openTrace) bool {
	ed := d.prepared
	if ed == nil || ed.rec.ID != id {
		return false
	}
	d.prepared = nil
	if time.Since(d.preparedAt) > preparedFor {
		d.discard(ed)
		return false
	}
	d.editors[id] = ed
	if t.loaded.IsZero() {
		t.loaded = t.start
	}
	t.built, t.laidOut, t.window = t.loaded, t.loaded, "prepared"
	t.prepared = ed.laidOutAt.Sub(ed.startedAt)
	ed.Show()
	t.shown = time.Now()
	t.print(ed.rec.Reference)
	return true
}

// dropPrepared forgets the prepared window (its contract changed, or
// another is selected), and any preparation under way.
func (d *Desktop) dropPrepared() {
	d.prepGen++
	if ed := d.prepared; ed != nil {
		d.prepared = nil
		d.discard(ed)
	}
}

// discard gives back the window of an editor never shown. Cleared first:
// a window never shown has no OS window for Close to destroy, and Fyne
// would keep it, with the editor, in its list of windows.
func (d *Desktop) discard(ed *Editor) {
	if ed.timer != nil {
		ed.timer.Stop()
	}
	clearWindow(ed.win)
	d.release(ed.win)
}

// window returns the spare window, or a new one.
func (d *Desktop) window(title string) fyne.Window {
	if w := d.spare; w != nil {
		d.spare = nil
		w.SetTitle(title)
		return w
	}
	return d.app.NewWindow(title)
}

// release keeps the window of a closed contract, hidden, for the next one.
func (d *Desktop) release(w fyne.Window) {
	if d.spare != nil {
		w.Close()
		return
	}
	clearWindow(w)
	d.spare = w
}

// clearWindow hides w and leaves nothing of a contract reachable from it.
func clearWindow(w fyne.Window) {
	w.Hide()
	w.SetContent(container.NewStack())
	w.SetOnDropped(nil)
	w.SetMainMenu(nil)
	w.Canvas().SetOnTypedKey(nil)
}

// Editor returns the open window of a contract, nil if none.
func (d *Desktop) Editor(id string) *Editor { return d.editors[id] }

// Notify shows an event of the drop-folder watcher: in the status bar, and
// in the contract's window when it is open.
func (d *Desktop) Notify(ev docs.Event) {
	if ev.Kind == docs.EventStarted {
		return
	}
	if ev.Err != nil {
		log.Printf("drop folder %s: %v", ev.ContractRef, ev.Err)
	}
	text := ev.Text()
	d.notice.Importance = widget.MediumImportance
	if ev.Kind == docs.EventRefused || ev.Kind == docs.EventProblem {
		d.notice.Importance = widget.DangerImportance
	}
	d.notice.SetText(text)
	if ev.Kind != docs.EventIngested && ev.Kind != docs.EventDuplicate {
		return
	}
	d.Reload()
	for _, ed := range d.editors {
		if ed.rec.Reference == ev.ContractRef {
			ed := ed
			id := ed.rec.ID
			background(d.env, func() workflow.Record {
				rec, err := d.env.Store.Load(d.env.ctx(), id)
				if err != nil {
					return workflow.Record{}
				}
				return rec
			}, func(rec workflow.Record) {
				if rec.ID != "" {
					ed.documentsChanged(rec)
					ed.documents.showNotice(text, widget.SuccessImportance)
				}
			})
		}
	}
}

func (d *Desktop) showError(err error) {
	log.Printf("cerfadesk: %v", err)
	l := widget.NewLabel(userMessage(err))
	l.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustom("Erreur", "OK", container.NewVBox(l, layout.NewSpacer()), d.win)
	dlg.Resize(fyne.NewSize(480, 180))
	d.popup = l
	dlg.Show()
}

// OpenReference opens the contract of a reference ("C-000001").
func (d *Desktop) OpenReference(ref string) {
	d.env.warmReferentials()
	background(d.env, func() workflow.Record {
		rec, err := d.env.Store.LoadByRef(d.env.ctx(), ref)
		if err != nil {
			log.Printf("open %s: %v", ref, err)
		}
		return rec
	}, func(rec workflow.Record) {
		if rec.ID != "" {
			d.OpenContract(rec.ID)
		}
	})
}

// DropStore is where the drop-folder watcher attaches the files it finds:
// the workflow service, as the profile the application started with.
func (d *Desktop) DropStore() docs.Store { return d.env.Service.DropStore(d.env.Actor) }
