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


@app.callback()
def _root() -> None:
    # A callback keeps the app a command group when one process registers a single command (`qinglang eval`,
    # `qinglang clusters`): Typer would otherwise run that command as the whole program, without its name.
    pass


# Top-level command -> the command modules that register it, so that one process imports only what its command
# needs (`qinglang keys create` or `audit verify` does not import the engine). `--help`, no command or an unknown
# one registers every module (tests/cli/test_lazy_cli.py checks that this table covers every command).
_MODULES = ("moderate", "evaluate", "text", "wordfilter", "policy", "indicators", "evidence", "aigc", "news",
            "claims", "clusters", "audit", "serve", "spark", "worker", "report")
COMMANDS: dict[str, tuple[str, ...]] = {
    "check": ("moderate",), "scan": ("moderate",), "eval": ("evaluate",), "normalize": ("text",),
    "lexicon": ("text", "wordfilter"), "mask": ("text", "wordfilter"),
    "policy": ("policy",), "accounts": ("policy",), "minors": ("policy",), "suggest": ("policy",),
    "indicators": ("indicators",), "evidence": ("evidence",), "aigc": ("aigc",), "news": ("news",),
    "claims": ("claims",), "clusters": ("clusters",), "audit": ("policy", "audit", "serve"),
    "serve": ("serve",), "demo": ("serve",), "keys": ("serve",), "db": ("serve",), "spark": ("spark",),
    "worker": ("worker",), "enqueue": ("worker",), "report": ("report",),
}


def _register(argv: list[str] | None = None) -> None:
    """Register the command modules that `argv`'s command needs (every one when `argv` is None); each at most once."""
    import importlib

    name = next((a for a in argv if not a.startswith("-")), None) if argv is not None else None
    wanted = set(COMMANDS.get(name, _MODULES)) if name is not None else set(_MODULES)
    for module in _MODULES:  # always in this order: `--help` lists the commands the same way every time
        if module not in wanted or module in _REGISTERED:
            continue
        _REGISTERED.add(module)
        if module == "audit":  # one group that `policy` (local) and `serve` (verify) add to
            from .common import audit_app

            app.add_typer(audit_app, name="audit")
        elif module == "wordfilter":  # its `lexicon` subcommands join text's group
            from . import text, wordfilter

            wordfilter.register(app, text.lexicon_app)
        else:
            importlib.import_module(f"{__name__}.{module}").register(app)


_REGISTERED: set[str] = set()


def main() -> None:
    """Entry point: typed errors become a message and exit code 2, never a traceback."""
    _register(sys.argv[1:])
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
