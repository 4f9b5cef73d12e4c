"""The engine orchestrates: normalize → detectors → policy → Decision (STYLE §5.7). Nothing else."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import itertools
import logging
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .clock import today_cn
from .detectors import BatchPreparer, BuildContext, Detector, Registry, Views
from .detectors.contact_info import ContactInfoDetector
from .errors import ConfigError, InvalidContent, QinglangError
from .labels import LABELS, Action
from .lexicon import CompiledLexicon, Lexicon, load_dirs, shipped_lexicon_dirs
from .lexicon.edits import Edit, LexiconEdits
from .model import Content, Decision, Degradation, LabelResult, Signal
from .passes import Pass, cascade_batch, cascade_step, cheap_pass, cheap_pass_many
from .policy import Evaluator, Policy, decision_date, load_policies, shipped_policy_dir
from .scoping import strike_colabels
from .stages import Staged, build_views, link_replies, reply_views
from .text.normalize import LAYERS, NormalizedText, Normalizer
from .wordfilter import DEFAULT as _DEFAULT_OPTIONS
from .wordfilter import MaskStrategy, Options, WordFilter, WordHit

log = logging.getLogger(__name__)
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
    # The detector types the registry YAML may name (`Registry.default()` when None); a platform adds its own
    # with `Registry.default().with_type(...)`.
    registry: Registry | None = None
    # Journal of run-time lexicon edits (words added/removed, allow phrases; qinglang/lexicon/edits.py), e.g.
    # `platform-lexicon/edits.jsonl`: replayed at build, re-read when it changes, written by `Engine.edit_lexicon`.
    edits: Path | None = None


@dataclass(frozen=True)
class _State:
    normalizer: Normalizer
    lexicons: tuple[Lexicon, ...]
    compiled: CompiledLexicon
    detectors: tuple[Detector, ...]
    preparers: tuple[BatchPreparer, ...]  # the detectors with a batch hook, in detector order
    policy: Policy
    evaluator: Evaluator  # the policy with its plan / outcome caches: owned here, swapped on reload
    version: str
    media: Any = None  # qinglang.media.MediaExtractor, or None (disabled or Pillow missing)
    media_off: Degradation | None = None  # why media is off, reported for content with media
    wordfilter: WordFilter | None = None
    cascade: tuple[Any, ...] = ()  # detectors with `cascade = True`: detect_cascade(content, views, signals)
    scope_acts: bool = True  # the post-level scope pass (qinglang.scoping); off with extra={"scope_acts": False}
    adjusters: tuple[Any, ...] = ()  # detectors with `adjusts = True`: adjust(content, views, signals) (stance)


class Engine:
    """Build once, share across threads. `reload()` swaps all state atomically; requests in flight finish
    on the state they started with. A long-lived process calls `freeze_heap()` once it has built (or
    reloaded) its engine; a library host decides for itself."""

    def __init__(self, config: EngineConfig | None = None) -> None:
        self.config = config or EngineConfig()
        self._state = self._build(self.config)
        self._reload_lock = threading.Lock()
        self._edits = self._open_edits(self.config, self._state)

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
    def _open_edits(cfg: EngineConfig, state: _State) -> LexiconEdits | None:
        if cfg.edits is None:
            return None
        edits = LexiconEdits(Path(cfg.edits), state.normalizer, cfg.custom_labels | frozenset(LABELS))
        state.compiled.overlay = edits.overlay
        return edits

    def _current(self) -> _State:
        """The state in force, with the latest run-time lexicon edits laid over it (one stat when configured)."""
        state = self._state
        edits = self._edits
        if edits is not None:
            try:
                edits.refresh()
            except QinglangError:  # e.g. a word whose label was since removed: keep serving the last good overlay
                log.exception("lexicon edits %s could not be applied; the last good ones stay in force", edits.path)
            if state.compiled.overlay is not edits.overlay:
                state.compiled.overlay = edits.overlay
        return state

    @staticmethod
    def _build(cfg: EngineConfig) -> _State:
        normalizer = Normalizer(cfg.layers)
        custom = cfg.custom_labels | frozenset(LABELS)
        dirs = [*(shipped_lexicon_dirs() if cfg.include_shipped_lexicons else []), *cfg.lexicon_dirs]
        lexicons = tuple(load_dirs(dirs, custom))
        compiled = CompiledLexicon([e for lex in lexicons for e in lex.entries], normalizer,
                                   allow=[p for lex in lexicons for p in lex.allow])
        pdirs = [*([shipped_policy_dir()] if cfg.include_shipped_policies else []), *cfg.policy_dirs]
        policy = load_policies(pdirs, custom)
        ctx = BuildContext(normalizer=normalizer, lexicon=compiled, custom_labels=custom, extra=dict(cfg.extra))
        detectors = tuple((cfg.registry or Registry.default()).build(cfg.detectors, ctx))
        preparers = tuple(d for d in detectors if isinstance(d, BatchPreparer))
        media, media_off = _build_media(cfg.extra.get("media", {}))
        h = hashlib.sha256(policy.version.encode())
        for lex in lexicons:
            h.update(lex.name.encode() + b"\0" + lex.digest.encode())
        for det in detectors:
            h.update(f"{det.name}@{det.version}".encode())
        h.update(",".join(cfg.layers).encode())
        if media is not None:
            h.update(b"media:" + media.fingerprint.encode())
        finder = next((d.finder for d in detectors if isinstance(d, ContactInfoDetector)), None)
        wf = WordFilter(compiled, normalizer, finder, custom)
        cascade = tuple(d for d in detectors if getattr(d, "cascade", False))
        scope_acts = cfg.extra.get("scope_acts", True) is not False
        if not scope_acts:
            h.update(b"scope_acts:off")
        adjusters = tuple(d for d in detectors if getattr(d, "adjusts", False))
        return _State(normalizer, lexicons, compiled, detectors, preparers, policy, Evaluator(policy),
                      "sha256:" + h.hexdigest(), media, media_off, wf, cascade, scope_acts, adjusters)

    def reload(self, config: EngineConfig | None = None) -> str:
        """Rebuild from (new) config and swap atomically; on error the old state stays. Returns the version."""
        with self._reload_lock:
            cfg = config or self.config
            state = self._build(cfg)  # raises before anything changes
            edits = self._open_edits(cfg, state)
            self.config, self._state, self._edits = cfg, state, edits
            return state.version

    @property
    def policy_version(self) -> str:
        """Names everything that decides: policies, lexicons, detectors, layers, and run-time lexicon edits."""
        return _version_of(self._current())

    # -- the word-filter API (qinglang/wordfilter.py): a text in, words out; no content, no policy --------------
    def filter_options(self, **kw: Any) -> Options:
        """Validated per-call options (layers, modes, labels, tags, min_score), reusable across calls."""
        return self._wordfilter(self._current()).options(**kw)

    def find_all(self, text: str, options: Options | None = None, **kw: Any) -> list[WordHit]:
        """Every lexicon (and contact_info) hit in `text`, spans in the original text. Options as
        `filter_options` (keyword arguments here, or a prepared `Options`)."""
        wf = self._wordfilter(self._current())
        return wf.find_all(text, options or (wf.options(**kw) if kw else _DEFAULT_OPTIONS))

    def contains(self, text: str, options: Options | None = None, **kw: Any) -> bool:
        """True as soon as one hit is found (plain spellings first; the sound-class view only if needed)."""
        wf = (self._state if self._edits is None else self._current()).wordfilter
        assert wf is not None
        return wf.contains(text, options or (wf.options(**kw) if kw else _DEFAULT_OPTIONS))

    def mask(self, text: str, options: Options | None = None, *, char: str = "*", replacement: str | None = None,
             per_label: dict[str, str] | None = None, callback: Any = None, **kw: Any) -> str:
        """`text` with every hit masked in the original: `char` per character (default), a fixed `replacement`
        per span, `per_label` replacements, or `callback(hit) -> str`. Offsets hold through every layer."""
        wf = (self._state if self._edits is None else self._current()).wordfilter
        assert wf is not None
        strategy = _STAR if (char == "*" and replacement is None and per_label is None and callback is None) else \
            MaskStrategy.of(char, replacement, per_label, callback)
        return wf.mask(text, options or (wf.options(**kw) if kw else _DEFAULT_OPTIONS), strategy)

    def edit_lexicon(self, op: str, term: str, *, actor: str, reason: str, **kw: Any) -> Edit:
        """Add/remove a word or allow/unallow a phrase at run time (journal in `EngineConfig.edits`)."""
        if self._edits is None:
            raise ConfigError("run-time lexicon edits need a journal: EngineConfig(edits=PATH) or "
                              "QINGLANG_LEXICON_EDITS")
        edit = self._edits.apply(op, term, actor=actor, reason=reason, **kw)
        self._current()
        return edit

    @property
    def lexicon_edits(self) -> LexiconEdits | None:
        self._current()
        return self._edits

    @staticmethod
    def _wordfilter(state: _State) -> WordFilter:
        assert state.wordfilter is not None
        return state.wordfilter

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
                 now: dt.datetime | None = None, replies: Iterable[Content | dict[str, Any]] = (),
                 extra_signals: Iterable[Signal] = (), views: Views | None = None) -> Decision:
        """Decide one item. A dict is validated first (InvalidContent on a bad field). `replies` (replies to it
        already seen) are context for thread-aware detectors: doubt and debunk replies raise a rumour score.
        `extra_signals` are cross-item findings made outside the engine (qinglang.clusters), decided on like any
        detector's; `views`, the item's text stage when the caller already built it with `self.normalizer` (the
        media stage still runs here; views built for another content object are ignored)."""
        t0 = time.perf_counter()
        if not isinstance(content, Content):
            content = Content.from_json(content)
        state = self._current()
        context = reply_views([r if isinstance(r, Content) else Content.from_json(r) for r in replies],
                              state.normalizer)
        fields = views.fields if views is not None and views.content is content else None
        return self._decide(state, content, self._stage(state, content, context, fields), explain, now, t0,
                            tuple(extra_signals))

    def moderate_many(self, items: Iterable[Content | dict[str, Any]], *, explain: bool = False,
                      batch: int = BATCH) -> Iterator[Decision | QinglangError]:
        """Stream decisions in input order with constant memory; a bad item yields its error, not a stop.

        Items are taken `batch` at a time: their views are built (text, then media), then every
        `BatchPreparer` detector does its batch work at once (the lexicon matchers run one automaton pass per
        view over the whole batch instead of one per field), then each item is decided as by `moderate`, in two
        phases (session 20): the cheap pass of every item of the batch, then each cascade stage over the batch (a
        `BatchCascade` stage, the semantic tier, embeds and searches the items its gate lets in together), then the
        policy item by item. The decisions are `moderate`'s, bit for bit (tests/engine/test_batch_cascade.py).
        """
        it = iter(items)
        while True:
            chunk = list(itertools.islice(it, max(1, batch)))
            if not chunk:
                return
            t0 = time.perf_counter()
            state = self._current()  # one state per batch: a reload in between applies from the next batch
            ready: list[Content | QinglangError] = []
            for item in chunk:
                try:
                    ready.append(item if isinstance(item, Content) else Content.from_json(item))
                except InvalidContent as exc:
                    ready.append(exc)
            staged = link_replies([self._stage(state, c) if isinstance(c, Content) else None for c in ready])
            batch_views = [st.views for st in staged if st is not None]
            if len(batch_views) > 1:
                for prep in state.preparers:
                    try:
                        prep.prepare(batch_views)
                    except Exception:  # the per-item pass redoes the work and reports the failure
                        log.exception("detector %r failed to prepare a batch", prep)
            share = (time.perf_counter() - t0) / len(chunk)
            del batch_views, chunk
            # phase 1: the cheap pass of every item; then each cascade stage over the batch (`cascade_batch`: a stage
            # with a batch hook, the semantic tier, embeds and votes its gated items together); phase 2 per item
            live = [isinstance(c, Content) and st is not None for c, st in zip(ready, staged, strict=True)]
            made = iter(cheap_pass_many(state.detectors, state.scope_acts,
                                        [(c, st, ()) for c, st, ok in zip(ready, staged, live, strict=True) if ok]))
            passes: list[Pass | None] = [next(made) if ok else None for ok in live]
            del staged
            cascade_batch(state.cascade, state.scope_acts, [p for p in passes if p is not None])
            for k, c in enumerate(ready):
                p, passes[k] = passes[k], None  # each item's views (and hits) are freed once it is decided
                if p is not None:
                    yield self._finish(state, p, explain, None, time.perf_counter() - share - p.spent)
                else:
                    yield c
                del p

    @staticmethod
    def _stage(state: _State, content: Content, replies: tuple[Views, ...] = (),
               fields: Mapping[str, NormalizedText] | None = None) -> Staged:
        return build_views(content, state.normalizer, state.media, state.media_off, replies, fields=fields)

    def _decide(self, state: _State, content: Content, staged: Staged, explain: bool, now: dt.datetime | None,
                t0: float, extra_signals: tuple[Signal, ...] = ()) -> Decision:
        item = cheap_pass(state.detectors, state.scope_acts, content, staged, extra_signals)
        for det in state.cascade:  # after the cheap pass, on a copy of its signals (the views stay as staged)
            cascade_step(det, state.scope_acts, item)
        return self._finish(state, item, explain, now, t0)

    def _finish(self, state: _State, item: Pass, explain: bool, now: dt.datetime | None, t0: float) -> Decision:
        """Phase 2 of a decision: the policy, the adjusters (stance), struck co-labels, marks and the trace."""
        content, signals, degraded, views = item.content, item.signals, item.degraded, item.staged.views
        media_trace = item.staged.media_trace
        # the policy's `degraded` is every entry but the media files that were not delivered (`fails_closed`)
        not_closed = sum(not d.fails_closed for d in item.staged.degraded)
        # created_at selects dated overlays (policy/evaluate.py); the clock only when the content has no date
        today = decision_date(content, now) if (content.created_at or now is not None) else today_cn()
        out = state.evaluator.evaluate(signals, content, today=today, degraded=len(degraded) > not_closed,
                                       explain=explain)
        if state.adjusters and out.action != Action.PASS:
            # Post-level re-weighting of what was found (the stance stage, qinglang.models.stance_detector), paid
            # only by the items the policy acts on; the policy runs again when it changed a score.
            adjusted = signals
            for det in state.adjusters:
                try:
                    adjusted = det.adjust(content, views, adjusted)
                except Exception:
                    log.exception("detector %s failed on %s", det.name, content.id)
                    degraded.append(str(Degradation(f"{det.name}@{det.version}", "error")))
            if adjusted is not signals:
                signals = adjusted
                out = state.evaluator.evaluate(signals, content, today=today, degraded=len(degraded) > not_closed,
                                               explain=explain)
        if out.action != Action.PASS:
            # Co-labels the post's own final labels contain (qinglang.scoping.strike_colabels), read after the
            # stance stage has spoken.
            struck = strike_colabels(signals, [nt.text for f, nt in views.fields.items() if f in ("title", "text")],
                                     content)
            if struck is not signals:
                signals = struck
                out = state.evaluator.evaluate(signals, content, today=today, degraded=len(degraded) > not_closed,
                                               explain=explain)
        marks = out.marks
        action = out.action
        if signals:
            # A zero-score signal that carries marks (AI content that IS labelled) is a mark, not a finding: it
            # gives its marks but no label (DESIGN §3: compliant labelled content carries no violation label).
            found = [s for s in signals if s.score > 0 or not s.marks]
            labels = _label_results(found, out.acted) if found else ()
            risk = labels[0].score if labels else 0.0  # labels come strongest first
            if any(s.marks for s in signals):
                marks = tuple(dict.fromkeys([*marks, *(m for s in signals for m in s.marks)]))
        else:
            labels, risk = (), 0.0
        if marks and action == Action.PASS:
            action = Action.LABEL  # DESIGN §3: a decision with marks is published with them, never a bare `pass`
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
            id=content.id, action=_ACTION_NAMES[action], risk=risk, labels=labels, marks=marks,
            account_actions=out.account_actions, policy_version=_version_of(state),
            elapsed_ms=(time.perf_counter() - t0) * 1000, degraded=tuple(degraded), trace=trace,
        )


def _version_of(state: _State) -> str:
    """The state's version, or with run-time lexicon edits in force, a version naming both."""
    overlay = state.compiled.overlay
    if overlay is None:
        return state.version
    key = (state.version, overlay.version)
    out = _EDIT_VERSIONS.get(key)
    if out is None:
        out = "sha256:" + hashlib.sha256(f"{state.version}+edits:{overlay.version}".encode()).hexdigest()
        if len(_EDIT_VERSIONS) > 64:
            _EDIT_VERSIONS.clear()
        _EDIT_VERSIONS[key] = out
    return out


_EDIT_VERSIONS: dict[tuple[str, str], str] = {}
_STAR = MaskStrategy.of()
_ACTION_NAMES = {a: a.value_name for a in Action}


def freeze_heap() -> None:
    """Move everything allocated so far out of the cyclic collector's reach (`gc.freeze`).

    Why: an engine's build allocates ~0.5M long-lived objects (tables, lexicon entries, pypinyin's phrase
    lists); every full collection otherwise walks them all, ~120 ms, a quarter of the engine's time under
    load. It freezes every object of the process, not only the engine's, so the process's entry point (CLI,
    server worker, benchmark) calls it after building or reloading the engine, never the library itself.
    """
    gc.freeze()


def _build_media(opts: Any) -> tuple[Any, Degradation | None]:
    """The media extractor if Pillow is installed and media is not disabled (`extra["media"] = False`)."""
    if opts is False:
        return None, None
    from .media.extract import MediaExtractor, MediaSettings, pillow_available

    if not pillow_available():
        log.warning("media is off: Pillow is not installed (pip install 'qinglang[media]')")
        return None, Degradation("media", "unavailable")
    settings = MediaSettings.from_options(dict(opts or {}) if opts is not True else {})
    return MediaExtractor(settings), None


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
