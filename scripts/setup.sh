#!/usr/bin/env bash
# Installs what building Binôme needs on a Debian or Ubuntu machine, and
# nothing it already has. Sourced by start.sh and test.sh.
set -euo pipefail

MIN_RUST="1.85"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        if [ -z "$apt_updated" ]; then
            as_root apt-get update -qq
            apt_updated=1
        fi
        echo "binome: installation de / installing ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
}

version_at_least() {
    [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

# A C compiler for the bundled SQLite and zstd.
command -v cc >/dev/null 2>&1 || apt_install build-essential
command -v pkg-config >/dev/null 2>&1 || apt_install pkg-config

# Rust: Debian's cargo is too old for edition 2024, so rustup when needed.
if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
fi
rust_version=$(rustc --version 2>/dev/null | awk '{print $2}' || true)
if [ -z "$rust_version" ] || ! version_at_least "$rust_version" "$MIN_RUST"; then
    command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates
    echo "binome: installation de Rust (rustup) / installing Rust"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component rustfmt,clippy
    export PATH="$HOME/.cargo/bin:$PATH"
fi
for component in rustfmt clippy; do
    if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
        rustup component add "$component"
    fi
done

# Builds outside the clone, so a fresh clone (CI) reuses earlier work.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/binome-target}"

MIN_NODE="20.19"

# The desktop app: WebKitGTK and friends for Tauri, Node.js for the UI,
# whose built files the app embeds (so the UI is built before any cargo
# command that compiles src-tauri).
setup_desktop() {
    apt_install libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev file
    command -v node >/dev/null 2>&1 || apt_install nodejs npm
    local node_version
    node_version=$(node --version | tr -d v)
    if ! version_at_least "$node_version" "$MIN_NODE"; then
        echo "binome: Node.js $node_version est trop ancien (il faut $MIN_NODE ou plus) / Node.js $node_version is too old (need $MIN_NODE+)" >&2
        exit 1
    fi
    npm_install ui
    ui_build_if_changed
}

# The app embeds ui/build: built again only when a file it is made from is
# newer, since new files there make cargo build the app again (a minute in
# release, twice in a test run that packages it).
ui_build_if_changed() {
    local changed
    changed=$(find ui -path ui/node_modules -prune -o -path ui/build -prune -o -path ui/.svelte-kit -prune \
        -o -type f -newer ui/build/index.html -print -quit 2>/dev/null || true)
    if [ ! -f ui/build/index.html ] || [ -n "$changed" ]; then
        (cd ui && npm run --silent build >/dev/null)
    fi
}

# Installs a folder's npm packages when its lock file changed since.
npm_install() {
    local dir="$1"
    if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

# The end-to-end tests: a virtual display, WebKit's WebDriver, tauri-driver;
# and the real readers the output tests use: poppler for PDFs, LibreOffice
# for workbooks.
setup_e2e() {
    # gnome-keyring and dbus-run-session: the keychain tests' Secret Service.
    # python3-venv: DuckDB's environment for the dashboard's benchmark.
    apt_install xvfb webkit2gtk-driver poppler-utils libreoffice-calc-nogui gnome-keyring dbus python3-venv iproute2
    if ! command -v tauri-driver >/dev/null 2>&1; then
        echo "binome: installation de tauri-driver / installing tauri-driver"
        cargo install tauri-driver --locked --quiet
    fi
    npm_install tests/e2e
}
