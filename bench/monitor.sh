#!/usr/bin/env bash
# The monitoring poll at a co-op's scale: 20 regions, each answering getMeetings with 500 meetings
# (one fake BBB server behind all of them). Polls every second for DURATION seconds and prints the
# portal's CPU time per poll and its share of one core at the default 15 s interval (target
# <= 2 %), then the status page's req/s beside /healthz in the same run.
# Every meeting is a portal room (so the poll corrects rooms and keeps their history), CHURN of them
# gain a participant each second (so counts change and history peaks are written), and ASSEMBLIES
# of them hold a running assembly (whose attendee lists the attendance job reads each second).
#   bench/monitor.sh      (REGIONS=20 MEETINGS=500 DURATION=20 CHURN=50 ASSEMBLIES=20 to change)
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/bench/lib.sh"
need_apt wrk curl
REGIONS="${REGIONS:-20}"
MEETINGS="${MEETINGS:-500}"
DURATION="${DURATION:-20}"
CHURN="${CHURN:-50}"
ASSEMBLIES="${ASSEMBLIES:-20}"
PORT="${PORT:-3197}"
BBB_PORT="${BBB_PORT:-3198}"
URL="http://127.0.0.1:$PORT"

say "building the release server and the fake BBB server"
cargo build --release -p server --bins
BIN="$CARGO_TARGET_DIR/release"
dir="$(mktemp -d)"
mkdir -p "$dir/site/pkg"
secret="bench-secret-$RANDOM$RANDOM"
trap 'kill ${server:-} ${fake:-} ${churn:-} 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
"$BIN/fake-bbb" "127.0.0.1:$BBB_PORT" "$secret" >/dev/null & fake=$!
api="http://127.0.0.1:$BBB_PORT/bigbluebutton/api"
for _ in $(seq 50); do curl -sf "$api/" >/dev/null && break; sleep 0.1; done
say "starting $MEETINGS meetings on the fake BBB server"
for i in $(seq "$MEETINGS"); do
  query="name=Meeting+$i&meetingID=bench-$i"
  sum="$(printf 'create%s%s' "$query" "$secret" | sha256sum | cut -d' ' -f1)"
  curl -sf "$api/create?$query&checksum=$sum" >/dev/null
done
for r in $(seq "$REGIONS"); do
  printf '[[regions]]\ncode = "r%s"\nname = "Region %s"\napi_url = "%s/"\nsecret = "%s"\n\n' "$r" "$r" "$api" "$secret"
done >"$dir/quorum.toml"
export QUORUM_DATABASE_URL="sqlite://$dir/quorum.db" QUORUM_OUTBOX_DIR="$dir/outbox" QUORUM_FILES_DIR="$dir/files" QUORUM_SITE_ROOT="$dir/site" \
  QUORUM_BIND="127.0.0.1:$PORT" QUORUM_CONFIG="$dir/quorum.toml" QUORUM_MONITOR_INTERVAL_SECONDS=1 RUST_LOG=error
"$BIN/quorum" serve & server=$!
wait_ready "$URL"
need_apt sqlite3
say "making each meeting a portal room; $ASSEMBLIES of them hold a running assembly"
now="$(date +%s)"
sqlite3 "$dir/quorum.db" <<SQL
.timeout 5000
INSERT INTO users (id, email, name, password_hash, created_at) VALUES (1, 'bench@example.coop', 'Bench', 'x', $now);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $MEETINGS)
INSERT INTO rooms (owner_id, name, slug, meeting_id, region_code, created_at, running, create_time)
  SELECT 1, 'Room ' || i, 'bench-room-' || i, 'bench-' || i, 'r' || (1 + i % $REGIONS), $now, 1, 1 FROM n;
INSERT INTO meeting_runs (room_id, create_time, region_code, started_at) SELECT id, 1, region_code, $now FROM rooms;
INSERT INTO bookings (uid, room_id, region_code, owner_id, title, time_zone, starts_at, ends_at, reserve_from,
    participants, state, created_at, updated_at, members_meeting)
  SELECT 'bench-' || id, id, region_code, 1, 'Assembly', 'UTC', $now - 60, $now + 86400, $now - 60, 10, 'booked',
    $now, $now, 1 FROM rooms WHERE id <= $ASSEMBLIES;
INSERT INTO assemblies (booking_id, voters, quorum, notice_days, keep_days, created_by, created_at)
  SELECT id, 'active', 3, 0, 30, 1, $now FROM bookings;
SQL
# CHURN meetings gain a participant each second: the poll sees their counts change.
churn_loop() {
  local n=0
  while true; do
    for _ in $(seq "$CHURN"); do
      n=$(( n % MEETINGS + 1 ))
      query="fullName=Guest&meetingID=bench-$n&role=VIEWER"
      sum="$(printf 'join%s%s' "$query" "$secret" | sha256sum | cut -d' ' -f1)"
      curl -sfL "$api/join?$query&checksum=$sum" >/dev/null || true
    done
    sleep 1
  done
}
churn_loop & churn=$!
cpu() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
samples() { sqlite3 "$dir/quorum.db" "SELECT COALESCE(SUM(checks), 0) FROM region_samples" 2>/dev/null || echo 0; }
sleep 2
before_cpu="$(cpu)"; before_polls="$(samples)"
sleep "$DURATION"
after_cpu="$(cpu)"; after_polls="$(samples)"
ticks="$(getconf CLK_TCK)"
polls=$(( (after_polls - before_polls) / REGIONS ))
echo
echo "Monitoring: $REGIONS regions x $MEETINGS meetings (all portal rooms, $CHURN counts changing a second, $ASSEMBLIES running assemblies), a poll a second for $DURATION s; $(nproc) cores shared by portal, fake BBB and load"
echo "history peaks written: $(sqlite3 "$dir/quorum.db" "SELECT COUNT(*) FROM meeting_runs WHERE peak > 0")"
echo "assemblies read (their last answer): $(sqlite3 "$dir/quorum.db" "SELECT COUNT(*) FROM assemblies WHERE polled_at IS NOT NULL")"
awk -v c=$(( after_cpu - before_cpu )) -v t="$ticks" -v p="$polls" -v r="$REGIONS" 'BEGIN {
  per = (p > 0) ? c / t / p : 0
  printf "polls: %d (each of %d regions)\nportal CPU per poll: %.1f ms (every process job included)\n", p, r, per * 1000
  printf "share of one core at the default 15 s interval: %.2f %% (target <= 2 %%)\n", per / 15 * 100
}'
CONNECTIONS=64
DURATION=5
measure "/healthz" "$URL/healthz"
measure "status page (anonymous)" "$URL/status"
measure "/status.json" "$URL/status.json"
echo "status: $(curl -sf "$URL/status.json" | grep -o '"state":"[a-z]*"' | sort | uniq -c | tr '\n' ' ')"
