# cerfadesk — build, test and run. See /work/shared/fyne-notes.md for the
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

.PHONY: all deps test vet fmt build run bench clean

all: build

deps: ## install the Debian packages (idempotent, fast when present)
	@scripts/deps.sh

# Tests and vet use -tags ci: Fyne's app package then runs on the headless
# test driver, so no display, GL or cgo is needed to build any package.
# The test pass runs under -race (which needs cgo, hence CGO_ENABLED=1).
# Both steps always run, so a vet finding does not hide test results; the
# target fails if either does.
test: deps ## vet and every test (under -race)
	@rc=0; \
	echo "CGO_ENABLED=0 $(GO) vet -tags ci ./..."; \
	CGO_ENABLED=0 $(GO) vet -tags ci ./... || rc=1; \
	echo "CGO_ENABLED=$(if $(RACE),1,0) $(GO) test -tags ci $(RACE) $(TESTFLAGS) ./..."; \
	CGO_ENABLED=$(if $(RACE),1,0) $(GO) test -tags ci $(RACE) $(TESTFLAGS) ./... || rc=1; \
	if [ $$rc -ne 0 ]; then echo "make test: FAIL (go vet or go test)"; fi; \
	exit $$rc

vet:
	CGO_ENABLED=0 $(GO) vet -tags ci ./...

fmt:
	gofmt -l -w $$($(GO) list -f '{{.Dir}}' ./...)

bench: ## benchmarks only, headless
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench . -benchmem ./...

build: deps ## the desktop binary, with the real GLFW driver (cgo + GL)
	CGO_ENABLED=1 $(GO) build -o $(BIN) $(PKG)

run: build ## build, then start the app; make run ARGS='--data /tmp/d'
	$(BIN) $(ARGS)

clean:
	rm -rf bin dist
