#!/usr/bin/env bash
# run-opco.sh starts a local OPCO service (bin/opco-server) on loopback with
# the demo accounts, for trying the whole flow on one machine.
#
#   scripts/run-opco.sh                  the service alone, in the foreground (Ctrl+C stops it)
#   scripts/run-opco.sh APP [ARGS...]    the service in the background, then APP; the
#                                        service stops when APP exits (make run)
#
# An opco-server already answering on the address is reused, not restarted.
# Environment: OPCO_ADDR (127.0.0.1:8740), OPCO_DATA (bin/opco-data),
# OPCO_BIN (bin/opco-server), OPCO_SMTP (host:port; default: e-mails as files in $OPCO_DATA/courriels).
# The app gets CERFADESK_OPCO_URL, which its sign-in dialog offers.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077 # the data folder and the log (personal data) are the user's alone

OPCO_ADDR=${OPCO_ADDR:-127.0.0.1:8740}
OPCO_DATA=${OPCO_DATA:-bin/opco-data}
OPCO_BIN=${OPCO_BIN:-bin/opco-server}
URL="http://$OPCO_ADDR"
export CERFADESK_OPCO_URL=$URL

[[ -x "$OPCO_BIN" ]] || { echo "run-opco: $OPCO_BIN missing (make opco-server)" >&2; exit 1; }
case "$OPCO_ADDR" in
127.0.0.1:* | localhost:* | \[::1\]:*) ;;
*) echo "run-opco: OPCO_ADDR=$OPCO_ADDR is not a loopback address" >&2; exit 1 ;;
esac

args=(--addr "$OPCO_ADDR" --data "$OPCO_DATA" --demo)
[[ -n "${OPCO_SMTP:-}" ]] && args+=(--smtp "$OPCO_SMTP")

accounts() {
	cat <<TXT

Service de l'OPCO local : $URL   (données : $OPCO_DATA, journal : $OPCO_DATA/opco-server.log)
Comptes de démonstration (dans « Se connecter au service de l'OPCO ») :
  Entreprise (Maison Leroux, SIRET 834 759 623 00012)  entreprise / demo-entreprise
  Organisme de formation / CFA                         cfa        / demo-cfa-2026
  Agent OPCO                                           agent      / demo-agent-2026
Les courriels aux entreprises sont écrits dans $OPCO_DATA/courriels${OPCO_SMTP:+ (envoyés à $OPCO_SMTP)}.

TXT
}

healthy() { curl -fsS --max-time 1 "$URL/healthz" >/dev/null 2>&1; }

if [[ $# -eq 0 ]]; then
	accounts
	exec "$OPCO_BIN" "${args[@]}"
fi

mkdir -p "$OPCO_DATA"
pid=""
if healthy; then
	echo "run-opco: un opco-server répond déjà sur $URL : il est utilisé tel quel." >&2
else
	"$OPCO_BIN" "${args[@]}" >>"$OPCO_DATA/opco-server.log" 2>&1 &
	pid=$!
	trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true' EXIT
	for _ in $(seq 100); do
		healthy && break
		kill -0 "$pid" 2>/dev/null || { echo "run-opco: opco-server s'est arrêté :" >&2; tail -5 "$OPCO_DATA/opco-server.log" >&2; exit 1; }
		sleep 0.1
	done
	healthy || { echo "run-opco: opco-server ne répond pas sur $URL" >&2; exit 1; }
fi
accounts
"$@"
