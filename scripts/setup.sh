#!/usr/bin/env bash
# Installs what packaging/ lists, only the packages that are missing (idempotent), then configures
# and builds the release preset. Usage: scripts/setup.sh [--tests]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lists=("$root/packaging/build-dependencies.txt")
[[ "${1:-}" == "--tests" ]] && lists+=("$root/packaging/test-dependencies.txt")

missing=()
for pkg in $(grep -hv '^\s*#' "${lists[@]}" | tr -s ' \n' '\n' | sed '/^$/d'); do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cd "$root"
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
