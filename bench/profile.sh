#!/usr/bin/env bash
# Where a page's time goes: the portal (release build) serves PAGE to a crowd of CROWD signed-in
# members while perf samples it, then prints the functions that took the most time (self time,
# with their crate) and the share of the time in each part of the stack: the allocator, the
# reactive graph, HTML rendering, axum/tower/hyper, sessions, the database, the kernel.
#   bench/profile.sh            (PAGE=/dashboard CROWD=200 DURATION=10 CONNECTIONS=64 TOP=40)
# PAGE may hold `{slug}`, the member's own room (`PAGE=/r/{slug}`). BIN=DIR profiles the `quorum`
# and `fake-bbb` built earlier into DIR (an older build, to compare) instead of building.
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/bench/lib.sh"
need_apt wrk curl linux-perf
PAGE="${PAGE:-/dashboard}"
CROWD="${CROWD:-200}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
TOP="${TOP:-40}"
PORT="${PORT:-3197}"
BBB_PORT="${BBB_PORT:-3198}"

release_binaries
export QUORUM_TRUSTED_PROXIES=127.0.0.1
bench_portal
say "signing in $CROWD members, each with a room"
bench_members "$CROWD"
# A first round warms the caches the way a running portal has them.
DURATION=2 measure_crowd "warm-up" "$PAGE" >/dev/null

data="$dir/perf.data"
perf record -F 1999 -g -p "$server" -o "$data" -- sleep "$DURATION" 2>/dev/null &
recording=$!
measure_crowd "$PAGE ($CROWD members, while sampled)" "$PAGE"
wait "$recording"

echo
echo "Share of the portal's samples by part (self time):"
perf report -i "$data" --no-children --sort dso,sym --stdio -g none 2>/dev/null \
  | awk -f "$ROOT/bench/profile-parts.awk"
echo
echo "Top $TOP functions (self time):"
perf report -i "$data" --no-children --sort sym --stdio -g none 2>/dev/null \
  | grep -E '^ +[0-9]' | head -n "$TOP" | cut -c1-160
