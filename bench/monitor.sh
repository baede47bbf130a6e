#!/usr/bin/env bash
# The monitoring poll at a co-op's scale: 20 regions, each answering getMeetings with 500 meetings
# (one fake BBB server behind all of them). Polls every second for DURATION seconds and prints the
# portal's CPU time per poll and its share of one core at the default 15 s interval (target
# <= 2 %), then the status page's req/s beside /healthz in the same run.
#   bench/monitor.sh      (REGIONS=20 MEETINGS=500 DURATION=20 to change)
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/bench/lib.sh"
need_apt wrk curl
REGIONS="${REGIONS:-20}"
MEETINGS="${MEETINGS:-500}"
DURATION="${DURATION:-20}"
PORT="${PORT:-3197}"
BBB_PORT="${BBB_PORT:-3198}"
URL="http://127.0.0.1:$PORT"

say "building the release server and the fake BBB server"
cargo build --release -p server --bins
BIN="$CARGO_TARGET_DIR/release"
dir="$(mktemp -d)"
mkdir -p "$dir/site/pkg"
secret="bench-secret-$RANDOM$RANDOM"
trap 'kill ${server:-} ${fake:-} 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
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
cpu() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
samples() { sqlite3 "$dir/quorum.db" "SELECT COALESCE(SUM(checks), 0) FROM region_samples" 2>/dev/null || echo 0; }
need_apt sqlite3
sleep 2
before_cpu="$(cpu)"; before_polls="$(samples)"
sleep "$DURATION"
after_cpu="$(cpu)"; after_polls="$(samples)"
ticks="$(getconf CLK_TCK)"
polls=$(( (after_polls - before_polls) / REGIONS ))
echo
echo "Monitoring: $REGIONS regions x $MEETINGS meetings, a poll a second for $DURATION s; $(nproc) cores shared by portal, fake BBB and load"
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
