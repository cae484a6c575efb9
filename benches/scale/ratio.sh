#!/usr/bin/env bash
# The issue-19 ratio with less noise than one run: `check` and
# `analyze --betweenness sampled --epsilon 0.05 --format json` alternating RUNS times on an
# ecosystem directory, then each command's times, their medians, the ratio of the medians and
# the peak RSS of `analyze`. On a shared host one run of a 0.1 s `check` swings the ratio by a
# third; alternating puts both commands under the same load. Times are wall-clock to the
# millisecond (GNU time's %e rounds to 10 ms, a quarter of `check` at 78k involvements), peaks
# from the kernel's accounting of each child (wait4).
#
# Usage: benches/scale/ratio.sh DIR [RUNS]   (RUNS default 5)
#   DIR   an ecosystem directory, e.g. one that benches/scale/growth.sh wrote
# Needs: a release build (cargo build --release), python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
hg=$PWD/target/release/helixgraph
dir=$1
runs=${2:-5}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "# $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$hg" "$dir" "$runs" "$out" <<'PY'
import os, statistics, subprocess, sys, time
hg, eco, runs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
commands = {
    "check": [hg, "check", eco],
    "analyze": [hg, "--quiet", "analyze", eco, "--betweenness", "sampled",
                "--epsilon", "0.05", "--format", "json", "-o", out],
}
times = {name: [] for name in commands}
peaks = {name: [] for name in commands}
for _ in range(runs):
    for name, argv in commands.items():
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{name} failed: {' '.join(argv)}")
        times[name].append(round(wall, 3))
        peaks[name].append(usage.ru_maxrss)
c, a = statistics.median(times["check"]), statistics.median(times["analyze"])
print("check  ", sorted(times["check"]), "median", c)
print("analyze", sorted(times["analyze"]), "median", a, "peak", max(peaks["analyze"]), "KB")
print("ratio of the medians %.2f" % (a / c))
PY
echo "# load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
