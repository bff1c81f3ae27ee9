#!/usr/bin/env bash
# Sets up what is missing and runs every check: formatting, lints, all
# tests (unit, integration, CLI end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
