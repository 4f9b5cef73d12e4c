"""The CLI registers only the command modules a process's command needs, and the table that says which ones covers
every command: `qinglang keys …` starts without importing the engine, `--help` still lists everything."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer

import qinglang.cli as cli

ROOT = Path(__file__).resolve().parents[2]


def _top_level(app: typer.Typer) -> set[str]:
    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    return names | {g.name or "" for g in app.registered_groups}


def test_command_table_covers_every_registered_command() -> None:
    cli._register()  # everything (what `--help` shows)
    assert _top_level(cli.app) == set(cli.COMMANDS)
    for name, modules in cli.COMMANDS.items():
        assert set(modules) <= set(cli._MODULES), name


def test_each_command_is_registered_by_its_own_modules() -> None:
    # In a fresh Typer app per command: registering only the table's modules for it yields that command.
    saved_app, saved_done = cli.app, set(cli._REGISTERED)
    try:
        for name in cli.COMMANDS:
            cli.app, cli._REGISTERED = typer.Typer(), set()
            cli.app.callback()(cli._root)  # as the real app
            cli._register([name, "--help"])
            assert name in _top_level(cli.app), name
            group = typer.main.get_command(cli.app)  # a group even when it holds one command (eval, clusters)
            assert isinstance(group, typer.core.TyperGroup) and name in group.commands, name
    finally:
        cli.app, cli._REGISTERED = saved_app, saved_done


def test_light_commands_do_not_import_the_engine() -> None:
    code = ("import sys; from qinglang.cli import _register; _register(['keys', 'create']); "
            "_register(['audit', 'verify']); print(sorted(m for m in ('qinglang.engine', 'qinglang.detectors', "
            "'qinglang.lexicon', 'pypinyin', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
