package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/theme"

	"cerfadesk/core/contract"
	"cerfadesk/core/rules"
)

// warnedTabs lists the tabs shown with the orange icon, in form order.
func warnedTabs(ed *Editor) []string {
	var out []string
	for _, name := range rules.Tabs {
		if r, ok := ed.items[name].Icon.(*theme.ThemedResource); ok && r.ColorName == theme.ColorNameWarning {
			out = append(out, name)
		}
	}
	return out
}

// A finding shows on the tab that holds its field (issue 15.5): a rule of
// Employeur comparing a field of Employeur with one of Salarié flags both
// tabs and writes its message under both fields; a rule of Formation about
// the contract's end date flags Contrat, not Formation.
func TestFindingsFollowTheirFieldsTabs(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	c := example(t, "apprentissage-base.json")
	c.Employeur.TypeEmployeur = contract.Int(13) // agricole: MSA expected
	c.Apprenti.RegimeSocial = contract.Int(2)    // URSSAF
	rec := create(t, env, entreprise, c)
	_, ed := openEditor(t, env, rec.ID)
	ed.buildAll()
	ed.showAll = true
	ed.validateNow()

	var msa rules.Finding
	for _, f := range ed.result.Findings {
		if f.Rule == "EMP-MSA" {
			msa = f
		}
	}
	if msa.Rule == "" || msa.Tab != rules.TabEmployeur {
		t.Fatalf("no EMP-MSA finding on Employeur: the test proves nothing (%+v)", ed.result.Findings)
	}
	for _, key := range []string{"employeur.typeEmployeur", "apprenti.regimeSocial"} {
		if f := ed.form.byKey[key]; !f.msg.Visible() || f.msg.Text != msa.Message {
			t.Errorf("%s: message visible %v, %q; want %q", key, f.msg.Visible(), f.msg.Text, msa.Message)
		}
	}
	if got := warnedTabs(ed); !slices.Contains(got, rules.TabEmployeur) || !slices.Contains(got, rules.TabSalarie) {
		t.Errorf("orange tabs = %q, want Employeur and Salarié", got)
	}

	// A blocking rule of Formation naming the contract's end date.
	end := rules.Finding{Tab: rules.TabFormation, Field: "contrat.dateFinContrat", Rule: "T", Severity: rules.Error, Message: "fin du contrat"}
	ed.applyResult(rules.Result{Findings: []rules.Finding{end}})
	if got := ed.FlaggedTabs(); !slices.Equal(got, []string{rules.TabContrat}) {
		t.Errorf("red tabs = %q, want [Contrat]", got)
	}
	if f := ed.form.byKey["contrat.dateFinContrat"]; !f.msg.Visible() || f.msg.Text != end.Message {
		t.Errorf("end date message: visible %v, %q", f.msg.Visible(), f.msg.Text)
	}
	// Two fields on two tabs: both red, the message under both.
	both := rules.Finding{Tab: rules.TabFormation, Field: "contrat.dateFinContrat/formation.dateFinFormation", Rule: "T2", Severity: rules.Error, Message: "dates"}
	ed.applyResult(rules.Result{Findings: []rules.Finding{both}})
	if got := ed.FlaggedTabs(); !slices.Equal(got, []string{rules.TabContrat, rules.TabFormation}) {
		t.Errorf("red tabs = %q, want [Contrat Formation]", got)
	}
	for _, key := range []string{"contrat.dateFinContrat", "formation.dateFinFormation"} {
		if f := ed.form.byKey[key]; f == nil || !f.msg.Visible() || f.msg.Text != both.Message {
			t.Errorf("%s: no message %q under it", key, both.Message)
		}
	}
	// A finding naming no field of the form keeps the rule's tab.
	doc := rules.Finding{Tab: rules.TabDocuments, Field: "documents", Rule: "T3", Severity: rules.Error, Message: "pièce"}
	if got := findingTabs(contract.Apprentissage, doc); !slices.Equal(got, []string{rules.TabDocuments}) {
		t.Errorf("tabs of a document finding = %q", got)
	}
}

// The lists of findings (Transmettre's popup, the Synthèse) file a finding
// under the tab of its field, as the red tabs.
func TestFindingsListFilesUnderTheFieldsTab(t *testing.T) {
	list := findingsList([]rules.Finding{
		{Tab: rules.TabFormation, Field: "contrat.dateFinContrat", Rule: "A", Severity: rules.Warning, Message: "fin du contrat"},
		{Tab: rules.TabFormation, Field: "formation.dateFinFormation", Rule: "B", Severity: rules.Error, Message: "fin des épreuves"},
		{Tab: rules.TabDocuments, Field: "documents", Rule: "C", Severity: rules.Error, Message: "pièce"},
	}, nil)
	got := slices.Compact(texts(list)) // a link and its label read the same
	want := []string{rules.TabContrat, "fin du contrat", rules.TabFormation, "fin des épreuves", rules.TabDocuments, "pièce"}
	if !slices.Equal(got, want) {
		t.Errorf("list = %q, want %q", got, want)
	}
}
