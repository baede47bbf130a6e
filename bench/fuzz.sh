#!/usr/bin/env bash
# A long fuzzing run: every target in app/fuzz for FUZZ_SECONDS (600) each, built optimised, on a
# copy of its seed corpus. `scripts/test` runs the same targets for 30 s each; this is the run to
# leave going after a change to a parser or a rule. Inputs that fail land in app/fuzz/artifacts/.
#   bench/fuzz.sh                       (FUZZ_SECONDS=3600 for an hour each; FUZZ_MODE=dev to skip
#                                        the optimised build)
source "$(dirname "$0")/../scripts/lib.sh"
export FUZZ_MODE="${FUZZ_MODE:-release}"
seconds="${FUZZ_SECONDS:-600}"
say "fuzzing every target for $seconds s ($FUZZ_MODE build)"
started=$SECONDS
run_fuzz "$seconds"
say "no failure found in $((SECONDS - started)) s"
