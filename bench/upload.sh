#!/usr/bin/env bash
# A presentation's way through the portal, streamed: SIZE_MB (20) of file uploaded to a room, then
# fetched back by the region when the meeting starts (its signed address). For each, the portal's
# peak resident memory above what it held before, beside the file's size; and, as the baseline in the
# same run, the rise from serving 200 room pages. Memory that grows with the file would show here.
# With CHECK=1 it fails when either rise reaches the file's size: scripts/test runs it on the
# debug build.
#   bench/upload.sh      (BIN=DIR to use built binaries; SIZE_MB=20)
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/bench/lib.sh"
need_apt curl
SIZE_MB="${SIZE_MB:-20}" PORT="${PORT:-3241}" BBB_PORT="${BBB_PORT:-3242}" CHECK="${CHECK:-0}"
URL="http://127.0.0.1:$PORT"
release_binaries
bench_portal
slug="$(api rooms/create --data-urlencode "name=Lecture" | tr -d '"')"
file="$dir/deck.pdf"
{ printf '%%PDF-1.7\n'; head -c $((SIZE_MB * 1024 * 1024)) /dev/urandom; printf '\n%%%%EOF\n'; } >"$file"
bytes="$(stat -c %s "$file")"
kib() { awk '{ print $1 }' <<<"$1"; }
for _ in $(seq 20); do curl -sf "$URL/r/$slug" >/dev/null; done

rise() { # rise COMMAND…: the peak resident memory above the start while COMMAND runs, in KiB
  local before; before="$(kib "$(memory_now "$server")")"
  restart_peak "$server"
  "$@"
  echo $(($(kib "$(peak_memory "$server")") - before))
}
pages() { for _ in $(seq 200); do curl -sf "$URL/r/$slug" >/dev/null; done; }
upload() {
  api rooms/presentation_upload -F "slug=$slug" -F "file=@$file;type=application/pdf" -o /dev/null \
    || { echo "the upload was refused" >&2; exit 1; }
}
fetch() {
  api meetings/start --data-urlencode "slug=$slug" -o /dev/null
  for _ in $(seq 300); do
    curl -sf "http://127.0.0.1:$BBB_PORT/fake/documents" | grep -q '"status":200' && return 0
    sleep 0.1
  done
  echo "the region did not fetch the presentation" >&2; exit 1
}

baseline="$(rise pages)"
started="$(date +%s%N)"
uploaded="$(rise upload)"
upload_ms=$((($(date +%s%N) - started) / 1000000))
fetched="$(rise fetch)"
size="$(curl -sf "http://127.0.0.1:$BBB_PORT/fake/documents" | grep -o '"size":[0-9]*' | head -1 | cut -d: -f2)"
[ "$size" = "$bytes" ] || { echo "the region fetched $size bytes of $bytes" >&2; exit 1; }

echo
echo "A presentation of $((bytes / 1024)) KiB through the portal ($(nproc) cores; peak resident memory above the start)"
printf '%-44s %12s\n' "200 room pages (baseline)" "$baseline KiB"
printf '%-44s %12s   %s ms, %s MB/s\n' "upload, streamed to the file store" "$uploaded KiB" "$upload_ms" \
  "$(awk -v b="$bytes" -v ms="$upload_ms" 'BEGIN { printf "%.0f", b / 1048576 / (ms / 1000) }')"
printf '%-44s %12s\n' "the region's fetch, by its signed address" "$fetched KiB"
if [ "$CHECK" = 1 ]; then
  for rise in "$uploaded" "$fetched"; do
    [ "$rise" -lt $((bytes / 1024)) ] || { echo "FAILED: memory rose by $rise KiB for a $((bytes / 1024)) KiB file" >&2; exit 1; }
  done
  echo "CHECK: neither rise reaches the file's size"
fi
