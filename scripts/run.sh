#!/usr/bin/env bash
# Sets up, builds and starts the MindBridge workbench on the bundled example model.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
exec "$root/build/release/app/mindbridge" "${@:-$root/resources/examples/tiny_cnn.onnx}"
