package ui

import (
	"cerfadesk/core/workflow"
)

// listPageSize is how many rows the contract list reads from the store at a
// time. Pages are read with the store's keyset pagination, so reaching row
// 99 999 of 100 000 walks 200 cursors (a few hundred ms, once) and then
// every page it passed is reachable directly.
const listPageSize = workflow.MaxPageSize

// listMaxPages bounds the pages kept in memory (least recently used first
// out): the list stays small whatever the number of contracts.
const listMaxPages = 8

// listModel pages the contract list out of the store for a virtualised
// widget: it remembers the cursor of every page it has passed and keeps a
// few pages of rows. Everything but the store reads runs on the UI
// goroutine; reads run through background and come back with fyne.Do.
type listModel struct {
	env   *Env
	query workflow.ListQuery

	gen     int      // bumped by every reset: late answers of an older query are dropped
	total   int      // rows matching the query; -1 while unknown
	cursors []string // cursors[p] is ListQuery.After for page p
	pages   map[int]*listPage
	pending map[int]bool
	tick    uint64
	err     error

	// changed is called on the UI goroutine when rows or the total arrived.
	changed func()
}

type listPage struct {
	rows []workflow.Summary
	used uint64
}

func newListModel(env *Env) *listModel {
	m := &listModel{env: env}
	m.reset()
	return m
}

func (m *listModel) reset() {
	m.gen++
	m.total = -1
	m.cursors = []string{""}
	m.pages = map[int]*listPage{}
	m.pending = map[int]bool{}
	m.err = nil
}

// SetQuery replaces the filters and sort order, and reloads.
func (m *listModel) SetQuery(q workflow.ListQuery) {
	m.query = q
	m.Reload()
}

// Reload forgets every row and reads the count and first page again (after
// a save or a status change elsewhere).
func (m *listModel) Reload() {
	m.reset()
	gen := m.gen
	q := m.query
	type result struct {
		total int
		page  workflow.Page
		err   error
	}
	background(m.env, func() result {
		n, err := m.env.Store.Count(m.env.ctx(), q)
		if err != nil {
			return result{err: err}
		}
		q.Limit = listPageSize
		p, err := m.env.Store.List(m.env.ctx(), q)
		return result{total: n, page: p, err: err}
	}, func(r result) {
		if gen != m.gen {
			return
		}
		if r.err != nil {
			m.err = r.err
			m.total = 0
		} else {
			m.total = r.total
			m.store(0, r.page)
		}
		m.notify()
	})
}

// Len is the number of rows of the list (0 while the count is unknown).
func (m *listModel) Len() int {
	if m.total < 0 {
		return 0
	}
	return m.total
}

// Loaded reports whether the count is known.
func (m *listModel) Loaded() bool { return m.total >= 0 }

// Err is the last read error, shown in place of the list.
func (m *listModel) Err() error { return m.err }

// Row returns row i when its page is in memory; otherwise it asks for the
// page and returns false (the row is drawn as a placeholder until then).
func (m *listModel) Row(i int) (workflow.Summary, bool) {
	if i < 0 || i >= m.Len() {
		return workflow.Summary{}, false
	}
	p := i / listPageSize
	if pg, ok := m.pages[p]; ok && i%listPageSize < len(pg.rows) {
		m.tick++
		pg.used = m.tick
		return pg.rows[i%listPageSize], true
	}
	m.fetch(p)
	return workflow.Summary{}, false
}

// fetch reads page p in the background, walking the cursors from the last
// known page before it.
func (m *listModel) fetch(p int) {
	if m.pending[p] {
		return
	}
	m.pending[p] = true
	gen := m.gen
	q := m.query
	q.Limit = listPageSize
	from := min(p, len(m.cursors)-1)
	after := m.cursors[from]
	type result struct {
		cursors []string // cursors of pages from+1 … p (discovered on the way)
		page    workflow.Page
		err     error
	}
	background(m.env, func() result {
		var r result
		q.After = after
		for k := from; ; k++ {
			page, err := m.env.Store.List(m.env.ctx(), q)
			if err != nil {
				r.err = err
				return r
			}
			if k == p || page.Next == "" {
				r.page = page
				return r
			}
			r.cursors = append(r.cursors, page.Next)
			q.After = page.Next
		}
	}, func(r result) {
		if gen != m.gen {
			return
		}
		delete(m.pending, p)
		if r.err != nil {
			m.err = r.err
			m.notify()
			return
		}
		for i, c := range r.cursors {
			if k := from + 1 + i; k == len(m.cursors) {
				m.cursors = append(m.cursors, c)
			}
		}
		m.store(p, r.page)
		m.notify()
	})
}

// store keeps page p and the cursor of the next one, evicting the least
// recently used page beyond listMaxPages.
func (m *listModel) store(p int, page workflow.Page) {
	if page.Next != "" && p+1 == len(m.cursors) {
		m.cursors = append(m.cursors, page.Next)
	}
	m.tick++
	m.pages[p] = &listPage{rows: page.Items, used: m.tick}
	for len(m.pages) > listMaxPages {
		oldest, at := -1, ^uint64(0)
		for k, pg := range m.pages {
			if pg.used < at {
				oldest, at = k, pg.used
			}
		}
		delete(m.pages, oldest)
	}
}

func (m *listModel) notify() {
	if m.changed != nil {
		m.changed()
	}
}
