"""Cutting an iterative job's lineage: every loop (label propagation, PageRank, BFS levels)
materialises its state each step, so the plan stays one step deep and a lost executor
recomputes one step, not the whole history."""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import DataFrame


@dataclass(frozen=True)
class Checkpointing:
    """How loop state is materialised: `reliable` writes it to the checkpoint directory
    (`spark.checkpoint.dir`, which a cluster's executors must share: HDFS, S3, a shared
    disk) and survives a lost executor; otherwise `localCheckpoint` keeps it in the
    executors' block managers, which is faster and needs no shared storage."""

    reliable: bool = False

    def __call__(self, df: DataFrame) -> DataFrame:
        """`df`, computed now and cut from its lineage."""
        if self.reliable:
            return df.checkpoint(eager=True)
        return df.localCheckpoint(eager=True)
