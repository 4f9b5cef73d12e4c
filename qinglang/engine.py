"""The engine orchestrates: normalize → detectors → policy → Decision (STYLE §5.7). Nothing else."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import itertools
import logging
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .detectors import BuildContext, Detector, Views, build_detectors
from .errors import InvalidContent, QinglangError
from .labels import LABELS, Action
from .lexicon import CompiledLexicon, Lexicon, load_dirs, shipped_lexicon_dirs
from .model import Content, Decision, LabelResult, Signal
from .policy import Policy, decision_date, evaluate, load_policies, shipped_policy_dir
from .text.normalize import LAYERS, Normalizer

log = logging.getLogger(__name__)
CN_TZ = dt.timezone(dt.timedelta(hours=8))
BATCH = 256  # items per batch in moderate_many: enough to amortize the per-batch costs, little memory


@dataclass(frozen=True)
class EngineConfig:
    """Where the engine's data comes from; everything is read at build/reload time, never per request."""

    lexicon_dirs: tuple[Path, ...] = ()
    policy_dirs: tuple[Path, ...] = ()
    detectors: Path | None = None
    include_shipped_lexicons: bool = True
    include_shipped_policies: bool = True
    layers: tuple[str, ...] = LAYERS
    custom_labels: frozenset[str] = frozenset()
    extra: dict[str, Any] = field(default_factory=dict)
    # Move what the build allocated (~0.5M tables, entries, pypinyin's phrase lists) out of the cyclic
    # collector's reach (gc.freeze): each full collection otherwise walks it all, ~120 ms, a quarter of the
    # engine's time under load. Objects built before are frozen too; a host that minds sets this False.
    freeze_gc: bool = True


@dataclass(frozen=True)
class _State:
    normalizer: Normalizer
    lexicons: tuple[Lexicon, ...]
    compiled: CompiledLexicon
    detectors: tuple[Detector, ...]
    policy: Policy
    version: str
    media: Any = None  # qinglang.media.MediaExtractor, or None (disabled or Pillow missing)
    media_note: str = ""  # why media is off, for the degraded marker


class Engine:
    """Build once, share across threads. `reload()` swaps all state atomically; requests in flight finish
    on the state they started with."""

    def __init__(self, config: EngineConfig | None = None) -> None:
        self.config = config or EngineConfig()
        self._state = self._build(self.config)
        self._reload_lock = threading.Lock()
        if self.config.freeze_gc:
            gc.freeze()

    @classmethod
    def from_config(
        cls, *, lexicons: Iterable[str | Path] = (), policies: Iterable[str | Path] = (),
        detectors: str | Path | None = None, shipped: bool = True, **kw: Any,
    ) -> Engine:
        """Engine with the shipped lexicons and policies plus a platform's own folders."""
        return cls(EngineConfig(
            lexicon_dirs=tuple(Path(p) for p in lexicons), policy_dirs=tuple(Path(p) for p in policies),
            detectors=Path(detectors) if detectors else None, include_shipped_lexicons=shipped,
            include_shipped_policies=shipped, **kw,
        ))

    @staticmethod
    def _build(cfg: EngineConfig) -> _State:
        normalizer = Normalizer(cfg.layers)
        custom = cfg.custom_labels | frozenset(LABELS)
        dirs = [*(shipped_lexicon_dirs() if cfg.include_shipped_lexicons else []), *cfg.lexicon_dirs]
        lexicons = tuple(load_dirs(dirs, custom))
        compiled = CompiledLexicon([e for lex in lexicons for e in lex.entries], normalizer)
        pdirs = [*([shipped_policy_dir()] if cfg.include_shipped_policies else []), *cfg.policy_dirs]
        policy = load_policies(pdirs, custom)
        ctx = BuildContext(normalizer=normalizer, lexicon=compiled, custom_labels=custom, extra=dict(cfg.extra))
        detectors = tuple(build_detectors(cfg.detectors, ctx))
        media, media_note = _build_media(cfg.extra.get("media", {}))
        h = hashlib.sha256(policy.version.encode())
        for lex in lexicons:
            h.update(lex.name.encode() + b"\0" + lex.digest.encode())
        for det in detectors:
            h.update(f"{det.name}@{det.version}".encode())
        h.update(",".join(cfg.layers).encode())
        if media is not None:
            h.update(b"media:" + media.fingerprint.encode())
        return _State(normalizer, lexicons, compiled, detectors, policy, "sha256:" + h.hexdigest(), media, media_note)

    def reload(self, config: EngineConfig | None = None) -> str:
        """Rebuild from (new) config and swap atomically; on error the old state stays. Returns the version."""
        with self._reload_lock:
            cfg = config or self.config
            state = self._build(cfg)  # raises before anything changes
            self.config, self._state = cfg, state
            if cfg.freeze_gc:
                gc.freeze()
            return state.version

    @property
    def policy_version(self) -> str:
        return self._state.version

    @property
    def normalizer(self) -> Normalizer:
        return self._state.normalizer

    @property
    def detectors(self) -> tuple[Detector, ...]:
        return self._state.detectors

    @property
    def lexicons(self) -> tuple[Lexicon, ...]:
        return self._state.lexicons

    @property
    def compiled_lexicon(self) -> CompiledLexicon:
        return self._state.compiled

    def moderate(self, content: Content | dict[str, Any], *, explain: bool = False,
                 now: dt.datetime | None = None, extra_signals: Iterable[Signal] = (),
                 views: Views | None = None) -> Decision:
        """Decide one item. A dict is validated first (InvalidContent on a bad field). `extra_signals` are
        cross-item findings made outside the engine (qinglang.clusters), decided on like any detector's;
        `views`, the item's normalized fields when the caller already built them with `self.normalizer`."""
        t0 = time.perf_counter()
        if not isinstance(content, Content):
            content = Content.from_json(content)
        state = self._state
        if views is None or views.content is not content or views.normalizer is not state.normalizer:
            views = Views.build(content, state.normalizer)
        return self._decide(state, content, views, explain, now, t0, tuple(extra_signals))

    def moderate_many(self, items: Iterable[Content | dict[str, Any]], *, explain: bool = False,
                      batch: int = BATCH) -> Iterator[Decision | QinglangError]:
        """Stream decisions in input order with constant memory; a bad item yields its error, not a stop.

        Items are taken `batch` at a time: their fields are normalized, then every detector with a
        `prepare(views)` hook does its batch work at once (the lexicon matchers run one automaton pass per
        view over the whole batch instead of one per field), then each item is decided as by `moderate`.
        """
        it = iter(items)
        while True:
            chunk = list(itertools.islice(it, max(1, batch)))
            if not chunk:
                return
            t0 = time.perf_counter()
            state = self._state  # one state per batch: a reload in between applies from the next batch
            ready: list[Content | QinglangError] = []
            for item in chunk:
                try:
                    ready.append(item if isinstance(item, Content) else Content.from_json(item))
                except InvalidContent as exc:
                    ready.append(exc)
            views = [Views.build(c, state.normalizer) if isinstance(c, Content) else None for c in ready]
            batch_views = [v for v in views if v is not None]
            if len(batch_views) > 1:
                for det in state.detectors:
                    prepare = getattr(det, "prepare", None)
                    if prepare is not None:
                        try:
                            prepare(batch_views)
                        except Exception:  # the per-item pass redoes the work and reports the failure
                            log.exception("detector %s failed to prepare a batch", det.name)
            share = (time.perf_counter() - t0) / len(chunk)
            del batch_views, chunk
            for k, c in enumerate(ready):
                v, views[k] = views[k], None  # each item's views (and hits) are freed once it is decided
                if isinstance(c, Content) and v is not None:
                    yield self._decide(state, c, v, explain, None, time.perf_counter() - share)
                else:
                    yield c
                del v

    def _decide(self, state: _State, content: Content, views: Views, explain: bool, now: dt.datetime | None,
                t0: float, extra_signals: tuple[Signal, ...] = ()) -> Decision:
        signals: list[Signal] = list(extra_signals)
        degraded: list[str] = []
        media_trace = None
        if content.media:
            media_trace = _extract_media(state, content, views, degraded)
        for det in state.detectors:
            try:
                signals.extend(det.detect(content, views))
            except Exception:  # one broken detector must not fail the request: policy decides
                log.exception("detector %s failed on %s", det.name, content.id)
                degraded.append(f"{det.name}@{det.version}")
        # created_at selects dated overlays (policy/rules.py); the clock only when the content has no date
        today = decision_date(content, now) if (content.created_at or now is not None) else _today_cn()
        out = evaluate(state.policy, signals, content, today=today, degraded=bool(degraded), explain=explain)
        marks = out.marks
        if signals:
            labels = _label_results(signals, out.acted)
            risk = labels[0].score  # labels come strongest first
            if any(s.marks for s in signals):
                marks = tuple(dict.fromkeys([*marks, *(m for s in signals for m in s.marks)]))
        else:
            labels, risk = (), 0.0
        trace = None
        if explain:
            trace = {
                "signals": [
                    {"label": s.label, "score": round(s.score, 4), "rule": s.rule, "detector": s.detector,
                     "evidence": [e.to_json() for e in s.evidence]}
                    for s in signals
                ],
                "rules_fired": list(out.fired),
                "normalized": {name: nt.text for name, nt in views.items()},
            }
            if media_trace is not None:
                trace["media"] = media_trace
        return Decision(
            id=content.id, action=_ACTION_NAMES[out.action], risk=risk, labels=labels, marks=marks,
            account_actions=out.account_actions, policy_version=state.version,
            elapsed_ms=(time.perf_counter() - t0) * 1000, degraded=tuple(degraded), trace=trace,
        )


_DAY_CACHE: tuple[int, dt.date] = (-1, dt.date.min)
_ACTION_NAMES = {a: a.value_name for a in Action}


def _today_cn() -> dt.date:
    """Today's date in China (UTC+8), computed once per day rather than per request."""
    global _DAY_CACHE
    day = int((time.time() + 8 * 3600) // 86400)
    if _DAY_CACHE[0] != day:
        _DAY_CACHE = (day, dt.date(1970, 1, 1) + dt.timedelta(days=day))
    return _DAY_CACHE[1]


def _build_media(opts: Any) -> tuple[Any, str]:
    """The media extractor if Pillow is installed and media is not disabled (`extra["media"] = False`)."""
    if opts is False:
        return None, ""
    from .media.extract import MediaExtractor, MediaSettings, pillow_available

    if not pillow_available():
        note = "media@unavailable: Pillow is not installed (pip install 'qinglang[media]')"
        log.warning(note)
        return None, note
    settings = MediaSettings.from_options(dict(opts or {}) if opts is not True else {})
    return MediaExtractor(settings), ""


def _extract_media(state: _State, content: Content, views: Views, degraded: list[str]) -> list[dict[str, Any]]:
    """Add QR/OCR text of each image to the views; a failure marks the decision degraded, never fails it."""
    if state.media is None:
        if state.media_note:
            degraded.append(state.media_note)
        return []
    try:
        ex = state.media.extract(content)
    except Exception as exc:  # a bug in a media library must not fail the request either
        log.exception("media extraction failed on %s", content.id)
        degraded.append(f"media@error: {type(exc).__name__}: {exc}")
        return []
    for f in ex.fields:
        views.add(f.name, f.text, boxes=f.boxes)
    views.media = list(ex.images)
    for fail in ex.failures:
        log.warning("%s: %s", content.id, fail)
        degraded.append(str(fail))
    return [img.to_json() for img in ex.images]


def _label_results(signals: list[Signal], acted: dict[str, tuple[str, str]]) -> tuple[LabelResult, ...]:
    """One entry per label: the strongest signal's score, every signal's evidence, the acting campaign/rule."""
    by_label: dict[str, list[Signal]] = {}
    for s in signals:
        group = by_label.get(s.label)
        if group is None:
            by_label[s.label] = [s]
        else:
            group.append(s)
    out = []
    for label, group in by_label.items():
        best = group[0] if len(group) == 1 else max(group, key=lambda s: s.score)  # first of the strongest
        evidence = best.evidence
        if len(group) > 1:  # (each detector already gives one piece of evidence per span within a signal)
            # one span, one piece of evidence (the first detector's, in order)
            seen: set[tuple[str, int, int]] = set()
            evidence = tuple(e for s in group for e in s.evidence
                             if (k := (e.field, e.start, e.end)) not in seen and not seen.add(k))
        campaign, policy_rule = acted.get(label, ("", ""))
        out.append(LabelResult(label=label, score=best.score, campaign=campaign, rule=best.rule,
                               evidence=evidence, policy_rule=policy_rule))
    if len(out) > 1:
        out.sort(key=lambda lr: -lr.score)
    return tuple(out)
