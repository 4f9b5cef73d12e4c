"""Initial schema: decisions, review queue, reports, appeals, violations, sanctions, audit chain, API keys.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("content_id", sa.String(256), primary_key=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("final_action", sa.String(16)),
        sa.Column("risk", sa.Float, nullable=False),
        sa.Column("author_id", sa.String(256), index=True),
        sa.Column("created_at", sa.Float, nullable=False, index=True),
        sa.Column("day", sa.String(10), nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("decision", sa.Text, nullable=False),
    )
    op.create_table(
        "decision_labels",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("content_id", sa.String(256), nullable=False, index=True),
        sa.Column("campaign", sa.String(64), nullable=False),
        sa.Column("label", sa.String(64), nullable=False),
    )
    op.create_table(
        "review_items",
        sa.Column("content_id", sa.String(256), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("priority", sa.Integer, nullable=False),
        sa.Column("due_at", sa.Float, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("lease_until", sa.Float, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("content_id", sa.String(256), nullable=False, index=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "appeals",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("content_id", sa.String(256), nullable=False, index=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "violations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("account_id", sa.String(256), nullable=False, index=True),
        sa.Column("content_id", sa.String(256), nullable=False, index=True),
        sa.Column("label", sa.String(64), nullable=False),
        sa.Column("severity", sa.Integer, nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
    )
    op.create_table(
        "sanctions",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("account_id", sa.String(256), nullable=False, index=True),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("started_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False, index=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "api_keys",
        sa.Column("key_id", sa.String(32), primary_key=True),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    for name in ("api_keys", "audit_log", "sanctions", "violations", "appeals", "reports", "review_items",
                 "decision_labels", "decisions"):
        op.drop_table(name)
