#!/usr/bin/env bash
# windows.sh cross-builds dist/cerfadesk.exe for Windows (amd64) from Linux:
# clang compiles Fyne's cgo code for the x86_64-w64-mingw32 target (about 4
# times faster than mingw's gcc on go-gl), the MinGW gcc driver links
# (clang as the linker driver fails on --compress-debug-sections and
# -lgcc_eh). The .exe only imports system DLLs (GDI32, KERNEL32, OPENGL32,
# SHELL32, USER32, msvcrt).
#
# The .exe carries the icon (assets/icon.png), the version information
# (FyneApp.toml's Version and Build: file version 0.1.0.1 for 0.1.0 build 1)
# and a manifest, in a resource object that go-winres writes next to the main
# package for the build and that is removed afterwards (never committed).
# Installs clang, gcc-mingw-w64-x86-64 and go-winres (from the Go module
# proxy, pinned) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$PATH"

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
winres_version=v0.3.3
if ! command -v go-winres >/dev/null; then
	echo "windows: installing go-winres $winres_version" >&2
	(cd "$(mktemp -d)" && GOFLAGS=-mod=mod go install "github.com/tc-hib/go-winres@$winres_version")
fi

# Version and names from FyneApp.toml, the single source of the version.
toml() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\\{0,1\\}\\([^\"]*\\)\"\\{0,1\\}[[:space:]]*$/\\1/p" FyneApp.toml | head -1; }
version=$(toml Version)
build=$(toml Build)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ && $build =~ ^[0-9]+$ ]] || {
	echo "windows: FyneApp.toml: Version \"$version\" / Build \"$build\" not understood" >&2
	exit 1
}
syso=cmd/cerfadesk/rsrc_windows_amd64.syso
trap 'rm -f "$syso"' EXIT
go-winres simply --arch amd64 --out cmd/cerfadesk/rsrc --manifest gui --icon assets/icon.png \
	--product-name cerfadesk --file-description "$(toml Description)" \
	--product-version "$version.$build" --file-version "$version.$build" \
	--original-filename cerfadesk.exe --copyright "cerfadesk"

mkdir -p dist
t0=$(date +%s)
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC="clang --target=x86_64-w64-mingw32" \
	go build -tags migrated_fynedo,no_emoji -trimpath \
	-ldflags "-s -w -H=windowsgui -extld=x86_64-w64-mingw32-gcc" \
	-o dist/cerfadesk.exe ./cmd/cerfadesk
echo "windows: dist/cerfadesk.exe $version.$build ($(du -h dist/cerfadesk.exe | cut -f1), $(( $(date +%s) - t0 )) s)"
if command -v file >/dev/null; then file dist/cerfadesk.exe; fi
