# Shared by the benchmarks: sourced after scripts/lib.sh.

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
  local out; out="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${cookie[@]}" "${script[@]}" "$2")"
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  errors="$(awk '/Non-2xx|Socket errors/ { sub(/^ +/, ""); printf "%s; ", $0 }' <<<"$out")"
  printf '%-44s %10s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$rps" "$p50" "$p99" "${errors:-no errors}"
}

# wait_ready URL: until the portal answers /readyz.
wait_ready() {
  for _ in $(seq 100); do curl -sf "$1/readyz" >/dev/null && return 0; sleep 0.1; done
  echo "the portal did not start" >&2; return 1
}

# peak_memory PID: the process's peak resident memory.
peak_memory() { awk '/VmHWM/ { print $2, $3 }' "/proc/$1/status"; }

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
    QUORUM_SITE_ROOT="$dir/site" QUORUM_BIND="127.0.0.1:$PORT" QUORUM_CONFIG="$dir/quorum.toml" RUST_LOG=error
  trap 'kill ${server:-} ${fake:-} ${extra_pids:-} 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
  "$BIN/fake-bbb" "127.0.0.1:$BBB_PORT" "$secret" >/dev/null & fake=$!
  echo "bench password 1" | "$BIN/quorum" admin create --email bench@example.coop --name Bench >/dev/null
  "$BIN/quorum" serve & server=$!
  wait_ready "http://127.0.0.1:$PORT"
  api accounts/login --data-urlencode email=bench@example.coop --data-urlencode "password=bench password 1" >/dev/null
}

# api NAME [curl arguments]: calls a server function as the benchmark's signed-in member.
api() { curl -sf -b "$dir/jar" -c "$dir/jar" -X POST "http://127.0.0.1:$PORT/api/$1" "${@:2}"; }
