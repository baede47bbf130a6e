#!/usr/bin/env bash
# The legacy import at a co-op's scale: a Greenlight v3 database of 10,000 members, 20,000 rooms and
# 5,000 co-ownerships (on a private PostgreSQL server), imported through the services into a fresh
# portal on SQLite and then on PostgreSQL (target <= 20 s, no password hashing at import): rows/s
# and peak memory; then an imported member's first sign-in (bcrypt cost 12 + argon2id rehash)
# beside a sign-in with an argon2id hash, in the same run.
#   bench/legacy.sh      (USERS=10000 SHARES=5000 to change)
source "$(dirname "$0")/../scripts/lib.sh"
release_flags
ensure_rust_tools
say "building the legacy import benchmark (release)"
cargo build --release -p server --example legacy
bin="$CARGO_TARGET_DIR/release/examples/legacy"
start_test_postgres
export QUORUM_BENCH_LEGACY_URL="$QUORUM_TEST_PG_URL" RUST_LOG=error
echo; echo "== into SQLite =="
"$bin"
echo; echo "== into PostgreSQL =="
QUORUM_BENCH_DATABASE_URL="${QUORUM_TEST_PG_URL%/*}/quorum_bench_$$" bash -c \
  "psql '$QUORUM_TEST_PG_URL' -qc 'CREATE DATABASE quorum_bench_$$' && '$bin'"
