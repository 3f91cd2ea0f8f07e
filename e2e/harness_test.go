package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	gosync "sync"
	"testing"
	"time"
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

// server is an opco-server process on loopback.
type server struct {
	t    testing.TB
	dir  string
	sync string // --sqlite-sync
	// quiet logs at info level: no line per request (the load test, where
	// reading them would cost the machine's CPU).
	quiet bool
	addr  string // host:port, kept across restarts
	smtp  string
	now   string // $OPCO_FAKE_NOW ("" = fakeToday)
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
}

// startServerWith is startServer with options.
func startServerWith(t testing.TB, opt serverOptions, accounts ...account) *server {
	t.Helper()
	s := &server{t: t, dir: t.TempDir(), smtp: opt.smtp, addr: "127.0.0.1:0", sync: opt.sync, quiet: opt.quiet, now: opt.now}
	for _, a := range accounts {
		s.addUser(a)
	}
	s.start()
	t.Cleanup(s.stop)
	return s
}

func (s *server) addUser(a account) {
	s.t.Helper()
	args := []string{"user", "add", "--data", s.dir, "--role", a.role, "--login", a.login, "--email", a.email}
	if a.siret != "" {
		args = append(args, "--siret", a.siret)
	}
	cmd := exec.Command(serverBin, args...)
	cmd.Stdin = strings.NewReader(a.password + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Fatalf("user add %s: %v\n%s", a.login, err, out)
	}
}

// start runs the binary and waits for its "started" line.
func (s *server) start() {
	s.t.Helper()
	level := "debug"
	if s.quiet {
		level = "info"
	}
	args := []string{"--addr", s.addr, "--data", s.dir, "--sqlite-sync", s.sync, "--log-level", level}
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

func (s *server) logText() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// kill stops the server at once (SIGKILL), as a crash would.
func (s *server) kill() {
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
func (s *server) pid() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// target is the server's URL, safe to read from another goroutine.
func (s *server) target() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// stop stops the server gracefully (SIGTERM) and checks it exits cleanly.
func (s *server) stop() {
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
func (s *server) restart() {
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
