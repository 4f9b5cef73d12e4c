"""Group commit: the write jobs of concurrent requests share one transaction and one commit (one fsync)."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Protocol, TypeVar


class _Tx(Protocol):
    c: Any

    def savepoint(self) -> AbstractContextManager[Any]: ...


class _Store(Protocol):
    def _locked_transaction(self) -> AbstractContextManager[Any]: ...


T = TypeVar("T")


class _Job:
    __slots__ = ("done", "error", "fn", "value")

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn, self.done = fn, threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None


class GroupCommit:
    """One writer thread runs the write jobs of concurrent requests in one transaction with one commit.

    Each job runs in its own SAVEPOINT, so a job that fails (a Conflict, a bad id) rolls back only its own
    writes and gets its own error; the others commit together. A job's caller is woken only after the
    commit returned (SQLite `synchronous=FULL`, PostgreSQL's WAL flush), so an acknowledged write survives
    SIGKILL exactly as with one transaction per request: the fsync is shared, not skipped. If the commit
    fails, every job of the batch gets the error.
    """

    def __init__(self, store: _Store, max_batch: int = 128) -> None:
        self.store, self.max_batch = store, max_batch
        self._jobs: deque[_Job] = deque()
        self._cv = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._loop, name="qinglang-group-commit", daemon=True)
        self._thread.start()

    def run(self, fn: Callable[[Any], T]) -> T:
        job = _Job(fn)
        with self._cv:
            if self._closed:
                raise RuntimeError("store is closed")
            self._jobs.append(job)
            self._cv.notify()
        job.done.wait()
        if job.error is not None:
            raise job.error
        return job.value

    def close(self) -> None:
        with self._cv:
            self._closed = True
            self._cv.notify()
        self._thread.join(10)

    def _loop(self) -> None:
        while True:
            with self._cv:
                while not self._jobs and not self._closed:
                    self._cv.wait()
                if not self._jobs:
                    return
                batch = [self._jobs.popleft() for _ in range(min(len(self._jobs), self.max_batch))]
            self._commit(batch)

    def _commit(self, batch: list[_Job]) -> None:
        try:
            with self.store._locked_transaction() as tx:
                for job in batch:
                    try:
                        with tx.savepoint():
                            job.value = job.fn(tx)
                    except Exception as exc:  # this job's writes are rolled back; the batch goes on
                        job.error = exc
                        if not tx.c.in_transaction():
                            raise
        except BaseException as exc:  # the commit (or the transaction) failed: nothing of the batch is stored
            for job in batch:
                job.error = job.error or exc
        for job in batch:
            job.done.set()


