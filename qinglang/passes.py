"""The detector passes of one decision, before the policy: the cheap pass, then the cascade stages on its signals.

`Engine.moderate` runs them on one item; `Engine.moderate_many` runs the cheap pass on every item of a batch, then each
cascade stage over the batch (`cascade_batch`: a `BatchCascade` stage, the semantic tier, answers for all the items at
once), then the policy item by item (session 20, batch20). Both paths call the same steps, so they decide alike.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .detectors import BatchCascade, Detector
from .model import Content, Degradation, Signal
from .scoping import scope_signals
from .stages import Staged
from .text.acts import NONE as NO_ACTS
from .text.acts import read_acts

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Pass:
    """One item between the cheap pass and the policy: its signals (the cascade adds to them), the degradations so
    far, the scope reading, and the seconds spent on it (`moderate_many`'s `elapsed_ms`)."""

    content: Content
    staged: Staged
    signals: list[Signal]
    degraded: list[str]
    acts: Any
    spent: float = 0.0


def cheap_pass(detectors: Sequence[Detector], scope_acts: bool, content: Content, staged: Staged,
               extra_signals: tuple[Signal, ...] = ()) -> Pass:
    """Every detector but the cascade stages, then the scope pass (`scope_acts`)."""
    return cheap_pass_many(detectors, scope_acts, [(content, staged, extra_signals)])[0]


def cheap_pass_many(detectors: Sequence[Detector], scope_acts: bool,
                    items: Sequence[tuple[Content, Staged, tuple[Signal, ...]]]) -> list[Pass]:
    """`cheap_pass` of each item, run detector by detector over all of them (session 23, perf23): a detector's
    automata, tables and models stay in the processor's caches while it reads every item of a batch, where item by
    item each detector found them pushed out by the others. A detector reads only its item's content and views
    (DESIGN §5.3: `detect` is pure), so each item gets the signals, in the same order, that it gets alone."""
    t0 = time.perf_counter()
    signals: list[list[Signal]] = [list(extra) for _, _, extra in items]
    degraded = [[str(d) for d in staged.degraded] for _, staged, _ in items]
    for det in detectors:
        if getattr(det, "cascade", False):
            continue  # cascade stages run after the cheap pass, on its signals
        for k, (content, staged, _) in enumerate(items):
            try:
                signals[k].extend(det.detect(content, staged.views))
            except Exception:  # one broken detector must not fail the request: policy decides
                log.exception("detector %s failed on %s", det.name, content.id)
                degraded[k].append(str(Degradation(f"{det.name}@{det.version}", "error")))
    share = (time.perf_counter() - t0) / max(1, len(items))
    out = []
    for k, (content, staged, _) in enumerate(items):
        t1 = time.perf_counter()
        found = signals[k]
        # The scope pass (qinglang.scoping): what the post is doing, read once, applied to every family's signals
        # before the cascade and the policy see them.
        # Read only where there is evidence to judge (most posts have none): memoized on the views.
        acts = read_acts(staged.views) if scope_acts and any(s.score > 0 for s in found) else NO_ACTS
        if acts.acts:
            found = scope_signals(found, acts)
        out.append(Pass(content, staged, found, degraded[k], acts, share + time.perf_counter() - t1))
    return out


def cascade_step(det: Any, scope_acts: bool, item: Pass, found: list[Signal] | None = None) -> None:
    """One cascade stage on one item: `found`, what the stage's batch hook returned for the item, or (None) its
    `detect_cascade` on a copy of the item's signals; scoped and added to them."""
    try:
        if found is None:
            found = det.detect_cascade(item.content, item.staged.views, list(item.signals))
        if found and scope_acts:
            item.acts = read_acts(item.staged.views)
        item.signals.extend(scope_signals(found, item.acts) if found and item.acts.acts else found)
    except Exception:
        log.exception("detector %s failed on %s", det.name, item.content.id)
        item.degraded.append(str(Degradation(f"{det.name}@{det.version}", "error")))


def cascade_batch(cascade: Sequence[Any], scope_acts: bool, items: list[Pass]) -> None:
    """The cascade stages over a batch, stage by stage in registry order, as `Engine.moderate` runs them on each item:
    a `BatchCascade` stage answers for every item at once; one whose hook fails (or a stage without one) runs item by
    item, so a failure is each item's own."""
    for det in cascade:
        found: list[list[Signal]] | None = None
        if len(items) > 1 and isinstance(det, BatchCascade):
            t0 = time.perf_counter()
            try:
                found = list(det.detect_cascade_many([(it.content, it.staged.views, list(it.signals))
                                                      for it in items]))
                if len(found) != len(items):
                    raise ValueError(f"{len(found)} answers for {len(items)} items")
            except Exception:
                log.exception("detector %s failed on a batch; its items are decided one by one", det.name)
                found = None
            share = (time.perf_counter() - t0) / len(items)
            for it in items:
                it.spent += share
        for k, it in enumerate(items):
            t0 = time.perf_counter()
            cascade_step(det, scope_acts, it, None if found is None else found[k])
            it.spent += time.perf_counter() - t0


__all__ = ["Pass", "cascade_batch", "cascade_step", "cheap_pass", "cheap_pass_many"]
