package ui

import (
	"context"
	"net/url"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"cerfadesk/core/civil"
	"cerfadesk/core/docs"
	"cerfadesk/core/refcheck"
	"cerfadesk/core/referentiel"
	"cerfadesk/core/workflow"
)

// Env is what every screen works with: the store as the core sees it, the
// workflow service, who the user is and how work leaves the UI goroutine.
// cmd/cerfadesk builds the real one on the SQLite store; tests build one on
// a store in t.TempDir with Async running work inline.
type Env struct {
	Store   workflow.Catalog
	Service *workflow.Service
	// Actor is the profile the user works as (entreprise, CFA or agent) and
	// the name recorded in the history.
	Actor workflow.Actor
	// OPCO is the configured OPCO's name ("" = Opcommerce).
	OPCO string
	// Now is the clock (time.Now by default).
	Now func() time.Time
	// Async runs work off the UI goroutine; its results reach widgets
	// through fyne.Do. Tests set it to run work inline.
	Async func(func())
	// Debounce is the quiet time after a keystroke before the contract is
	// validated again.
	Debounce time.Duration
	// OpenURL opens a file or folder in the system's viewer.
	OpenURL func(*url.URL) error
	// Prefs keeps window sizes and the chosen profile; nil forgets them.
	Prefs fyne.Preferences

	warm sync.Once
}

// NewEnv returns the environment of the application on an open store and
// its blob store, with the real clock, background goroutines and the
// embedded referentials.
func NewEnv(st workflow.Catalog, blobs docs.BlobStore, actor workflow.Actor) *Env {
	svc := workflow.NewService(st, blobs)
	svc.Referential = lazyReferential{}
	return &Env{
		Store:    st,
		Service:  svc,
		Actor:    actor,
		Now:      time.Now,
		Async:    func(f func()) { go f() },
		Debounce: 250 * time.Millisecond,
	}
}

// lazyReferential answers the rules engine from the embedded referentials,
// loaded at its first question rather than at start-up: the contract list
// never asks, and keeping 100 000 contracts listed then costs less memory.
type lazyReferential struct{}

func (lazyReferential) Postcode(cp, commune string) (bool, bool, []string, bool) {
	return refcheck.Default().Postcode(cp, commune)
}
func (lazyReferential) DeptRegion(cp string) (string, string, bool) {
	return refcheck.Default().DeptRegion(cp)
}
func (lazyReferential) IDCC(code string) (bool, bool, string, bool) {
	return refcheck.Default().IDCC(code)
}
func (lazyReferential) NAF(code string) (bool, bool, bool)  { return refcheck.Default().NAF(code) }
func (lazyReferential) SIRET(s string) (bool, bool, bool)   { return refcheck.Default().SIRET(s) }
func (lazyReferential) RNCP(code string) (bool, bool, bool) { return refcheck.Default().RNCP(code) }

// today is the civil date of the environment's clock.
func (e *Env) today() civil.Date {
	if e.Now == nil {
		return civil.Of(time.Now())
	}
	return civil.Of(e.Now())
}

// ctx is the context of store and service calls made for the user.
func (e *Env) ctx() context.Context { return context.Background() }

// warmReferentials loads the referentials in the background, once: the
// contract list does not need them (they weigh about 15 MB), a contract
// window does, and this way its first validation does not wait for them.
func (e *Env) warmReferentials() {
	e.warm.Do(func() { go referentiel.Default() })
}

// statusLabel is the French label of a status, naming the configured OPCO.
func (e *Env) statusLabel(s workflow.Status) string { return s.LabelFor(e.OPCO) }

// background runs work off the UI goroutine and hands its result to apply
// on the UI goroutine.
func background[T any](env *Env, work func() T, apply func(T)) {
	run := env.Async
	if run == nil {
		run = func(f func()) { go f() }
	}
	run(func() {
		v := work()
		fyne.Do(func() { apply(v) })
	})
}
