#!/usr/bin/env bash
# How the cost of the whole tool grows: `synth` at four sizes a factor of 4 apart (up to
# 1M actors / 200k projects / ~5M involvements), then `check`,
# `analyze --betweenness sampled --epsilon 0.05` and `report` with the same sampling, with
# wall time and peak RSS (/usr/bin/time) and the per-stage times of the progress lines (the
# report's include its layouts: the diagram by Graphviz's neato, the map up to 100,000
# nodes). Progress is only shown on a terminal, so `analyze` and `report` run under `script`,
# which provides one. One run each: benches/scale/ratio.sh DIR RUNS --report gives the
# ratios by medians of alternating runs.
#
# Usage: benches/scale/growth.sh [WORK_DIR] [SIZES...]
#   WORK_DIR  where the ecosystems and outputs go (default /tmp/helixgraph-growth; ~400 MB)
#   SIZES     "ACTORS:PROJECTS" pairs (default the four sizes of BENCHMARKS.md)
# Needs: a release build (cargo build --release), GNU time (/usr/bin/time), util-linux script,
# Graphviz (the report's diagram).
set -euo pipefail
cd "$(dirname "$0")/../.."
hg=$PWD/target/release/helixgraph
work=${1:-/tmp/helixgraph-growth}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(15625:3125 62500:12500 250000:50000 1000000:200000)
mkdir -p "$work"
echo "# $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for size in "${sizes[@]}"; do
  actors=${size%%:*}
  projects=${size##*:}
  dir=$work/eco-$actors
  /usr/bin/time -f "synth: wall %e s, peak %M KB" \
    "$hg" --quiet synth --actors "$actors" --projects "$projects" --seed 1 -o "$dir" 2>&1 \
    | grep -E "^synth: wall"
  involvements=$(($(wc -l < "$dir/involvements.csv") - 1))
  echo "## $actors actors, $projects projects, $involvements involvements"
  /usr/bin/time -f "check: wall %e s, peak %M KB" "$hg" check "$dir" 2>&1 >/dev/null \
    | grep -E "^check: wall"
  script -qec "/usr/bin/time -f 'analyze: wall %e s, peak %M KB' $hg analyze $dir \
      --betweenness sampled --epsilon 0.05 --format json -o $work/analysis-$actors.json" \
      /dev/null </dev/null \
    | tr '\r' '\n' | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' | grep -E " in [0-9.]+ s$|^analyze: wall" \
    | awk '!seen[$0]++' | sed 's/^/  /'
  script -qec "/usr/bin/time -f 'report: wall %e s, peak %M KB' $hg report $dir \
      --betweenness sampled --epsilon 0.05 -o $work/report-$actors.html" \
      /dev/null </dev/null \
    | tr '\r' '\n' | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' | grep -E " in [0-9.]+ s$|^report: wall" \
    | awk '!seen[$0]++' | sed 's/^/  /'
done
echo "# load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
