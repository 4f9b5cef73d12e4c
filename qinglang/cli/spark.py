"""`qinglang spark scan`: the scan as a Spark job (extra ``qinglang[spark]``, Java 17)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from .common import DetectorsOpt, LexiconOpt, PolicyOpt, make_console
from .moderate import ACTION_STYLE

spark_app = typer.Typer(help="Run the engine inside Spark (pip install 'qinglang[spark]'; Java 17).",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(spark_app, name="spark")


@spark_app.command("scan")
def scan(
    src: Annotated[str | None, typer.Argument(metavar="IN", help="JSONL or Parquet path Spark reads (local, "
                                              "hdfs://, s3a://); omit with --table.")] = None,
    out: Annotated[str, typer.Option("-o", "--out", help="Output folder (partitioned by date and action).")] = "",
    table: Annotated[str | None, typer.Option("--table", help="Read a table instead (db.posts).")] = None,
    input_format: Annotated[str, typer.Option("--input-format", help="auto | jsonl | parquet.")] = "auto",
    output_format: Annotated[str, typer.Option("--format", help="parquet | jsonl.")] = "parquet",
    master: Annotated[str, typer.Option(help="Spark master (local[*], yarn, k8s://…); spark-submit's wins.")]
    = "local[*]",
    partitions: Annotated[int | None, typer.Option(min=1, help="At least this many partitions.")] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace an existing output folder.")] = False,
    explain: Annotated[bool, typer.Option(help="Include the full trace in each decision JSON.")] = False,
    conf: Annotated[list[str] | None, typer.Option("--conf", help="Spark setting KEY=VALUE (repeatable), over "
                                                   "the job's defaults.")] = None,
    lexicon: LexiconOpt = None,
    policy: PolicyOpt = None,
    detectors: DetectorsOpt = None,
) -> None:
    """Decide a corpus with the same engine as `qinglang scan`; write decisions and a summary (_summary.json)."""
    from ..errors import ConfigError
    from ..spark.job import INPUT_FORMATS, OUTPUT_FORMATS, EngineSpec, run_scan, spark_session

    if not out:
        raise typer.BadParameter("give the output folder with -o", param_hint="--out")
    if (src is None) == (table is None):
        raise typer.BadParameter("give either an input path or --table (not both)", param_hint="IN")
    if output_format not in OUTPUT_FORMATS:
        raise typer.BadParameter(f"one of {', '.join(OUTPUT_FORMATS)}", param_hint="--format")
    if input_format not in INPUT_FORMATS:
        raise typer.BadParameter(f"one of {', '.join(INPUT_FORMATS)}", param_hint="--input-format")
    spec = EngineSpec(lexicons=tuple(str(p.resolve()) for p in lexicon or []),
                      policies=tuple(str(p.resolve()) for p in policy or []),
                      detectors=str(detectors.resolve()) if detectors else None, explain=explain)
    settings: dict[str, str] = {}
    for kv in conf or []:
        key, sep, value = kv.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"expected KEY=VALUE, got {kv!r}", param_hint="--conf")
        settings[key.strip()] = value
    spark = spark_session(master, conf=settings)
    try:
        summary = run_scan(spark, out, src=src, table=table, input_format=input_format,
                           output_format=output_format, spec=spec, partitions=partitions,
                           mode="overwrite" if overwrite else "errorifexists")
    except Exception as exc:
        name = type(exc).__name__
        if name in ("AnalysisException", "IllegalArgumentException") or "AnalysisException" in str(type(exc).__mro__):
            raise ConfigError(f"spark: {str(exc).splitlines()[0]}") from None
        raise
    finally:
        spark.stop()
    err = make_console(stderr=True)
    err.print(f"{summary.items} items in {summary.seconds:.2f}s "
              f"({summary.items / max(summary.seconds, 1e-9):.0f} items/s, {summary.engines_built} engines built)")
    t = Table()
    t.add_column("action / label")
    t.add_column("count", justify="right")
    for k, v in summary.actions.most_common():
        t.add_row(Text(k, ACTION_STYLE.get(k, "red" if k == "error" else "")), str(v))
    for k, v in summary.labels.most_common():
        t.add_row(f"  label:{k}", str(v))
    err.print(t)
    err.print(f"decisions: {out} ({output_format}, by date/action); summary: {out.rstrip('/')}/_summary.json")
    if summary.errors:
        raise typer.Exit(1)
