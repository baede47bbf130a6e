# Shared by the benchmarks: sourced after scripts/lib.sh.

# measure LABEL URL [COOKIE]: wrk's requests/s, p50, p99 and errors (non-2xx or socket) as one line.
measure() {
  local cookie=(); [ -n "${3:-}" ] && cookie=(-H "Cookie: quorum_session=$3")
  local out; out="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${cookie[@]}" "$2")"
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
