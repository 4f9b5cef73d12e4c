"""Alembic environment: always run online on the connection `qinglang.store.migrate` hands over."""

from __future__ import annotations

from alembic import context

conn = context.config.attributes.get("connection")
if conn is None:
    raise RuntimeError("run migrations through `qinglang db upgrade` (qinglang.store.migrate.upgrade)")
if conn.dialect.name == "postgresql":  # two workers starting at once: one migrates, the other waits
    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7130656)")
context.configure(connection=conn, target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
