#!/usr/bin/env bash
# The signed-in dashboard page under load while 10 logins a second hash passwords (argon2id), with
# /healthz measured in the same run as the bare baseline. Prints requests/s and p50/p99 of each.
#   bench/dashboard.sh                 (DURATION=15 CONNECTIONS=32 LOGINS_PER_SECOND=10 to change)
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/bench/lib.sh"
need_apt wrk curl
DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-32}"
LOGINS_PER_SECOND="${LOGINS_PER_SECOND:-10}"
PORT="${PORT:-3190}"
URL="http://127.0.0.1:$PORT"

say "building the release server"
cargo build --release -p server --bin quorum
BIN="$CARGO_TARGET_DIR/release/quorum"

dir="$(mktemp -d)"
mkdir -p "$dir/site/pkg" # the benchmark loads no wasm: an empty site lets the binary start anywhere
export QUORUM_DATABASE_URL="sqlite://$dir/quorum.db" QUORUM_OUTBOX_DIR="$dir/outbox" QUORUM_FILES_DIR="$dir/files" QUORUM_SITE_ROOT="$dir/site" \
  QUORUM_BIND="127.0.0.1:$PORT" RUST_LOG=warn
echo "bench password 1" | "$BIN" admin create --email bench@example.coop --name Bench >/dev/null
"$BIN" serve & server=$!
logins=""
trap 'kill $server $logins 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
wait_ready "$URL"

login() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -c "${1:-/dev/null}" -X POST "$URL/api/accounts/login" \
  --data-urlencode email=bench@example.coop --data-urlencode "password=bench password 1"; }
login "$dir/jar" >/dev/null
cookie="$(awk '$6 == "quorum_session" { print $7 }' "$dir/jar")"
curl -sf -H "Cookie: quorum_session=$cookie" "$URL/dashboard" | grep -q "Welcome, Bench." \
  || { echo "the dashboard did not show the signed-in member" >&2; exit 1; }

start_logins() {
  ( while :; do login >>"$dir/logins" & sleep "$(awk -v n="$LOGINS_PER_SECOND" 'BEGIN { print 1 / n }')"; done ) &
  logins=$!
}

echo
echo "Quorum dashboard benchmark: $DURATION s per figure, $CONNECTIONS connections, $(nproc) cores shared by server and load"
measure "/healthz (baseline, idle)" "$URL/healthz" "$cookie"
measure "/dashboard (signed in, idle)" "$URL/dashboard" "$cookie"
start_logins
measure "/healthz (with $LOGINS_PER_SECOND logins/s)" "$URL/healthz" "$cookie"
measure "/dashboard (with $LOGINS_PER_SECOND logins/s)" "$URL/dashboard" "$cookie"
kill "$logins" 2>/dev/null; logins=""
sleep 1
sort -k2 -n "$dir/logins" | awk '
  { code[$1]++; t[NR] = $2 }
  END {
    printf "%-40s %10d done     p50 %7.1fms   p99 %7.1fms   ", "logins (argon2id)", NR, t[int(NR*0.5)+1]*1000, t[int(NR*0.99)]*1000
    for (c in code) printf "HTTP %s: %d  ", c, code[c]; print ""
  }'
