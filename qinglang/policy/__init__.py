"""Policy: declarative campaign files turned into actions (DESIGN §1).

`schema` (the YAML models and the merged `Policy`) ← `loading` (files → Policy, errors with file:line) and
`evaluate` (pure evaluation; the `Evaluator` holds the caches). `eligibility` and `minors` read their own
sections of a `Policy`; they import `schema` only, so nothing here imports in a circle.
"""

from ..clock import parse_time
from .evaluate import Evaluator, Outcome, decision_date, evaluate
from .loading import load_policies, shipped_policy_dir
from .schema import Policy, PolicyFile, is_minor_audience

__all__ = [
    "Evaluator", "Outcome", "Policy", "PolicyFile", "decision_date", "evaluate", "is_minor_audience",
    "load_policies", "parse_time", "shipped_policy_dir",
]
