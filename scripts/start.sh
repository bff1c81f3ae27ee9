#!/usr/bin/env bash
# Sets up what is missing, builds the desktop app and starts it on your
# store (~/.local/share/org.binome.desktop/binome.sqlite3, the CLI's
# default). On first start it asks who you are and offers demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
setup_desktop

cargo build --locked -p binome-desktop -p binome-cli
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "binome: aucun écran graphique (DISPLAY) : l'application de bureau a besoin d'une session graphique." >&2
    echo "binome: no graphical display (DISPLAY): the desktop app needs a desktop session." >&2
    echo "        La commande / the command: $CARGO_TARGET_DIR/debug/binome --help" >&2
    exit 1
fi
exec "$CARGO_TARGET_DIR/debug/binome-desktop" "$@"
