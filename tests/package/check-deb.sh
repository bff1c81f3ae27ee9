#!/usr/bin/env bash
# Installs the .deb that scripts/package.sh built, as a user would (apt
# resolves what it depends on), starts the installed app under Xvfb through
# WebDriver, then removes the package. Prints the package's size (issue 7's
# target: at most 10 MB).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/setup.sh
deb="$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -n 1)"
info="$(dpkg-deb --info "$deb")"
contents="$(dpkg-deb --contents "$deb")"
package="$(dpkg-deb --field "$deb" Package)"
fail() { echo "check-deb: $*" >&2; exit 1; }
grep -q 'Depends:.*libwebkit2gtk-4.1' <<<"$info" || fail "the package does not depend on WebKitGTK 4.1"
grep -Eq ' (./)?usr/bin/binome-desktop$' <<<"$contents" || fail "no /usr/bin/binome-desktop"
grep -q '\.desktop$' <<<"$contents" || fail "no menu entry (.desktop)"
grep -q 'icons/hicolor/.*binome-desktop.png$' <<<"$contents" || fail "no icon"
echo "binome: paquet $package, $(du -k "$deb" | cut -f1) Kio : $deb"

as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$deb" >/dev/null
trap 'as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y "$package" >/dev/null' EXIT
BINOME_APP=/usr/bin/binome-desktop tests/e2e/run.sh ../package/installed.test.mjs
