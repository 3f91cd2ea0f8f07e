package docs

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
)

// The accepted MIME types.
const (
	MIMEPDF  = "application/pdf"
	MIMEPNG  = "image/png"
	MIMEJPEG = "image/jpeg"
)

// sniffLen is how many leading bytes Sniff needs at most.
const sniffLen = 16

var (
	magicPDF  = []byte("%PDF-")
	magicPNG  = []byte("\x89PNG\r\n\x1a\n")
	magicJPEG = []byte{0xFF, 0xD8, 0xFF}
)

// Sniff returns the MIME type of a content from its first bytes: PDF,
// PNG or JPEG, or "" for anything else. The file name is never looked at.
func Sniff(head []byte) string {
	switch {
	case bytes.HasPrefix(head, magicPDF):
		return MIMEPDF
	case bytes.HasPrefix(head, magicPNG):
		return MIMEPNG
	case bytes.HasPrefix(head, magicJPEG):
		return MIMEJPEG
	}
	return ""
}

// FileType returns the Cerfa's typeFichier for a MIME type ("PDF", "PNG",
// "JPEG").
func FileType(mime string) string {
	switch mime {
	case MIMEPDF:
		return "PDF"
	case MIMEPNG:
		return "PNG"
	case MIMEJPEG:
		return "JPEG"
	}
	return ""
}

// looksLike names, in French, a few common refused contents, so that the
// refusal tells the user what to do ("enregistrez-le en PDF").
func looksLike(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "une archive ou un document Office (Word, Excel, ODT…)"
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "un document Office ancien (.doc, .xls)"
	case bytes.HasPrefix(head, []byte("GIF8")):
		return "une image GIF"
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		return "une image HEIC ou une vidéo"
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return "une image TIFF"
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return "une image WebP"
	}
	return ""
}

// Copy streams src to dst while checking it: the first bytes must be a PDF,
// PNG or JPEG, the content must hold at least one byte and at most MaxSize.
// It computes the SHA-256 on the way and never holds the content in memory.
// A refusal is an *Error (CodeEmpty, CodeWrongType, CodeTooLarge,
// CodeUnreadable, or CodeStorage when dst fails); dst may then have received
// part of the content, and the caller discards it.
func Copy(dst io.Writer, src io.Reader) (Blob, error) {
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(src, head)
	head = head[:n]
	switch {
	case n == 0 && (err == io.EOF || err == nil):
		return Blob{}, &Error{Code: CodeEmpty, Message: "Le fichier est vide."}
	case err != nil && err != io.ErrUnexpectedEOF && err != io.EOF:
		return Blob{}, unreadable(err)
	}
	mime := Sniff(head)
	if mime == "" {
		msg := "Ce fichier n'est ni un PDF, ni une image PNG ou JPEG : seuls ces formats sont acceptés."
		if l := looksLike(head); l != "" {
			msg = "Ce fichier n'est ni un PDF, ni une image PNG ou JPEG (il ressemble à " + l + ") : enregistrez-le en PDF puis déposez-le de nouveau."
		}
		return Blob{}, &Error{Code: CodeWrongType, Message: msg}
	}
	h := sha256.New()
	w := &checkedWriter{w: io.MultiWriter(dst, h)}
	if _, err := w.Write(head); err != nil {
		return Blob{}, err
	}
	// Read at most one byte more than allowed, to tell "exactly 10 MB" from "more".
	limited := &io.LimitedReader{R: src, N: MaxSize - int64(n) + 1}
	buf := make([]byte, 32<<10)
	m, err := io.CopyBuffer(w, readerOnly{limited}, buf)
	if err != nil {
		var de *Error
		if errors.As(err, &de) {
			return Blob{}, err
		}
		return Blob{}, unreadable(err)
	}
	size := int64(n) + m
	if size > MaxSize {
		return Blob{}, &Error{Code: CodeTooLarge, Message: "Le fichier dépasse la taille maximale de 10 Mo (10 485 760 octets) : réduisez-le (PDF compressé, image moins résolue) puis déposez-le de nouveau."}
	}
	return Blob{SHA256: hex.EncodeToString(h.Sum(nil)), Size: size, MIME: mime}, nil
}

func unreadable(err error) *Error {
	return &Error{Code: CodeUnreadable, Message: "Le fichier n'a pas pu être lu (il est peut-être encore ouvert dans une autre application, ou protégé).", Err: err}
}

// checkedWriter marks the destination's failures as storage errors, so Copy
// can tell them from read failures.
type checkedWriter struct{ w io.Writer }

func (c *checkedWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil {
		return n, StorageError(err)
	}
	return n, nil
}

// readerOnly hides WriterTo/ReaderFrom so that io.CopyBuffer uses buf and
// reports which side failed through checkedWriter.
type readerOnly struct{ r io.Reader }

func (r readerOnly) Read(p []byte) (int, error) { return r.r.Read(p) }
