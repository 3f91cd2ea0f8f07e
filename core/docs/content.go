package docs

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	_ "image/jpeg" // image.DecodeConfig reads JPEG headers
	_ "image/png"  // and PNG ones
	"io"
	"regexp"
	"strconv"
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

// pdfTail is how much of a PDF's end CheckStructure reads: the trailer,
// startxref and %%EOF sit there (the specification lets %%EOF be within the
// last 1024 bytes; a large trailer dictionary needs some more).
const pdfTail = 4096

// CheckStructure checks that a stored content of the given MIME type is
// what its first bytes claim, beyond them: a PDF has its header, a %%EOF
// marker, a startxref whose offset points inside the file at a cross-
// reference table (followed by a trailer naming the /Root) or a
// cross-reference stream; a PNG or JPEG decodes its header
// (image.DecodeConfig) with non-zero dimensions. "%PDF-1.4\n<html>…" or
// the 3 bytes FF D8 FF are refused with CodeWrongType. It reads at most a
// few KiB.
func CheckStructure(r io.ReaderAt, size int64, mime string) error {
	var problem string
	switch mime {
	case MIMEPDF:
		problem = pdfProblem(r, size)
	case MIMEPNG, MIMEJPEG:
		cfg, format, err := image.DecodeConfig(io.NewSectionReader(r, 0, size))
		switch {
		case err != nil || "image/"+format != mime:
			problem = "son en-tête d'image est illisible"
		case cfg.Width <= 0 || cfg.Height <= 0:
			problem = "l'image n'a pas de dimensions"
		}
	default:
		problem = "son format n'est pas reconnu"
	}
	if problem == "" {
		return nil
	}
	kind := map[string]string{MIMEPDF: "un PDF", MIMEPNG: "une image PNG", MIMEJPEG: "une image JPEG"}[mime]
	if kind == "" {
		kind = "un document"
	}
	return &Error{Code: CodeWrongType, Message: "Ce fichier commence comme " + kind + " mais n'en est pas un complet (" + problem +
		") : il est peut-être tronqué ou abîmé. Enregistrez-le de nouveau (« Enregistrer sous » ou « Imprimer en PDF ») puis déposez-le."}
}

// pdfProblem returns what is wrong with a PDF's structure, "" if nothing.
func pdfProblem(r io.ReaderAt, size int64) string {
	head := make([]byte, 8)
	if n, _ := r.ReadAt(head, 0); n < 8 || !bytes.HasPrefix(head, magicPDF) {
		return "pas d'en-tête %PDF"
	}
	tailLen := min(size, pdfTail)
	tail := make([]byte, tailLen)
	if n, err := r.ReadAt(tail, size-tailLen); int64(n) != tailLen && err != nil {
		return "fin illisible"
	}
	eof := bytes.LastIndex(tail, []byte("%%EOF"))
	if eof < 0 || int64(len(tail)-eof) > 1024+5+64 {
		return "pas de marque de fin %%EOF"
	}
	sx := bytes.LastIndex(tail[:eof], []byte("startxref"))
	if sx < 0 {
		return "pas de startxref"
	}
	digits := bytes.TrimSpace(tail[sx+len("startxref") : eof])
	offset, err := strconv.ParseInt(string(digits), 10, 64)
	if err != nil || offset <= 0 {
		return "startxref illisible"
	}
	if offset >= size {
		return "startxref hors du fichier"
	}
	at := make([]byte, min(size-offset, 1024))
	if n, err := r.ReadAt(at, offset); int64(n) != int64(len(at)) && err != nil {
		return "table des objets illisible"
	}
	at = bytes.TrimLeft(at, " \t\r\n\f\x00")
	switch {
	case bytes.HasPrefix(at, []byte("xref")):
		// A classic table: a subsection header, then the trailer naming
		// the document's root before startxref.
		if !xrefHeader.Match(at[len("xref"):]) {
			return "table des objets (xref) illisible"
		}
		tr := bytes.LastIndex(tail[:sx], []byte("trailer"))
		if tr < 0 || !bytes.Contains(tail[tr:sx], []byte("<<")) || !bytes.Contains(tail[tr:sx], []byte("/Root")) {
			return "pas de trailer avec /Root"
		}
	case xrefStream.Match(at):
		// A cross-reference stream (PDF 1.5+): an object of /Type /XRef.
		if !xrefType.Match(at) {
			return "flux des objets (XRef) illisible"
		}
	default:
		return "startxref ne désigne pas la table des objets"
	}
	return ""
}

var (
	xrefHeader = regexp.MustCompile(`^[ \t\r\n]*\d+[ \t]+\d+[ \t]*[\r\n]`)
	xrefStream = regexp.MustCompile(`^\d+[ \t\r\n]+\d+[ \t\r\n]+obj\b`)
	xrefType   = regexp.MustCompile(`/Type[ \t\r\n]*/XRef\b`)
)
