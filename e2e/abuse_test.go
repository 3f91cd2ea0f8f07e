package e2e

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"

	"cerfadesk/core/opcoapi"
)

func sha(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// Malformed JSON, oversized bodies and documents, path tricks: a 4xx with
// a clear message, and nothing stored.
func TestMalformedOversizedAndPathTricks(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	tok := login(t, srv, entrepriseAcct)
	id := uuid.NewString()
	tr := opcoapi.ContractSubPath(id, "transmission")
	valid := exampleBytes(t)
	big := bytes.Repeat([]byte(" "), opcoapi.MaxJSONBody+10)
	tooBig := append(pdfFile("big"), bytes.Repeat([]byte("x"), opcoapi.MaxDocument)...)
	zip := append([]byte("PK\x03\x04"), bytes.Repeat([]byte("z"), 100)...)
	good := pdfFile("a real piece")
	htmlPDF := []byte("%PDF-1.4\n<html><script>alert(1)</script></html>")
	jpeg3 := []byte{0xFF, 0xD8, 0xFF}

	tests := []struct {
		name         string
		method, path string
		ctype        string
		body         []byte
		status       int
		code         opcoapi.Code
		msg          string // part of the French message
	}{
		{"login: broken JSON", "POST", "/v1/sessions", "application/json", []byte(`{"login":`), 400, opcoapi.CodeInvalid, "JSON invalide"},
		{"login: empty body", "POST", "/v1/sessions", "application/json", nil, 400, opcoapi.CodeInvalid, "JSON vide"},
		{"transmission: broken JSON", "PUT", tr, "application/json", []byte(`{"messageId": "x", "contract": {`), 400, opcoapi.CodeInvalid, "JSON invalide"},
		{"transmission: wrong type", "PUT", tr, "application/json", []byte(`{"messageId": 12}`), 400, opcoapi.CodeInvalid, "JSON invalide"},
		{"transmission: unknown field", "PUT", tr, "application/json", []byte(`{"messageId": "m1", "admin": true}`), 400, opcoapi.CodeInvalid, "admin"},
		{"transmission: trailing data", "PUT", tr, "application/json", append(jsonBytes(opcoapi.TransmitRequest{MessageID: "m2", Contract: valid}), []byte(`{}`)...), 400, opcoapi.CodeInvalid, "en trop"},
		{"transmission: not JSON", "PUT", tr, "text/plain", []byte("bonjour"), 400, opcoapi.CodeInvalid, "Content-Type"},
		{"transmission: no message id", "PUT", tr, "application/json", jsonBytes(opcoapi.TransmitRequest{Contract: valid}), 400, opcoapi.CodeInvalid, "messageId"},
		{"transmission: unknown key in the Cerfa", "PUT", tr, "application/json", jsonBytes(opcoapi.TransmitRequest{MessageID: "m3",
			Contract: bytes.Replace(valid, []byte(`"employeur":{`), []byte(`"employeur":{"pirate":1,`), 1)}), 400, opcoapi.CodeInvalid, "pirate"},
		{"transmission: over 1 MiB", "PUT", tr, "application/json", append([]byte(`{"messageId":"m4",`), big...), 413, opcoapi.CodeTooLarge, "trop volumineuse"},
		{"blob: over 10 MiB", "PUT", opcoapi.BlobPath(sha(tooBig)), "application/pdf", tooBig, 413, opcoapi.CodeTooLarge, "10 Mo"},
		{"blob: a zip", "PUT", opcoapi.BlobPath(sha(zip)), "application/pdf", zip, 415, opcoapi.CodeWrongType, "archive"},
		{"blob: empty", "PUT", opcoapi.BlobPath(sha(nil)), "application/pdf", nil, 422, opcoapi.CodeEmpty, "vide"},
		{"blob: HTML behind a PDF header", "PUT", opcoapi.BlobPath(sha(htmlPDF)), "application/pdf", htmlPDF, 415, opcoapi.CodeWrongType, "pas un complet"},
		{"blob: 3-byte JPEG", "PUT", opcoapi.BlobPath(sha(jpeg3)), "image/jpeg", jpeg3, 415, opcoapi.CodeWrongType, "pas un complet"},
		{"attach: right-to-left override in the name", "POST", opcoapi.ContractSubPath(id, "documents"), "application/json", jsonBytes(opcoapi.AttachRequest{MessageID: "m8",
			Document: opcoapi.DocumentRef{Name: "\u202egnp.exe.pdf", SHA256: sha(good)}}), 400, opcoapi.CodeInvalid, "U+202E"},
		{"blob: hash mismatch", "PUT", opcoapi.BlobPath(sha([]byte("something else"))), "application/pdf", good, 422, opcoapi.CodeHashMismatch, "empreinte"},
		{"blob: traversal in the hash", "PUT", "/v1/blobs/..%2F..%2Fetc%2Fpasswd", "application/pdf", good, 400, opcoapi.CodeInvalid, "SHA-256"},
		{"blob: upper-case hash", "PUT", opcoapi.BlobPath(strings.ToUpper(sha(good))), "application/pdf", good, 400, opcoapi.CodeInvalid, "SHA-256"},
		{"contract id with dots", "GET", "/v1/contracts/..%2F..%2Fopco.db", "", nil, 400, opcoapi.CodeInvalid, "Identifiant"},
		{"contract id with a space", "GET", "/v1/contracts/a%20b", "", nil, 400, opcoapi.CodeInvalid, "Identifiant"},
		{"document id traversal", "GET", "/v1/contracts/" + id + "/documents/..%2F..%2Fopco.db", "", nil, 400, opcoapi.CodeInvalid, "Identifiant"},
		{"attach: name with a path", "POST", opcoapi.ContractSubPath(id, "documents"), "application/json", jsonBytes(opcoapi.AttachRequest{MessageID: "m5",
			Document: opcoapi.DocumentRef{Name: "../../etc/passwd.pdf", SHA256: sha(good)}}), 400, opcoapi.CodeInvalid, "Nom de fichier"},
		{"attach: name with a backslash", "POST", opcoapi.ContractSubPath(id, "documents"), "application/json", jsonBytes(opcoapi.AttachRequest{MessageID: "m6",
			Document: opcoapi.DocumentRef{Name: `..\..\win.ini`, SHA256: sha(good)}}), 400, opcoapi.CodeInvalid, "Nom de fichier"},
		{"attach: name with a control character", "POST", opcoapi.ContractSubPath(id, "documents"), "application/json", jsonBytes(opcoapi.AttachRequest{MessageID: "m7",
			Document: opcoapi.DocumentRef{Name: "a\x00b.pdf", SHA256: sha(good)}}), 400, opcoapi.CodeInvalid, "Nom de fichier"},
		{"attach: message id with a slash", "POST", opcoapi.ContractSubPath(id, "documents"), "application/json", jsonBytes(opcoapi.AttachRequest{MessageID: "a/b",
			Document: opcoapi.DocumentRef{Name: "a.pdf", SHA256: sha(good)}}), 400, opcoapi.CodeInvalid, "messageId"},
		{"changes: negative cursor", "GET", "/v1/changes?since=-1", "", nil, 400, opcoapi.CodeInvalid, "since"},
		{"changes: huge limit", "GET", "/v1/changes?limit=100000", "", nil, 400, opcoapi.CodeInvalid, "limit"},
		{"unknown route", "GET", "/v1/admin", "", nil, 404, opcoapi.CodeNotFound, "inconnue"},
		{"wrong method", "DELETE", "/v1/contracts/" + id, "", nil, 405, opcoapi.CodeMethod, "non permise"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, e := raw(t, srv.url, tok, tt.method, tt.path, tt.ctype, bytes.NewReader(tt.body))
			if st != tt.status || e == nil || e.Code != tt.code {
				t.Fatalf("got %d %+v, want %d %s", st, e, tt.status, tt.code)
			}
			if !strings.Contains(strings.ToLower(e.Message), strings.ToLower(tt.msg)) {
				t.Errorf("message %q does not say %q", e.Message, tt.msg)
			}
		})
	}
	// Nothing stored: no contract, no document content, no history.
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	if l, err := ent.client().List(ent.ctx); err != nil || len(l.Contracts) != 0 {
		t.Errorf("contracts stored: %v %+v", err, l.Contracts)
	}
	for _, content := range [][]byte{tooBig, zip, good, htmlPDF, jpeg3} {
		if has, _ := ent.client().HasBlob(ent.ctx, sha(content)); has {
			t.Errorf("a refused content is held (%s…)", sha(content)[:12])
		}
	}
	var files []string
	filepath.WalkDir(filepath.Join(srv.dir, "documents"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) != 0 {
		t.Errorf("files left in the documents folder: %v", files)
	}
	if _, err := os.Stat(filepath.Join(srv.dir, "..", "..", "etc", "passwd.pdf")); err == nil {
		t.Error("a path trick wrote outside the data folder")
	}
}

func jsonBytes(v any) []byte {
	b, _ := io.ReadAll(jsonBody(v))
	return b
}
