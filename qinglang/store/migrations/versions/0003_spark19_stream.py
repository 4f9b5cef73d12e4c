"""Stream worker: the embedded work queue and the worker's ledger of decided (content id, content hash) pairs.

Revision ID: 0003_spark19_stream
Revises: 0002_svc13_versions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_spark19_stream"
down_revision = "0002_svc13_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stream_items",  # the embedded queue: one row per (content id, content hash), kept after the ack
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("content_id", sa.String(256), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("enqueued_at", sa.Float, nullable=False),
        sa.Column("lease_until", sa.Float, nullable=False),
        sa.Column("consumer", sa.String(128)),
        sa.Column("deliveries", sa.Integer, nullable=False),
        sa.Column("acked_at", sa.Float),
        sa.UniqueConstraint("content_id", "content_sha256", name="uq_stream_items_item"),
    )
    op.create_index("ix_stream_items_ready", "stream_items", ["acked_at", "lease_until", "seq"])
    op.create_table(
        "stream_done",  # written in the same transaction as the decision: a redelivered item is seen here
        sa.Column("content_id", sa.String(256), primary_key=True),
        sa.Column("content_sha256", sa.String(64), primary_key=True),
        sa.Column("decided_at", sa.Float, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),  # decided | error
        sa.Column("error", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("stream_done")
    op.drop_index("ix_stream_items_ready", "stream_items")
    op.drop_table("stream_items")
