package e2e

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"cerfadesk/storage/opcopg/pgtest"
)

// The whole suite again, each test's service being two opco-server
// instances on one PostgreSQL database behind a round-robin balancer: every
// scenario, fault and authorisation test then crosses instances at each
// request. It runs as a child of this test binary with $E2E_BACKEND set.
func TestOnPostgres(t *testing.T) {
	if os.Getenv(BackendEnv) != "" {
		t.Skip("this run is already on its backend")
	}
	pgtest.BaseURL(t) // skips without PostgreSQL, fails under make test
	args := []string{"-test.run", "^Test", "-test.skip", "^TestOnPostgres$", "-test.count=1"}
	if testing.Verbose() {
		args = append(args, "-test.v")
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), BackendEnv+"=postgres", serverBinEnv+"="+serverBin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the e2e suite on two instances over PostgreSQL failed: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "PASS") {
		t.Fatalf("the child run passed no test:\n%s", out)
	}
	t.Logf("e2e suite on two instances over PostgreSQL:\n%s", lastLines(string(out), 3))
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
