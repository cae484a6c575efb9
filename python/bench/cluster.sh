#!/usr/bin/env bash
# Times the job on a two-worker standalone cluster bound to 127.0.0.1 (docs/SCALE.md,
# BENCHMARKS.md): cluster.sh PREFIX OUT [job options...]. PREFIX is the job's input
# (`helixgraph spark ECO --master local[1] --spark-submit /bin/true -o DIR` writes
# DIR/ecosystem.*). Prints the wall time of the job and the peak memory of every process it
# started (master, workers, executors, driver), sampled each second; stops what it started by
# process id on any exit.
set -euo pipefail
prefix="$1"; out="$2"; shift 2
here="$(cd "$(dirname "$0")/.." && pwd)"
export SPARK_HOME="${SPARK_HOME:-$(python3 -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')}"
export SPARK_LOCAL_IP=127.0.0.1
tmp="$(mktemp -d)"
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
export SPARK_LOG_DIR="$tmp/logs" SPARK_WORKER_DIR="$tmp/work"
mkdir -p "$SPARK_LOG_DIR" "$SPARK_WORKER_DIR"
master="spark://127.0.0.1:17077"
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port 17077 --webui-port 18080 >"$tmp/master.log" 2>&1 &
pids+=("$!")
for i in 1 2; do
  "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory "${WORKER_MEMORY:-3g}" --webui-port "1808$i" \
    "$master" >"$tmp/worker$i.log" 2>&1 &
  pids+=("$!")
done
for _ in $(seq 120); do
  [ "$(cat "$tmp"/worker*.log | grep -c 'Successfully registered with master')" = 2 ] && break
  sleep 1
done
started=$(date +%s.%N)
"$SPARK_HOME/bin/spark-submit" --master "$master" \
  --conf spark.sql.shuffle.partitions="${PARTITIONS:-4}" --conf spark.ui.enabled=false \
  --conf spark.log.level=WARN --conf spark.driver.memory="${DRIVER_MEMORY:-2g}" \
  --conf spark.executor.memory="${EXECUTOR_MEMORY:-2g}" \
  "$here/helixgraph_spark/job.py" --input "$prefix" --output "$out" "$@" &
job=$!
pids+=("$job")
peak=0
while kill -0 "$job" 2>/dev/null; do
  kb=$(ps -e -o pid=,ppid=,rss= | python3 -c '
import sys
roots = set(map(int, sys.argv[1:]))
rows = [tuple(map(int, l.split())) for l in sys.stdin if l.strip()]
kids = {}
for pid, ppid, rss in rows:
    kids.setdefault(ppid, []).append(pid)
rss = {pid: r for pid, _, r in rows}
seen, stack = set(), list(roots)
while stack:
    p = stack.pop()
    if p in seen or p not in rss:
        continue
    seen.add(p)
    stack.extend(kids.get(p, []))
print(sum(rss[p] for p in seen))' "${pids[@]}")
  [ "$kb" -gt "$peak" ] && peak=$kb
  sleep 1
done
wait "$job"
ended=$(date +%s.%N)
printf 'job wall time %.1f s; peak memory of all started processes %.2f GB\n' \
  "$(echo "$ended - $started" | bc)" "$(echo "$peak / 1048576" | bc -l)"
