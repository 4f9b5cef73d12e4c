"""The SQL schema (SQLAlchemy Core tables) that `sql.SqlStore` reads and writes; Alembic migrations create it."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

md = MetaData()
decisions = Table(
    "decisions", md,
    Column("content_id", String(256), primary_key=True),
    Column("action", String(16), nullable=False),
    Column("final_action", String(16)),
    Column("risk", Float, nullable=False),
    Column("author_id", String(256), index=True),
    Column("created_at", Float, nullable=False, index=True),
    Column("day", String(10), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("content", Text, nullable=False),
    Column("decision", Text, nullable=False),
    Column("content_sha256", String(64), nullable=False, server_default=""),
    Column("submitter", String(32)),
)
content_versions = Table(
    "content_versions", md,
    Column("content_id", String(256), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("content_sha256", String(64), nullable=False),
    Column("submitter", String(32)),
    Column("action", String(16), nullable=False),
    Column("final_action", String(16)),
    Column("created_at", Float, nullable=False),
    Column("superseded_at", Float, nullable=False),
    Column("content", Text, nullable=False),
    Column("decision", Text, nullable=False),
    Column("reviews", Text, nullable=False),
)
service_health = Table(
    "service_health", md,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("at", Float, nullable=False),
)
decision_labels = Table(
    "decision_labels", md,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_id", String(256), nullable=False, index=True),
    Column("campaign", String(64), nullable=False),
    Column("label", String(64), nullable=False),
)
review_items = Table(
    "review_items", md,
    Column("content_id", String(256), primary_key=True),
    Column("status", String(16), nullable=False, index=True),
    Column("priority", Integer, nullable=False),
    Column("due_at", Float, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("claimed_by", String(64)),
    Column("lease_until", Float, nullable=False),
    Column("data", Text, nullable=False),
)
reports = Table(
    "reports", md,
    Column("id", String(40), primary_key=True),
    Column("content_id", String(256), nullable=False, index=True),
    Column("type", String(16), nullable=False),
    Column("category", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("data", Text, nullable=False),
)
appeals = Table(
    "appeals", md,
    Column("id", String(40), primary_key=True),
    Column("content_id", String(256), nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("data", Text, nullable=False),
)
violations = Table(
    "violations", md,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", String(256), nullable=False, index=True),
    Column("content_id", String(256), nullable=False, index=True),
    Column("label", String(64), nullable=False),
    Column("severity", Integer, nullable=False),
    Column("at", Float, nullable=False),
    Column("revoked", Boolean, nullable=False),
    Column("content_sha256", String(64), nullable=False, server_default=""),
)
sanctions = Table(
    "sanctions", md,
    Column("id", String(40), primary_key=True),
    Column("account_id", String(256), nullable=False, index=True),
    Column("level", String(16), nullable=False),
    Column("started_at", Float, nullable=False),
    Column("expires_at", Float),
    Column("reason", Text, nullable=False),
    Column("revoked", Boolean, nullable=False),
)
audit_log = Table(
    "audit_log", md,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("action", String(64), nullable=False),
    Column("subject", String(300), nullable=False, index=True),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)
api_keys = Table(
    "api_keys", md,
    Column("key_id", String(32), primary_key=True),
    Column("secret_hash", String(64), nullable=False),
    Column("role", String(16), nullable=False),
    Column("name", String(128), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("revoked", Boolean, nullable=False),
)
