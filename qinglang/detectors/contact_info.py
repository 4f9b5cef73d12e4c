"""Contact information found without a cue (label `contact_info`, low severity): phone numbers, e-mail addresses,
URLs and IPv4 addresses in plain text.

Separate from `drainage` on purpose: the contact detector scores a handle as 引流 only with a channel cue, a
lure or an obfuscation, and says nothing about a bare address. A platform that masks or counts contact details
(privacy, a comment section that allows no links) needs every one of them, so this detector reports each as
`contact_info`, weakly: one address is not a violation. Addresses on the big platforms' own domains
(taobao.com, weibo.com…) are reported too, under their own rule id and a lower score, so the policy decides what
they mean (the shipped `contact-info` policy labels the rest and lets them pass) instead of the detector keeping
quiet about them.

Handles are found by the contact detector's extractor (`find_handles`: the same obfuscations undone, 点 com,
spaced digits, full-width and Chinese numerals), keeping its phone, landline, e-mail and URL kinds; IPv4
addresses are found here. The global allow list of the lexicons applies (an allowed phrase hides a hit inside).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..errors import ConfigError
from ..lexicon.matcher import CompiledLexicon
from ..model import Content, Evidence, Signal
from ..text.normalize import NormalizedText
from .base import Views
from .contact import find_handles
from .registry import BuildContext, DetectorSpec

LABEL = "contact_info"
KINDS = ("phone", "email", "url", "ipv4")
SCORE = 0.3  # low severity: the shipped contact-info policy labels, never limits
PLATFORM_SCORE = 0.1  # an address on a big platform's own domain: reported, below the policy's threshold
MAX_EVIDENCE = 20
# Big platforms' and public institutions' own domains (suffix match). A platform adds its own in the params.
PLATFORM_DOMAINS = (
    "gov.cn", "edu.cn", "people.com.cn", "xinhuanet.com", "news.cn", "cctv.com", "12306.cn", "taobao.com",
    "tmall.com", "jd.com", "baidu.com", "weibo.com", "weibo.cn", "zhihu.com", "bilibili.com", "douyin.com",
    "qq.com", "163.com", "126.com", "sina.com.cn", "sohu.com", "alipay.com", "aliyun.com", "xiaohongshu.com",
    "kuaishou.com", "meituan.com", "pinduoduo.com", "ctrip.com", "github.com", "apple.com", "microsoft.com",
    "google.com", "wikipedia.org", "huawei.com", "mi.com", "outlook.com", "gmail.com", "foxmail.com",
    # public reporting and state service sites (issue 16: never 引流, not worth a label either)
    "12377.cn", "12321.cn", "cyberpolice.cn", "12315.cn", "chsi.com.cn", "smartedu.cn", "weather.com.cn",
)
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_KIND_OF = {"phone": "phone", "landline": "phone", "email": "email", "url": "url"}
_IPV4_RE = re.compile(
    r"(?<![0-9a-z.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
    r"(?![0-9]|\.[0-9])"
)


@dataclass(frozen=True, slots=True)
class ContactInfo:
    """One address: kind (phone email url ipv4), normalized value, span. The span is in canonical offsets of its
    field, except for IPv4 addresses (`original=True`): they are read from the original text, because the
    separator layer folds dotted single digits (0.0.1 → 001) as it does spelled-out handles."""

    kind: str
    value: str
    start: int
    end: int
    platform: bool  # on one of the platform domains
    original: bool = False

    def locate(self, nt: NormalizedText) -> tuple[int, int, tuple[str, ...]]:
        """Original span and the normalization layers it needed."""
        if self.original:
            return self.start, self.end, ()
        return nt.locate(self.start, self.end)

    @property
    def rule(self) -> str:
        return f"{LABEL}.{self.kind}" + (".platform" if self.platform else "")

    @property
    def score(self) -> float:
        return PLATFORM_SCORE if self.platform else SCORE


_ASCII_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


class ContactInfoFinder:
    """Finds contact information in normalized text; shared by the detector and the word-filter API."""

    def __init__(self, platform_domains: tuple[str, ...] = PLATFORM_DOMAINS, kinds: tuple[str, ...] = KINDS,
                 lexicon: CompiledLexicon | None = None) -> None:
        bad = set(kinds) - set(KINDS)
        if bad:
            raise ConfigError(f"contact_info: unknown kinds {sorted(bad)}; known: {list(KINDS)}")
        self.kinds = frozenset(kinds)
        self.platform_domains = tuple(d.lower().lstrip(".") for d in platform_domains)
        self.lexicon = lexicon  # its global allow list (and run-time allow entries) apply

    def find(self, nt: NormalizedText) -> list[ContactInfo]:
        text = nt.text
        if _DIGITISH.search(text, 0, 4096) is None and _ADDRESSY.search(text) is None:
            return []
        out: list[ContactInfo] = []
        for h in find_handles(nt):
            kind = _KIND_OF.get(h.kind)
            if kind is None or kind not in self.kinds:
                continue
            value = h.value.split(":", 1)[1] if ":" in h.value else h.value
            out.append(ContactInfo(kind, h.value, h.start, h.end, kind in ("url", "email") and self._platform(value)))
        if self.lexicon is not None and out:
            out = [c for c in out if not self.lexicon.allowed(nt, c.start, c.end)]
        orig = nt.original
        if "ipv4" in self.kinds and ("." in orig or "．" in orig):
            taken = [nt.span(c.start, c.end) for c in out]
            flat = orig.translate(_ASCII_DIGITS).lower()
            for m in _IPV4_RE.finditer(flat):
                a, b = m.span()
                if a > 0 and flat[a - 1] == "v":
                    continue  # v1.2.3.4: a version number
                if all(b <= x or a >= y for x, y in taken):
                    out.append(ContactInfo("ipv4", "ipv4:" + m.group(), a, b, False, original=True))
        out.sort(key=lambda c: c.locate(nt)[0])
        return out

    def _platform(self, value: str) -> bool:
        host = value.split("@", 1)[-1].split("/", 1)[0].split(":", 1)[0]
        return any(host == d or host.endswith("." + d) for d in self.platform_domains)


# The cheap gate of `ContactInfoFinder.find` (one regex pass each, not a Python loop per character): a digit
# (str.isdigit's circled, super- and subscript digits too), an @ or a dot in the first 4,096 characters; or, anywhere,
# Chinese numerals and obfuscated dots (幺三八…, 点 com) that make an address without an ASCII digit or dot.
_DIGITISH = re.compile(r"[\d@.²³¹⁰-⁹₀-₉①-⑨⑴-⑼⒈-⒐⓪⓵-⓿❶-❾➀-➈➊-➒]")
_ADDRESSY = re.compile(r"[点〇零幺]|dot")


class ContactInfoDetector:
    """Every phone number, e-mail address, URL and IPv4 address → a weak `contact_info` signal per rule."""

    version = "1"
    supported_labels = frozenset({LABEL})

    def __init__(self, finder: ContactInfoFinder, name: str = "contact_info") -> None:
        self.finder = finder
        self.name = name
        self.id = f"{self.name}@{self.version}"

    def detect(self, content: Content, views: Views) -> list[Signal]:
        by_rule: dict[str, list[Evidence]] = {}
        score: dict[str, float] = {}
        for field_name, nt in views.items():
            for c in self.finder.find(nt):
                if c.original:
                    ev = Evidence(field_name, c.start, c.end, nt.original[c.start:c.end], c.value.split(":", 1)[1],
                                  c.rule, self.id, (), value=c.value, bbox=views.bbox(field_name, c.start, c.end))
                else:
                    ev = views.evidence(field_name, c.start, c.end, rule=c.rule, detector=self.id, value=c.value)
                by_rule.setdefault(c.rule, []).append(ev)
                score[c.rule] = c.score
        return [Signal(label=LABEL, score=score[rule], rule=rule, detector=self.id, evidence=tuple(evs[:MAX_EVIDENCE]))
                for rule, evs in by_rule.items()]


class Params(BaseModel):
    """Registry parameters of a `contact_info` detector."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    platform_domains: list[NonEmpty] = Field(default_factory=lambda: list(PLATFORM_DOMAINS),
                                             description="big platforms' own domains (replaces the shipped list)")
    extra_platform_domains: list[NonEmpty] = Field(default_factory=list,
                                                   description="domains added to platform_domains")
    kinds: list[Literal["phone", "email", "url", "ipv4"]] = Field(default_factory=lambda: list(KINDS),
                                                                  description="which kinds of address to report")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> ContactInfoDetector:
    p = spec.params
    finder = ContactInfoFinder(tuple(p.platform_domains) + tuple(p.extra_platform_domains), tuple(p.kinds),
                               ctx.lexicon)
    return ContactInfoDetector(finder, name=spec.name)
