#!/usr/bin/python3
"""Benchmark (ctest -L bench): mindbridge-cli pth2ckpt on a ~500 MB torch state dict made here.

Prints wall-clock and CPU (user+sys) throughput, peak RSS against the file size, and the wall time
of a plain `cat` copy of the same file for reference (the machine may be shared). Fails when peak
RSS exceeds 1.2x the file or CPU throughput is under 500 MB/s.

usage: bench_pth2ckpt.py CLI WORK_DIR
"""
import os
import subprocess
import sys
import time

import torch

cli, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
pth, keys, out = (os.path.join(work, n) for n in ("bench500.pth", "bench500_keys.txt", "bench500.ckpt"))
if not os.path.exists(pth):
    torch.manual_seed(0)
    sd = {}
    for i in range(28):
        sd[f"layers.{i}.attn.weight"] = torch.randn(1024, 4096)
        sd[f"layers.{i}.norm.weight"] = torch.randn(1024)
        sd[f"layers.{i}.norm.running_mean"] = torch.randn(1024)
    sd["embed.weight"] = torch.randn(8192, 1024)
    torch.save(sd, pth)
    with open(keys, "w") as f:
        f.write("".join(k + "\n" for k in sd))
    del sd
size = os.path.getsize(pth)


def run(argv):
    # /usr/bin/time measures the command alone (a child forked from this Python would inherit its
    # memory high-water mark in ru_maxrss).
    if os.path.exists(out):
        os.remove(out)
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%U %S %M"] + argv, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"command failed: {argv}: {done.stderr}")
    user, system, rss_kb = done.stderr.strip().splitlines()[-1].split()
    return wall, float(user) + float(system), int(rss_kb) * 1024


best = None
for _ in range(3):
    wall, cpu, rss = run([cli, "pth2ckpt", "--pth", pth, "--keys", keys, "--target-api", "mint", "--quiet",
                          "--out", out])
    best = min(best, (wall, cpu, rss)) if best else (wall, cpu, rss)
wall, cpu, rss = best
cat_wall, _, _ = run(["sh", "-c", f"cat '{pth}' > '{out}'"])
mb = size / 1e6
print(f"file {mb:.0f} MB: wall {wall:.2f} s = {mb / wall:.0f} MB/s, CPU {cpu:.2f} s = {mb / cpu:.0f} MB/s, "
      f"peak RSS {rss / 1e6:.0f} MB = {rss / size:.2f}x file; plain cat copy: {cat_wall:.2f} s = {mb / cat_wall:.0f} MB/s; "
      f"load average {os.getloadavg()[0]:.1f}")
os.remove(out)
ok = rss <= 1.2 * size and mb / cpu >= 500
sys.exit(0 if ok else 1)
