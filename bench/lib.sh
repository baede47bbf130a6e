# Shared by the benchmarks: sourced after scripts/lib.sh.
release_flags

# measure LABEL URL [COOKIE [FORM]]: wrk's requests/s, p50, p99 and errors (non-2xx or socket) as
# one line; with FORM, each request POSTs it (as a browser's form would), else GETs.
measure() {
  local cookie=(); [ -n "${3:-}" ] && cookie=(-H "Cookie: quorum_session=$3")
  local script=()
  if [ -n "${4:-}" ]; then
    local lua; lua="$(mktemp --suffix .lua)"
    printf 'wrk.method = "POST"\nwrk.body = "%s"\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n' "$4" >"$lua"
    script=(-s "$lua")
  fi
  report "$1" "$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${cookie[@]}" "${script[@]}" "$2")"
}

# report LABEL WRK_OUTPUT: wrk's requests/s, p50, p99 and errors as one line.
report() {
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec/ { print $2 }' <<<"$2")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$2")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$2")"
  errors="$(awk '/Non-2xx|Socket errors/ { sub(/^ +/, ""); printf "%s; ", $0 }' <<<"$2")"
  printf '%-44s %10s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$rps" "$p50" "$p99" "${errors:-no errors}"
}

# wait_ready URL: until the portal answers /readyz.
wait_ready() {
  for _ in $(seq 100); do curl -sf "$1/readyz" >/dev/null && return 0; sleep 0.1; done
  echo "the portal did not start" >&2; return 1
}

# peak_memory PID: the process's peak resident memory.
peak_memory() { awk '/VmHWM/ { print $2, $3 }' "/proc/$1/status"; }

# memory_now PID: the process's resident memory now.
memory_now() { awk '/VmRSS/ { print $2, $3 }' "/proc/$1/status"; }

# restart_peak PID: the kernel forgets the process's peak, so the next peak_memory is of what follows.
restart_peak() { echo 5 >"/proc/$1/clear_refs"; }

# release_binaries: BIN, the folder of the release `quorum` and `fake-bbb`, built now unless BIN
# already names one (an earlier build, to compare or to skip the build).
release_binaries() {
  if [ -z "${BIN:-}" ]; then
    say "building the release server and the fake BBB server"
    cargo build --release -p server --bins
    BIN="$CARGO_TARGET_DIR/release"
  fi
}

# bench_region FILE BBB_PORT SECRET: a configuration file declaring the fake BBB server as the
# default region "bench".
bench_region() {
  cat >"$1" <<TOML
[[regions]]
code = "bench"
name = "Bench region (fake BBB)"
api_url = "http://127.0.0.1:$2/bigbluebutton/api/"
secret = "$3"
default = true
TOML
}

# bench_portal: a fresh portal on $PORT (release build in $BIN) whose default region is a fake BBB
# server on $BBB_PORT, its site an empty folder (the benchmarks load no wasm), and the account
# bench@example.coop signed in for `api`. Sets dir, server and fake, and cleans up on exit
# (killing $extra_pids too).
bench_portal() {
  dir="$(mktemp -d)"
  mkdir -p "$dir/site/pkg"
  local secret="bench-secret-$RANDOM$RANDOM"
  bench_region "$dir/quorum.toml" "$BBB_PORT" "$secret"
  export QUORUM_DATABASE_URL="sqlite://$dir/quorum.db" QUORUM_OUTBOX_DIR="$dir/outbox" \
    QUORUM_SITE_ROOT="$dir/site" QUORUM_BIND="127.0.0.1:$PORT" QUORUM_CONFIG="$dir/quorum.toml" RUST_LOG=error \
    QUORUM_FILES_DIR="$dir/files"
  trap 'kill ${server:-} ${fake:-} ${extra_pids:-} 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
  "$BIN/fake-bbb" "127.0.0.1:$BBB_PORT" "$secret" >/dev/null & fake=$!
  echo "bench password 1" | "$BIN/quorum" admin create --email bench@example.coop --name Bench >/dev/null
  "$BIN/quorum" serve & server=$!
  wait_ready "http://127.0.0.1:$PORT"
  api accounts/login --data-urlencode email=bench@example.coop --data-urlencode "password=bench password 1" >/dev/null
}

# api NAME [curl arguments]: calls a server function as the benchmark's signed-in member.
api() { curl -sf -b "$dir/jar" -c "$dir/jar" -X POST "http://127.0.0.1:$PORT/api/$1" "${@:2}"; }

# bench_members N: N members more, as a crowd of distinct people: each invited by the benchmark's
# admin, signed up through the invitation (read from the outbox), signed in, and owner of a room.
# Needs the portal to trust the loopback proxy (QUORUM_TRUSTED_PROXIES=127.0.0.1).
# Sets member_cookies and member_rooms (arrays, one entry a member).
bench_members() {
  member_cookies=(); member_rooms=()
  local i email token jar
  for i in $(seq "$1"); do
    email="member$i@bench.coop"
    api admin/invite --data-urlencode "email=$email" >/dev/null
  done
  for i in $(seq "$1"); do
    email="member$i@bench.coop"
    token=""
    for _ in $(seq 100); do
      token="$(grep -l "To: $email" "$dir"/outbox/*.eml 2>/dev/null | head -1 | xargs -r cat \
        | tr -d '\r' | sed -e ':a' -e '/=$/N; s/=\n//; ta' | sed 's/=3D/=/g' | grep -o 'invite=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2 || true)"
      [ -n "$token" ] && break
      sleep 0.1
    done
    [ -n "$token" ] || { echo "no invitation for $email" >&2; return 1; }
    jar="$dir/jar-$i"
    # Each from an address of their own, as a crowd comes (sign-ups are limited per address).
    local from=(-H "X-Forwarded-For: 10.77.$((i / 250)).$((i % 250 + 1))")
    curl -sf "${from[@]}" -b "$jar" -c "$jar" -X POST "http://127.0.0.1:$PORT/api/accounts/signup" --data-urlencode "name=Member $i" \
      --data-urlencode "email=$email" --data-urlencode "password=bench password $i" --data-urlencode "invite=$token" >/dev/null
    curl -sf "${from[@]}" -b "$jar" -c "$jar" -X POST "http://127.0.0.1:$PORT/api/accounts/login" --data-urlencode "email=$email" \
      --data-urlencode "password=bench password $i" >/dev/null
    member_cookies+=("$(awk '$6 == "quorum_session" { print $7 }' "$jar")")
    member_rooms+=("$(curl -sf -b "$jar" -X POST "http://127.0.0.1:$PORT/api/rooms/create" --data-urlencode "name=Room $i" | tr -d '"')")
  done
}

# measure_crowd LABEL PATH: like `measure`, each request made by the next of the bench members in
# turn (their session, and `{slug}` in PATH their own room), as a crowd of distinct members.
measure_crowd() {
  local lua; lua="$(mktemp --suffix .lua)"
  {
    echo "local members = {"
    for i in "${!member_cookies[@]}"; do printf '  {"%s", "%s"},\n' "${member_cookies[$i]}" "${2//\{slug\}/${member_rooms[$i]}}"; done
    echo "}"
    cat <<'LUA'
local n = math.random(1, #members)
request = function()
  n = n + 1
  local m = members[(n % #members) + 1]
  return wrk.format("GET", m[2], { ["Cookie"] = "quorum_session=" .. m[1] })
end
LUA
  } >"$lua"
  report "$1" "$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$lua" "http://127.0.0.1:$PORT/")"
}

# ensure_locust: Locust, the load tool of the event start, in a virtual environment of its own;
# LOCUST_PYTHON names its interpreter. Installed once (about 20 s), skipped after.
ensure_locust() {
  local venv="${XDG_CACHE_HOME:-$HOME/.cache}/quorum/locust-venv" wanted="locust==2.47.0"
  if [ ! -f "$venv/.stamp" ] || [ "$(cat "$venv/.stamp")" != "$wanted" ]; then
    say "Locust for the event start ($wanted)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$wanted"
    echo "$wanted" >"$venv/.stamp"
  fi
  LOCUST_PYTHON="$venv/bin/python"
}

# load_script FILE DELAY_MS [COUNTS]: a wrk script making in turn the requests listed on its standard
# input, one a line: METHOD PATH COOKIE BODY WHO ("-" for none; BODY url-encoded; WHO `guest`: from an
# address of its own, through the trusted proxy), each connection waiting DELAY_MS between two. With
# COUNTS, answers are counted by status into COUNTS ("status count" lines) and the first of 400 or
# more is kept as "STATUS BODY" in COUNTS.sample.
load_script() {
  local method path cookie body who
  {
    echo "local entries = {"
    while read -r method path cookie body who; do
      [ "$cookie" = - ] && cookie=nil || cookie="\"$cookie\""
      [ "$body" = - ] && body=nil || body="\"$body\""
      [ "$who" = guest ] && who=true || who=false
      printf '  {"%s", "%s", %s, %s, %s},\n' "$method" "$path" "$cookie" "$body" "$who"
    done
    echo "}"
    cat <<'LUA'
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end
local n, guests = 0, 0
function init(args)
  n = (id or 1) * 7919 -- threads start at different places in the list
  counts = {}
end
function request()
  n = n + 1
  local e = entries[(n % #entries) + 1]
  local headers = {}
  if e[3] then headers["Cookie"] = "quorum_session=" .. e[3] end
  if e[4] then headers["Content-Type"] = "application/x-www-form-urlencoded" end
  if e[5] then
    guests = guests + 1
    headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", 100 + (id or 1), math.floor(guests / 250) % 250, guests % 250 + 1)
  end
  return wrk.format(e[1], e[2], headers, e[4])
end
LUA
    if [ "$2" -gt 0 ]; then printf 'function delay() return %d end\n' "$2"; fi
    if [ -n "${3:-}" ]; then
      printf 'local counts_file = "%s"\n' "$3"
      cat <<'LUA'
function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  if status >= 400 and not sample then sample = status .. " " .. string.sub(body or "", 1, 8000) end
end
function done(summary, latency, requests)
  local total, kept = {}, nil
  for _, t in ipairs(threads) do
    for status, k in pairs(t:get("counts") or {}) do total[status] = (total[status] or 0) + k end
    kept = kept or t:get("sample")
  end
  local f = io.open(counts_file, "w")
  for status, k in pairs(total) do f:write(status, " ", k, "\n") end
  f:close()
  if kept then
    local s = io.open(counts_file .. ".sample", "w")
    s:write(kept)
    s:close()
  end
end
LUA
    fi
  } >"$1"
}

# statuses COUNTS: the answers a load script counted, by status: "200 x 1234, 403 x 12".
statuses() {
  if [ -s "$1" ]; then sort -n "$1" | awk '{ printf "%s%s x %d", (NR > 1 ? ", " : ""), $1, $2 }'; else printf 'no answer'; fi
}
