package opco

import (
	"log/slog"
	gosync "sync"
	"time"

	"github.com/google/uuid"

	"cerfadesk/core/civil"
	"cerfadesk/core/pdf"
	"cerfadesk/core/rules"
	"cerfadesk/core/workflow"
)

// Service is the OPCO service: accounts and sessions, the contracts pushed
// by employers and CFAs (re-validated with core/rules, moved with
// core/workflow's transition table, recorded in an append-only history),
// the agents' decisions with their letters (core/pdf), and the e-mails to
// employers. The HTTP layer (Handler) only decodes, calls and encodes.
type Service struct {
	// Store holds the service's data; Contents the documents' contents
	// (a folder beside SQLite, or PostgreSQL itself).
	Store    Store
	Contents Contents
	// OPCO is the letters' sender; its Nom names the OPCO everywhere
	// ("Transmis à l'Opcommerce"). Empty Nom means workflow.DefaultOPCO.
	OPCO pdf.Sender
	// Referential answers the rules' referential questions (nil: none).
	Referential rules.Referential
	// Now is the clock; today is its civil date in its location.
	Now func() time.Time
	// NewID generates the UUIDs of letters.
	NewID func() string
	// SessionTTL is how long a session lasts (default 12 h).
	SessionTTL time.Duration
	// Passwords are the argon2id parameters of new hashes (zero: default).
	Passwords PasswordParams
	// MailFrom is the sender address of e-mails.
	MailFrom string
	Log      *slog.Logger

	limiter  *loginLimiter
	hashes   *hashGate
	mailWake chan struct{}
	sessions gosync.Map // token hash → cachedSession
	// sessionsMu orders remembering a session with forgetting a closed one
	// (the store's listener).
	sessionsMu    gosync.Mutex
	watchSessions gosync.Once
}

// NewService returns a service on a store and its documents' contents
// with the real clock, the default OPCO and a login limit of 5 failures in
// 5 minutes per login and per client address.
func NewService(st Store, contents Contents) *Service {
	return &Service{
		Store:    st,
		Contents: contents,
		OPCO:     DefaultSender(),
		Now:      time.Now,
		NewID:    uuid.NewString,
		Log:      slog.Default(),
		MailFrom: "ne-pas-repondre@opcommerce.example",
		limiter:  newLoginLimiter(5, 5*time.Minute),
		hashes:   newHashGate(),
		mailWake: make(chan struct{}, 1),
	}
}

// DefaultSender is the OPCO of the letters when the configuration names
// none: Opcommerce, its head office and service.
func DefaultSender() pdf.Sender {
	return pdf.Sender{
		Nom:       workflow.DefaultOPCO,
		Adresse:   []string{"251 boulevard Pereire", "75017 Paris"},
		Siret:     "",
		Telephone: "01 55 37 41 51",
		Courriel:  "alternance@opcommerce.example",
		Ville:     "Paris",
		Service:   "Service Alternance",
	}
}

// SetLoginLimit changes the login limit: max failures per window.
func (s *Service) SetLoginLimit(max int, window time.Duration) {
	s.limiter = newLoginLimiter(max, window)
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) today() civil.Date { return civil.Of(s.now()) }

func (s *Service) newID() string {
	if s.NewID != nil {
		return s.NewID()
	}
	return uuid.NewString()
}

func (s *Service) opcoName() string {
	if s.OPCO.Nom == "" {
		return workflow.DefaultOPCO
	}
	return s.OPCO.Nom
}

func (s *Service) sessionTTL() time.Duration {
	if s.SessionTTL > 0 {
		return s.SessionTTL
	}
	return 12 * time.Hour
}

func (s *Service) passwordParams() PasswordParams {
	if s.Passwords.Memory == 0 {
		return DefaultPasswordParams
	}
	return s.Passwords
}

func (s *Service) log() *slog.Logger {
	if s.Log == nil {
		return slog.Default()
	}
	return s.Log
}

// Name is the OPCO's name, as the letters and the statuses say it.
func (s *Service) Name() string { return s.opcoName() }

// Logger is the service's log.
func (s *Service) Logger() *slog.Logger { return s.log() }
