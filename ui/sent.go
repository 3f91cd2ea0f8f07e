package ui

import (
	"cerfadesk/core/workflow"
)

// A CFA's contract stays « Envoyé par l'organisme ou le CFA » in its own
// store once sent: the employer transmits it and the OPCO decides on the
// service. After a synchronisation the CFA's list shows the status the
// service knows, and the employer it was sent to.

// sentStatus is what the service last said of a contract a CFA sent.
type sentStatus struct {
	Status workflow.Status
	Label  string // the service's label (« Transmis à l'Opcommerce »…)
	SentTo string // the employer's e-mail the CFA sent it to
}

// remoteOf is what the synchronisation knows of a contract sent by the CFA.
func (d *Desktop) remoteOf(id string) (sentStatus, bool) {
	if d.opco == nil || d.opco.sy == nil {
		return sentStatus{}, false
	}
	r, ok := d.opco.sy.Remote(id)
	if !ok || r.Status == "" {
		return sentStatus{}, false
	}
	return sentStatus{Status: r.Status, Label: r.StatusLabel, SentTo: r.Summary.SentTo}, true
}

// showRemote shows, on the row of a contract the CFA sent, the status the
// service knows and whom it was sent to.
func (r *contractRow) showRemote(s workflow.Summary) {
	l := r.list
	if s.Status != workflow.EnvoyeParCFA || l.remote == nil {
		return
	}
	rs, ok := l.remote(s.ID)
	if !ok {
		return
	}
	if rs.SentTo != "" {
		r.employer.SetText(s.EmployerName + " — envoyé à " + rs.SentTo)
	}
	if rs.Status != s.Status {
		label := rs.Label
		if label == "" {
			label = l.env.statusLabel(rs.Status)
		}
		r.badge.SetStatus(rs.Status, label)
	}
}

// sentNote is what the CFA's window adds to its banner: the status the
// service reported at the last synchronisation, and whom it was sent to.
func (ed *Editor) sentNote() string {
	d := ed.hooks.desktop
	if d == nil || d.list.remote == nil {
		return ""
	}
	rs, ok := d.list.remote(ed.rec.ID)
	if !ok {
		return ""
	}
	label := rs.Label
	if label == "" {
		label = ed.env.statusLabel(rs.Status)
	}
	note := " Selon la dernière synchronisation : « " + label + " »"
	if rs.SentTo != "" {
		note += " (envoyé à " + rs.SentTo + ")"
	}
	return note + "."
}
