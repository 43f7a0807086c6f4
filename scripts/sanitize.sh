#!/usr/bin/env bash
# Builds the `debug` preset (GCC, AddressSanitizer + UndefinedBehaviorSanitizer + LeakSanitizer, -O1)
# and runs the unit-test suite under it (benchmarks excluded by the preset). Any ASan/UBSan/LSan
# report fails the test that produced it. Fixtures are shared with build/release (run after it).
#   scripts/sanitize.sh [ctest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} QT_QPA_PLATFORM=offscreen
# Not run under the sanitizers, with the reason:
#   packaging.deb  checks the installable package (an ASan build is never packaged); the binaries
#                  it runs are exercised by every other test here.
excluded='^(packaging\.deb)$'
start=$SECONDS
cmake --preset debug >/dev/null
cmake --build --preset debug -j"${MB_JOBS:-$(nproc)}"
built=$SECONDS
ctest --preset debug -j "$(nproc)" -E "$excluded" "$@"
echo "sanitize: build $((built - start)) s, tests $((SECONDS - built)) s"
