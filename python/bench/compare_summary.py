"""Compares the job's summary.json with `helixgraph analyze --format json` on the same files.

Usage: python3 python/bench/compare_summary.py SUMMARY_JSON ANALYZE_JSON

Walks every leaf the two documents share (the job's `engine`, `notes`, `source` and
`schema_version` left out), ids compared without the Parquet kind prefix (`actor:`,
`project:`), and prints how many are equal, how many floats agree within 1e-12 relative, and
the first paths that differ (a list of another length counts once). For the runs at scale
(BENCHMARKS.md, "The diagnoses on Spark"); tests/spark.rs checks the same section by section.
"""

from __future__ import annotations

import json
import math
import sys

SKIP = {"engine", "notes", "source", "schema_version"}


def load_without_prefixes(path: str) -> object:
    text = open(path, encoding="utf-8").read()
    return json.loads(text.replace('"project:', '"').replace('"actor:', '"'))


def compare(ours: object, theirs: object) -> tuple[dict[str, int], list[tuple[str, str]]]:
    counts = {"equal": 0, "close": 0, "differ": 0}
    diffs: list[tuple[str, str]] = []
    stack: list[tuple[object, object, str]] = [(ours, theirs, "")]
    while stack:
        x, y, path = stack.pop()
        if isinstance(x, dict) and isinstance(y, dict):
            stack.extend((x[k], y[k], f"{path}.{k}") for k in x if k in y and k not in SKIP)
        elif isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                counts["differ"] += 1
                diffs.append((path, f"length {len(x)} vs {len(y)}"))
            else:
                stack.extend(
                    (u, v, f"{path}[{i}]") for i, (u, v) in enumerate(zip(x, y, strict=True))
                )
        elif x == y:
            counts["equal"] += 1
        elif (
            isinstance(x, (int, float))
            and isinstance(y, (int, float))
            and math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-15)
        ):
            counts["close"] += 1
        else:
            counts["differ"] += 1
            diffs.append((path, f"{x!r} vs {y!r}"))
    return counts, diffs


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        ours = load_without_prefixes(argv[1])
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        print(f"error: {argv[1]}: {e}", file=sys.stderr)
        return 2
    try:
        theirs = json.load(open(argv[2], encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        print(f"error: {argv[2]}: {e}", file=sys.stderr)
        return 2
    counts, diffs = compare(ours, theirs)
    print(
        f"{counts['equal']} equal, {counts['close']} within 1e-12 relative, "
        f"{counts['differ']} different"
    )
    for path, what in sorted(diffs)[:20]:
        print(f"  {path}: {what[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
