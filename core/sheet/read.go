// Package sheet brings contracts in and out of files: canonical JSON, CSV
// (as spreadsheets and CFA software export it) and XLSX. Reading matches a
// file's header to the fields of the Cerfa (core/cerfa) by canonical key,
// by printed label or by a mapping the user chose, reads each row's values
// leniently (French dates, Excel serial dates, « oui/non », codes or
// « code – libellé », amounts "1 234,56 €"), and returns per row either the
// contract with its findings, or the errors that refused it: a row is never
// half read. Writing gives back the same columns, and the import template.
//
// The package knows files and the field table only: saving is the
// workflow's job (workflow.Service.CreateMany). An import, headless or in
// a dialog, goes: Read (the file's format, encoding and separator found),
// Convert with Options.Mapping (the columns as MatchColumns found them,
// corrected by the user from Choices and remembered under Fingerprint;
// Options.Progress drives a progress bar), a preview of Result.Rows
// (Refused, Blocking, ByTab) and Result.Problems, then CreateMany by
// batches with Result.Note as each contract's history note. An export is
// Write (or Template for the « Modèle d'import »).
package sheet

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Format is a file format.
type Format int

// The formats.
const (
	JSON Format = iota + 1
	CSV
	XLSX
)

func (f Format) String() string {
	switch f {
	case JSON:
		return "json"
	case CSV:
		return "csv"
	case XLSX:
		return "xlsx"
	}
	return "?"
}

// ParseFormat reads a format's name ("csv", ".XLSX"…).
func ParseFormat(s string) (Format, bool) {
	switch strings.ToLower(strings.TrimPrefix(s, ".")) {
	case "json":
		return JSON, true
	case "csv", "txt":
		return CSV, true
	case "xlsx", "xlsm":
		return XLSX, true
	}
	return 0, false
}

// Bounds of what a file may hold: a CFA's year is hundreds of contracts,
// a big network's a few tens of thousands.
const (
	MaxFileSize = 64 << 20
	MaxRows     = 100_000
	MaxColumns  = 1_000
	// MaxCell bounds one cell, far above any field's length (Excel's own
	// limit is 32 767 characters).
	MaxCell = 32_767
)

// Table is a file read as rows of text: the header and the data rows.
// JSON files are read as contracts directly (Docs).
type Table struct {
	File     string // the file's base name, for messages
	Format   Format
	Encoding string // CSV: "UTF-8", "UTF-8 (BOM)", "Windows-1252", "UTF-16"
	Comma    rune   // CSV: the separator found
	Header   []string
	Rows     []Line
	// HeaderLine is the header's row number; TitleLines the rows above it
	// that were left out (a title).
	HeaderLine, TitleLines int
	// Docs holds the contracts of a JSON file, one raw object each.
	Docs [][]byte
	// Date1904 says the workbook counts its serial dates from 1904-01-01
	// (old Excel for Mac) instead of 1900.
	Date1904 bool
}

// Line is one data row of a file: its number as the user sees it (the
// line of a CSV file, the row of a sheet, the rank of a JSON contract) and
// its cells.
type Line struct {
	N     int
	Cells []string
}

// Cell returns the cell of column i ("" past the end of the row).
func (l Line) Cell(i int) string {
	if i < len(l.Cells) {
		return l.Cells[i]
	}
	return ""
}

// Read reads a file whose base name is name. The format comes from the
// name's extension, else from the content (a zip is XLSX, « { » or « [ »
// JSON, the rest CSV). Errors are *Error with CodeUnreadable or
// CodeTooBig: the file cannot be imported at all.
func Read(name string, r io.Reader) (*Table, error) {
	base := filepath.Base(name)
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fileError(base, CodeUnreadable, "le fichier n'a pas pu être lu ("+err.Error()+")")
	}
	if len(data) > MaxFileSize {
		return nil, fileError(base, CodeTooBig, fmt.Sprintf("le fichier dépasse %d Mo", MaxFileSize>>20))
	}
	f, ok := ParseFormat(filepath.Ext(base))
	if !ok {
		f = sniff(data)
	}
	t := &Table{File: base, Format: f}
	switch f {
	case JSON:
		err = t.readJSON(data)
	case XLSX:
		err = t.readXLSX(data)
	default:
		t.Format = CSV
		err = t.readCSV(data)
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

func sniff(data []byte) Format {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return XLSX
	}
	trim := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trim) > 0 && (trim[0] == '{' || trim[0] == '[') {
		return JSON
	}
	return CSV
}

// decodeText returns the UTF-8 text of a CSV file and its encoding: UTF-8
// with or without BOM, UTF-16 with a BOM (Excel's « texte Unicode »), and
// otherwise Windows-1252, what a French Excel writes as « CSV (séparateur :
// point-virgule) ».
func decodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", "", errors.New("le fichier annonce l'UTF-8 mais contient des octets invalides")
		}
		return string(data), "UTF-8 (BOM)", nil
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", "", errors.New("texte UTF-16 illisible")
		}
		return string(out), "UTF-16", nil
	case utf8.Valid(data):
		return string(data), "UTF-8", nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", errors.New("encodage des caractères inconnu")
	}
	return string(out), "Windows-1252", nil
}

// separator finds the CSV separator from the header line: the most
// frequent of ; , and tab outside quotes (; on a tie, French Excel's).
func separator(text string) rune {
	count := map[rune]int{}
	quoted := false
	for _, r := range text {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if r == '\n' {
			break
		}
		if r == ';' || r == ',' || r == '\t' {
			count[r]++
		}
	}
	best := ';'
	for _, r := range []rune{'\t', ','} {
		if count[r] > count[best] {
			best = r
		}
	}
	return best
}

func (t *Table) readCSV(data []byte) error {
	text, enc, err := decodeText(data)
	if err != nil {
		return fileError(t.File, CodeUnreadable, err.Error())
	}
	t.Encoding = enc
	t.Comma = separator(text)
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = t.Comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	// Rows are numbered as a spreadsheet shows them (the header is 1), not
	// by text line: a cell may hold several lines, a blank line is a row.
	n, end := 0, 0 // the last record's row, and its last text line
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &Error{File: t.File, Line: n + 1, Code: CodeUnreadable, Message: "CSV illisible : " + frenchCSV(pe.Err)}
			}
			return fileError(t.File, CodeUnreadable, "CSV illisible : "+err.Error())
		}
		start, _ := cr.FieldPos(0)
		n += 1 + max(start-end-1, 0)
		last, _ := cr.FieldPos(len(rec) - 1)
		end = last + strings.Count(rec[len(rec)-1], "\n")
		if err := t.add(n, rec); err != nil {
			return err
		}
	}
	return t.checkHeader()
}

func frenchCSV(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote), errors.Is(err, csv.ErrBareQuote):
		return "guillemet mal placé ou non fermé"
	case errors.Is(err, csv.ErrFieldCount):
		return "nombre de colonnes inattendu"
	}
	return err.Error()
}

// add appends a non-blank row; checkHeader then finds the header among
// the first rows.
func (t *Table) add(n int, cells []string) error {
	blank := true
	for i, c := range cells {
		if len(c) > MaxCell {
			return &Error{File: t.File, Line: n, Column: columnName(i), Code: CodeTooBig, Message: fmt.Sprintf("cellule de plus de %d caractères", MaxCell)}
		}
		if strings.TrimSpace(c) != "" {
			blank = false
		}
	}
	if blank {
		return nil
	}
	// Keep no trailing empty cells (a workbook may say a row runs to
	// column XFD), and no row wider than a header may be.
	last := len(cells) - 1
	for last >= 0 && strings.TrimSpace(cells[last]) == "" {
		last--
	}
	cells = cells[:last+1]
	if len(cells) > MaxColumns {
		return &Error{File: t.File, Line: n, Code: CodeTooBig, Message: fmt.Sprintf("ligne de plus de %d colonnes", MaxColumns)}
	}
	if len(t.Rows) >= MaxRows+titleRows {
		return fileError(t.File, CodeTooBig, fmt.Sprintf("plus de %d lignes", MaxRows))
	}
	t.Rows = append(t.Rows, Line{N: n, Cells: append([]string(nil), cells...)})
	return nil
}

// titleRows is how many rows above the header a file may have: a CFA
// software's export often starts with a title (« Export du 01/09/2025 »).
const titleRows = 10

func trimAll(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.TrimSpace(c)
	}
	// Trailing empty headers are the spreadsheet's unused columns.
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// checkHeader takes the header out of the rows: the first row with two
// cells or more among the first ones (the rows above it are titles, left
// out), or the first row of a file of one column.
func (t *Table) checkHeader() error {
	if len(t.Rows) == 0 {
		return fileError(t.File, CodeNoHeader, "fichier vide : une ligne d'en-tête (les noms des colonnes) est attendue")
	}
	h := 0
	for i, l := range t.Rows[:min(len(t.Rows), titleRows)] {
		filled := 0
		for _, c := range l.Cells {
			if strings.TrimSpace(c) != "" {
				filled++
			}
		}
		if filled >= 2 {
			h = i
			break
		}
	}
	if len(t.Rows[h].Cells) > MaxColumns {
		return fileError(t.File, CodeTooBig, fmt.Sprintf("plus de %d colonnes", MaxColumns))
	}
	t.Header, t.HeaderLine, t.TitleLines = trimAll(t.Rows[h].Cells), t.Rows[h].N, h
	t.Rows = t.Rows[h+1:]
	if len(t.Rows) > MaxRows {
		return fileError(t.File, CodeTooBig, fmt.Sprintf("plus de %d lignes", MaxRows))
	}
	return nil
}

// xlsxLimit bounds the unzipped size of a workbook (a zip bomb is refused).
const xlsxLimit = 512 << 20

func (t *Table) readXLSX(data []byte) error {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true, UnzipSizeLimit: xlsxLimit, UnzipXMLSizeLimit: 64 << 20})
	if err != nil {
		return fileError(t.File, CodeUnreadable, "classeur XLSX illisible ("+err.Error()+")")
	}
	defer f.Close()
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		t.Date1904 = *p.Date1904
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return fileError(t.File, CodeNoHeader, "le classeur n'a aucune feuille")
	}
	// The sheet the user left open, else the first.
	name := f.GetSheetName(f.GetActiveSheetIndex())
	if name == "" {
		name = sheets[0]
	}
	rows, err := f.Rows(name)
	if err != nil {
		return fileError(t.File, CodeUnreadable, "feuille « "+name+" » illisible ("+err.Error()+")")
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return &Error{File: t.File, Line: n, Code: CodeUnreadable, Message: "ligne illisible (" + err.Error() + ")"}
		}
		if err := t.add(n, cells); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return fileError(t.File, CodeUnreadable, "feuille « "+name+" » illisible ("+err.Error()+")")
	}
	return t.checkHeader()
}

// columnName is a spreadsheet's name of column i (0 → A, 26 → AA).
func columnName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// readJSON splits a canonical JSON file into its contracts: one object, or
// an array of objects. Each is decoded later, on its own, so that one bad
// contract does not refuse its neighbours.
func (t *Table) readJSON(data []byte) error {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(data))
	syntax := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fileError(t.File, CodeUnreadable, fmt.Sprintf("JSON invalide à l'octet %d (%v)", se.Offset, se))
		}
		return fileError(t.File, CodeUnreadable, "JSON invalide ("+err.Error()+")")
	}
	trim := bytes.TrimLeft(data, " \t\r\n")
	if len(trim) > 0 && trim[0] == '[' {
		if _, err := dec.Token(); err != nil {
			return syntax(err)
		}
		for dec.More() {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return syntax(err)
			}
			if len(t.Docs) >= MaxRows {
				return fileError(t.File, CodeTooBig, fmt.Sprintf("plus de %d contrats", MaxRows))
			}
			t.Docs = append(t.Docs, raw)
		}
		if _, err := dec.Token(); err != nil {
			return syntax(err)
		}
	} else {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return syntax(err)
		}
		t.Docs = append(t.Docs, raw)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fileError(t.File, CodeUnreadable, "JSON invalide : contenu en trop après les contrats")
	}
	for i := range t.Docs {
		t.Rows = append(t.Rows, Line{N: i + 1})
	}
	return nil
}
