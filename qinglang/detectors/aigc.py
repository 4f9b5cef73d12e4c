"""AIGC label detector (campaigns 4 and 6): the platform's duties of 标识办法 Art. 6 as signals and marks.

For each item it weighs the implicit label in its media files (bounded metadata reads, no OCR), a C2PA
AI-generation assertion, the user's declaration (`declared.ai_generated`) and the explicit wording in its
text. The level goes into the rule id (`aigc.implicit.confirmed`, `aigc.declared.possible`,
`aigc.trace.suspected`) and the marks (`aigc_explicit`, `aigc_explicit:<level>`), which the engine copies into
the Decision so the platform shows the notice. `aigc_unlabeled` scores how sure we are that generated content
lacks a valid label; a properly labeled item yields the same label at score 0 with the marks.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..model import Content, Evidence, Signal
from ..text.normalize import LAYERS
from .base import Views
from .registry import BuildContext, DetectorSpec

LABEL = "aigc_unlabeled"
_ALL_LAYERS = frozenset(LAYERS)  # what `explicit.find_in_text` normalizes with (the default normalizer)
LEVEL_ORDER = {"confirmed": 3, "possible": 2, "suspected": 1}
# Confidence that the item is generated content without a valid label, by the strongest evidence.
# A user declaration is not a violation: the platform labels it (mark only, Art. 6 (二)), so it scores 0.
# A poster who declares `ai_generated: false` over a file whose implicit label says generated scores
# "declared_false": the notice is added (a mark), and on prominent surfaces the item is limited (policy 06).
SCORES = {"invalid_record": 0.8, "c2pa": 0.7, "declared": 0.0, "explicit_only": 0.4, "declared_false": 0.6,
          # generation traces in the words (`aigc_text`): a generator's parameters, a chatbot's reply frame, a batch
          # script, pasted AIGC metadata. Vouched for as a real capture (实拍, 原相机直出), the unlabelled content
          # misleads: 0.8, and then a generator merely named as the maker (#即梦AI) counts too. Vouched for as a real
          # event (现场, 刚刚, 突发), it is also `aigc_deceptive` (review, policy 06). A generator's bare hashtag
          # (#即梦AI, no sentence saying the poster made it with the tool) is the weakest trace: 0.55, the notice.
          "text_trace": 0.7, "text_tag": 0.55, "text_presented_real": 0.8,
          # a file whose valid implicit label says generated (Label=1), shown with nothing readers see: no explicit
          # label in the post, the file or its OCR, no declaration, no words saying it is AI-made (session 18). The
          # implicit label is metadata; GB 45438 §4 puts the explicit one where readers see it: label it (0.6).
          "implicit_unshown": 0.6}
DECEPTIVE = "aigc_deceptive"
DECEPTIVE_SCORE = 0.6


@dataclass(frozen=True)
class AigcParams:
    max_bytes: int = 64 * 1024 * 1024
    max_media: int = 8
    read_c2pa: bool = True
    text_window: int = 64


class AigcDetector:
    name = "aigc"
    version = "1"
    supported_labels = frozenset({LABEL, DECEPTIVE})

    def __init__(self, params: AigcParams | None = None, media_root: str | Path | None = None, *,
                 name: str = "aigc") -> None:
        from ..media.aigc import core  # noqa: F401  (fail at build time if the package is broken)
        from ..media.decode import MediaLimits, MediaLoader

        self.params = params or AigcParams()
        self.name = name
        self.id = f"{self.name}@{self.version}"
        # The one loader for content-supplied paths (root check, regular files only, size before reading),
        # rooted where the engine's media extractor is (`extra["media"]["root"]`, else the working directory).
        self.loader = MediaLoader(media_root, MediaLimits(max_bytes=self.params.max_bytes))
        # the last item's media reports (identity-checked): `detect` and the frames' `generated` share one read
        self._memo: tuple[Content, list[tuple[int, Any, str | None]]] | None = None

    def reports(self, content: Content) -> list[tuple[int, Any, str | None]]:
        """(index, report or None, why unreadable) per media item, read once per item: the frame detector asks
        the same question (`generated`) and must not read the files a second time."""
        from ..errors import MediaError as LoadError
        from ..media.aigc import MediaError, core

        memo = self._memo
        if memo is not None and memo[0] is content:
            return memo[1]
        out: list[tuple[int, Any, str | None]] = []
        declared = content.declared.ai_generated
        for i, ref in enumerate(content.media[: self.params.max_media]):
            # the implicit label the platform already read from this file, if it passed one (`media[i].metadata`)
            supplied = core.metadata_records(ref.metadata, f"media[{i}].metadata")
            # a C2PA manifest the platform read and passed (`core.metadata_c2pa`), judged like the file's own
            manifest = core.metadata_c2pa(ref.metadata) if self.params.read_c2pa else None
            if not ref.has_file and not supplied and manifest is None and ref.note:
                continue  # an item described in words only (its note is read as text): nothing to read here
            if not ref.has_file:  # the platform passed what it read, not the file
                out.append((i, core.inspect_records(supplied, declared_ai=declared, c2pa=manifest), None)
                           if supplied or manifest is not None else
                           (i, None, "no file and no implicit label in its metadata"))
                continue
            try:
                data, name = self._load(ref)
                out.append((i, core.inspect_bytes(data, name=name, ocr=False, read_c2pa=self.params.read_c2pa,
                                                  declared_ai=declared, supplied=supplied), None))
            except (MediaError, LoadError) as exc:
                if supplied or manifest is not None:
                    # the file is not here, but its label is: judge the label, say the file was not read
                    out.append((i, core.inspect_records(supplied, declared_ai=declared, why_no_file=exc.message,
                                                        c2pa=manifest), None))
                else:
                    out.append((i, None, exc.message))
        self._memo = (content, out)
        return out

    def generated(self, content: Content) -> bool:
        """Whether the item's own files say they are generated (a valid or invalid implicit label, a C2PA AI
        assertion): the frames' `ai_generated` constraint holds for it as for a user's declaration."""
        if not content.media:
            return False
        return any(rep is not None and rep.outcome.level in ("confirmed", "suspected")
                   and (rep.records or rep.c2pa.ai_generated) for _, rep, _ in self.reports(content))

    def detect(self, content: Content, views: Views) -> list[Signal]:
        from ..media.aigc import explicit
        from . import aigc_note, aigc_text

        evidence: list[Evidence] = []
        levels: list[tuple[str, str]] = []  # (level, rule)
        unlabeled_score = 0.0
        labeled_media = 0
        generated_media = False  # a file whose own implicit label or C2PA assertion says generated, shown unlabelled
        contradicted: list[str] = []  # media whose implicit label says generated while the poster declared not
        implicit_only: list[str] = []  # media labelled generated in their metadata alone (Label=1, nothing visible)
        for i, rep, why in self.reports(content) if content.media else ():
            where = f"media[{i}]"
            if rep is None:
                evidence.append(self._ev(where, f"unreadable: {why}", "aigc.media.unreadable"))
                continue
            out = rep.outcome
            if out.level is None:
                continue
            levels.append((out.level, out.rule))
            summary = f"{rep.format}: " + "; ".join(out.evidence)
            evidence.append(self._ev(where, summary, out.rule, value=f"Label={out.label_value}"))
            if not out.unlabeled and content.declared.ai_generated is False and out.level == "confirmed":
                contradicted.append(where)
            if out.unlabeled:
                generated_media = generated_media or bool(rep.records) or bool(rep.c2pa.ai_generated)
                if rep.records:
                    unlabeled_score = max(unlabeled_score, SCORES["invalid_record"])
                elif rep.c2pa.ai_generated:
                    unlabeled_score = max(unlabeled_score, SCORES["c2pa"])
                elif content.declared.ai_generated:
                    unlabeled_score = max(unlabeled_score, SCORES["declared"])
                else:
                    unlabeled_score = max(unlabeled_score, SCORES["explicit_only"])
            else:
                labeled_media += 1
                if out.level == "confirmed" and rep.valid_record is not None \
                        and not (rep.explicit is not None and rep.explicit.compliant):
                    implicit_only.append(where)
        text_labeled = False
        described: list[tuple[str, Any]] = []  # generation named in a media note (aigc_text.Trace)
        at_edge = False  # a label wording where §5.1 puts a label (start or end), not a mention mid-sentence
        for field_name, nt in views.items():  # title, text, and any extracted field (e.g. media[0].ocr)
            raw = nt.original
            # The wording is read on the text normalized with every layer: the field's own view when it is that
            # (the engine's default normalizer), instead of normalizing the field a second time.
            same = nt.normalizer.enabled == _ALL_LAYERS
            note = field_name.endswith(".note")
            if note:
                # a note describes the file to the platform (AI生成的灾害图, 数字人口播, Midjourney作品): it says
                # the file is generated; unless it says the label is shown on the file, its wording labels nothing
                described.extend((field_name, t) for t in aigc_note.described_in_note(raw))
            for f in explicit.find_in_text(raw, self.params.text_window, nt if same else None):
                if f.kind != "text" or f.start is None or f.end is None:
                    continue
                if note and not aigc_note.label_shown(raw):
                    continue  # read above as a description
                text_labeled = True
                # on an image (OCR) a wording is a label wherever it sits; in post text it must read as a notice
                at_edge = at_edge or field_name not in ("title", "text") or _labels_the_content(raw, f.start, f.end)
                evidence.append(Evidence(field=field_name, start=f.start, end=f.end, text=f.text,
                                         normalized=f.normalized or f.text,
                                         rule=f"aigc.explicit.text.{f.position}", detector=self.id))
        # Generated per the file's metadata, and nothing readers see says so: unlabelled to them (`implicit_unshown`).
        unshown = bool(implicit_only) and not text_labeled and not content.declared.ai_generated and not any(
            aigc_text.disclosed(nt.original) for f, nt in views.items() if not f.endswith(".note"))
        if unshown:
            unlabeled_score = max(unlabeled_score, SCORES["implicit_unshown"])
            labeled_media -= len(implicit_only)
            generated_media = True
            evidence.extend(self._ev(w, "implicit label says generated; nothing readers see says so",
                                     "aigc.implicit.unshown") for w in implicit_only)
        traces = [(field_name, t) for field_name, nt in views.items() for t in aigc_text.find_traces(nt.original)]
        real = next(((f, m) for f, nt in views.items() if (m := aigc_text.presented_real(nt.original))), None) \
            if traces or described else None
        tag_only = False
        if real is None:
            # A generator named as the maker (用即梦画的) is the poster's own disclosure in words: only a claim that the
            # content is a real capture or event turns it into a trace of passing it off. A bare hashtag (#即梦AI on a
            # picture the post presents as a scene) discloses nothing to a reader: a trace the platform labels
            # (标识办法 Art. 6 (三)). In a media note (what the platform holds about the file, not what readers see) the
            # name says the file is generated.
            maker = any(t.rule == "aigc.text.tool.maker" for _, t in traces)
            kept = [(f, t) for f, t in traces if t.cls in aigc_text.STRONG or f.endswith(".note")]
            tags = [(f, t) for f, t in traces if t.rule == "aigc.text.tool.hashtag"] if not maker else []
            tag_only = bool(tags) and not kept and not described
            traces = kept + tags
        traces += described
        deceptive: Signal | None = None
        if traces:
            levels.append(("suspected", f"aigc.trace.text.{traces[0][1].cls}"))
            evidence.extend(Evidence(field=f, start=t.start, end=t.end, text=t.text, normalized=t.normalized,
                                     rule=t.rule, detector=self.id) for f, t in traces)
            if not content.declared.ai_generated and not text_labeled and not labeled_media:
                score = SCORES["text_tag" if tag_only else "text_trace"]
                if real is not None:
                    f, m = real
                    score = SCORES["text_presented_real"]
                    said = views.fields[f].original[m.start():m.end()]
                    evidence.append(Evidence(field=f, start=m.start(), end=m.end(), text=said, normalized=m.group(0),
                                             rule="aigc.text.presented_real", detector=self.id))
                    if m.group(0).startswith(aigc_text.REAL_EVENT):
                        deceptive = Signal(label=DECEPTIVE, score=DECEPTIVE_SCORE, detector=self.id,
                                           rule="aigc.text.presented_real_event", marks=("aigc_explicit",),
                                           evidence=tuple(e for e in evidence if e.rule.startswith("aigc.text.")))
                unlabeled_score = max(unlabeled_score, score)
        if deceptive is None and (traces or generated_media) and not content.declared.ai_generated \
                and not text_labeled and not labeled_media:
            deceptive = self._passed_off(views, evidence)
        if deceptive is None and unshown and not text_labeled:
            deceptive = self._real_event(views, evidence)
        if contradicted and not text_labeled:
            # Art. 10 ¶1: the poster must declare generated content; here they declared it was not, against the
            # file's own implicit label, and the post shows no label either. The platform still adds the notice
            # (Art. 6 (一)); the contradiction is the evidence of passing generated content off as real.
            unlabeled_score = max(unlabeled_score, SCORES["declared_false"])
            evidence.extend(self._ev(where, "declared.ai_generated=false against the file's implicit label",
                                     "aigc.implicit.declared_false") for where in contradicted)
        if content.declared.ai_generated:
            levels.append(("possible", "aigc.declared.possible"))
            if not text_labeled and not labeled_media:
                unlabeled_score = max(unlabeled_score, SCORES["declared"])
                evidence.append(self._ev("declared", "declared.ai_generated=true but no explicit or implicit label",
                                         "aigc.declared.unlabeled"))
        elif at_edge and not levels:
            # Art. 6 (三): an explicit label is a trace. A post that only talks about labels ("记得勾选'内容由AI生成'")
            # names the wording mid-sentence: that is a mention, not a label on this content.
            levels.append(("suspected", "aigc.trace.suspected"))
        if not levels:
            return []
        level, rule = max(levels, key=lambda lr: LEVEL_ORDER[lr[0]])
        marks = ("aigc_explicit", f"aigc_explicit:{level}")
        out = [Signal(label=LABEL, score=unlabeled_score, rule=rule, detector=self.id,
                      evidence=tuple(evidence), marks=marks)]
        return [*out, deceptive] if deceptive is not None else out

    def _passed_off(self, views: Views, generation: list[Evidence]) -> Signal | None:
        """`aigc_deceptive` when a field readers see (not a media note) presents the generated content as a real
        recording, capture or leak (`aigc_text.passed_off_record`): evidence of both halves, the generation found
        and the words that pass it off."""
        from . import aigc_text

        return self._vouched(views, generation, aigc_text.passed_off_record,
                             "aigc.text.passed_off_record", "aigc.text.passed_off_record")

    def _real_event(self, views: Views, generation: list[Evidence]) -> Signal | None:
        """`aigc_deceptive` when a field readers see vouches for an unshown generated file as a real event happening
        now (现场, 刚刚, 突发, 求扩散: `aigc_text.REAL_EVENT`): the file's label and the words, both halves."""
        from . import aigc_text

        def event(text: str) -> re.Match[str] | None:
            m = aigc_text.presented_real(text)
            return m if m is not None and m.group(0).startswith(aigc_text.REAL_EVENT) else None

        return self._vouched(views, generation, event, "aigc.text.presented_real_event", "aigc.implicit.real_event")

    def _vouched(self, views: Views, generation: list[Evidence], find: Callable[[str], re.Match[str] | None],
                 said_rule: str, rule: str) -> Signal | None:
        """`aigc_deceptive` from the first field readers see (not a media note) where `find` matches: the generation
        found and the words that vouch for it, both halves in the evidence."""
        for f, nt in views.items():
            if f.endswith(".note"):
                continue
            m = find(nt.original)
            if m is None:
                continue
            said = Evidence(field=f, start=m.start(), end=m.end(), text=nt.original[m.start():m.end()],
                            normalized=m.group(0), rule=said_rule, detector=self.id)
            return Signal(label=DECEPTIVE, score=DECEPTIVE_SCORE, detector=self.id, rule=rule,
                          marks=("aigc_explicit",), evidence=(*generation, said))
        return None

    def _load(self, ref: Any) -> tuple[bytes, str | None]:
        from ..media.aigc import MediaError

        if ref.data_base64 is not None:
            limit = self.params.max_bytes * 4 // 3 + 4
            if len(ref.data_base64) > limit:
                raise MediaError(f"inline media of {len(ref.data_base64)} base64 characters exceeds the limit")
            try:
                return base64.b64decode(ref.data_base64, validate=True), ref.path
            except (binascii.Error, ValueError):
                raise MediaError("data_base64 is not valid base64") from None
        assert ref.path is not None
        return self.loader.read_path(ref.path), ref.path

    def _ev(self, where: str, text: str, rule: str, value: str | None = None) -> Evidence:
        # media findings have no span in a text field: an empty span, the finding in `normalized`
        return Evidence(field=where, start=0, end=0, text="", normalized=text, rule=rule, detector=self.id,
                        value=value)


_EDGE_PUNCT = " \t\n【】[]（）()「」『』<>《》:：,，.。!！?？~～-—_|｜#*·、\"'“”‘’"
_LABEL_FRAME = ("本内容", "本视频", "本图片", "本图", "本文", "本作品", "此图", "该内容", "内容", "由", "为", "系",
                "已")
_NOTICE_OPENERS = ("（", "(", "【", "[", "「", ":", "：", "|", "｜", "#", "由", "为", "系", "\n")


# What a label wording names when it is not a notice (session 17, prec17): the labelling rules themselves (AI生成合成
# 内容标识办法, AI生成内容标识新规, 《人工智能生成合成内容标识办法》: the wording runs on into 标识 / 标注 and the name
# of a rule), and another's item said to be generated (网传“化工厂爆炸”图片系AI生成, 经核实该视频为AI生成: a finding
# about a reported picture, in the clause that reports it). Neither labels the post it stands in.
_RULE_NAME = re.compile(r"^(?:合成)?(?:内容)?(?:的)?(?:标识|标注|标记)")
# (not 该视频 alone: a poster may call its own video 该视频)
_REPORTED_ITEM = re.compile(r"网传|流传|经核实|经查|经鉴定|鉴定为|被证实|证实|所谓|辟谣")
_CLAUSE_END = "。！？；!?;\n"


def _names_another(text: str, start: int, end: int) -> bool:
    """Whether a label wording names the labelling rules (it runs on into 标识…, or stands in a 《title》) or states
    that a reported item is generated (网传…图片系AI生成, in the clause that reports it): a mention, not a label."""
    if _RULE_NAME.match(text[end:]):
        return True
    if text.rfind("《", 0, start) > text.rfind("》", 0, start):
        return True  # inside a document's title
    clause_start = max(text.rfind(c, 0, start) for c in _CLAUSE_END) + 1
    return _REPORTED_ITEM.search(text, clause_start, start) is not None


def _labels_the_content(text: str, start: int, end: int) -> bool:
    """Whether a label wording stands as a notice on the content (本图由AI生成：…, …（AI生成）) rather than being
    mentioned inside a sentence (记得勾选'内容由AI生成') or naming another thing (`_names_another`: the labelling rules,
    a reported picture found to be generated): little more than a notice frame before it or after it."""
    def bare(piece: str) -> str:
        piece = piece.strip(_EDGE_PUNCT)
        for word in _LABEL_FRAME:
            piece = piece.replace(word, "")
        return piece.strip(_EDGE_PUNCT)

    if text[end:end + 1] == "的":
        return False  # a modifier (AI生成的图片到底要不要标？) names a kind of content; it labels nothing
    if _names_another(text, start, end):
        return False
    if not bare(text[:start]):
        # the post opens with it — unless the wording is the subject of the clause it opens, asked about or told
        # of (AI生成内容如何标识？, AI生成内容须“亮明身份”): a notice is set off from what follows (session 23)
        return not _subject_of_clause(text, end)
    before = text[:start]
    if before[-1:].isspace():
        before = before.rstrip() + "|"  # set off by spaces: 风景照  AI生成
    # at the end: set off as a notice (…（本文由AI生成）, …｜AI生成), not the tail of a sentence (声明含AI生成内容)
    return not bare(text[end:]) and before.endswith(_NOTICE_OPENERS)


_CLAUSE_STOP = re.compile(r"[。！？!?\n；;，,：:|｜】）)」』\]]|\s")
_ABOUT_LABEL = re.compile(r"如何|怎么|怎样|是否|要不要|该不该|须|需要|应当|应该|要求|标识|标注|标记|识别|鉴别|规定|办法"
                          r"|新规|国标")


def _subject_of_clause(text: str, end: int) -> bool:
    """Whether the clause that a label wording opens goes on to say something of it (如何标识？, 须亮明身份,
    标识办法来了): the wording is then the subject of a sentence about labelling, not a notice on this content."""
    rest = text[end:]
    m = _CLAUSE_STOP.search(rest)
    clause = rest[:m.start()] if m else rest
    return (m is not None and m.group(0) in "？?") or bool(_ABOUT_LABEL.search(clause))


class Params(BaseModel):
    """Registry parameters of an `aigc` detector (the fields of `AigcParams`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max_bytes: int = Field(AigcParams.max_bytes, ge=1)
    max_media: int = Field(AigcParams.max_media, ge=0)
    read_c2pa: bool = AigcParams.read_c2pa
    text_window: int = Field(AigcParams.text_window, ge=1)


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> AigcDetector:
    media = ctx.extra.get("media")
    return AigcDetector(AigcParams(**spec.params.model_dump()), media.get("root") if isinstance(media, dict) else None,
                        name=spec.name)
