#!/usr/bin/env bash
# package.sh builds the Linux package dist/cerfadesk.tar.xz with `fyne
# package` (binary, .desktop entry and icon under usr/local, and a Makefile
# that installs them). `fyne package` rewrites FyneApp.toml (Build + 1) and
# wants it beside the main package: it runs on a copy of the sources, so the
# checkout is never modified; built without the colour emoji font like
# `make build` (docs/building.md). Installs the fyne CLI (fyne.io/tools v1.7.4)
# when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$PATH"
export CC=${CC:-clang}

if ! command -v fyne >/dev/null; then
	echo "package: installing the fyne CLI" >&2
	(cd "$(mktemp -d)" && GOFLAGS=-mod=mod go install fyne.io/tools/cmd/fyne@v1.7.4)
fi

root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$root" --exclude=./.git --exclude=./bin --exclude=./dist --exclude='*.test' -cf - . | tar -C "$work" -xf -
app="$work/cmd/cerfadesk"
cp "$root/FyneApp.toml" "$app/FyneApp.toml"
cp "$root/assets/icon.png" "$app/Icon.png"
sed -i 's|^\(\s*Icon\s*=\s*\).*|\1"Icon.png"|' "$app/FyneApp.toml"

t0=$(date +%s)
(cd "$app" && fyne package --target linux --release --tags no_emoji --name cerfadesk)
mkdir -p dist
cp "$app/cerfadesk.tar.xz" dist/cerfadesk.tar.xz
echo "package: dist/cerfadesk.tar.xz ($(du -h dist/cerfadesk.tar.xz | cut -f1), $(( $(date +%s) - t0 )) s)"
tar -tJf dist/cerfadesk.tar.xz
git -C "$root" diff --quiet -- FyneApp.toml || { echo "package: FyneApp.toml was modified" >&2; exit 1; }
