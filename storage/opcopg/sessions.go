package opcopg

import (
	"context"
	"strconv"
	"strings"
	gosync "sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"cerfadesk/core/opco/store"
)

// closedChannel is the NOTIFY channel of closed sessions; the payload is the
// token's hash. PostgreSQL delivers a notification at commit to every
// listening connection of the database, each on its own time; so each
// listener, once its instance forgot what it remembered, answers on
// heardChannel ("<hash> <its backend pid>"), and the instance that closed
// the session waits for the answer of every listener before it answers the
// logout. A listener
// counts once it listens: it then holds a session advisory lock (listenLock,
// its backend's pid), which PostgreSQL drops with the connection.
const (
	closedChannel = "opco_session_closed"
	heardChannel  = "opco_session_heard"
)

// listenerName is the application_name of the listening connection (one
// per instance, in pg_stat_activity).
const listenerName = "opco-server sessions"

// listenLock is the advisory lock space of the listeners.
const listenLock = 0x6f70736c // "opsl"

var _ store.SessionWatch = (*Store)(nil)

// watcher listens to closedChannel on a connection of its own, from Open
// to Close.
type watcher struct {
	start  gosync.Once
	cancel context.CancelFunc
	done   chan struct{}

	// gen changes with each loss or return of the listener, closings with
	// each closing heard; up says that the listener is listening.
	gen      atomic.Uint64
	closings atomic.Uint64
	up       atomic.Bool
	pid      atomic.Uint32 // the listener's backend (tests)
	onClosed atomic.Pointer[func(string)]

	mu      gosync.Mutex
	waiters map[string][]*closing
}

// closing is a logout waiting for the listeners' answers.
type closing struct {
	heard  map[uint32]bool // the listeners (backend pids) that answered, under watcher.mu
	signal chan struct{}   // one per answer, buffered
}

// WatchSessions implements store.SessionWatch.
func (s *Store) WatchSessions(closed func(tokenHash string)) {
	s.watch.onClosed.Store(&closed)
}

// SessionState implements store.SessionWatch.
func (s *Store) SessionState() (generation, closings uint64, listening bool) {
	// up is read first: a listener lost after this read moves the
	// generation, so that what is remembered under this one is not trusted.
	up := s.watch.up.Load()
	return s.watch.gen.Load(), s.watch.closings.Load(), up
}

// ExpectClosed implements store.SessionWatch: wait returns true once every
// listener of the database (every instance's) said it heard the closing.
func (s *Store) ExpectClosed(tokenHash string) (func(context.Context) bool, func()) {
	s.watch.start.Do(s.startWatch)
	w := &s.watch
	c := &closing{heard: map[uint32]bool{}, signal: make(chan struct{}, 1)}
	w.mu.Lock()
	if w.waiters == nil {
		w.waiters = map[string][]*closing{}
	}
	w.waiters[tokenHash] = append(w.waiters[tokenHash], c)
	w.mu.Unlock()
	stop := func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		list := w.waiters[tokenHash]
		for i, x := range list {
			if x == c {
				list = append(list[:i], list[i+1:]...)
				break
			}
		}
		if len(list) == 0 {
			delete(w.waiters, tokenHash)
		} else {
			w.waiters[tokenHash] = list
		}
	}
	wait := func(ctx context.Context) bool {
		defer stop()
		for !w.up.Load() { // just started, or reconnecting
			select {
			case <-ctx.Done():
				return false
			case <-time.After(5 * time.Millisecond):
			}
		}
		// The listeners now, by the lock each takes once it listens. Each
		// answers, but for one that dies meanwhile or one that began to
		// listen after the closing committed (it never hears it): the wait
		// then ends with ctx, rarely (an instance stopping or starting).
		rows, err := s.pool.Query(ctx, `SELECT objid::text::bigint FROM pg_locks WHERE locktype = 'advisory' AND granted
			AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
			AND classid = $1 AND objsubid = 2`, int64(listenLock))
		if err != nil {
			return false
		}
		listeners, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return false
		}
		for {
			w.mu.Lock()
			all := true
			for _, pid := range listeners {
				all = all && c.heard[uint32(pid)]
			}
			w.mu.Unlock()
			if all {
				return true
			}
			select {
			case <-c.signal:
			case <-ctx.Done():
				return false
			}
		}
	}
	return wait, stop
}

// answered notes a listener's answer, "<hash> <pid>".
func (w *watcher) answered(payload string) {
	tokenHash, p, _ := strings.Cut(payload, " ")
	pid, err := strconv.ParseUint(p, 10, 32)
	if err != nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, c := range w.waiters[tokenHash] {
		c.heard[uint32(pid)] = true
		select {
		case c.signal <- struct{}{}:
		default:
		}
	}
}

func (s *Store) startWatch() {
	ctx, cancel := context.WithCancel(context.Background())
	s.watch.cancel, s.watch.done = cancel, make(chan struct{})
	go s.listen(ctx)
}

func (s *Store) stopWatch() {
	s.watch.start.Do(func() {}) // never start after Close
	if s.watch.cancel != nil {
		s.watch.cancel()
		<-s.watch.done
	}
}

// watchPing is how long the listener waits without a notification before
// it checks its connection: a connection lost without a word (a network
// cut) is noticed within this and the ping's timeout, well inside the
// service's session cache of 30 s.
const watchPing = 5 * time.Second

// listen keeps a listening connection until ctx ends, reconnecting after a
// loss (PostgreSQL restarted, network cut) with a growing pause.
func (s *Store) listen(ctx context.Context) {
	defer close(s.watch.done)
	pause := 100 * time.Millisecond
	for {
		err := s.listenOnce(ctx)
		if s.watch.up.Swap(false) {
			pause = 100 * time.Millisecond
		}
		s.watch.gen.Add(1)
		if ctx.Err() != nil {
			return
		}
		s.log.Warn("sessions listener lost, sessions not cached until it is back", "err", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
		pause = min(2*pause, 5*time.Second)
	}
}

func (s *Store) listenOnce(ctx context.Context) error {
	cfg := s.pool.Config().ConnConfig // a copy
	cfg.RuntimeParams["application_name"] = listenerName
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	conn, err := pgx.ConnectConfig(cctx, cfg)
	cancel()
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, `LISTEN `+closedChannel+`; LISTEN `+heardChannel); err != nil {
		return err
	}
	pid := conn.PgConn().PID()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1, $2)`, int32(listenLock), int32(pid)); err != nil {
		return err
	}
	s.watch.pid.Store(pid)
	s.watch.gen.Add(1)
	s.watch.up.Store(true)
	for {
		wctx, cancel := context.WithTimeout(ctx, watchPing)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil && n.Channel == closedChannel:
			// Forget first, then say so: the instance that closed the
			// session answers its logout once every listener said it.
			s.watch.closings.Add(1)
			if f := s.watch.onClosed.Load(); f != nil {
				(*f)(n.Payload)
			}
			if _, err := conn.Exec(ctx, `SELECT pg_notify('`+heardChannel+`', $1)`, n.Payload+" "+strconv.FormatUint(uint64(pid), 10)); err != nil {
				return err
			}
			continue
		case err == nil:
			s.watch.answered(n.Payload)
			continue
		case ctx.Err() != nil:
			return ctx.Err()
		case wctx.Err() == nil:
			return err
		}
		// Quiet for watchPing: is the connection still there?
		pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		err = conn.Ping(pctx)
		cancel()
		if err != nil {
			return err
		}
	}
}
