# Shared by scripts/run and scripts/test: install what is missing, quickly skip what is present.
# Sourced, not run.
set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1;36m==> %s\033[0m\n' "$*"; }

# One target directory, kept outside the checkout so fresh clones (CI) reuse earlier builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/quorum/target}"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
# The same environment cargo-leptos gives its builds, so `cargo test` and `cargo leptos build` share
# compiled crates instead of rebuilding each other's.
export LEPTOS_OUTPUT_NAME=quorum LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=app LEPTOS_BIN_DIR=server \
  LEPTOS_JS_MINIFY=false LEPTOS_HASH_FILES=false RUSTFLAGS="--cfg erase_components"

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
APT_UPDATED=""
need_apt() { # need_apt PACKAGE... : installs the Debian packages that are not installed yet
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]} (Debian packages)"
  if [ -z "$APT_UPDATED" ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust_tools() {
  rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown \
    || { say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
  if ! cargo leptos --version >/dev/null 2>&1; then
    say "installing cargo-leptos (about 11 minutes, once)"
    # On stable 1.95 `--locked` fails (a dependency wants a newer rustc); nightly builds it.
    if rustup toolchain list | grep -q nightly; then
      cargo +nightly install cargo-leptos --locked
    else
      cargo install cargo-leptos
    fi
  fi
  local want; want="$(wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (about 4 minutes, once)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_npm() { # ensure_npm DIR : installs the npm packages of DIR when its lock file changed
  local dir="$1" stamp="$1/node_modules/.quorum-stamp"
  if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
    say "installing npm packages in ${dir#"$ROOT"/}"
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
}

as_postgres() { # as_postgres CMD... : runs CMD as the postgres system user, from root or through sudo
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

# Starts the machine's PostgreSQL cluster (installing it if needed) and prints a URL for a role
# that may create databases.
ensure_postgres() {
  need_apt postgresql
  local version; version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
    $SUDO pg_createcluster "$version" main >/dev/null
  fi
  pg_lsclusters -h | grep -q "^$version main .* online" || $SUDO pg_ctlcluster "$version" main start
  local port; port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')"
  # The role may exist already with another password (a machine image, an older run): set it every time.
  local role=quorum_test
  as_postgres psql -p "$port" -qtAc "SELECT 1 FROM pg_roles WHERE rolname = '$role'" | grep -q 1 \
    || as_postgres psql -p "$port" -qc "CREATE ROLE $role" >/dev/null
  as_postgres psql -p "$port" -qc "ALTER ROLE $role LOGIN PASSWORD '$role' CREATEDB" >/dev/null
  echo "postgres://$role:$role@127.0.0.1:$port/postgres"
}
