package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/sync"
	"cerfadesk/storage/opcopg/pgtest"
)

// Several opco-server instances share nothing but PostgreSQL: what one
// instance stores, the others serve; keys that must be unique stay so when
// instances write at once; the login limit and the e-mails are counted
// once for all.

// startInstances starts n instances on one new PostgreSQL database.
func startInstances(t *testing.T, opt serverOptions, accounts ...account) *server {
	t.Helper()
	pgtest.BaseURL(t) // skips without PostgreSQL, fails under make test
	opt.postgres = true
	return startServerWith(t, opt, accounts...)
}

// clientOn is a of an account signed in on one instance.
func clientOn(t *testing.T, in *instance, a account) *sync.Client {
	t.Helper()
	c := sync.NewClient(in.url)
	if _, err := c.Login(context.Background(), a.login, a.password); err != nil {
		t.Fatalf("login %s on %s: %v", a.login, in.url, err)
	}
	return c
}

func transmitOn(t *testing.T, c *sync.Client, content []byte) opcoapi.Contract {
	t.Helper()
	out, err := c.Transmit(context.Background(), uuid.NewString(), opcoapi.TransmitRequest{
		MessageID: uuid.NewString(), Contract: content, At: time.Now()})
	if err != nil {
		t.Errorf("transmit: %v", err)
	}
	return out.Contract
}

func TestInstancesShareOneDatabase(t *testing.T) {
	mb := newMailbox(t)
	srv := startInstances(t, serverOptions{smtp: mb.addr, sync: "normal", demo: true}, entrepriseAcct, cfaAcct, agentAcct)
	a, b := srv.insts[0], srv.insts[1]
	ctx := context.Background()

	// --demo on every instance: the demo accounts exist once.
	out, err := exec.Command(serverBin, "user", "list", "--db", srv.db).CombinedOutput()
	if err != nil {
		t.Fatalf("user list: %v\n%s", err, out)
	}
	for _, login := range []string{"entreprise", "cfa", "agent"} {
		if n := strings.Count("\n"+string(out), "\n"+login+" "); n != 1 {
			t.Errorf("demo account %s listed %d times:\n%s", login, n, out)
		}
	}

	// A session opened on one instance is valid on the other.
	entA := clientOn(t, a, entrepriseAcct)
	entB := sync.NewClient(b.url)
	entB.SetToken(entA.Token())
	if me, err := entB.Me(ctx); err != nil || me.Login != entrepriseAcct.login {
		t.Fatalf("the session of A on B: %+v %v", me, err)
	}

	// A document uploaded through A is attached through B (listed in the
	// contract it transmits) and downloads from both.
	content := exampleBytes(t)
	pdf := pdfFile("convention partagée entre instances")
	if _, err := entA.PutBlob(ctx, sha(pdf), bytes.NewReader(pdf)); err != nil {
		t.Fatal(err)
	}
	if has, err := entB.HasBlob(ctx, sha(pdf)); !has || err != nil {
		t.Errorf("B does not know the content uploaded on A: %v %v", has, err)
	}
	withDoc := example(t, "apprentissage-base.json")
	size := int64(len(pdf))
	withDoc.Documents = append(withDoc.Documents, contract.Document{ID: uuid.NewString(), TypeDocument: "CONVENTION_FORMATION",
		TypeFichier: "PDF", TailleFichier: &size, NomFichier: "Convention.pdf", Sha256: sha(pdf)})
	data, err := json.Marshal(withDoc)
	if err != nil {
		t.Fatal(err)
	}
	c := transmitOn(t, entB, data)
	got, _ := entA.Contract(ctx, c.ID)
	if len(got.Documents) != 1 {
		t.Fatalf("documents seen on A: %+v", got.Documents)
	}
	for name, cl := range map[string]*sync.Client{"A": entA, "B": entB} {
		rc, err := cl.Document(ctx, c.ID, got.Documents[0].ID)
		if err != nil {
			t.Fatalf("download from %s: %v", name, err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(data, pdf) {
			t.Errorf("download from %s: %d bytes, not the upload", name, len(data))
		}
	}

	// Parallel transmissions on both instances: unique references; then
	// parallel decisions on both: unique n° de dépôt.
	const n = 16
	contracts := make([]opcoapi.Contract, n)
	var wg gosync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			contracts[i] = transmitOn(t, []*sync.Client{entA, entB}[i%2], content)
		}(i)
	}
	wg.Wait()
	refs := map[string]bool{c.Reference: true}
	for _, c := range contracts {
		if c.Reference == "" || refs[c.Reference] {
			t.Errorf("reference %q missing or given twice", c.Reference)
		}
		refs[c.Reference] = true
	}
	agents := []*sync.Client{clientOn(t, a, agentAcct), clientOn(t, b, agentAcct)}
	numbers := make([]string, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// Decisions racing for the same département and month may
			// be told to validate again (409): the agent does.
			var (
				out opcoapi.PushResponse
				err error
			)
			for try := 0; try < 10; try++ {
				out, err = agents[i%2].Decide(ctx, contracts[i].ID, opcoapi.DecisionRequest{MessageID: uuid.NewString(),
					Version: contracts[i].Version, Action: opcoapi.DecisionConforme})
				if ae := apiErr(err); ae == nil || ae.Code != opcoapi.CodeConflict {
					break
				}
			}
			if err != nil {
				t.Errorf("decide %d: %v", i, err)
			}
			numbers[i] = out.Contract.NumeroDepot
		}(i)
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, num := range numbers {
		if num == "" || seen[num] {
			t.Errorf("n° de dépôt %q missing or given twice: %v", num, numbers)
		}
		seen[num] = true
	}

	// Both instances run the mail sender: each e-mail leaves once.
	cfas := []*sync.Client{clientOn(t, a, cfaAcct), clientOn(t, b, cfaAcct)}
	const mails = 6
	for i := 0; i < mails; i++ {
		if _, err := cfas[i%2].Send(ctx, uuid.NewString(), opcoapi.SendRequest{MessageID: uuid.NewString(), Contract: content,
			Email: fmt.Sprintf("rh%d@employeur.example", i)}); err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
	}
	waitFor(t, "the e-mails", func() bool { return len(mb.messages()) >= mails })
	time.Sleep(300 * time.Millisecond) // a second delivery would come now
	to := map[string]int{}
	for _, m := range mb.messages() {
		to[m.To]++
	}
	if len(mb.messages()) != mails || len(to) != mails {
		t.Errorf("%d e-mails for %d sends: %v", len(mb.messages()), mails, to)
	}

	// The login limit counts the failures on every instance.
	for i := 0; i < 5; i++ {
		_, err := sync.NewClient(srv.insts[i%2].url).Login(ctx, cfaAcct.login, "mauvais mot de passe")
		if ae := apiErr(err); ae == nil || ae.Code != opcoapi.CodeUnauthorized {
			t.Fatalf("wrong password %d: %v", i, err)
		}
	}
	for _, in := range srv.insts {
		_, err := sync.NewClient(in.url).Login(ctx, cfaAcct.login, cfaAcct.password)
		if ae := apiErr(err); ae == nil || ae.Code != opcoapi.CodeRateLimited {
			t.Errorf("after 5 failures spread over the instances, %s answers %v, want rate_limited", in.url, err)
		}
	}
}

func apiErr(err error) *opcoapi.Error {
	var ae *opcoapi.Error
	if err != nil && errors.As(err, &ae) {
		return ae
	}
	return nil
}

// Every acknowledged push exactly once: clients push to instance A, which
// is SIGKILLed in the middle; each push without an answer is retried on
// instance B with the same message id, as the app's outbox does.
func TestInstanceKilledDuringPushes(t *testing.T) {
	srv := startInstances(t, serverOptions{sync: "normal", quiet: true}, entrepriseAcct, agentAcct)
	a, b := srv.insts[0], srv.insts[1]
	content := exampleBytes(t)
	ctx := context.Background()
	onA, onB := clientOn(t, a, entrepriseAcct), sync.NewClient(b.url)
	onB.SetToken(onA.Token())
	const clients, each = 8, 15
	var (
		mu    gosync.Mutex
		acked = map[string]string{} // contract id → reference
		wg    gosync.WaitGroup
		count int
	)
	for w := 0; w < clients; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				id, req := uuid.NewString(), opcoapi.TransmitRequest{MessageID: uuid.NewString(), Contract: content, At: time.Now()}
				mu.Lock()
				count++
				kill := count == clients*each/3
				mu.Unlock()
				if kill {
					a.kill()
				}
				out, err := onA.Transmit(ctx, id, req)
				for attempt := 0; err != nil && attempt < 20; attempt++ {
					if ae := apiErr(err); ae != nil && ae.Code != opcoapi.CodeUnavailable {
						t.Errorf("push refused: %v", err)
						return
					}
					out, err = onB.Transmit(ctx, id, req) // the retry, on the other instance
				}
				if err != nil {
					t.Errorf("push never acknowledged: %v", err)
					return
				}
				mu.Lock()
				acked[id] = out.Contract.Reference
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if a.pid() != 0 {
		t.Fatal("instance A was not killed during the pushes")
	}
	agent := clientOn(t, b, agentAcct)
	var all []opcoapi.Contract
	for after := ""; ; {
		q, err := agent.QueuePage(ctx, after, 500)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, q.Contracts...)
		if !q.More {
			break
		}
		after = q.Cursor
	}
	if len(all) != len(acked) || len(acked) != clients*each {
		t.Fatalf("%d contracts stored, %d pushes acknowledged, %d made", len(all), len(acked), clients*each)
	}
	for _, c := range all {
		ref, ok := acked[c.ID]
		if !ok || ref != c.Reference {
			t.Errorf("stored %s (%s), acknowledged as %q", c.ID, c.Reference, ref)
		}
		h, err := agent.History(ctx, c.ID)
		if err != nil || actions(h.Events) != "transmettre" {
			t.Errorf("%s: history %q (%v), want one transmettre", c.ID, actions(h.Events), err)
		}
	}
}
