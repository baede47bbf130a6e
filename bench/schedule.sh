#!/usr/bin/env bash
# The schedule: the capacity check a booking makes, with 100,000 bookings on the region (target p99
# <= 2 ms), beside a plain primary-key lookup in the same run; then a month of 5,000 booking attempts
# on three regions through the real services (office hours, weekly series, large events, edits,
# cancellations; a refused booking takes the portal's first suggestion), with every minute of the
# month checked against each region's bookable share. On SQLite, then on PostgreSQL.
#   bench/schedule.sh      (BOOKINGS=100000 CHECKS=2000 ATTEMPTS=5000 to change)
source "$(dirname "$0")/../scripts/lib.sh"
release_flags
ensure_rust_tools
say "building the schedule benchmark (release)"
cargo build --release -p server --example schedule
bin="$CARGO_TARGET_DIR/release/examples/schedule"
run() {
  echo
  echo "== $1 =="
  RUST_LOG=error "$bin" capacity "${BOOKINGS:-100000}" "${CHECKS:-2000}"
  RUST_LOG=error "$bin" simulate "${ATTEMPTS:-5000}"
}
run "SQLite"
start_test_postgres
QUORUM_BENCH_DATABASE_URL="$QUORUM_TEST_PG_URL" run "PostgreSQL"
