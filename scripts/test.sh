#!/usr/bin/env bash
# Sets up what is missing and runs every check: formatting, lints, all
# tests (unit, integration, CLI end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked

# A short smoke of the bundle reader's fuzz target, seeded with a real
# bundle. Stable Rust builds it without coverage instrumentation, so this
# only shakes the reader; real fuzzing needs nightly (fuzz/README.md).
corpus="$(mktemp -d)"
cp tests/fixtures/mission.binome "$corpus/"
(cd fuzz && CARGO_TARGET_DIR="$CARGO_TARGET_DIR/fuzz" cargo build --locked --quiet)
"$CARGO_TARGET_DIR/fuzz/debug/bundle_reader" "$corpus" -max_total_time=15 -print_final_stats=0 2>&1 | tail -n 1
rm -rf "$corpus"
