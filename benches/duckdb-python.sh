#!/usr/bin/env bash
# Prints the path of a Python that has DuckDB (from PyPI, pinned), making
# its virtual environment under the build cache the first time.
set -euo pipefail
venv="${CARGO_TARGET_DIR:-$HOME/.cache/binome-target}/bench-duckdb"
if ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'duckdb==2.0.1' >&2
fi
echo "$venv/bin/python"
