#!/usr/bin/env bash
# The issue-19 ratio with less noise than one run: `check` and
# `analyze --betweenness sampled --epsilon 0.05 --format json` alternating RUNS times on an
# ecosystem directory, then each command's times, their medians, the ratio of the medians and
# the peak RSS of `analyze`. On a shared host one run of a 0.1 s `check` swings the ratio by a
# third; alternating puts both commands under the same load. Times are wall-clock to the
# millisecond (GNU time's %e rounds to 10 ms, a quarter of `check` at 78k involvements), peaks
# from the kernel's accounting of each child (wait4).
#
# With --report, `report` with the same sampling joins the alternation: its target is the same
# ratio plus the time of its layouts, so it prints (report − layouts) / check. The layouts
# are read from the progress lines (the report runs under `script`, which gives it the
# terminal they need): the "drawing the diagram" stage (the DOT built and laid out by
# Graphviz's neato) and, up to 100,000 nodes, "laying out the map" (the map's force layout);
# at 5M involvements there is no map.
#
# Usage: benches/scale/ratio.sh DIR [RUNS] [--report]   (RUNS default 5)
#   DIR   an ecosystem directory, e.g. one that benches/scale/growth.sh wrote
# Needs: a release build (cargo build --release), python3; with --report, Graphviz and
# util-linux script.
set -euo pipefail
cd "$(dirname "$0")/../.."
hg=$PWD/target/release/helixgraph
dir=$1
runs=${2:-5}
report=${3:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "# $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$hg" "$dir" "$runs" "$out" "$report" <<'PY'
import os, re, shlex, statistics, subprocess, sys, time
hg, eco, runs, out, report = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
sampling = ["--betweenness", "sampled", "--epsilon", "0.05"]
commands = {
    "check": [hg, "check", eco],
    "analyze": [hg, "--quiet", "analyze", eco, *sampling, "--format", "json",
                "-o", f"{out}/analysis.json"],
}
if report == "--report":
    line = shlex.join([hg, "report", eco, *sampling, "-o", f"{out}/report.html"])
    commands["report"] = ["script", "-qec", line, f"{out}/progress.log"]
elif report:
    sys.exit(f"unknown option {report!r} (expected --report)")
times = {name: [] for name in commands}
peaks = {name: [] for name in commands}
layouts = {"diagram": [], "map": []}
for _ in range(runs):
    for name, argv in commands.items():
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{name} failed: {' '.join(argv)}")
        times[name].append(round(wall, 3))
        peaks[name].append(usage.ru_maxrss)
        if name == "report":
            with open(f"{out}/progress.log", encoding="utf-8", errors="replace") as f:
                progress = f.read()
            for stage, pattern in [("diagram", "drawing the diagram"), ("map", "laying out the map")]:
                found = re.findall(pattern + r" .* in ([0-9.]+) s", progress)
                if stage == "diagram" and not found:
                    sys.exit("report: no 'drawing the diagram' stage line in its progress")
                layouts[stage].append(float(found[-1]) if found else 0.0)
c, a = statistics.median(times["check"]), statistics.median(times["analyze"])
print("check  ", sorted(times["check"]), "median", c)
print("analyze", sorted(times["analyze"]), "median", a, "peak", max(peaks["analyze"]), "KB")
print("ratio of the medians %.2f" % (a / c))
if "report" in times:
    r = round(statistics.median(times["report"]), 3)
    print("report ", sorted(times["report"]), "median", r, "peak", max(peaks["report"]), "KB")
    print("diagram", sorted(layouts["diagram"]), "map", sorted(layouts["map"]))
    # Each run's own layouts off its own time, then the median.
    rest = [t - d - m for t, d, m in zip(times["report"], layouts["diagram"], layouts["map"])]
    print("report less its layouts", sorted(round(x, 3) for x in rest))
    print("report: (median less layouts) / check %.2f" % (statistics.median(rest) / c))
PY
echo "# load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
