package ui

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
)

// maxViewed bounds a document read for viewing (the service takes 10 MB).
const maxViewed = 16 << 20

// viewDocument shows a document of the contract under review: an image
// inside the window, an OPCO letter as its text (letterOf), any other
// file in the system's viewer.
func (w *agentWindow) viewDocument(id string, doc opcoapi.Document) {
	if doc.Letter {
		w.showLetter(doc)
		return
	}
	type result struct {
		data []byte
		err  error
	}
	background(w.env, func() result {
		rc, err := w.desk.Document(w.ctx, id, doc.ID)
		if err != nil {
			return result{err: err}
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, maxViewed+1))
		if err == nil && len(data) > maxViewed {
			err = errors.New("document trop volumineux pour être affiché")
		}
		return result{data, err}
	}, func(r result) {
		if r.err != nil {
			dialog.ShowError(errors.New("Le document n'a pas pu être lu : "+userMessage(r.err)), w.win)
			return
		}
		switch mime := http.DetectContentType(r.data); mime {
		case "image/png", "image/jpeg":
			w.showImage(doc, r.data)
		default:
			w.openOutside(doc.Name, r.data)
		}
	})
}

// docTitle is « Type — fichier ».
func docTitle(doc opcoapi.Document) string {
	label := contract.TypeDocument.Label(doc.Type)
	if label == "" {
		label = doc.Type
	}
	return label + " — " + doc.Name
}

// showImage shows a PNG or JPEG scan in the window, scaled to fit.
func (w *agentWindow) showImage(doc opcoapi.Document, data []byte) {
	img := canvas.NewImageFromReader(bytes.NewReader(data), doc.Name)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(760, 500))
	w.viewer = img
	d := dialog.NewCustom(docTitle(doc), "Fermer", img, w.win)
	d.Resize(fyne.NewSize(820, 620))
	d.Show()
}

// openOutside writes a file in a folder of its own and opens it in the
// system's viewer; without one (xdg-open missing, or failing), it says in
// French where the file is.
func (w *agentWindow) openOutside(name string, data []byte) {
	path, err := saveViewed(name, data)
	if err != nil {
		dialog.ShowError(errors.New("Le document n'a pas pu être enregistré : "+userMessage(err)), w.win)
		return
	}
	w.lastSaved = path
	open := w.env.OpenURL
	if open == nil || open(fileURL(path)) != nil {
		dialog.ShowInformation("Aucune visionneuse disponible",
			"Aucune application n'a pu ouvrir ce document sur ce poste.\nIl est enregistré ici :\n"+path, w.win)
	}
}

// saveViewed writes data under a new temporary folder, named after the
// document (never a path it carries).
func saveViewed(name string, data []byte) (string, error) {
	dir, err := os.MkdirTemp("", "cerfadesk-opco-")
	if err != nil {
		return "", err
	}
	base := filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	if base == "." || base == "/" || base == "" {
		base = "document"
	}
	path := filepath.Join(dir, base)
	return path, os.WriteFile(path, data, 0o600)
}

// showLetter shows an OPCO letter as text: what its PDF says (letterOf).
func (w *agentWindow) showLetter(doc opcoapi.Document) {
	if w.review == nil {
		return
	}
	text := w.letterOf(doc)
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.TextStyle = fyne.TextStyle{}
	w.viewer = l
	scroll := container.NewVScroll(container.NewPadded(l))
	scroll.SetMinSize(fyne.NewSize(720, 480))
	d := dialog.NewCustom(docTitle(doc), "Fermer", scroll, w.win)
	d.Resize(fyne.NewSize(780, 600))
	d.Show()
}

// fileURL is the file:// address of a local path (C:/… on Windows too).
func fileURL(path string) *url.URL {
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path
	}
	return u
}
