"""Qinglang inside Spark: the same engine and the same decisions as `qinglang scan`, over a whole corpus.

`job` holds the executor side (one engine per Python worker, partitions decided through
`Engine.moderate_many`) and the driver side (read, decide, write partitioned by date and action, summary).
`clusters` runs corpus-scale near-duplicate clustering over signatures computed per partition.
PySpark is imported only inside the functions that need it (extra ``qinglang[spark]``).
"""
