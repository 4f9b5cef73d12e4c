"""Across items: near-duplicate clusters, coordination features, 引流 rings and account bursts (issue 18).

`ClusterTracker` (tracker.py) is the one code path: the service feeds it each moderated item and the batch
command (`qinglang clusters`, batch.py) replays a corpus through it. See docs/clusters.md.
"""

from __future__ import annotations

from .features import ScoreConfig
from .tracker import ClusterTracker, Observation, TrackerConfig
from .window import ClusterWindow, Post, WindowConfig

__all__ = ["ClusterTracker", "ClusterWindow", "Observation", "Post", "ScoreConfig", "TrackerConfig", "WindowConfig"]
