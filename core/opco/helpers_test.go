package opco

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
	"cerfadesk/storage/opcosqlite"
)

// cheap are argon2id parameters for tests: hashing stays fast under -race.
var cheap = PasswordParams{Memory: 64, Time: 1, Threads: 1}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

// fixture is a service on a temporary folder behind an httptest server,
// with one account per role.
type fixture struct {
	t   *testing.T
	svc *Service
	srv *httptest.Server
	clk *clock
}

const (
	siretLeroux = "83475962300012"
	password    = "mot-de-passe-de-test"
)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	dir := t.TempDir()
	db, err := opcosqlite.Open(filepath.Join(dir, opcosqlite.DBFile), opcosqlite.DBOptions{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := opcosqlite.OpenBlobDir(filepath.Join(dir, "documents"))
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.Local)}
	svc := NewService(db, blobs)
	svc.Now, svc.Passwords = clk.Now, cheap
	srv := httptest.NewServer(newHandler(svc))
	t.Cleanup(func() { srv.Close(); db.Close() })
	f := &fixture{t: t, svc: svc, srv: srv, clk: clk}
	for _, n := range []NewAccount{
		{Role: workflow.Entreprise, Login: "leroux", Email: "rh@maison-leroux.example", Siret: siretLeroux, Password: password},
		{Role: workflow.Entreprise, Login: "autre", Email: "rh@autre.example", Siret: "73282932000074", Password: password},
		{Role: workflow.CFA, Login: "cfa", Email: "cfa@example.fr", Password: password},
		{Role: workflow.CFA, Login: "cfa2", Email: "cfa2@example.fr", Password: password},
		{Role: workflow.Agent, Login: "agent", Email: "agent@opcommerce.example", Password: password},
	} {
		if _, err := svc.CreateAccount(context.Background(), n); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func exampleJSON(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../../testdata/domain/apprentissage-base.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// call sends a JSON request and decodes the answer into out (when the
// status is 2xx) or returns the error body.
func (f *fixture) call(token, method, path string, body, out any) (int, *opcoapi.Error) {
	f.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			f.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, f.srv.URL+path, rd)
	if err != nil {
		f.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		var e opcoapi.Error
		if len(data) > 0 {
			if err := json.Unmarshal(data, &e); err != nil {
				f.t.Fatalf("%s %s: %d with a non-JSON body %q", method, path, resp.StatusCode, data)
			}
		}
		return resp.StatusCode, &e
	}
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			f.t.Fatalf("%s %s: %v in %s", method, path, err, data)
		}
	}
	return resp.StatusCode, nil
}

func (f *fixture) login(login string) string {
	f.t.Helper()
	var s opcoapi.Session
	if st, e := f.call("", "POST", "/v1/sessions", opcoapi.LoginRequest{Login: login, Password: password}, &s); e != nil {
		f.t.Fatalf("login %s: %d %+v", login, st, e)
	}
	return s.Token
}

func (f *fixture) transmit(token, id string, content []byte) (opcoapi.PushResponse, int, *opcoapi.Error) {
	f.t.Helper()
	var out opcoapi.PushResponse
	st, e := f.call(token, "PUT", opcoapi.ContractSubPath(id, "transmission"),
		opcoapi.TransmitRequest{MessageID: uuid.NewString(), Contract: content, At: f.clk.Now()}, &out)
	return out, st, e
}

// minimalPDF is a small PDF with a real structure (header, objects, xref
// table, trailer, startxref, %%EOF) that seed makes unique.
func minimalPDF(seed string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n% " + seed + "\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
	}
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// putBlob uploads content as the token's account.
func (f *fixture) putBlob(token string, content []byte) (int, *opcoapi.Error) {
	f.t.Helper()
	sum := sha256.Sum256(content)
	return f.call(token, "PUT", opcoapi.BlobPath(hex.EncodeToString(sum[:])), content, nil)
}

// headBlob is HEAD /v1/blobs/{sha} as the token's account.
func (f *fixture) headBlob(token, sha string) int {
	f.t.Helper()
	req, _ := http.NewRequest("HEAD", f.srv.URL+opcoapi.BlobPath(sha), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func shaOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
