#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang, ASan + UBSan) and runs each one.
#   scripts/fuzz.sh                 every target for MB_FUZZ_SECONDS (default 20) seconds (CI)
#   scripts/fuzz.sh --long          every target until 10 million executions (or MB_FUZZ_LONG_SECONDS)
#   scripts/fuzz.sh TARGET...       only these targets (onnx pth zip safetensors ckpt cli_args project)
# Seeds: tests/bad_inputs, tests/fuzz/seeds and small generated fixtures. A crash stops the run
# with the reproducer in build/fuzz/crashes/; copy it into tests/bad_inputs with a cases.jsonl line.
set -euo pipefail
cd "$(dirname "$0")/.."
long=0
targets=()
for arg in "$@"; do
  case "$arg" in
    --long) long=1 ;;
    *) targets+=("$arg") ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(onnx pth zip safetensors ckpt cli_args project)

export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"${MB_JOBS:-2}" --target "${targets[@]/#/fuzz_}"

seeds_for() {  # target → files to seed it with
  local b=tests/bad_inputs f=build/release/fixtures
  case "$1" in
    onnx) ls $b/*.onnx; ls $f/models/tiny_cnn_op1*_eval.onnx $f/models/lstm_gru_op13_eval.onnx 2>/dev/null || true ;;
    pth) ls $b/*.pth; ls $f/data/tiny_cnn/state_dict.pth 2>/dev/null || true ;;
    zip) ls $b/*.pth; ls $f/data/tiny_cnn/state_dict.pth 2>/dev/null || true ;;
    safetensors) ls $b/*.safetensors ;;
    ckpt) ls $b/*.ckpt ;;
    project) ls $b/*.mbproj tests/fuzz/seeds/project/* ;;
    cli_args) ls tests/fuzz/seeds/cli_args/* ;;
  esac
}

mkdir -p build/fuzz/crashes build/fuzz/logs
summary=build/fuzz/summary.txt
: >"$summary"
for t in "${targets[@]}"; do
  corpus=build/fuzz/corpus/$t
  mkdir -p "$corpus"
  seeds_for "$t" | xargs -r cp -t "$corpus"
  if [ $long = 1 ]; then
    limits=(-runs=10000000 -max_total_time="${MB_FUZZ_LONG_SECONDS:-7200}")
  else
    limits=(-max_total_time="${MB_FUZZ_SECONDS:-20}")
  fi
  log=build/fuzz/logs/$t.log
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
      build/fuzz/tests/fuzz/fuzz_$t "$corpus" "${limits[@]}" -rss_limit_mb=2048 -timeout=10 \
      -print_final_stats=1 -artifact_prefix=build/fuzz/crashes/$t- >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz_$t FAILED (reproducer in build/fuzz/crashes/)" >&2
    exit 1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  echo "fuzz_$t: $execs executions, $rate exec/s, no crash" | tee -a "$summary"
done
