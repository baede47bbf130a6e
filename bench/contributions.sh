#!/usr/bin/env bash
# Importing a 100,000-row Open Collective export through the service, into SQLite and then
# PostgreSQL: rows/s and peak memory, beside reading the same file alone.
#   bench/contributions.sh      (ROWS=100000 to change)
source "$(dirname "$0")/../scripts/lib.sh"
release_flags
ensure_rust_tools
say "building the contributions benchmark (release)"
cargo build --release -p server --example contributions
bin="$CARGO_TARGET_DIR/release/examples/contributions"
export RUST_LOG=error
echo; echo "== into SQLite =="
"$bin"
start_test_postgres
echo; echo "== into PostgreSQL =="
psql "$QUORUM_TEST_PG_URL" -qc "CREATE DATABASE quorum_bench_$$"
QUORUM_BENCH_DATABASE_URL="${QUORUM_TEST_PG_URL%/*}/quorum_bench_$$" "$bin"
