"""Contact / link detector (清朗 campaign 3 "违规外链、引流"): handles and links scored by their context.

Runs on every normalized field. The canonical text (``qinglang.text.normalize``) already folds width, case,
digit styles, emoji (🐧→qq, ✈→飞机) and separators between CJK characters; this module adds a second, local
"compact" view for the obfuscations that only make sense around handles (spaced-out ``h t t p s : / /``,
``点`` / ``dot`` / ``。`` for ``.``, ``c0m``, ``at`` / ``#`` / ``艾特`` for ``@``) and keeps its own offset map,
so every evidence span maps back to the original text exactly (compact → canonical → original).

Scoring: a handle is only evidence of 引流 with context. A channel cue (加/V/薇/威/企鹅/纸飞机…) bound to a
handle is strong, an obfuscated spelling is stronger, a lure (porn, gambling, 刷单…) nearby is decisive; a
bare number or a plain link with no cue yields nothing. Lure and code-word terms come from the shipped
``lexicons/drainage`` folder, loaded here too so that the detector works without the shipped lexicons.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from ..indicators.normalize import url as indicator_url
from ..labels import LABELS
from ..lexicon.loader import load_dir
from ..lexicon.matcher import CompiledLexicon, Hit
from ..model import Content, Evidence, Signal
from ..text.normalize import NormalizedText, Normalizer, load_table
from .base import Views

MAX_EVIDENCE = 20
MAX_HANDLES = 100  # per field: a post with more is spam whatever the rest says, and checks stay cheap
MAX_FIELD = 200_000  # beyond this a field is scanned in its first MAX_FIELD characters only

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_NUMERALS = {r.source: r.target for r in load_table("numerals")}
_NUM_CHARS = "".join(_NUMERALS)
_NUM_TABLE = str.maketrans(_NUMERALS)

# --- the compact view --------------------------------------------------------------------------------------
# Spaced-out runs: single characters separated by 1–2 spaces, or by an obfuscated dot (w w w 点 a b c 点 c o m).
_TOK = r"[a-z0-9./:@_\-]"
_ODOT = r"(?:点|。|dot|\[\.\]|\(\.\)|（\.）|\[点\]|\(点\)|（点）|丶|·|•|﹒|．)"
_COMPACT_RE = re.compile(
    rf"(?P<spaced>(?:(?<![a-z0-9])|(?<=[^a-z0-9][vqx])){_TOK}"
    rf"(?:(?: {{1,2}}| ?{_ODOT} ?){_TOK}){{3,}}(?![a-z0-9./:@_\-]))"
    rf"|(?P<dot>(?<=[a-z0-9]) ?{_ODOT} ?(?=[a-z0-9]))"
    r"|(?P<sdot>(?<=www)(?: +\. *| *\. +)(?=[a-z0-9])"
    r"|(?<=[a-z0-9]) +\. *(?=(?:com|net|org|cn|cc|vip|top|xyz)(?![a-z0-9]))"
    r"|(?<=[a-z0-9]) *\. +(?=(?:com|net|org|cn|cc|vip|top|xyz)(?![a-z0-9])))"
    r"|(?P<at>(?<=[a-z0-9]) ?(?:\(at\)|\[at\]|（at）|艾特|#|＃| at ) ?(?=[a-z0-9]))"
    r"|(?P<com>(?<=\.)c[0〇○]m(?![a-z0-9]))"
)
_ODOT_RE = re.compile(rf" ?{_ODOT} ?")


# Cheap gates for the compaction regex (whose alternation defeats the regex engine's first-character scan).
_COMPACT_HINTS = (
    re.compile(r"[a-z0-9] ?(?:[。点·•丶﹒．#＃(\[（]|dot|艾特)"),
    re.compile(r"[a-z0-9./:@_\-] {1,2}[a-z0-9./:@_\-] {1,2}[a-z0-9./:@_\-]"),
    re.compile(r"[a-z0-9] +\.|\. +[a-z0-9]"),
)
_COMPACT_WORDS = ("(at)", "[at]", "（at）", " at ", "c0m", "c〇m", "c○m")  # 'at' words first, then 'c' ones


def _needs_compaction(canon: str) -> bool:
    # Substring tests first (C speed): the spaced and spaced-dot hints need a space, the words an 'at' or 'c'.
    space = " " in canon
    if ("at" in canon and any(w in canon for w in _COMPACT_WORDS[:4])) or (
            "c" in canon and any(w in canon for w in _COMPACT_WORDS[4:])):
        return True
    if _COMPACT_HINTS[0].search(canon):
        return True
    return space and (_COMPACT_HINTS[1].search(canon) is not None
                      or ("." in canon and _COMPACT_HINTS[2].search(canon) is not None))


class _Compact:
    """Canonical text with handle obfuscations undone; `back` maps compact offsets to canonical ones."""

    __slots__ = ("_edits", "_ends", "_nt", "_starts", "text")

    def __init__(self, canon: str, nt: NormalizedText | None = None) -> None:
        self._nt = nt
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        self._edits: list[tuple[int, int]] = []  # compact ranges that compaction rewrote
        if not _needs_compaction(canon) or not _COMPACT_RE.search(canon):
            self.text = canon
            return
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for m in _COMPACT_RE.finditer(canon):
            a, b = m.span()
            out.append(canon[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
            kind = m.lastgroup
            first = len(starts)
            if kind == "spaced":
                k = a
                seg = canon[a:b]
                for part in re.finditer(rf"{_ODOT}| +|.", seg):
                    pa, pb = part.span()
                    ch = part.group()
                    if ch.isspace():
                        continue
                    rep = "." if len(ch) > 1 or _ODOT_RE.fullmatch(ch) else ch
                    out.append(rep)
                    starts.append(k + pa)
                    ends.append(k + pb)
            else:
                rep = {"dot": ".", "sdot": ".", "at": "@", "com": "com"}[kind or ""]
                out.append(rep)
                starts.extend([a] * len(rep))
                ends.extend([b] * len(rep))
            self._edits.append((first, len(starts)))
            pos = b
        out.append(canon[pos:])
        starts.extend(range(pos, len(canon)))
        ends.extend(range(pos + 1, len(canon) + 1))
        self.text = "".join(out)
        self._starts, self._ends = starts, ends

    def back(self, i: int, j: int) -> tuple[int, int]:
        if self._starts is None or self._ends is None:
            return i, j
        return self._starts[i], self._ends[j - 1]

    def apart(self, i: int) -> bool:
        """True when compact characters i-1 and i were not adjacent in the original text (something between
        them was removed: the normalizer joins letters spelled out one by one, "V s a u c" → "vsauc")."""
        if self._nt is None or i <= 0 or i >= len(self.text):
            return False
        (_, left_end), (right_start, _) = self.back(i - 1, i), self.back(i, i + 1)
        return self._nt.span(left_end - 1, left_end)[1] < self._nt.span(right_start, right_start + 1)[0]

    def touched(self, i: int, j: int) -> bool:
        """True when compaction rewrote something inside compact span [i, j)."""
        return any(a < j and i < b for a, b in self._edits)


# --- handle patterns (all linear: every repetition consumes a character its neighbours cannot) --------------
_D = f"[0-9{_NUM_CHARS}]"
_DSEP = rf"[^0-9a-z{_CJK}\n。！？；：（）()【】]"
_DIGITS_BODY = rf"{_D}(?:{_DSEP}{{0,3}}{_D}){{4,}}(?![0-9a-z])"
_DIGITS_RE = re.compile(rf"(?<![0-9a-z]){_DIGITS_BODY}")
_DIGITS_AT_RE = re.compile(_DIGITS_BODY)  # anchored right after a cue: "qq12345678", "tel138…"
_DIGITS_HINT = re.compile(rf"{_D}(?:{_DSEP}{{0,3}}{_D}){{4}}")  # starts with a class: fast scan, no lookbehind
_ID_RE = re.compile(r"@?([a-z0-9][a-z0-9_\-]*(?:[.·*~][a-z0-9_\-]+)*)")
_ID_MORE_RE = re.compile(r" ([a-z0-9_\-]{1,20})(?![a-z0-9_\-])")
# What may sit between a cue and its handle: punctuation, symbols, emoji, and a few words (号/是/搜…).
_COLON_NEXT = re.compile(rf"[^0-9a-z{_CJK}\n]{{0,3}}[:：]")
_WORD_COLON = re.compile(rf"[{_CJK}]{{1,4}}[:：] ?")
_FILL_RE = re.compile(
    rf"(?:[^0-9a-z{_CJK}\n]|号码?|码|是|为|搜索?|同号|账号|id(?=[:：\s])|:|：|->|一下|我|频道|群组?){{0,5}}"
)

# Cues naming a channel; longest spellings first. "weak" cues need a contact verb before them (加v, 私微).
_CUES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (strong cues, weak cues)
    "wechat": (
        ("微信号", "微信", "威信", "薇信", "维信", "徽信", "卫星", "卫信", "围信", "薇芯", "威芯", "维芯", "v芯", "v信",
         "vx号", "vx", "wx号",
         "wx", "weixin", "wechat", "绿泡泡", "绿色泡泡", "微号", "薇号", "威号", "v号", "vx同号", "wei信"),
        ("v", "微", "薇", "威", "围", "维", "卫"),
    ),
    "qq_group": (("qq群号", "qq群", "q群号", "q群", "扣群", "企鹅群", "扣扣群", "群号", "裙号", "群聊号",
                  "交流群", "裙"),
                 ("群",)),
    "qq": (("qq号", "qq", "扣扣号", "扣扣", "抠抠", "企鹅号", "企鹅", "球球", "秋秋", "q号", "扣号"), ("q", "扣")),
    "telegram": (("telegram", "tg号", "tg", "电报号", "电报", "纸飞机", "小飞机", "飞机号", "灰机", "飞机"), ()),
    "phone": (("手机号码", "手机号", "手机", "电话号码", "电话", "号码", "tel", "call", "致电", "拨打",
               "联系方式", "座机", "固话", "电联", "来电"), ()),
    # other apps' accounts (value "<app>:<id>")
    "other": (("抖音号", "快手号", "小红书号", "陌陌号", "探探号", "soul号", "whatsapp", "line id", "lineid",
               "skype", "instagram", "discord", "微博号"), ()),
    # a bare contact verb: 加我 abc_777, 联系 13912345678 (the channel is left unsaid)
    "generic": (("加我", "加", "+", "联系我", "联系", "私我", "滴滴我", "找我", "dd我"), ()),
}
_VERBS = ("加我", "加", "+", "私", "联系", "找", "滴滴", "dd", "搜", "添加", "扫", "联络", "咨询")
_CUE_KIND: dict[str, tuple[str, bool]] = {}
for _kind, (_strong, _weak) in _CUES.items():
    for _c in _strong:
        _CUE_KIND.setdefault(_c, (_kind, True))
    for _c in _weak:
        _CUE_KIND.setdefault(_c, (_kind, False))
_CSEP = rf"[^0-9a-z{_CJK}\n，。！？；：:]{{0,2}}"


def _cue_pattern(cue: str) -> str:
    """A cue spelled with decorations between its letters (w♥x, V✨X, Wech/at); CJK separators are already gone."""
    if len(cue) > 1 and any(c.isascii() for c in cue):
        return _CSEP.join(re.escape(c) for c in cue)
    return re.escape(cue)


_CUE_RE = re.compile("|".join(_cue_pattern(c) for c in sorted(_CUE_KIND, key=len, reverse=True)))
_CUE_STRIP = re.compile(rf"[^0-9a-z{_CJK}+]")
_VERB_RE = re.compile("(?:" + "|".join(re.escape(v) for v in _VERBS) + r")[^0-9a-z\n]{0,2}$")
# A cue glued into a longer innocent word is not a cue: 威信县, 微信支付 has no handle anyway, v领, 卫星城.
_CUE_EXEMPT_AFTER = {"威信": "县镇乡人", "卫星": "城站", "飞机": "场票上", "群": "众体岛", "裙": "子摆"}
# Plain cues that also sound like 微信 code spellings: the spelling itself is the obfuscation.
_OBFUSCATED_CUES = frozenset({
    "威信", "薇信", "维信", "徽信", "卫星", "卫信", "围信", "薇芯", "威芯", "维芯", "v芯", "v信", "vx", "vx号", "wx",
    "wx号", "weixin",
    "绿泡泡", "绿色泡泡", "薇号", "威号", "v号", "v", "薇", "威", "围", "维", "卫", "wei信", "扣扣号", "扣扣", "抠抠",
    "企鹅号", "企鹅", "球球", "秋秋", "q号", "扣号", "q", "扣", "裙号", "裙", "扣群", "企鹅群", "扣扣群", "纸飞机",
    "小飞机", "飞机号", "灰机", "飞机", "电报", "电报号",
})

_TLDS = frozenset("""
com net org cn cc top xyz vip info biz me io co tv club site online shop app link live pro fun ink wang ltd ren
tk ml ga cf gq asia hk tw mo us uk jp kr la ws bet win red icu cyou buzz one work today life world store tech
space website xin kim men loan date party mobi name cloud games game bar sx vg pw in ph th vn my sg id ru to
ly gd gl nz im sh mk gg ai de fr eu ca au
""".split())
# A scheme written apart or masked (ht tps://, h**p://, hxxps://): the host after it is an obfuscated link.
_BROKEN_SCHEME = re.compile(
    r"(?:h[^a-z\n]{0,3}t?[^a-z\n]{0,3}t?[^a-z\n]{0,3}p|hxxp|ttp|tps|tp)(?:[^a-z\n]{0,3}s)?"
    r"[^a-z0-9\n]{0,3}(?:/ ?){1,2}$"
)
_STRONG_TLDS = frozenset({"com", "cn", "net", "org", "cc", "vip", "top", "xyz", "co", "tk", "la", "ws", "bet"})
_SPAMMY_LABEL = re.compile(r"[a-z]{1,8}[0-9]{3,}[a-z]{0,3}")
_GROUPS_BEFORE = re.compile(r"(?<![a-z0-9.])(?:[a-z0-9]{1,3} ){1,4}$")
_PROSE_TLDS = frozenset({"me", "in", "to", "my", "id", "co", "one", "is", "it", "at", "so", "do", "us", "la"})
_URL_RE = re.compile(
    r"(?<![a-z0-9@_\-])(?P<scheme>(?:https?|ftp)://\s?)?"
    r"(?P<host>(?:[a-z0-9][a-z0-9\-]{0,62}\.){1,6}(?P<tld>[a-z]{2,10}))(?![a-z0-9\-])"
    r"(?::\d{2,5})?(?P<path>/[a-z0-9/?#&=%._~+\-]*)?"
)
_EMAIL_RE = re.compile(
    r"(?<![a-z0-9._%+\-])([a-z0-9][a-z0-9._%+\-]{0,63})@((?:[a-z0-9\-]{1,63}\.){1,4}[a-z]{2,10})(?![a-z0-9])"
)
_WECHAT_ID_RE = re.compile(r"[a-z][a-z0-9_\-]{5,19}")
_TG_ID_RE = re.compile(r"[a-z][a-z0-9_]{4,31}")

# Link classes by host (suffix match) and path.
_INVITE = (
    ("weixin.qq.com", "/g/", "wechat_group"), ("work.weixin.qq.com", "", "wechat_group"),
    ("u.wechat.com", "", "wechat"), ("qm.qq.com", "", "qq_group"), ("jq.qq.com", "", "qq_group"),
    ("qun.qq.com", "", "qq_group"), ("t.me", "", "telegram"), ("telegram.me", "", "telegram"),
    ("telegram.dog", "", "telegram"), ("discord.gg", "", "discord"), ("line.me", "", "line"),
    ("chat.whatsapp.com", "", "whatsapp"), ("wa.me", "", "whatsapp"),
)
_SHORT = frozenset("""t.cn url.cn dwz.cn suo.im bit.ly tinyurl.com is.gd goo.gl ow.ly t.co rb.gy cutt.ly s.id
w.url.cn 3.cn u.nu dwz.mk mrw.so sohu.gg c7.gg kks.me""".split())
_CLOUD = ("pan.baidu.com", "yun.baidu.com", "aliyundrive.com", "alipan.com", "pan.quark.cn", "115.com",
          "115cdn.com", "lanzou.com", "lanzoui.com", "lanzoux.com", "lanzouw.com", "lanzoub.com", "weiyun.com",
          "123pan.com", "123pan.cn", "ctfile.com", "mega.nz", "cowtransfer.com", "pan.xunlei.com", "drive.uc.cn")
# Hosts whose plain links are ordinary (government, education, the big platforms' public pages).
_BENIGN_HOSTS = ("gov.cn", "edu.cn", "org.cn", "people.com.cn", "xinhuanet.com", "news.cn", "cctv.com",
                 "gov", "edu", "wikipedia.org", "12306.cn", "taobao.com", "jd.com", "tmall.com", "baidu.com",
                 "weibo.com", "zhihu.com", "bilibili.com", "douyin.com", "github.com", "apple.com", "microsoft.com",
                 "mi.com", "huawei.com", "python.org")
_LINK_CUES = ("网址", "链接", "点击", "访问", "打开", "复制", "浏览器", "登录", "注册", "下载", "入口", "地址",
              "戳", "网站", "网页", "app", "网盘", "提取码", "进群", "加群", "福利", "资源", "充值", "领取")
# Contexts in which a phone number / link is a public service, not a lure (政务热线, 报警, 医院…).
_BENIGN_CONTEXT = re.compile(
    "热线|政务|政府|市长|12345|12315|12321|12377|110|120|119|122|报警|举报|派出所|公安|警方|反诈|医院|急救|"
    "居委|社区|街道|办公室|学校|招生|教务|法院|检察|税务|消协|市场监管|客服|售后|物业|快递|失物|寻物|寻人|"
    "走失|启事|重谢|寻狗|寻猫|挂号|预约|官方|服务中心|营业厅|银行"
)
_TG_MARK = re.compile("[@＠✈🛩🛫]")
_CLOUD_LURE = re.compile("资源|福利|合集|原档|种子|无删|全集|破解|看片|付费|会员")
_DIVERSION = re.compile("私我|私聊|私信|滴滴|dd我|进群|拉你|带你|主页|简介|头像|置顶|暗号|备注|懂的|秒回|24小时|在线")


@dataclass(frozen=True, slots=True)
class Handle:
    """One extracted handle: compact-view offsets, its normalized value and how sure we are of it."""

    kind: str  # wechat qq qq_group telegram phone landline email url
    value: str  # e.g. "wechat:abc_777"
    start: int
    end: int
    rule: str
    score: float
    cue: str | None = None


class ContactDetector:
    """Contact handles and links in every text field → `drainage` signals; lures nearby → their own labels."""

    name = "contact"
    version = "1"

    def __init__(self, normalizer: Normalizer, lexicon_dirs: list[Path] | None = None,
                 custom_labels: frozenset[str] = frozenset(), host: CompiledLexicon | None = None) -> None:
        """`lexicon_dirs`: folders of 暗号 (label drainage) and lures (any other label); default: the shipped
        `lexicons/drainage`."""
        dirs = lexicon_dirs or [Path(str(resources.files("qinglang").joinpath("lexicons", "drainage")))]
        entries = [e for d in dirs for e in load_dir(d, frozenset(LABELS) | custom_labels).entries]
        # "Where to find me" phrases (看主页, 私我…) need a lure; here any lure in the item is that context,
        # so their lexicon-level context lists (a window around the phrase) are dropped.
        entries = [replace(e, context=()) if e.rule.endswith(".pointer") else e for e in entries]
        # Exact spellings only: the lexicon detector already reports homophones of these terms, and a second
        # phonetic pass here would double the matching cost for every post.
        entries = [replace(e, match=frozenset({"exact"})) for e in entries]
        # The engine's own lexicon holds these terms too (the shipped drainage folder): share its automaton pass.
        self.lexicon = CompiledLexicon(entries, normalizer, host=host)
        self.normalizer = normalizer
        self.supported_labels = frozenset({"drainage"} | {e.label for e in entries})
        self.id = f"{self.name}@{self.version}"

    # -- public ----------------------------------------------------------------------------------------------
    def prepare(self, batch: list[Views]) -> None:
        """Batch hook (Engine.moderate_many): match the 暗号/lure terms of every field of the batch at once."""
        self.lexicon.match_many([nt for views in batch for nt in views.fields.values()])

    def detect(self, content: Content, views: Views) -> list[Signal]:
        """Signals for every handle and every lure found next to one, across all fields of `content`."""
        handles: list[tuple[str, _Compact, Handle]] = []
        plus: list[tuple[str, Handle]] = []
        terms: list[tuple[str, Hit]] = []
        for field_name, nt in views.items():
            canon = nt.text if len(nt.text) <= MAX_FIELD else nt.text[:MAX_FIELD]
            found = self.lexicon.match(nt)
            if found:
                terms.extend((field_name, h) for h in found if h.end <= MAX_FIELD)
            if not _maybe_handle(canon):
                continue
            compact = _Compact(canon, nt)
            handles.extend((field_name, compact, h) for h in extract(compact))
            if "+" in nt.original or "＋" in nt.original:
                plus.extend((field_name, h) for h in _plus_handles(nt.original[:MAX_FIELD], self.normalizer))
            if _SPACED_HINT.search(nt.original):
                plus.extend((field_name, h) for h in _spaced_links(nt.original[:MAX_FIELD]))
            if "@" in nt.original or "＠" in nt.original:
                plus.extend((field_name, h) for h in _mentions(nt.original[:MAX_FIELD]))
        if not handles and not terms and not plus:
            return []
        lures = [(f, h) for f, h in terms if h.entry.label != "drainage"]  # porn, gambling, water_army, fraud…
        codes = [(f, h) for f, h in terms if h.entry.label == "drainage"]
        signals: list[Signal] = []
        groups: dict[str, list[tuple[float, Evidence]]] = defaultdict(list)
        for field_name, compact, h in handles:
            cs, ce = compact.back(h.start, h.end)
            nt = views.fields[field_name]
            layers = nt.layers(cs, ce)
            if compact.touched(h.start, h.end):
                layers = (*layers, "contact")
            if h.kind == "telegram" and h.score < 0.5 and _TG_MARK.search(nt.original[slice(*nt.span(cs, ce))]):
                h = replace(h, score=0.75)
            if not h.rule.endswith(".obfuscated") and h.rule.count(".") == 1 and _obfuscating(layers, nt, cs, ce):
                h = replace(h, rule=h.rule + ".obfuscated", score=max(h.score, 0.85) if h.kind == "url" and h.score
                            else h.score)
            score, why = _contextual_score(h, compact.text, lures, codes)
            if score < 0.5:
                continue
            if h.kind == "url" and "/" in h.value[4:]:
                h = replace(h, value=_url_value_case(h.value, nt.original[slice(*nt.span(cs, ce))]))
            ev = views.evidence(
                field_name, cs, ce, normalized=compact.text[h.start:h.end], rule=h.rule, detector=self.id,
                layers=layers, value=h.value, context_word=why, context_gain=max(0.0, score - h.score),
            )
            groups[h.rule].append((score, ev))
        for field_name, h in plus:
            # found on the original text (the canonical text lost the '+'); skip what the main pass already has
            if any(ev.field == field_name and ev.start < h.end and h.start < ev.end
                   for scored in groups.values() for _, ev in scored):
                continue
            original = views.fields[field_name].original
            score, why = _contextual_score(h, original.lower(), lures, codes)
            if score >= 0.5:
                groups[h.rule].append((score, Evidence(
                    field=field_name, start=h.start, end=h.end, text=original[h.start:h.end],
                    normalized=h.value.split(":", 1)[1], rule=h.rule, detector=self.id, value=h.value,
                    context_word=why, context_gain=max(0.0, score - h.score))))
        contact_found = bool(groups)
        # Code words (绿泡泡, 看主页…) with a lure but no handle are diversion too: the handle is elsewhere.
        if codes and lures and not contact_found:
            for field_name, hit in codes:
                groups["contact.codeword"].append((0.85, self._term_evidence(views, field_name, hit, lures[0][1])))
        for rule, scored in groups.items():
            signals.append(_signal("drainage", rule, scored, self.id))
        if contact_found or codes:
            by_label: dict[str, list[tuple[float, Evidence]]] = defaultdict(list)
            for field_name, hit in lures:
                score = max(hit.score, 0.9 if contact_found else 0.8)
                by_label[hit.entry.label].append((score, self._term_evidence(views, field_name, hit, None)))
            for label, scored in by_label.items():
                signals.append(_signal(label, f"contact.lure.{label}", scored, self.id))
        return signals

    def _term_evidence(self, views: Views, field_name: str, hit: Hit, ctx: Hit | None) -> Evidence:
        return views.evidence(
            field_name, hit.start, hit.end, rule=hit.entry.rule, detector=self.id,
            context_word=ctx.entry.term if ctx is not None else hit.context_word,
        )


_PLAIN_CHAR = re.compile(rf"[\sa-zA-Z0-9{_CJK}：:，,。.@_\-]")
_SPELLED = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9] [A-Za-z0-9] ")  # 1 3 8…, a b c…: spelled out one by one
_DECOR = re.compile(r"[^\w\s：:，,。.@\-＠]")


def _url_value_case(value: str, original: str) -> str:
    """Keep the original case of a link's path (short-link codes are case-sensitive); the host stays lower."""
    host, _, path = value[4:].partition("/")
    k = original.lower().rfind("/" + path)
    if path and k >= 0 and len(original) >= k + 1 + len(path):
        return f"url:{host}/{original[k + 1:k + 1 + len(path)]}"
    return value


def _obfuscating(layers: tuple[str, ...], nt: NormalizedText, cs: int, ce: int) -> bool:
    """True when normalization undid a disguise inside the span (not upper case, 繁体 or a typed space)."""
    orig = nt.original[slice(*nt.span(cs, ce))]
    fired = set(layers) - {"t2s", "repeat"}
    if "separator" in fired and not _DECOR.search(orig) and not _SPELLED.search(orig):
        fired.discard("separator")  # a space typed between 加我 and the id is not a disguise
    if fired == {"unicode"} and all(_PLAIN_CHAR.match(c) for c in orig):
        fired.discard("unicode")  # upper case only
    return bool(fired)


def _signal(label: str, rule: str, scored: list[tuple[float, Evidence]], detector: str) -> Signal:
    scored.sort(key=lambda se: (-se[0], se[1].field, se[1].start))
    seen: set[tuple[str, int, int]] = set()
    uniq = []
    for s, ev in scored:
        key = (ev.field, ev.start, ev.end)
        if key not in seen:
            seen.add(key)
            uniq.append((s, ev))
    distinct = len({ev.value or ev.normalized for _, ev in uniq})
    score = min(0.99, uniq[0][0] + 0.03 * (distinct - 1))
    evidence = tuple(sorted((ev for _, ev in uniq[:MAX_EVIDENCE]), key=lambda ev: (ev.field, ev.start)))
    return Signal(label=label, score=round(score, 4), rule=rule, detector=detector, evidence=evidence)


_PREFILTER = re.compile("[0-9a-z]")  # one class: the regex engine scans for it at C speed
# Every handle holds an id of five or more letters/digits (possibly split by a space or a dot-like mark; only
# other apps' ids, after a cue such as 抖音号 or line id, may have four), a number (any digit style), a '.'
# (links) or an '@' (e-mail), or needs compaction first (w w w 点 …).
_ID_HINT = re.compile(r"[a-z0-9_\-](?:[ .·*~]?[a-z0-9_\-]){4}")
_SHORT_ID_HINT = re.compile(r"[a-z0-9_\-](?:[ .·*~]?[a-z0-9_\-]){3}")


def _maybe_handle(canon: str) -> bool:
    """Cheap gate for extraction: False only where no extractor can find anything (most posts)."""
    if _PREFILTER.search(canon) is None:
        return False
    return bool("." in canon or "@" in canon or _ID_HINT.search(canon) or _DIGITS_HINT.search(canon)
                or (("号" in canon or "line" in canon) and _SHORT_ID_HINT.search(canon))
                or _needs_compaction(canon))


# --- extraction -------------------------------------------------------------------------------------------
def find_handles(nt: NormalizedText) -> list[Handle]:
    """Every candidate handle of one normalized field, before context scoring, in canonical offsets.

    For reuse outside the detector (e.g. an indicator bank over OCR or QR text): `nt.span(h.start, h.end)`
    gives the original span; `h.value` is the normalized indicator (``wechat:abc_777``, ``url:hg8868.cc``).
    """
    canon = nt.text[:MAX_FIELD]
    if not _maybe_handle(canon):
        return []
    compact = _Compact(canon, nt)
    out = []
    for h in extract(compact):
        cs, ce = compact.back(h.start, h.end)
        out.append(replace(h, start=cs, end=ce))
    return out


def extract(compact: _Compact) -> list[Handle]:
    """Every handle in a compact view, without overlaps (cue-bound handles first, then links, then numbers)."""
    text = compact.text
    taken: list[tuple[int, int]] = []
    out: list[Handle] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(h: Handle) -> None:
        if len(out) < MAX_HANDLES and free(h.start, h.end):
            taken.append((h.start, h.end))
            out.append(h)

    if "@" in text:
        for h in _emails(compact):
            add(h)
    if "." in text:
        for h in _urls(compact):
            add(h)
    for h in _cue_bound(compact):
        add(h)
    if "信" in text or "vx" in text or "wx" in text:
        for h in _id_before_cue(compact):
            add(h)
    if _DIGITS_HINT.search(text):
        for h in _numbers(compact):
            add(h)
    out.sort(key=lambda h: h.start)
    return out


def _obf(compact: _Compact, a: int, b: int, cue: str | None = None) -> bool:
    return compact.touched(a, b) or (cue is not None and cue in _OBFUSCATED_CUES)


def _cue_bound(compact: _Compact) -> list[Handle]:
    """Handles right after a channel cue: 加V：abc_777, 🐧 12345678, 纸飞机 @abc, 裙号 1234 5678."""
    text = compact.text
    out: list[Handle] = []
    for m in _CUE_RE.finditer(text):
        cue = m.group()
        if cue not in _CUE_KIND:
            cue = _CUE_STRIP.sub("", cue)
        kind, strong = _CUE_KIND[cue]
        a, b = m.span()
        if _glued(compact, cue, b) and not (len(cue) >= 2 and cue.isascii()):
            continue  # v领, qqmusic: an ascii cue must end where its word ends (or be a multi-letter cue: vxabc12)
        if cue[:1].isascii() and cue[:1].isalpha() and a > 0 and text[a - 1].isascii() and text[a - 1].isalnum():
            continue
        exempt = _CUE_EXEMPT_AFTER.get(cue)
        if exempt and b < len(text) and text[b] in exempt:
            continue
        verb = _VERB_RE.search(text[max(0, a - 6):a]) is not None
        if not strong and not verb:
            fill_probe = text[b:b + 2]
            if not (_COLON_NEXT.match(text, b) or (cue in ("v", "q") and fill_probe[:1] in " 我")):
                continue
        f = _FILL_RE.match(text, b)
        pos = f.end() if f else b
        if verb and kind in ("wechat", "qq", "qq_group", "telegram") and pos == b:
            w = _WORD_COLON.match(text, b)  # 加V看片：id, 加微信领取：id
            if w is not None:
                pos = w.end()
        if cue == "+" and a > 0 and (text[a - 1] == "+" or (text[a - 1].isascii() and text[a - 1].isalnum())):
            continue  # c++, 1+1
        nxt = _CUE_RE.match(text, pos)
        if kind == "generic" and nxt is not None and not _glued(compact, nxt.group(), nxt.end()):
            continue  # 加 + vx…: the channel cue that follows speaks for itself
        h = _handle_at(compact, kind, cue, pos, strong, verb)
        if h is not None:
            start = h.start if h.kind in ("phone", "landline") else a
            out.append(Handle(h.kind, h.value, start, h.end, h.rule, h.score, cue))
    return out


_UNIT_CHARS = frozenset("元块万千百分人个次米字号条只件天年月日岁")
def _glued(compact: _Compact, cue: str, b: int) -> bool:
    """True when an ascii cue runs straight into more letters (v领 is fine, vabc is glued), unless compaction
    joined them (私V s a u c…: the id was spaced out)."""
    text = compact.text
    if not (cue[-1:].isascii() and cue[-1:].isalpha() and b < len(text) and text[b].isascii() and text[b].isalpha()):
        return False
    if compact.touched(b, b + 1) or compact.apart(b):
        return False
    # "Vs a u c 0 2": one letter, then a run the normalizer joined from single letters: the id starts at b
    return not (text[b + 1:b + 2] == " " and compact.apart(b + 3))


_FLIGHT_RE = re.compile(r"[a-z0-9]{2}\d{3,4}|[a-z]\d{3,4}")


def _handle_at(compact: _Compact, kind: str, cue: str, pos: int, strong: bool, verb: bool) -> Handle | None:
    text = compact.text
    d = _DIGITS_AT_RE.match(text, pos)
    if d is not None:
        digits = d.group().translate(_NUM_TABLE)
        digits = "".join(c for c in digits if c.isdigit())
        obf = _obf(compact, d.start(), d.end(), cue) or _digits_disguised(d.group())
        if kind == "generic":
            if _mobile(digits):
                kind = "phone"
            elif 6 <= len(digits) <= 11 and digits[0] != "0" and text[d.end():d.end() + 1] not in _UNIT_CHARS:
                return Handle("qq", f"qq:{digits}", d.start(), d.end(), "contact.qq" + (".obfuscated" if obf else ""),
                              0.6)
            else:
                return None
        if kind == "phone" or (_mobile(digits) and kind == "wechat"):
            num = _mobile(digits) or _landline(digits)
            if num is None:
                return None
            pk = "phone" if _mobile(digits) else "landline"
            return Handle(pk, f"phone:{num}", d.start(), d.end(), f"contact.{pk}" + (".obfuscated" if obf else ""),
                          0.75 if pk == "phone" else 0.4)
        if kind in ("qq", "qq_group") and 5 <= len(digits) <= 11 and digits[0] != "0":
            base = 0.8 if strong else 0.7
            if kind == "qq_group" and cue == "群":
                base = 0.6
            return Handle(kind, f"{kind}:{digits}", d.start(), d.end(),
                          f"contact.{kind}" + (".obfuscated" if obf else ""), base)
        if kind == "wechat" and 6 <= len(digits) <= 20:
            return Handle("wechat", f"wechat:{digits}", d.start(), d.end(),
                          "contact.wechat" + (".obfuscated" if obf else ""), 0.75)
        return None
    if kind == "phone":
        return None
    if cue == "wx" and text.startswith("id_", pos):
        pos -= 2  # wxid_…: WeChat's own id prefix, not the cue
    m = _ID_RE.match(text, pos)
    if m is None:
        return None
    raw = m.group(1)
    end = m.end()
    more = _ID_MORE_RE.match(text, end)
    # "abc 777": a digit group after a space belongs to the id; so does a spaced-out tail (u z y y g 9…)
    while more is not None and len(raw) + len(more.group(1)) <= 20 and (
            (more.group(1).isdigit() and len(more.group(1)) <= 4) or compact.touched(more.start(1), more.end(1))
            or (len(more.group(1)) > 1 and compact.apart(more.start(1) + 1))):
        raw += more.group(1)
        end = more.end()
        more = _ID_MORE_RE.match(text, end)
    ident = re.sub(r"[.·*~]", "", raw)
    obf = _obf(compact, m.start(), end, cue) or ident != raw
    if kind == "telegram" and _TG_ID_RE.fullmatch(ident) and not ident.startswith(("http", "www")):
        score = 0.85
        if cue in ("飞机", "灰机"):
            if _FLIGHT_RE.fullmatch(ident):
                return None  # 坐飞机CA1234: a flight number
            # 飞机 + a word is usually travel; it counts with a verb (加飞机) or an @ / ✈ in the original text.
            score = 0.75 if verb else 0.45
        return Handle("telegram", f"telegram:{ident}", m.start(), end,
                      "contact.telegram" + (".obfuscated" if obf else ""), score)
    if kind == "generic":
        plain_verb = cue in ("加", "+", "联系")
        if plain_verb and not (re.search(r"[_\-]", ident) or text[pos - 1:pos] in ":：" or (
                len(re.findall("[0-9]", ident)) >= 3 and len(re.findall("[a-z]", ident)) >= 3)):
            return None  # 加iphone15 到购物车
        if _WECHAT_ID_RE.fullmatch(ident) and re.search(r"[0-9_]", ident) and not ident.startswith(("http", "www")):
            return Handle("wechat", f"wechat:{ident}", m.start(), end, "contact.wechat" +
                          (".obfuscated" if obf else ""), 0.6)
        return None
    if kind == "other" and _OTHER_ID_RE.fullmatch(ident) and not ident.startswith(("http", "www")):
        app = _OTHER_APPS.get(cue, cue)
        return Handle("other", f"{app}:{ident}", m.start(), end, "contact.other_app" +
                      (".obfuscated" if obf else ""), 0.7)
    if kind == "wechat" and _WECHAT_ID_RE.fullmatch(ident):
        if ident.startswith(("http", "www")) or ident in ("wechat", "weixin"):
            return None
        return Handle("wechat", f"wechat:{ident}", m.start(), end,
                      "contact.wechat" + (".obfuscated" if obf else ""), 0.8 if strong else 0.7)
    return None


_OTHER_ID_RE = re.compile(r"[a-z0-9][a-z0-9_.\-]{3,29}")
_OTHER_APPS = {"抖音号": "douyin", "快手号": "kuaishou", "小红书号": "xiaohongshu", "陌陌号": "momo",
               "探探号": "tantan", "soul号": "soul", "line id": "line", "lineid": "line", "微博号": "weibo"}


_SUFFIX_CUE_RE = re.compile(
    r"(?<![a-z0-9_\-])([a-z][a-z0-9_\-]{5,19})"
    r"(?:[ （(]{1,2}(?:是|为)?(?:我的)?(?:vx|wx)|[ （(]{0,2}(?:是|为)?(?:我的)?(?:v信|微信|威信|薇信))"
)


def _id_before_cue(compact: _Compact) -> list[Handle]:
    """The reversed order: abc_777（vx）, abc_777 是我的微信."""
    out = []
    for m in _SUFFIX_CUE_RE.finditer(compact.text):
        ident = m.group(1)
        if ident.startswith(("http", "www")) or not re.search(r"[0-9_]", ident):
            continue  # iPhone vx…: an id written before its cue must look like an id
        obf = _obf(compact, m.start(1), m.end(1))
        out.append(Handle("wechat", f"wechat:{ident}", m.start(1), m.end(), "contact.wechat" +
                          (".obfuscated" if obf else ""), 0.7, m.group()[len(ident):].strip(" （(")))
    return out


_PLAIN_NUMBER = re.compile(r"[0-9]{3,}(?:[ \-][0-9]{3,}){0,3}")


def _digits_disguised(raw: str) -> bool:
    """True unless the number is written the ordinary way (138 0013 8000, 0755-86013388)."""
    return _PLAIN_NUMBER.fullmatch(raw) is None


# ASCII '+' for 加 ("资源+ abc_777"): normalization deletes it as a separator between CJK and a letter, so
# this pattern runs on the original text (only when it has a '+'); offsets are original offsets.
_PLUS_RE = re.compile(rf"(?<![A-Za-z0-9+])[+＋][ \t:：]{{0,3}}([^\s{_CJK}+＋，。！？；：,;:!?()（）【】]{{5,40}})")
_PLAIN_ID_RE = re.compile(r"[a-z][a-z0-9_\-]{5,19}|[1-9][0-9]{5,10}")


def _plus_handles(original: str, normalizer: Normalizer) -> list[Handle]:
    out = []
    for m in _PLUS_RE.finditer(original):
        ident = normalizer.normalize(m.group(1)).text.translate(_NUM_TABLE)
        if not _PLAIN_ID_RE.fullmatch(ident):
            continue
        if ident.isdigit():
            if _mobile(ident):
                out.append(Handle("phone", f"phone:{ident}", m.start(), m.end(), "contact.phone", 0.6, "+"))
            elif not ident.startswith("86"):
                out.append(Handle("qq", f"qq:{ident}", m.start(), m.end(), "contact.qq", 0.6, "+"))
        elif re.search(r"[_\-]|[0-9].*[0-9].*[0-9]", ident) and not ident.startswith(("http", "www")):
            out.append(Handle("wechat", f"wechat:{ident}", m.start(), m.end(), "contact.wechat", 0.6, "+"))
    return out


# A link or e-mail spelled out character by character ("w w w . x x 1 0 5 . c o m", "m 点 y y 4 8 . n e t"). The
# normalizer joins letters written one by one but drops the dots between them, so this runs on the original.
_TOKO = r"[A-Za-z0-9./:@_\-]"
_SPACED_HINT = re.compile(r"[A-Za-z0-9] [A-Za-z0-9./:@点。] ")
_SPACED_ORIG_RE = re.compile(
    rf"(?<![A-Za-z0-9]){_TOKO}(?:(?: {{1,2}}| ?{_ODOT} ?){_TOKO}){{3,}}(?![A-Za-z0-9./:@_\-])"
)
_SPACED_PART = re.compile(rf"{_ODOT}| +|.")


def _spaced_links(original: str) -> list[Handle]:
    out = []
    for m in _SPACED_ORIG_RE.finditer(original):
        chars: list[str] = []
        where: list[tuple[int, int]] = []
        for part in _SPACED_PART.finditer(m.group()):
            if part.group().isspace():
                continue
            chars.append("." if len(part.group()) > 1 or _ODOT_RE.fullmatch(part.group()) else part.group().lower())
            where.append((m.start() + part.start(), m.start() + part.end()))
        compact = _Compact("".join(chars))
        for h in [*_urls(compact), *_emails(compact)]:
            rule = {"contact.url": "contact.url.obfuscated", "contact.email": "contact.email.obfuscated"}.get(
                h.rule, h.rule)
            score = max(h.score, 0.85 if h.kind == "url" else 0.75)
            out.append(replace(h, start=where[h.start][0], end=where[h.end - 1][1], rule=rule, score=score))
    return out


# An ASCII @handle with no channel cue (联系@bc_king888): an ordinary mention unless a lure or a diversion
# phrase is in the item, so it starts at 0.3. Runs on the original text because normalization deletes an '@'
# that sits between a CJK character and a letter.
_MENTION_RE = re.compile(r"(?<![A-Za-z0-9_.@])[@＠]([A-Za-z][A-Za-z0-9_]{4,31})(?![A-Za-z0-9_.@])")


def _mentions(original: str) -> list[Handle]:
    out = []
    for m in _MENTION_RE.finditer(original):
        ident = m.group(1).lower()
        if re.search(r"[0-9_]", ident):
            out.append(Handle("mention", f"at:{ident}", m.start(), m.end(), "contact.mention", 0.3, "@"))
    return out


def _mobile(digits: str) -> str | None:
    if digits.startswith("0086") and len(digits) == 15:
        digits = digits[4:]
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789":
        return digits
    return None


def _landline(digits: str) -> str | None:
    if 10 <= len(digits) <= 12 and digits[0] == "0" and digits[1] != "0":
        return digits
    return None


MAX_CHUNKS = 64  # digit groups looked at per run (a phone number split digit by digit has 11)


def _numbers(compact: _Compact) -> list[Handle]:
    """Phone numbers not bound to a cue: any digit style, split by spaces or symbols."""
    text = compact.text
    out = []
    for m in _DIGITS_RE.finditer(text):
        raw = m.group()
        chunks = [(c.start(), c.end()) for c in re.finditer(f"{_D}+", raw)][:MAX_CHUNKS]
        found = None
        for i in range(len(chunks)):
            acc = ""
            for j in range(i, len(chunks)):
                acc += raw[chunks[j][0]:chunks[j][1]]
                if len(acc) > 13:
                    break
                digits = acc.translate(_NUM_TABLE)
                num = _mobile(digits) or (_landline(digits) if "-" in raw or len(chunks) > 1 else None)
                if num is not None:
                    found = (m.start() + chunks[i][0], m.start() + chunks[j][1], num, digits)
            if found:
                break
        if not found:
            continue
        a, b, num, digits = found
        pk = "phone" if _mobile(digits) else "landline"
        obf = compact.touched(a, b) or _digits_disguised(text[a:b])
        out.append(Handle(pk, f"phone:{num}", a, b, f"contact.{pk}" + (".obfuscated" if obf else ""),
                          0.35 if pk == "phone" else 0.2))
    return out


def _url_value(host: str, path: str) -> str:
    """The indicator form shared with the indicator bank (host without www., path kept, scheme dropped)."""
    raw = host + path.rstrip("/.")
    return indicator_url(raw) or raw


def _host_kind(host: str, path: str) -> str | None:
    for suffix, prefix, kind in _INVITE:
        if (host == suffix or host.endswith("." + suffix)) and path.startswith(prefix) and (path.strip("/") or prefix):
            return "invite:" + kind
    if host in _SHORT and len(path) > 2:
        return "short"
    if any(host == c or host.endswith("." + c) for c in _CLOUD):
        return "cloud"
    return None


def _urls(compact: _Compact) -> list[Handle]:
    text = compact.text
    out = []
    for m in _URL_RE.finditer(text):
        tld = m.group("tld")
        host = m.group("host")
        scheme = bool(m.group("scheme"))
        path = m.group("path") or ""
        if tld not in _TLDS:
            continue
        labels = host.split(".")
        broken = None if scheme else _BROKEN_SCHEME.search(text, max(0, m.start() - 20), m.start())
        obf = compact.touched(m.start(), m.end()) or broken is not None
        start = m.start() if broken is None else broken.start()
        if not scheme and m.start() > 0 and text[m.start() - 1] == " ":
            # "hg 66 8点com": groups typed apart in front of the host belong to it
            g = _GROUPS_BEFORE.search(text, max(0, m.start() - 24), m.start())
            if g is not None and (any(c.isdigit() for c in g.group())
                                  or (labels[0].isdigit() and g.group().count(" ") <= 2)):
                start, obf = g.start(), True
                host = g.group().replace(" ", "") + host
                labels = host.split(".")
        if not scheme and not host.startswith("www.") and (len(labels) < 2 or labels[-2].isdigit()):
            continue
        if obf and not scheme and not host.startswith("www.") and tld not in _STRONG_TLDS \
                and not any(c.isdigit() for c in host):
            continue  # PK。APP, ID。ID: two ascii words around a full stop, not a disguised link
        if not scheme and not obf and not host.startswith("www.") and tld in _PROSE_TLDS and not path \
                and host.replace(".", "").isalpha():
            continue  # "good.me", "log.in": prose, not a link
        kind = _host_kind(host, path)
        value = "url:" + _url_value(host, path)
        if kind and kind.startswith("invite:"):
            sub = kind.split(":", 1)[1]
            rule = {"wechat_group": "contact.wechat_group.invite", "qq_group": "contact.qq_group.invite",
                    "telegram": "contact.telegram.invite", "wechat": "contact.wechat.invite"}.get(sub,
                                                                                               "contact.url.invite")
            out.append(Handle("url", value, start, m.end(), rule, 0.85))
        elif kind == "short":
            out.append(Handle("url", value, start, m.end(), "contact.url.short", 0.6))
        elif kind == "cloud":
            out.append(Handle("url", value, start, m.end(), "contact.url.cloud_drive", 0.55))
        elif path.endswith(".apk") or "/apk" in path:
            out.append(Handle("url", value, start, m.end(), "contact.url.app", 0.75))
        elif obf:
            out.append(Handle("url", value, start, m.end(), "contact.url.obfuscated", 0.85))
        else:
            benign = any(host == b or host.endswith("." + b) for b in _BENIGN_HOSTS)
            # letters + a long number (hg8868, bet365, js76177n) is how gambling and porn mirrors are named
            spammy = len(labels) >= 2 and _SPAMMY_LABEL.fullmatch(labels[-2]) is not None
            out.append(Handle("url", value, start, m.end(), "contact.url", 0.0 if benign else 0.5 if spammy else 0.3))
    for m in re.finditer(r"itms-services://[a-z0-9/?#&=%._~+:\-]*", text):
        out.append(Handle("url", "url:" + m.group(), m.start(), m.end(), "contact.url.app", 0.75))
    return out


def _emails(compact: _Compact) -> list[Handle]:
    out = []
    for m in _EMAIL_RE.finditer(compact.text):
        local, domain = m.group(1), m.group(2)
        if domain.rsplit(".", 1)[-1] not in _TLDS:
            continue
        obf = compact.touched(m.start(), m.end())
        if obf:
            out.append(Handle("email", f"email:{local}@{domain}", m.start(), m.end(), "contact.email.obfuscated", 0.75))
        elif domain in ("qq.com", "foxmail.com") and local.isdigit():
            out.append(Handle("qq", f"qq:{local}", m.start(), m.end(), "contact.qq", 0.5))
        else:
            out.append(Handle("email", f"email:{local}@{domain}", m.start(), m.end(), "contact.email", 0.3))
    return out


# --- context ----------------------------------------------------------------------------------------------
_PHONE_NEAR = (*_VERBS, "电话", "手机", "号码", "联系方式", "tel", "微信", "vx", "wx", "qq", "打", "拨")


def _contextual_score(h: Handle, text: str, lures: list[tuple[str, Hit]], codes: list[tuple[str, Hit]],
                      ) -> tuple[float, str | None]:
    """The handle's score in its context, and the word that moved it (a lure, a cue, a diversion phrase)."""
    score, why = h.score, h.cue
    lo, hi = max(0, h.start - 24), min(len(text), h.end + 24)
    around = text[lo:h.start] + "\x00" + text[h.end:hi]
    if lures:
        lure = lures[0][1].entry.term
        return max(score, 0.9) if score > 0.0 else 0.0, lure
    if h.kind in ("phone", "landline", "email", "url") and _BENIGN_CONTEXT.search(around):
        return (score - 0.4 if h.kind in ("phone", "landline", "email") else min(score, 0.3)), None
    if h.rule.endswith(".obfuscated") and h.kind in ("phone", "landline"):
        score += 0.25
    elif h.rule.endswith(".obfuscated"):
        score += 0.1
    if h.kind in ("phone", "landline", "email", "url") and h.cue is None:
        near = text[max(0, h.start - 10):h.start]
        near_cues = _LINK_CUES if h.kind == "url" else _PHONE_NEAR
        cue = next((c for c in near_cues if c in near), None)
        if cue is not None:
            score, why = score + {"phone": 0.35, "landline": 0.25, "url": 0.25}.get(h.kind, 0.15), cue
    if h.rule == "contact.url.cloud_drive" and _CLOUD_LURE.search(around):
        score, why = score + 0.3, _CLOUD_LURE.search(around).group()  # type: ignore[union-attr]
    d = _DIVERSION.search(around)
    if d is not None:
        score, why = score + 0.1, why or d.group()
    if codes:
        score, why = score + 0.1, why or codes[0][1].entry.term
    return min(0.99, score), why


__all__ = ["ContactDetector", "Handle", "find_handles"]
