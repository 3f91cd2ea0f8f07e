package opco

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/mail"
	"strings"
	"sync"
	"time"

	"cerfadesk/core/ident"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// Account is a user of the service: an employer, a CFA or an OPCO agent.
type Account struct {
	ID    int64
	Login string
	Role  workflow.Role
	Email string
	// Siret is the employer's establishment; an entreprise account sees the
	// contracts of this SIRET.
	Siret string
	Name  string
}

// API returns the account as the wire sends it.
func (a Account) API() opcoapi.Account {
	return opcoapi.Account{Login: a.Login, Role: string(a.Role), Email: a.Email, Siret: a.Siret, Name: a.Name}
}

// Actor is the account as the workflow records it.
func (a Account) Actor() workflow.Actor { return workflow.Actor{Role: a.Role, Name: a.Login} }

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
	err = s.DB.update(ctx, func(tx wtx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO accounts (login, role, email, siret, name, password_hash, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, a.Login, string(a.Role), a.Email, a.Siret, a.Name, hash, s.now().UnixMicro())
		if isUnique(err) {
			return errorf(opcoapi.CodeConflict, "L'identifiant « %s » existe déjà.", a.Login)
		}
		if err != nil {
			return internal("Le compte n'a pas pu être créé.", err)
		}
		a.ID, err = res.LastInsertId()
		return err
	})
	return a, err
}

// Accounts lists the accounts by login.
func (s *Service) Accounts(ctx context.Context) ([]Account, error) {
	rows, err := s.DB.r.QueryContext(ctx, `SELECT id, login, role, email, siret, name FROM accounts ORDER BY login`)
	if err != nil {
		return nil, internal("Les comptes n'ont pas pu être lus.", err)
	}
	defer rows.Close()
	var out []Account
	for rows.Next() {
		var a Account
		if err := rows.Scan(&a.ID, &a.Login, &a.Role, &a.Email, &a.Siret, &a.Name); err != nil {
			return nil, internal("Les comptes n'ont pas pu être lus.", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
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
	if wait := s.limiter.begin(keys, s.now()); wait > 0 {
		secs := int((wait + time.Second - 1) / time.Second)
		msg := "Trop de tentatives de connexion : réessayez dans quelques minutes."
		if wait <= pendingWait {
			msg = "Trop de connexions en cours pour ce compte ou cette adresse : réessayez dans un instant."
		}
		return opcoapi.Session{}, &opcoapi.Error{Code: opcoapi.CodeRateLimited, RetryAfter: secs, Message: msg}
	}
	if !s.hashes.enter(ctx) {
		s.limiter.done(keys, false, s.now())
		return opcoapi.Session{}, &opcoapi.Error{Code: opcoapi.CodeUnavailable, RetryAfter: 1,
			Message: "Le service de l'OPCO reçoit trop de connexions à la fois : réessayez dans un instant."}
	}
	var (
		a    Account
		hash string
	)
	err := s.DB.r.QueryRowContext(ctx, `SELECT id, login, role, email, siret, name, password_hash FROM accounts WHERE login = ?`,
		login).Scan(&a.ID, &a.Login, &a.Role, &a.Email, &a.Siret, &a.Name, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		hash = dummyHash()
	} else if err != nil {
		s.hashes.leave()
		s.limiter.done(keys, false, s.now())
		return opcoapi.Session{}, internal("La connexion a échoué.", err)
	}
	ok, herr := CheckPassword(password, hash)
	s.hashes.leave()
	if err != nil || herr != nil || !ok {
		s.limiter.done(keys, true, s.now())
		return opcoapi.Session{}, errorf(opcoapi.CodeUnauthorized, "Identifiant ou mot de passe incorrect.")
	}
	s.limiter.done(keys, false, s.now())
	s.limiter.reset(loginKey)
	token, tokenHash, err := newToken()
	if err != nil {
		return opcoapi.Session{}, internal("La session n'a pas pu être ouverte.", err)
	}
	now := s.now()
	exp := now.Add(s.sessionTTL())
	err = s.DB.update(ctx, func(tx wtx) error {
		// Expired sessions of anyone go at each login: the table stays small.
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < ?`, now.UnixMicro()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			tokenHash, a.ID, now.UnixMicro(), exp.UnixMicro())
		return err
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
func (s *Service) Authenticate(ctx context.Context, token string) (Account, error) {
	if token == "" || len(token) > 200 {
		return Account{}, errorf(opcoapi.CodeUnauthorized, "Connectez-vous au service de l'OPCO.")
	}
	h := hashToken(token)
	now := s.now()
	if c, ok := s.sessions.Load(h); ok {
		cs := c.(cachedSession)
		if now.Before(cs.until) && now.UnixMicro() < cs.expires {
			return cs.account, nil
		}
		s.sessions.Delete(h)
	}
	var (
		a   Account
		exp int64
	)
	err := s.DB.r.QueryRowContext(ctx, `SELECT a.id, a.login, a.role, a.email, a.siret, a.name, s.expires_at
		FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?`, h).Scan(
		&a.ID, &a.Login, &a.Role, &a.Email, &a.Siret, &a.Name, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return Account{}, errorf(opcoapi.CodeUnauthorized, "Session inconnue ou fermée : reconnectez-vous.")
	}
	if err != nil {
		return Account{}, internal("La session n'a pas pu être vérifiée.", err)
	}
	if now.UnixMicro() >= exp {
		return Account{}, errorf(opcoapi.CodeUnauthorized, "Session expirée : reconnectez-vous.")
	}
	s.sessions.Store(h, cachedSession{account: a, expires: exp, until: now.Add(sessionCacheTTL)})
	return a, nil
}

// sessionCacheTTL is how long a checked session is trusted without the
// database.
const sessionCacheTTL = 30 * time.Second

type cachedSession struct {
	account Account
	expires int64 // the session's expiry, Unix µs
	until   time.Time
}

// Logout closes the session of token.
func (s *Service) Logout(ctx context.Context, token string) error {
	s.sessions.Delete(hashToken(token))
	return s.DB.update(ctx, func(tx wtx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hashToken(token))
		if err != nil {
			return internal("La session n'a pas pu être fermée.", err)
		}
		return nil
	})
}

func isUnique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}
