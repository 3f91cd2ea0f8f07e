#!/usr/bin/env bash
# windows.sh cross-builds dist/cerfadesk.exe for Windows (amd64) from Linux:
# clang compiles Fyne's cgo code for the x86_64-w64-mingw32 target (about 4
# times faster than mingw's gcc on go-gl), the MinGW gcc driver links
# (clang as the linker driver fails on --compress-debug-sections and
# -lgcc_eh). See docs/building.md. The .exe only imports
# system DLLs (GDI32, KERNEL32, OPENGL32, SHELL32, USER32, msvcrt).
# Installs clang and gcc-mingw-w64-x86-64 when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"

missing=()
for p in clang gcc-mingw-w64-x86-64; do
	[[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
	sudo=()
	[[ $(id -u) -ne 0 ]] && sudo=(sudo)
	echo "windows: installing ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 -qq update
	"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 -qq install -y --no-install-recommends "${missing[@]}" >/dev/null
fi

mkdir -p dist
t0=$(date +%s)
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC="clang --target=x86_64-w64-mingw32" \
	go build -tags migrated_fynedo -trimpath \
	-ldflags "-s -w -H=windowsgui -extld=x86_64-w64-mingw32-gcc" \
	-o dist/cerfadesk.exe ./cmd/cerfadesk
echo "windows: dist/cerfadesk.exe ($(du -h dist/cerfadesk.exe | cut -f1), $(( $(date +%s) - t0 )) s)"
if command -v file >/dev/null; then file dist/cerfadesk.exe; fi
