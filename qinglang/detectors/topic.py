"""Topic detector (campaign 4): 时事 / 公共政策 / 社会事件 content that declares no source → `source_missing`.

The 自媒体 rules (2023 "13条" rule 3; 2024 清朗 task 4) require a prominent information source on current
affairs, public policy and social events. We recognise the topic from cue words in three families and only
report `source_missing` when `declared.source` is empty and the text itself cites no source (据…报道, 来源：…).
The policy decides what happens (usually `label` with the `source` mark).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..model import Content, Signal
from .base import Views
from .patterns import Found, evidence, find, regex, words
from .registry import BuildContext, DetectorSpec

TOPICS = {
    "current_affairs": words("topic.current_affairs", [
        "外交部", "国务院", "发言人", "记者会", "新闻发布会", "峰会", "总统", "首相", "大选", "制裁", "关税",
        "两会", "人大", "政协", "中央", "国际局势", "战争", "冲突升级", "领导人", "访华", "白宫",
    ]),
    "public_policy": words("topic.public_policy", [
        "政策", "新规", "通知", "条例", "办法", "出台", "实施", "医保", "社保", "养老金", "退休", "公积金",
        "个税", "户籍", "落户", "限购", "补贴", "延迟退休", "高考改革", "教育部", "住建部", "发改委", "央行", "降息",
    ]),
    "social_event": words("topic.social_event", [
        "事故", "爆炸", "火灾", "地震", "洪水", "暴雨", "台风", "坍塌", "遇难", "死亡", "伤亡", "警方通报",
        "通报", "案件", "嫌疑人", "被抓", "失踪", "踩踏", "疫情", "救援", "受灾", "突发",
    ]),
}
CITED = regex("topic.cited_source", r"(来源|消息来源|信源|source)[:：]|据[^，。！？\n]{1,16}?(报道|消息|通报|发布|披露)"
              r"|(新华社|人民日报|央视|中新社)[^，。]{0,6}(报道|消息|电)")


class TopicDetector:
    name = "topic"
    version = "1"
    supported_labels = frozenset({"source_missing"})

    def __init__(self, min_hits: int = 2, *, name: str = "topic") -> None:
        self.min_hits = min_hits
        self.name = name
        self.id = f"{self.name}@{self.version}"

    def topics(self, views: Views) -> dict[str, list[Found]]:
        """Cue-word hits per topic family."""
        out: dict[str, list[Found]] = {}
        for topic, pat in TOPICS.items():
            hits = find(views, [pat])
            if hits:
                out[topic] = hits
        return out

    def detect(self, content: Content, views: Views) -> list[Signal]:
        if content.declared.source and content.declared.source.strip():
            return []
        found = self.topics(views)
        hits = [f for fs in found.values() for f in fs]
        distinct = {views.fields[f.field].text[f.start:f.end] for f in hits}
        if len(distinct) < self.min_hits or find(views, [CITED]):
            return []
        score = min(1.0, 0.5 + 0.1 * len(distinct) + 0.1 * (len(found) - 1))
        topic = max(found, key=lambda t: len(found[t]))
        return [Signal(label="source_missing", score=round(score, 4), rule=f"topic.{topic}.source_missing",
                       detector=self.id, evidence=evidence(views, hits, self.id))]


class Params(BaseModel):
    """Registry parameters of a `topic` detector."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    min_hits: int = Field(2, ge=1, description="cue-word hits of one topic family needed for a signal")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> TopicDetector:
    return TopicDetector(min_hits=spec.params.min_hits, name=spec.name)
