#!/usr/bin/env bash
# Builds and runs the benchmarks (CTest label `bench`, not part of scripts/test.sh): ONNX import of
# resnet50 and a 6-layer transformer vs Python's onnx.load, time and peak RSS.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" --tests
cd "$root"
ctest --preset bench "$@"
