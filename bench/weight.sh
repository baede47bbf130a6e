#!/usr/bin/env bash
# What a browser downloads to bring a page to life: the release wasm and its JavaScript, gzipped,
# against the 250 KB budget, and what fills the wasm (by crate, from twiggy on the unstripped build).
#   bench/weight.sh
source "$(dirname "$0")/../scripts/lib.sh"
dist="$("$ROOT/scripts/build-release" | tail -n 1)"
gz() { gzip -9c "$1" | wc -c; }
wasm="$(gz "$dist/site/pkg/quorum.wasm")"
js="$(gz "$dist/site/pkg/quorum.js")"
total=$(( wasm + js ))
echo
printf 'wasm %8d B gzipped (%d B raw)\n' "$wasm" "$(stat -c %s "$dist/site/pkg/quorum.wasm")"
printf 'js   %8d B gzipped\n' "$js"
printf 'page weight %d KB gzipped, budget 250 KB: %s\n' $(( total / 1024 )) "$([ "$total" -le 256000 ] && echo within || echo OVER)"
if command -v twiggy >/dev/null; then
  echo "largest parts of the wasm before wasm-opt (twiggy):"
  twiggy top -n 12 "$CARGO_TARGET_DIR/front/wasm32-unknown-unknown/wasm-release/app.wasm" | tail -n +3
else
  echo "(cargo install twiggy to see what fills it)"
fi
[ "$total" -le 256000 ]
