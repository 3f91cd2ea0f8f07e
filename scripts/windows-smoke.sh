#!/usr/bin/env bash
# windows-smoke.sh runs dist/cerfadesk.exe under Wine and checks that its
# sub-commands print exactly what the Linux binary prints:
#   - help, version, validate (text and --json, with broken, missing and BOM
#     files) and pdf (to standard output, next to the contract, from standard
#     input), output redirected: stdout, stderr, exit code and written PDF
#     byte for byte;
#   - help and validate started the way Windows starts a GUI program, without
#     standard handles (noconsole.exe below), from a console: the .exe must
#     attach to that console; the console's rendering (CR LF, cursor
#     sequences, tabs as spaces) is undone before comparing;
#   - the icon, version and manifest resources of the .exe;
#   - the Windows-only unit tests of cmd/cerfadesk (TestWantsConsole).
# Usage: BIN=bin/cerfadesk scripts/windows-smoke.sh (make windows-smoke
# builds both binaries first).
#
# Debian 12's Wine 8 lacks bcryptprimitives.dll (ProcessPrng), which the Go
# runtime loads at start-up and every supported Windows ships: a stand-in
# built with MinGW goes into the test's own Wine prefix (bin/wine-smoke).
# Installs wine, wine64 and gcc-mingw-w64-x86-64 when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH="/usr/local/go/bin:$PATH"
BIN=${BIN:-bin/cerfadesk}
EXE=${EXE:-dist/cerfadesk.exe}
for f in "$BIN" "$EXE"; do
	[[ -x $f || -f $f ]] || { echo "windows-smoke: $f missing (make build windows)" >&2; exit 2; }
done
BIN=$(realpath "$BIN")
EXE=$(realpath "$EXE")

missing=()
for p in wine wine64 gcc-mingw-w64-x86-64; do
	[[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
	sudo=()
	[[ $(id -u) -ne 0 ]] && sudo=(sudo)
	echo "windows-smoke: installing ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 -qq update
	"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 -qq install -y --no-install-recommends "${missing[@]}" >/dev/null
fi

t0=$(date +%s)
export WINEPREFIX=${WINEPREFIX:-$root/bin/wine-smoke}
export WINEDEBUG=-all
# Wine writes the console to the terminal in the Unix locale's charset: a
# locale that every system has and that is UTF-8 (make exports fr_FR.UTF-8,
# which may not be generated; Wine would then print "é" as "e").
export LC_ALL=C.UTF-8
# No Mono or Gecko installer prompts; the stand-in below, not a builtin.
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n"
unset DISPLAY WAYLAND_DISPLAY
if [[ ! -f $WINEPREFIX/system.reg ]]; then
	echo "windows-smoke: creating the Wine prefix $WINEPREFIX" >&2
	mkdir -p "$WINEPREFIX"
	wineboot --init >/dev/null 2>&1 || true
	wineserver --wait || true
	[[ -d $WINEPREFIX/drive_c/windows/system32 ]] || { echo "windows-smoke: wineboot failed" >&2; exit 1; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The stand-in bcryptprimitives.dll: ProcessPrng over advapi32's
# RtlGenRandom (SystemFunction036), which Wine has.
cat >"$work/bcryptprimitives.c" <<'C'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
C
# noconsole runs the rest of its command line the way Windows starts a GUI
# program: no standard handles, the console of the caller left to attach to.
cat >"$work/noconsole.c" <<'C'
#include <windows.h>
int main(void)
{
	wchar_t *cmd = GetCommandLineW();
	int quoted = 0;
	for (; *cmd && (quoted || *cmd != L' '); cmd++)
		if (*cmd == L'"')
			quoted = !quoted;
	while (*cmd == L' ')
		cmd++;
	STARTUPINFOW si = {sizeof si};
	si.dwFlags = STARTF_USESTDHANDLES; /* all three NULL */
	PROCESS_INFORMATION pi;
	if (!CreateProcessW(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
		return 127;
	WaitForSingleObject(pi.hProcess, INFINITE);
	DWORD code = 1;
	GetExitCodeProcess(pi.hProcess, &code);
	return (int)code;
}
C
sys32=$WINEPREFIX/drive_c/windows/system32
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$sys32/bcryptprimitives.dll" "$work/bcryptprimitives.c" -ladvapi32
x86_64-w64-mingw32-gcc -O2 -s -o "$work/noconsole.exe" "$work/noconsole.c"

# Resources: ICON (3), GROUP_ICON (14), VERSION (16), MANIFEST (24), and the
# version of FyneApp.toml.
fail=0
types=$(x86_64-w64-mingw32-objdump -p "$EXE" | sed -n '/The .rsrc Resource Directory section/,$p' |
	sed -n 's/^[0-9a-f]\{3\}   Entry: ID: 0x0000\([0-9a-f]*\),.*/\1/p' | tr '\n' ' ')
version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml).$(sed -n 's/^[[:space:]]*Build[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' FyneApp.toml)
if [[ $types != "03 0e 10 18 " ]]; then
	echo "FAIL resources: types $types, want icon, group icon, version, manifest (03 0e 10 18)"
	fail=1
elif ! strings -el "$EXE" | grep -qx "$version"; then
	echo "FAIL resources: no version $version in the .exe"
	fail=1
else
	echo "ok   resources: icon, version $version, manifest"
fi

# Two identical folders: one for each binary, so written files do not mix.
for side in lin win; do
	d=$work/$side
	mkdir -p "$d/adir" "$d/data"
	cp testdata/domain/*.json "$d/"
	printf '{\n  "employeur": {\n    "siret": Hello\n  }\n}\n' >"$d/broken.json"
	{ printf '\xef\xbb\xbf'; cat testdata/domain/apprentissage-base.json; } >"$d/bom.json"
done
cp "$EXE" "$work/win/cerfadesk.exe"
cp "$work/noconsole.exe" "$work/win/"
# Both read the referentials of an empty data folder: the embedded ones.
export CERFADESK_DATA=data

# run NAME STDIN ARGS...: the same command on both sides, compared byte for
# byte (stdout, stderr, exit code, then every file the Linux side wrote).
run() {
	local name=$1 in=$2
	shift 2
	(cd "$work/lin" && "$BIN" "$@" <"$in" >"../$name.lin.out" 2>"../$name.lin.err"; echo $? >"../$name.lin.rc") || true
	(cd "$work/win" && wine cerfadesk.exe "$@" <"$in" >"../$name.win.out" 2>"../$name.win.err"; echo $? >"../$name.win.rc") || true
	local what bad=()
	for what in out err rc; do
		cmp -s "$work/$name.lin.$what" "$work/$name.win.$what" || bad+=("$what")
	done
	while read -r f; do
		cmp -s "$work/lin/$f" "$work/win/$f" || bad+=("$f")
	done < <(cd "$work/lin" && find . -name '*.pdf' -type f)
	if ((${#bad[@]})); then
		echo "FAIL $name (exit $(cat "$work/$name.lin.rc") / $(cat "$work/$name.win.rc")): ${bad[*]} differ"
		for what in "${bad[@]}"; do
			[[ $what == out || $what == err ]] && diff <(cat -v "$work/$name.lin.$what") <(cat -v "$work/$name.win.$what") | head -20 || true
		done
		fail=1
	else
		echo "ok   $name: exit $(cat "$work/$name.lin.rc"), $(wc -c <"$work/$name.lin.out") + $(wc -c <"$work/$name.lin.err") bytes"
	fi
}

examples=(apprentissage-base.json apprentissage-minor16.json professionnalisation-base.json professionnalisation-minor16.json)
run help /dev/null help
run version /dev/null version
run validate-json /dev/null validate --json --today 2025-08-28 "${examples[@]}" bom.json broken.json adir absent.json
run validate-text /dev/null validate --today 2025-08-28 "${examples[@]}" bom.json broken.json
run pdf-stdout /dev/null pdf apprentissage-base.json -o - --today 2026-11-26
run pdf-file /dev/null pdf professionnalisation-minor16.json --today 2026-11-26
run pdf-stdin "$root/testdata/domain/apprentissage-minor16.json" pdf - -o - --today 2026-11-26
run pdf-broken /dev/null pdf broken.json

# console NAME ARGS...: the .exe started without standard handles from a
# console (a pseudo-terminal 250 columns wide), against the Linux output with
# tabs expanded as the console shows them.
console() {
	local name=$1
	shift
	(cd "$work/lin" && "$BIN" "$@" 2>&1 | expand >"../$name.lin.txt") || true
	local rc=0
	(cd "$work/win" && script -qec "stty cols 250 rows 200; wine noconsole.exe cerfadesk.exe $*" /dev/null </dev/null) \
		>"$work/$name.tty" 2>&1 || rc=$?
	sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\r//g' "$work/$name.tty" >"$work/$name.win.txt"
	if ! cmp -s "$work/$name.lin.txt" "$work/$name.win.txt"; then
		echo "FAIL $name (console, exit $rc): the console shows"
		diff "$work/$name.lin.txt" "$work/$name.win.txt" | head -20 || true
		fail=1
	elif [[ ! -s $work/$name.win.txt ]]; then
		echo "FAIL $name (console): nothing printed"
		fail=1
	else
		echo "ok   $name: console without standard handles, exit $rc, $(wc -l <"$work/$name.win.txt") lines"
	fi
}
console console-help help
console console-validate validate --today 2025-08-28 apprentissage-base.json broken.json

# The Windows-only unit tests of the command (which arguments attach to
# the console), cross-compiled and run under Wine. Built as scripts/windows.sh
# builds the .exe, so that the compiled packages are reused.
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC="clang --target=x86_64-w64-mingw32" \
	go test -c -tags migrated_fynedo -trimpath -ldflags "-extld=x86_64-w64-mingw32-gcc" \
	-o "$work/cli.test.exe" ./cmd/cerfadesk
if (cd cmd/cerfadesk && wine "$work/cli.test.exe" -test.run '^TestWantsConsole$' -test.count=1 >"$work/unit.out" 2>&1) &&
	! grep -q "no tests to run" "$work/unit.out"; then
	echo "ok   unit tests of cmd/cerfadesk/*_windows_test.go under Wine"
else
	echo "FAIL unit tests of cmd/cerfadesk/*_windows_test.go under Wine:"
	cat "$work/unit.out"
	fail=1
fi

echo "windows-smoke: $(( $(date +%s) - t0 )) s under $(wine --version)"
exit $fail
