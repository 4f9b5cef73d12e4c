"""Shared fixtures: one engine per session (building it compiles every shipped lexicon).

`make test` runs the suite on two pytest-xdist workers (`-n 2 --dist loadgroup`). Each worker gets its own
PostgreSQL database beside the one in QINGLANG_TEST_PG_URL (the PostgreSQL tests empty their database's schema,
so two workers must never share one); tests that share one heavy fixture across files (Spark) carry one
`xdist_group` so they run on one worker."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import settings

from qinglang.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# `make test` (and so CI) runs the property tests on derandomized examples: the same inputs on every machine, so a
# run's verdict does not depend on the draw. A plain `pytest` keeps random draws and goes on finding new inputs; a
# falsifying example found that way becomes a regression test (as tests/detectors/test_contact.py's 'v+x').
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_configure(config: pytest.Config) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = os.environ.get("QINGLANG_TEST_PG_URL")
    if worker and url:
        os.environ["QINGLANG_TEST_PG_URL"] = _worker_database(url, worker)


def _worker_database(url: str, worker: str) -> str:
    """The URL of this worker's own database next to `url`'s, created when missing."""
    import psycopg

    base, _, name = url.partition("?")[0].rpartition("/")
    mine = f"{name}_{worker}"
    for attempt in range(20):
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (mine,)).fetchone() is None:
                    conn.execute(f'CREATE DATABASE "{mine}"')
            break
        except psycopg.errors.DuplicateDatabase:
            break
        except psycopg.errors.ObjectInUse:  # two workers copying template1 at once: one waits
            if attempt == 19:
                raise
            time.sleep(0.2)
    return f"{base}/{mine}"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine()


def write_lexicon(folder: Path, manifest: str, terms: str | None = None) -> Path:
    """A platform lexicon folder with PROVENANCE, for tests."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "PROVENANCE").write_text("source: test\nlicense: test\n", "utf-8")
    (folder / "lexicon.yaml").write_text(manifest, "utf-8")
    if terms is not None:
        (folder / "terms.txt").write_text(terms, "utf-8")
    return folder
