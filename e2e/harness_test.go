package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	"cerfadesk/storage/opcopg/pgtest"
)

// serverBin is the opco-server binary TestMain builds.
var serverBin string

func TestMain(m *testing.M) {
	if dir := os.Getenv(childSyncEnv); dir != "" {
		os.Exit(childSync(dir))
	}
	dir, err := os.MkdirTemp("", "cerfadesk-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	serverBin = filepath.Join(dir, "opco-server")
	if bin := os.Getenv(serverBinEnv); bin != "" { // another build, to compare (benchmarks)
		serverBin = bin
		code := m.Run()
		os.RemoveAll(dir)
		os.Exit(code)
	}
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	build := exec.Command(gobin, "build", "-o", serverBin, "cerfadesk/cmd/opco-server")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build opco-server: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// serverBinEnv names an opco-server binary to run instead of the one
// TestMain builds: to measure an older build with the same benchmarks.
const serverBinEnv = "E2E_OPCO_SERVER"

// fakeToday is the service's day in the scenarios: two days after the
// example contract's start (2025-09-01), so a transmission is in time.
const fakeToday = "2025-09-03T09:00:00+02:00"

// account is an account the harness creates on the service.
type account struct {
	role, login, email, siret, password string
}

var (
	entrepriseAcct = account{"entreprise", "leroux", "rh@maison-leroux.example", "83475962300012", "mot-de-passe-entreprise"}
	cfaAcct        = account{"cfa", "cfa-lyon", "contact@cfa-lyon.example", "", "mot-de-passe-cfa-lyon"}
	agentAcct      = account{"agent", "agent", "agent@opcommerce.example", "", "mot-de-passe-agent"}
	otherAcct      = account{"entreprise", "autre", "rh@autre.example", "73282932000074", "mot-de-passe-autre"}
	otherCFAAcct   = account{"cfa", "cfa-paris", "contact@cfa-paris.example", "", "mot-de-passe-cfa-paris"}
)

// instance is an opco-server process on loopback.
type instance struct {
	t    testing.TB
	dir  string
	db   string // --db ("" = SQLite in dir)
	sync string // --sqlite-sync
	// quiet logs at info level: no line per request (the load test, where
	// reading them would cost the machine's CPU).
	quiet bool
	addr  string // host:port, kept across restarts
	smtp  string
	now   string // $OPCO_FAKE_NOW ("" = fakeToday)
	demo  bool
	cmd   *exec.Cmd
	url   string

	mu  gosync.Mutex
	log bytes.Buffer
}

// startServer creates the accounts and starts opco-server on a free port
// with its e-mails going to smtpAddr ("" = the log).
func startServer(t testing.TB, smtpAddr string, accounts ...account) *server {
	return startServerWith(t, serverOptions{smtp: smtpAddr, sync: "normal"}, accounts...)
}

// serverOptions are the choices of startServerWith.
type serverOptions struct {
	smtp  string // "" writes the e-mails to the log
	sync  string // --sqlite-sync
	quiet bool   // no log line per request
	now   string // the service's clock at start, RFC 3339 ("" = fakeToday)
	// postgres runs instances (default 2) on one new PostgreSQL database
	// behind a round-robin balancer; $E2E_BACKEND=postgres sets it for
	// every test.
	postgres  bool
	instances int
	demo      bool   // --demo on every instance
	dbURL     string // the PostgreSQL database to use ("" = a new schema of the test cluster)
}

// BackendEnv, set to "postgres", runs every test's service as two
// instances on one PostgreSQL database (TestOnPostgres does).
const BackendEnv = "E2E_BACKEND"

// startServerWith is startServer with options.
func startServerWith(t testing.TB, opt serverOptions, accounts ...account) *server {
	t.Helper()
	if os.Getenv(BackendEnv) == "postgres" {
		opt.postgres = true
	}
	s := &server{t: t}
	n := 1
	if opt.postgres {
		s.db = opt.dbURL
		if s.db == "" {
			s.db = pgtest.URL(t)
		}
		n = 2
		if opt.instances > 0 {
			n = opt.instances
		}
		migrate := exec.Command(serverBin, "migrate", "--db", s.db)
		if out, err := migrate.CombinedOutput(); err != nil {
			t.Fatalf("opco-server migrate: %v\n%s", err, out)
		}
	}
	for i := 0; i < n; i++ {
		s.insts = append(s.insts, &instance{t: t, dir: t.TempDir(), db: s.db, smtp: opt.smtp, addr: "127.0.0.1:0",
			sync: opt.sync, quiet: opt.quiet, now: opt.now, demo: opt.demo})
	}
	s.dir = s.insts[0].dir
	for _, a := range accounts {
		s.addUser(a)
	}
	for _, in := range s.insts {
		in.start()
	}
	t.Cleanup(s.stop)
	if n == 1 {
		s.url = s.insts[0].url
		return s
	}
	s.lb = httptest.NewServer(&balancer{s: s})
	t.Cleanup(s.lb.Close)
	s.url = s.lb.URL
	return s
}

func (s *server) addUser(a account) {
	s.t.Helper()
	args := []string{"user", "add", "--data", s.dir, "--role", a.role, "--login", a.login, "--email", a.email}
	if s.db != "" {
		args = append(args, "--db", s.db)
	}
	if a.siret != "" {
		args = append(args, "--siret", a.siret)
	}
	cmd := exec.Command(serverBin, args...)
	cmd.Stdin = strings.NewReader(a.password + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Fatalf("user add %s: %v\n%s", a.login, err, out)
	}
}

// server is the OPCO service of a test: one opco-server process on SQLite,
// or several on one PostgreSQL database behind a round-robin balancer
// (what an OPCO's load balancer does). Its url is what clients use.
type server struct {
	t   testing.TB
	dir string // the first instance's data folder
	db  string // the PostgreSQL URL, "" for SQLite
	url string

	insts []*instance
	lb    *httptest.Server
}

// kill stops every instance at once (SIGKILL), as a crash would.
func (s *server) kill() {
	for _, in := range s.insts {
		in.kill()
	}
}

// restart starts every instance again on its address and data.
func (s *server) restart() {
	s.t.Helper()
	for _, in := range s.insts {
		in.restart()
	}
}

// stop stops every instance gracefully and checks they exit cleanly.
func (s *server) stop() {
	for _, in := range s.insts {
		in.stop()
	}
}

// pid is the first instance's process id; pids all of them.
func (s *server) pid() int { return s.insts[0].pid() }

func (s *server) pids() []int {
	var out []int
	for _, in := range s.insts {
		out = append(out, in.pid())
	}
	return out
}

// target is the URL clients use, safe to read from another goroutine.
func (s *server) target() string { return s.url }

func (s *server) logText() string {
	var b strings.Builder
	for i, in := range s.insts {
		fmt.Fprintf(&b, "== instance %d\n%s", i, in.logText())
	}
	return b.String()
}

// balancer spreads requests over the live instances in turn. With none
// alive, or when one dies under a request, the connection drops: the
// client sees the service unreachable, as without a balancer.
type balancer struct {
	s    *server
	next atomic.Uint64
	tr   http.Transport
}

func (b *balancer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var live []string
	for _, in := range b.s.insts {
		if in.pid() != 0 {
			live = append(live, in.target())
		}
	}
	if len(live) == 0 {
		panic(http.ErrAbortHandler)
	}
	u, _ := url.Parse(live[b.next.Add(1)%uint64(len(live))])
	p := httputil.NewSingleHostReverseProxy(u)
	p.Transport = &b.tr
	p.ErrorHandler = func(http.ResponseWriter, *http.Request, error) { panic(http.ErrAbortHandler) }
	p.ServeHTTP(w, r)
}

// start runs the binary and waits for its "started" line.
func (s *instance) start() {
	s.t.Helper()
	level := "debug"
	if s.quiet {
		level = "info"
	}
	args := []string{"--addr", s.addr, "--data", s.dir, "--sqlite-sync", s.sync, "--log-level", level}
	if s.db != "" {
		args = append(args, "--db", s.db)
	}
	if s.demo {
		args = append(args, "--demo")
	}
	if s.smtp != "" {
		args = append(args, "--smtp", s.smtp)
	}
	cmd := exec.Command(serverBin, args...)
	now := s.now
	if now == "" {
		now = fakeToday
	}
	cmd.Env = append(os.Environ(), "OPCO_FAKE_NOW="+now)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		s.t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.mu.Lock()
	s.cmd = cmd
	s.mu.Unlock()
	started := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			s.mu.Lock()
			s.log.WriteString(line + "\n")
			s.mu.Unlock()
			if strings.Contains(line, "opco-server started") {
				for _, f := range strings.Fields(line) {
					if u, ok := strings.CutPrefix(f, "url="); ok {
						started <- u
					}
				}
			}
		}
		close(started)
	}()
	select {
	case u, ok := <-started:
		if !ok {
			s.t.Fatalf("opco-server exited before starting:\n%s", s.logText())
		}
		s.mu.Lock()
		s.url = u
		s.addr = strings.TrimPrefix(u, "http://")
		s.mu.Unlock()
	case <-time.After(30 * time.Second):
		s.t.Fatalf("opco-server did not start:\n%s", s.logText())
	}
}

func (s *instance) logText() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// kill stops the server at once (SIGKILL), as a crash would.
func (s *instance) kill() {
	s.mu.Lock()
	cmd := s.cmd
	s.cmd = nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Kill()
	cmd.Wait()
}

// pid is the server process's id.
func (s *instance) pid() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// target is the server's URL, safe to read from another goroutine.
func (s *instance) target() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// stop stops the server gracefully (SIGTERM) and checks it exits cleanly.
func (s *instance) stop() {
	s.mu.Lock()
	cmd := s.cmd
	s.cmd = nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			s.t.Errorf("opco-server exit: %v\n%s", err, s.logText())
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		s.t.Errorf("opco-server did not stop on SIGTERM")
	}
}

// restart starts the server again on the same address and data.
func (s *instance) restart() {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ln, err := net.Listen("tcp", s.addr)
		if err == nil {
			ln.Close()
			break
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("port %s still busy: %v", s.addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.start()
}

// waitFor polls cond until it holds or 10 s pass; it is for what another
// process does in its own time (an e-mail leaving the server's queue).
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

var _ = context.Background
