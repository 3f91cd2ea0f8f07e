package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// walkShown is walk below root that does not go into hidden objects: what
// the user sees of a tab page once it is on screen.
func walkShown(root fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	var visit func(o fyne.CanvasObject)
	visit = func(o fyne.CanvasObject) {
		if o == nil || (o != root && !o.Visible()) {
			return
		}
		fn(o)
		switch o := o.(type) {
		case *fyne.Container:
			for _, c := range o.Objects {
				visit(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				visit(c)
			}
		}
	}
	visit(root)
}

// Every field of the table that applies to a reference contract appears
// exactly once in the form's layout, on its tab, and is shown; a field that
// does not apply is hidden; no field of the other kind is in the form
// (issue 10, point 6).
func TestEveryFieldThatAppliesAppearsExactlyOnceInTheForm(t *testing.T) {
	for _, name := range []string{"apprentissage-base.json", "apprentissage-minor16.json",
		"professionnalisation-base.json", "professionnalisation-minor16.json"} {
		t.Run(name, func(t *testing.T) {
			env := newTestEnv(t, "2025-09-03")
			c := example(t, name)
			rec := create(t, env, entreprise, c)
			_, ed := openEditor(t, env, rec.ID)
			fm := ed.form
			kind := c.TypeFormulaire

			boxes := map[fyne.CanvasObject]*field{}
			for _, f := range fm.fields {
				boxes[f.box] = f
			}
			placed, shown := map[*field]int{}, map[*field]int{}
			for _, tab := range cerfa.Tabs {
				page := ed.pages[tab]
				if page == nil {
					t.Fatalf("no page for tab %s", tab)
				}
				walk(page, func(o fyne.CanvasObject) {
					if f, ok := boxes[o]; ok {
						placed[f]++
						if f.tab != tab {
							t.Errorf("%s: built for tab %s, laid out on %s", f.key, f.tab, tab)
						}
					}
				})
				walkShown(page, func(o fyne.CanvasObject) {
					if f, ok := boxes[o]; ok {
						shown[f]++
					}
				})
			}

			inputs := map[*cerfa.Field][]*field{}
			for _, f := range fm.fields {
				if f.src == nil {
					continue
				}
				inputs[f.src] = append(inputs[f.src], f)
				if !f.src.Kinds.Has(kind) {
					t.Errorf("%s: a field of the other kind is in the form", f.key)
				}
				if shown[f] > 0 && !f.src.Applies(c) {
					t.Errorf("%s: shown though it does not apply", f.key)
				}
			}

			applying := 0
			for _, f := range cerfa.Fields(kind) {
				if !f.Applies(c) {
					continue
				}
				leaves := []*cerfa.Field{f}
				if f.Input == cerfa.Address {
					leaves = f.Parts()
					if len(leaves) == 0 {
						t.Errorf("%s: an address without parts", f.Key)
					}
				}
				for _, l := range leaves {
					applying++
					in := inputs[l]
					n, s := 0, 0
					for _, fd := range in {
						n += placed[fd]
						s += shown[fd]
					}
					switch {
					case len(in) != 1 || n != 1:
						t.Errorf("%s (%s): %d input(s) laid out %d time(s); want exactly 1", l.Key, l.Label(kind), len(in), n)
					case in[0].tab != l.Tab:
						t.Errorf("%s: on tab %s, the table says %s", l.Key, in[0].tab, l.Tab)
					case s != 1:
						t.Errorf("%s: applies but is not shown", l.Key)
					case in[0].label.Text != l.Label(kind) && l != cerfa.ContratNumeroContratPrecedent.Field:
						t.Errorf("%s: label %q, the Cerfa prints %q", l.Key, in[0].label.Text, l.Label(kind))
					}
				}
			}
			t.Logf("%d fields apply to %s", applying, name)
			if applying < 60 {
				t.Errorf("only %d fields apply to %s: the walk is broken", applying, name)
			}
		})
	}
}

// No canonical key of the table is written as a string literal in the
// form's code: inputs name fields by their Go identifiers (cerfa.ApprentiNom),
// so that a key changes in one place and a mistyped one does not compile.
func TestNoCanonicalKeyLiteralInTheUI(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var quoted [][]byte
	for _, f := range cerfa.All() {
		for _, q := range []string{`"`, "`"} {
			quoted = append(quoted, []byte(q+f.Key+q))
		}
	}
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for i, line := range bytes.Split(data, []byte("\n")) {
			for _, q := range quoted {
				if bytes.Contains(line, q) {
					t.Errorf("%s:%d: canonical key %s written as a literal; use the table's identifier", name, i+1, q)
				}
			}
		}
	}
	if checked < 20 || len(quoted) < 2*100 {
		t.Fatalf("checked %d files for %d keys: the test does not see the ui package", checked, len(quoted)/2)
	}
}

// A free-text input keeps at most the table's MaxLen characters: a paste of
// a whole document is cut back and the field says so; typing within the
// bound clears the message.
func TestTextInputsKeepTheTablesBound(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	_, ed := openEditor(t, env, rec.ID)
	f := cerfa.EmployeurDenomination
	if f.MaxLen <= 0 {
		t.Fatalf("%s has no bound in the table", f.Key)
	}
	long := strings.Repeat("é", f.MaxLen+500)
	e := entryOf(t, ed, f.Key)
	e.SetText(long)
	if got := []rune(ed.work.Employeur.Denomination); len(got) != f.MaxLen {
		t.Errorf("the contract holds %d characters, want the bound %d", len(got), f.MaxLen)
	}
	if got := []rune(e.Text); len(got) != f.MaxLen {
		t.Errorf("the entry shows %d characters, want %d", len(got), f.MaxLen)
	}
	ed.validateNow()
	if m := ed.form.byKey[f.Key].msg; !m.Visible() || !strings.Contains(m.Text, "caractères au plus") {
		t.Errorf("no message after the cut: visible %v, %q", m.Visible(), m.Text)
	}
	retype(t, ed, f.Key, "SAS LEROUX")
	ed.validateNow()
	if ed.work.Employeur.Denomination != "SAS LEROUX" {
		t.Errorf("denomination = %q", ed.work.Employeur.Denomination)
	}
	if m := ed.form.byKey[f.Key].msg; m.Visible() && strings.Contains(m.Text, "caractères au plus") {
		t.Errorf("the message stays after a short text: %q", m.Text)
	}
	// The commune proposes names but is bounded too.
	c := cerfa.EmployeurAdresse.Commune
	entryOf(t, ed, c.Key).SetText(strings.Repeat("x", c.MaxLen+1))
	if got := len(ed.work.Employeur.Adresse.Commune); got != c.MaxLen {
		t.Errorf("commune holds %d characters, want %d", got, c.MaxLen)
	}
}

// The OPCO's frame shows once the OPCO received the contract, read-only,
// with its dates as JJ/MM/AAAA.
func TestOPCOFrameShowsOnceReceived(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	c := example(t, "apprentissage-base.json")
	c.Depot = &contract.Depot{NomOrganisme: "OPCOMMERCE", DateReception: civil.MustParse("2025-09-10"), NumeroDepot: "069202509NC0001"}
	rec := create(t, env, entreprise, c)
	_, ed := openEditor(t, env, rec.ID)
	fm := ed.form
	got := map[string]string{}
	for _, f := range []*cerfa.Field{cerfa.DepotNomOrganisme, cerfa.DepotDateReception, cerfa.DepotNumero, cerfa.DepotDateDecision} {
		fd := fm.byKey[f.Key]
		if fd == nil || !fm.visible(fd) || !fd.readOnly {
			t.Fatalf("%s: missing, hidden or editable", f.Key)
		}
		got[f.Key] = fd.input.(*widget.Label).Text
	}
	want := map[string]string{cerfa.DepotNomOrganisme.Key: "OPCOMMERCE", cerfa.DepotDateReception.Key: "10/09/2025",
		cerfa.DepotNumero.Key: "069202509NC0001", cerfa.DepotDateDecision.Key: "—"}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s shows %q, want %q", k, got[k], w)
		}
	}
}
