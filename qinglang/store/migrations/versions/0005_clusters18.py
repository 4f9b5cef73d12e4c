"""Account activity and cluster memberships (issue 18): what `GET /v1/accounts/{id}` reads.

Revision ID: 0005_clusters18
Revises: 0004_live20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_clusters18"
down_revision = "0004_live20"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account_activity",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("account_id", sa.String(256), nullable=False, index=True),
        sa.Column("content_id", sa.String(256), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("risk", sa.Float, nullable=False),
        sa.Column("at", sa.Float, nullable=False, index=True),
        sa.Column("flags", sa.String(128), nullable=False, server_default=""),
    )
    op.create_table(
        "account_clusters",
        sa.Column("account_id", sa.String(256), primary_key=True),
        sa.Column("cluster_id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),  # cluster | ring
        sa.Column("label", sa.String(32), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("at", sa.Float, nullable=False, index=True),
        sa.Column("detail", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("account_clusters")
    op.drop_table("account_activity")
