#!/usr/bin/env bash
# The dashboard beside DuckDB (issue 18), at each scale given (programme and
# country by default), from one command. Installs DuckDB from PyPI into a
# virtual environment under the build cache; prints one Markdown table.
#   benches/dashboard.sh [programme] [country]
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-$HOME/.cache/binome-target}"
venv="$target/bench-duckdb"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet 'duckdb==2.0.1'
fi
CARGO_TARGET_DIR="$target" cargo build --release --quiet -p binome-bench -p binome-cli
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(programme country)
for scale in "${scales[@]}"; do
    BINOME_BENCH_PYTHON="$venv/bin/python" "$target/release/binome-bench" --dashboard --scale "$scale"
done
