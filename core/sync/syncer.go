package sync

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	gosync "sync"
	"time"

	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// Store is what the sync needs of the app's local store (storage.Store):
// the workflow repository and the outbox.
type Store interface {
	workflow.Repository
	PendingOutbox(ctx context.Context, limit int) ([]workflow.OutboxEntry, error)
	MarkAttempt(ctx context.Context, id string, cause error) error
	MarkDone(ctx context.Context, id string) error
}

// ErrNotSignedIn is returned by SyncNow in local mode.
var ErrNotSignedIn = errors.New("non connecté au service de l'OPCO")

// Syncer synchronises one data folder with the OPCO service.
type Syncer struct {
	Store Store
	Blobs docs.BlobStore
	// Dir is the data folder: the session (0600) and the sync's state live there.
	Dir string
	// Interval is the pull period when all is well (default 1 min).
	Interval time.Duration
	// MinBackoff and MaxBackoff bound the retry wait after failures
	// (default 2 s and 5 min).
	MinBackoff, MaxBackoff time.Duration
	// Now is the clock; Rand gives the jitter in [0,1).
	Now  func() time.Time
	Rand func() float64
	// PageSize is how many events a pull asks for at a time (0: 100).
	PageSize int
	// HTTP is the transport of the client (default: 30 s timeout).
	HTTP *http.Client
	// OnStatus, when set, is called with every new status, from the sync's
	// goroutine (a Fyne UI wraps its work in fyne.Do).
	OnStatus func(Status)
	Log      *slog.Logger

	cycle    gosync.Mutex // one synchronisation at a time
	mu       gosync.Mutex // guards what follows
	st       *state
	sess     Session
	signedIn bool
	expired  bool
	client   *Client
	status   Status
	failures int
	updates  chan Status
	trigger  chan struct{}
	stopped  chan struct{}
}

// New returns the syncer of the data folder dir, signed in if a session
// was kept there.
func New(store Store, blobs docs.BlobStore, dir string) (*Syncer, error) {
	s := &Syncer{Store: store, Blobs: blobs, Dir: dir, Interval: time.Minute, MinBackoff: 2 * time.Second,
		MaxBackoff: 5 * time.Minute, Now: time.Now, Rand: rand.Float64,
		st: newState(), updates: make(chan Status, 1), trigger: make(chan struct{}, 1)}
	if err := readJSON(filepath.Join(dir, StateFile), s.st); err != nil {
		return nil, err
	}
	if s.st.Remote == nil {
		s.st.Remote = map[string]Remote{}
	}
	if s.st.Accepted == nil {
		s.st.Accepted = map[string]bool{}
	}
	sess, ok, err := LoadSession(dir)
	if err != nil {
		return nil, err
	}
	if ok {
		s.sess, s.signedIn = sess, true
		s.client = s.newClient(sess.URL)
		s.client.SetToken(sess.Token)
	}
	s.status = Status{Mode: ModeLocal, LastSuccess: s.st.LastSuccess}
	if ok {
		s.status.Mode, s.status.SignedIn, s.status.Account, s.status.URL = ModeOffline, true, sess.Account, sess.URL
	}
	return s, nil
}

func (s *Syncer) newClient(url string) *Client {
	c := NewClient(url)
	if s.HTTP != nil {
		c.HTTP = s.HTTP
	}
	return c
}

func (s *Syncer) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Syncer) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

func (s *Syncer) role() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sess.Account.Role
}

// Client returns the signed-in client (nil in local mode): the agent's
// review window and the CFA's list call it directly.
func (s *Syncer) Client() *Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.signedIn {
		return nil
	}
	return s.client
}

// Account returns the signed-in account; ok is false in local mode.
func (s *Syncer) Account() (opcoapi.Account, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sess.Account, s.signedIn
}

// SignIn opens a session on the service at url and keeps it in the data
// folder (0600). Signing in to another service or account starts the pull
// from the beginning.
func (s *Syncer) SignIn(ctx context.Context, url, login, password string) (opcoapi.Account, error) {
	url = strings.TrimRight(strings.TrimSpace(url), "/")
	if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
		return opcoapi.Account{}, &opcoapi.Error{Code: opcoapi.CodeInvalid, Message: "Adresse du service invalide : elle commence par https:// (ou http:// en local)."}
	}
	c := s.newClient(url)
	sess, err := c.Login(ctx, login, password)
	if IsOffline(err) {
		return opcoapi.Account{}, &opcoapi.Error{Code: opcoapi.CodeUnavailable, Message: "Le service de l'OPCO est injoignable à l'adresse « " + url + " » : vérifiez l'adresse et le réseau."}
	}
	if err != nil {
		return opcoapi.Account{}, err
	}
	kept := Session{URL: url, Token: sess.Token, ExpiresAt: sess.ExpiresAt, Account: sess.Account}
	if err := SaveSession(s.Dir, kept); err != nil {
		return opcoapi.Account{}, &opcoapi.Error{Code: opcoapi.CodeInternal, Message: "La session n'a pas pu être enregistrée dans le dossier de données."}
	}
	s.mu.Lock()
	if s.st.URL != url || !strings.EqualFold(s.st.Login, sess.Account.Login) {
		s.st = newState()
		s.st.URL, s.st.Login = url, sess.Account.Login
	}
	s.sess, s.signedIn, s.expired, s.client, s.failures = kept, true, false, c, 0
	s.status.Mode, s.status.SignedIn, s.status.Account, s.status.URL, s.status.Err = ModeOffline, true, sess.Account, url, ""
	s.status.LastSuccess = s.st.LastSuccess
	err = s.saveLocked()
	s.mu.Unlock()
	s.publish()
	s.Trigger()
	return sess.Account, err
}

// SignOut closes the session and returns to local mode. The outbox keeps
// what waits: it leaves at the next sign-in.
func (s *Syncer) SignOut(ctx context.Context) error {
	s.mu.Lock()
	c := s.client
	s.signedIn, s.client, s.sess = false, nil, Session{}
	s.status = Status{Mode: ModeLocal, LastSuccess: s.st.LastSuccess}
	s.mu.Unlock()
	if c != nil {
		c.Logout(ctx) // best effort: the token is forgotten anyway
	}
	err := ClearSession(s.Dir)
	s.publish()
	return err
}

// Status returns the current status.
func (s *Syncer) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.status
}

// Updates delivers the latest status each time it changes; a slow reader
// only misses intermediate ones.
func (s *Syncer) Updates() <-chan Status { return s.updates }

// publish refreshes the pending count and sends the status.
func (s *Syncer) publish() {
	n := 0
	if list, err := s.Store.PendingOutbox(context.Background(), 100000); err == nil {
		n = len(list)
	}
	s.send(n)
}

// send sends the status with the pending count n.
func (s *Syncer) send(n int) {
	s.mu.Lock()
	s.status.Pending = n
	s.status.Conflicts, s.status.Rejections = len(s.st.Conflicts), len(s.st.Rejections)
	s.status.Message = s.status.text()
	st := s.status
	s.mu.Unlock()
	select {
	case <-s.updates:
	default:
	}
	select {
	case s.updates <- st:
	default:
	}
	if s.OnStatus != nil {
		s.OnStatus(st)
	}
}

// progress reports a step of the running synchronisation; pending, when
// not negative, is the outbox count known without asking the store.
func (s *Syncer) progress(step string, done, total, pending int) {
	s.mu.Lock()
	s.status.Mode, s.status.Progress = ModeSyncing, Progress{Step: step, Done: done, Total: total}
	if pending < 0 {
		pending = s.status.Pending
	}
	s.mu.Unlock()
	s.send(pending)
}

// Trigger asks the running loop to synchronise now (after Transmettre, a
// piece saved…); it never blocks.
func (s *Syncer) Trigger() {
	select {
	case s.trigger <- struct{}{}:
	default:
	}
}

// Start runs the loop until ctx ends: a synchronisation now, then every
// Interval, at once on Trigger, and after a failure with back-off. Wait
// returns once it stopped.
func (s *Syncer) Start(ctx context.Context) {
	s.mu.Lock()
	s.stopped = make(chan struct{})
	stopped := s.stopped
	s.mu.Unlock()
	go func() {
		defer close(stopped)
		for {
			err := s.SyncNow(ctx)
			if ctx.Err() != nil {
				return
			}
			wait := s.nextWait(err)
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-s.trigger:
			case <-t.C:
			}
			t.Stop()
		}
	}()
}

// Wait blocks until the loop started by Start has stopped.
func (s *Syncer) Wait() {
	s.mu.Lock()
	stopped := s.stopped
	s.mu.Unlock()
	if stopped != nil {
		<-stopped
	}
}

func (s *Syncer) nextWait(err error) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	interval := s.Interval
	if interval <= 0 {
		interval = time.Minute
	}
	if err == nil || errors.Is(err, ErrNotSignedIn) || s.expired {
		return interval
	}
	if !s.status.NextAttempt.IsZero() {
		if d := s.status.NextAttempt.Sub(s.now()); d > 0 {
			return d
		}
	}
	return interval
}

// SyncNow runs one synchronisation — the outbox first, in order, then the
// changes since the cursor — and returns its outcome: nil, ErrNotSignedIn,
// an OfflineError (IsOffline) or the service's *opcoapi.Error. It is the
// « Synchroniser » button; only one runs at a time.
func (s *Syncer) SyncNow(ctx context.Context) error {
	s.cycle.Lock()
	defer s.cycle.Unlock()
	s.mu.Lock()
	c, ok, expired := s.client, s.signedIn, s.expired
	s.mu.Unlock()
	if !ok {
		s.publish()
		return ErrNotSignedIn
	}
	if expired {
		s.publish()
		return &opcoapi.Error{Code: opcoapi.CodeUnauthorized, Status: 401, Message: "Votre session a expiré : reconnectez-vous."}
	}
	s.progress("connexion au service", 0, 0, -1)
	err := s.push(ctx, c)
	if err == nil && s.role() != opcoapi.RoleAgent {
		// The agent works online (Desk): nothing to bring into a local store.
		err = s.pull(ctx, c)
	}
	s.finish(err)
	return err
}

// finish records the outcome of a synchronisation in the status.
func (s *Syncer) finish(err error) {
	s.mu.Lock()
	now := s.now()
	s.status.Progress = Progress{}
	s.status.NextAttempt = time.Time{}
	var ae *opcoapi.Error
	switch {
	case err == nil:
		s.failures = 0
		s.st.LastSuccess = now
		s.status.Mode, s.status.LastSuccess, s.status.Err = ModeOnline, now, ""
		if serr := s.saveLocked(); serr != nil {
			s.log().Warn("sync state not saved", "err", serr)
		}
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		s.status.Mode = ModeOffline
	case IsOffline(err):
		s.failures++
		s.status.Mode, s.status.Err = ModeOffline, ""
		s.status.NextAttempt = now.Add(Backoff(s.failures, s.MinBackoff, s.MaxBackoff, s.rand()))
	case errors.As(err, &ae) && ae.Code == opcoapi.CodeUnauthorized:
		s.expired = true
		s.status.Mode, s.status.Err = ModeError, "Votre session a expiré : reconnectez-vous au service de l'OPCO."
	case errors.As(err, &ae):
		s.failures++
		s.status.Mode, s.status.Err = ModeError, "Le service de l'OPCO a refusé la synchronisation : "+ae.Message
		if Temporary(err) {
			s.status.Err = "Le service de l'OPCO est momentanément indisponible."
		}
		s.status.NextAttempt = now.Add(Backoff(s.failures, s.MinBackoff, s.MaxBackoff, s.rand()))
	default:
		s.failures++
		s.status.Mode, s.status.Err = ModeError, "La synchronisation a échoué : "+userMessage(err)
		s.status.NextAttempt = now.Add(Backoff(s.failures, s.MinBackoff, s.MaxBackoff, s.rand()))
		s.log().Error("sync", "err", err)
	}
	s.mu.Unlock()
	s.publish()
}

func (s *Syncer) rand() float64 {
	if s.Rand != nil {
		return s.Rand()
	}
	return rand.Float64()
}

// userMessage is the French message of an error from core (workflow,
// docs) or the error's text.
func userMessage(err error) string {
	var um interface{ UserMessage() string }
	if errors.As(err, &um) {
		return um.UserMessage()
	}
	var de *docs.Error
	if errors.As(err, &de) {
		return de.Message
	}
	return err.Error()
}

// saveLocked writes the state file; s.mu is held.
func (s *Syncer) saveLocked() error {
	return writeJSON(filepath.Join(s.Dir, StateFile), s.st)
}

// Conflicts returns the changes of the service waiting for the user's
// choice, oldest first.
func (s *Syncer) Conflicts() []Conflict {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Conflict(nil), s.st.Conflicts...)
}

// Rejections returns the messages the service refused for good.
func (s *Syncer) Rejections() []Rejection {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Rejection(nil), s.st.Rejections...)
}

// DismissRejection removes a rejection once the user has seen it.
func (s *Syncer) DismissRejection(messageID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.st.Rejections[:0]
	for _, r := range s.st.Rejections {
		if r.MessageID != messageID {
			out = append(out, r)
		}
	}
	s.st.Rejections = out
	err := s.saveLocked()
	go s.publish()
	return err
}

// Remote returns what the service last said of a contract.
func (s *Syncer) Remote(id string) (Remote, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.st.Remote[id]
	return r, ok
}

// Sent returns the contracts the service reported, most recently changed
// first: for a CFA, « mes contrats envoyés » with their statuses, as of the
// last synchronisation (offline too).
func (s *Syncer) Sent() []opcoapi.Contract {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]opcoapi.Contract, 0, len(s.st.Remote))
	for _, r := range s.st.Remote {
		out = append(out, r.Summary)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UpdatedAt.After(out[j].UpdatedAt) })
	return out
}
