package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"cerfadesk/core/opco"
	"cerfadesk/core/opcohttp"
	"cerfadesk/core/refcheck"
	"cerfadesk/storage/opcostore"
)

// MailDir is the folder of the data folder where the e-mails are written
// when no --smtp is given.
const MailDir = "courriels"

// DataEnv names the data folder when --data is absent.
const DataEnv = "OPCO_DATA"

// DBEnv names the database when --db is absent: postgres://… for
// PostgreSQL; empty for the embedded SQLite of the data folder.
const DBEnv = "OPCO_DB"

// FakeNowEnv, when set to an RFC 3339 time, starts the service's clock
// there (it then advances with the real one): for end-to-end tests and
// demonstrations of dated scenarios only. The start-up log says so.
const FakeNowEnv = "OPCO_FAKE_NOW"

// Main is the server program: its configuration from the flags, and what
// Run starts. End-to-end tests drive it directly (ParseFlags, Run, URL,
// Close), so the binary's wiring is itself under test.
type Main struct {
	Addr    string
	DataDir string
	// DB is the database URL (--db, $OPCO_DB): postgres://… for a
	// PostgreSQL that several instances share; "" for SQLite in DataDir.
	DB          string
	TLSCert     string
	TLSKey      string
	SMTP        string
	MailFrom    string
	OPCO        string
	SessionTTL  time.Duration
	Synchronous string
	Demo        bool
	// BehindTLSProxy is the operator's word that a TLS reverse proxy
	// (nginx, Caddy, a load balancer) sits in front: it lets the server
	// listen in plain HTTP on a non-loopback address.
	BehindTLSProxy bool
	LogFormat      string
	LogLevel       string

	Stdout, Stderr io.Writer
	// Now is the service's clock (time.Now by default; tests fix it).
	Now func() time.Time
	// Passwords are the argon2id parameters of new hashes (tests lower them).
	Passwords opco.PasswordParams
	// Mailer, when set before Run, replaces the one --smtp chooses.
	Mailer opco.Mailer

	Store   opco.Store
	Service *opco.Service
	Log     *slog.Logger

	ln     net.Listener
	srv    *http.Server
	cancel context.CancelFunc
	done   chan error
	mailer chan struct{}
	// fakeNow is $OPCO_FAKE_NOW when it set the clock.
	fakeNow string
	// lock holds the data folder (lockDataDir) until Close.
	lock *os.File
	// where says which store serves, for the start-up log.
	where string
}

// NewMain returns a Main with the defaults.
func NewMain() *Main {
	return &Main{Addr: "127.0.0.1:8740", Stdout: os.Stdout, Stderr: os.Stderr, Now: time.Now, done: make(chan error, 1)}
}

// ParseFlags reads the command line.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("opco-server", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.StringVar(&m.Addr, "addr", m.Addr, "adresse d'écoute host:port (\":0\" choisit un port libre)")
	fs.StringVar(&m.DataDir, "data", "", "dossier des données (défaut : $"+DataEnv+", sinon ./opco-data)")
	fs.StringVar(&m.DB, "db", "", "base de données : postgres://… (PostgreSQL, partagée par plusieurs instances) ; sans elle, SQLite dans --data (défaut : $"+DBEnv+")")
	fs.StringVar(&m.TLSCert, "tls-cert", "", "certificat TLS (PEM) ; avec --tls-key, le service parle HTTPS")
	fs.StringVar(&m.TLSKey, "tls-key", "", "clé privée TLS (PEM)")
	fs.StringVar(&m.SMTP, "smtp", "", "serveur SMTP host:port pour les courriels ; sans lui, les courriels sont écrits dans DOSSIER/"+MailDir)
	fs.StringVar(&m.MailFrom, "mail-from", "ne-pas-repondre@opcommerce.example", "expéditeur des courriels")
	fs.StringVar(&m.OPCO, "opco", "", "nom de l'OPCO (défaut : Opcommerce)")
	fs.DurationVar(&m.SessionTTL, "session-ttl", 12*time.Hour, "durée d'une session")
	fs.StringVar(&m.Synchronous, "sqlite-sync", "FULL", "FULL (une réponse vaut écriture sur disque) ou NORMAL")
	fs.BoolVar(&m.Demo, "demo", false, "crée les comptes de démonstration (entreprise, cfa, agent) s'ils manquent et les affiche ; sur une adresse de bouclage seulement")
	fs.BoolVar(&m.BehindTLSProxy, BehindTLSProxyFlag, false, "un proxy TLS (HTTPS) est devant le service : HTTP simple permis sur une adresse qui n'est pas de bouclage")
	fs.StringVar(&m.LogFormat, "log-format", "text", "format du journal : text ou json")
	fs.StringVar(&m.LogLevel, "log-level", "info", "niveau du journal : debug (une ligne par requête), info, warn, error")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("argument inattendu %q (opco-server -h pour l'aide)", fs.Arg(0))
	}
	if (m.TLSCert == "") != (m.TLSKey == "") {
		return errors.New("--tls-cert et --tls-key vont ensemble")
	}
	if err := m.checkExposure(); err != nil {
		return err
	}
	if m.DataDir == "" {
		m.DataDir = os.Getenv(DataEnv)
	}
	if m.DB == "" {
		m.DB = os.Getenv(DBEnv)
	}
	if m.DataDir == "" {
		m.DataDir = "opco-data"
	}
	if v := os.Getenv(FakeNowEnv); v != "" {
		start, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return fmt.Errorf("$%s %q : date RFC 3339 attendue", FakeNowEnv, v)
		}
		real := time.Now()
		m.Now = func() time.Time { return start.Add(time.Since(real)) }
		m.fakeNow = v
	}
	return nil
}

// BehindTLSProxyFlag is the flag that allows plain HTTP on a non-loopback
// address (docs/api.md, « Exposing the service »).
const BehindTLSProxyFlag = "behind-tls-proxy"

// checkExposure refuses to serve passwords and tokens in clear text to the
// network: a non-loopback address needs --tls-cert/--tls-key, or the
// operator's --behind-tls-proxy; --demo (published passwords) is refused on
// a non-loopback address whatever the TLS.
func (m *Main) checkExposure() error {
	if loopbackAddr(m.Addr) {
		return nil
	}
	if m.Demo {
		return fmt.Errorf("--demo crée des comptes aux mots de passe publiés : il n'est permis que sur une adresse de bouclage (127.0.0.1, [::1], localhost), pas sur %q", m.Addr)
	}
	if m.TLSCert == "" && !m.BehindTLSProxy {
		return fmt.Errorf("l'adresse %q n'est pas une adresse de bouclage : les mots de passe y circuleraient en clair. Donnez --tls-cert et --tls-key, ou --%s si un proxy TLS (HTTPS) est devant le service", m.Addr, BehindTLSProxyFlag)
	}
	return nil
}

// loopbackAddr reports whether host:port only listens on this machine: a
// loopback IP or "localhost". An empty host (":8740") listens everywhere.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (m *Main) logger() (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(m.LogLevel)); err != nil {
		return nil, fmt.Errorf("--log-level %q: debug, info, warn ou error", m.LogLevel)
	}
	opt := &slog.HandlerOptions{Level: level}
	switch m.LogFormat {
	case "json":
		return slog.New(slog.NewJSONHandler(m.Stderr, opt)), nil
	case "text", "":
		return slog.New(slog.NewTextHandler(m.Stderr, opt)), nil
	}
	return nil, fmt.Errorf("--log-format %q: text ou json", m.LogFormat)
}

// privateDir creates the data folder 0700 (it holds the e-mails written
// without --smtp, and with SQLite the database and documents: password
// hashes and apprentices' personal data).
func privateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("dossier de données %q : %w", dir, err)
	}
	if runtime.GOOS != "windows" {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("dossier de données %q : %w", dir, err)
		}
	}
	return nil
}

// openService locks the data folder for this server (lockDataDir), then
// opens the store --db names (PostgreSQL), or the SQLite database and
// documents of the data folder (whose temporary uploads it clears: only
// the folder's owner may), and the service on it.
func openService(ctx context.Context, dbURL, dir, synchronous string, log *slog.Logger) (*os.File, opcostore.Opened, *opco.Service, error) {
	if err := privateDir(dir); err != nil {
		return nil, opcostore.Opened{}, nil, err
	}
	lock, err := lockDataDir(dir)
	if err != nil {
		return nil, opcostore.Opened{}, nil, err
	}
	o, err := opcostore.Open(ctx, dbURL, opcostore.Options{DataDir: dir, Synchronous: synchronous, Log: log})
	if err != nil {
		lock.Close()
		return nil, opcostore.Opened{}, nil, err
	}
	return lock, o, opco.NewService(o.Store, o.Contents), nil
}

// Run opens the data folder, starts the mailer and the HTTP server, and
// returns once the server listens (or failed to). Done reports when it
// stops on its own.
func (m *Main) Run(ctx context.Context) error {
	log, err := m.logger()
	if err != nil {
		return err
	}
	m.Log = log
	lock, opened, svc, err := openService(ctx, m.DB, m.DataDir, m.Synchronous, log)
	if err != nil {
		return err
	}
	m.lock, m.Store, m.Service, m.where = lock, opened.Store, svc, opened.Kind+" "+opened.Where
	svc.Log, svc.Now, svc.MailFrom, svc.SessionTTL, svc.Passwords = log, m.Now, m.MailFrom, m.SessionTTL, m.Passwords
	if m.OPCO != "" {
		svc.OPCO.Nom = m.OPCO
	}
	svc.Referential = refcheck.Default()
	if m.Demo {
		if err := m.createDemo(ctx); err != nil {
			return err
		}
	}
	mailer := m.Mailer
	if mailer == nil && m.SMTP != "" {
		mailer = opco.SMTPMailer{Addr: m.SMTP}
	}
	if mailer == nil {
		mailer = opco.DirMailer{Dir: filepath.Join(m.DataDir, MailDir), Log: log}
	}

	ln, err := net.Listen("tcp", m.Addr)
	if err != nil {
		return fmt.Errorf("écoute sur %s : %w", m.Addr, err)
	}
	m.ln = ln
	loops, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.mailer = make(chan struct{})
	go func() {
		defer close(m.mailer)
		svc.RunMailer(loops, mailer)
	}()
	m.srv = &http.Server{
		Handler:           opcohttp.NewHandler(svc),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	go func() {
		var err error
		if m.TLSCert != "" {
			err = m.srv.ServeTLS(ln, m.TLSCert, m.TLSKey)
		} else {
			err = m.srv.Serve(ln)
		}
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		m.done <- err
	}()
	if m.fakeNow != "" {
		log.Warn("the service's clock is fake ($"+FakeNowEnv+"): for tests and demonstrations only", "start", m.fakeNow)
	}
	log.Info("opco-server started", "url", m.URL(), "store", m.where, "opco", svc.OPCO.Nom,
		"mailer", mailer.String(), "tls", m.TLSCert != "", "behind_tls_proxy", m.BehindTLSProxy, "sqlite_sync", strings.ToUpper(m.Synchronous))
	return nil
}

// URL is the server's base URL once Run returned.
func (m *Main) URL() string {
	if m.ln == nil {
		return ""
	}
	scheme := "http"
	if m.TLSCert != "" {
		scheme = "https"
	}
	return scheme + "://" + m.ln.Addr().String()
}

// Done is closed… receives the serve loop's error when it stops.
func (m *Main) Done() <-chan error { return m.done }

// Close stops the server gracefully: no new connection, the requests in
// flight finish (10 s at most), the mailer stops, the database closes.
func (m *Main) Close() error {
	var errs []error
	if m.srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if err := m.srv.Shutdown(ctx); err != nil {
			errs = append(errs, err)
		}
		cancel()
	}
	if m.cancel != nil {
		m.cancel()
		<-m.mailer
	}
	if m.Store != nil {
		errs = append(errs, m.Store.Close())
		m.Store = nil
	}
	if m.lock != nil {
		m.lock.Close() // releases the lock
		m.lock = nil
	}
	if m.Log != nil && m.srv != nil {
		m.Log.Info("opco-server stopped")
	}
	m.srv = nil
	return errors.Join(errs...)
}
