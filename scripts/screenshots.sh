#!/usr/bin/env bash
# screenshots.sh runs the real cerfadesk (GLFW driver, software GL) under
# Xvfb on a demo profile and writes PNGs of:
#   1-liste.png            the contract list
#   2-onglets-rouges.png   a form after Transmettre, red tabs and the popup
#   2b-salarie.png         the Salarié tab then, the message under the NIR
#   3-synthese.png         the Synthèse tab of that contract
#   4-documents.png        the Documents tab of a contract waiting for a piece
#   5-accepter.png         a contract sent by the CFA, ACCEPTER at the bottom
#   6-ctrl-s.png           a form with the cursor in a field, after Ctrl+S
#   7-hors-ligne.png       the list signed in but offline (the service is
#                          unreachable), with a transmission waiting
#   8-transmis-hors-ligne.png  Transmettre offline: « prêt », not « transmis »
#   9-avenant.png          avenant n° 1 of C-000006 (its title names it; the
#                          list, 1-liste.png, shows it and a second one)
# into $OUT (dist/screenshots). The app is driven with its keyboard shortcuts
# (Ctrl+T Transmettre, Alt+1…8 the tabs, Échap closes a popup).
#
# Environment: BIN (default bin/cerfadesk), OUT, FYNE_THEME (light|dark,
# default light), SIZE of the screen (default 1280x720,
# the smallest the application is made for).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"

BIN=${BIN:-bin/cerfadesk}
OUT=${OUT:-dist/screenshots}
SIZE=${SIZE:-1280x720}
export FYNE_THEME=${FYNE_THEME:-light}

scripts/deps.sh # Xvfb, xdotool, imagemagick when missing
[[ -x "$BIN" ]] || { echo "screenshots: $BIN missing (make build)" >&2; exit 1; }
mkdir -p "$OUT"

work=$(mktemp -d)
xpid="" apid=""
cleanup() {
	[[ -n "$apid" ]] && kill "$apid" 2>/dev/null && wait "$apid" 2>/dev/null
	[[ -n "$xpid" ]] && kill "$xpid" 2>/dev/null && wait "$xpid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

go run ./scripts/demoseed -data "$work/data" -examples testdata/domain

# A free display number.
disp=""
for n in $(seq 90 120); do
	if [[ ! -e /tmp/.X11-unix/X$n && ! -e /tmp/.X$n-lock ]]; then disp=":$n"; break; fi
done
[[ -n "$disp" ]] || { echo "screenshots: no free X display" >&2; exit 1; }
Xvfb "$disp" -screen 0 "${SIZE}x24" -nolisten tcp >/dev/null 2>&1 &
xpid=$!
export DISPLAY="$disp"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

start() {
	env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=fr_FR.UTF-8 XDG_CONFIG_HOME="$work/config" \
		"$BIN" --data "$work/data" "$@" >>"$work/app.log" 2>&1 &
	apid=$!
}
# stop quits the app with Ctrl+Q (it then saves its preferences cleanly),
# or kills it after 5 s.
stop() {
	local m
	m=$(xdotool search --onlyvisible --name '^cerfadesk' 2>/dev/null | head -1 || true)
	[[ -n "$m" ]] && xdotool key --window "$m" ctrl+q 2>/dev/null || true
	for _ in $(seq 50); do kill -0 "$apid" 2>/dev/null || break; sleep 0.1; done
	kill "$apid" 2>/dev/null || true
	wait "$apid" 2>/dev/null || true
	apid=""
}
# window NAME-REGEX: the id of the visible window whose title matches.
window() {
	timeout 30 xdotool search --sync --onlyvisible --name "$1" | head -1
}
key() { # key WINDOW KEYS...
	local w=$1; shift
	xdotool windowfocus --sync "$w" 2>/dev/null || true
	xdotool key --window "$w" "$@"
}
shot() { # shot WINDOW FILE
	sleep 1.2 # let the frame after the last event be drawn
	import -window "$1" "$OUT/$2"
	echo "screenshots: $OUT/$2"
}

start
w=$(window '^cerfadesk')
shot "$w" 1-liste.png
stop

start --ouvrir C-000001
w=$(window 'MARTIN')
sleep 0.8
key "$w" ctrl+t
shot "$w" 2-onglets-rouges.png
key "$w" Escape alt+3
shot "$w" 2b-salarie.png
key "$w" alt+7
shot "$w" 3-synthese.png
stop

start --ouvrir C-000005
w=$(window 'DUBOIS')
sleep 0.8
key "$w" alt+8
shot "$w" 4-documents.png
stop

start --ouvrir C-000004
w=$(window 'PETIT')
shot "$w" 5-accepter.png
stop

# Ctrl+S while typing: Employeur tab (Alt+2), Tab into its first field, type.
start --ouvrir C-000002
w=$(window ' C-000002')
sleep 0.8
key "$w" alt+2
sleep 0.3
key "$w" Tab
xdotool type --window "$w" --delay 60 ' SAS'
key "$w" ctrl+s
shot "$w" 6-ctrl-s.png
stop

# Signed in, the service unreachable (a closed port): offline.
cat >"$work/data/opco-session.json" <<JSON
{"url": "http://127.0.0.1:9", "token": "demo", "expiresAt": "2099-01-01T00:00:00Z",
 "account": {"login": "rh@maison-leroux.example", "role": "entreprise", "email": "rh@maison-leroux.example",
  "name": "Maison Leroux — ressources humaines"}}
JSON
chmod 600 "$work/data/opco-session.json"
start
w=$(window '^cerfadesk')
sleep 2 # the first synchronisation fails
shot "$w" 7-hors-ligne.png
stop
start --ouvrir C-000002
w=$(window ' C-000002')
sleep 1.5
key "$w" ctrl+t
shot "$w" 8-transmis-hors-ligne.png
stop

start --ouvrir C-000009
w=$(window 'Avenant n° 1 de C-000006')
shot "$w" 9-avenant.png
stop

if grep -v -e 'trace:' "$work/app.log" | grep -q .; then
	echo "screenshots: the app logged:" >&2
	cat "$work/app.log" >&2
fi
