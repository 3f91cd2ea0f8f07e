package e2e

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"cerfadesk/core/opcoapi"
	"cerfadesk/core/sync"
	"cerfadesk/storage/opcopg/pgtest"
)

// cluster is a PostgreSQL of the test's own (it is restarted: the shared
// test cluster serves the other packages meanwhile).
type cluster struct {
	t    *testing.T
	bin  string
	data string
	log  string
	url  string
	as   []string // runuser -u postgres -- when root
}

func (c *cluster) run(name string, args ...string) {
	c.t.Helper()
	full := append(append(append([]string(nil), c.as...), filepath.Join(c.bin, name)), args...)
	out, err := exec.Command(full[0], full[1:]...).CombinedOutput()
	if err != nil {
		c.t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

func newCluster(t *testing.T) *cluster {
	t.Helper()
	pgtest.BaseURL(t)
	c := &cluster{t: t, bin: os.Getenv("CERFADESK_TEST_PG_BIN")}
	if c.bin == "" {
		c.bin = "/usr/lib/postgresql/15/bin"
	}
	dir, err := os.MkdirTemp("", "cerfadesk-pgrestart-")
	if err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 { // the server refuses to run as root
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("running as root needs the postgres user: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		os.Chown(dir, uid, gid)
		c.as = []string{"runuser", "-u", "postgres", "--"}
	}
	c.data = filepath.Join(dir, "data")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	c.run("initdb", "-D", c.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
	c.log = filepath.Join(dir, "server.log")
	c.run("pg_ctl", "-D", c.data, "-l", c.log, "-w", "-o",
		fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s", port, dir), "start")
	t.Cleanup(func() {
		full := append(append([]string(nil), c.as...), filepath.Join(c.bin, "pg_ctl"), "-D", c.data, "-m", "immediate", "stop")
		exec.Command(full[0], full[1:]...).Run()
		os.RemoveAll(dir)
	})
	c.url = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	return c
}

// restart restarts the server (fast: sessions are cut) and waits for it.
func (c *cluster) restart() error {
	full := append(append([]string(nil), c.as...), filepath.Join(c.bin, "pg_ctl"), "-D", c.data, "-l", c.log, "-m", "fast", "-w", "restart")
	// No pipe: the restarted server would hold it open forever.
	return exec.Command(full[0], full[1:]...).Run()
}

// PostgreSQL restarted under load: the instances answer 503 meanwhile,
// then serve again by themselves; every acknowledged push is stored once.
func TestPostgresRestartUnderLoad(t *testing.T) {
	pg := newCluster(t)
	srv := startInstances(t, serverOptions{sync: "normal", quiet: true, dbURL: pg.url}, entrepriseAcct, agentAcct)
	content := exampleBytes(t)
	ctx := context.Background()
	first := clientOn(t, srv.insts[0], entrepriseAcct)
	var clients []*sync.Client
	for _, in := range srv.insts {
		c := sync.NewClient(in.url)
		c.SetToken(first.Token())
		clients = append(clients, c)
	}
	const workers, each = 6, 40
	var (
		mu          gosync.Mutex
		acked       = map[string]bool{}
		unavailable atomic.Int64
		pushed      atomic.Int64
		restarted   = make(chan struct{})
		once        gosync.Once
		wg          gosync.WaitGroup
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if pushed.Add(1) == workers*each/4 {
					once.Do(func() {
						go func() {
							defer close(restarted)
							if err := pg.restart(); err != nil {
								t.Errorf("pg_ctl restart: %v", err)
							}
						}()
					})
				}
				id, req := uuid.NewString(), opcoapi.TransmitRequest{MessageID: uuid.NewString(), Contract: content, At: time.Now()}
				deadline := time.Now().Add(60 * time.Second)
				for {
					_, err := clients[(w+i)%len(clients)].Transmit(ctx, id, req)
					if err == nil {
						break
					}
					if ae := apiErr(err); ae == nil || ae.Code != opcoapi.CodeUnavailable {
						t.Errorf("push %s: %v, want success or 503", id, err)
						return
					}
					unavailable.Add(1)
					if time.Now().After(deadline) {
						t.Errorf("push %s: still 503 after a minute", id)
						return
					}
					time.Sleep(50 * time.Millisecond) // the app's back-off, shortened
				}
				mu.Lock()
				acked[id] = true
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	<-restarted
	t.Logf("%d pushes acknowledged, %d answers 503 while PostgreSQL restarted", len(acked), unavailable.Load())
	if unavailable.Load() == 0 {
		t.Error("no 503 seen: PostgreSQL did not restart under the pushes")
	}
	for _, in := range srv.insts { // both serve again by themselves
		if _, err := sync.NewClient(in.url).Health(ctx); err != nil {
			t.Errorf("%s after the restart: %v", in.url, err)
		}
	}
	agent := clientOn(t, srv.insts[1], agentAcct)
	seen := map[string]int{}
	for after := ""; ; {
		q, err := agent.QueuePage(ctx, after, 500)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range q.Contracts {
			seen[c.ID]++
		}
		if !q.More {
			break
		}
		after = q.Cursor
	}
	if len(seen) != len(acked) || len(acked) != workers*each {
		t.Errorf("%d contracts stored, %d acknowledged of %d pushed", len(seen), len(acked), workers*each)
	}
	for id := range acked {
		if seen[id] != 1 {
			t.Errorf("acknowledged push %s stored %d times", id, seen[id])
		}
	}
}
