#!/usr/bin/env bash
# Builds the Linux installers (.deb and .rpm) of the desktop app into
# $CARGO_TARGET_DIR/release/bundle/. AppImage is left to the release
# workflow (.github/workflows/release.yml): its bundler downloads a file
# from the web. Windows and macOS installers are built there too.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
setup_desktop
(cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb,rpm --ci)
ls -l "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb "$CARGO_TARGET_DIR"/release/bundle/rpm/*.rpm
