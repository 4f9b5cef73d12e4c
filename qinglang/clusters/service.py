"""The service's use of the window: observe an item before it is decided, record it after.

`before` adds the item to the window (under a lock: the window is not thread-safe), sets the account facts
a policy may test (`account.young_burst` from the window, `account.repeat_offender` from the sanction ledger)
and returns the cluster / ring signals for the engine; `after` writes the account's history for
`GET /v1/accounts/{id}`. Memory is the window's fixed arrays plus its swept dicts (docs/clusters.md).
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass
from typing import Any

from ..detectors.base import Views
from ..model import Content, Signal
from ..store.ports import Store
from ..text.normalize import Normalizer
from .ledger import AccountLedger
from .tracker import ClusterTracker, Observation, TrackerConfig

REPEAT_WINDOW_S = 90 * 86400
REPEAT_VIOLATIONS = 2


@dataclass(frozen=True)
class Prepared:
    content: Content
    views: Views
    signals: tuple[Signal, ...]
    observation: Observation


class ClusterService:
    def __init__(self, normalizer: Normalizer, ledger: AccountLedger, config: TrackerConfig | None = None) -> None:
        self.tracker = ClusterTracker(config, normalizer)
        self.normalizer, self.ledger = normalizer, ledger
        self._lock = threading.Lock()

    def before(self, content: Content, store: Store, now: float, normalizer: Normalizer | None = None) -> Prepared:
        """The content with account facts, its views (the text stage, normalized once with the engine's
        `normalizer` and shared with it), the signals for the engine and the observation."""
        views = Views.build(content, normalizer or self.normalizer)
        with self._lock:
            obs = self.tracker.observe(content, views=views, now=now)
        facts = {"young_burst": "young_burst" in obs.account_flags, "repeat_offender": False}
        if content.author.id:
            with store.transaction(readonly=True) as tx:
                facts["repeat_offender"] = len(tx.violations(content.author.id, since=now - REPEAT_WINDOW_S)) \
                    >= REPEAT_VIOLATIONS
        if facts["repeat_offender"]:
            obs.account_flags = obs.account_flags | {"repeat_offender"}
        # the service's own facts replace any the submitter sent
        content = dataclasses.replace(content, extra={**content.extra, "account": facts})
        return Prepared(content, Views(content, views.fields), tuple(obs.signals), obs)

    def after(self, content: Content, decision: dict[str, Any], obs: Observation, now: float) -> None:
        if not content.author.id:
            return
        groups = []
        if obs.cluster is not None and obs.cluster["label"] != "small":
            groups.append({"id": obs.cluster["cluster"], "kind": "cluster", "label": obs.cluster["label"],
                           "score": obs.cluster["score"], "detail": obs.cluster})
        for ring in obs.rings:
            groups.append({"id": ring["indicator"][:64], "kind": "ring",
                           "label": "drainage_ring" if ring["score"] >= self.tracker.config.score.ring_threshold
                           else "shared_indicator", "score": ring["score"], "detail": ring})
        self.ledger.record(content.author.id, content.id, decision.get("action", "pass"),
                           float(decision.get("risk", 0.0)), now, obs.account_flags, groups)


def build_for(store: Store, normalizer: Normalizer, *, window_posts: int, window_hours: float,
              max_clusters: int = 100_000) -> ClusterService:
    """A service over the store's database (its own tables), or in memory for `memory://`."""
    from .window import WindowConfig

    engine = getattr(store, "engine", None)
    cfg = TrackerConfig(window=WindowConfig(capacity=window_posts, window_s=window_hours * 3600,
                                                max_clusters=max_clusters))
    return ClusterService(normalizer, AccountLedger(engine), cfg)
