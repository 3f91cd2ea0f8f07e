package storage

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"cerfadesk/core/workflow"
)

// The crash test, in the Litestream spirit: a child process saves
// contracts and documents in a loop and prints an acknowledgement after
// each call that returned success; the parent kills it (SIGKILL on Unix,
// TerminateProcess on Windows) at a random moment, many times. After each
// kill the database must open, pass PRAGMA integrity_check, hold every
// acknowledged save (its version or a later one, with its history row)
// and every acknowledged document, and the blob store must hold no file
// whose content does not match its name.
//
// CERFADESK_CRASH_ROUNDS sets the number of kills (default 12, 4 with -short).

const crashDirEnv = "CERFADESK_CRASH_CHILD"

func TestCrashSafety(t *testing.T) {
	if os.Getenv(crashDirEnv) != "" {
		t.Skip("child process")
	}
	rounds := 12
	if testing.Short() {
		rounds = 4
	}
	if n, err := strconv.Atoi(os.Getenv("CERFADESK_CRASH_ROUNDS")); err == nil && n > 0 {
		rounds = n
	}
	dir := t.TempDir()
	acked := ackLog{saves: map[string]ackSave{}, docs: map[string]string{}}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	for round := 0; round < rounds; round++ {
		// On a loaded machine the random kills may all land before the
		// child's first save: the last round then waits for one save and
		// one document before its kill, so that the test always proves
		// something.
		needAck := round == rounds-1 && (len(acked.saves) == 0 || len(acked.docs) == 0)
		n := runChild(t, dir, round, time.Duration(rng.IntN(250))*time.Millisecond, needAck, &acked)
		verifyAfterCrash(t, dir, round, &acked)
		t.Logf("round %d: %d acknowledgements before the kill", round, n)
	}
	if len(acked.saves) == 0 || len(acked.docs) == 0 {
		t.Errorf("the child acknowledged %d saves and %d documents in all: the test proved nothing", len(acked.saves), len(acked.docs))
	}
}

type ackSave struct {
	version int64
	prenom  string
}

type ackLog struct {
	saves map[string]ackSave // contract ID → last acknowledged save
	docs  map[string]string  // document sha256 → contract ID
}

// runChild starts the child, kills it delay after it is ready, and records
// what it acknowledged.
func runChild(t *testing.T, dir string, round int, delay time.Duration, needAck bool, acked *ackLog) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v=false")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+dir, "CERFADESK_CRASH_SEED="+strconv.Itoa(round))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	killed := make(chan struct{})
	armed := false
	arm := func() {
		armed = true
		go func() {
			time.Sleep(delay)
			cmd.Process.Kill()
			close(killed)
		}()
	}
	ready, saved, doc := false, false, false
	// A child that never gets ready (or never acknowledges what the round
	// waits for) is killed by the watchdog rather than hanging the test.
	watchdog := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
	defer watchdog.Stop()
	n := 0
	for lines.Scan() {
		f := strings.Fields(lines.Text())
		switch {
		case len(f) == 1 && f[0] == "ready":
			ready = true
		case len(f) == 4 && f[0] == "save":
			v, _ := strconv.ParseInt(f[2], 10, 64)
			acked.saves[f[1]] = ackSave{version: v, prenom: f[3]}
			saved = true
			n++
		case len(f) == 3 && f[0] == "doc":
			acked.docs[f[2]] = f[1]
			doc = true
			n++
		}
		if !armed && ready && (!needAck || saved && doc) {
			arm()
		}
	}
	if !armed {
		cmd.Wait()
		t.Fatalf("round %d: the child never became ready, or acknowledged no save and document, within 60 s", round)
	}
	<-killed
	cmd.Wait()
	return n
}

func verifyAfterCrash(t *testing.T, dir string, round int, acked *ackLog) {
	t.Helper()
	st, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("round %d: the database does not open after the kill: %v", round, err)
	}
	defer st.Close()
	ctx := context.Background()
	if res, err := st.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("round %d: integrity_check = %q, %v", round, res, err)
	}
	for id, a := range acked.saves {
		rec, err := st.Load(ctx, id)
		if err != nil {
			t.Fatalf("round %d: acknowledged contract %s lost: %v", round, id, err)
		}
		if rec.Version < a.version || (rec.Version == a.version && rec.Contract.Apprenti.Prenom != a.prenom) {
			t.Fatalf("round %d: contract %s at v%d %q, acknowledged v%d %q", round, id, rec.Version, rec.Contract.Apprenti.Prenom, a.version, a.prenom)
		}
		h, _ := st.History(ctx, id)
		found := false
		for _, e := range h {
			found = found || e.Version == a.version
		}
		if !found {
			t.Fatalf("round %d: no history row for acknowledged v%d of %s", round, a.version, id)
		}
	}
	for sha, id := range acked.docs {
		rec, err := st.Load(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := findDoc(rec, sha); !ok {
			t.Fatalf("round %d: acknowledged document %s… of %s lost", round, sha[:12], id)
		}
	}
	for _, path := range storedFiles(t, filepath.Join(dir, DocumentsDir)) {
		if err := verifyBlob(st.Blobs, filepath.Base(path)); err != nil {
			t.Fatalf("round %d: half-written document visible: %v", round, err)
		}
	}
}

func findDoc(rec workflow.Record, sha string) (int, bool) {
	for i, d := range rec.Documents {
		if d.SHA256 == sha {
			return i, true
		}
	}
	return 0, false
}

// TestCrashChild is the child process of TestCrashSafety; it does nothing
// in a normal run.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("only run as TestCrashSafety's child")
	}
	seed, _ := strconv.Atoi(os.Getenv("CERFADESK_CRASH_SEED"))
	rng := rand.New(rand.NewPCG(uint64(seed), uint64(time.Now().UnixNano())))
	st, err := Open(dir, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(3)
	}
	ctx := context.Background()
	svc := workflow.NewService(st, st.Blobs)
	var ids []string
	if p, err := st.List(ctx, ListQuery{Limit: MaxPageSize}); err == nil {
		for _, s := range p.Items {
			ids = append(ids, s.ID)
		}
	}
	fmt.Println("ready")
	deadline := time.Now().Add(20 * time.Second)
	for i := 0; time.Now().Before(deadline); i++ {
		switch {
		case len(ids) == 0 || rng.IntN(8) == 0:
			rec, err := svc.Create(ctx, entreprise, apprentissage(t))
			if err != nil {
				continue
			}
			ids = append(ids, rec.ID)
			fmt.Printf("save %s %d %s\n", rec.ID, rec.Version, rec.Contract.Apprenti.Prenom)
		case rng.IntN(4) == 0:
			id := ids[rng.IntN(len(ids))]
			size := int64(1 + rng.IntN(3<<20))
			out, err := svc.AddDocument(ctx, workflow.DocumentRequest{ContractID: id, Actor: entreprise,
				Name: fmt.Sprintf("piece-%d.pdf", i), Content: pdfPattern(fmt.Sprintf("%d-%d", seed, i), size)})
			if err == nil {
				fmt.Printf("doc %s %s\n", id, out.Document.SHA256)
			}
		default:
			id := ids[rng.IntN(len(ids))]
			rec, err := st.Load(ctx, id)
			if err != nil || rec.Status != workflow.EnCoursDeSaisie {
				continue
			}
			rec.Contract.Apprenti.Prenom = fmt.Sprintf("P%d-%d", seed, i)
			saved, err := svc.Save(ctx, entreprise, id, rec.Version, rec.Contract)
			if err == nil {
				fmt.Printf("save %s %d %s\n", id, saved.Version, saved.Contract.Apprenti.Prenom)
			}
		}
	}
}
