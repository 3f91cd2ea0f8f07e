package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/contract"
	"cerfadesk/core/rules"
	"cerfadesk/core/sheet"
	"cerfadesk/core/workflow"
)

// importExtensions are the files « Importer des contrats… » and a drop on
// the main window accept.
var importExtensions = []string{".csv", ".xlsx", ".json"}

// importBatch is how many contracts one transaction stores.
const importBatch = 500

// previewRows bounds the rows the preview lists one by one (the counts
// cover them all): thousands of labels would make the dialog crawl.
const previewRows = 300

// importing is one import in the app: the file read, the columns as the
// user mapped them, the rows converted, then the preview.
type importing struct {
	d       *Desktop
	name    string
	table   *sheet.Table
	mapping map[string]string
	kind    contract.Kind
	res     *sheet.Result

	dlg     dialog.Dialog
	bar     *widget.ProgressBar
	step    *widget.Label
	preview fyne.CanvasObject // the preview's content, once shown
	done    bool              // saved, cancelled or failed: another may start
}

// importPrefKey is the preference holding the mapping chosen for a set of
// headers.
func importPrefKey(fingerprint string) string { return "import.correspondance." + fingerprint }

// rememberedMapping is what the user chose for this set of headers.
type rememberedMapping struct {
	Mapping map[string]string `json:"mapping"`
	Kind    contract.Kind     `json:"kind,omitempty"`
}

// askImport is Fichier → « Importer des contrats… ».
func (d *Desktop) askImport() {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			d.showError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		d.importFrom(r.URI().Name(), func() (io.ReadCloser, error) { return r, nil })
	}, d.win)
	open.SetFilter(storage.NewExtensionFileFilter(importExtensions))
	open.Resize(fyne.NewSize(900, 600))
	open.Show()
}

// dropped imports the files dropped on the main window that look like
// contracts (the first one: one import at a time).
func (d *Desktop) dropped(uris []fyne.URI) {
	for _, u := range uris {
		ext := strings.ToLower(filepath.Ext(u.Name()))
		for _, e := range importExtensions {
			if ext == e {
				u := u
				d.importFrom(u.Name(), func() (io.ReadCloser, error) { return storage.Reader(u) })
				return
			}
		}
	}
	if len(uris) > 0 {
		d.notice.Importance = widget.DangerImportance
		d.notice.SetText("Seuls des fichiers .csv, .xlsx ou .json de contrats peuvent être importés.")
	}
}

// importFrom starts the import of a file: read and converted off the UI
// goroutine behind a progress bar, then the mapping dialog if some columns
// are not matched, then the preview.
func (d *Desktop) importFrom(name string, open func() (io.ReadCloser, error)) {
	d.env.warmReferentials()
	if d.imp != nil && !d.imp.done {
		d.notice.Importance = widget.WarningImportance
		d.notice.SetText("Un import est déjà en cours : terminez-le avant d'en commencer un autre.")
		return
	}
	im := &importing{d: d, name: name}
	d.imp = im
	im.bar = widget.NewProgressBar()
	im.step = widget.NewLabel("Lecture de « " + name + " »…")
	im.dlg = dialog.NewCustomWithoutButtons("Importer des contrats", container.NewVBox(im.step, minWidth(im.bar, 420)), d.win)
	im.dlg.Show()
	type result struct {
		t   *sheet.Table
		err error
	}
	background(d.env, func() result {
		r, err := open()
		if err != nil {
			return result{nil, err}
		}
		defer r.Close()
		t, err := sheet.Read(name, r)
		return result{t, err}
	}, func(r result) {
		if r.err != nil {
			im.dlg.Hide()
			im.done = true
			d.showError(r.err) // it names the file
			return
		}
		im.table = r.t
		if r.t.Format != sheet.JSON {
			if m, ok := d.rememberedMapping(sheet.Fingerprint(r.t.Header)); ok {
				im.mapping, im.kind = m.Mapping, m.Kind
			}
		}
		im.convert(im.afterConvert)
	})
}

func (d *Desktop) rememberedMapping(fp string) (rememberedMapping, bool) {
	var m rememberedMapping
	if d.env.Prefs == nil {
		return m, false
	}
	s := d.env.Prefs.String(importPrefKey(fp))
	if s == "" || json.Unmarshal([]byte(s), &m) != nil {
		return m, false
	}
	return m, true
}

// convert converts the table's rows with the current mapping off the UI
// goroutine, moving the progress bar.
func (im *importing) convert(then func()) {
	env := im.d.env
	im.step.SetText("Contrôle des lignes de « " + im.name + " »…")
	im.bar.SetValue(0)
	opt := sheet.Options{Kind: im.kind, Mapping: im.mapping,
		Rules: rules.Options{Today: env.today(), Referential: lazyReferential{}},
		Progress: func(done, total int) {
			if total > 0 {
				v := float64(done) / float64(total)
				fyne.Do(func() { im.bar.SetValue(v) })
			}
		}}
	t := im.table
	find, _ := env.Store.(workflow.IdentityFinder)
	type result struct {
		res *sheet.Result
		err error
	}
	background(env, func() result {
		res := sheet.Convert(t, opt)
		// The rows already stored, or repeated in the file: an index
		// look-up, not a scan of the store.
		return result{res, res.MarkDuplicates(env.ctx(), find)}
	}, func(r result) {
		if r.err != nil {
			im.dlg.Hide()
			im.done = true
			im.d.showError(fmt.Errorf("%s : la recherche des contrats déjà enregistrés a échoué : %w", im.name, r.err))
			return
		}
		im.res = r.res
		then()
	})
}

// afterConvert asks the mapping when a column is not matched (or the kind
// of the rows is unknown), else shows the preview.
func (im *importing) afterConvert() {
	if len(im.undecided()) > 0 || im.needsKind() {
		im.dlg.Hide()
		im.askMapping()
		return
	}
	im.showPreview()
}

// undecided are the columns matched to no field that the user has not
// ignored on purpose.
func (im *importing) undecided() []sheet.Column {
	var out []sheet.Column
	for _, c := range im.res.Columns {
		if c.Key != "" || strings.TrimSpace(c.Header) == "" {
			continue
		}
		if _, ok := im.mapping[c.Header]; ok {
			continue
		}
		out = append(out, c)
	}
	return out
}

// needsKind says no column gives the kind of the rows and none was chosen.
func (im *importing) needsKind() bool {
	if im.res.Format == sheet.JSON || im.kind != "" {
		return false
	}
	for _, c := range im.res.Columns {
		if c.Key == sheet.KindKey {
			return false
		}
	}
	return true
}

// fieldPicker is an entry with the fields of the Cerfa as a drop-down,
// narrowed as the user types.
type fieldPicker struct {
	widget.SelectEntry
	shown []string // the options offered now
}

func newFieldPicker(options []string) *fieldPicker {
	p := &fieldPicker{}
	p.ExtendBaseWidget(p)
	p.Wrapping = fyne.TextWrapOff
	p.setShown(options)
	return p
}

func (p *fieldPicker) setShown(options []string) {
	p.shown = options
	p.SetOptions(options)
}

// ignoreColumn is the mapping dialog's choice that leaves a column out.
const ignoreColumn = "(colonne ignorée)"

// choiceText is how the mapping dialog names a field: its label, its key.
func choiceText(ch sheet.Choice) string { return ch.Label + " (" + ch.Key + ")" }

// askMapping is the mapping dialog: each column not matched gets a field,
// picked from the table and searchable by label or key, or is ignored.
// The choice is remembered for files with the same headers.
func (im *importing) askMapping() {
	d := im.d
	var options []string
	byText := map[string]string{}
	for _, ch := range sheet.Choices(contract.Apprentissage, contract.Professionnalisation) {
		if ch.ReadOnly {
			continue
		}
		t := choiceText(ch)
		options = append(options, t)
		byText[t] = ch.Key
	}
	rows := container.NewVBox()
	pickers := map[string]*fieldPicker{}
	for _, c := range im.undecided() {
		header := widget.NewLabel("« " + c.Header + " »")
		header.Wrapping = fyne.TextWrapWord
		pick := newFieldPicker(append([]string{ignoreColumn}, options...))
		pick.SetPlaceHolder("Tapez pour chercher un champ du Cerfa…")
		pick.OnChanged = func(s string) {
			folded := foldText(s)
			if _, exact := byText[s]; exact || folded == "" || s == ignoreColumn {
				pick.setShown(append([]string{ignoreColumn}, options...))
				return
			}
			var f []string
			for _, o := range options {
				if strings.Contains(foldText(o), folded) {
					f = append(f, o)
				}
			}
			pick.setShown(append([]string{ignoreColumn}, f...))
		}
		pickers[c.Header] = pick
		rows.Add(container.New(columnsLayout{weights: []float32{1, 2}}, header, pick))
	}
	var kindSel *widget.Select
	top := []fyne.CanvasObject{}
	if len(pickers) > 0 {
		intro := widget.NewLabel("Ces colonnes de « " + im.name + " » ne correspondent à aucun champ du Cerfa. " +
			"Choisissez le champ de chacune (ou laissez-la ignorée). Ce choix est retenu pour les fichiers aux mêmes colonnes.")
		intro.Wrapping = fyne.TextWrapWord
		top = append(top, intro)
	}
	if im.needsKind() {
		kindSel = widget.NewSelect([]string{contract.Apprentissage.Label(), contract.Professionnalisation.Label()}, nil)
		kindSel.PlaceHolder = "Type des contrats du fichier"
		l := widget.NewLabel("Le fichier n'a pas de colonne typeFormulaire : quel est le type de ses contrats ?")
		l.Wrapping = fyne.TextWrapWord
		top = append(top, l, kindSel)
	}
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	errLabel.Wrapping = fyne.TextWrapWord
	errLabel.Hide()
	body := container.NewBorder(container.NewVBox(top...), errLabel, nil, nil, container.NewVScroll(rows))
	var dlg *dialog.CustomDialog
	cont := widget.NewButton("Continuer", func() {
		m := map[string]string{}
		for k, v := range im.mapping {
			m[k] = v
		}
		for h, p := range pickers {
			t := strings.TrimSpace(p.Text)
			switch key, ok := byText[t]; {
			case ok:
				m[h] = key
			case t == "" || t == ignoreColumn:
				m[h] = ""
			default:
				errLabel.SetText("« " + t + " » n'est pas un champ du Cerfa : choisissez-le dans la liste (colonne « " + h + " »).")
				errLabel.Show()
				return
			}
		}
		kind := im.kind
		if kindSel != nil {
			switch kindSel.Selected {
			case contract.Apprentissage.Label():
				kind = contract.Apprentissage
			case contract.Professionnalisation.Label():
				kind = contract.Professionnalisation
			default:
				errLabel.SetText("Choisissez le type des contrats du fichier.")
				errLabel.Show()
				return
			}
		}
		im.mapping, im.kind = m, kind
		if d.env.Prefs != nil {
			if data, err := json.Marshal(rememberedMapping{Mapping: m, Kind: kind}); err == nil {
				d.env.Prefs.SetString(importPrefKey(im.res.Fingerprint), string(data))
			}
		}
		dlg.Hide()
		im.dlg.Show()
		im.convert(im.showPreview)
	})
	cont.Importance = widget.HighImportance
	cancel := widget.NewButton("Annuler", func() { dlg.Hide(); im.done = true })
	dlg = dialog.NewCustomWithoutButtons("Correspondance des colonnes", body, d.win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, cont})
	dlg.Resize(fyne.NewSize(860, 560))
	d.popup = body
	dlg.Show()
}

// rowText describes a row of the preview: who it is, and its findings by
// tab or the reasons it was refused.
func rowText(res *sheet.Result, r *sheet.Row) (string, widget.Importance) {
	var b strings.Builder
	if res.Format == sheet.JSON {
		fmt.Fprintf(&b, "Contrat n° %d", r.Line)
	} else {
		fmt.Fprintf(&b, "Ligne %d", r.Line)
	}
	if r.Refused() {
		b.WriteString(" — refusée :")
		for _, e := range r.Errors {
			msg := e.Message
			if e.Column != "" {
				msg = "colonne « " + e.Column + " » : " + msg
			}
			b.WriteString("\n    " + msg)
		}
		return b.String(), widget.DangerImportance
	}
	if n := personName(r.Contract); n != "" {
		b.WriteString(" — " + n)
	}
	if e := r.Contract.Employeur.Denomination; e != "" {
		b.WriteString(" — " + e)
	}
	if r.Duplicate() {
		b.WriteString(" — " + res.DuplicateText(r) + " (doublon : pas importée, sauf « Importer aussi les doublons »)")
	}
	// Green only for a row with nothing to say: remarks read as remarks.
	imp := widget.MediumImportance
	switch {
	case r.Duplicate():
		imp = widget.WarningImportance
		if r.Blocking() {
			b.WriteString(" — anomalies bloquantes")
		}
	case r.Blocking():
		b.WriteString(" — anomalies bloquantes")
		imp = widget.WarningImportance
	case len(r.Findings) > 0:
		b.WriteString(" — sans anomalie bloquante")
	default:
		b.WriteString(" — complet")
		imp = widget.SuccessImportance
	}
	for _, tf := range r.ByTab() {
		var msgs []string
		for _, f := range tf.Findings {
			msgs = append(msgs, f.Message)
		}
		b.WriteString("\n    " + tf.Tab + " : " + strings.Join(msgs, " · "))
	}
	if r.Hidden > 0 {
		fmt.Fprintf(&b, "\n    %d anomalie(s) sur des colonnes absentes du fichier", r.Hidden)
	}
	return b.String(), imp
}

// showPreview lists each row with its findings by tab, and the refused
// rows with their reason, before anything is saved.
func (im *importing) showPreview() {
	d, res := im.d, im.res
	im.dlg.Hide()
	var ok, blocking, refused, dups, dupsClean int
	for i := range res.Rows {
		r := &res.Rows[i]
		switch {
		case r.Refused():
			refused++
			continue
		case r.Blocking():
			blocking++
		default:
			ok++
		}
		if r.Duplicate() {
			dups++
			if !r.Blocking() {
				dupsClean++
			}
		}
	}
	text := fmt.Sprintf("« %s » : %d ligne(s) — %d sans anomalie bloquante, %d avec anomalies bloquantes (à compléter après l'import), %d refusée(s) (jamais importées).",
		im.name, len(res.Rows), ok, blocking, refused)
	if dups > 0 {
		text += fmt.Sprintf(" %d doublon(s) : contrats déjà enregistrés (même apprenti, même employeur, même date de début) ou lignes répétées dans le fichier, pas importés sauf si vous le demandez.", dups)
	}
	summary := widget.NewLabel(text)
	summary.Wrapping = fyne.TextWrapWord
	summary.TextStyle = fyne.TextStyle{Bold: true}
	list := container.NewVBox()
	for _, p := range res.Problems {
		l := widget.NewLabel(p.Error())
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		list.Add(l)
	}
	for i := range res.Rows {
		if i == previewRows {
			list.Add(widget.NewLabel(fmt.Sprintf("… et %d autre(s) ligne(s).", len(res.Rows)-previewRows)))
			break
		}
		text, imp := rowText(res, &res.Rows[i])
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		list.Add(l)
	}
	var dlg *dialog.CustomDialog
	withDups := false
	all := widget.NewButton("", func() { dlg.Hide(); im.save(false, withDups) })
	clean := widget.NewButton("", func() { dlg.Hide(); im.save(true, withDups) })
	clean.Importance = widget.HighImportance
	counts := func() {
		nAll, nClean := ok+blocking, ok
		if !withDups {
			nAll, nClean = nAll-dups, nClean-dupsClean
		}
		all.SetText(fmt.Sprintf("Importer tout (%d)", nAll))
		clean.SetText(fmt.Sprintf("Importer les lignes sans erreur bloquante (%d)", nClean))
		setEnabled(all, nAll > 0)
		setEnabled(clean, nClean > 0)
	}
	counts()
	force := widget.NewCheck(fmt.Sprintf("Importer aussi les doublons (%d)", dups), func(on bool) { withDups = on; counts() })
	top := fyne.CanvasObject(summary)
	if dups > 0 {
		top = container.NewVBox(summary, force)
	}
	cancel := widget.NewButton("Annuler", func() { dlg.Hide(); im.done = true })
	body := container.NewBorder(top, nil, nil, nil, container.NewVScroll(list))
	im.preview = body
	dlg = dialog.NewCustomWithoutButtons("Aperçu de l'import", body, d.win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, all, clean})
	dlg.Resize(fyne.NewSize(980, 600)) // within the main window's default size
	d.popup = body
	dlg.Show()
}

// save stores the rows (without blocking findings only, when onlyClean;
// the duplicates only when withDups) « En cours de saisie », each with its
// history note, by batches.
func (im *importing) save(onlyClean, withDups bool) {
	d, res := im.d, im.res
	var in []workflow.Imported
	for i := range res.Rows {
		r := &res.Rows[i]
		if r.Refused() || (onlyClean && r.Blocking()) || (r.Duplicate() && !withDups) {
			continue
		}
		in = append(in, workflow.Imported{Contract: r.Contract, Note: res.Note(r)})
	}
	im.step.SetText(fmt.Sprintf("Enregistrement de %d contrat(s)…", len(in)))
	im.bar.SetValue(0)
	im.dlg.Show()
	env := d.env
	type result struct {
		n   int
		err error
	}
	background(env, func() result {
		n := 0
		for start := 0; start < len(in); start += importBatch {
			end := min(start+importBatch, len(in))
			recs, err := env.Service.CreateMany(env.ctx(), env.Actor, in[start:end])
			n += len(recs)
			if err != nil {
				return result{n, err}
			}
			v := float64(end) / float64(len(in))
			fyne.Do(func() { im.bar.SetValue(v) })
		}
		return result{n, nil}
	}, func(r result) {
		im.dlg.Hide()
		im.done = true
		d.Reload()
		if r.err != nil {
			d.showError(fmt.Errorf("%s : %d contrat(s) importé(s), puis l'enregistrement a échoué : %w", im.name, r.n, r.err))
			return
		}
		d.notice.Importance = widget.SuccessImportance
		d.notice.SetText(fmt.Sprintf("%d contrat(s) importé(s) de « %s » (En cours de saisie).", r.n, im.name))
	})
}

// exportFormats are the formats « Exporter… » writes.
var exportFormats = []string{"CSV (tableur, ;)", "XLSX (Excel)", "JSON (canonique)"}

func formatOf(label string) sheet.Format {
	switch {
	case strings.HasPrefix(label, "XLSX"):
		return sheet.XLSX
	case strings.HasPrefix(label, "JSON"):
		return sheet.JSON
	}
	return sheet.CSV
}

// askExport is Fichier → « Exporter… »: the selected contract or every
// contract of the list (as filtered), in CSV, XLSX or JSON.
func (d *Desktop) askExport() {
	format := widget.NewSelect(exportFormats, nil)
	format.SetSelected(exportFormats[0])
	scopes := []string{"Tous les contrats de la liste"}
	if d.list.SelectedID() != "" {
		scopes = append([]string{"Le contrat sélectionné"}, scopes...)
	}
	scope := widget.NewRadioGroup(scopes, nil)
	scope.SetSelected(scopes[0])
	form := widget.NewForm(widget.NewFormItem("Format", format), widget.NewFormItem("Contrats", scope))
	dlg := dialog.NewCustomConfirm("Exporter des contrats", "Exporter…", "Annuler", form, func(ok bool) {
		if !ok {
			return
		}
		f := formatOf(format.Selected)
		var ids []string
		if scope.Selected == "Le contrat sélectionné" {
			ids = []string{d.list.SelectedID()}
		}
		d.saveFile("contrats."+f.String(), []string{"." + f.String()}, func(w io.Writer) error {
			cs, err := d.exportContracts(ids)
			if err != nil {
				return err
			}
			return sheet.Write(w, f, cs, sheet.WriteOptions{})
		})
	}, d.win)
	d.popup = form
	dlg.Show()
}

// exportContracts loads the contracts of ids, or of the list's query.
func (d *Desktop) exportContracts(ids []string) ([]*contract.Contract, error) {
	env := d.env
	if ids == nil {
		q := d.query
		q.Limit = workflow.MaxPageSize
		q.After = ""
		for {
			p, err := env.Store.List(env.ctx(), q)
			if err != nil {
				return nil, err
			}
			for _, s := range p.Items {
				ids = append(ids, s.ID)
			}
			if p.Next == "" {
				break
			}
			q.After = p.Next
		}
	}
	cs := make([]*contract.Contract, 0, len(ids))
	for _, id := range ids {
		rec, err := env.Store.Load(env.ctx(), id)
		if err != nil {
			return nil, err
		}
		cs = append(cs, rec.Contract)
	}
	return cs, nil
}

// askTemplate is Fichier → « Modèle d'import (CSV / XLSX)… ».
func (d *Desktop) askTemplate() {
	format := widget.NewSelect(exportFormats[:2], nil)
	format.SetSelected(exportFormats[0])
	kinds := []string{"Les deux types", contract.Apprentissage.Label(), contract.Professionnalisation.Label()}
	kind := widget.NewSelect(kinds, nil)
	kind.SetSelected(kinds[0])
	form := widget.NewForm(widget.NewFormItem("Format", format), widget.NewFormItem("Contrats", kind))
	dlg := dialog.NewCustomConfirm("Modèle d'import", "Enregistrer…", "Annuler", form, func(ok bool) {
		if !ok {
			return
		}
		f := formatOf(format.Selected)
		var k contract.Kind
		switch kind.Selected {
		case contract.Apprentissage.Label():
			k = contract.Apprentissage
		case contract.Professionnalisation.Label():
			k = contract.Professionnalisation
		}
		d.saveFile("modele-import."+f.String(), []string{"." + f.String()}, func(w io.Writer) error {
			return sheet.Template(w, f, k)
		})
	}, d.win)
	d.popup = form
	dlg.Show()
}

// saveFile asks where to save a file, then writes it off the UI goroutine.
func (d *Desktop) saveFile(name string, exts []string, write func(io.Writer) error) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			d.showError(err)
			return
		}
		if w == nil {
			return
		}
		d.writeTo(w, write)
	}, d.win)
	save.SetFileName(name)
	save.SetFilter(storage.NewExtensionFileFilter(exts))
	save.Resize(fyne.NewSize(900, 600))
	save.Show()
}

// writeTo writes a file off the UI goroutine and says so in the status bar.
func (d *Desktop) writeTo(w fyne.URIWriteCloser, write func(io.Writer) error) {
	background(d.env, func() error {
		var buf bytes.Buffer
		err := write(&buf)
		if err == nil {
			_, err = w.Write(buf.Bytes())
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return err
	}, func(err error) {
		if err != nil {
			d.showError(fmt.Errorf("%s : %w", w.URI().Name(), err))
			return
		}
		d.notice.Importance = widget.SuccessImportance
		d.notice.SetText("Enregistré : " + w.URI().Name())
	})
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}
