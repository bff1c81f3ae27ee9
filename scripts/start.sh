#!/usr/bin/env bash
# Sets up what is missing, builds the `binome` command and shows the
# indicators of a demonstration store (never your own store). Until the
# desktop app lands, this is Binôme's main job.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --release -p binome-cli
binome="$CARGO_TARGET_DIR/release/binome"

data_dir="${XDG_DATA_HOME:-$HOME/.local/share}/org.binome.desktop"
export BINOME_DB="${BINOME_DB:-$data_dir/demo.sqlite3}"
if [ ! -s "$BINOME_DB" ]; then
    echo "Magasin de démonstration vide : chargement des données de démonstration / empty demo store: loading demo data"
    "$binome" demo --seed 1 --scale programme
fi
"$binome" indicators
"$binome" indicators --by cadre
cat <<MSG

Magasin de démonstration / demo store : $BINOME_DB
Essayez / try:
  BINOME_DB="$BINOME_DB" $binome missions list
  BINOME_DB="$BINOME_DB" $binome indicators --by month --programme PASA2
  BINOME_DB="$BINOME_DB" $binome persons duplicates
  $binome --help
MSG
