#!/usr/bin/env bash
# Sets up (with test dependencies), builds and runs every test through CTest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" --tests
cd "$root"
export QT_QPA_PLATFORM=offscreen
ctest --preset release -j "$(nproc)" "$@"
