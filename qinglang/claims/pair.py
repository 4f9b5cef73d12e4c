"""The title read against its body (news22, issue 15 task 4): a learned reading of what a title asserts that its
body does not carry — scope (全国 over a district), certainty (确定了 over 尚未发布), severity (带走调查 over a routine
check), numbers, a withheld subject, question and tease bait — as one logistic model over features of the pair.

Features are of two kinds, both computed on the canonical text of the `title` and `text` fields:
- named pair features (`FEATURES`): a class of words in the title, in the body, and the pairing of the two (a
  sweeping title word absent from a body that narrows, a severe title word over a body that tells a routine or
  denies), the title's bigram coverage by the body, numbers of the title the body lacks, lengths;
- hashed title bigrams, split by whether the body carries them (`u:` uncarried, `c:` carried): what the title says
  that the body does not say is the signal; a word list would name it, the model weighs it.

The model ships as `qinglang/models/data/title-pair.{json,npz}` (`python tools/train_title_pair.py`: trained on the
writer sets' titled rows, the rule branches' report half never read; leave-one-writer-set-out figures in its
metadata and in docs/models.md). `TitlePair.read` gives the probability and the evidence: the title span that
weighs most and the body fact it is read against.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..detectors.patterns import Found, Pattern
from ..errors import ConfigError
from ..models.files import read_pair, shipped_pair
from .headline import FIRST_PERSON_TITLE, body_beyond_title

KIND = "title-pair model"
NAME = "title-pair"

# Word classes of a title and a body (canonical text: simplified, lower case, half-width digits).
SCOPE = re.compile(r"全国|全网|全民|全面|全部|所有|全体|中国人|国人|全球|全世界|全省|全市|彻底|永久|一律|人人|统统|"
                   r"集体|大批|纷纷|全线|各地|多地|全都|史上|从此")
NARROW = re.compile(r"某[区县镇乡村街小社学]|[区县镇乡村]级|街道|社区|小区|一家|一所|一名|一位|一只|一辆|个别|部分|"
                    r"少数|"
                    r"[两三几]款|[两三几]家|[两三几]个|[两三几]名|试点|局部|一处|附近|门口|楼下|业余|玩家|友谊赛|邀请赛|"
                    r"五人制|u\d+|[小中]学|留学生|社团|自制|线上联赛")
# What a body says to take back what a title asserts: it was something else (实为, 其实, 原来是), it is not so (并非,
# 不实, 误传), the rest runs as before (一切正常, 正常在售, 不变, 影响不大), or it happened in a show or a game.
TAKEBACK = re.compile(r"实为|并非|不实|误传|其实|原来|一切正常|正常(在售|运行|运营|营业|通行)|不变|影响不大|"
                      r"没有(任何)?变化|未造成|不存在|而已|剧情|剧中|综艺|节目|游戏|演员|扮演|玩笑")
CERTAIN = re.compile(r"确定|定了|官宣|证实|实锤|正式|宣布|刚刚|突发|重磅|紧急|今起|明起|即将|已经|终于|彻底")
HEDGE = re.compile(r"可能|或将|或许|尚未|暂未|并未|暂无|没有|未经|传闻|计划|拟|征求意见|建议|并非|不是|仍在|还没|"
                   r"目前|有望|预计|研究")
DENY = re.compile(r"不实|辟谣|谣言|假的|并未|并非|不存在|未发布|误读|夸大|不属实|没有这回事|所谓|网传|流传")
TEASE = re.compile(r"震惊|竟然|居然|没想到|真相|曝光|揭秘|内幕|秘密|惊呆|吓人|炸了|沸腾|泪目|看完|必看|后悔|赶紧|千万|"
                   r"一定要|可怕|细思极恐|哭了|疯了|傻眼|慌了|火了|刷屏|速看|转发|扩散|注意了|出大事|不敢相信|太.{0,2}了")
WITHHELD = re.compile(r"这[个种件位些样类]|某[顶明大知网男女](?!区)|^[他她它]|一[个种件]东西|原因|结果|背后")
QUESTION = re.compile(r"[？?]|吗|为何|为什么|怎么回事|咋回事|是真的|有多|怎么|如何")
SEVERE = re.compile(r"死|去世|离世|走了|身亡|带走|被抓|逮捕|被查|落马|爆炸|起火|倒闭|破产|停产|退市|取消|禁止|禁售|"
                    r"封[城号杀]|暴跌|暴涨|崩盘|致癌|中毒|收费|塌|出事|没救|完了|失联|跑路|停运|关停|下架|罚款|瘫痪|"
                    r"沦陷|炸锅|翻车|塌房|夺冠|登顶|第一")
ROUTINE = re.compile(r"其实|原来|只是|不过是|例行|常规|正常|日常|演习|演练|剧中|电视剧|影视|拍摄|小说|游戏|活动|测试|"
                     r"检查|误会|平稳|不受影响|照常|伤亡|未造成|无人|安全|已恢复|已修复|好转|无碍|一般|适量|偶尔|问题不大")
NUMBER = re.compile(r"\d+(?:\.\d+)?|[一二三四五六七八九十百千万亿两]+[倍成%万亿元岁年天个人次]")
OFFICIAL = re.compile(r"^[^：:，。！？]{2,14}[：:]|通知|公告|通报|印发|召开|举行|开幕|启动|\d+月\d+日|发布会")
SOURCED = re.compile(r"据|记者|发布|通报|数据显示|官网|公告|表示|介绍|了解到|显示|称")
_RUN = re.compile(r"[\u4e00-\u9fff0-9a-z]+")
_CLAUSE = re.compile(r"[^，。！？；\n]{2,40}")

# The named features, in the order of the model's dense weights (`FEATURES` is checked against the shipped model).
FEATURES = ("t_scope", "b_narrow", "scope_over_narrow", "t_certain", "b_hedge", "certain_over_hedge", "b_deny",
            "assert_over_deny", "t_tease", "t_withheld", "t_question", "t_severe", "b_severe", "severe_unsupported",
            "severe_over_routine", "b_routine", "assert_over_takeback", "t_number", "number_missing", "t_exclaim",
            "t_ellipsis", "t_official",
            "b_sourced", "coverage", "uncarried", "low_coverage", "t_len", "b_len", "first_person", "short_body")
# the body classes a title class is read against (evidence: the body fact the title span contradicts)
AGAINST = {"scope": NARROW, "certain": HEDGE, "severe": ROUTINE, "assert": DENY, "takeback": TAKEBACK}


def _bigrams(text: str) -> list[tuple[int, str]]:
    return [(m.start() + i, m.group()[i:i + 2]) for m in _RUN.finditer(text) for i in range(len(m.group()) - 1)]


def _hash(key: str, bits: int) -> int:
    return zlib.crc32(key.encode("utf-8")) & ((1 << bits) - 1)


def _absent(rx: re.Pattern[str], title: str, body: str) -> list[re.Match[str]]:
    """The matches of `rx` in the title whose words the body does not repeat."""
    return [m for m in rx.finditer(title) if m.group() not in body]


@dataclass(frozen=True)
class PairView:
    """The features of one (title, body) pair: dense values by `FEATURES` order, hashed bigram keys with their title
    offsets, and the title matches of each class (for the evidence)."""

    dense: tuple[float, ...]
    hashed: tuple[tuple[str, int], ...]  # (key, title offset)
    title_hits: dict[str, tuple[tuple[int, int], ...]]


def pair_view(title: str, body: str) -> PairView:
    """The pair features of `title` over `body` (canonical text; the body without a pasted copy of the title)."""
    body = body_beyond_title(title, body)
    assertion = not QUESTION.search(title)
    scope = _absent(SCOPE, title, body)
    narrow = bool(NARROW.search(body))
    certain = _absent(CERTAIN, title, body)
    hedge = bool(HEDGE.search(body))
    deny = bool(DENY.search(body))
    severe = _absent(SEVERE, title, body)
    b_severe = bool(SEVERE.search(body))
    routine = bool(ROUTINE.search(body))
    numbers = [m for m in NUMBER.finditer(title) if m.group() not in body]
    grams = _bigrams(title)
    carried = {run[i:i + 2] for run in _RUN.findall(body) for i in range(len(run) - 1)}
    titled = {g for _, g in grams}
    cov = len(titled & carried) / len(titled) if titled else 0.0  # `headline.title_coverage`, sets built once
    f = {
        "t_scope": float(bool(scope)), "b_narrow": float(narrow), "scope_over_narrow": float(bool(scope) and narrow),
        "t_certain": float(bool(certain)), "b_hedge": float(hedge),
        "certain_over_hedge": float(bool(certain) and hedge), "b_deny": float(deny),
        "assert_over_deny": float(assertion and deny), "t_tease": min(len(TEASE.findall(title)), 3) / 3,
        "t_withheld": float(bool(WITHHELD.search(title))), "t_question": float(not assertion),
        "t_severe": float(bool(SEVERE.search(title))), "b_severe": float(b_severe),
        "severe_unsupported": float(bool(severe) and not b_severe),
        "severe_over_routine": float(bool(severe) and routine),
        "b_routine": float(routine),
        "assert_over_takeback": float(assertion and bool(scope or certain or severe or "！" in title)
                                      and bool(TAKEBACK.search(body))),
        "t_number": float(bool(NUMBER.search(title))),
        "number_missing": float(bool(numbers)), "t_exclaim": min(title.count("！") + title.count("!"), 3) / 3,
        "t_ellipsis": float("…" in title or "..." in title), "t_official": float(bool(OFFICIAL.search(title))),
        "b_sourced": float(bool(SOURCED.search(body))), "coverage": cov, "uncarried": 1.0 - cov,
        "low_coverage": float(cov < 0.2), "t_len": min(len(title), 40) / 40,
        "b_len": min(math.log1p(len(body)) / math.log1p(400), 1.0),
        "first_person": float(bool(FIRST_PERSON_TITLE.search(title))), "short_body": float(len(body) < 12),
    }
    hashed = tuple((("c:" if g in carried else "u:") + g, i) for i, g in grams)
    hits = {"scope": scope, "certain": certain, "severe": severe,
            "assert": [*CERTAIN.finditer(title), *SEVERE.finditer(title)] if assertion else [],
            "takeback": [*scope, *certain, *severe] if assertion else [],
            "tease": list(TEASE.finditer(title)), "withheld": list(WITHHELD.finditer(title)),
            "number": numbers}
    return PairView(tuple(f[k] for k in FEATURES), hashed,
                    {k: tuple((m.start(), m.end()) for m in v) for k, v in hits.items()})


TITLE_RULE = Pattern("claims.clickbait.title_pair.title", re.compile(""))
BODY_RULE = Pattern("claims.clickbait.title_pair.body", re.compile(""))


@dataclass(frozen=True)
class PairReading:
    probability: float
    found: tuple[Found, ...]  # the title span that weighs most, and the body fact it is read against


@dataclass(frozen=True)
class TitlePair:
    """A shipped title-pair model: dense weights over `FEATURES`, a hashed bigram table, a bias, an operating point."""

    dense: np.ndarray
    table: np.ndarray
    bias: float
    bits: int
    threshold: float
    meta: dict[str, Any]

    @classmethod
    def load(cls, path: Path | None = None) -> TitlePair:
        """The model at `path` (default: the shipped one); ConfigError naming the file when it does not fit."""
        path = path or shipped_pair(NAME, KIND)
        meta, arrays = read_pair(path, KIND)
        try:
            if tuple(meta["features"]) != FEATURES:
                raise ValueError(f"features {meta['features']} are not this code's {list(FEATURES)}")
            bits = int(meta["bits"])
            dense, table = arrays["dense"].astype(np.float32), arrays["table"].astype(np.float32)
            if dense.shape != (len(FEATURES),) or table.shape != (1 << bits,):
                raise ValueError(f"weights of shape {dense.shape}, {table.shape} do not fit {len(FEATURES)} "
                                 f"features and {bits} bits")
            return cls(dense, table, float(meta["bias"]), bits, float(meta["threshold"]), meta)
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{path}: cannot load {KIND}: {exc}") from None

    def probability(self, pv: PairView) -> float:
        z = self.bias + float(np.dot(self.dense, np.asarray(pv.dense, dtype=np.float32)))
        z += float(self.table[[_hash(k, self.bits) for k, _ in pv.hashed]].sum())
        return 1.0 / (1.0 + math.exp(-z))

    def read(self, title: str, body: str) -> PairReading:
        """The probability that `title` overstates `body`, with the evidence spans (canonical offsets)."""
        pv = pair_view(title, body)
        p = self.probability(pv)
        return PairReading(p, self._evidence(pv, title, body) if p >= self.threshold else ())

    def _evidence(self, pv: PairView, title: str, body: str) -> tuple[Found, ...]:
        """The title span that weighs most (a class hit of a firing pair feature, else the uncarried bigram of the
        greatest weight) and the body fact it is read against (that class's body match, else the body's first
        clause: what the body does tell)."""
        span, against = None, None
        for cls_name, feature in (("scope", "scope_over_narrow"), ("certain", "certain_over_hedge"),
                                  ("severe", "severe_over_routine"), ("assert", "assert_over_deny"),
                                  ("takeback", "assert_over_takeback")):
            i = FEATURES.index(feature)
            if pv.dense[i] and self.dense[i] > 0 and pv.title_hits[cls_name]:
                span, against = pv.title_hits[cls_name][0], AGAINST[cls_name]
                break
        if span is None:
            weighed = [(float(self.table[_hash(k, self.bits)]), i) for k, i in pv.hashed if k.startswith("u:")]
            if weighed:
                w, i = max(weighed)
                span = (i, i + 2) if w > 0 else None
        if span is None:
            for cls_name in ("severe", "tease", "withheld", "number"):
                if pv.title_hits[cls_name]:
                    span = pv.title_hits[cls_name][0]
                    break
        out = [Found(TITLE_RULE, "title", *(span or (0, len(title))))]
        m = against.search(body) if against is not None else None
        if m is None:
            m = _CLAUSE.search(body)
        if m is not None:
            out.append(Found(BODY_RULE, "text", m.start(), m.end()))
        return tuple(out)
