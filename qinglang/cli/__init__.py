"""The `qinglang` command line. Each command group lives in its own module and registers here.

Exit codes: 0 success, 1 some items were errors (scan) or a check failed, 2 usage / configuration error.
"""

from __future__ import annotations

import os
import sys

import typer

from ..errors import QinglangError

app = typer.Typer(
    name="qinglang", help="清朗 content-governance engine: detect, label, decide.", no_args_is_help=True,
    add_completion=False, pretty_exceptions_enable=False,
)


def _register() -> None:
    # Explicit registration, one line per command module (no import-time side effects elsewhere).
    from . import (
        aigc,
        claims,
        clusters,
        evaluate,
        evidence,
        indicators,
        moderate,
        news,
        policy,
        report,
        serve,
        spark,
        text,
        wordfilter,
        worker,
    )
    from .common import audit_app

    moderate.register(app)
    evaluate.register(app)
    text.register(app)
    wordfilter.register(app, text.lexicon_app)
    policy.register(app)
    indicators.register(app)
    evidence.register(app)
    aigc.register(app)
    news.register(app)
    claims.register(app)
    clusters.register(app)
    app.add_typer(audit_app, name="audit")
    serve.register(app)
    spark.register(app)
    worker.register(app)
    report.register(app)


def main() -> None:
    """Entry point: typed errors become a message and exit code 2, never a traceback."""
    _register()
    try:
        app()
    except QinglangError as exc:
        typer.echo(f"error: {exc.kind}: {exc.message}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a door never shows a traceback unless asked to
        if os.environ.get("QINGLANG_DEBUG"):
            raise
        typer.echo(f"internal error: {type(exc).__name__} (set QINGLANG_DEBUG=1 for the traceback)", err=True)
        sys.exit(3)
