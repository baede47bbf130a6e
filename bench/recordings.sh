#!/usr/bin/env bash
# The admins' overview of every recording with 50,000 recordings in the index (issue 35: ≤ 50 ms
# p99), beside a primary-key read measured in the same run: `accounts/me`, which reads the session
# and the member's row by their keys. The overview answers in its default order, in the orders that
# sort the whole index (largest, owner), filtered by words and by region, and as the page an admin
# opens. No region is asked on any of these views (counted from the fake BBB's call log). A filter's
# totals are kept and read again behind the views, so each filter is read once before its figure,
# and the first view of a new filter (its totals read while the admin waits) is timed apart.
#
# The index is filled with SQL (50,000 rows over ROOMS members' rooms, random dates and sizes): the
# ways it fills in the portal (the job, the room pages, the callbacks) are tested in
# server/tests/it/recording_overview.rs; this measures the reading.
#   bench/recordings.sh      (DURATION=10 RECORDINGS=50000 ROOMS=100 CONNECTIONS=2 to change)
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/bench/lib.sh"
need_apt wrk curl python3
DURATION="${DURATION:-10}"
RECORDINGS="${RECORDINGS:-50000}"
ROOMS="${ROOMS:-100}"
CONNECTIONS="${CONNECTIONS:-2}"
PORT="${PORT:-3197}"
BBB_PORT="${BBB_PORT:-3198}"
URL="http://127.0.0.1:$PORT"

release_binaries
export QUORUM_TRUSTED_PROXIES=127.0.0.1
bench_portal
say "signing up $ROOMS members, each with a room"
bench_members "$ROOMS"
say "filling the index with $RECORDINGS recordings"
python3 - "$dir/quorum.db" "$RECORDINGS" <<'PY'
import random, sqlite3, sys, time
db, count = sqlite3.connect(sys.argv[1], timeout=30), int(sys.argv[2])
rooms = [row[0] for row in db.execute("SELECT id FROM rooms")]
random.seed(35)
now = 1_796_000_000
rows = [(f"{n:040x}-{now + n}", random.choice(rooms), "bench", f"Meeting {n}", now - random.randrange(0, 3 * 365 * 86400),
         random.randrange(1, 240), random.randrange(1, 80), random.randrange(1_000_000, 2_000_000_000), 1,
         random.choice(["public", "members", "room", "private"]), now) for n in range(count)]
db.executemany("INSERT INTO recording_index (record_id, room_id, region_code, name, started_at, minutes, participants,"
               " size, published, visibility, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
# Every room was read just now: the index job leaves them for six hours (the fake region lists none).
db.executemany("INSERT OR REPLACE INTO recording_index_rooms (room_id, indexed_at) VALUES (?, ?)",
               [(room, int(time.time())) for room in rooms])
db.commit()
print(db.execute("SELECT COUNT(*) FROM recording_index").fetchone()[0], "recordings indexed")
PY
calls() { curl -sf "http://127.0.0.1:$BBB_PORT/fake/calls" | { grep -o '"name":"getRecordings"' || true; } | wc -l; }
admin="$(awk '$6 == "quorum_session" { print $7 }' "$dir/jar")"
curl -sf -b "quorum_session=$admin" "$URL/admin/recordings" | grep -q 'data-testid="overview"' \
  || { echo "the overview lists no recording" >&2; exit 1; }
before="$(calls)"
# A filter's totals are read once, then kept and read again behind the views: each figure's filter
# is read once before it is measured, and the first view of a filter is timed on its own.
view() { curl -s -o /dev/null -w '%{time_total}' -b "quorum_session=$admin" -X POST -d "$1" "$URL/api/admin/recordings"; }
warm() { view "$1" >/dev/null; }

echo
echo "Overview of $RECORDINGS recordings: $DURATION s per figure, $CONNECTIONS connections, $(nproc) cores shared by portal and load"
measure "primary-key read (accounts/me, baseline)" "$URL/api/accounts/me" "$admin" "x=1"
measure "overview, newest first" "$URL/api/admin/recordings" "$admin" "query=&region=&sort=newest"
measure "overview, largest first" "$URL/api/admin/recordings" "$admin" "query=&region=&sort=largest"
measure "overview, by owner" "$URL/api/admin/recordings" "$admin" "query=&region=&sort=owner"
measure "overview, by room, page 500" "$URL/api/admin/recordings" "$admin" "query=&region=&sort=room&page=500"
warm "query=member+7&region=&sort=newest"
measure "overview, words (member 7)" "$URL/api/admin/recordings" "$admin" "query=member+7&region=&sort=newest"
warm "query=&region=bench&sort=newest&page=40"
measure "overview, one region, page 40" "$URL/api/admin/recordings" "$admin" "query=&region=bench&sort=newest&page=40"
measure "the overview page (HTML)" "$URL/admin/recordings" "$admin"
for words in member+8 meeting+12 member+9; do
  printf '%-44s %s ms\n' "first view of a new filter ($words)" "$(awk '{ printf "%.1f", $1 * 1000 }' <<<"$(view "query=$words&region=&sort=owner")")"
done
echo "getRecordings calls during the views: $(( $(calls) - before ))"
