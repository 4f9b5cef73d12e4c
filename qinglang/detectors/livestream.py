"""Livestream / selling detector (campaign 5): false efficacy, absolute terms, late-night paid streams, fake 相亲.

- `false_ad`: advertising-law absolute terms (广告法 Art. 9(3): 国家级、最高级、最佳 and the like) and efficacy
  claims (Art. 16–17: 根治、治愈率、无副作用…) — only in a selling context (a live room, 下单/链接/拍/价格…), since
  "最好吃的面" in a diary is not an ad. Exempt phrases (第一时间、最新、100%纯棉…) per the SAMR guide. A term the
  seller denies, quotes or asks about (不是全网第一, 不能根治, 说“包治百病”的都是骗子) is no claim
  (`qinglang.text.scope.denied`), and a term that begins inside a word (红包好不好 ↛ 包好) is no term.
- `vulgar` (`live.paid.late_night`): a paid stream at night hides from moderation ("深夜付费直播躲避监管").
  The hour is the content's `created_at`, never the clock, so the detector stays pure.
- `staged` (`live.fake_dating`): 相亲 with 嘉宾 and tipping/连麦 cues.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..clock import CN_TZ
from ..lexicon.matcher import on_word_boundaries
from ..model import Content, Signal
from ..text.sale import SELLING_CUES
from ..text.scope import denied, scope_at
from .base import Views
from .patterns import evidence, find, words
from .registry import BuildContext, DetectorSpec

ABSOLUTE = words("live.absolute_term", [
    "国家级", "最高级", "最佳", "最好", "最优", "最强", "最便宜", "全网最低", "第一品牌", "全网第一", "销量第一",
    "排名第一", "唯一", "顶级", "极品", "独一无二", "绝无仅有", "史无前例", "万能", "100%有效", "百分百有效",
    "无敌", "首选", "王牌",
])
EXEMPT = re.compile(r"第一时间|最新|最近|最后|一站式|100%纯棉|100%棉|尽最大努力|唯一的遗憾")
EFFICACY = words("live.efficacy", [
    "根治", "包治百病", "药到病除", "治愈率", "无副作用", "立竿见影", "抗癌", "治癌", "降血压", "降血糖", "降三高",
    "祖传秘方", "一周见效", "三天见效", "七天瘦", "躺着就能瘦", "不反弹", "彻底治好", "永不复发", "替代药物",
    "比药还管用", "医生都在用", "治疗失眠", "包好", "包退包治",
])
SELLING = re.compile(SELLING_CUES)  # the transaction words (one home: text.sale.SELLING_CUES, with SALE_RX)
DATING = words("live.fake_dating", ["相亲", "男嘉宾", "女嘉宾", "征婚"])
# What makes a 相亲 stream a staged one (虚构嘉宾身份, 炒作婚恋): paid interaction around the guests, or actors.
# 上麦 and 线下见面 are the format of every dating show (a guest takes the mic, a match meets offline), not the pay.
DATING_CUES = re.compile(r"刷|打赏|灯牌|点灯|灭灯|牵手费|守护|粉丝团|加团|音浪|榜一|托儿|剧本|手卡|"
                         r"念稿|照着念|台词|演员|假嘉宾|冒充")
# Guests whose identity the organiser verified (实名核验) and streams without tipping are the honest kind.
DATING_VERIFIED = re.compile(r"实名核验|实名认证|身份核验|身份信息都经过|身份都经过|不开打赏|不设打赏|无打赏")
# A stream that declares itself a drama (情景剧, 嘉宾均为演员) is fiction, labelled as such: not a fake 相亲.
DATING_DECLARED = re.compile(r"情景剧|剧情演绎|演绎|均为演员|都是演员|纯属虚构|情景再现")


LATE_NIGHT_SCORE = 0.3  # below every policy's action threshold on its own


class LivestreamDetector:
    name = "livestream"
    version = "1"
    supported_labels = frozenset({"false_ad", "vulgar", "staged"})

    def __init__(self, night_start: int = 23, night_end: int = 6, *, name: str = "livestream") -> None:
        if not (0 <= night_start <= 23 and 0 <= night_end <= 23):
            from ..errors import ConfigError

            raise ConfigError("livestream: night_start/night_end must be hours 0–23")
        self.night_start, self.night_end = night_start, night_end
        self.name = name
        self.id = f"{self.name}@{self.version}"

    def _is_night(self, hour: int) -> bool:
        if self.night_start <= self.night_end:
            return self.night_start <= hour < self.night_end
        return hour >= self.night_start or hour < self.night_end

    def detect(self, content: Content, views: Views) -> list[Signal]:
        out: list[Signal] = []
        live = content.surface == "live" or content.live.room_id is not None or content.kind == "transcript"
        canon = " ".join(nt.text for _, nt in views.items())
        if live or SELLING.search(canon):
            efficacy = [f for f in find(views, [EFFICACY]) if _claimed(views, f)]
            absolute = [f for f in find(views, [ABSOLUTE]) if not _exempt(views, f) and _claimed(views, f)]
            if efficacy:
                distinct = len({views.fields[f.field].text[f.start:f.end] for f in efficacy})
                out.append(Signal("false_ad", min(0.95, 0.7 + 0.1 * distinct), "live.efficacy", self.id,
                                  evidence(views, efficacy, self.id)))
            if absolute:
                distinct = len({views.fields[f.field].text[f.start:f.end] for f in absolute})
                out.append(Signal("false_ad", min(0.9, 0.55 + 0.1 * distinct), "live.absolute_term", self.id,
                                  evidence(views, absolute, self.id)))
        if content.live.paid and content.created_at:
            hour = _local_hour(content.created_at)
            if hour is not None and self._is_night(hour):
                # Evidence for the room, not a verdict: a paid course at night is a paid stream at night too.
                # What the stream shows (livestream frames: 门票 + 巡管下班, 尺度…) decides the action.
                out.append(Signal("vulgar", LATE_NIGHT_SCORE, "live.paid.late_night", self.id))
        dating = find(views, [DATING])
        declared = content.declared.fictional or DATING_DECLARED.search(canon)
        if (dating and DATING_CUES.search(canon) and not DATING_VERIFIED.search(canon) and not declared
                and (live or "直播" in canon)):
            out.append(Signal("staged", 0.6, "live.fake_dating", self.id, evidence(views, dating, self.id)))
        return out


def _exempt(views: Views, f: Any) -> bool:
    text = views.fields[f.field].text
    lo, hi = max(0, f.start - 4), min(len(text), f.end + 6)
    return any(m.start() <= f.start - lo < m.end() or m.start() < f.end - lo <= m.end()
               for m in EXEMPT.finditer(text[lo:hi]))


def _claimed(views: Views, f: Any) -> bool:
    """The seller claims the term: it does not begin inside a word (红包好不好 ↛ 包好; its end may run into a compound:
    全网最低价) and it is not denied, quoted or asked about."""
    nt = views.fields[f.field]
    return on_word_boundaries(nt.text, f.start, f.start) and not denied(scope_at(nt, f.start, f.end))


def _local_hour(value: str) -> int | None:
    """Hour of day in China time; a naive timestamp is China time. Unparsable → None (policy sees no signal)."""
    try:
        t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (t if t.tzinfo else t.replace(tzinfo=CN_TZ)).astimezone(CN_TZ).hour


class Params(BaseModel):
    """Registry parameters of a `livestream` detector (hours in China time)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    night_start: int = Field(23, ge=0, le=23, description="first hour of the late-night window")
    night_end: int = Field(6, ge=0, le=23, description="hour the late-night window ends")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> LivestreamDetector:
    return LivestreamDetector(spec.params.night_start, spec.params.night_end, name=spec.name)
