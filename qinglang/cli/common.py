"""Shared CLI options: how a command builds its engine."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:  # the engine is imported when a command builds one: `keys`, `audit verify`… start fast
    from ..engine import Engine

# One `audit` group, shared by the command modules that add to it (verify: audit log; local: 同城 logs).
audit_app = typer.Typer(help="Audits: the hash-chained audit log (verify), 同城 recommendation logs (local).",
                        no_args_is_help=True)

LexiconOpt = Annotated[
    list[Path] | None, typer.Option("--lexicon", "-l", help="Extra lexicon folder (repeatable).")
]
PolicyOpt = Annotated[list[Path] | None, typer.Option("--policy", "-p", help="Extra policy folder or file.")]
DetectorsOpt = Annotated[Path | None, typer.Option("--detectors", help="Detector registry YAML.")]


def build_engine(lexicon: list[Path] | None, policy: list[Path] | None, detectors: Path | None) -> Engine:
    from ..engine import Engine, freeze_heap

    engine = Engine.from_config(lexicons=lexicon or [], policies=policy or [], detectors=detectors)
    freeze_heap()  # a CLI process: what the build allocated stays for the whole run
    return engine


def make_console(*, stderr: bool = False) -> Console:
    """A rich console; when the output is not a terminal it does not wrap at 80 columns or cut cells short.

    Rich falls back to 80 columns for pipes and files, which turns a summary into "255 \\n items/s" and a rule id
    into "contact.wecha…"; a log or a pipe wants whole lines (``COLUMNS`` still wins when set)."""
    c = Console(stderr=stderr)
    if c.is_terminal or os.environ.get("COLUMNS"):
        return c
    return Console(stderr=stderr, width=1000)
