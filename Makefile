# cerfadesk — build, test and run. See docs/building.md for the
# measurements behind these choices (clang, -tags ci, no xorg-dev).

SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(PATH)

GO       ?= go
APP      := cerfadesk
PKG      := ./cmd/cerfadesk
BIN      := bin/$(APP)
ARGS     ?=
# Extra `go test` flags, e.g. TESTFLAGS=-count=1 (CI) or TESTFLAGS='-run TestX -v'.
TESTFLAGS ?=
# RACE=-race runs the test pass under the race detector (default); RACE= skips it.
RACE     ?= -race

# clang compiles Fyne's cgo (go-gl) about 4x faster than gcc. Make's built-in
# CC is "cc": override it unless the caller chose one.
ifeq ($(origin CC),default)
CC := clang
endif
export CC
# French built-in Fyne strings, and no "Error parsing user locale C" log.
export LANG := fr_FR.UTF-8
unexport LC_ALL LC_MESSAGES LANGUAGE

.PHONY: all deps test vet fmt build run bench clean screenshots windows windows-smoke package speed opco-server run-opco

# The fyneDo migration (FyneApp.toml [Migrations]): widgets are only touched
# on the UI goroutine (fyne.Do), so Fyne's thread-check shims are off.
# no_emoji: no colour emoji font (4 MB in the binary, about 8 MB of parsed
# font in memory; no text of the app needs it: docs/building.md).
TAGS     := migrated_fynedo,no_emoji

all: build

deps: ## install the Debian packages (idempotent, fast when present)
	@scripts/deps.sh

# Tests and vet use -tags ci: Fyne's app package then runs on the headless
# test driver, so no display or GL is needed to build any package.
# With RACE=-race (the default) vet is given -race as well: it then compiles
# the dependencies exactly as the race test pass needs them, and the test pass
# reuses them (cold: ~2.5 min in all instead of two full compiles of Fyne).
# Both steps always run, so a vet finding does not hide test results; the
# target fails if either does.
CHECKENV := CGO_ENABLED=$(if $(RACE),1,0)
VETCMD   := $(CHECKENV) $(GO) vet -tags ci $(RACE) ./...
# The ui package alone runs about 8 minutes under -race on 2 busy cores:
# past go test's default 10-minute timeout on a loaded machine.
TESTCMD  := $(CHECKENV) $(GO) test -tags ci -timeout 25m $(RACE) $(TESTFLAGS) ./...

# The test pass runs beside a throwaway PostgreSQL 15 (scripts/pg-test.sh:
# a temporary cluster on a free loopback port, deleted at the end), so the
# OPCO service's PostgreSQL tests run, and fail rather than skip.
test: deps ## go vet and go test on every package (under -race)
	@rc=0; \
	echo '$(VETCMD)'; $(VETCMD) || rc=1; \
	echo 'scripts/pg-test.sh $(TESTCMD)'; scripts/pg-test.sh $(TESTCMD) || rc=1; \
	if [ $$rc -ne 0 ]; then echo "make test: FAIL (go vet or go test)"; fi; \
	exit $$rc

vet:
	$(VETCMD)

fmt:
	gofmt -l -w $$($(GO) list -f '{{.Dir}}' ./...)

bench: ## benchmarks only, headless
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench . -benchmem ./...

build: deps ## the desktop binary, with the real GLFW driver (cgo + GL)
	CGO_ENABLED=1 $(GO) build -tags $(TAGS) -o $(BIN) $(PKG)

# The OPCO service (pure Go). `make run` starts it on loopback with the demo
# accounts (scripts/run-opco.sh), then the app; it stops with the app.
OPCO_BIN := bin/opco-server

opco-server: ## the OPCO service binary (pure Go, no cgo)
	CGO_ENABLED=0 $(GO) build -o $(OPCO_BIN) ./cmd/opco-server

run: build opco-server ## build, then start a local OPCO service and the app; make run ARGS='--data /tmp/d'
	OPCO_BIN=$(OPCO_BIN) scripts/run-opco.sh $(BIN) $(ARGS)

run-opco: opco-server ## only the local OPCO service with the demo accounts (Ctrl+C stops it)
	OPCO_BIN=$(OPCO_BIN) scripts/run-opco.sh

screenshots: build ## PNGs of the real app under Xvfb on a demo profile (dist/screenshots)
	BIN=$(BIN) scripts/screenshots.sh

windows: ## dist/cerfadesk.exe with its icon and version, cross-built with clang + mingw-w64 (installed if missing)
	scripts/windows.sh

# The .exe's sub-commands under Wine (installed if missing) print byte for
# byte what the Linux binary prints, and attach to the console of the shell
# that starts them.
windows-smoke: build windows ## dist/cerfadesk.exe's help, validate and pdf under Wine, compared with bin/cerfadesk
	BIN=$(BIN) scripts/windows-smoke.sh

package: ## dist/cerfadesk.tar.xz with fyne package; FyneApp.toml stays unmodified
	scripts/package.sh

speed: build ## start-up time, contract opening and memory with 100 000 contracts
	BIN=$(BIN) scripts/speed.sh

clean:
	rm -rf bin dist
