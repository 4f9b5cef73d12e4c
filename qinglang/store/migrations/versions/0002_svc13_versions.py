"""Content versions, content hashes on decisions and violations, the submitter that owns an item, health probe.

Revision ID: 0002_svc13_versions
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_svc13_versions"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("decisions") as b:
        b.add_column(sa.Column("content_sha256", sa.String(64), nullable=False, server_default=""))
        b.add_column(sa.Column("submitter", sa.String(32)))
    with op.batch_alter_table("violations") as b:
        b.add_column(sa.Column("content_sha256", sa.String(64), nullable=False, server_default=""))
    op.create_index("ix_violations_item", "violations", ["account_id", "content_id", "content_sha256"])
    op.create_table(
        "content_versions",  # append-only: a version is written once, when a newer one supersedes it
        sa.Column("content_id", sa.String(256), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("submitter", sa.String(32)),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("final_action", sa.String(16)),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("superseded_at", sa.Float, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("decision", sa.Text, nullable=False),
        sa.Column("reviews", sa.Text, nullable=False),
    )
    op.create_table(
        "service_health",  # one row rewritten by /healthz: proof that the store still takes writes
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("service_health")
    op.drop_table("content_versions")
    op.drop_index("ix_violations_item", "violations")
    with op.batch_alter_table("violations") as b:
        b.drop_column("content_sha256")
    with op.batch_alter_table("decisions") as b:
        b.drop_column("submitter")
        b.drop_column("content_sha256")
