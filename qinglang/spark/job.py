"""`qinglang spark scan`: decide a corpus in Spark with the engine `qinglang scan` uses, item for item.

Executor side: each Python worker builds ONE engine for a given configuration and keeps it in a module-level
cache (`worker_engine`); Spark reuses Python workers between tasks (``spark.python.worker.reuse``, on by
default), so the engine build and its ~300 MB of tables are paid once per worker, not per partition or row.
Rows travel between the JVM and the Python workers as Arrow batches (`mapInArrow`): pickling every output
row cost more than deciding it. A partition is parsed with the same line parser as `qinglang scan`
(`cli.moderate.parse_line`) and decided a batch at a time through `Engine.moderate_many`. A bad row becomes
an error record in place (action ``error``, the message in `error`), never a dropped row.

Driver side (`run_scan`): read JSONL (any path Spark reads), Parquet or a table; number the rows in the JVM
(`number_rows`, as `zipWithIndex` does); decide; write Parquet (default) or JSONL partitioned by `date` (the
China date the policy used) and `action`, with the Decision's fields as columns plus the Decision JSON; read
the written `action`/`labels` columns back for the summary, print it and write it beside the output as
`_summary.json` (Spark's readers skip `_` files).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..clock import CN_TZ
from ..engine import BATCH, Engine
from ..errors import ConfigError, QinglangError
from ..model import Content, Decision
from ..policy import decision_date

# The output row: the Decision as columns, then the Decision JSON (or the error record) as one string.
SCHEMA = (
    "line BIGINT, id STRING, date STRING, action STRING, risk DOUBLE, "
    "labels ARRAY<STRUCT<label: STRING, score: DOUBLE, campaign: STRING, rule: STRING, policy_rule: STRING>>, "
    "marks ARRAY<STRING>, account_actions ARRAY<STRING>, policy_version STRING, elapsed_ms DOUBLE, "
    "degraded ARRAY<STRING>, error STRING, decision STRING"
)
OUTPUT_FORMATS = ("parquet", "jsonl")
INPUT_FORMATS = ("auto", "jsonl", "parquet")
PartitionFn = Callable[[Iterable[Any]], Iterator[Any]]


@dataclass(frozen=True)
class EngineSpec:
    """How an executor builds its engine: the same options as `qinglang scan` (paths must exist on every
    executor: ship them with ``--files`` / an archive, see docs/distributed.md). Hashable: the cache key."""

    lexicons: tuple[str, ...] = ()
    policies: tuple[str, ...] = ()
    detectors: str | None = None
    explain: bool = False

    def build(self) -> Engine:
        return Engine.from_config(lexicons=self.lexicons, policies=self.policies, detectors=self.detectors)


_ENGINES: dict[EngineSpec, Engine] = {}


def worker_engine(spec: EngineSpec) -> tuple[Engine, bool]:
    """This Python worker's engine for `spec`, built on first use; (engine, built now)."""
    eng = _ENGINES.get(spec)
    if eng is not None:
        return eng, False
    eng = _ENGINES[spec] = spec.build()
    return eng, True


def _json_safe(value: Any) -> Any:
    """A Parquet/Hive row value as JSON Content expects it: timestamps and dates as ISO strings, nulls gone."""
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def parse_row(n: int, row: dict[str, Any]) -> tuple[Content | None, dict[str, Any] | None]:
    """Content from a Parquet/table row (column names are Content's JSON fields), or an error record."""
    from ..errors import InvalidContent

    obj = _json_safe(row)
    try:
        return Content.from_json(obj), None
    except InvalidContent as exc:
        cid = obj.get("id") if isinstance(obj.get("id"), str | int) else None
        return None, {"id": cid, "line": n, "error": f"InvalidContent: {exc.message}"}


def parse_text(n: int, raw: bytes | None) -> tuple[Content | None, dict[str, Any] | None]:
    """Content from one JSONL line's raw bytes, exactly as `qinglang scan` parses it: the JVM hands the line's
    bytes over undecoded (the text column cast to binary), so invalid UTF-8 becomes the same error record as in
    `qinglang scan` instead of U+FFFD; the line was split at ``\n`` only and loses a trailing ``\r`` here, and a
    line over `MAX_LINE_BYTES` is the same error as there."""
    from ..cli.moderate import MAX_LINE_BYTES, parse_line

    raw = (raw or b"").rstrip(b"\r")
    if len(raw) > MAX_LINE_BYTES:
        return None, {"id": None, "line": n, "error": f"line longer than {MAX_LINE_BYTES} bytes"}
    return parse_line(n, raw, False)


def decision_row(line: int, content: Content, d: Decision, run_date: str) -> tuple[Any, ...]:
    js = d.to_json()
    try:
        day = decision_date(content).isoformat() if content.created_at else run_date
    except (ValueError, QinglangError):
        day = run_date
    labels = [(lab["label"], lab["score"], lab["campaign"], lab["rule"], lab.get("policy_rule", ""))
              for lab in js["labels"]]
    return (line, d.id, day, d.action, js["risk"], labels, list(d.marks),
            [json.dumps(a, ensure_ascii=False, sort_keys=True) for a in d.account_actions], d.policy_version,
            js["elapsed_ms"], list(d.degraded), None, json.dumps(js, ensure_ascii=False))


def error_row(line: int, record: dict[str, Any], run_date: str) -> tuple[Any, ...]:
    cid = record.get("id")
    return (line, None if cid is None else str(cid), run_date, "error", None, [], [], [], None, None, [],
            record["error"], json.dumps(record, ensure_ascii=False))


def decide_partition(spec: EngineSpec, run_date: str, parsed: Iterable[tuple[int, Content | None, dict | None]],
                     built: Any = None) -> Iterator[tuple[Any, ...]]:
    """Output rows for (line, content or None, error record or None) items, in order, `BATCH` at a time.

    `built` is a Spark accumulator counting engine builds (the proof that engines are cached per worker)."""
    engine, fresh = worker_engine(spec)
    if fresh and built is not None:
        built.add(1)
    it = iter(parsed)
    while True:
        chunk = list(itertools.islice(it, BATCH))
        if not chunk:
            return
        contents = [c for _, c, _ in chunk if c is not None]
        decided = iter(list(engine.moderate_many(contents, explain=spec.explain)))
        for n, content, record in chunk:
            if content is None:
                yield error_row(n, record or {"id": None, "line": n, "error": "unreadable row"}, run_date)
                continue
            out = next(decided)
            if isinstance(out, Decision):
                yield decision_row(n, content, out, run_date)
            else:
                yield error_row(n, {"id": content.id, "line": n, "error": f"{out.kind}: {out.message}"}, run_date)


FIELDS = ("line", "id", "date", "action", "risk", "labels", "marks", "account_actions", "policy_version",
          "elapsed_ms", "degraded", "error", "decision")
LABEL_FIELDS = ("label", "score", "campaign", "rule", "policy_rule")
LINE = "__qinglang_line"  # the input row number column while the input travels to the Python workers


def arrow_schema() -> Any:
    """SCHEMA as an Arrow schema (what `mapInArrow` yields)."""
    import pyarrow as pa

    s = pa.string()
    label = pa.struct([("label", s), ("score", pa.float64()), ("campaign", s), ("rule", s), ("policy_rule", s)])
    return pa.schema([("line", pa.int64()), ("id", s), ("date", s), ("action", s), ("risk", pa.float64()),
                      ("labels", pa.list_(label)), ("marks", pa.list_(s)), ("account_actions", pa.list_(s)),
                      ("policy_version", s), ("elapsed_ms", pa.float64()), ("degraded", pa.list_(s)), ("error", s),
                      ("decision", s)])


def _to_batch(rows: list[tuple[Any, ...]], schema: Any) -> Any:
    import pyarrow as pa

    cols = list(zip(*rows, strict=True))
    cols[5] = [[dict(zip(LABEL_FIELDS, lab, strict=True)) for lab in labs] for labs in cols[5]]
    return pa.RecordBatch.from_arrays([pa.array(c, type=schema.field(i).type) for i, c in enumerate(cols)],
                                      schema=schema)


def arrow_partition(spec: EngineSpec, run_date: str, kind: str, built: Any = None) -> PartitionFn:
    """`mapInArrow` function: Arrow batches of input rows (JSONL lines in `value`, or Content columns) plus
    their row number in `LINE` → Arrow batches of SCHEMA. Arrow carries the rows between the JVM and Python
    in columns (pickling each output row cost more than deciding it)."""
    def parsed(batches: Iterable[Any]) -> Iterator[tuple[int, Content | None, dict | None]]:
        for b in batches:
            lines = b.column(LINE).to_pylist()
            if kind == "lines":
                for n, text in zip(lines, b.column("value").to_pylist(), strict=True):
                    yield (n, *parse_text(n, text))
            else:
                rest = b.drop_columns([LINE]).to_pylist()
                for n, row in zip(lines, rest, strict=True):
                    yield (n, *parse_row(n, row))

    def run(batches: Iterable[Any]) -> Iterator[Any]:
        schema = arrow_schema()
        buf: list[tuple[Any, ...]] = []
        for row in decide_partition(spec, run_date, parsed(batches), built):
            buf.append(row)
            if len(buf) >= BATCH:
                yield _to_batch(buf, schema)
                buf = []
        if buf:
            yield _to_batch(buf, schema)
    return run


@dataclass
class Summary:
    items: int = 0
    errors: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    engines_built: int = 0
    output: str = ""
    format: str = "parquet"

    def to_json(self) -> dict[str, Any]:
        return {
            "items": self.items, "errors": self.errors, "actions": dict(self.actions.most_common()),
            "labels": dict(self.labels.most_common()), "seconds": round(self.seconds, 3),
            "items_per_second": round(self.items / self.seconds, 1) if self.seconds else None,
            "engines_built": self.engines_built, "output": self.output, "format": self.format,
        }


# The partitioned write without sorting each task's rows by (date, action) first: a few writers stay open per
# task instead (there are a handful of dates and actions per partition); the sort copied every row, Decision
# JSON included, once more in the JVM.
WRITE_SETTINGS = {"spark.sql.optimizer.plannedWrite.enabled": "false",
                  "spark.sql.maxConcurrentOutputFileWriters": "64"}
# A local master is one short-lived JVM on the machine's own cores, mostly moving Arrow batches and writing
# Parquet while Python decides: the C1 compiler alone and the serial collector roughly halved the JVM's CPU at
# startup (26.6 → 14.7 CPU-s for a one-post job, docs/performance.md) and cut its RSS from 629 to 474 MB.
# Cluster masters keep Spark's defaults (long-lived executors amortize C2). `--conf` overrides either.
LOCAL_JVM = {"spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}


def spark_session(master: str, app_name: str = "qinglang-scan", conf: dict[str, str] | None = None) -> Any:
    """A SparkSession for `master` (``local[*]``, ``yarn``, ``k8s://…``); a local master gets this Python."""
    try:
        import pandas  # noqa: F401  (mapInArrow needs pyarrow and pandas on the driver and the executors)
        import pyarrow  # noqa: F401
        from pyspark.sql import SparkSession
    except ModuleNotFoundError as exc:
        raise ConfigError(f"{exc.name} is not installed: pip install 'qinglang[spark]' (and Java 17)") from None
    import os
    import sys

    if master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    b = SparkSession.builder.appName(app_name)
    if "PYSPARK_GATEWAY_PORT" not in os.environ:  # under spark-submit its --master (and conf) win
        b = b.master(master)
    settings = {"spark.python.worker.reuse": "true", "spark.sql.session.timeZone": "UTC", **WRITE_SETTINGS}
    if master.startswith("local"):
        settings.update({"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false", **LOCAL_JVM})
    for k, v in {**settings, **(conf or {})}.items():
        b = b.config(k, v)
    try:
        spark = b.getOrCreate()
    except Exception as exc:  # no Java, or the JVM failed to start
        raise ConfigError(f"Spark did not start ({type(exc).__name__}: {exc}); Java 17 must be installed "
                          "(tools/setup_system.sh)") from None
    spark.sparkContext.setLogLevel("WARN")
    return spark


def _input_format(src: str, fmt: str) -> str:
    if fmt != "auto":
        return fmt
    return "parquet" if src.rstrip("/").endswith((".parquet", ".pq")) else "jsonl"


def decisions_frame(spark: Any, *, src: str | None = None, table: str | None = None, input_format: str = "auto",
                    spec: EngineSpec | None = None, partitions: int | None = None,
                    run_date: str | None = None, built: Any = None) -> Any:
    """The decisions DataFrame (SCHEMA) for a JSONL/Parquet path or a table; lazily evaluated."""
    if input_format not in INPUT_FORMATS:
        raise ConfigError(f"input format must be one of {list(INPUT_FORMATS)}, got {input_format!r}")
    spec = spec or EngineSpec()
    day = run_date or dt.datetime.now(CN_TZ).date().isoformat()
    if table:
        df, kind = spark.table(table), "rows"
    elif src is None:
        raise ConfigError("give an input path or --table")
    elif _input_format(src, input_format) == "parquet":
        df, kind = spark.read.parquet(src), "rows"
    else:
        from pyspark.sql import functions as F

        # lines split at \n only (as `qinglang scan` reads them) and handed to Python as raw bytes
        df = spark.read.option("lineSep", "\n").text(src).select(F.col("value").cast("binary").alias("value"))
        kind = "lines"
    df = number_rows(df)
    if partitions and df.rdd.getNumPartitions() < partitions:
        df = df.repartition(partitions)  # after numbering: row numbers follow the input order
    return df.mapInArrow(arrow_partition(spec, day, kind, built), SCHEMA)


def number_rows(df: Any) -> Any:
    """`df` with its 1-based row number in input order in column LINE, computed in the JVM as `zipWithIndex`
    does: one counting pass over the input partitions, then partition offset + position in the partition."""
    from pyspark.sql import functions as F

    counts = dict(df.select(F.spark_partition_id().alias("p")).groupBy("p").count().collect())
    offsets, total = [], 0
    for p in range(max(counts, default=-1) + 1):
        offsets.append(total)
        total += counts.get(p, 0)
    table = F.array(*[F.lit(o) for o in offsets or [0]])
    mid = F.col("__mid")  # monotonically_increasing_id: partition index << 33 | position in the partition
    line = F.element_at(table, F.shiftright(mid, 33).cast("int") + 1) + mid.bitwiseAND(F.lit((1 << 33) - 1)) + 1
    return df.withColumn("__mid", F.monotonically_increasing_id()).withColumn(LINE, line).drop("__mid")


def run_scan(spark: Any, out: str, *, src: str | None = None, table: str | None = None,
             input_format: str = "auto", output_format: str = "parquet", spec: EngineSpec | None = None,
             partitions: int | None = None, mode: str = "errorifexists") -> Summary:
    """Decide the input, write it partitioned by date and action, and return (and write) the summary."""
    if output_format not in OUTPUT_FORMATS:
        raise ConfigError(f"output format must be one of {list(OUTPUT_FORMATS)}, got {output_format!r}")
    t0 = time.perf_counter()
    built = spark.sparkContext.accumulator(0)
    df = decisions_frame(spark, src=src, table=table, input_format=input_format, spec=spec,
                         partitions=partitions, built=built)
    writer = df.write.mode(mode).partitionBy("date", "action")
    if output_format == "parquet":
        # the Decision JSON is unique per row: dictionary-encoding it is work thrown away at the fallback
        writer.option("parquet.enable.dictionary", "false").parquet(out)
        back = spark.read.parquet(out)
    else:
        writer.option("compression", "none").json(out)
        back = spark.read.schema("labels ARRAY<STRUCT<label: STRING>>, date STRING, action STRING").json(out)
    summary = Summary(seconds=time.perf_counter() - t0, engines_built=built.value, output=out,
                      format=output_format)
    from pyspark.sql import functions as F

    # one pass over the two small columns: counts per (action, label list); the label combinations are few
    for r in back.groupBy("action", F.col("labels.label").alias("ls")).count().collect():
        summary.actions[r["action"]] += r["count"]
        for lab in r["ls"] or []:
            summary.labels[lab] += r["count"]
    summary.items = sum(summary.actions.values())
    summary.errors = summary.actions.get("error", 0)
    write_beside(spark, out, "_summary.json", json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n")
    return summary


def write_beside(spark: Any, out: str, name: str, text: str) -> None:
    """Write a small file into the output folder through Hadoop's FileSystem (local, HDFS, S3 alike)."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(out.rstrip("/") + "/" + name)
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    stream = fs.create(path, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()
