"""The workflow's record states, one home for each set (a `StrEnum` compares equal to its stored string, so
the store ports, the database columns and the audit payloads keep the plain values)."""

from __future__ import annotations

from enum import StrEnum


class ReviewStatus(StrEnum):
    """A review item: waiting for a first decision, waiting for a second reviewer, or closed."""

    PENDING = "pending"
    DISPUTED = "disputed"
    DECIDED = "decided"


class ReportStatus(StrEnum):
    """A report or complaint: received, queued for review, then closed one way or the other."""

    RECEIVED = "received"
    REVIEWING = "reviewing"
    UPHELD = "upheld"
    REJECTED = "rejected"


class AppealStatus(StrEnum):
    PENDING = "pending"
    UPHELD = "upheld"
    REJECTED = "rejected"
