#!/usr/bin/env bash
# Installs the .deb that scripts/package.sh built on a fresh Debian 12 root
# (debootstrap, minbase: none of the development machine's libraries or
# tools), then starts the installed app there under Xvfb and checks that
# it is still running, that it made its data folder for its owner alone
# and waits for a passphrase before any store, and that WebKit's web
# process runs: a coordinator's freshly installed laptop, as closely as
# this machine can make one. Needs root and the Debian mirror.
#
#   tests/package/clean-root.sh [ROOT]   # ROOT is kept and reused when given
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/setup.sh
deb="$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -n 1)"
# A root made here is removed at the end (1.1 GB each run); one given is kept.
made=""
if [ -z "${1:-}" ]; then made="$(mktemp -d)"; fi
root="$(realpath -m "${1:-$made/root}")"
fail() { echo "clean-root: $*" >&2; exit 1; }

command -v debootstrap >/dev/null || as_root apt-get install -y -q debootstrap >/dev/null
if [ ! -x "$root/usr/bin/apt-get" ]; then
  as_root debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
fi

# The processes running inside the root (their / is the root).
root_pids() {
  for status in /proc/[0-9]*; do
    [ "$(as_root readlink "$status/root" 2>/dev/null)" = "$root" ] && echo "${status#/proc/}"
  done
  return 0
}
mounts=(proc sys dev dev/pts dev/shm)
cleanup() {
  for pid in $(root_pids); do as_root kill "$pid" 2>/dev/null || true; done
  sleep 1
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do as_root umount -l "$root/${mounts[$i]}" 2>/dev/null || true; done
  # --one-file-system: never into the host's /dev, /sys or /proc, even
  # if an unmount above failed.
  if [ -n "$made" ]; then as_root rm -rf --one-file-system "$made" 2>/dev/null || true; fi
}
trap cleanup EXIT
as_root mount -t proc proc "$root/proc"
as_root mount --bind /sys "$root/sys"
as_root mount --bind /dev "$root/dev"
as_root mount --bind /dev/pts "$root/dev/pts"
as_root mount --bind /dev/shm "$root/dev/shm"

as_root cp "$deb" "$root/tmp/binome.deb"
in_root() { as_root chroot "$root" env DEBIAN_FRONTEND=noninteractive HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
in_root apt-get update -q >/dev/null
# What the package declares is all it gets, as on a user's laptop; Xvfb
# stands in for the screen.
in_root apt-get install -y -q --no-install-recommends /tmp/binome.deb >/dev/null
in_root apt-get install -y -q --no-install-recommends xvfb xauth >/dev/null
in_root sh -c 'ldd /usr/bin/binome-desktop | grep "not found"' && fail "libraries missing in a clean root"

# Started as from the menu: no arguments, the store in its default place.
store=/root/.local/share/org.binome.desktop/binome.sqlite3
in_root rm -rf /root/.local/share/org.binome.desktop
in_root xvfb-run -a -s "-screen 0 1366x768x24" /usr/bin/binome-desktop >"$root/tmp/app.log" 2>&1 &
sleep 20
app_running=false
web_process=false
for pid in $(root_pids); do
  command="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  case "$command" in
    /usr/bin/binome-desktop*) app_running=true ;;
    *WebKitWebProcess*) web_process=true ;;
  esac
done
$app_running || { cat "$root/tmp/app.log" >&2; fail "the installed app did not stay up"; }
$web_process || { cat "$root/tmp/app.log" >&2; fail "WebKit's web process did not start"; }
folder="$(dirname "$store")"
[ "$(as_root stat -c %a "$root$folder" 2>/dev/null)" = 700 ] || fail "the app made no private data folder at $folder"
# The store is made once the passphrase is chosen on the first screen,
# encrypted from its first page: nothing in clear before that.
[ ! -e "$root$store" ] || fail "a store was made at $store before any passphrase"
echo "clean-root: $(basename "$deb") installed on a fresh Debian 12 root and started (data folder made, store awaiting its passphrase, WebKit running)"
