# Shared by scripts/run and scripts/test: install what is missing, quickly skip what is present.
# Sourced, not run.
set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1;36m==> %s\033[0m\n' "$*" >&2; }

# One target directory, kept outside the checkout so fresh clones (CI) reuse earlier builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/quorum/target}"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
# The environment cargo-leptos gave its builds (scripts/build-site builds as it did), so `cargo test`
# and the site's build share compiled crates instead of rebuilding each other's.
export LEPTOS_OUTPUT_NAME=quorum LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=app LEPTOS_BIN_DIR=server \
  LEPTOS_JS_MINIFY=false LEPTOS_HASH_FILES=false RUSTFLAGS="--cfg erase_components"

# Debug builds erase the views' types (Leptos' erase_components: far quicker to compile); release
# builds, what ships and what bench/ measures, keep them: every view boxed and allocated anew on each
# request cost the signed-in pages 10-35 % of their speed (bench/README.md). Every release build calls
# this first, so they all share one set of flags and never rebuild each other's crates.
release_flags() { unset RUSTFLAGS; }

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

# install_tool [+TOOLCHAIN] install ARGS…: `cargo install` of a tool this machine runs, never one we
# ship. Some tools ask for full LTO and one code unit in their own release profile; a profile in the
# environment overrides the manifest's, so they build in parallel units without LTO. Measured on
# 2026-12-07, fresh target directories, 2 cores: cargo-deny 2 min 17 s against 2 min 55 s.
install_tool() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo "$@"
}

# The wasm target and the wasm-bindgen CLI Cargo.lock pins: what scripts/build-site needs beyond
# cargo. (cargo-leptos is not installed any more: its 14 minutes were most of a new machine's setup.)
ensure_rust_tools() {
  rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown \
    || { say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
  local want; want="$(wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (about 4 minutes, once)"
    install_tool install wasm-bindgen-cli --version "$want" --force
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

# Python packages the tests use as independent checkers and peers (the `icalendar` parser, `bcrypt`
# digests as Greenlight made them, moto's S3-compatible server for the file store), in a virtual
# environment of their own; QUORUM_PYTHON names its interpreter.
ensure_python() {
  local venv="${XDG_CACHE_HOME:-$HOME/.cache}/quorum/venv"
  local wanted="icalendar==7.3.2 bcrypt==4.2.1 moto[server]==5.2.5"
  if [ ! -f "$venv/.stamp" ] || [ "$(cat "$venv/.stamp")" != "$wanted" ]; then
    say "Python packages for the tests ($wanted)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check $wanted
    echo "$wanted" >"$venv/.stamp"
  fi
  export QUORUM_PYTHON="$venv/bin/python"
}

# A private PostgreSQL server for the tests: its own data folder and port, stopped when the script
# exits. The machine's own cluster is not used: after a killed session its stale pid file (the pid
# reused by another process) made it look online while nothing listened.
start_test_postgres() {
  need_apt postgresql
  local bin; bin="/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -n | tail -1)/bin"
  PG_DIR="$(mktemp -d /tmp/quorum-pg.XXXXXX)"
  trap stop_test_postgres EXIT
  local port=$((20000 + RANDOM % 30000))
  while (: >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  # initdb refuses to run as root: as root, the server runs as the postgres system user.
  local owner=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PG_DIR"; owner=(runuser -u postgres --); fi
  "${owner[@]}" "$bin/initdb" -D "$PG_DIR/data" -U quorum_test --auth=trust -E UTF8 >/dev/null
  "${owner[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -s start -o \
    "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off \
     -c synchronous_commit=off -c full_page_writes=off" \
    || { cat "$PG_DIR/log" >&2; return 1; }
  PG_CTL=("${owner[@]}" "$bin/pg_ctl" -D "$PG_DIR/data")
  say "PostgreSQL for the tests on port $port ($PG_DIR)"
  QUORUM_TEST_PG_URL="postgres://quorum_test@127.0.0.1:$port/postgres"
}

stop_test_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_CTL[@]}" -s -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}

# Fuzzing: cargo-fuzz and libFuzzer on the nightly toolchain (the machine has one; rustup cannot
# download another here). Its builds are instrumented, so they get a target directory of their own:
# in the shared one they would replace, and then rebuild, the stable builds every other step reuses.
FUZZ_TARGET_DIR="${FUZZ_TARGET_DIR:-$HOME/.cache/quorum/fuzz-target}"

ensure_cargo_fuzz() {
  rustup toolchain list | grep -q '^nightly' \
    || { echo "fuzzing needs a nightly toolchain (rustup toolchain install nightly)" >&2; return 1; }
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz (a few minutes, once)"
    # Should stable be too old for its locked dependencies, nightly builds it.
    install_tool install cargo-fuzz --locked || install_tool +nightly install cargo-fuzz --locked
  fi
}

# run_fuzz SECONDS: builds every target in app/fuzz once, then runs each for SECONDS on a copy of
# its seed corpus (the repository keeps the seeds, never what a run adds). A crash, a timeout or
# running out of memory fails the run; the input is kept in app/fuzz/artifacts/ (not committed),
# with the command that replays it. FUZZ_MODE=release builds optimised (slower to build, more
# inputs a second); the default, dev, builds in a fraction of the time, which suits short runs.
# Targets call safe Rust only, so no sanitizer: libFuzzer's own checks catch panics and hangs.
run_fuzz() {
  local seconds="$1" fuzz_dir="$ROOT/app/fuzz" mode=(--dev) profile=debug settings=()
  # Optimised without the release profile's LTO: coverage instrumentation keeps LTO from inlining
  # across crates, so it would only lengthen the link.
  if [ "${FUZZ_MODE:-dev}" = release ]; then
    mode=(-O) profile=release settings=(CARGO_PROFILE_RELEASE_LTO=false)
  fi
  ensure_cargo_fuzz
  local build=(--fuzz-dir "$fuzz_dir" --target-dir "$FUZZ_TARGET_DIR" --sanitizer none "${mode[@]}")
  say "building the fuzz targets ($profile)"
  env "${settings[@]}" cargo +nightly fuzz build "${build[@]}"
  local host; host="$(rustc +nightly -vV | sed -n 's/^host: //p')"
  local bins="$FUZZ_TARGET_DIR/$host/$profile" work failed=()
  work="$(mktemp -d /tmp/quorum-fuzz.XXXXXX)"
  for target in $(cargo +nightly fuzz list --fuzz-dir "$fuzz_dir"); do
    mkdir -p "$work/$target/corpus" "$work/$target/found"
    cp "$fuzz_dir/corpus/$target/"* "$work/$target/corpus/"
    say "fuzzing $target for $seconds s"
    # -timeout: one input that takes this long is a hang, so the run cannot stall past its time.
    if "$bins/$target" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$work/$target/found/" "$work/$target/corpus" >"$work/$target/log" 2>&1; then
      grep -E '^(Done|stat::number_of_executed_units)' "$work/$target/log" >&2 || true
    else
      tail -n 30 "$work/$target/log" >&2
      mkdir -p "$fuzz_dir/artifacts/$target"
      for input in "$work/$target/found/"*; do
        [ -e "$input" ] || continue
        cp "$input" "$fuzz_dir/artifacts/$target/"
        local kept="$fuzz_dir/artifacts/$target/$(basename "$input")"
        echo "input kept: $kept" >&2
        echo "replay it:  $bins/$target $kept" >&2
        echo "       or:  ${settings[*]:+${settings[*]} }cargo +nightly fuzz run ${build[*]} $target $kept" >&2
      done
      failed+=("$target")
    fi
  done
  rm -rf "$work"
  if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found a failure in: ${failed[*]}" >&2
    return 1
  fi
}

# cargo-deny: licences, bans, duplicate versions and sources of the dependencies (deny.toml).
ensure_cargo_deny() {
  if ! cargo deny --version >/dev/null 2>&1; then
    say "installing cargo-deny (about 2 minutes, once)"
    install_tool install cargo-deny --locked
  fi
}

# check_dependencies: `cargo deny check`. The advisory database is fetched from GitHub; where that
# fails (this machine's network reaches only the package registries), the advisory check is
# skipped and the script says so rather than passing it in silence.
check_dependencies() {
  ensure_cargo_deny
  cargo deny check licenses bans sources
  if timeout 60 cargo deny fetch db >/dev/null 2>&1; then
    cargo deny check advisories
  else
    say "advisories NOT checked: the RustSec database (github.com) cannot be fetched from here"
  fi
}
