"""helixgraph's diagnoses on Apache Spark: `diagnose(spark, vertices, edges)` on the two-mode
Parquet export of `helixgraph export --format parquet`, with the DataFrame API only (it runs
on a cluster, in local mode and through Spark Connect). See docs/SCALE.md."""

from .diagnose import Diagnosis, InputError, Options, diagnose
from .iterate import Checkpointing

__all__ = ["Checkpointing", "Diagnosis", "InputError", "Options", "diagnose"]
__version__ = "0.1.0"
