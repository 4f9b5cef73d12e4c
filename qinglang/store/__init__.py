"""Persistent state behind ports (STYLE §5.9): SQL (SQLite/PostgreSQL) and in-memory adapters."""

from __future__ import annotations

from .ports import Store


def open_store(url: str | None, *, migrate: bool = True, sqlite_synchronous: str = "FULL") -> Store:
    """A store for a database URL (``memory://`` for the in-memory adapter); migrates SQL stores by default."""
    if url in (None, "", "memory://"):
        from .memory import MemoryStore

        return MemoryStore()
    from .sql import SqlStore

    return SqlStore(url, migrate=migrate, sqlite_synchronous=sqlite_synchronous)


__all__ = ["Store", "open_store"]
