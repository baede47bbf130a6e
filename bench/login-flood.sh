#!/usr/bin/env bash
# A login flood: FLOOD wrong-password logins, CONCURRENCY at a time, each from its own address (the
# portal trusts the loopback proxy, so every request is another client and no per-address limit
# stops it): every one costs an argon2id verification (19 MiB). Hashing runs on one thread per two
# cores, each reusing its work area, so memory stays bounded and the signed-in dashboard stays fast. Prints the dashboard and /healthz
# idle and during the flood, the flood's own figures, and the portal's peak memory before and after.
#   bench/login-flood.sh            (FLOOD=3000 CONCURRENCY=200 DURATION=10 CONNECTIONS=32 to change)
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/bench/lib.sh"
need_apt wrk curl
FLOOD="${FLOOD:-3000}"
CONCURRENCY="${CONCURRENCY:-200}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-32}"
PORT="${PORT:-3193}"
URL="http://127.0.0.1:$PORT"

say "building the release server and the load generator"
cargo build --release -p server --bin quorum --example load
BIN="$CARGO_TARGET_DIR/release"

dir="$(mktemp -d)"
mkdir -p "$dir/site/pkg" # the benchmark loads no wasm: an empty site lets the binary start anywhere
export QUORUM_DATABASE_URL="sqlite://$dir/quorum.db" QUORUM_OUTBOX_DIR="$dir/outbox" QUORUM_FILES_DIR="$dir/files" QUORUM_SITE_ROOT="$dir/site" \
  QUORUM_BIND="127.0.0.1:$PORT" QUORUM_TRUSTED_PROXIES=127.0.0.1 RUST_LOG=error
echo "bench password 1" | "$BIN/quorum" admin create --email bench@example.coop --name Bench >/dev/null
"$BIN/quorum" serve & server=$!
flood=""
trap 'kill $server $flood 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
wait_ready "$URL"
curl -s -o /dev/null -c "$dir/jar" -X POST "$URL/api/accounts/login" -H "x-forwarded-for: 192.0.2.1" \
  --data-urlencode email=bench@example.coop --data-urlencode "password=bench password 1"
cookie="$(awk '$6 == "quorum_session" { print $7 }' "$dir/jar")"
curl -sf -H "Cookie: quorum_session=$cookie" "$URL/dashboard" | grep -q "Welcome, Bench." \
  || { echo "the dashboard did not show the signed-in member" >&2; exit 1; }

echo
echo "Login flood: $FLOOD logins, $CONCURRENCY at a time, each from its own address; $(nproc) cores shared by portal and load"
measure "/healthz (baseline, idle)" "$URL/healthz"
measure "/dashboard (signed in, idle)" "$URL/dashboard" "$cookie"
echo "portal peak memory before the flood: $(peak_memory "$server")"
LOAD_FORWARDED=1 "$BIN/examples/load" "$FLOOD" "$CONCURRENCY" POST "$URL/api/accounts/login" \
  "email=flood{i}%40example.coop&password=not+the+password" >"$dir/flood" & flood=$!
sleep 1
measure "/healthz (during the flood)" "$URL/healthz"
measure "/dashboard (signed in, during the flood)" "$URL/dashboard" "$cookie"
wait "$flood"; flood=""
printf '%-44s %s\n' "logins (each an argon2id check; 403 expected)" "$(cat "$dir/flood")"
echo "portal peak memory after the flood: $(peak_memory "$server") (one 19 MiB hash at once per two cores; uncapped, $CONCURRENCY at once would want $((CONCURRENCY * 19)) MiB)"
