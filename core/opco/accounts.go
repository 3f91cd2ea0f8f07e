package opco

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/mail"
	"strings"
	"sync"
	"time"

	"cerfadesk/core/ident"
	"cerfadesk/core/opco/store"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// NewAccount is an account to create, with its clear-text password.
type NewAccount struct {
	Login, Email, Siret, Name string
	Role                      workflow.Role
	Password                  string
}

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// CreateAccount checks and stores a new account; its password is hashed
// with argon2id. An existing login is CodeConflict.
func (s *Service) CreateAccount(ctx context.Context, n NewAccount) (Account, error) {
	n.Login = strings.TrimSpace(n.Login)
	n.Email = strings.TrimSpace(n.Email)
	n.Siret = strings.Join(strings.Fields(n.Siret), "")
	switch {
	case n.Login == "" || len(n.Login) > MaxLoginLen || strings.ContainsAny(n.Login, " \t\r\n"):
		return Account{}, errorf(opcoapi.CodeInvalid, "Identifiant invalide : de 1 à 100 caractères, sans espace.")
	case n.Role != workflow.Entreprise && n.Role != workflow.CFA && n.Role != workflow.Agent:
		return Account{}, errorf(opcoapi.CodeInvalid, "Rôle inconnu « %s » : entreprise, cfa ou agent.", n.Role)
	case !validEmail(n.Email):
		return Account{}, errorf(opcoapi.CodeInvalid, "Adresse électronique invalide : « %s ».", n.Email)
	case n.Role == workflow.Entreprise && n.Siret == "":
		return Account{}, errorf(opcoapi.CodeInvalid, "Un compte entreprise a besoin du SIRET de son établissement (--siret).")
	case n.Siret != "" && !ident.SIRETChecksum(n.Siret):
		return Account{}, errorf(opcoapi.CodeInvalid, "SIRET invalide : « %s ».", n.Siret)
	case len([]rune(n.Password)) < MinPasswordLen:
		return Account{}, errorf(opcoapi.CodeInvalid, "Mot de passe trop court : %d caractères au moins.", MinPasswordLen)
	case len(n.Password) > MaxPasswordLen:
		return Account{}, errorf(opcoapi.CodeInvalid, "Mot de passe trop long : %d octets au plus.", MaxPasswordLen)
	}
	hash, err := HashPassword(n.Password, s.passwordParams())
	if err != nil {
		return Account{}, internal("Le mot de passe n'a pas pu être chiffré.", err)
	}
	a := Account{Login: n.Login, Role: n.Role, Email: n.Email, Siret: n.Siret, Name: strings.TrimSpace(n.Name)}
	err = s.Store.Update(ctx, func(tx Tx) error {
		err := tx.CreateAccount(ctx, &a, hash, s.now())
		if errors.Is(err, ErrExists) {
			return errorf(opcoapi.CodeConflict, "L'identifiant « %s » existe déjà.", a.Login)
		}
		if err != nil {
			return internal("Le compte n'a pas pu être créé.", err)
		}
		return nil
	})
	return a, err
}

// Accounts lists the accounts by login.
func (s *Service) Accounts(ctx context.Context) ([]Account, error) {
	out, err := s.Store.Accounts(ctx)
	if err != nil {
		return nil, internal("Les comptes n'ont pas pu être lus.", err)
	}
	return out, nil
}

func validEmail(s string) bool {
	if s == "" || len(s) > 254 || strings.ContainsAny(s, "\r\n<>\",; ") {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

// dummyHash is checked when a login is unknown, so that the answer takes
// as long as for a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("cerfadesk-dummy-password", DefaultPasswordParams)
	return h
})

// MaxLoginLen and MaxPasswordLen bound what a login attempt may carry, in
// bytes: longer is refused before any hash, and never kept in the login
// limiter's memory.
const (
	MaxLoginLen    = 100
	MaxPasswordLen = 1024
)

// Login checks a login and password and opens a session. Failures are
// counted per login and per client address, attempts in flight with them: past
// the limit the answer is CodeRateLimited with the seconds to wait,
// whatever the password. The hashes run at most a few at a time (hashGate):
// beyond a short queue the answer is CodeUnavailable with Retry-After.
func (s *Service) Login(ctx context.Context, login, password, remote string) (opcoapi.Session, error) {
	login = strings.TrimSpace(login)
	if len(login) > MaxLoginLen || len(password) > MaxPasswordLen {
		return opcoapi.Session{}, errorf(opcoapi.CodeInvalid,
			"Identifiant ou mot de passe trop long : %d et %d caractères au plus.", MaxLoginLen, MaxPasswordLen)
	}
	loginKey := "login:" + strings.ToLower(login)
	keys := []string{loginKey, "addr:" + remote}
	begun := s.now()
	wait, err := s.limiter.begin(ctx, s.Store, keys, begun)
	if err != nil {
		return opcoapi.Session{}, internal("La connexion a échoué.", err)
	}
	if wait > 0 {
		secs := int((wait + time.Second - 1) / time.Second)
		return opcoapi.Session{}, &opcoapi.Error{Code: opcoapi.CodeRateLimited, RetryAfter: secs,
			Message: "Trop de tentatives de connexion : réessayez dans quelques minutes."}
	}
	if !s.hashes.enter(ctx) {
		s.limiter.forgive(ctx, s.Store, keys, begun)
		return opcoapi.Session{}, &opcoapi.Error{Code: opcoapi.CodeUnavailable, RetryAfter: 1,
			Message: "Le service de l'OPCO reçoit trop de connexions à la fois : réessayez dans un instant."}
	}
	a, hash, found, err := s.Store.AccountByLogin(ctx, login)
	if err == nil && !found {
		hash = dummyHash()
	} else if err != nil {
		s.hashes.leave()
		s.limiter.forgive(ctx, s.Store, keys, begun)
		return opcoapi.Session{}, internal("La connexion a échoué.", err)
	}
	ok, herr := CheckPassword(password, hash)
	s.hashes.leave()
	if err != nil || herr != nil || !ok {
		return opcoapi.Session{}, errorf(opcoapi.CodeUnauthorized, "Identifiant ou mot de passe incorrect.")
	}
	s.limiter.succeeded(ctx, s.Store, loginKey, keys, begun)
	token, tokenHash, err := newToken()
	if err != nil {
		return opcoapi.Session{}, internal("La session n'a pas pu être ouverte.", err)
	}
	now := s.now()
	exp := now.Add(s.sessionTTL())
	err = s.Store.Update(ctx, func(tx Tx) error {
		// Expired sessions of anyone go at each login: the table stays small.
		if err := tx.DeleteExpiredSessions(ctx, now); err != nil {
			return err
		}
		return tx.CreateSession(ctx, store.Session{TokenHash: tokenHash, AccountID: a.ID, CreatedAt: now, ExpiresAt: exp})
	})
	if err != nil {
		return opcoapi.Session{}, internal("La session n'a pas pu être ouverte.", err)
	}
	return opcoapi.Session{Token: token, ExpiresAt: exp.UTC(), Account: a.API()}, nil
}

// newToken returns a random session token (256 bits, base64url) and the
// hex SHA-256 the database keeps instead of it.
func newToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token), nil
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Authenticate returns the account of a session token; an unknown or
// expired one is CodeUnauthorized. A session found in the database is
// remembered for sessionCacheTTL, so that a busy client costs one query
// per half-minute instead of one per request; Logout forgets it at once.
// With several instances on one database (a store.SessionWatch), each
// instance forgets a session closed on any of them when the store hears of
// it, and remembers nothing while the store's listener is down or was lost
// since: a logout on one instance is refused on all of them from then on.
func (s *Service) Authenticate(ctx context.Context, token string) (Account, error) {
	if token == "" || len(token) > 200 {
		return Account{}, errorf(opcoapi.CodeUnauthorized, "Connectez-vous au service de l'OPCO.")
	}
	h := hashToken(token)
	now := s.now()
	w, shared := s.Store.(store.SessionWatch)
	var gen, closings uint64
	trust := true
	if shared {
		s.watchSessions.Do(func() { w.WatchSessions(s.forgetSession) })
		gen, closings, trust = w.SessionState()
	}
	if c, ok := s.sessions.Load(h); ok {
		cs := c.(cachedSession)
		if trust && cs.gen == gen && now.Before(cs.until) && now.UnixMicro() < cs.expires {
			return cs.account, nil
		}
		s.sessions.Delete(h)
	}
	a, expires, found, err := s.Store.Session(ctx, h)
	if err != nil {
		return Account{}, internal("La session n'a pas pu être vérifiée.", err)
	}
	if !found {
		return Account{}, errorf(opcoapi.CodeUnauthorized, "Session inconnue ou fermée : reconnectez-vous.")
	}
	exp := expires.UnixMicro()
	if now.UnixMicro() >= exp {
		return Account{}, errorf(opcoapi.CodeUnauthorized, "Session expirée : reconnectez-vous.")
	}
	if trust {
		// A closing heard while the database was read may be this one's:
		// then remember nothing. forgetSession takes the same lock after
		// the store counted the closing, so none slips in between.
		s.sessionsMu.Lock()
		still := true
		if shared {
			g, c, up := w.SessionState()
			still = up && g == gen && c == closings
		}
		if still {
			s.sessions.Store(h, cachedSession{account: a, expires: exp, until: now.Add(sessionCacheTTL), gen: gen})
		}
		s.sessionsMu.Unlock()
	}
	return a, nil
}

// forgetSession is the store's news of a session closed on some instance.
func (s *Service) forgetSession(tokenHash string) {
	s.sessionsMu.Lock()
	s.sessions.Delete(tokenHash)
	s.sessionsMu.Unlock()
}

// sessionCacheTTL is how long a checked session is trusted without the
// database.
const sessionCacheTTL = 30 * time.Second

// logoutEcho bounds how long Logout waits for the instances to say they
// heard of the closing (a few milliseconds; longer only when one dies
// meanwhile).
const logoutEcho = 2 * time.Second

type cachedSession struct {
	account Account
	expires int64 // the session's expiry, Unix µs
	until   time.Time
	gen     uint64 // the store's listener generation when checked
}

// Logout closes the session of token. With several instances it answers
// once its own instance heard of the closing: the others hear of it at the
// same moment, so the token is refused everywhere when the app gets the
// answer.
func (s *Service) Logout(ctx context.Context, token string) error {
	h := hashToken(token)
	s.sessions.Delete(h)
	var wait func(context.Context) bool
	if w, ok := s.Store.(store.SessionWatch); ok {
		var stop func()
		wait, stop = w.ExpectClosed(h)
		defer stop()
	}
	err := s.Store.Update(ctx, func(tx Tx) error {
		if err := tx.DeleteSession(ctx, h); err != nil {
			return internal("La session n'a pas pu être fermée.", err)
		}
		return nil
	})
	if err == nil && wait != nil {
		wctx, cancel := context.WithTimeout(ctx, logoutEcho)
		wait(wctx)
		cancel()
	}
	return err
}
