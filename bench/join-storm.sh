#!/usr/bin/env bash
# The join storm: 2,000 guest joins to one running room, 200 at a time, against the release build,
# with /healthz measured the same way in the same run as the baseline. Prints joins/s, p50/p99,
# the BBB calls the joins caused (from the fake BBB server's call log) and the portal's peak memory.
#   bench/join-storm.sh             (JOINS=2000 CONCURRENCY=200 to change)
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/bench/lib.sh"
need_apt curl
JOINS="${JOINS:-2000}"
CONCURRENCY="${CONCURRENCY:-200}"
PORT="${PORT:-3191}"
BBB_PORT="${BBB_PORT:-3192}"
URL="http://127.0.0.1:$PORT"

say "building the release server, the fake BBB server and the load generator"
cargo build --release -p server --bins --example load
BIN="$CARGO_TARGET_DIR/release"

bench_portal
slug="$(api rooms/create --data-urlencode "name=General assembly" | tr -d '"')"
api meetings/start --data-urlencode "slug=$slug" >/dev/null
bbb_calls() { curl -sf "http://127.0.0.1:$BBB_PORT/fake/calls" | { grep -o '"name"' || true; } | wc -l; }
before="$(bbb_calls)"

echo
echo "Join storm: $JOINS guest joins to room $slug, $CONCURRENCY at a time, $(nproc) cores shared by portal, fake BBB and load"
printf '%-28s' "/healthz (baseline)"; "$BIN/examples/load" "$JOINS" "$CONCURRENCY" GET "$URL/healthz"
printf '%-28s' "guest joins"; "$BIN/examples/load" "$JOINS" "$CONCURRENCY" POST "$URL/api/meetings/join" "slug=$slug&name=Guest+{i}"
if [ -n "${PERF_JOINS:-}" ]; then perf record -F 999 -g -p "$server" -o "$PERF_JOINS" -- sleep 4 & sleep 0.2; "$BIN/examples/load" 20000 "$CONCURRENCY" POST "$URL/api/meetings/join" "slug=$slug&name=Guest+{i}" >/dev/null; wait; fi
after="$(bbb_calls)"
echo "BBB calls made by the joins: $((after - before)) (for $JOINS joins)"
echo "portal peak memory (VmHWM): $(awk '/VmHWM/ { print $2, $3 }' "/proc/$server/status")"

# A room capped at CAP participants: every guest who gets a join link follows it into the fake BBB
# (which counts them), the rest are sent to the waiting page. The portal asks BBB only at the limit.
CAP="${CAP:-100}"
capped="$(api rooms/create --data-urlencode "name=Capped circle" | tr -d '"')"
api rooms/settings --data-urlencode "slug=$capped" --data-urlencode region=bench --data-urlencode viewer_code= \
  --data-urlencode moderator_code= --data-urlencode "max_participants=$CAP" --data-urlencode welcome= >/dev/null
curl -sf -o /dev/null "$(api meetings/start --data-urlencode "slug=$capped" | tr -d '"')"
info() { curl -sf "http://127.0.0.1:$BBB_PORT/fake/calls" | { grep -o '"name":"getMeetingInfo"' || true; } | wc -l; }
before="$(info)"
echo
echo "Capped room: $JOINS guest joins, $CONCURRENCY at a time, to a room of at most $CAP (its starter holds one seat)"
printf '%-28s' "guest joins"
LOAD_ENTER=1 "$BIN/examples/load" "$JOINS" "$CONCURRENCY" POST "$URL/api/meetings/join" "slug=$capped&name=Guest+{i}"
echo "getMeetingInfo calls made by the joins: $(( $(info) - before ))"
