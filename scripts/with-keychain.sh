#!/usr/bin/env bash
# Runs a command (the tests of "se souvenir sur cet ordinateur") with a
# keychain: a private D-Bus session with gnome-keyring's Secret Service,
# its keyring made and unlocked in a temporary folder, never the user's
# own. The normal test run skips those tests (#[ignore]); scripts/test.sh
# runs them through this.
#
#   scripts/with-keychain.sh cargo test … -- --ignored --exact NAME
set -euo pipefail
keyrings="$(mktemp -d)"
trap 'rm -rf "$keyrings"' EXIT
XDG_DATA_HOME="$keyrings" dbus-run-session -- bash -c '
    set -euo pipefail
    printf "%s" "binome-tests" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    "$@"
' with-keychain "$@"
