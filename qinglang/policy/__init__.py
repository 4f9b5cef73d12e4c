"""Policy: declarative campaign files turned into actions (DESIGN §1)."""

from .rules import Outcome, Policy, PolicyFile, evaluate, load_policies, shipped_policy_dir

__all__ = ["Outcome", "Policy", "PolicyFile", "evaluate", "load_policies", "shipped_policy_dir"]
