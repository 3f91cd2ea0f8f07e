package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"cerfadesk/core/opco"
	"cerfadesk/core/opcoapi"
)

var cheap = opco.PasswordParams{Memory: 64, Time: 1, Threads: 1}

func TestUserAddAndList(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	code := run([]string{"user", "add", "--data", dir, "--role", "entreprise", "--login", "leroux",
		"--email", "rh@maison-leroux.example", "--siret", "834 759 623 00012"}, strings.NewReader("un-long-mot-de-passe\n"), &out, &errb)
	if code != 0 || !strings.Contains(out.String(), "compte leroux créé") {
		t.Fatalf("user add: %d %q %q", code, out.String(), errb.String())
	}
	errb.Reset()
	code = run([]string{"user", "add", "--data", dir, "--role", "entreprise", "--login", "sans-siret",
		"--email", "a@b.example"}, strings.NewReader("un-long-mot-de-passe\n"), &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "SIRET") {
		t.Fatalf("entreprise without SIRET: %d %q", code, errb.String())
	}
	errb.Reset()
	code = run([]string{"user", "add", "--data", dir, "--role", "agent", "--login", "court",
		"--email", "a@b.example"}, strings.NewReader("court\n"), &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "trop court") {
		t.Fatalf("short password: %d %q", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"user", "list", "--data", dir}, nil, &out, &errb); code != 0 || !strings.Contains(out.String(), "83475962300012") {
		t.Fatalf("user list: %d %q", code, out.String())
	}
}

func TestMainServesAndStops(t *testing.T) {
	m := NewMain()
	var stdout, stderr bytes.Buffer
	m.Stdout, m.Stderr, m.Passwords = &stdout, &stderr, cheap
	if err := m.ParseFlags([]string{"--addr", "127.0.0.1:0", "--data", t.TempDir(), "--demo", "--sqlite-sync", "normal"}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if !strings.Contains(stderr.String(), "mailer=\"folder") || !strings.Contains(stdout.String(), "demo-entreprise") {
		t.Errorf("start-up output: %q / %q", stdout.String(), stderr.String())
	}
	resp, err := http.Get(m.URL() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var h opcoapi.Health
	json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	if resp.StatusCode != 200 || h.Status != "ok" || h.OPCO != "Opcommerce" {
		t.Fatalf("healthz: %d %+v", resp.StatusCode, h)
	}
	body, _ := json.Marshal(opcoapi.LoginRequest{Login: "agent", Password: "demo-agent-2026"})
	resp, err = http.Post(m.URL()+"/v1/sessions", "application/json", bytes.NewReader(body))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("demo login: %v %v", err, resp.Status)
	}
	resp.Body.Close()
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(m.URL() + "/healthz"); err == nil {
		t.Error("the server still answers after Close")
	}
}

func TestParseFlagsErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"cert without key", []string{"--tls-cert", "c.pem"}},
		{"stray argument", []string{"serve"}},
		{"unknown flag", []string{"--nope"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMain()
			m.Stderr = &bytes.Buffer{}
			if err := m.ParseFlags(tt.args); err == nil {
				t.Error("accepted")
			}
		})
	}
}

// A non-loopback address needs TLS or the operator's --behind-tls-proxy;
// --demo is only for loopback (issue 14, point 4).
func TestExposureRefused(t *testing.T) {
	tests := []struct {
		name string
		args []string
		ok   bool
		msg  string
	}{
		{"loopback v4", []string{"--addr", "127.0.0.1:0"}, true, ""},
		{"loopback v6", []string{"--addr", "[::1]:0"}, true, ""},
		{"localhost with demo", []string{"--addr", "localhost:0", "--demo"}, true, ""},
		{"every interface, plain", []string{"--addr", "0.0.0.0:8773"}, false, "--behind-tls-proxy"},
		{"empty host, plain", []string{"--addr", ":8773"}, false, "en clair"},
		{"public address, plain", []string{"--addr", "192.0.2.10:8773"}, false, "--tls-cert"},
		{"behind a TLS proxy", []string{"--addr", "0.0.0.0:8773", "--behind-tls-proxy"}, true, ""},
		{"TLS", []string{"--addr", "0.0.0.0:8773", "--tls-cert", "c.pem", "--tls-key", "k.pem"}, true, ""},
		{"demo on every interface behind a proxy", []string{"--addr", "0.0.0.0:8773", "--behind-tls-proxy", "--demo"}, false, "--demo"},
		{"demo with TLS on a public address", []string{"--addr", "192.0.2.10:443", "--tls-cert", "c.pem", "--tls-key", "k.pem", "--demo"}, false, "bouclage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMain()
			m.Stderr = &bytes.Buffer{}
			err := m.ParseFlags(tt.args)
			if tt.ok != (err == nil) {
				t.Fatalf("ParseFlags(%v) = %v, want ok=%v", tt.args, err, tt.ok)
			}
			if err != nil && !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q does not say %q", err, tt.msg)
			}
		})
	}
}
