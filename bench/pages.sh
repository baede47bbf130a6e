#!/usr/bin/env bash
# Pages as a crowd meets them, each beside a bare axum handler and /healthz measured in the same run
# (the room with two presentations, lock settings, a lobby and a guest link, as rooms now are, of
# one of three room types)
# (and the signed-in pages beside the least page Leptos serves as the portal does, its floor):
# the room page a guest opens first (anonymous, running room), the join that follows, the status
# page, and the signed-in pages — a member's own room page, the dashboard and the schedule — each
# request made by the next of CROWD distinct members in turn (their own session and room), as an
# assembly's members would; then the room with 200 recordings, and playback through the portal.
# Prints req/s and p50/p99, the region calls the guests caused (per 100
# guest page views, from the fake BBB's call log) and the portal's peak memory.
#   bench/pages.sh      (DURATION=10 GUESTS=200 MEMBERS=64 CROWD=200 to change)
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/bench/lib.sh"
need_apt wrk curl
DURATION="${DURATION:-10}"
GUESTS="${GUESTS:-200}"
MEMBERS="${MEMBERS:-64}"
CROWD="${CROWD:-200}"
PORT="${PORT:-3194}"
BARE_PORT="${BARE_PORT:-3195}"
BBB_PORT="${BBB_PORT:-3196}"
URL="http://127.0.0.1:$PORT"

say "building the release server, the fake BBB server and the bare baseline"
cargo build --release -p server --bins --example bare
BIN="$CARGO_TARGET_DIR/release"

# Members sign up from addresses of their own, through the loopback proxy.
export QUORUM_TRUSTED_PROXIES=127.0.0.1
bench_portal
"$BIN/examples/bare" "127.0.0.1:$BARE_PORT" & extra_pids=$!
# Three room types (the dashboard lists them to pick from); the room is an "Assembly".
for kind in "Working group" "Public talk" "Assembly"; do
  type_id="$(api rooms/type_save --data-urlencode "name=$kind" --data-urlencode regions=bench --data-urlencode largest=200 \
    --data-urlencode waiting_room=guests --data-urlencode pin_waiting_room=on --data-urlencode lock_notes=on \
    --data-urlencode pin_lock_notes=on)"
done
slug="$(api rooms/create --data-urlencode "name=General assembly" --data-urlencode "room_type=$type_id" | tr -d '"')"
# The room as issue 34 left rooms: two presentations (the region fetches them at the start), lock
# settings, guests waiting in the lobby and a guest link.
for deck in agenda budget; do
  { printf '%%PDF-1.7\n'; head -c 2000000 /dev/urandom; printf '\n%%%%EOF\n'; } >"$dir/$deck.pdf"
  api rooms/presentation_upload -F "slug=$slug" -F "file=@$dir/$deck.pdf;type=application/pdf" -o /dev/null
done
api rooms/settings --data-urlencode "slug=$slug" --data-urlencode region=bench --data-urlencode waiting_room=guests \
  --data-urlencode lock_notes=on --data-urlencode lock_private_chat=on --data-urlencode welcome=Welcome >/dev/null
api rooms/guest_link --data-urlencode "slug=$slug" --data-urlencode "name=Speaker" --data-urlencode role=moderator \
  --data-urlencode valid_days=7 >/dev/null
api meetings/start --data-urlencode "slug=$slug" >/dev/null
curl -sf "$URL/r/$slug" | grep -q 'data-testid="join-form"' || { echo "the guest page has no join form" >&2; exit 1; }
started="$(memory_now "$server")"
say "signing in $CROWD members, each with a room"
bench_members "$CROWD"
signed_up="$(memory_now "$server")"
recordings() { curl -sf "http://127.0.0.1:$BBB_PORT/fake/calls" | { grep -o '"name":"getRecordings"' || true; } | wc -l; }

echo
echo "Pages: $DURATION s per figure; guests $GUESTS connections, members $MEMBERS; $(nproc) cores shared by portal, fake BBB and load"
CONNECTIONS="$GUESTS"
measure "bare axum (baseline)" "http://127.0.0.1:$BARE_PORT/"
measure "/healthz" "$URL/healthz"
CONNECTIONS="$MEMBERS"
measure "bare Leptos page (the framework's floor)" "http://127.0.0.1:$BARE_PORT/leptos"
# One member's pages, again and again (what each member's own caches of the second serve), then
# the same pages as a crowd of distinct members, each request the next member's.
one="$(awk '$6 == "quorum_session" { print $7 }' "$dir/jar")"
measure "room page, its owner (one admin)" "$URL/r/$slug" "$one"
measure "dashboard (one admin)" "$URL/dashboard" "$one"
measure "schedule (one admin)" "$URL/schedule" "$one"
measure_crowd "room page, its owner ($CROWD members)" "/r/{slug}"
measure_crowd "dashboard ($CROWD members)" "/dashboard"
measure_crowd "schedule ($CROWD members)" "/schedule"
CONNECTIONS="$GUESTS"
signed_in_peak="$(peak_memory "$server")"
restart_peak "$server"
before="$(recordings)"
out="$(wrk -t2 -c"$GUESTS" -d"${DURATION}s" --latency "$URL/r/$slug")"
views="$(awk '/requests in/ { print $1 }' <<<"$out")"
report "room page, as a guest opens it" "$out"
calls=$(( $(recordings) - before ))
echo "region calls for $views guest views: $calls ($(awk -v c="$calls" -v v="$views" 'BEGIN { printf "%.4f", 100 * c / v }') per 100 guests)"
measure "join (guests, the form's POST)" "$URL/api/meetings/join" "" "slug=$slug&name=Guest"
measure "status page (anonymous)" "$URL/status"
# Issue 35, last, so the figures above stay comparable: the room with 200 recordings on its region
# (the owner's page lists each with its formats; a guest's shows the one public), and playback
# through the portal (the viewer checked, then a 303 to the region's player).
# The owner's page shows ten recordings a page: with 10 and with 200 in the room, the same ten are
# shown, so the two figures (same connections, same run) tell what the other 190 cost.
meeting="$(curl -sf "http://127.0.0.1:$BBB_PORT/fake/meetings" | grep -o '"meetingID":"[^"]*"' | head -1 | cut -d'"' -f4)"
add_recordings() {
  for n in $(seq "$1" "$2"); do
    record="$(curl -sf -X POST "http://127.0.0.1:$BBB_PORT/fake/recordings?meetingID=$meeting&name=Talk%20$n" \
      | grep -o '"recordID":"[^"]*"' | cut -d'"' -f4)"
  done
}
CONNECTIONS="$MEMBERS"
add_recordings 1 10
measure "room page, its owner, 10 recordings" "$URL/r/$slug" "$one"
add_recordings 11 200
api recordings/visibility --data-urlencode "slug=$slug" --data-urlencode "record_id=$record" \
  --data-urlencode visibility=public >/dev/null
measure "room page, its owner, 200 recordings" "$URL/r/$slug" "$one"
CONNECTIONS="$GUESTS"
measure "room page, a guest, 200 recordings" "$URL/r/$slug"
measure "playback through the portal (303)" "$URL/r/$slug/recordings/$record/video"
echo "portal memory: $started once started, $signed_up after $CROWD sign-ups (argon2id), peak $signed_in_peak over the signed-in pages; peak under the guests' storm $(peak_memory "$server"), $(memory_now "$server") after it"
