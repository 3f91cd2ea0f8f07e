package ui

import (
	"image/color"
	"math"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/contract"
)

// luminance is the WCAG relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// The section titles of the form read at 7:1 at least in both variants:
// the text colour, not the theme's blue (issue 15.12).
func TestFormSectionTitlesHaveReadableContrast(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	_, ed := openEditor(t, env, rec.ID)
	ed.buildAll()
	colorOf := map[widget.Importance]fyne.ThemeColorName{
		widget.MediumImportance: theme.ColorNameForeground,
		widget.HighImportance:   theme.ColorNamePrimary,
		widget.LowImportance:    theme.ColorNameDisabled,
	}
	th := fyne.CurrentApp().Settings().Theme()
	heads := 0
	for _, page := range ed.pages {
		walk(page, func(o fyne.CanvasObject) {
			c, ok := o.(*fyne.Container)
			if !ok || len(c.Objects) < 2 {
				return
			}
			head, ok := c.Objects[0].(*widget.Label)
			if _, sep := c.Objects[1].(*widget.Separator); !ok || !sep {
				return
			}
			heads++
			name, known := colorOf[head.Importance]
			if !known {
				t.Errorf("title %q drawn with importance %v", head.Text, head.Importance)
				return
			}
			for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
				if r := contrast(th.Color(name, v), th.Color(theme.ColorNameBackground, v)); r < 7 {
					t.Errorf("title %q: contrast %.1f:1 in variant %d, want 7:1", head.Text, r, v)
				}
			}
		})
	}
	if heads < 5 {
		t.Fatalf("found %d section titles: the test proves nothing", heads)
	}
}

// The commune's hint « tapez le code postal d'abord » goes once a postcode
// is typed, and comes back when it is erased.
func TestCommuneHintGoesWithThePostcode(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	c := example(t, "apprentissage-base.json")
	c.Employeur.Adresse.CodePostal, c.Employeur.Adresse.Commune = "", ""
	rec := create(t, env, entreprise, c)
	_, ed := openEditor(t, env, rec.ID)
	ed.buildAll()
	commune := ed.form.byKey["employeur.adresse.commune"].input.(*widget.SelectEntry)
	if commune.PlaceHolder != communeHint {
		t.Fatalf("placeholder without postcode = %q", commune.PlaceHolder)
	}
	retype(t, ed, "employeur.adresse.codePostal", "75011")
	if commune.PlaceHolder != "" {
		t.Errorf("placeholder after the postcode = %q", commune.PlaceHolder)
	}
	retype(t, ed, "employeur.adresse.codePostal", "")
	if commune.PlaceHolder != communeHint {
		t.Errorf("placeholder after erasing the postcode = %q", commune.PlaceHolder)
	}
}

// The employer types offered follow « Employeur privé » / « public »; a
// type held that does not fit stays shown (its finding says why).
func TestEmployerTypesFollowPrivePublic(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	c := example(t, "apprentissage-base.json")
	c.Employeur.PrivePublic = "prive"
	c.Employeur.TypeEmployeur = contract.Int(12)
	rec := create(t, env, entreprise, c)
	_, ed := openEditor(t, env, rec.ID)
	ed.buildAll()
	sel := ed.form.byKey["employeur.typeEmployeur"].input.(*widget.Select)
	codes := func() []string {
		var out []string
		for _, o := range sel.Options {
			out = append(out, strings.SplitN(o, " ", 2)[0])
		}
		return out
	}
	if got := codes(); !slices.Equal(got, []string{"11", "12", "13", "14", "15", "16"}) {
		t.Errorf("types for a private employer = %q", got)
	}
	radio := ed.form.byKey["employeur.privePublic"].input.(*widget.RadioGroup)
	radio.SetSelected("Employeur « public »")
	if got := codes(); !slices.Equal(got, []string{"12", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30"}) {
		t.Errorf("types for a public employer holding 12 = %q", got)
	}
	if !strings.HasPrefix(sel.Selected, "12 ") {
		t.Errorf("selected %q, want 12 kept", sel.Selected)
	}
	sel.SetSelected(sel.Options[1])
	if got := codes(); !slices.Equal(got, []string{"21", "22", "23", "24", "25", "26", "27", "28", "29", "30"}) {
		t.Errorf("types after choosing 21 (12 no longer held) = %q", got)
	}
}

// A birth date in the future never reads « aura -5 ans ».
func TestFutureBirthDateSaysFuture(t *testing.T) {
	for _, day := range []string{"2031-01-01", "2025-09-02"} { // after today; after the start only
		t.Run(day, func(t *testing.T) {
			env := newTestEnv(t, "2025-09-03")
			rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
			_, ed := openEditor(t, env, rec.ID)
			ed.buildAll()
			ed.showAll = true
			retype(t, ed, "apprenti.dateNaissance", day[8:10]+"/"+day[5:7]+"/"+day[:4])
			f := ed.form.byKey["apprenti.dateNaissance"]
			if !f.msg.Visible() || !strings.Contains(f.msg.Text, "futur") {
				t.Errorf("birth date message %q, want it to say the future", f.msg.Text)
			}
			for _, fd := range ed.result.Findings {
				if strings.Contains(fd.Message, "aura -") {
					t.Errorf("finding %s: %q", fd.Rule, fd.Message)
				}
			}
		})
	}
}
