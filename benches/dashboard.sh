#!/usr/bin/env bash
# The dashboard beside DuckDB (issue 18), at each scale given (programme and
# country by default; hq writes ten countries, about 12 GB, and takes half
# an hour), from one command; one Markdown table a scale.
#   benches/dashboard.sh [programme] [country] [hq]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/binome-target}"
python="$(benches/duckdb-python.sh)"
cargo build --release --quiet -p binome-bench -p binome-cli
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(programme country)
for scale in "${scales[@]}"; do
    BINOME_BENCH_PYTHON="$python" "$CARGO_TARGET_DIR/release/binome-bench" --dashboard --scale "$scale"
done
