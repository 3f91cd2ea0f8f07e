package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	gosync "sync"
	"testing"
	"time"

	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/refcheck"
	"cerfadesk/core/sync"
	"cerfadesk/core/workflow"
	"cerfadesk/storage"
)

// clock is a fixed clock that advances by a millisecond at each reading.
type clock struct {
	mu gosync.Mutex
	t  time.Time
}

func clockAt(day string) *clock {
	d, err := time.ParseInLocation("2006-01-02", day, time.Local)
	if err != nil {
		panic(err)
	}
	return &clock{t: d.Add(9 * time.Hour)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

// party is one desktop app: its data folder, local store, workflow
// service and syncer, signed in to the service as one account.
type party struct {
	t     *testing.T
	acct  account
	dir   string
	clk   *clock
	store *storage.Store
	svc   *workflow.Service
	sync  *sync.Syncer
	actor workflow.Actor
	ctx   context.Context
}

// newParty opens a fresh app on day and signs it in to srv.
func newParty(t *testing.T, srv *server, a account, day string) *party {
	t.Helper()
	p := openParty(t, t.TempDir(), a, day)
	if _, err := p.sync.SignIn(p.ctx, srv.url, a.login, a.password); err != nil {
		t.Fatalf("sign in %s: %v", a.login, err)
	}
	return p
}

// openParty opens the app of a data folder (a restart keeps the session).
func openParty(t *testing.T, dir string, a account, day string) *party {
	t.Helper()
	clk := clockAt(day)
	st, err := storage.Open(dir, storage.Options{Now: clk.Now, Synchronous: storage.SyncNormal})
	if err != nil {
		t.Fatal(err)
	}
	svc := workflow.NewService(st, st.Blobs)
	svc.Now, svc.Referential = clk.Now, refcheck.Default()
	sy, err := sync.New(st, st.Blobs, dir)
	if err != nil {
		t.Fatal(err)
	}
	sy.Now = clk.Now
	p := &party{t: t, acct: a, dir: dir, clk: clk, store: st, svc: svc, sync: sy,
		actor: workflow.Actor{Role: workflow.Role(a.role), Name: a.login}, ctx: context.Background()}
	t.Cleanup(func() { st.Close() })
	return p
}

// syncNow is the « Synchroniser » button; it must succeed.
func (p *party) syncNow() {
	p.t.Helper()
	if err := p.sync.SyncNow(p.ctx); err != nil {
		p.t.Fatalf("%s: Synchroniser: %v", p.acct.login, err)
	}
}

func (p *party) create(c *contract.Contract) workflow.Record {
	p.t.Helper()
	rec, err := p.svc.Create(p.ctx, p.actor, c)
	if err != nil {
		p.t.Fatalf("%s: Nouveau contrat: %v", p.acct.login, err)
	}
	return rec
}

func (p *party) save(rec workflow.Record) workflow.Record {
	p.t.Helper()
	out, err := p.svc.Save(p.ctx, p.actor, rec.ID, rec.Version, rec.Contract)
	if err != nil {
		p.t.Fatalf("%s: Enregistrer: %v", p.acct.login, err)
	}
	return out
}

func (p *party) do(rec workflow.Record, action workflow.Action) workflow.Outcome {
	p.t.Helper()
	out, err := p.svc.Do(p.ctx, workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: p.actor, Action: action})
	if err != nil {
		p.t.Fatalf("%s: %s: %v", p.acct.login, action.Label(), err)
	}
	return out
}

func (p *party) load(id string) workflow.Record {
	p.t.Helper()
	rec, err := p.store.Load(p.ctx, id)
	if err != nil {
		p.t.Fatalf("%s: load %s: %v", p.acct.login, id, err)
	}
	return rec
}

func (p *party) addDocument(id, name string, content []byte) workflow.Outcome {
	p.t.Helper()
	out, err := p.svc.AddDocument(p.ctx, workflow.DocumentRequest{ContractID: id, Actor: p.actor, Name: name,
		Content: bytes.NewReader(content)})
	if err != nil {
		p.t.Fatalf("%s: add %s: %v", p.acct.login, name, err)
	}
	return out
}

func (p *party) history(id string) []storage.HistoryEntry {
	p.t.Helper()
	h, err := p.store.History(p.ctx, id)
	if err != nil {
		p.t.Fatal(err)
	}
	return h
}

// client is the party's signed-in API client (the agent's window uses it).
func (p *party) client() *sync.Client {
	p.t.Helper()
	c := p.sync.Client()
	if c == nil {
		p.t.Fatalf("%s is not signed in", p.acct.login)
	}
	return c
}

// desk is the agent's review window's access (core/sync.Desk).
func (p *party) desk() *sync.Desk {
	return &sync.Desk{Client: p.client(), Referential: refcheck.Default(), Now: p.clk.Now}
}

// decide is the agent's decision through the review window: open the
// contract (content, findings, history), then the decision's button.
func (p *party) decide(id string, req opcoapi.DecisionRequest) opcoapi.Contract {
	p.t.Helper()
	d := p.desk()
	rev, err := d.Open(p.ctx, id)
	if err != nil {
		p.t.Fatalf("agent: open %s: %v", id, err)
	}
	if rev.Cerfa == nil || len(rev.History) == 0 {
		p.t.Fatalf("agent: review of %s without content or history", id)
	}
	v := rev.Contract.Version
	var out opcoapi.Contract
	switch req.Action {
	case opcoapi.DecisionConforme:
		out, err = d.Conforme(p.ctx, id, v, req.Financement)
	case opcoapi.DecisionAnomaliePiece:
		out, err = d.AnomaliePiece(p.ctx, id, v, req.Pieces)
	case opcoapi.DecisionAnomalieSaisie:
		out, err = d.AnomalieSaisie(p.ctx, id, v, req.Errors)
	case opcoapi.DecisionRefus:
		out, err = d.Refuser(p.ctx, id, v, req.Motifs)
	default:
		p.t.Fatalf("unknown decision %q", req.Action)
	}
	if err != nil {
		p.t.Fatalf("agent: %s on %s: %v", req.Action, id, err)
	}
	return out
}

// example reads a contract of testdata/domain.
func example(t *testing.T, name string) *contract.Contract {
	t.Helper()
	data, err := os.ReadFile("../testdata/domain/" + name)
	if err != nil {
		t.Fatal(err)
	}
	c, err := contract.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// pdfFile is a small PDF that passes the documents' content and structure
// checks (header, objects, xref table, trailer, startxref, %%EOF); seed
// makes it unique.
func pdfFile(seed string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n% " + seed + "\n")
	o1 := b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	o2 := b.Len()
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n")
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 3\n0000000000 65535 f \n%010d 00000 n \n%010d 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", o1, o2, x)
	return b.Bytes()
}

// letterText extracts the text of a local document (a letter) with
// pdftotext, as the employer would read it.
func (p *party) letterText(rec workflow.Record, typ string) string {
	p.t.Helper()
	return pdfText(p.t, p.letterPDF(rec, typ))
}

// letterPDF is the content of a local document (a letter).
func (p *party) letterPDF(rec workflow.Record, typ string) []byte {
	p.t.Helper()
	for _, d := range rec.Documents {
		if d.Type != typ {
			continue
		}
		rc, err := p.store.Blobs.Open(d.SHA256)
		if err != nil {
			p.t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		return buf.Bytes()
	}
	p.t.Fatalf("%s: no %s among the documents %+v", p.acct.login, typ, rec.Documents)
	return nil
}

func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is missing: make deps installs poppler-utils")
	}
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// statuses lists the history's statuses after each row.
func statuses(h []storage.HistoryEntry) string {
	var b bytes.Buffer
	for i, e := range h {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(string(e.To))
	}
	return b.String()
}

// actions lists the service's history actions.
func actions(evs []opcoapi.Event) string {
	var b bytes.Buffer
	for i, e := range evs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(e.Action)
	}
	return b.String()
}
