#!/usr/bin/python3
"""Benchmark: MindBridge's executor vs PyTorch CPU on resnet50, mobilenet_v2 and a 6-layer
transformer encoder (d_model 512, sequence 128), batch 1, same inputs, same weights.

PyTorch runs with torch.set_num_threads(2), eval(), no_grad(); our executor with its 2-thread pool,
untapped and with every intermediate value kept (exec_bench). Each figure is the median of --runs
timed runs after warm-up. The models come from the fixture script (same seed, same construction),
so PyTorch times exactly the network we run; mobilenet_v2 at 224x224 is exported here the same way.
Prints a Markdown table (also written to --out) with the ratios against the goals (<= 1.5x untapped,
<= 2x tapped)."""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import torch
import torchvision

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
import make_fixtures as fx  # noqa: E402


def torch_model(name):
    torch.manual_seed(fx.SEED)
    if name == "resnet50":
        return torchvision.models.resnet50(weights=None).eval()
    if name == "mobilenet_v2":
        return torchvision.models.mobilenet_v2(weights=None).eval()
    if name == "transformer6":
        return fx.TransformerEncoderModel(d_model=512, heads=8, layers=6, ff=2048).eval()
    raise ValueError(name)


SHAPES = {"resnet50": {"input": (1, 3, 224, 224)}, "mobilenet_v2": {"input": (1, 3, 224, 224)},
          "transformer6": {"src": (1, 128, 512)}}
OUTPUTS = {"resnet50": ["logits"], "mobilenet_v2": ["logits"], "transformer6": ["output"]}


def time_torch(model, inputs, runs, warmup):
    torch.set_num_threads(2)
    args = list(inputs.values())
    times = []
    with torch.no_grad():
        for i in range(warmup + runs):
            start = time.perf_counter()
            model(*args)
            if i >= warmup:
                times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fixtures", required=True, help="fixture dir (has bench/)")
    parser.add_argument("--bench-exe", required=True)
    parser.add_argument("--work", required=True, help="where mobilenet_v2 (224) is exported")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--out", help="write the Markdown table here too")
    parser.add_argument("--models", default="resnet50,mobilenet_v2,transformer6")
    args = parser.parse_args()

    rows = []
    for name in args.models.split(","):
        root = args.fixtures if name != "mobilenet_v2" else args.work
        model_path = os.path.join(root, "bench", name + ".onnx")
        data = os.path.join(root, "bench", "data", name)
        if name == "mobilenet_v2" and not os.path.exists(model_path):
            torch.manual_seed(fx.SEED)
            fx.make_bench(args.work, name, torch_model(name), SHAPES[name], OUTPUTS[name])
        model = torch_model(name)
        inputs = fx.make_inputs(SHAPES[name])  # the same tensors the fixture script saved
        torch_ms = time_torch(model, inputs, args.runs, args.warmup)
        ours = subprocess.run([args.bench_exe, model_path, os.path.join(data, "inputs"), "--runs", str(args.runs),
                               "--warmup", str(args.warmup), "--reference", os.path.join(data, "outputs")],
                              capture_output=True, text=True)
        if ours.returncode != 0:
            print(f"{name}: exec_bench failed: {ours.stderr.strip()}", file=sys.stderr)
            return 1
        result = json.loads(ours.stdout)
        max_abs = max(result.get("max_abs_vs_reference", {"?": float("nan")}).values())
        rows.append((name, torch_ms, result["untapped_ms"], result["tapped_ms"], result["taps"], max_abs))
        print(f"{name}: torch {torch_ms:.1f} ms, ours {result['untapped_ms']:.1f} ms untapped, "
              f"{result['tapped_ms']:.1f} ms tapped", file=sys.stderr, flush=True)

    lines = [f"torch {torch.__version__}, 2 threads, batch 1, median of {args.runs} runs after {args.warmup} warm-up",
             "",
             "| model | PyTorch ms | ours untapped ms | ratio (goal ≤ 1.5) | ours all-tapped ms (taps) | ratio (goal ≤ 2) "
             "| max abs diff vs PyTorch |",
             "|---|---|---|---|---|---|---|"]
    worst_untapped = worst_tapped = 0.0
    for name, t, u, tp, taps, diff in rows:
        worst_untapped = max(worst_untapped, u / t)
        worst_tapped = max(worst_tapped, tp / t)
        lines.append(f"| {name} | {t:.1f} | {u:.1f} | {u / t:.2f} | {tp:.1f} ({taps}) | {tp / t:.2f} | {diff:.2g} |")
    table = "\n".join(lines)
    print(table)
    if args.out:
        with open(args.out + ".tmp", "w") as f:
            f.write(table + "\n")
        os.replace(args.out + ".tmp", args.out)
    ok = worst_untapped <= 1.5 and worst_tapped <= 2.0
    print(f"goals {'met' if ok else 'NOT met'}: worst ratio {worst_untapped:.2f} untapped, {worst_tapped:.2f} tapped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
