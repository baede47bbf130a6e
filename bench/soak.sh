#!/usr/bin/env bash
# The soak: the mixed load for MINUTES (10) minutes on SQLite, one wrk run throughout. The release
# portal with a fake BBB server, CROWD (100) members each with a room, and a running room capped at
# CAP (50) participants (its organiser holds a seat). wrk (CONNECTIONS, 32) makes in turn: a member's
# dashboard, own room page and schedule (each member in turn, their own session), a guest's view of
# the capped room and the join that follows (each guest from an address of their own, through the
# trusted loopback proxy): guests who get no seat wait, their admission kept in a session. Every
# minute: the portal's resident memory (VmRSS), its open file descriptors, the database's size (and
# its WAL's) and whether wrk still runs; minute 0 is before the load. At the end: wrk's totals, the
# answers by status, one failed answer if any, and the verdicts: "flat" when the last minute's memory
# is within 10 % of minute 2's (the warm baseline of the same run) and the descriptors at most 10
# more; "no error" when no answer was 400 or more and wrk saw no socket error.
#   bench/soak.sh      (MINUTES=10 CROWD=100 CONNECTIONS=32 CAP=50 to change; BIN=DIR to use built
#                       binaries). MINUTES plus about a minute of set-up after the build.
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/bench/lib.sh"
need_apt wrk curl
MINUTES="${MINUTES:-10}"
CROWD="${CROWD:-100}"
CONNECTIONS="${CONNECTIONS:-32}"
CAP="${CAP:-50}"
PORT="${PORT:-3186}"
BBB_PORT="${BBB_PORT:-3187}"
URL="http://127.0.0.1:$PORT"

release_binaries

# Members sign up, and guests come, from addresses of their own through the loopback proxy.
export QUORUM_TRUSTED_PROXIES=127.0.0.1
bench_portal
say "signing in $CROWD members, each with a room"
bench_members "$CROWD"
slug="$(api rooms/create --data-urlencode "name=General assembly" | tr -d '"')"
api rooms/settings --data-urlencode "slug=$slug" --data-urlencode region=bench --data-urlencode viewer_code= \
  --data-urlencode moderator_code= --data-urlencode "max_participants=$CAP" --data-urlencode welcome= >/dev/null
# The organiser starts the meeting and follows the link into it: one seat taken.
curl -sf -o /dev/null "$(api meetings/start --data-urlencode "slug=$slug" | tr -d '"')"

for i in "${!member_cookies[@]}"; do
  echo "GET /dashboard ${member_cookies[$i]} - -"
  echo "GET /r/${member_rooms[$i]} ${member_cookies[$i]} - -"
  echo "GET /schedule ${member_cookies[$i]} - -"
  echo "GET /r/$slug - - guest"
  echo "POST /api/meetings/join - slug=$slug&name=Guest guest"
done | load_script "$dir/soak.lua" 0 "$dir/soak.counts"

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$server/status"; }
fds() { find "/proc/$server/fd" -mindepth 1 -maxdepth 1 | wc -l; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }
rss=() open=()
# minute M: one line of the portal's figures now, kept for the verdict.
minute() {
  rss[$1]="$(rss_kb)"
  open[$1]="$(fds)"
  local running="before the load"
  if [ -n "${load:-}" ]; then kill -0 "$load" 2>/dev/null && running="wrk running" || running="wrk STOPPED"; fi
  printf 'minute %3s   memory %s   open files %4s   database %s (WAL %s)   %s\n' "$1" \
    "$(mb $((rss[$1] * 1024)))" "${open[$1]}" "$(mb "$(file_size "$dir/quorum.db")")" \
    "$(mb "$(file_size "$dir/quorum.db-wal")")" "$running"
}

echo
echo "Soak: $MINUTES minutes of mixed load on SQLite ($CONNECTIONS connections): $CROWD members' dashboards, own room pages and schedules, guests' views of a room capped at $CAP and their joins; $(nproc) cores shared by portal, fake BBB and wrk"
load=""
minute 0
start=$SECONDS
wrk -t2 -c"$CONNECTIONS" -d"$((MINUTES * 60))s" --timeout 10s --latency -s "$dir/soak.lua" "$URL/" >"$dir/soak.out" &
load=$!
extra_pids="$load"
for m in $(seq "$MINUTES"); do
  # Each minute's figures a second before its end, so the last is taken while wrk still runs.
  wait_for=$((start + 60 * m - 1 - SECONDS))
  [ "$wait_for" -le 0 ] || sleep "$wait_for"
  minute "$m"
done
wait "$load" || true
load="" extra_pids=""
out="$(cat "$dir/soak.out")"

echo
report "mixed load, $MINUTES minutes" "$out"
echo "wrk: $(awk '/requests in/ { sub(/^ +/, ""); print }' <<<"$out")"
echo "answers: $(statuses "$dir/soak.counts")"
if [ -s "$dir/soak.counts.sample" ]; then
  echo "a failed answer: $(head -c 300 "$dir/soak.counts.sample" | tr -s ' \t\n' ' ')"
fi
errors="$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) n += $i }
  END { print n + 0 }' <<<"$out")"
base=2
[ "$MINUTES" -ge 2 ] || base=1
last="$MINUTES"
memory="$(awk -v a="${rss[$base]}" -v b="${rss[$last]}" 'BEGIN { d = (b - a) / a * 100; printf "%+.1f %%", d; exit !(d <= 10 && d >= -10) }')" \
  && memory_flat=1 || memory_flat=0
files=$((open[last] - open[base]))
echo "memory: minute $base $(mb $((rss[base] * 1024))), minute $last $(mb $((rss[last] * 1024))) ($memory); open files: minute $base ${open[$base]}, minute $last ${open[$last]} ($(printf '%+d' "$files"))"
if [ "$memory_flat" = 1 ] && [ "$files" -le 10 ]; then
  verdict="flat"
else
  verdict="NOT flat (memory within 10 %: $([ "$memory_flat" = 1 ] && echo yes || echo no), open files at most +10: $([ "$files" -le 10 ] && echo yes || echo no))"
fi
echo "verdict: $verdict; $([ "$errors" -eq 0 ] && echo "no error" || echo "$errors ERRORS")"
