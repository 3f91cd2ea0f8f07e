#!/usr/bin/env bash
# speed.sh measures the desktop app under Xvfb (software GL, llvmpipe):
#   1. start-up: process start → main window mapped (X MapNotify), RUNS times;
#   2. opening a contract: a double-click on a row → the contract's window
#      mapped, OPENS times (20; median), and the in-app time from the click
#      to the window shown (CERFADESK_TRACE: load, build, first paint);
#   3. memory: resident set size with N contracts in the store (default
#      100 000), after start and after scrolling the list, and after opening
#      a contract.
# The N-contract data folder is kept in $SPEED_DATA and reused (seeding
# 100 000 contracts takes a few minutes).
#
# Environment: BIN (default bin/cerfadesk), RUNS (5), OPENS (20), N (100000),
# SPEED_DATA.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"

BIN=${BIN:-bin/cerfadesk}
RUNS=${RUNS:-5}
N=${N:-100000}
SPEED_DATA=${SPEED_DATA:-${TMPDIR:-/tmp}/cerfadesk-speed-$N}

scripts/deps.sh
[[ -x "$BIN" ]] || { echo "speed: $BIN missing (make build)" >&2; exit 1; }
work=$(mktemp -d)
xpid="" apid=""
cleanup() {
	[[ -n "$apid" ]] && stopapp
	[[ -n "$xpid" ]] && kill "$xpid" 2>/dev/null && wait "$xpid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

${CC:-clang} -O2 -o "$work/mapwatch" scripts/mapwatch/mapwatch.c -lX11
go run ./scripts/demoseed -data "$work/demo" -examples testdata/domain >/dev/null
if [[ ! -s "$SPEED_DATA/done" ]]; then
	rm -rf "$SPEED_DATA"
	echo "speed: seeding $N contracts in $SPEED_DATA (once)…"
	t0=$(date +%s)
	go run ./scripts/demoseed -data "$SPEED_DATA" -n "$N" -examples testdata/domain | tail -1
	echo "$N" >"$SPEED_DATA/done"
	echo "speed: seeded in $(( $(date +%s) - t0 )) s, $(du -sh "$SPEED_DATA" | cut -f1)"
fi

disp=""
for n in $(seq 90 120); do
	if [[ ! -e /tmp/.X11-unix/X$n && ! -e /tmp/.X$n-lock ]]; then disp=":$n"; break; fi
done
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
export DISPLAY="$disp"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
run() { # run DATA ARGS...: the app with a fresh preferences folder
	local data=$1; shift
	env LANG=fr_FR.UTF-8 XDG_CONFIG_HOME="$work/config" CERFADESK_TRACE=1 "$BIN" --data "$data" "$@"
}
rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
# stopapp stops the app; started by mapwatch it is not our child, so wait
# for its process to go rather than with wait.
stopapp() {
	kill "$apid" 2>/dev/null || true
	for _ in $(seq 50); do [[ -e /proc/$apid ]] || break; sleep 0.1; done
	apid=""
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }

echo "== start-up ($RUNS runs, demo profile): process start → main window mapped"
: >"$work/start"
for i in $(seq "$RUNS"); do
	out=$("$work/mapwatch" 30 cerfadesk -- env LANG=fr_FR.UTF-8 XDG_CONFIG_HOME="$work/config" \
		"$BIN" --data "$work/demo")
	apid=$(awk '/^pid/ {print $2}' <<<"$out")
	s=$(awk '/^mapped cerfadesk/ {print $3}' <<<"$out")
	echo "run $i: ${s} ms"
	echo "$s" >>"$work/start"
	sleep 1
	stopapp
done
echo "median start-up: $(median <"$work/start") ms"

# Double-click on a row (the second click comes 150 ms after the first; the
# time is counted from the second click) → the contract's window mapped,
# OPENS times (20) over the 8 rows of the demo profile. The rows' place in
# the window comes from the app itself (CERFADESK_TRACE: « list rows at »),
# so the clicks follow the layout (menus, toolbar). The first window of a
# session is a new OS window with its GL context; a closed contract's
# window is kept hidden and reused by the next one.
OPENS=${OPENS:-20}
echo "== opening a contract by double-click ($OPENS times, demo profile)"
out=$("$work/mapwatch" 30 cerfadesk -- env LANG=fr_FR.UTF-8 XDG_CONFIG_HOME="$work/config" CERFADESK_TRACE=1 \
	"$BIN" --data "$work/demo" 2>"$work/trace.open")
apid=$(awk '/^pid/ {print $2}' <<<"$out")
geom=""
for _ in $(seq 50); do
	geom=$(sed -n 's/.*trace: list rows at x=\([0-9.]*\) y=\([0-9.]*\) pitch=\([0-9.]*\) height=\([0-9.]*\).*/\1 \2 \3 \4/p' "$work/trace.open")
	[[ -n "$geom" ]] && break
	sleep 0.1
done
[[ -n "$geom" ]] || { echo "speed: the app did not say where its rows are (CERFADESK_TRACE)" >&2; exit 1; }
read -r lx ly pitch rowh <<<"$geom"
main=$(xdotool search --onlyvisible --name '^cerfadesk' | head -1)
sleep 2 # the list's first page
: >"$work/open"
missed=0
for i in $(seq 0 $(( OPENS - 1 ))); do
	row=$(( i % 8 ))
	x=$(awk -v x="$lx" 'BEGIN {printf "%d", x + 60}')
	y=$(awk -v y="$ly" -v p="$pitch" -v h="$rowh" -v r="$row" 'BEGIN {printf "%d", y + r * p + h / 2}')
	xdotool windowfocus --sync "$main" 2>/dev/null || true
	o=""
	for _ in 1 2 3; do # a double-click can still be missed while the last window hides
		o=$("$work/mapwatch" 15 "C-0000" -- xdotool mousemove "$x" "$y" click --repeat 2 --delay 150 1 |
			awk '/^mapped/ {printf "%.1f", $3 - 150}' || true)
		[[ -n "$o" ]] && break
		# A window that came after the timeout is no missed click: a second
		# double-click would only bring it forward (no new map to time).
		xdotool search --onlyvisible --name 'C-0000' >/dev/null 2>&1 && break
		missed=$(( missed + 1 ))
		sleep 1
	done
	w=$(xdotool search --onlyvisible --name 'C-0000' | head -1 || true)
	if [[ -z "$o" ]]; then
		echo "row $row: $([[ -n "$w" ]] && echo "window mapped after 15 s" || echo "no window (missed double-click, 3 tries)")"
		[[ -n "$w" ]] && { xdotool windowfocus --sync "$w" 2>/dev/null; xdotool key --window "$w" ctrl+w; sleep 2; }
		continue
	fi
	echo "open $(( i + 1 )) (row $row, $(xdotool getwindowname "$w" 2>/dev/null | sed 's/ — .*//')): window mapped $o ms after the second click"
	echo "$o" >>"$work/open"
	sleep 1
	xdotool windowfocus --sync "$w" 2>/dev/null || true
	xdotool key --window "$w" ctrl+w
	# The next double-click must find the list, not this window over it.
	for _ in $(seq 100); do xdotool search --onlyvisible --name 'C-0000' >/dev/null 2>&1 || break; sleep 0.1; done
	sleep 0.5
done
sed -n 's/.*trace: \(contract .* opened in .*\)/  in-app: \1/p' "$work/trace.open" | tail -5
echo "median opening: $(median <"$work/open") ms over $(wc -l <"$work/open") openings (first: $(head -1 "$work/open") ms, new GL window; $missed missed double-clicks retried)"
stopapp

echo "== memory with $(cat "$SPEED_DATA/done") contracts"
out=$("$work/mapwatch" 30 cerfadesk -- env LANG=fr_FR.UTF-8 XDG_CONFIG_HOME="$work/config" CERFADESK_TRACE=1 \
	"$BIN" --data "$SPEED_DATA" 2>"$work/trace.big")
apid=$(awk '/^pid/ {print $2}' <<<"$out")
echo "main window mapped $(awk '/^mapped/ {print $3}' <<<"$out") ms after start"
sleep 3
echo "RSS after start: $(rss "$apid") MiB"
w=$(xdotool search --onlyvisible --name '^cerfadesk' | head -1)
xdotool mousemove --window "$w" 500 400
for _ in $(seq 40); do xdotool click --repeat 25 --delay 5 5; done
sleep 2
echo "RSS after scrolling 1 000 wheel steps: $(rss "$apid") MiB"
xdotool key --window "$w" ctrl+f
sleep 0.3
xdotool type --delay 30 'moreau'
sleep 2
echo "RSS after a search: $(rss "$apid") MiB"
stopapp
out=$("$work/mapwatch" 30 cerfadesk MOREAU -- env LANG=fr_FR.UTF-8 XDG_CONFIG_HOME="$work/config" CERFADESK_TRACE=1 \
	"$BIN" --data "$SPEED_DATA" --ouvrir C-050017 2>"$work/trace.big2")
apid=$(awk '/^pid/ {print $2}' <<<"$out")
sleep 3
echo "contract C-050017 window mapped $(awk '/^mapped MOREAU/ {m=$3} /^mapped cerfadesk/ {s=$3} END {printf "%.1f", m-s}' <<<"$out") ms after the main window; RSS with it open: $(rss "$apid") MiB"
stopapp
grep -h 'trace:' "$work"/trace.big* | sed 's/^/  /'
