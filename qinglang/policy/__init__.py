"""Policy: declarative campaign files turned into actions (DESIGN §1)."""

from .rules import (
    Outcome,
    Policy,
    PolicyFile,
    decision_date,
    evaluate,
    is_minor_audience,
    load_policies,
    parse_time,
    shipped_policy_dir,
)

__all__ = [
    "Outcome", "Policy", "PolicyFile", "decision_date", "evaluate", "is_minor_audience", "load_policies",
    "parse_time", "shipped_policy_dir",
]
