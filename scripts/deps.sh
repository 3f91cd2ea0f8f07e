#!/usr/bin/env bash
# deps.sh installs the Debian packages cerfadesk needs to build, test and
# screenshot the app. It is idempotent: when every package is already
# installed it only runs dpkg-query and exits (well under a second).
#
# Packages (see docs/building.md):
#   cgo + GL for Fyne's GLFW driver (NOT xorg-dev, which adds ~29 packages),
#   clang (4x faster cold cgo build than gcc), Xvfb + xdotool + imagemagick
#   (real window smoke tests and screenshots), poppler-utils (PDF tests).
set -euo pipefail

packages=(
	gcc
	libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
	libxinerama-dev libxi-dev libxxf86vm-dev
	clang
	xvfb xauth xdotool imagemagick
	poppler-utils
)

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	if [[ "$status" != "install ok installed" ]]; then
		missing+=("$p")
	fi
done

if ((${#missing[@]} == 0)); then
	exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
	sudo=(sudo)
fi

echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Another process (a colleague's `make test`) may hold the dpkg lock: wait for it.
apt_opts=(-o DPkg::Lock::Timeout=600 -qq)
"${sudo[@]}" apt-get "${apt_opts[@]}" update
"${sudo[@]}" apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: done" >&2
