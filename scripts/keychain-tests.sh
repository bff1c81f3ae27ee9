#!/usr/bin/env bash
# The tests of "se souvenir sur cet ordinateur" need a keychain: a private
# D-Bus session with gnome-keyring's Secret Service, its keyring made and
# unlocked in a temporary folder (never the user's own). The normal test
# run skips them (#[ignore]); this runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
keyrings="$(mktemp -d)"
trap 'rm -rf "$keyrings"' EXIT
XDG_DATA_HOME="$keyrings" dbus-run-session -- bash -c '
    set -euo pipefail
    printf "%s" "binome-tests" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    cargo test --locked -p binome-core --features keychain --lib -- --ignored --exact \
        vault::keychain::tests::a_key_remembered_on_this_computer_opens_its_store_and_no_other
    cargo test --locked -p binome-desktop --lib -- --ignored --exact \
        state::tests::a_store_remembered_on_this_computer_opens_at_start_and_asks_again_once_locked
'
