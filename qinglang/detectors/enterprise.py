"""Enterprise detector (campaign 2): company / entrepreneur mentions combined with smear or extortion patterns.

`enterprise_smear` needs both a target (…有限公司, a brand the platform supplies, 董事长/老板 of a company) and
a smear claim (跑路, 暴雷, 骗局…). `extortion` (删帖收费, 不给钱就曝光, 有偿公关…) stands on its own and is
stronger when a company is named: blackmail under the name of 舆论监督 is the notice's target.

Both are put in scope (`qinglang.text.scope`) like lexicon hits: a company's statement that calls “资金链断裂”
不实信息, or a platform notice that 任何声称“付费删帖”的均为诈骗, names the claim to refute it. The score is
multiplied by the weakest discount among the claim's hits (one plainly asserted hit keeps the full score).
The reporting cues (曝光, 抵制, 骗局…) are a smear's own words, so they discount neither label.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..model import Content, Signal
from ..text.scope import crosses_clause, discount, scope_at, scope_tag
from .base import Views
from .patterns import Found, Pattern, evidence, find, regex, words
from .registry import BuildContext, DetectorSpec

# A character of a company's name before its suffix: no grammatical function character, pronoun or quantifier
# (经过平台, 倒闭了2000多家厂 name no company). The enterprise_smear frame's company family uses the same class.
NOT_IN_NAME = "的了过在是把被给往向从对跟和与及或都也就还又才很太更我你他她它们这那哪些每几多以没"


def _name_class() -> str:
    """One character class (no lookahead per character): a-z, 0-9 and the CJK block without NOT_IN_NAME."""
    ranges, lo = [], 0x4E00
    for cp in sorted(map(ord, set(NOT_IN_NAME))):
        if cp > lo:
            ranges.append(f"{chr(lo)}-{chr(cp - 1)}" if cp - 1 > lo else chr(lo))
        lo = cp + 1
    ranges.append(f"{chr(lo)}-\u9fff")
    return "[a-z0-9" + "".join(ranges) + "]"


NAME = _name_class()
COMPANY = [
    regex("enterprise.company.suffix",
          NAME + r"{2,16}?(有限责任公司|股份有限公司|有限公司|集团公司|集团|股份公司|公司|企业|厂)"),
    words("enterprise.person", ["董事长", "总裁", "ceo", "创始人", "企业家", "老板", "总经理", "法人代表"]),
]
SMEAR = words("enterprise.smear", [
    "跑路", "暴雷", "爆雷", "骗局", "黑心", "坑人", "偷税", "漏税", "造假", "要破产", "即将破产", "破产了", "倒闭了",
    "资金链断裂", "被抓了", "被带走", "卷款", "割韭菜", "非法集资", "圈钱", "有毒", "致癌", "毒奶粉", "假货",
    "骗子公司", "黑幕", "丑闻", "内幕曝光", "老板跑了", "抵制",
])
EXTORTION = words("enterprise.extortion", [
    "删帖收费", "有偿删帖", "付费删帖", "删帖价格", "不给钱就曝光", "不给钱就发", "给钱就删", "有偿公关",
    "公关费", "舆情处理费", "撤稿费", "付费撤稿", "否则继续曝光", "否则全网曝光", "花钱消灾", "封口费",
    "合作费用就不发", "负面压制", "代删负面",
])


SMEAR_WINDOW = 80  # characters between a smear word and the company it is said of


class EnterpriseDetector:
    name = "enterprise"
    version = "1"
    supported_labels = frozenset({"enterprise_smear", "extortion"})

    def __init__(self, brands: list[str] | None = None, *, name: str = "enterprise") -> None:
        self.patterns: list[Pattern] = list(COMPANY)
        if brands:
            self.patterns.append(words("enterprise.brand", brands))
        self.name = name
        self.id = f"{self.name}@{self.version}"

    def detect(self, content: Content, views: Views) -> list[Signal]:
        # a name read across a comma that normalization removed joins two clauses (调节磁场,医院): no company
        targets = [t for t in find(views, self.patterns)
                   if t.pattern.rule != "enterprise.company.suffix" or not crosses_clause(views.fields[t.field],
                                                                                         t.start, t.end)]
        out = []
        ext = find(views, [EXTORTION])
        if ext:
            factor, scopes = _scoped(views, ext, sentence_frames=False)
            score = (0.85 + (0.1 if targets else 0.0)) * factor
            out.append(Signal("extortion", round(score, 4), "enterprise.extortion", self.id,
                              evidence(views, ext + targets[:3], self.id, scopes=scopes)))
        # a smear word counts only near a company (the smear frame's window): far away it is said of something else
        smear = [f for f in find(views, [SMEAR]) if any(
            t.field == f.field and abs(t.start - f.start) <= SMEAR_WINDOW for t in targets)]
        if smear and targets:
            distinct = len({views.fields[f.field].text[f.start:f.end] for f in smear})
            brand = any(t.pattern.rule == "enterprise.brand" for t in targets)
            factor, scopes = _scoped(views, smear)
            score = min(0.95, 0.45 + 0.15 * distinct + (0.1 if brand else 0.0)) * factor
            out.append(Signal("enterprise_smear", round(score, 4), "enterprise.smear", self.id,
                              evidence(views, smear + targets[:3], self.id, scopes=scopes)))
        return out


def _scoped(views: Views, found: list[Found], *, sentence_frames: bool = True
            ) -> tuple[float, dict[tuple[str, int, int], str]]:
    """The weakest scope discount among the hits (1.0 when one stands in plain assertion) and each hit's tag."""
    factor, tags = 0.0, {}
    for f in found:
        cues = tuple(c for c in scope_at(views.fields[f.field], f.start, f.end, sentence_frames=sentence_frames)
                     if c.kind != "reporting")
        factor = max(factor, discount(1.0, cues))
        if (tag := scope_tag(cues)) is not None:
            tags[(f.field, f.start, f.end)] = tag
    return factor, tags


class Params(BaseModel):
    """Registry parameters of an `enterprise` detector: the platform's brand lexicon."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    brands: list[str] = Field(default_factory=list, description="brand names (company mentions)")
    brands_file: str | None = Field(None, description="a file of brand names, one a line, # comments")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> EnterpriseDetector:
    """Brands from params `brands` / `brands_file` plus engine config extra `enterprise_brands`."""
    brands = [*spec.params.brands, *(ctx.extra.get("enterprise_brands") or [])]
    path = spec.params.brands_file
    if path:
        from pathlib import Path

        from ..errors import ConfigError

        try:
            brands = [*brands, *(ln.strip() for ln in Path(path).read_text("utf-8").splitlines()
                                 if ln.strip() and not ln.startswith("#"))]
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read brand list: {exc}") from None
    return EnterpriseDetector([str(b) for b in brands], name=spec.name)
