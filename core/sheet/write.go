package sheet

import (
	"bufio"
	"embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// WriteOptions shape an export.
type WriteOptions struct {
	// Kinds choose the columns: the leaf fields of these kinds. Default:
	// the kinds of the contracts written (both when there are none).
	Kinds []contract.Kind
	// Labels adds a second header row with the Cerfa's labels (the
	// template's), which an import recognises and skips.
	Labels bool
}

// ColumnKeys returns the columns of a file of contracts of kinds ks: every
// leaf field of those kinds (address blocks as their parts) in the Cerfa's
// order, typeFormulaire first, each key once.
func ColumnKeys(ks ...contract.Kind) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range cerfa.All() {
		if f.Input == cerfa.Address || seen[f.Key] {
			continue
		}
		for _, k := range ks {
			if f.Kinds.Has(k) {
				seen[f.Key] = true
				out = append(out, f.Key)
				break
			}
		}
	}
	return out
}

func kindsOf(cs []*contract.Contract, opt WriteOptions) []contract.Kind {
	if len(opt.Kinds) > 0 {
		return opt.Kinds
	}
	var ks []contract.Kind
	for _, k := range kinds {
		for _, c := range cs {
			if c.TypeFormulaire == k {
				ks = append(ks, k)
				break
			}
		}
	}
	if len(ks) == 0 {
		return kinds
	}
	return ks
}

// label is the label of key in the first of ks that has it.
func label(key string, ks []contract.Kind) string {
	for _, k := range ks {
		if f := field(k, key); f != nil {
			return FullLabel(f, k)
		}
	}
	return key
}

// cellText is the text of field key in c, as a French spreadsheet shows
// it: dates JJ/MM/AAAA, amounts "1234,56", oui/non, codes as codes.
func cellText(c *contract.Contract, key string) (string, *cerfa.Field) {
	f := field(c.TypeFormulaire, key)
	if f == nil {
		return "", nil
	}
	v, ok := f.Value(c)
	if !ok {
		return "", f
	}
	switch f.Input {
	case cerfa.Date:
		if d, err := civil.Parse(v); err == nil {
			return d.French(), f
		}
	case cerfa.Money:
		return strings.Replace(v, ".", ",", 1), f
	}
	return v, f
}

// guard puts an apostrophe before a text a spreadsheet would run as a
// formula (=…, @…, +A1…), so that opening an export never runs what a
// contract holds; the import takes it off (unguard). A phone number
// "+33…" and a negative number stay as they are.
func guard(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@':
		return "'" + s
	case '\'':
		if unguard(s) != s { // a value that itself looks guarded
			return "'" + s
		}
	case '+', '-':
		if len(s) > 1 && (s[1] < '0' || s[1] > '9') && s[1] != ' ' {
			return "'" + s
		}
	}
	return s
}

// WriteCSV writes contracts as French Excel opens a CSV: UTF-8 with a BOM,
// semicolons, CRLF, a header of canonical keys (and of labels with
// opt.Labels), one row per contract.
func WriteCSV(w io.Writer, cs []*contract.Contract, opt WriteOptions) error {
	ks := kindsOf(cs, opt)
	keys := ColumnKeys(ks...)
	bw := bufio.NewWriter(w)
	bw.WriteString("\xef\xbb\xbf")
	cw := csv.NewWriter(bw)
	cw.Comma, cw.UseCRLF = ';', true
	cw.Write(keys)
	if opt.Labels {
		row := make([]string, len(keys))
		for i, k := range keys {
			row[i] = label(k, ks)
		}
		cw.Write(row)
	}
	row := make([]string, len(keys))
	for _, c := range cs {
		for i, k := range keys {
			v, _ := cellText(c, k)
			row[i] = guard(v)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteJSON writes contracts as a JSON array of canonical contracts.
func WriteJSON(w io.Writer, cs []*contract.Contract) error {
	if cs == nil {
		cs = []*contract.Contract{}
	}
	data, err := json.MarshalIndent(cs, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// SheetName is the name of the contracts' sheet of an XLSX export.
const SheetName = "Contrats"

// WriteXLSX writes contracts as a workbook: one sheet, the same columns as
// the CSV, the labels as comments on the header (and as a second row with
// opt.Labels); dates are date cells, amounts and numbers numeric cells,
// codes and text text cells (a SIRET or code postal keeps its zeros).
func WriteXLSX(w io.Writer, cs []*contract.Contract, opt WriteOptions) error {
	ks := kindsOf(cs, opt)
	keys := ColumnKeys(ks...)
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetName); err != nil {
		return err
	}
	for i, k := range keys {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.AddComment(SheetName, excelize.Comment{Cell: cell, Author: "cerfadesk", Text: label(k, ks), Width: 300, Height: 60}); err != nil {
			return err
		}
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	italic, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "555555"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	dateFmt := "dd/mm/yyyy"
	dateStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	moneyFmt := "#,##0.00"
	moneyStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &moneyFmt})
	sw, err := f.NewStreamWriter(SheetName)
	if err != nil {
		return err
	}
	// Wide enough for the key in bold; long labels wrap on their row.
	for i, k := range keys {
		width := min(max(float64(len(k))*1.1+2, 14), 48)
		sw.SetColWidth(i+1, i+1, width)
	}
	top := 1
	if opt.Labels {
		top = 2
	}
	// The header rows stay in view while scrolling.
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: top, TopLeftCell: fmt.Sprintf("A%d", top+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := make([]any, len(keys))
	for i, k := range keys {
		row[i] = excelize.Cell{StyleID: bold, Value: k}
	}
	n := 1
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	if opt.Labels {
		n++
		for i, k := range keys {
			row[i] = excelize.Cell{StyleID: italic, Value: label(k, ks)}
		}
		if err := sw.SetRow("A2", row, excelize.RowOpts{Height: 60}); err != nil {
			return err
		}
	}
	for _, c := range cs {
		n++
		for i, k := range keys {
			row[i] = xlsxValue(c, k, dateStyle, moneyStyle)
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func xlsxValue(c *contract.Contract, key string, dateStyle, moneyStyle int) any {
	f := field(c.TypeFormulaire, key)
	if f == nil {
		return nil
	}
	v, ok := f.Value(c)
	if !ok {
		return nil
	}
	switch f.Input {
	case cerfa.Date:
		if d, err := civil.Parse(v); err == nil {
			return excelize.Cell{StyleID: dateStyle, Value: time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)}
		}
	case cerfa.Money:
		if x, err := strconv.ParseFloat(v, 64); err == nil {
			return excelize.Cell{StyleID: moneyStyle, Value: x}
		}
	case cerfa.Integer:
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return v
}

// Write writes contracts in format f.
func Write(w io.Writer, f Format, cs []*contract.Contract, opt WriteOptions) error {
	switch f {
	case JSON:
		return WriteJSON(w, cs)
	case CSV:
		return WriteCSV(w, cs, opt)
	case XLSX:
		return WriteXLSX(w, cs, opt)
	}
	return fmt.Errorf("format inconnu")
}

//go:embed modele/*.json
var examples embed.FS

// Example returns the example contract of kind k (a fictitious reference
// contract), the row of the import template.
func Example(k contract.Kind) (*contract.Contract, error) {
	data, err := examples.ReadFile("modele/" + strings.ToLower(string(k)) + ".json")
	if err != nil {
		return nil, fmt.Errorf("pas d'exemple pour le type de contrat %q", k)
	}
	return contract.Decode(data)
}

// Template writes the « Modèle d'import » in format f (CSV or XLSX): one
// column per field of kind k in the Cerfa's order (both kinds when k is
// ""), the keys, then the labels, then one example row per kind.
func Template(w io.Writer, f Format, k contract.Kind) error {
	ks := kinds
	if k != "" {
		ks = []contract.Kind{k}
	}
	var cs []*contract.Contract
	for _, k := range ks {
		c, err := Example(k)
		if err != nil {
			return err
		}
		cerfa.Normalize(c)
		cs = append(cs, c)
	}
	opt := WriteOptions{Kinds: ks, Labels: true}
	switch f {
	case CSV:
		return WriteCSV(w, cs, opt)
	case XLSX:
		return WriteXLSX(w, cs, opt)
	}
	return fmt.Errorf("le modèle d'import existe en CSV et en XLSX")
}

var (
	exampleOnce sync.Once
	exampleSet  []*contract.Contract
)

// IsExample reports whether c is one of the template's example contracts
// (same apprentice and employer): a row the user forgot to replace.
func IsExample(c *contract.Contract) bool {
	exampleOnce.Do(func() {
		for _, k := range kinds {
			if e, err := Example(k); err == nil {
				exampleSet = append(exampleSet, e)
			}
		}
	})
	for _, e := range exampleSet {
		if e.TypeFormulaire == c.TypeFormulaire && e.Apprenti.Nom == c.Apprenti.Nom &&
			e.Apprenti.Prenom == c.Apprenti.Prenom && e.Employeur.Siret == c.Employeur.Siret &&
			e.Apprenti.DateNaissance == c.Apprenti.DateNaissance {
			return true
		}
	}
	return false
}
