"""Livestream rooms (issue 20): one row per room (latest state and its risk history) and the room timeline.

Revision ID: 0004_live20
Revises: 0003_spark19_stream
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_live20"
down_revision = "0003_spark19_stream"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "live_rooms",
        sa.Column("room_id", sa.String(256), primary_key=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("risk", sa.Float, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False, index=True),
        sa.Column("meta", sa.Text, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("history", sa.Text, nullable=False),
    )
    op.create_table(
        "live_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("room_id", sa.String(256), nullable=False, index=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("message_id", sa.String(256), nullable=False),
        sa.Column("ts", sa.String(64), nullable=False),
        sa.Column("cue", sa.String(128), nullable=False),
        sa.Column("label", sa.String(64), nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("risk", sa.Float, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("live_events")
    op.drop_table("live_rooms")
