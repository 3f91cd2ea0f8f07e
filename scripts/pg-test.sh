#!/usr/bin/env bash
# pg-test.sh runs a command beside a throwaway PostgreSQL 15 cluster:
#
#   scripts/pg-test.sh go test ./storage/opcopg/...
#
# It installs Debian's postgresql-15 when it is missing, creates a cluster in
# a temporary folder (initdb as the postgres user when run as root), starts it
# on a free loopback port with its socket in that folder, exports
# CERFADESK_TEST_PG (a postgres:// URL of an empty database "cerfadesk") and
# CERFADESK_TEST_PG_REQUIRED=1 (tests needing PostgreSQL then fail instead of
# skipping), runs the command, and stops and deletes the cluster whatever
# the command's outcome. Its exit code is the command's.
#
# The cluster keeps PostgreSQL's durable defaults (fsync and
# synchronous_commit on): the load benchmark measures real commits.
# PG_TEST_KEEP=1 leaves the folder in place (its path is printed) for a post
# mortem; PG_TEST_LOG=1 prints the server log at the end; PG_TEST_OPTS adds
# server settings (e.g. "-c shared_preload_libraries=pg_stat_statements").
set -euo pipefail

if (($# == 0)); then
	echo "usage: $0 COMMAND [ARGS...]" >&2
	exit 2
fi

pgbin() {
	local d
	for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
		if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

if ! bin=$(pgbin); then
	echo "pg-test: installing postgresql-15 (Debian)" >&2
	sudo=()
	if [[ $(id -u) -ne 0 ]]; then
		sudo=(sudo)
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt_opts=(-o DPkg::Lock::Timeout=600 -qq)
	"${sudo[@]}" apt-get "${apt_opts[@]}" update
	# policy-rc.d keeps the package from starting its own cluster service.
	"${sudo[@]}" apt-get "${apt_opts[@]}" install -y --no-install-recommends postgresql-15 >/dev/null
	bin=$(pgbin) || {
		echo "pg-test: postgresql-15 is not installed and could not be" >&2
		exit 1
	}
fi

# As root, the server runs as postgres (it refuses to run as root).
as=()
if [[ $(id -u) -eq 0 ]]; then
	if ! id postgres >/dev/null 2>&1; then
		echo "pg-test: running as root needs the postgres user (package postgresql-15)" >&2
		exit 1
	fi
	as=(runuser -u postgres --)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/cerfadesk-pg-XXXXXX")
chmod 0700 "$dir"
if ((${#as[@]})); then
	chown postgres: "$dir"
fi
data="$dir/data"
log="$dir/server.log"

cleanup() {
	local rc=$?
	"${as[@]}" "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
	if [[ "${PG_TEST_LOG:-}" == 1 && -f "$log" ]]; then
		echo "== pg-test: server log" >&2
		cat "$log" >&2
	fi
	if [[ "${PG_TEST_KEEP:-}" == 1 ]]; then
		echo "pg-test: cluster kept in $dir" >&2
	else
		rm -rf "$dir"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${as[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
	cat "$dir/initdb.log" >&2
	echo "pg-test: initdb failed" >&2
	exit 1
}

# A free port: ask the kernel for one, then start there; another process
# may take it in between, so a failed start tries again with a new one.
freeport() {
	if command -v python3 >/dev/null; then
		python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
	else
		echo $((20000 + RANDOM % 40000))
	fi
}

started=0
for attempt in 1 2 3 4 5; do
	port=$(freeport)
	if "${as[@]}" "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=on -c synchronous_commit=on ${PG_TEST_OPTS:-}" \
		start >/dev/null 2>&1; then
		started=1
		break
	fi
done
if ((!started)); then
	cat "$log" >&2 || true
	echo "pg-test: the cluster did not start" >&2
	exit 1
fi

"$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
	-c "CREATE DATABASE cerfadesk" >/dev/null

export CERFADESK_TEST_PG="postgres://postgres@127.0.0.1:$port/cerfadesk?sslmode=disable"
export CERFADESK_TEST_PG_REQUIRED=1
# Tools (pg_dump, psql, pg_ctl) for the backup and restart tests.
export CERFADESK_TEST_PG_BIN="$bin"
export CERFADESK_TEST_PG_DATA="$data"
echo "pg-test: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)" >&2

set +e
env "$@" # env: the command may start with VAR=value (make test's CGO_ENABLED=1)
rc=$?
set -e
exit "$rc"
