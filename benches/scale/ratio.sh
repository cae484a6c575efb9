#!/usr/bin/env bash
# The issue-19 ratio with less noise than one run: `check` and
# `analyze --betweenness sampled --epsilon 0.05 --format json` alternating RUNS times on an
# ecosystem directory, then each command's times, their medians, the ratio of the medians and
# the peak RSS of `analyze`. On a shared host one run of a 0.1 s `check` swings the ratio by a
# third; alternating puts both commands under the same load.
#
# Usage: benches/scale/ratio.sh DIR [RUNS]   (RUNS default 5)
#   DIR   an ecosystem directory, e.g. one that benches/scale/growth.sh wrote
# Needs: a release build (cargo build --release), GNU time (/usr/bin/time), python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
hg=$PWD/target/release/helixgraph
dir=$1
runs=${2:-5}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "# $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$runs"); do
  /usr/bin/time -f "check %e %M" "$hg" check "$dir" 2>&1 >/dev/null | tail -1
  /usr/bin/time -f "analyze %e %M" "$hg" --quiet analyze "$dir" --betweenness sampled \
    --epsilon 0.05 --format json -o "$out" 2>&1 | tail -1
done | python3 -c '
import collections, statistics, sys
times, peaks = collections.defaultdict(list), collections.defaultdict(list)
for line in sys.stdin:
    name, wall, peak = line.split()
    times[name].append(float(wall))
    peaks[name].append(int(peak))
c, a = statistics.median(times["check"]), statistics.median(times["analyze"])
print("check  ", sorted(times["check"]), "median", c)
print("analyze", sorted(times["analyze"]), "median", a, "peak", max(peaks["analyze"]), "KB")
print("ratio of the medians %.2f" % (a / c))
'
echo "# load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
