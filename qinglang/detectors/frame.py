"""Frame detector: evaluates intent frames (`qinglang.frames`) over the normalized views of an item.

Every cue term of every frame file is compiled once into one `CompiledLexicon` (the same normalizer and matcher
as the lexicons, so 拆字, width, traditional characters and separators fold the same way); per item, the hits
are grouped by cue family, each family hit is put in scope (`qinglang.text.scope`), and each frame whose
constraints hold is checked for its families within its window. Evidence: one entry per cue that fired, its
rule ``frame.<frame id>.<family>``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from ..frames import Family, Frame, FrameFile, FrameSet, When, load_frames, shipped_frame_dir
from ..lexicon.matcher import CompiledLexicon
from ..lexicon.model import Entry
from ..model import Content, Evidence, Signal
from ..policy.schema import is_minor_audience
from ..text.diversion import feared
from ..text.normalize import ASTRAL_SYMBOLS, NormalizedText, Normalizer
from ..text.scope import ScopeCue, agent_noun, alert_at, crosses_clause, name_cut, scope_at
from ..text.target import person_spans
from .base import Views
from .registry import BuildContext, DetectorSpec


class _Cue(NamedTuple):
    field: str
    start: int
    end: int
    index: int  # entry index in the compiled lexicon
    text: NormalizedText  # the normalized field (scope is read from it)
    scope: str  # the family's scope mode: off | clause | full
    orig: tuple[int, int] | None = None  # a pictograph read on the original text (`_folded_symbols`): its span there

    @property
    def cues(self) -> tuple[ScopeCue, ...]:
        """Scope cues of this hit, computed when asked: only the cues of a frame that fires need them."""
        if self.scope == "off":
            return alert_at(self.text, self.start)  # a warning's opener reaches every cue after it, names included
        return scope_at(self.text, self.start, self.end, sentence_frames=self.scope == "full")


class FrameDetector:
    name = "frame"

    def __init__(self, frames: FrameSet, normalizer: Normalizer, name: str = "frame", stage: str = "cheap") -> None:
        self.name = name
        self.frames = frames
        self.stage = stage
        # `cheap`: the frames that read the item alone, in the detectors' pass; `labelled`: the frames with
        # `with_labels`, which read the labels other families found, run after them as a cascade (engine.py)
        self.cascade = stage == "labelled"
        self.version = frames.digest.removeprefix("sha256:")[:12]
        self.id = f"{self.name}@{self.version}"
        kept = [(ff, fr) for ff, fr in frames.frames if bool(fr.with_labels) == self.cascade]
        used = {(ff.name, n) for ff, fr in kept for n in (*fr.all, *fr.any, *fr.none)}
        used |= {(f, lit) for f, n in list(used) for lit in frames_family(frames, f, n).literal}
        entries: list[Entry] = []
        self._family_of: list[tuple[str, str]] = []
        self._families: dict[tuple[str, str], Family] = {}
        for _, ff in frames.files:
            for fam_name, fam in ff.families.items():
                key = (ff.name, fam_name)
                if self.cascade and key not in used:
                    continue  # the labelled stage matches only its own frames' families
                self._families[key] = fam
                rule = f"{ff.name}.{fam_name}"
                modes = frozenset(fam.match)
                for term in fam.terms:
                    entries.append(Entry(term=term, label="frame", rule=rule, lexicon=ff.name, match=modes))
                    self._family_of.append(key)
                for pattern in fam.regex:
                    entries.append(Entry(term=pattern, label="frame", rule=rule, lexicon=ff.name,
                                         match=frozenset({"regex"})))
                    self._family_of.append(key)
        self.compiled = CompiledLexicon(entries, normalizer)
        # family → (the families that mark its literal sense, how near): `Family.literal`, read in `cues`
        self._literal_of = {key: (tuple((key[0], n) for n in fam.literal), fam.literal_window)
                            for key, fam in self._families.items() if fam.literal}
        # Pictograph terms (😏, 🤤 in a family): the normalizer folds a pictograph wedged between two characters away
        # as a separator cloak, so the automaton never sees it there; `_folded_symbols` reads them on the original.
        symbols = [(e.term, i) for i, e in enumerate(self.compiled.entries)
                   if "regex" not in e.match and e.term and all(_SYMBOL_RX.fullmatch(ch) for ch in e.term)]
        # session 22 (lang22): one the normalizer reads as a character (🍑 → 讨, 💦 → 地, a CNTP cloak's reading) is
        # read as written, on the original text only: its automaton hits are on every 讨 and 地 of the text
        self._as_written = frozenset(i for term, i in symbols if self.compiled.canonical_term(i) != term)
        self._symbol_index: dict[str, list[int]] = defaultdict(list)
        for term, i in symbols:
            self._symbol_index[term].append(i)
        self._symbol_rx = re.compile("|".join(sorted((re.escape(t) for t in self._symbol_index), key=len,
                                                     reverse=True))) if symbols else None
        # Per entry, what `cues` reads of a hit: its family key, the family, whether it is a name regex (checked
        # for clause punctuation), its scope mode; and (family key, field name) → whether the family reads it.
        self._cue_of = [(key, fam := self._families[key], bool(fam.names and "regex" in entry.match), fam.scope)
                        for key, entry in zip(self._family_of, self.compiled.entries, strict=False)]
        self._reads: dict[tuple[tuple[str, str], str], bool] = {}
        self._frames: list[tuple[FrameFile, Frame]] = kept
        # A frame can fire only when its first `all` family (or, without one, one of its `any` families) fired:
        # per item only those frames are evaluated, in file order as before.
        self._triggered_by: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._always: list[int] = []
        # family → frames naming it (all/any) that need three families or more (the near misses' candidates)
        self._mentions: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, (ff, fr) in enumerate(self._frames):
            if len(fr.all) + (fr.min_any or 0) < 3:
                continue  # `near_misses` reads only frames that need three families or more
            for name in dict.fromkeys((*fr.all, *fr.any)):
                self._mentions[(ff.name, name)].append(i)
        # family → frames it vetoes (`none`): the structural innocences the frames know, read by the semantic tier
        self._vetoes: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, (ff, fr) in enumerate(self._frames):
            for name in dict.fromkeys(fr.none):
                self._vetoes[(ff.name, name)].append(i)
        for i, (ff, fr) in enumerate(self._frames):
            if fr.all:
                self._triggered_by[(ff.name, fr.all[0])].append(i)
            elif fr.any and (fr.min_any or 0) > 0:
                for name in fr.any:
                    self._triggered_by[(ff.name, name)].append(i)
            else:
                self._always.append(i)
        self.supported_labels = frozenset(fr.label for _, fr in self._frames)
        self._carried = frozenset(lab for _, fr in self._frames for lab in fr.with_labels)
        # whether an item's own media files say they are generated (the aigc detector's reading, bound below)
        self.media_generated: Callable[[Content], bool] | None = None

    def bind(self, detectors: list[Any]) -> None:
        """`ai_generated: true` holds for an item whose media carry a generation label (implicit label, C2PA AI
        assertion) as for a user's declaration: the aigc detector reads the files once for both."""
        self.media_generated = next((d.generated for d in detectors if hasattr(d, "generated")), None)

    def prepare(self, batch: list[Views]) -> None:
        """Batch hook: one automaton pass over every field of the batch."""
        self.compiled.match_many([nt for views in batch for nt in views.fields.values()])

    def cues(self, views: Views) -> dict[tuple[str, str], list[_Cue]]:
        """Cue-family hits of an item (family key → hits in scan order), scoped. A field's cues are memoized on
        its text (`NormalizedText.cache`): `detect` and the semantic gate's `near_misses` both read them."""
        out: dict[tuple[str, str], list[_Cue]] = defaultdict(list)
        for field_name, nt in views.items():
            memo_key = (self, field_name)
            per_field = nt.cache.get(memo_key)
            if per_field is None:
                per_field = []
                cue_of, reads = self._cue_of, self._reads
                for hit in self.compiled.match(nt):
                    if hit.index in self._as_written:
                        continue
                    key, fam, name_regex, scope = cue_of[hit.index]
                    if fam.fields is not None:
                        ok = reads.get((key, field_name))
                        if ok is None:
                            ok = reads[(key, field_name)] = any(field_name == f or field_name.startswith(f + ".")
                                                                for f in fam.fields)
                        if not ok:
                            continue
                    if name_regex and (crosses_clause(nt, hit.start, hit.end) or name_cut(nt.text, hit.start, hit.end)):
                        continue  # a name read across a comma that normalization removed joins two clauses, and
                        #           one whose suffix begins a longer word (科技|馆) names another thing
                    if agent_noun(nt.text, hit.start, hit.end) is not None:
                        continue  # the cue begins a profession's title (治 in 治疗师): it names the person
                    per_field.append((key, _Cue(field_name, hit.start, hit.end, hit.index, nt, scope)))
                for cue in self._folded_symbols(field_name, nt):
                    key, fam, _, _ = cue_of[cue.index]
                    if fam.fields is None or any(field_name == f or field_name.startswith(f + ".") for f in fam.fields):
                        per_field.append((key, cue))
                if self._literal_of:
                    per_field = self._unliteral(per_field)
                nt.cache[memo_key] = per_field
            for key, cue in per_field:
                out[key].append(cue)
        return out

    def _unliteral(self, per_field: list[tuple[tuple[str, str], _Cue]]) -> list[tuple[tuple[str, str], _Cue]]:
        """A field's cues less those a literal-sense cue stands beside (`Family.literal`: 鸡 by 白切鸡 is a dish)."""
        def literal(key: tuple[str, str], cue: _Cue) -> bool:
            fams, w = self._literal_of[key]
            return any(k in fams and c.start < cue.end + w and c.end > cue.start - w for k, c in per_field)
        return [(key, cue) for key, cue in per_field if key not in self._literal_of or not literal(key, cue)]

    def _folded_symbols(self, field_name: str, nt: NormalizedText) -> list[_Cue]:
        """Cues for the family pictographs of the original text that normalization folded away (a 😏 between two
        characters is read as an inserted separator) or reads as a character (🍑 → 讨): each sits at the canonical
        offset of the character after it (or read from it), zero wide, its original span kept for the evidence.
        Empty when no such pictograph was dropped or read."""
        if self._symbol_rx is None or nt.original is nt.text or not nt.changed:
            return []
        out: list[_Cue] = []
        positions = range(len(nt.text))
        for m in self._symbol_rx.finditer(nt.original):
            # the first canonical character at or after the pictograph (spans map back monotonically)
            k = bisect_left(positions, m.start(), key=lambda i: nt.span(i, i + 1)[0])
            if nt.text.startswith(m.group(), k) or (k > 0 and nt.text[k - 1:k + len(m.group()) - 1] == m.group()):
                continue  # kept by normalization: the automaton found it
            for index in self._symbol_index[m.group()]:
                out.append(_Cue(field_name, k, k, index, nt, self._cue_of[index][3], (m.start(), m.end())))
        return out

    def near_misses(self, content: Content, views: Views, labels: frozenset[str] | None = None) -> set[str]:
        """Labels of frames one family short of firing with at least two families found (for the semantic cascade's
        gate: one broad family alone — 学生, 钱 — is every other post); cue matching is memoized, so this costs a
        pass over the families found, not a second scan. `labels`: only frames of these labels are looked at."""
        found = self.cues(views)
        out: set[str] = set()
        if not found:
            return out
        candidates: set[int] = set()
        for key in found:
            candidates.update(self._mentions.get(key, ()))
        for i in sorted(candidates):  # only frames with a family found can be one short of firing with two found
            ff, fr = self._frames[i]
            if fr.label in out or (labels is not None and fr.label not in labels):
                continue
            need = len(fr.all) + (fr.min_any or 0)  # three or more (`_mentions`): two found and one short
            have = sum(1 for n in fr.all if found.get((ff.name, n))) + min(
                fr.min_any or 0, sum(1 for n in fr.any if found.get((ff.name, n))))
            if have >= 2 and have == need - 1 and holds(fr.when, content, self.media_generated):
                out.add(fr.label)
        return out

    def vetoed(self, views: Views, labels: frozenset[str] | None = None) -> set[str]:
        """Labels with a frame that a family found in the item vetoes (its `none`: a kin or teacher speaking, a
        warning, a refusal…), un-negated and not a feared report, as `_evaluate` reads a veto: the item carries an
        innocence the frames know for that label, whatever else it says (the semantic tier's bag of words cannot see
        who speaks to whom; session 17). `labels`: only these."""
        found = self.cues(views)
        out: set[str] = set()
        for key, cues in found.items():
            frames = self._vetoes.get(key)
            if not frames or not any(not _negated(c) and not feared(c.text.text, c.start, c.end) for c in cues):
                continue
            for i in frames:
                label = self._frames[i][1].label
                if labels is None or label in labels:
                    out.add(label)
        return out

    def detect(self, content: Content, views: Views) -> list[Signal]:
        return self._detect(content, views, None)

    def detect_cascade(self, content: Content, views: Views, signals: list[Signal]) -> list[Signal]:
        """The labelled stage: the `with_labels` frames, on the labels the passes before it found (a frame fires only
        where one of its labels stands at its `with_min`); its evidence adds the carrying label's first span."""
        standing: dict[str, Signal] = {}
        for sig in signals:
            if sig.label in self._carried and (sig.label not in standing or sig.score > standing[sig.label].score):
                standing[sig.label] = sig
        if not standing:
            return []
        return self._detect(content, views, standing)

    def _detect(self, content: Content, views: Views, standing: dict[str, Signal] | None) -> list[Signal]:
        found = self.cues(views)
        if not found:
            return []
        best: dict[str, Signal] = {}
        yields: dict[str, list[str]] = {}  # label → the labels its best frame gives way to
        candidates = set(self._always)
        for key in found:
            candidates.update(self._triggered_by.get(key, ()))
        for i in sorted(candidates):
            ff, fr = self._frames[i]
            carrier = None
            if fr.with_labels:
                carrier = max((standing[lab] for lab in fr.with_labels if standing and lab in standing),
                              key=lambda sig: sig.score, default=None)
                if carrier is None or carrier.score < fr.with_min:
                    continue
            sig = self._evaluate(ff, fr, found, content, views)
            if sig is not None and carrier is not None:
                sig = replace(sig, evidence=sig.evidence + _carried(fr, carrier))
            if sig is not None and (sig.label not in best or sig.score > best[sig.label].score):
                best[sig.label] = sig
                yields[sig.label] = fr.yields_to
        return [sig for label, sig in best.items() if not any(y in best for y in yields[label])]

    def _evaluate(self, ff: FrameFile, fr: Frame, found: dict[tuple[str, str], list[_Cue]], content: Content,
                  views: Views) -> Signal | None:
        fams = {name: found.get((ff.name, name), []) for name in (*fr.all, *fr.any)}
        if any(not fams[n] for n in fr.all):
            return None
        fired_any = [n for n in fr.any if fams[n]]
        if len(fired_any) < (fr.min_any or 0):
            return None
        if any(not _negated(c) and not feared(c.text.text, c.start, c.end) for n in fr.none
               for c in found.get((ff.name, n), ())):
            return None  # a negated veto cue (别问来源, 没有来源) does not veto, nor a feared report (别被举报了)
        if not holds(fr.when, content, self.media_generated):
            return None
        anchors = [(fr.all[0], c) for c in fams[fr.all[0]]] if fr.all else [(n, c) for n in fired_any for c in fams[n]]
        chosen: dict[str, _Cue] | None = None
        n_any = -1
        for a_name, anchor in anchors:
            picked: dict[str, _Cue] = {}
            for name in (*fr.all, *fired_any):
                shown = (ff.families[name].shown, ff.families[a_name].shown)
                near = [c for c in fams[name] if fr.window is None or _in_scene(c, anchor, fr.window, shown)]
                if near:
                    picked[name] = min(near, key=lambda c: (c.field != anchor.field, abs(c.start - anchor.start)))
            if any(n not in picked for n in fr.all):
                continue
            k = sum(1 for n in fired_any if n in picked)
            if k >= (fr.min_any or 0) and k > n_any:
                chosen, n_any = picked, k
        if chosen is None:
            return None
        target = _target(fr, chosen) if fr.target else None
        if fr.target and target is None:
            return None
        score = fr.score.base + fr.score.per_cue * max(0, n_any - (fr.min_any or 0))
        score += sum(b.add for b in fr.boost if holds(b, content, self.media_generated))
        score = min(fr.score.max, score)
        scoped = {name: cue.cues for name, cue in chosen.items()}
        kinds: dict[str, float] = {}
        for cues in scoped.values():
            for sc in cues:
                kinds[sc.kind] = sc.factor
        for factor in kinds.values():
            score *= factor
        evidence = tuple(self._evidence(views, fr, name, cue, scoped[name]) for name, cue in chosen.items())
        if target is not None:
            field, a, b = target
            evidence += (views.evidence(field, a, b, rule=f"frame.{fr.id}.target", detector=self.id),)
        # A debunk or a case report describes the content it refutes or records, and a warning that refuses the move
        # (千万别转账) describes it too: neither is that content, so neither takes the content's marks (辟谣：网传图片系
        # AI生成 is no AI-generated post; 现在AI能克隆声音，千万别转账 is no AI impersonation).
        marks = () if kinds.keys() & _REFUTING else tuple(fr.marks)
        return Signal(label=fr.label, score=round(min(1.0, max(0.0, score)), 4), rule=f"frame.{fr.id}",
                      detector=self.id, evidence=evidence, marks=marks)

    def _evidence(self, views: Views, fr: Frame, family: str, cue: _Cue, cues: tuple[ScopeCue, ...]) -> Evidence:
        if cue.orig is not None:  # a pictograph normalization folded away or read as a character: as written
            a, b = cue.orig
            written = cue.index in self._as_written
            return views.original_evidence(cue.field, a, b, rule=f"frame.{fr.id}.{family}", detector=self.id,
                                           normalized=self.compiled.entries[cue.index].term if written
                                           else self.compiled.canonical_term(cue.index),
                                           layers=("emoji",) if written else ("separator",))
        regex = "regex" in self.compiled.entries[cue.index].match
        return views.evidence(cue.field, cue.start, cue.end, rule=f"frame.{fr.id}.{family}", detector=self.id,
                              normalized=None if regex else self.compiled.canonical_term(cue.index),
                              scope=",".join(c.tag for c in cues) or None)


_SYMBOL_RX = re.compile(f"[{ASTRAL_SYMBOLS}\u2600-\u27bf\ufe0f\u200d]")
_REFUTING = frozenset({"debunking", "case_report", "negation"})


def _carried(fr: Frame, carrier: Signal) -> tuple[Evidence, ...]:
    """The carrying label's first located evidence (else its first: a vote that locates no span), re-ruled
    `frame.<id>.with.<label>`, its own rule kept in `value`: the finding the frame rests on, and who found it."""
    ev = next((e for e in carrier.evidence if e.end > e.start), carrier.evidence[0] if carrier.evidence else None)
    if ev is None:
        return ()
    return (ev._replace(rule=f"frame.{fr.id}.with.{carrier.label}",
                        value=f"{carrier.label}:{ev.rule or carrier.rule}"),)


def _in_scene(cue: _Cue, anchor: _Cue, window: int, shown: tuple[bool, bool]) -> bool:
    """Whether `cue` is within `window` characters of `anchor`: in one field, or across fields where the one in a
    media note is of a `shown` family (session 23): what the file shows and the words beside it are one scene."""
    if cue.field == anchor.field:
        return abs((cue.start + cue.end) - (anchor.start + anchor.end)) // 2 <= window
    return any(c.field.endswith(".note") and k for c, k in zip((cue, anchor), shown, strict=True))


def _target(fr: Frame, chosen: dict[str, _Cue]) -> tuple[str, int, int] | None:
    """(field, start, end) of the cue naming the one person a frame's act is aimed at: the person cue nearest the
    frame's first cue, in its field, within the frame's window; None when no one is named there."""
    anchor = chosen[fr.all[0]] if fr.all else next(iter(chosen.values()))
    nt = anchor.text
    memo = nt.cache.get("person_spans")
    if memo is None:
        memo = nt.cache["person_spans"] = person_spans(nt.text)
    mid = anchor.start + anchor.end
    near = [(abs(a + b - mid) // 2, a, b) for a, b in memo
            if fr.window is None or abs(a + b - mid) // 2 <= fr.window]
    if not near:
        return None
    _, a, b = min(near)
    return anchor.field, a, b


def _negated(cue: _Cue) -> bool:
    return any(sc.kind == "negation" for sc in cue.cues)


def frames_family(frames: FrameSet, file: str, name: str) -> Family:
    """The family `name` of the frame file called `file`."""
    return next(ff.families[name] for _, ff in frames.files if ff.name == file)


def holds(when: When, content: Content, media_generated: Callable[[Content], bool] | None = None) -> bool:
    """Whether an item meets a frame's (or a boost's) constraints. `ai_generated` is the user's declaration or,
    with `media_generated`, the generation label in the item's own files."""
    if when.surfaces is not None and content.surface not in when.surfaces:
        return False
    if when.not_surfaces is not None and content.surface in when.not_surfaces:
        return False
    if when.kinds is not None and content.kind not in when.kinds:
        return False
    minor = is_minor_audience(content)
    for want in (when.audience, when.recipient):
        if want is not None and minor != (want == "minor"):
            return False
    if when.speaker is not None:
        sp, a = when.speaker, content.author
        if sp.verified is not None and bool(a.verified) != sp.verified:
            return False
        if sp.minor is not None and (a.age is not None and a.age < 18) != sp.minor:
            return False
        if sp.news_license is not None and bool(a.news_license) != sp.news_license:
            return False
    if when.source is not None and bool(content.declared.source) != (when.source == "present"):
        return False
    if when.fictional is not None and bool(content.declared.fictional) != when.fictional:
        return False
    if when.ai_generated is not None:
        generated = bool(content.declared.ai_generated) or (
            media_generated is not None and bool(content.media) and media_generated(content))
        if generated != when.ai_generated:
            return False
    return True


class Params(BaseModel):
    """Registry parameters of a `frame` detector."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    shipped: bool = Field(True, description="load the frames shipped in qinglang/frames/data")
    dirs: list[str] = Field(default_factory=list, description="a platform's own frame folders, added to the shipped")
    stage: Literal["cheap", "labelled"] = Field(
        "cheap", description="cheap: the frames that read the item alone; labelled: the frames with `with_labels`, a "
                             "cascade after the detectors and learned tiers whose labels they read")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> FrameDetector:
    dirs = [shipped_frame_dir()] if spec.params.shipped else []
    dirs += [Path(p) for p in spec.params.dirs]
    return FrameDetector(load_frames(dirs, ctx.custom_labels), ctx.normalizer, name=spec.name,
                         stage=spec.params.stage)
