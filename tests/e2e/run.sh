#!/usr/bin/env bash
# Runs the end-to-end scenarios against the real app under Xvfb, through
# tauri-driver and WebKitWebDriver. Expects the app's release build
# (scripts/package.sh), the CLI's debug build and tauri-driver on the PATH
# (scripts/test.sh does it all).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
[ -d node_modules ] || npm ci --no-audit --no-fund

# The same default as scripts/setup.sh.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/binome-target}"

work="$(mktemp -d)"
export BINOME_E2E_PICK="$work/pick"
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config"
# The tests' scratch folders (stores, exports) go with the rest.
export TMPDIR="$work/tmp"
mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME" "$TMPDIR"
: > "$BINOME_E2E_PICK"

display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
export DISPLAY="$display"
# Ports of their own, so a second run or another WebDriver does not collide.
export BINOME_E2E_PORT=$((20000 + RANDOM % 20000))
tauri-driver --port "$BINOME_E2E_PORT" --native-port $((BINOME_E2E_PORT + 1)) >"$work/driver.log" 2>&1 &
driver=$!
# A second driver, for the scenarios with two app windows side by side
# (two laptops syncing nearby).
export BINOME_E2E_PORT2=$((BINOME_E2E_PORT + 2))
tauri-driver --port "$BINOME_E2E_PORT2" --native-port $((BINOME_E2E_PORT2 + 1)) >"$work/driver2.log" 2>&1 &
driver2=$!
cleanup() {
  kill "$driver" "$driver2" "$xvfb" 2>/dev/null || true
  wait "$driver" "$driver2" "$xvfb" 2>/dev/null || true
  # WebKit's processes, ending after the driver, may still be writing their
  # shader cache there: a second try, and a scratch folder left behind never
  # turns a passing run into a failing one (it once stopped scripts/test.sh
  # after the installed app's check: "Directory not empty").
  rm -rf "$work" 2>/dev/null || { sleep 2; rm -rf "$work" 2>/dev/null || true; }
}
trap cleanup EXIT
for port in "$BINOME_E2E_PORT" "$BINOME_E2E_PORT2"; do
  for _ in $(seq 1 50); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then break; fi
    sleep 0.2
  done
done

export BINOME_E2E_FAILURES="$work"
status=0
if [ $# -eq 0 ]; then set -- ./*.test.mjs; fi
node --test --test-concurrency=1 --test-reporter=spec "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- tauri-driver log ---"; tail -n 50 "$work/driver.log"
fi
exit "$status"
