#!/usr/bin/env bash
# Sets up what is missing and runs every check: formatting, lints, the UI's
# type check and unit tests, all Rust tests (unit, integration, CLI end to
# end), the bundle reader's fuzz smoke, and the desktop app's end-to-end
# scenarios in its real WebKit engine.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step's time, printed at the end (or where it stopped): what a cold
# or warm run spends where, for README.md's figures.
step_times=""
step_name=""
step_started=$SECONDS
step() {
    if [ -n "$step_name" ]; then
        step_times+="$(printf '%6d s  %s' $((SECONDS - step_started)) "$step_name")"$'\n'
    fi
    step_name="$1"
    step_started=$SECONDS
}
report_steps() {
    step ""
    printf 'binome: durées / times\n%s%6d s  total\n' "$step_times" "$SECONDS"
}
trap report_steps EXIT

step "setup"
source scripts/setup.sh
setup_desktop
setup_e2e

step "fmt, UI check and unit tests"
cargo fmt --all -- --check
(cd ui && npm run --silent check && npx vitest run --reporter=dot)
step "clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

# Everything but the desktop app is built once, in one debug build, and
# every later step reuses it: the tests, the CLI the end-to-end scenarios
# read stores with, the benchmark harness and the fuzz targets. One
# selection for all, because cargo builds a crate again for each set of
# features it is asked for (binome-core's keychain is the desktop app's).
# The desktop app is built once too, in release: the installers need that
# build, so its tests and the end-to-end scenarios run on it.
debug=(--workspace --exclude binome-desktop --features binome-core/keychain --locked)
desktop=(--release -p binome-desktop --features tauri/custom-protocol --locked)
step "debug build"
cargo build "${debug[@]}" --all-targets
step "cargo test"
cargo test "${debug[@]}"
# The OS keychain, under a private D-Bus session with gnome-keyring.
step "keychain test"
scripts/with-keychain.sh cargo test "${debug[@]}" --lib -- --ignored --exact \
    vault::keychain::tests::a_key_remembered_on_this_computer_opens_its_store_and_no_other

# A short smoke of the bundle reader's fuzz target, seeded with a real
# bundle. Stable Rust builds it without coverage instrumentation, so this
# only shakes the reader; real fuzzing needs nightly (fuzz/README.md).
step "fuzz smoke"
corpus="$(mktemp -d)"
cp tests/fixtures/mission.binome "$corpus/"
"$CARGO_TARGET_DIR/debug/bundle_reader" "$corpus" -max_total_time=15 -print_final_stats=0 2>&1 | tail -n 1
rm -rf "$corpus"
# The same past the signature: the fuzzer's bytes signed and encrypted as a
# trusted laptop's payload (fuzz/README.md).
corpus="$(mktemp -d)"
printf '\001{"t":"programmes","id":"x","vv":{"a":1},"hlc":1,"o":"a","del":false,"d":{}}\n' > "$corpus/seed"
"$CARGO_TARGET_DIR/debug/signed_payload" "$corpus" -max_total_time=15 -max_len=65536 -print_final_stats=0 2>&1 | tail -n 1
rm -rf "$corpus"
# A host hospital's lists, any bytes read as CSV, XLSX, XLS or ODS (the
# first byte picks which), seeded with the real lists of the fixtures.
corpus="$(mktemp -d)"
seed=0
for extension in csv xlsx xls ods; do
  for list in tests/fixtures/*."$extension"; do
    { printf '%b' "\\00$seed"; cat "$list"; } > "$corpus/$extension-$(basename "$list")"
  done
  seed=$((seed + 1))
done
"$CARGO_TARGET_DIR/debug/spreadsheet_reader" "$corpus" -max_total_time=15 -print_final_stats=0 2>&1 | tail -n 1
rm -rf "$corpus"
# The same lists' XML damaged past the zip (fuzz/README.md): no seed needed.
corpus="$(mktemp -d)"
"$CARGO_TARGET_DIR/debug/workbook_parts" "$corpus" -max_total_time=15 -print_final_stats=0 2>&1 | tail -n 1
rm -rf "$corpus"
# A recovery kit from anyone, damaged in its JSON or its sealed key
# (fuzz/README.md): no seed needed either.
corpus="$(mktemp -d)"
"$CARGO_TARGET_DIR/debug/recovery_kit" "$corpus" -max_total_time=15 -print_final_stats=0 2>&1 | tail -n 1
rm -rf "$corpus"

# Sync nearby between two network namespaces: found by mDNS, both ways,
# cut and resumed (root, as CI runs; the script refuses otherwise).
step "sync nearby, two namespaces"
as_root tests/nearby/two-namespaces.sh "$CARGO_TARGET_DIR/debug/binome"

# The benchmark harness at mission scale, to keep it working (no timing
# is asserted; benches/README.md holds the figures).
step "benchmarks"
"$CARGO_TARGET_DIR/debug/binome-bench" --scale mission --quick >/dev/null
"$CARGO_TARGET_DIR/debug/binome-bench" --import-memory 1 >/dev/null
# The dashboard beside DuckDB at mission scale: the harness stops unless
# DuckDB's figures, from SQL written apart from Binôme's, equal Binôme's.
BINOME_BENCH_PYTHON="$(benches/duckdb-python.sh)" "$CARGO_TARGET_DIR/debug/binome-bench" --dashboard --scale mission >/dev/null

# Its keychain test with the others, in one cargo command: compiling the
# app writes the UI files it embeds into the build folder, and a second
# command would find them newer than its own build and compile it again.
step "desktop tests"
scripts/with-keychain.sh cargo test "${desktop[@]}" --lib -- --include-ignored

# The Linux installers (the release build of the app the steps below run).
step "packages"
scripts/package.sh

# The desktop app, end to end (writes docs/screenshots/).
# The builds above leave 400-500 MB of files the kernel has not written
# yet; it writes them about 30 s later, in the middle of the first
# scenario, and every tick synced meanwhile waits behind them (one sync
# measured at 568 ms, benches/README.md). Written now, the attendance tick
# figure is the app's, not the compiler's.
sync
step "end to end"
tests/e2e/run.sh

# The .deb installed with apt, the installed app started through
# WebDriver, and the package removed.
step "installed .deb"
tests/package/check-deb.sh
# The same .deb on a fresh Debian 12 root (debootstrap): installed with
# only what it declares, started, its store made.
step "clean Debian 12 root"
tests/package/clean-root.sh
