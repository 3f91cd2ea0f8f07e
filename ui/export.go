package ui

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"cerfadesk/core/contract"
	"cerfadesk/core/pdf"
	"cerfadesk/core/rules"
)

// cerfaPDF draws the Cerfa of c: a contract with blocking findings is
// marked as a draft, and the remuneration lines the engine derived fill a
// contract that has none of its own.
func cerfaPDF(c *contract.Contract, res rules.Result, now time.Time) ([]byte, error) {
	opt := pdf.CerfaOptions{Now: now, Draft: !res.Valid()}
	if len(c.Contrat.RemunerationsAnnuelles) == 0 {
		opt.Remunerations = res.Derived.Remunerations
	}
	var buf bytes.Buffer
	if err := pdf.Cerfa(&buf, c, opt); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pdfFileName is the proposed name of the exported Cerfa.
func pdfFileName(c *contract.Contract, ref string) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			return r
		}
		return '_'
	}, strings.TrimSpace(c.Apprenti.Nom))
	if name == "" {
		name = ref
	}
	form := "FA13"
	if c.TypeFormulaire == contract.Professionnalisation {
		form = "EJ20"
	}
	return fmt.Sprintf("Cerfa_%s_%s.pdf", form, name)
}

// exportPDF is "Exporter le Cerfa (PDF)": the Cerfa of the contract as
// shown (with the edits not saved yet) is written where the user chooses.
func (ed *Editor) exportPDF() {
	c, err := outgoing(ed.work, ed.form.state)
	if err != nil {
		ed.showError(err)
		return
	}
	res := ed.result
	now := time.Now()
	if ed.env.Now != nil {
		now = ed.env.Now()
	}
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			ed.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		background(ed.env, func() error {
			data, err := cerfaPDF(c, res, now)
			if err == nil {
				_, err = io.Copy(w, bytes.NewReader(data))
			}
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			return err
		}, func(err error) {
			if err != nil {
				ed.showError(fmt.Errorf("export PDF: %w", err))
				return
			}
			ed.synthese.export.SetText("Exporter le Cerfa (PDF) — exporté : " + w.URI().Name())
		})
	}, ed.win)
	save.SetFileName(pdfFileName(c, ed.rec.Reference))
	save.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	save.Resize(fyne.NewSize(900, 600))
	save.Show()
}
