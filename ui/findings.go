package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
	"cerfadesk/core/rules"
)

// findingTabs returns the tabs of the form that hold the fields a finding
// names: a rule comparing two fields on two tabs flags both, and a rule of
// Formation about the contract's end date flags Contrat, where the user
// corrects it. The rule's own tab stands when no field of the form is named
// (a missing document); validate --json keeps the rule's tab.
func findingTabs(k contract.Kind, f rules.Finding) []string {
	if tabs := cerfa.TabsOf(k, f.Field); len(tabs) > 0 {
		return tabs
	}
	return []string{f.Tab}
}

// formTabs lists, in form order, the tabs holding the fields of the
// findings of severity sev.
func formTabs(k contract.Kind, findings []rules.Finding, sev rules.Severity) []string {
	on := map[string]bool{}
	for _, f := range findings {
		if f.Severity == sev {
			for _, t := range findingTabs(k, f) {
				on[t] = true
			}
		}
	}
	var out []string
	for _, t := range rules.Tabs {
		if on[t] {
			out = append(out, t)
		}
	}
	return out
}

// looseFindings shows, on top of a tab, the findings that no field of the
// tab holds (a missing document, a whole block).
type looseFindings struct {
	box *fyne.Container
}

func newLooseFindings() *looseFindings {
	b := container.NewVBox()
	b.Hide()
	return &looseFindings{box: b}
}

func (l *looseFindings) set(findings []rules.Finding) {
	l.box.Objects = nil
	for _, f := range findings {
		l.box.Add(findingLine(f, nil))
	}
	show(l.box, len(findings) > 0)
	l.box.Refresh()
}

// severityIcon is the icon of a finding's severity, themed so that it
// stays red (or orange) in both themes.
func severityIcon(s rules.Severity) fyne.Resource {
	switch s {
	case rules.Error:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case rules.Warning:
		return theme.NewWarningThemedResource(theme.WarningIcon())
	}
	return theme.InfoIcon()
}

// findingLine is one finding: its icon and message; a click calls open
// (taking the user to the field) when open is not nil.
func findingLine(f rules.Finding, open func()) fyne.CanvasObject {
	msg := newLinkLabel(f.Message, open)
	switch f.Severity {
	case rules.Error:
		msg.label.Importance = widget.DangerImportance
	case rules.Warning:
		msg.label.Importance = widget.WarningImportance
	}
	return container.NewBorder(nil, nil, widget.NewIcon(severityIcon(f.Severity)), nil, msg)
}

// linkLabel is a wrapping label that runs an action when tapped, with the
// pointer cursor over it; without action it is a plain label.
type linkLabel struct {
	widget.BaseWidget
	label *widget.Label
	tap   func()
}

func newLinkLabel(text string, tap func()) *linkLabel {
	l := &linkLabel{label: widget.NewLabel(text), tap: tap}
	l.label.Wrapping = fyne.TextWrapWord
	l.ExtendBaseWidget(l)
	return l
}

func (l *linkLabel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(l.label) }

// Tapped runs the action.
func (l *linkLabel) Tapped(*fyne.PointEvent) {
	if l.tap != nil {
		l.tap()
	}
}

// Text is the label's text.
func (l *linkLabel) Text() string { return l.label.Text }

// shownTab is the tab a list of findings files a finding under: the first
// tab holding its fields (as the red tabs), else the rule's. The lists do
// not know the contract's kind: a key of both kinds sits on the same tab.
func shownTab(f rules.Finding) string {
	for _, k := range []contract.Kind{contract.Apprentissage, contract.Professionnalisation} {
		if tabs := cerfa.TabsOf(k, f.Field); len(tabs) > 0 {
			return tabs[0]
		}
	}
	return f.Tab
}

// findingGroup is the findings shown under one tab's name.
type findingGroup struct {
	tab      string
	findings []rules.Finding
}

// findingsByTab groups findings by the tab holding their field, in the
// form's order.
func findingsByTab(findings []rules.Finding) []findingGroup {
	var out []findingGroup
	for _, tab := range rules.Tabs {
		var group []rules.Finding
		for _, f := range findings {
			if shownTab(f) == tab {
				group = append(group, f)
			}
		}
		if len(group) > 0 {
			out = append(out, findingGroup{tab, group})
		}
	}
	return out
}

// findingsList is every finding grouped under its tab's name; a click on
// one calls open with it.
func findingsList(findings []rules.Finding, open func(rules.Finding)) fyne.CanvasObject {
	box := container.NewVBox()
	for _, group := range findingsByTab(findings) {
		box.Add(widget.NewLabelWithStyle(group.tab, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, f := range group.findings {
			f := f
			var tap func()
			if open != nil {
				tap = func() { open(f) }
			}
			box.Add(findingLine(f, tap))
		}
	}
	return box
}

// blocking keeps the findings that block Transmettre.
func blocking(findings []rules.Finding) []rules.Finding {
	var out []rules.Finding
	for _, f := range findings {
		if f.Severity == rules.Error {
			out = append(out, f)
		}
	}
	return out
}
