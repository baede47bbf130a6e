#!/usr/bin/env bash
# An event start, whole: GUESTS (1,000) guests arrive within ARRIVAL (60) seconds at a running room
# capped at CAP (300) with a waiting room, through two portal processes on one PostgreSQL (requests
# alternating between them, as a proxy spreads them), while MEMBERS (50) signed-in members browse and
# book. Each guest opens the room page and joins, or waits (asking every 5 s, as the waiting page
# does) and goes in when a seat frees; a guest stays STAY (20) seconds, then leaves. Then the same on
# one process with SQLite. The load is Locust's (bench/event/event.py), from PyPI.
# Prints requests/s, p50/p99 per kind, errors, the seats taken against the cap, the region calls per
# room per minute and each process's peak memory. With CHECK=1 it fails when a goal is missed:
# scripts/test runs it small on the debug build (GUESTS=100 CAP=40 ARRIVAL=10 STAY=12 MEMBERS=10).
# A guest stays longer than the 10 s a fresh join link holds its seat, or the room never fills.
#   bench/event-start.sh          (BIN=DIR to use built binaries; SCENARIOS="postgres sqlite")
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/bench/lib.sh"
need_apt curl postgresql-client
ensure_locust
GUESTS="${GUESTS:-1000}" CAP="${CAP:-300}" ARRIVAL="${ARRIVAL:-60}" STAY="${STAY:-20}"
MEMBERS="${MEMBERS:-50}" PORT="${PORT:-3221}" BBB_PORT="${BBB_PORT:-3229}"
SCENARIOS="${SCENARIOS:-postgres sqlite}"
export GUESTS CAP ARRIVAL STAY CHECK="${CHECK:-0}"
# A thousand guests keep a connection each to each process.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

release_binaries
if [[ " $SCENARIOS " == *" postgres "* ]] && [ -z "${QUORUM_TEST_PG_URL:-}" ]; then start_test_postgres; fi

pids=()
work="$(mktemp -d)"
cleanup() {
  [ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
  stop_test_postgres
}
trap cleanup EXIT

# event NAME LABEL DATABASE_URL PROCESSES: one event start on a fresh portal; CHECK's verdict in
# `verdict` (returned as a variable: a function called in a condition would run without errexit).
event() {
  dir="$work/$1"; shift
  mkdir -p "$dir/site/pkg"
  local secret="bench-secret-$RANDOM$RANDOM" ports=() urls=() i
  bench_region "$dir/quorum.toml" "$BBB_PORT" "$secret"
  export QUORUM_DATABASE_URL="$2" QUORUM_OUTBOX_DIR="$dir/outbox" QUORUM_FILES_DIR="$dir/files" QUORUM_SITE_ROOT="$dir/site" \
    QUORUM_CONFIG="$dir/quorum.toml" QUORUM_TRUSTED_PROXIES=127.0.0.1 RUST_LOG=error
  "$BIN/fake-bbb" "127.0.0.1:$BBB_PORT" "$secret" >/dev/null & pids+=($!)
  echo "bench password 1" | "$BIN/quorum" admin create --email bench@example.coop --name Bench >/dev/null
  local portal_pids=()
  for i in $(seq "$3"); do
    ports+=($((PORT + i - 1)))
    QUORUM_BIND="127.0.0.1:${ports[-1]}" QUORUM_BASE_URL="http://127.0.0.1:$PORT" \
      "$BIN/quorum" serve >"$dir/portal-$i.log" 2>&1 & pids+=($!); portal_pids+=($!)
    urls+=("http://127.0.0.1:${ports[-1]}")
  done
  for url in "${urls[@]}"; do wait_ready "$url"; done
  api accounts/login --data-urlencode email=bench@example.coop --data-urlencode "password=bench password 1" >/dev/null
  bench_members "$MEMBERS"
  for i in "${!member_cookies[@]}"; do echo "${member_cookies[$i]} ${member_rooms[$i]}"; done >"$dir/members"
  local slug
  slug="$(api rooms/create --data-urlencode "name=General assembly" | tr -d '"')"
  api rooms/settings --data-urlencode "slug=$slug" --data-urlencode region=bench --data-urlencode viewer_code= \
    --data-urlencode moderator_code= --data-urlencode waiting_room=on --data-urlencode "max_participants=$CAP" \
    --data-urlencode welcome= >/dev/null
  # The organiser starts the meeting and is in it: one seat taken before the guests come.
  curl -sf -o /dev/null "$(api meetings/start --data-urlencode "slug=$slug" | tr -d '"')"
  for pid in "${portal_pids[@]}"; do restart_peak "$pid"; done

  echo
  echo "$1: $GUESTS guests within ${ARRIVAL}s at a room of $CAP (waiting room on), $MEMBERS members browsing and booking, $3 portal process(es); $(nproc) cores shared with the load"
  verdict=0
  PORTALS="$(IFS=,; echo "${urls[*]}")" FAKE="http://127.0.0.1:$BBB_PORT" SLUG="$slug" MEMBERS_FILE="$dir/members" \
    SUMMARY="$dir/summary.json" "$LOCUST_PYTHON" "$ROOT/bench/event/event.py" || verdict=$?
  for i in "${!portal_pids[@]}"; do
    echo "  portal process $((i + 1)) peak memory (VmHWM): $(peak_memory "${portal_pids[$i]}")"
  done
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  pids=()
}

failed=0
for scenario in $SCENARIOS; do
  case "$scenario" in
    postgres)
      db="quorum_event_$$"
      psql -q "$QUORUM_TEST_PG_URL" -c "CREATE DATABASE $db" >/dev/null
      event postgres "Two processes, PostgreSQL" "${QUORUM_TEST_PG_URL%/*}/$db" 2
      psql -q "$QUORUM_TEST_PG_URL" -c "DROP DATABASE $db WITH (FORCE)" >/dev/null || true
      ;;
    sqlite) event sqlite "One process, SQLite" "sqlite://$work/quorum.db" 1 ;;
    *) echo "unknown scenario $scenario (postgres, sqlite)" >&2; exit 2 ;;
  esac
  [ "$verdict" -eq 0 ] || failed=1
done
exit "$failed"
