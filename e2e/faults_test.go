package e2e

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/refcheck"
	"cerfadesk/core/sync"
	"cerfadesk/core/workflow"
	"cerfadesk/storage"
)

// killingProxy stands between the app and the service and kills the
// service on the nth transmission: after forwarding it (the service
// committed, the answer is lost) or before (nothing reached it).
type killingProxy struct {
	srv   *server
	nth   int
	after bool

	mu    gosync.Mutex
	count int
}

func (k *killingProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	target, _ := url.Parse(k.srv.target())
	isPush := r.Method == http.MethodPut && strings.HasSuffix(r.URL.Path, "/transmission")
	k.mu.Lock()
	if isPush {
		k.count++
	}
	kill := isPush && k.count == k.nth
	k.mu.Unlock()
	if kill && !k.after {
		k.srv.kill()
		panic(http.ErrAbortHandler)
	}
	if !kill {
		httputil.NewSingleHostReverseProxy(target).ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	httputil.NewSingleHostReverseProxy(target).ServeHTTP(rec, r)
	k.srv.kill() // the service committed; its answer never arrives
	panic(http.ErrAbortHandler)
}

// The service killed during a push: the app retries and the service holds
// exactly one contract per transmission.
func TestServerKilledDuringPush(t *testing.T) {
	for _, after := range []bool{true, false} {
		name := map[bool]string{true: "after committing", false: "before receiving"}[after]
		t.Run(name, func(t *testing.T) {
			srv := startServer(t, "", entrepriseAcct, agentAcct)
			kp := &killingProxy{srv: srv, nth: 2, after: after}
			proxy := httptest.NewServer(kp)
			defer proxy.Close()
			ent := openParty(t, t.TempDir(), entrepriseAcct, "2025-09-03")
			if _, err := ent.sync.SignIn(ent.ctx, proxy.URL, entrepriseAcct.login, entrepriseAcct.password); err != nil {
				t.Fatal(err)
			}
			var ids []string
			for i := 0; i < 3; i++ {
				rec := ent.create(example(t, "apprentissage-base.json"))
				ent.addDocument(rec.ID, "Convention.pdf", pdfFile(fmt.Sprint("convention ", i)))
				ent.do(ent.load(rec.ID), workflow.Transmettre)
				ids = append(ids, rec.ID)
			}
			if err := ent.sync.SyncNow(ent.ctx); !sync.IsOffline(err) {
				t.Fatalf("sync through the crash: %v, want offline", err)
			}
			if n := ent.sync.Status().Pending; n != 2 {
				t.Errorf("%d entries waiting, want 2 (the first was acknowledged)", n)
			}
			srv.restart()
			ent.syncNow()
			assertTransmittedOnce(t, srv, ids)
			if n := ent.sync.Status().Pending; n != 0 {
				t.Errorf("%d entries still waiting", n)
			}
		})
	}
}

// assertTransmittedOnce checks the service holds each contract once with
// one transmission, and nothing else.
func assertTransmittedOnce(t *testing.T, srv *server, ids []string) {
	t.Helper()
	agent := sync.NewClient(srv.url)
	agent.SetToken(login(t, srv, agentAcct))
	l, err := agent.List(context.Background())
	if err != nil || len(l.Contracts) != len(ids) {
		t.Fatalf("the service holds %d contracts (%v), want %d", len(l.Contracts), err, len(ids))
	}
	for _, id := range ids {
		h, err := agent.History(context.Background(), id)
		if err != nil || actions(h.Events) != "transmettre" {
			t.Errorf("%s: history %q (%v), want one transmettre", id, actions(h.Events), err)
		}
	}
}

// childSyncEnv makes the test binary a desktop app that synchronises the
// data folder it names until done (or killed).
const childSyncEnv = "E2E_CHILD_SYNC"

func childSync(dir string) int {
	st, err := storage.Open(dir, storage.Options{Synchronous: storage.SyncNormal})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer st.Close()
	sy, err := sync.New(st, st.Blobs, dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("ready")
	if err := sy.SyncNow(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("done")
	return 0
}

// runKilledChild starts a syncing child on dir and kills it (SIGKILL)
// after a random moment; it reports whether the child finished first.
func runKilledChild(t *testing.T, dir string, maxDelay time.Duration) bool {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childSyncEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	if !sc.Scan() || sc.Text() != "ready" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child did not start: %q", sc.Text())
	}
	time.Sleep(time.Duration(rand.Int64N(int64(maxDelay)))) // a random moment of its sync
	cmd.Process.Kill()
	go func() {
		for sc.Scan() {
		}
	}()
	err = cmd.Wait()
	return err == nil
}

// The app killed anywhere in a synchronisation, again and again: the next
// start finishes it; nothing is lost, sent twice or applied twice.
func TestClientKilledMidSync(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	dir := t.TempDir()
	ent := openParty(t, dir, entrepriseAcct, "2025-09-03")
	if _, err := ent.sync.SignIn(ent.ctx, srv.url, entrepriseAcct.login, entrepriseAcct.password); err != nil {
		t.Fatal(err)
	}
	const n = 25
	var ids []string
	for i := 0; i < n; i++ {
		rec := ent.create(example(t, "apprentissage-base.json"))
		ent.addDocument(rec.ID, "Convention.pdf", pdfFile(fmt.Sprint("convention ", i)))
		ent.do(ent.load(rec.ID), workflow.Transmettre)
		ids = append(ids, rec.ID)
	}
	ent.store.Close()
	finished := 0
	for round := 0; round < 4; round++ {
		if runKilledChild(t, dir, 150*time.Millisecond) {
			finished++
		}
	}
	t.Logf("push: %d of 4 children finished before being killed", finished)
	ent = openParty(t, dir, entrepriseAcct, "2025-09-03") // the next start
	ent.syncNow()
	assertTransmittedOnce(t, srv, ids)
	if p, _ := ent.store.PendingOutbox(ent.ctx, 100); len(p) != 0 {
		t.Fatalf("%d entries still waiting", len(p))
	}

	// The pull side: every contract engaged by the agent, pulled by apps
	// killed at random moments, then finished.
	agent := newParty(t, srv, agentAcct, "2025-09-03")
	for _, id := range ids {
		agent.decide(id, opcoapi.DecisionRequest{Action: opcoapi.DecisionConforme})
	}
	ent.store.Close()
	finished = 0
	for round := 0; round < 4; round++ {
		if runKilledChild(t, dir, 150*time.Millisecond) {
			finished++
		}
	}
	t.Logf("pull: %d of 4 children finished before being killed", finished)
	ent = openParty(t, dir, entrepriseAcct, "2025-09-03")
	ent.syncNow()
	for _, id := range ids {
		rec := wantStatus(t, ent, id, workflow.Engage)
		letters := 0
		for _, d := range rec.Documents {
			if d.Type == docs.TypeCourrierAccord {
				letters++
			}
		}
		if letters != 1 || rec.Contract.Depot == nil || rec.Contract.Depot.NumeroDepot == "" {
			t.Errorf("%s: %d courriers d'accord, depot %+v", id, letters, rec.Contract.Depot)
		}
		if got := statuses(ent.history(id)); strings.Count(got, "engage") != 1 {
			t.Errorf("%s: history %s", id, got)
		}
	}
	if c := ent.sync.Conflicts(); len(c) != 0 {
		t.Errorf("conflicts after the crashes: %+v", c)
	}
}

// A decision of the OPCO meets an action done offline: it is shown as a
// conflict, nothing is overwritten, and the user chooses.
func TestConflictShownNotOverwritten(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-08-28") // before the start date: Annuler is possible
	agent := newParty(t, srv, agentAcct, "2025-09-03")
	rec := transmitted(t, ent, example(t, "apprentissage-base.json"))
	// Offline, the employer cancels; meanwhile the agent engages.
	out := ent.do(ent.load(rec.ID), workflow.Annuler)
	if out.Record.Status != workflow.Annule || !out.Record.PendingSync {
		t.Fatalf("Annuler: %+v", out.Record)
	}
	agent.decide(rec.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionConforme})
	ent.syncNow()
	conflicts := ent.sync.Conflicts()
	if len(conflicts) != 1 || conflicts[0].LocalStatus != workflow.Annule || conflicts[0].RemoteStatus != workflow.Engage {
		t.Fatalf("conflicts: %+v", conflicts)
	}
	if !strings.Contains(conflicts[0].Message, "Annuler") {
		t.Errorf("conflict message %q", conflicts[0].Message)
	}
	if r := wantStatus(t, ent, rec.ID, workflow.Annule); len(r.Documents) != 1 {
		t.Errorf("the local contract was changed: %d documents", len(r.Documents))
	}
	if st := ent.sync.Status(); st.Conflicts != 1 || !strings.Contains(st.Message, "1 conflit à examiner") {
		t.Errorf("status bar: %+v", st)
	}
	ent.syncNow() // still not overwritten
	wantStatus(t, ent, rec.ID, workflow.Annule)

	if err := ent.sync.ResolveConflict(ent.ctx, rec.ID, true); err != nil {
		t.Fatal(err)
	}
	r := wantStatus(t, ent, rec.ID, workflow.Engage)
	if r.Contract.Depot == nil || r.PendingSync {
		t.Errorf("after taking the OPCO's version: depot %+v pending %v", r.Contract.Depot, r.PendingSync)
	}
	if len(ent.sync.Conflicts()) != 0 {
		t.Error("conflict still listed")
	}
	ent.letterText(r, docs.TypeCourrierAccord)
}

// The service refuses a transmission the app accepted (its referentials
// know better): the contract comes back to "En cours de saisie" with the
// service's findings.
func TestServiceRefusesTransmission(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	ent.svc.Referential = nil // this app runs without the embedded referentials
	c := example(t, "apprentissage-base.json")
	c.Employeur.Naf = "99.99Z" // no such NAF code: the service's referential says so
	rec := ent.create(c)
	ent.addDocument(rec.ID, "Convention.pdf", pdfFile("convention"))
	if res := ent.svc.Validate(ent.load(rec.ID).Contract, false); !res.Valid() {
		t.Fatal("the app's rules refuse the NAF code offline already")
	}
	ent.do(ent.load(rec.ID), workflow.Transmettre)
	if res := refcheckValid(ent.load(rec.ID)); res {
		t.Fatal("the embedded referential accepts 99.99Z")
	}
	ent.syncNow()
	rj := ent.sync.Rejections()
	if len(rj) != 1 || rj[0].Code != opcoapi.CodeNotValid || len(rj[0].Findings) == 0 {
		t.Fatalf("rejections: %+v", rj)
	}
	r := wantStatus(t, ent, rec.ID, workflow.EnCoursDeSaisie)
	if r.PendingSync {
		t.Error("the refused message is still waiting")
	}
	h := ent.history(rec.ID)
	if last := h[len(h)-1]; last.Action != sync.ActionRefusService || !strings.Contains(last.Note, "Le Cerfa n'a pas pu être validé") {
		t.Errorf("history: %+v", last)
	}
}

func refcheckValid(rec workflow.Record) bool {
	svc := workflow.NewService(nil, nil)
	svc.Referential = refcheck.Default()
	return svc.Validate(rec.Contract, false).Valid()
}
