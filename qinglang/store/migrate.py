"""Run the Alembic migrations in `store/migrations/` programmatically (on startup and `qinglang db upgrade`)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine as SaEngine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def upgrade(engine: SaEngine, revision: str = "head") -> str | None:
    """Upgrade the database to `revision`; returns the revision it is at afterwards."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
