package sheet

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
	"cerfadesk/core/rules"
)

// Options are the choices of an import.
type Options struct {
	// Kind is the kind of the rows whose file has no typeFormulaire column
	// (or an empty cell); "" refuses such rows.
	Kind contract.Kind
	// Mapping maps a header, as written in the file, to a canonical key;
	// "" ignores the column. Headers it does not name are matched by key
	// or label.
	Mapping map[string]string
	// Rules are the options of rules.Validate (Today, Referential…).
	Rules rules.Options
	// Progress, when set, is called every ProgressStep rows and at the
	// end with the rows converted and the total: the app's progress bar.
	Progress func(done, total int)
}

// ProgressStep is how many rows Convert converts between two calls of
// Options.Progress.
const ProgressStep = 100

// Result is a file read and converted: the columns and how they matched,
// the problems of the whole file, and each row.
type Result struct {
	File        string
	Format      Format
	Encoding    string
	Columns     []Column
	Fingerprint string
	// Problems are reported once for the file: a required column absent,
	// a column ignored. None of them stops the rows.
	Problems []*Error
	Rows     []Row
	// missing holds the keys of the required fields without a column.
	missing map[string]bool
	// date1904: serial dates count from 1904 (Table.Date1904).
	date1904 bool
}

// Row is one row of a file: the contract it gives, with the findings of
// the rules, or, when a value could not be read, the errors that refused
// it (Contract is nil: a row is never half imported).
type Row struct {
	Line     int
	Contract *contract.Contract
	Errors   []*Error
	// Findings are rules.Validate's, without those on the fields whose
	// column is missing (reported once in Result.Problems).
	Findings []rules.Finding
	// Hidden counts the E findings left out of Findings for that reason.
	Hidden int
	// Existing is the reference of a stored contract that is this row's
	// (workflow.Identity.Matches), « C-000123 »: set by MarkDuplicates.
	Existing string
	// SameAs is the line of an earlier row of the file that is the same
	// contract (MarkDuplicates).
	SameAs int
}

// Refused reports whether the row could not be read.
func (r *Row) Refused() bool { return r.Contract == nil }

// Blocking reports whether the row was refused or has a finding that
// blocks transmission (hidden ones included) outside the Documents tab:
// pieces are never in a file, they are attached in the app after the
// import, so their absence does not hold a row back.
func (r *Row) Blocking() bool {
	if r.Refused() || r.Hidden > 0 {
		return true
	}
	for _, f := range r.Findings {
		if f.Severity == rules.Error && f.Tab != cerfa.TabDocuments {
			return true
		}
	}
	return false
}

// Valid reports whether the contract could be transmitted as it is: read,
// and no finding that blocks transmission, documents included.
func (r *Row) Valid() bool { return !r.Refused() && r.Hidden == 0 && !blocking(r.Findings) }

func blocking(fs []rules.Finding) bool {
	for _, f := range fs {
		if f.Severity == rules.Error {
			return true
		}
	}
	return false
}

// TabFindings are the findings of one tab.
type TabFindings struct {
	Tab      string
	Findings []rules.Finding
}

// ByTab returns the row's findings grouped by tab, in the form's order.
func (r *Row) ByTab() []TabFindings {
	var out []TabFindings
	for _, tab := range cerfa.Tabs {
		var fs []rules.Finding
		for _, f := range r.Findings {
			if f.Tab == tab {
				fs = append(fs, f)
			}
		}
		if len(fs) > 0 {
			out = append(out, TabFindings{Tab: tab, Findings: fs})
		}
	}
	return out
}

// Import reads a file and converts its rows (Read, then Convert).
func Import(name string, r io.Reader, opt Options) (*Result, error) {
	t, err := Read(name, r)
	if err != nil {
		return nil, err
	}
	return Convert(t, opt), nil
}

// Convert matches the table's columns and converts each row into a
// contract, normalised (cerfa.Normalize) and validated (rules.Validate).
func Convert(t *Table, opt Options) *Result {
	res := &Result{File: t.File, Format: t.Format, Encoding: t.Encoding, date1904: t.Date1904}
	if t.Format == JSON {
		for i, raw := range t.Docs {
			res.Rows = append(res.Rows, res.jsonRow(i+1, raw, opt))
			progress(opt, i+1, len(t.Docs))
		}
		return res
	}
	res.Fingerprint = Fingerprint(t.Header)
	var problems []*Error
	res.Columns, problems = MatchColumns(t.File, t.Header, opt.Mapping)
	kindCol := -1
	for _, c := range res.Columns {
		if c.Key == KindKey {
			kindCol = c.Index
		}
	}
	rows := t.Rows
	if len(rows) > 0 && isLabelRow(rows[0], res.Columns) {
		rows = rows[1:]
	}
	// The kinds the file holds decide which required columns it lacks.
	present := map[contract.Kind]bool{}
	if opt.Kind != "" {
		present[opt.Kind] = true
	}
	if kindCol >= 0 {
		for _, l := range rows {
			if k, ok := ParseKind(l.Cell(kindCol)); ok {
				present[k] = true
			}
		}
	}
	if len(present) > 0 {
		// Labels name fields of the kinds the file holds only.
		var ks []contract.Kind
		for _, k := range kinds {
			if present[k] {
				ks = append(ks, k)
			}
		}
		res.Columns, problems = MatchColumnsFor(t.File, t.Header, opt.Mapping, ks...)
	}
	res.Problems = append(res.missingColumns(present), problems...)
	for i, l := range rows {
		res.Rows = append(res.Rows, res.row(l, kindCol, opt))
		progress(opt, i+1, len(rows))
	}
	return res
}

func progress(opt Options, done, total int) {
	if opt.Progress != nil && (done%ProgressStep == 0 || done == total) {
		opt.Progress(done, total)
	}
}

// Note is the history note of an imported row: « Importé de contrats.csv,
// ligne 12 » (« contrat n° 3 » for a JSON file).
func (res *Result) Note(r *Row) string {
	if res.Format == JSON {
		return "Importé de " + res.File + ", contrat n° " + strconv.Itoa(r.Line)
	}
	return "Importé de " + res.File + ", ligne " + strconv.Itoa(r.Line)
}

// Mapping returns the columns' current matching as a mapping (header →
// key, "" for an ignored column), for the app to remember under the
// Fingerprint and to hand back, edited, in Options.Mapping.
func (res *Result) Mapping() map[string]string {
	m := make(map[string]string, len(res.Columns))
	for _, c := range res.Columns {
		if c.Header != "" {
			m[c.Header] = c.Key
		}
	}
	return m
}

// RequiredColumn reports whether a file of kind k must have a column for f:
// a field required whenever it belongs to the contract, typed by the user.
func RequiredColumn(f *cerfa.Field, k contract.Kind) bool {
	return f.Required(k) && f.When == "" && f.RequiredWhen == "" && f.Input != cerfa.Computed && !f.ReadOnly
}

func (res *Result) missingColumns(present map[contract.Kind]bool) []*Error {
	have := map[string]bool{}
	for _, c := range res.Columns {
		if c.Key != "" {
			have[c.Key] = true
		}
	}
	res.missing = map[string]bool{}
	var out []*Error
	for _, k := range kinds {
		if !present[k] {
			continue
		}
		for _, f := range cerfa.Leaves(k) {
			if !RequiredColumn(f, k) || have[f.Key] || res.missing[f.Key] {
				continue
			}
			res.missing[f.Key] = true
			out = append(out, &Error{File: res.File, Column: FullLabel(f, k), Key: f.Key, Code: CodeMissingColumn,
				Message: fmt.Sprintf("colonne obligatoire absente (clé %s) : chaque contrat importé devra être complété", f.Key)})
		}
	}
	return out
}

// unguard takes off the apostrophe the CSV export puts before a value a
// spreadsheet would read as a formula: exactly the one guard added.
func unguard(s string) string {
	if len(s) >= 2 && s[0] == '\'' && guard(s[1:]) == s {
		return s[1:]
	}
	return s
}

func (res *Result) row(l Line, kindCol int, opt Options) Row {
	row := Row{Line: l.N}
	kind := opt.Kind
	fail := func(col, key, code, msg string) {
		e := &Error{File: res.File, Line: l.N, Column: col, Key: key, Code: code, Message: msg, Tab: cerfa.TabIntroduction}
		if f := field(kind, key); f != nil {
			e.Tab = f.Tab
		}
		row.Errors = append(row.Errors, e)
	}
	if kindCol >= 0 {
		if v := strings.TrimSpace(l.Cell(kindCol)); v != "" {
			k, ok := ParseKind(v)
			if !ok {
				fail(res.Columns[kindCol].Header, KindKey, CodeKind, "« "+v+" » : type de contrat attendu, APPRENTISSAGE ou PROFESSIONNALISATION")
				return row
			}
			kind = k
		}
	}
	if kind == "" {
		col := ""
		if kindCol >= 0 {
			col = res.Columns[kindCol].Header
		}
		fail(col, KindKey, CodeKind, "type de contrat absent : remplissez la colonne typeFormulaire (APPRENTISSAGE ou PROFESSIONNALISATION) ou choisissez le type pour tout le fichier")
		return row
	}
	c := &contract.Contract{TypeFormulaire: kind}
	for _, col := range res.Columns {
		if col.Key == "" || col.Key == KindKey || col.ReadOnly {
			continue
		}
		v := unguard(strings.TrimSpace(l.Cell(col.Index)))
		if v == "" {
			continue
		}
		f := field(kind, col.Key)
		if f == nil {
			fail(col.Header, col.Key, CodeValue, "ce champ n'existe pas dans un "+strings.ToLower(kind.Label()))
			continue
		}
		if f.Input == cerfa.Computed {
			continue
		}
		if d, ok := excelSerial(v); ok && res.date1904 && f.Input == cerfa.Date {
			v = d.AddDays(date1904Offset).String()
		}
		canon, code, msg := Canonical(f, kind, v)
		if code != "" {
			fail(col.Header, col.Key, code, msg)
			continue
		}
		if err := f.Set(c, canon); err != nil {
			var ve *cerfa.ValueError
			if errors.As(err, &ve) {
				msg = ve.Message
			} else {
				msg = err.Error()
			}
			fail(col.Header, col.Key, CodeValue, msg)
		}
	}
	if len(row.Errors) > 0 {
		return row
	}
	res.finish(&row, c, opt)
	return row
}

// finish normalises and validates a contract read whole.
func (res *Result) finish(row *Row, c *contract.Contract, opt Options) {
	cerfa.Normalize(c)
	row.Contract = c
	for _, f := range rules.Validate(c, opt.Rules).Findings {
		if res.missing[f.Field] {
			if f.Severity == rules.Error {
				row.Hidden++
			}
			continue
		}
		row.Findings = append(row.Findings, f)
	}
	if IsExample(c) {
		row.Findings = append(row.Findings, rules.Finding{Tab: cerfa.TabSalarie, Field: cerfa.ApprentiNom.Key, Rule: RuleExample,
			Severity: rules.Warning, Message: "Cette ligne est l'exemple du modèle d'import : remplacez-la par un vrai contrat ou supprimez-la."})
	}
}

// date1904Offset is the days between the 1900 and 1904 date systems.
const date1904Offset = 1462

// RuleExample is the finding of a row that is the template's example.
const RuleExample = "IMPORT-EXEMPLE"

// Canonical reads a cell's text for field f of a contract of kind k and
// returns the field table's canonical text, or an error code and its
// French message.
func Canonical(f *cerfa.Field, k contract.Kind, v string) (canon, code, msg string) {
	switch f.Input {
	case cerfa.Text:
		v = Repair(f.Key, v)
		if n := utf8.RuneCountInString(v); f.MaxLen > 0 && n > f.MaxLen {
			return "", CodeTooLong, fmt.Sprintf("texte de %d caractères : %d au plus", n, f.MaxLen)
		}
		return v, "", ""
	case cerfa.Integer:
		if s, ok := ParseInt(v); ok {
			return s, "", ""
		}
		return "", CodeInteger, "« " + v + " » : nombre entier attendu"
	case cerfa.Money:
		if s, _, ok := ParseMoney(v); ok {
			return s, "", ""
		}
		return "", CodeMoney, "« " + v + " » : montant en euros attendu, par exemple 1 234,56"
	case cerfa.Date:
		d, err := parseDate(v)
		if err != nil {
			// « cette date n'existe pas » or « date attendue JJ/MM/AAAA »
			return "", CodeDate, "« " + v + " » : " + err.Error()
		}
		return d.String(), "", ""
	case cerfa.YesNo, cerfa.Check:
		if s, ok := ParseYesNo(v); ok {
			return s, "", ""
		}
		return "", CodeYesNo, "« " + v + " » : répondez oui ou non"
	case cerfa.Code, cerfa.Choice:
		l := f.List(k)
		if s, ok := ParseCode(l, v); ok {
			return s, "", ""
		}
		return "", CodeCode, "« " + v + " » n'est pas un code de la liste « " + l.Name + " » (" + codesOf(l) + ")"
	}
	return v, "", ""
}

// codesOf lists a list's codes for an error message, the first ones only.
func codesOf(l contract.CodeList) string {
	var cs []string
	for i, e := range l.Codes {
		if i == 12 {
			cs = append(cs, "…")
			break
		}
		cs = append(cs, e.Code)
	}
	return "codes : " + strings.Join(cs, ", ")
}

// jsonRow decodes the n-th contract of a JSON file.
func (res *Result) jsonRow(n int, raw []byte, opt Options) Row {
	row := Row{Line: n}
	fail := func(col, code, msg string) {
		e := &Error{File: res.File, Line: n, Column: col, Key: col, Code: code, Message: msg, JSONRank: true}
		for _, k := range kinds {
			if f := field(k, col); f != nil {
				e.Tab = f.Tab
				break
			}
		}
		row.Errors = append(row.Errors, e)
	}
	c, err := contract.Decode(raw)
	if err != nil {
		var ie *contract.ImportError
		if errors.As(err, &ie) {
			fail(ie.Path, CodeJSON, ie.Message)
		} else {
			fail("", CodeJSON, err.Error())
		}
		return row
	}
	if c.TypeFormulaire == "" {
		c.TypeFormulaire = opt.Kind
	}
	if c.TypeFormulaire != contract.Apprentissage && c.TypeFormulaire != contract.Professionnalisation {
		fail(KindKey, CodeKind, "type de contrat attendu, APPRENTISSAGE ou PROFESSIONNALISATION (reçu « "+string(c.TypeFormulaire)+" »)")
		return row
	}
	// The same refusals as a spreadsheet's row: a text past its bound, a
	// code not in its list.
	for _, f := range cerfa.Leaves(c.TypeFormulaire) {
		if f.TooLong(c) {
			fail(f.Key, CodeTooLong, "texte de "+strconv.Itoa(f.Length(c))+" caractères : "+strconv.Itoa(f.MaxLen)+" au plus")
		}
		if f.HasList() && f.Input != cerfa.Computed {
			l := f.List(c.TypeFormulaire)
			if v, ok := f.Value(c); ok && v != "" && !l.Has(v) {
				fail(f.Key, CodeCode, "« "+v+" » n'est pas un code de la liste « "+l.Name+" » ("+codesOf(l)+")")
			}
		}
	}
	if len(row.Errors) > 0 {
		return row
	}
	// An imported contract starts « En cours de saisie »: the OPCO's frame
	// and the documents (whose files are not in the JSON) stay behind.
	c.Depot, c.Documents = nil, nil
	res.finish(&row, c, opt)
	return row
}
