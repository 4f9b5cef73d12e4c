"""One local[2] Spark session for every Spark test (a JVM start and its Python workers cost seconds each)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    from qinglang.spark.job import spark_session

    s = spark_session("local[2]", "qinglang-test")
    yield s
    s.stop()
