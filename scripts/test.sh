#!/usr/bin/env bash
# Sets up (with test dependencies), builds and runs every test through CTest, then each libFuzzer
# target for MB_FUZZ_SECONDS (default 20; scripts/fuzz.sh, fails on any crash or leak).
#   MB_TEST_SANITIZE=1     also build and run the unit tests under ASan + UBSan + LSan
#                          (scripts/sanitize.sh; not on by default until its CI time is measured)
#   MB_TEST_RELEASE_ONLY=1 only the release tests
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" --tests
cd "$root"
export QT_QPA_PLATFORM=offscreen
start=$SECONDS
ctest --preset release -j "$(nproc)" "$@"
[[ "${MB_TEST_RELEASE_ONLY:-0}" == 1 ]] && exit 0
tested=$SECONDS
MB_FUZZ_SECONDS=${MB_FUZZ_SECONDS:-20} scripts/fuzz.sh
fuzzed=$SECONDS
[[ "${MB_TEST_SANITIZE:-0}" == 1 ]] && scripts/sanitize.sh
echo "test.sh: release tests $((tested - start)) s, fuzz build + runs $((fuzzed - tested)) s," \
  "sanitizer stage $((SECONDS - fuzzed)) s"
