package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
	"cerfadesk/core/sheet"
)

func init() {
	subcommands["champs"] = subcommand{
		summary: "liste les champs du Cerfa (clé, onglet, libellé, type, longueur, obligatoire, quand)",
		run:     runChamps,
	}
}

// champ is one row of `cerfadesk champs`, in the JSON output.
type champ struct {
	Key          string   `json:"key"`
	Tab          string   `json:"tab"`
	Label        string   `json:"label"`
	Type         string   `json:"type"`
	Kinds        []string `json:"kinds"`
	MaxLength    int      `json:"maxLength,omitempty"`
	Min          *int     `json:"min,omitempty"`
	Max          *int     `json:"max,omitempty"`
	Required     bool     `json:"required"`
	When         string   `json:"when,omitempty"`
	RequiredWhen string   `json:"requiredWhen,omitempty"`
	ReadOnly     bool     `json:"readOnly,omitempty"`
	Codes        []string `json:"codes,omitempty"`
	Placeholder  string   `json:"placeholder,omitempty"`
}

// champsRows lists the fields of the chosen kinds as rows, every value
// field once (address blocks as their parts). A key shared by both kinds
// with the same description is one row naming both kinds.
func champsRows(ks []contract.Kind) []champ {
	var out []champ
	index := map[string]int{}
	for _, k := range ks {
		for _, f := range cerfa.Leaves(k) {
			r := champ{Key: f.Key, Tab: f.Tab, Label: f.Label(k), Type: f.Input.String(), Kinds: []string{string(k)},
				MaxLength: f.MaxLen, Required: f.Required(k), When: f.When, RequiredWhen: f.RequiredWhen, ReadOnly: f.ReadOnly, Placeholder: f.Placeholder}
			if f.Parent != nil {
				r.Label = f.Parent.Label(k) + " — " + r.Label
			}
			if f.Max > f.Min {
				r.Min, r.Max = &f.Min, &f.Max
			}
			if f.HasList() {
				for _, c := range f.List(k).Codes {
					r.Codes = append(r.Codes, c.Code+" – "+c.Label)
				}
			}
			if i, ok := index[f.Key]; ok && sameChamp(out[i], r) {
				out[i].Kinds = append(out[i].Kinds, string(k))
				continue
			}
			index[f.Key] = len(out)
			out = append(out, r)
		}
	}
	return out
}

func sameChamp(a, b champ) bool {
	a.Kinds, b.Kinds = nil, nil
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func runChamps(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("champs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	kind := fs.String("kind", "", "apprentissage ou professionnalisation (les deux par défaut)")
	format := fs.String("format", "md", "md, csv ou json")
	modele := fs.String("modele", "", "csv ou xlsx : écrit le modèle d'import (une colonne par champ, libellés en 2e ligne, une ligne d'exemple)")
	out := fs.String("o", "", "fichier du modèle d'import (--modele)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage : cerfadesk champs [--kind apprentissage|professionnalisation] [--format md|csv|json]")
		fmt.Fprintln(stderr, "        cerfadesk champs --modele csv|xlsx [--kind apprentissage|professionnalisation] -o FICHIER")
	}
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		if err == nil {
			fs.Usage()
		}
		return 2
	}
	var ks []contract.Kind
	switch strings.ToLower(*kind) {
	case "":
		ks = []contract.Kind{contract.Apprentissage, contract.Professionnalisation}
	case "apprentissage":
		ks = []contract.Kind{contract.Apprentissage}
	case "professionnalisation":
		ks = []contract.Kind{contract.Professionnalisation}
	default:
		fmt.Fprintf(stderr, "cerfadesk champs : type de contrat inconnu « %s » (apprentissage ou professionnalisation)\n", *kind)
		return 2
	}
	if *modele != "" {
		return writeModele(*modele, *out, ks, stdout, stderr)
	}
	rows := champsRows(ks)
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			fmt.Fprintf(stderr, "cerfadesk champs : %v\n", err)
			return 1
		}
	case "csv":
		w := csv.NewWriter(stdout)
		w.Write([]string{"clé", "onglet", "libellé", "type", "contrats", "longueur max", "obligatoire", "s'applique"})
		for _, r := range rows {
			w.Write([]string{r.Key, r.Tab, r.Label, r.Type, kindsText(r.Kinds), lengthText(r.MaxLength), yesText(r.Required), whenText(r)})
		}
		w.Flush()
		if err := w.Error(); err != nil {
			fmt.Fprintf(stderr, "cerfadesk champs : %v\n", err)
			return 1
		}
	case "md":
		fmt.Fprintln(stdout, "| clé | onglet | libellé | type | contrats | longueur max | obligatoire | s'applique |")
		fmt.Fprintln(stdout, "| --- | --- | --- | --- | --- | --- | --- | --- |")
		for _, r := range rows {
			fmt.Fprintf(stdout, "| `%s` | %s | %s | %s | %s | %s | %s | %s |\n", r.Key, r.Tab, mdEscape(r.Label), r.Type,
				kindsText(r.Kinds), lengthText(r.MaxLength), yesText(r.Required), mdEscape(whenText(r)))
		}
	default:
		fmt.Fprintf(stderr, "cerfadesk champs : format inconnu « %s » (md, csv ou json)\n", *format)
		return 2
	}
	return 0
}

func kindsText(ks []string) string {
	var out []string
	for _, k := range ks {
		out = append(out, strings.ToLower(k))
	}
	return strings.Join(out, ", ")
}

func lengthText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func yesText(b bool) string {
	if b {
		return "oui"
	}
	return "non"
}

func whenText(r champ) string {
	switch {
	case r.ReadOnly:
		return "calculé (non saisi)"
	case r.When == "" && r.RequiredWhen == "":
		return "toujours"
	case r.RequiredWhen != "":
		return strings.TrimPrefix(r.When+" ; ", " ; ") + "obligatoire si " + r.RequiredWhen
	}
	return r.When
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

// writeModele writes the « Modèle d'import » (sheet.Template) of the kinds
// ks to out (a CSV may go to the standard output).
func writeModele(format, out string, ks []contract.Kind, stdout, stderr io.Writer) int {
	f, ok := sheet.ParseFormat(format)
	if !ok || f == sheet.JSON {
		fmt.Fprintf(stderr, "cerfadesk champs : modèle « %s » inconnu (csv ou xlsx)\n", format)
		return 2
	}
	var k contract.Kind
	if len(ks) == 1 {
		k = ks[0]
	}
	if out == "" {
		if f == sheet.XLSX {
			fmt.Fprintln(stderr, "cerfadesk champs : -o FICHIER est obligatoire pour le modèle XLSX")
			return 2
		}
		if err := sheet.Template(stdout, f, k); err != nil {
			fmt.Fprintf(stderr, "cerfadesk champs : %v\n", err)
			return 1
		}
		return 0
	}
	if err := writeAtomic(out, func(w io.Writer) error { return sheet.Template(w, f, k) }); err != nil {
		fmt.Fprintf(stderr, "cerfadesk champs : %s : %v\n", out, err)
		return 1
	}
	fmt.Fprintf(stdout, "Modèle d'import écrit dans %s\n", out)
	return 0
}
