#!/usr/bin/env bash
# A bundle's first import, before and after a change, in one run on this
# machine: the same demo (seed fixed by `binome demo`), exported whole by
# the source laptop and imported by a receiver that trusts it, once with a
# `binome` built from REV and once with this checkout's. The two builds
# read different bundle formats, so each one exports and imports its own;
# what compares is the rows applied per second, and the peak memory.
#
#   benches/before-after.sh REV [SCALE]     # e.g. 2149f69^ country
#
# REV is built in a git worktree with its own target folder (a cold
# release build: about ten minutes on two cores, reused the next time).
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:?usage: benches/before-after.sh REV [SCALE]}"
scale="${2:-country}"
target="${CARGO_TARGET_DIR:-$HOME/.cache/binome-target}"
before_target="$HOME/.cache/binome-before-target"
tree="$(mktemp -d)/before"
work="$(mktemp -d)"
cleanup() {
  git worktree remove --force "$tree" 2>/dev/null || true
  rm -rf "$work" "$(dirname "$tree")"
}
trap cleanup EXIT

git worktree add --detach "$tree" "$rev" >/dev/null
(cd "$tree" && CARGO_TARGET_DIR="$before_target" cargo build --release -p binome-cli >/dev/null 2>&1)
cargo build --release -p binome-cli >/dev/null 2>&1

# Peak resident memory (KiB) and wall seconds of one command.
measure() {
  /usr/bin/time -f "%M %e" -o "$work/time" "$@" >/dev/null
  cat "$work/time"
}

# Two laptops that trust each other, the source with the demo; prints
# "versions seconds peak_kib" of the receiver's first import.
run() {
  local binome="$1" dir="$2"
  mkdir -p "$dir"
  local source=(--db "$dir/source.sqlite3") receiver=(--db "$dir/receiver.sqlite3")
  "$binome" "${source[@]}" init --name source --role coordinator >/dev/null
  "$binome" "${receiver[@]}" init --name receiver --role coordinator >/dev/null
  "$binome" "${source[@]}" bundle export --out "$dir/hello.binome" >/dev/null
  "$binome" "${receiver[@]}" bundle import "$dir/hello.binome" >/dev/null
  "$binome" "${receiver[@]}" devices trust source >/dev/null
  "$binome" "${receiver[@]}" bundle export --out "$dir/hello.binome" >/dev/null
  "$binome" "${source[@]}" bundle import "$dir/hello.binome" >/dev/null
  "$binome" "${source[@]}" devices trust receiver >/dev/null
  "$binome" "${source[@]}" demo --scale "$scale" >/dev/null
  "$binome" "${source[@]}" bundle export --out "$dir/full.binome" --to receiver --full >/dev/null
  local versions
  versions="$("$binome" "${source[@]}" --json bundle inspect "$dir/full.binome" |
    python3 -c 'import json,sys; print(sum(json.load(sys.stdin)["counts"].values()))')"
  read -r peak seconds < <(measure "$binome" "${receiver[@]}" bundle import "$dir/full.binome")
  echo "$versions $seconds $peak $(du -m "$dir/full.binome" | cut -f1)"
}

read -r b_versions b_seconds b_peak b_mb < <(run "$before_target/release/binome" "$work/before")
read -r a_versions a_seconds a_peak a_mb < <(run "$target/release/binome" "$work/after")
python3 - "$rev" "$scale" "$b_versions" "$b_seconds" "$b_peak" "$b_mb" "$a_versions" "$a_seconds" "$a_peak" "$a_mb" <<'EOF'
import sys
rev, scale = sys.argv[1:3]
bv, bs, bp, bm, av, as_, ap, am = map(float, sys.argv[3:])
print(f"Scale `{scale}`, first import of a whole bundle, before ({rev}) and after, one run:\n")
print("| build | versions | bundle | time | rows/s | peak memory |\n|---|---|---|---|---|---|")
print(f"| before | {bv:,.0f} | {bm:.0f} MB | {bs:.1f} s | {bv / bs:,.0f} | {bp / 1024:.0f} MB |")
print(f"| after | {av:,.0f} | {am:.0f} MB | {as_:.1f} s | {av / as_:,.0f} | {ap / 1024:.0f} MB |")
print(f"\nAfter / before, rows/s: {100 * (av / as_) / (bv / bs):.0f} % (target ≥ 90 %)")
EOF
