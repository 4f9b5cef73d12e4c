"""The one label table (DESIGN §4) and the ordered action scale."""

from __future__ import annotations

from enum import IntEnum

LABELS: dict[str, str] = {
    "drainage": "违法引流 / 导流（联系方式、外链、二维码、暗号）",
    "porn": "色情",
    "vulgar": "低俗、软色情",
    "gambling": "赌博",
    "water_army": "网络水军、刷量控评",
    "abuse": "谩骂、网络戾气",
    "antagonism": "煽动群体对立、地域攻击",
    "rumor": "谣言、编造不实信息",
    "enterprise_smear": "涉企虚假信息、抹黑企业/企业家",
    "extortion": "以舆论监督名义敲诈、有偿删帖",
    "clickbait": "标题党、蹭热点、信息陷阱",
    "source_missing": "时事/公共政策/社会事件信息未标注来源",
    "staged": "摆拍、扮穷卖惨、离奇剧情未标注虚构",
    "false_ad": "虚假宣传、夸大功效、违规极限用语",
    "false_science": "虚假科普",
    "aigc_unlabeled": "生成合成内容未有效标识",
    "minors_harm": "危害未成年人身心健康",
    "bullying": "网络欺凌",
    "grooming": "隔空猥亵、诱导未成年人",
    "wealth_flaunt": "炫富拜金",
    "fan_frenzy": "诱导无底线追星、饭圈乱象",
    "language_misuse": "故意错字、谐音指代、黑话烂梗",
    "unlicensed_news": "未经许可提供互联网新闻信息服务",
    "local_concentration": "同城版块按地域/兴趣扎堆推送不良信息",
    # Contract addition (issue 22): contact details found WITHOUT a cue, low severity, separate from drainage, so a
    # platform can mask or count them without calling every e-mail 引流 (detectors/contact_info.py).
    "contact_info": "联系方式（电话、邮箱、网址、IP 地址；无引流语境，低风险，供打码与统计）",
    # Documented addition (README "Labels added"): generated content presented as real, with rumour or impersonation
    # cues. `aigc_unlabeled` keeps its meaning (generated, no valid label); labelled generated content is a mark.
    "aigc_deceptive": "生成合成内容冒充真实（以AI内容编造谣言、冒充他人）",
    # Custom labels shipped with the starter lexicons (DESIGN §4 allows platform labels).
    "prohibited_goods": "违禁品（枪支弹药、爆炸物）交易",
    "fraud": "诈骗引流（虚假兼职刷单返利、办假证、代开发票、套现）",
}


class Action(IntEnum):
    """Actions ordered by strictness: the strictest one wins when policies merge."""

    PASS = 0
    LABEL = 1
    LIMIT = 2
    REVIEW = 3
    BLOCK = 4

    @classmethod
    def parse(cls, name: str) -> Action:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown action {name!r}; expected one of {[a.value_name for a in cls]}") from None

    @property
    def value_name(self) -> str:
        return self.name.lower()


def check_label(label: str, custom: frozenset[str] = frozenset()) -> str:
    """Return the label if known (DESIGN §4 or declared custom), else raise ValueError with a hint."""
    if label in LABELS or label in custom:
        return label
    import difflib

    close = difflib.get_close_matches(label, [*LABELS, *custom], n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ValueError(f"unknown label {label!r}{hint}")
