"""Prometheus metrics: requests, latency histograms, decisions by action and label.

Each app gets its own registry (tests build many apps). With several workers, `PROMETHEUS_MULTIPROC_DIR`
is set by `qinglang serve` and /metrics aggregates all workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest

BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


# Label values come from fixed sets only: a client-chosen string (an HTTP method, a path) never becomes a series.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def method_label(method: str) -> str:
    return method if method in METHODS else "other"


class Metrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self, key_cache_sizes: Callable[[], tuple[int, int]] | None = None,
                 live_sizes: Callable[[], dict[str, int]] | None = None) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("qinglang_http_requests_total", "HTTP requests", ["method", "route", "status"],
                                registry=self.registry)
        self.latency = Histogram("qinglang_http_request_duration_seconds", "HTTP request latency",
                                 ["method", "route"], buckets=BUCKETS, registry=self.registry)
        self.decisions = Counter("qinglang_decisions_total", "Decisions made by the engine", ["action"],
                                 registry=self.registry)
        self.labels = Counter("qinglang_decision_labels_total", "Labels found in decisions", ["label", "campaign"],
                              registry=self.registry)
        if key_cache_sizes is not None:
            g = Gauge("qinglang_key_cache_entries", "API keys cached by this worker", ["kind"],
                      registry=self.registry, multiprocess_mode="max")
            g.labels("accepted").set_function(lambda: key_cache_sizes()[0])
            g.labels("rejected").set_function(lambda: key_cache_sizes()[1])
        if live_sizes is not None:
            # the livestream rooms this worker holds, how many it evicted (idle past the horizon, or over the room
            # bound), the short-弹幕 decisions it keeps and the most entries one room holds: what a soak run
            # watches beside the RSS (benchmarks/live.py --soak)
            def gauge(name: str, doc: str, key: str, labels: tuple[str, ...] = ()) -> None:
                g = Gauge(name, doc, list(labels), registry=self.registry, multiprocess_mode="livesum")
                if labels:
                    for reason in ("idle", "bound"):
                        g.labels(reason).set_function(lambda reason=reason: live_sizes()[reason])
                else:
                    g.set_function(lambda: live_sizes()[key])

            gauge("qinglang_live_rooms", "Livestream rooms held by this worker", "rooms")
            gauge("qinglang_live_rooms_evicted", "Livestream rooms this worker evicted, by reason", "", ("reason",))
            gauge("qinglang_live_decision_cache_entries", "Short-message decisions cached by this worker", "cached")
            gauge("qinglang_live_room_entries_max", "Most entries one livestream room holds (all bounded)",
                  "largest")

    def observe_decision(self, decision: dict) -> None:
        self.decisions.labels(decision["action"]).inc()
        for lab in decision.get("labels", []):
            self.labels.labels(lab["label"], lab.get("campaign", "")).inc()

    def render(self) -> bytes:
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess

            reg = CollectorRegistry()
            multiprocess.MultiProcessCollector(reg)
            return generate_latest(reg)
        return generate_latest(self.registry)
