#!/usr/bin/env bash
# Faults, each while an unrelated crowd of members opens its pages: those pages must stay fast (p99
# <= LIMIT_MS, 50 ms) with no error, and nothing may be lost. The release portal on SQLite has two
# regions, each a fake BBB server: `healthy` (the default) and `faulty`. CROWD unrelated members
# (their rooms on the healthy region) open their dashboard and own room page in turn (wrk, CONNECTIONS
# connections) — the measured figure — while the faulty room (its owner a member too, the room set to
# `region=faulty`) is visited beside them: its room page and guests' joins, and its owner's
# `meetings/start`, which asks the region every time since the room never gets to run (FAULTY_CONNECTIONS
# each, FAULTY_DELAY_MS apart on each connection). One line per fault, the first with no fault (the
# baseline, same run): the unrelated pages' req/s, p50, p99, errors and PASS/FAIL; then what the faulty
# room's visitors got (answers by status, what the owner's start and a guest's join said) and whether
# the owner's start works again once the region is back.
#   Regions: down (HTTP 503), unreachable (its process stopped), hanging past the portal's timeout
#   (BBB_TIMEOUT_MS, 5 s: the fake waits 3 s longer), answering FAILED, answering garbage (HTTP 200,
#   not XML), answering a proxy's HTML error page (HTTP 200).
#   SMTP down: mail goes through SMTP to a sink (bench/smtp_sink.py, aiosmtpd from PyPI). The sink
#   stopped, the admin invites MAILS people: the outbox table holds them (sqlite3), the unrelated
#   pages are measured meanwhile; the sink started again, every message must arrive (failed sends are
#   retried 30 s later, doubling), and after two more runs of the mail job (every 5 s) there must be
#   exactly MAILS, each recipient once.
#   SQLite busy: another connection (the sqlite3 shell) takes the write lock for HOLD seconds while
#   the crowd reads its dashboards and saves its profiles (writes; WRITE_CONNECTIONS, WRITE_DELAY_MS
#   apart): reads and writes beside the same load without the lock. The portal's SQLite connections
#   wait 5 s for a lock (busy_timeout), so writes wait or fail: the script reports which, no verdict.
#   PostgreSQL restarted under load: the portal on a private PostgreSQL server (scripts/lib.sh's
#   start_test_postgres), the crowd's dashboards under wrk (PG_DURATION s) while PostgreSQL restarts
#   (`pg_ctl restart -m fast`), then while it stops and comes back PG_AWAY s later: the errors and one
#   of them whole, when pages answer again (a probe asks every 0.1 s), and that the same process
#   still serves (no restart needed).
#   bench/faults.sh     (DURATION=10 CROWD=20 CONNECTIONS=32 LIMIT_MS=50 MAILS=20 HOLD=5 PG_AWAY=5
#                        PG_DURATION=20 PARTS="regions smtp sqlite postgres" to change; BIN=DIR to use
#                        built binaries). About 6 minutes after the build.
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/bench/lib.sh"
need_apt wrk curl sqlite3
DURATION="${DURATION:-10}"
CROWD="${CROWD:-20}"
CONNECTIONS="${CONNECTIONS:-32}"
LIMIT_MS="${LIMIT_MS:-50}"
FAULTY_CONNECTIONS="${FAULTY_CONNECTIONS:-4}"
FAULTY_DELAY_MS="${FAULTY_DELAY_MS:-50}"
BBB_TIMEOUT_MS="${BBB_TIMEOUT_MS:-5000}"
MAILS="${MAILS:-20}"
HOLD="${HOLD:-5}"
WRITE_CONNECTIONS="${WRITE_CONNECTIONS:-4}"
WRITE_DELAY_MS="${WRITE_DELAY_MS:-20}"
PG_AWAY="${PG_AWAY:-5}"
PG_DURATION="${PG_DURATION:-20}"
PARTS="${PARTS-regions smtp sqlite postgres}" # PARTS= (empty): none, the set-up alone
PORT="${PORT:-3181}"
BBB_PORT="${BBB_PORT:-3182}"
FAULTY_PORT="${FAULTY_PORT:-3183}"
SMTP_PORT="${SMTP_PORT:-3184}"
URL="http://127.0.0.1:$PORT"
part() { [[ " $PARTS " == *" $1 "* ]]; }

release_binaries

# The SMTP sink's Python, in a virtual environment of its own (installed once, skipped after).
venv="${XDG_CACHE_HOME:-$HOME/.cache}/quorum/smtp-sink-venv"
wanted="aiosmtpd==1.4.6"
if [ ! -f "$venv/.stamp" ] || [ "$(cat "$venv/.stamp")" != "$wanted" ]; then
  say "the SMTP sink's Python package ($wanted)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$wanted"
  echo "$wanted" >"$venv/.stamp"
fi

# PostgreSQL first: start_test_postgres sets its own EXIT trap, replaced here by one that stops
# everything this script started.
if part postgres; then start_test_postgres; fi
dir="$(mktemp -d)"
server="" fake="" faulty="" sink="" probe_pid="" holder="" loads=()
cleanup() {
  kill ${server:-} ${fake:-} ${faulty:-} ${sink:-} ${probe_pid:-} ${holder:-} "${loads[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  stop_test_postgres
  rm -rf "$dir"
}
trap cleanup EXIT

mkdir -p "$dir/site/pkg" "$dir/outbox"
secret="bench-secret-$RANDOM$RANDOM"
cat >"$dir/quorum.toml" <<TOML
[[regions]]
code = "healthy"
name = "Healthy region (fake BBB)"
api_url = "http://127.0.0.1:$BBB_PORT/bigbluebutton/api/"
secret = "$secret"
default = true

[[regions]]
code = "faulty"
name = "Faulty region (fake BBB)"
api_url = "http://127.0.0.1:$FAULTY_PORT/bigbluebutton/api/"
secret = "$secret"
TOML
export QUORUM_OUTBOX_DIR="$dir/unused-outbox" QUORUM_SITE_ROOT="$dir/site" QUORUM_BIND="127.0.0.1:$PORT" \
  QUORUM_CONFIG="$dir/quorum.toml" QUORUM_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" QUORUM_TRUSTED_PROXIES=127.0.0.1 \
  QUORUM_BBB_TIMEOUT_MS="$BBB_TIMEOUT_MS" RUST_LOG=error

# fake_bbb PORT: starts a fake BBB server on PORT, sets `started` to its pid, returns once it answers.
fake_bbb() {
  "$BIN/fake-bbb" "127.0.0.1:$1" "$secret" >/dev/null & started=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1/bigbluebutton/api/" >/dev/null && return 0; sleep 0.1; done
  echo "the fake BBB server on port $1 did not start" >&2; return 1
}
mode() { curl -sf -X POST "http://127.0.0.1:$FAULTY_PORT/fake/mode" -d "$1" >/dev/null; }

# The SMTP sink writes each message to $dir/outbox/*.eml: where bench_members reads invitations.
start_sink() {
  "$venv/bin/python" "$ROOT/bench/smtp_sink.py" "127.0.0.1:$SMTP_PORT" "$dir/outbox" >/dev/null 2>>"$dir/sink.log" &
  sink=$!
  for _ in $(seq 100); do (: >"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && return 0; sleep 0.1; done
  echo "the SMTP sink did not start" >&2; return 1
}
stop_sink() { kill "$sink"; wait "$sink" 2>/dev/null || true; sink=""; }

# portal DATABASE_URL: the release portal on $PORT, its admin bench@example.coop signed in for `api`.
# Its log (errors only) goes to $dir/portal.log: `logged` tells what it added since `mark`.
portal() {
  export QUORUM_DATABASE_URL="$1"
  echo "bench password 1" | "$BIN/quorum" admin create --email bench@example.coop --name Bench >/dev/null
  "$BIN/quorum" serve >>"$dir/portal.log" 2>&1 & server=$!
  wait_ready "$URL"
  rm -f "$dir/jar"
  api accounts/login --data-urlencode email=bench@example.coop --data-urlencode "password=bench password 1" >/dev/null
}
stop_portal() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
mark() { mark="$(wc -l <"$dir/portal.log")"; }
logged() {
  local new
  new="$(tail -n +"$((mark + 1))" "$dir/portal.log" | sed 's/\x1b\[[0-9;]*m//g' | grep ERROR || true)"
  if [ -z "$new" ]; then echo "    the portal logged no error"; return 0; fi
  echo "    the portal logged $(wc -l <<<"$new") errors, the first: $(head -1 <<<"$new" | cut -c1-240)"
}

# crowd_entries PATH...: the unrelated members' requests, each member in turn opening each PATH
# (`{slug}`: their own room).
crowd_entries() {
  local i p
  for i in "${!member_cookies[@]}"; do
    for p in "$@"; do echo "GET ${p//\{slug\}/${member_rooms[$i]}} ${member_cookies[$i]} - -"; done
  done
}

# p99_ms WRK_OUTPUT: wrk's p99 in milliseconds. errors WRK_OUTPUT: answers of 400 or more and
# socket errors (timeouts included), added up. verdict WRK_OUTPUT: PASS, or FAIL and why.
p99_ms() {
  awk '$1 == "99%" { v = $2; u = $2; sub(/[a-z]+$/, "", v); sub(/^[0-9.]+/, "", u)
    printf "%.2f", v * (u == "us" ? 0.001 : u == "ms" ? 1 : u == "s" ? 1000 : 60000) }' <<<"$1"
}
errors() {
  awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) n += $i }
    END { print n + 0 }' <<<"$1"
}
verdict() {
  local p99 n
  p99="$(p99_ms "$1")"; n="$(errors "$1")"
  if awk -v p="$p99" -v l="$LIMIT_MS" 'BEGIN { exit !(p != "" && p <= l) }' && [ "$n" -eq 0 ]; then
    echo "PASS"
  else
    echo "FAIL (p99 ${p99:-?} ms, $n errors; the limit: ${LIMIT_MS} ms, none)"
  fi
}
# line LABEL WRK_OUTPUT: the figures and the verdict.
line() { printf '%s   %s\n' "$(report "$1" "$2")" "$(verdict "$2")"; }

# told FILE: what an answer kept as "STATUS BODY" said, on one line: its status and the message it
# carried (its English text and key), or for a page its title and the portal's message found in it,
# else its first 160 characters.
ftl="$ROOT/app/src/i18n/en.ftl"
told() {
  local status body key text name value plain title found
  status="$(head -c 3 "$1")"
  body="$(tail -c +5 "$1")"
  if [ "$status" = 000 ]; then echo "no answer (the connection failed or timed out)"; return 0; fi
  key="$(grep -o '"key":"[^"]*"' <<<"$body" | head -1 | cut -d'"' -f4 || true)"
  if [ -n "$key" ]; then
    text="$(sed -n "s/^${key//./-} = //p" "$ftl" | head -1 || true)"
    # Its values, as ["status","503"], fill the text's { $status }.
    while read -r name value; do
      text="${text//\{ \$$name \}/$value}"
    done < <(grep -o '\["[a-z_]*","[^"]*"\]' <<<"$body" | tr -d '[]"' | tr ',' ' ' || true)
    echo "HTTP $status: \"${text:-?}\" ($key)"
  elif grep -qi '<html' <<<"$body"; then
    plain="$(sed -e 's/<script[^>]*>[^<]*<\/script>//g' -e 's/<[^>]*>/ /g' <<<"$body" | tr -s ' \t\n' ' ')"
    title="$(grep -o '<title>[^<]*' <<<"$body" | head -1 | sed 's/<title>//' || true)"
    found="$(grep -F -o -f <(sed -n -E 's/^(error|bbb|meeting)-[a-z_-]+ = ([^{]+)$/\2/p' "$ftl") <<<"$plain" | head -1 || true)"
    echo "HTTP $status, a page (\"$title\"): ${found:-$(cut -c1-160 <<<"$plain")}"
  else
    echo "HTTP $status: $(tr -s ' \t\n' ' ' <<<"$body" | cut -c1-160 | sed 's/ *$//')"
  fi
}
# answer FILE CURL_ARGS...: keeps the answer as "STATUS BODY" in FILE.
answer() {
  local code
  code="$(curl -s -o "$1.body" -w '%{http_code}' --max-time 60 "${@:2}" || true)"
  { printf '%s ' "$code"; cat "$1.body" 2>/dev/null || true; } >"$1"
}

say "starting the fake BBB servers, the SMTP sink and the portal on SQLite"
fake_bbb "$BBB_PORT"; fake=$started
fake_bbb "$FAULTY_PORT"; faulty=$started
start_sink
db="$dir/quorum.db"
portal "sqlite://$db"
say "signing in $CROWD unrelated members and the faulty room's owner, each with a room"
bench_members $((CROWD + 1))
owner="${member_cookies[-1]}"
slug="${member_rooms[-1]}"
unset 'member_cookies[-1]' 'member_rooms[-1]'
as_owner() { curl -s -H "Cookie: quorum_session=$owner" -X POST "$URL/api/$1" "${@:2}"; }
as_owner rooms/settings --data-urlencode "slug=$slug" --data-urlencode region=faulty --data-urlencode viewer_code= \
  --data-urlencode moderator_code= --data-urlencode max_participants= --data-urlencode welcome= >/dev/null
[ "$(sqlite3 "$db" "SELECT region_code FROM rooms WHERE slug = '$slug'")" = faulty ] \
  || { echo "the faulty room is not on the faulty region" >&2; exit 1; }
crowd_entries /dashboard "/r/{slug}" >"$dir/crowd"
load_script "$dir/crowd.lua" 0 <"$dir/crowd"
# unrelated: the measured figure, the crowd's dashboards and room pages for DURATION seconds.
unrelated() { wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$dir/crowd.lua" "$URL/"; }

echo
echo "Faults: $CROWD unrelated members opening their dashboard and room page ($CONNECTIONS connections, $DURATION s a fault), beside the faulty room's visitors; $(nproc) cores shared by portal, fake BBB servers and load"

if part regions; then
  echo
  echo "A region's faults: the unrelated pages (p99 <= $LIMIT_MS ms, no error), then the faulty room's room page, guests' joins and its owner's start ($FAULTY_CONNECTIONS connections each, one request every $FAULTY_DELAY_MS ms on each)"
  echo "GET /r/$slug - - -" | load_script "$dir/page.lua" "$FAULTY_DELAY_MS" "$dir/page.counts"
  echo "POST /api/meetings/join - slug=$slug&name=Guest -" | load_script "$dir/join.lua" "$FAULTY_DELAY_MS" "$dir/join.counts"
  echo "POST /api/meetings/start $owner slug=$slug -" | load_script "$dir/start.lua" "$FAULTY_DELAY_MS" "$dir/start.counts"
  hang=$((BBB_TIMEOUT_MS + 3000))
  for fault in "up:no fault (baseline)" "down:region down (HTTP 503)" "stopped:region unreachable (process stopped)" \
    "slow=$hang:region hanging ${hang} ms (timeout ${BBB_TIMEOUT_MS} ms)" "fail=internalError:region answering FAILED" \
    "garbage:region answering garbage (not XML)" "html:region answering a proxy's HTML page"; do
    set_to="${fault%%:*}" label="${fault#*:}"
    # The faulty room does not run as the fault comes: every start asks the region.
    mode up
    as_owner meetings/end --data-urlencode "slug=$slug" >/dev/null || true
    sleep 1.1
    if [ "$set_to" = stopped ]; then kill "$faulty"; wait "$faulty" 2>/dev/null || true; faulty=""; else mode "$set_to"; fi
    rm -f "$dir"/*.counts "$dir"/*.counts.sample
    loads=()
    for kind in page join start; do
      wrk -t1 -c"$FAULTY_CONNECTIONS" -d"$((DURATION + 1))s" --timeout 30s -s "$dir/$kind.lua" "$URL/" >/dev/null & loads+=($!)
    done
    sleep 0.5
    out="$(unrelated)"
    wait "${loads[@]}" 2>/dev/null || true
    loads=()
    answer "$dir/start" -H "Cookie: quorum_session=$owner" -X POST "$URL/api/meetings/start" --data-urlencode "slug=$slug"
    answer "$dir/join" -X POST "$URL/api/meetings/join" --data-urlencode "slug=$slug" --data-urlencode name=Guest
    # The region back: the owner's start goes through again.
    if [ -z "$faulty" ]; then fake_bbb "$FAULTY_PORT"; faulty=$started; else mode up; fi
    back="$(as_owner meetings/start --data-urlencode "slug=$slug" -o /dev/null -w '%{http_code}' --max-time 30 || true)"
    line "$label" "$out"
    echo "    faulty room: room page $(statuses "$dir/page.counts"); joins $(statuses "$dir/join.counts"); starts $(statuses "$dir/start.counts")"
    echo "    the owner's start was told: $(told "$dir/start")"
    echo "    a guest's join was told: $(told "$dir/join")"
    if [ -s "$dir/page.counts.sample" ]; then echo "    a room page that failed: $(told "$dir/page.counts.sample")"; fi
    echo "    the region back, the owner's start: HTTP $back$([ "$back" = 200 ] && echo " (works again)" || echo " (FAIL: not working again)")"
  done
  mode up
fi

if part smtp; then
  echo
  echo "SMTP down: $MAILS invitations while the SMTP server is down, then it comes back"
  invited() {
    find "$dir/outbox" -name '*.eml' -exec cat {} + 2>/dev/null | tr -d '\r' | grep '^To: down[0-9]*@bench\.coop$' || true
  }
  stop_sink
  for i in $(seq "$MAILS"); do api admin/invite --data-urlencode "email=down$i@bench.coop" >/dev/null; done
  sleep 1
  queued="$(sqlite3 "$db" "SELECT COUNT(*) FROM mail_outbox WHERE recipient LIKE 'down%@bench.coop' AND sent_at IS NULL")"
  tried="$(sqlite3 "$db" "SELECT COUNT(*) FROM mail_outbox WHERE recipient LIKE 'down%@bench.coop' AND attempts > 0")"
  last_error="$(sqlite3 "$db" "SELECT last_error FROM mail_outbox WHERE recipient LIKE 'down%@bench.coop' AND last_error IS NOT NULL LIMIT 1" | cut -c1-160)"
  echo "    the outbox holds $queued of $MAILS unsent ($tried tried once; the error kept: ${last_error:-none})"
  line "unrelated pages, SMTP down" "$(unrelated)"
  start_sink
  returned=$SECONDS
  while [ "$(invited | wc -l)" -lt "$MAILS" ] && [ $((SECONDS - returned)) -lt 300 ]; do sleep 1; done
  arrived=$((SECONDS - returned))
  sleep 10 # two more runs of the mail job (every 5 s): nothing may go twice
  got="$(invited | wc -l)"
  twice="$(invited | sort | uniq -d | wc -l)"
  unsent="$(sqlite3 "$db" "SELECT COUNT(*) FROM mail_outbox WHERE recipient LIKE 'down%@bench.coop' AND sent_at IS NULL")"
  echo "    the sink back: all $MAILS arrived after ${arrived} s (failed sends wait 30 s, doubling); 10 s later: $got messages, $twice recipients twice, $unsent unsent   $([ "$got" -eq "$MAILS" ] && [ "$twice" -eq 0 ] && [ "$unsent" -eq 0 ] && echo PASS || echo FAIL)"
fi

if part sqlite; then
  echo
  echo "SQLite busy: the crowd's dashboards ($CONNECTIONS connections) and profile saves ($WRITE_CONNECTIONS connections, one every $WRITE_DELAY_MS ms on each), $((HOLD + 3)) s, without and with another connection holding the write lock for $HOLD s"
  crowd_entries /dashboard >"$dir/reads"
  load_script "$dir/reads.lua" 0 "$dir/reads.counts" <"$dir/reads"
  for i in "${!member_cookies[@]}"; do
    echo "POST /api/accounts/profile ${member_cookies[$i]} name=Member+$((i + 1))&language=en&time_zone=UTC -"
  done | load_script "$dir/writes.lua" "$WRITE_DELAY_MS" "$dir/writes.counts"
  for round in "without the lock (baseline)" "while the write lock is held"; do
    rm -f "$dir"/*.counts "$dir"/*.counts.sample
    mark
    wrk -t1 -c"$WRITE_CONNECTIONS" -d"$((HOLD + 3))s" --timeout 30s --latency -s "$dir/writes.lua" "$URL/" >"$dir/writes.out" & loads=($!)
    if [ "$round" != "${round#while}" ]; then
      (sleep 1; printf 'BEGIN IMMEDIATE;\nUPDATE users SET name = name WHERE id = 1;\n.shell sleep %s\nCOMMIT;\n' "$HOLD" \
        | sqlite3 -bail -cmd ".timeout 10000" "$db") & holder=$!
    fi
    reads="$(wrk -t2 -c"$CONNECTIONS" -d"$((HOLD + 3))s" --timeout 30s --latency -s "$dir/reads.lua" "$URL/")"
    wait "${loads[@]}" 2>/dev/null || true
    loads=()
    if [ -n "$holder" ]; then
      wait "$holder" || echo "    (the sqlite3 shell failed to hold the lock)"
      holder=""
    fi
    echo "  $round:"
    line "    dashboards (reads)" "$reads"
    report "    profile saves (writes)" "$(cat "$dir/writes.out")"
    echo "    answers: reads $(statuses "$dir/reads.counts"); writes $(statuses "$dir/writes.counts")"
    if [ -s "$dir/reads.counts.sample" ]; then echo "    a read that failed: $(told "$dir/reads.counts.sample")"; fi
    if [ -s "$dir/writes.counts.sample" ]; then echo "    a write that failed: $(told "$dir/writes.counts.sample")"; fi
    logged
  done
fi

if part postgres; then
  echo
  echo "PostgreSQL restarted under load: the crowd's dashboards ($CONNECTIONS connections, $PG_DURATION s), the same portal process throughout"
  stop_portal
  find "$dir/outbox" -name '*.eml' -delete # the new portal's invitations only
  portal "$QUORUM_TEST_PG_URL"
  say "signing in $CROWD members on PostgreSQL"
  bench_members "$CROWD"
  pid="$server"
  crowd_entries /dashboard >"$dir/pg"
  load_script "$dir/pg.lua" 0 "$dir/pg.counts" <"$dir/pg"
  first="${member_cookies[0]}"
  # probe FILE: the first member's dashboard every 0.1 s: "start end status" lines (milliseconds).
  probe() {
    local at code
    while :; do
      at="$(date +%s%3N)"
      rm -f "$1.body"
      code="$(curl -s -o "$1.body" -w '%{http_code}' --max-time 15 -H "Cookie: quorum_session=$first" "$URL/dashboard" || true)"
      echo "$at $(date +%s%3N) $code" >>"$1"
      if [ "$code" != 200 ] && [ ! -s "$1.failed" ]; then { printf '%s ' "$code"; cat "$1.body" 2>/dev/null || true; } >"$1.failed"; fi
      sleep 0.1
    done
  }
  for round in baseline restart away; do
    rm -f "$dir"/pg.counts "$dir"/pg.counts.sample "$dir"/probe*
    mark
    duration=$PG_DURATION
    [ "$round" = baseline ] && duration=$DURATION
    wrk -t2 -c"$CONNECTIONS" -d"${duration}s" --timeout 15s --latency -s "$dir/pg.lua" "$URL/" >"$dir/pg.out" & loads=($!)
    probe "$dir/probe" & probe_pid=$!
    case "$round" in
      baseline) label="no fault (baseline)" ;;
      restart)
        sleep 3
        stopped="$(date +%s%3N)"
        "${PG_CTL[@]}" -s -w -m fast -l "$PG_DIR/log" restart
        label="pg_ctl restart -m fast ($(( $(date +%s%3N) - stopped )) ms)"
        ;;
      away)
        sleep 3
        # pg_ctl start takes the options again: those the server runs with, as `restart` reuses them.
        options="$(cut -d' ' -f2- "$PG_DIR/data/postmaster.opts")"
        stopped="$(date +%s%3N)"
        "${PG_CTL[@]}" -s -w -m fast stop
        sleep "$PG_AWAY"
        "${PG_CTL[@]}" -s -w -l "$PG_DIR/log" -o "$options" start
        label="PostgreSQL stopped, back $(( ($(date +%s%3N) - stopped) / 100 ))00 ms later"
        ;;
    esac
    back="$(date +%s%3N)"
    wait "${loads[@]}" 2>/dev/null || true
    loads=()
    kill "$probe_pid"; wait "$probe_pid" 2>/dev/null || true; probe_pid=""
    report "$label" "$(cat "$dir/pg.out")"
    echo "    answers: $(statuses "$dir/pg.counts")"
    if [ "$round" != baseline ]; then
      awk -v stop="$stopped" -v back="$back" '{ s[NR] = $1; e[NR] = $2; c[NR] = $3 }
        END {
          for (i = 1; i <= NR; i++) if (s[i] >= stop - 15000 && e[i] >= stop && c[i] != 200) { if (!first) first = s[i]; last = e[i]; fails++ }
          if (!fails) { print "    the probe (every 0.1 s) saw no failure"; exit }
          for (i = 1; i <= NR; i++) if (c[i] == 200 && s[i] >= last) { again = e[i]; break }
          printf "    the probe: %d failed, from +%.1f s to +%.1f s after the stop; ", fails, (first - stop) / 1000, (last - stop) / 1000
          if (again) printf "answering again +%.1f s after the stop, %.1f s after PostgreSQL was back\n", (again - stop) / 1000, (again - back) / 1000
          else print "NOT answering again by the end of the round (FAIL)"
        }' "$dir/probe"
      if [ -s "$dir/pg.counts.sample" ]; then echo "    a failed page (wrk) said: $(told "$dir/pg.counts.sample")"; fi
      if [ -s "$dir/probe.failed" ]; then echo "    a failed page (probe) said: $(told "$dir/probe.failed")"; fi
      logged
      ready="$(curl -s -o /dev/null -w '%{http_code}' "$URL/readyz" || true)"
      if [ "$server" = "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$ready" = 200 ]; then
        echo "    the same process (pid $pid) serves on, /readyz $ready: no restart needed"
      else
        echo "    FAIL: the portal process (pid $pid) is gone or not ready (/readyz $ready)"
      fi
    fi
  done
fi
