"""Account handles: ids bound to a channel cue (加V：abc_777, 🐧 12345678, 纸飞机 @abc), ids written before
their cue (abc_777 是我的微信), ``+`` for 加 and bare @mentions (both on the original text), and `extract`,
which runs every extractor over a compact view without overlaps."""

from __future__ import annotations

import re
from dataclasses import replace

from ...text.normalize import NormalizedText, Normalizer
from .base import MAX_FIELD, MAX_HANDLES, Handle
from .compact import Compact, needs_compaction
from .links import emails, urls
from .phones import DIGITS_AT_RE, DIGITS_HINT, digits_disguised, landline, mobile, numbers
from .tables import CJK, NUM_CHARS, NUM_TABLE, TABLES

_CUE_KIND = TABLES.cue_kind
_VERBS = TABLES.verbs
# A cue glued into a longer innocent word is not a cue: 威信县, 微信支付 has no handle anyway, v领, 卫星城.
_CUE_EXEMPT_AFTER = TABLES.cue_exempt_after
# Plain cues that also sound like 微信 code spellings: the spelling itself is the obfuscation.
_OBFUSCATED_CUES = TABLES.obfuscated_cues
_UNIT_CHARS = TABLES.unit_chars
_OTHER_APPS = TABLES.other_apps

_ID_RE = re.compile(r"@?([a-z0-9][a-z0-9_\-]*(?:[.·*~][a-z0-9_\-]+)*)")
_ID_MORE_RE = re.compile(r" ([a-z0-9_\-]{1,20})(?![a-z0-9_\-])")
# What may sit between a cue and its handle: punctuation, symbols, emoji, and a few words (号/是/搜…).
_COLON_NEXT = re.compile(rf"(?:搜索?|号)?[^0-9a-z{CJK}\n]{{0,3}}[:：]")  # 薇：id, 威❤搜：id
_WORD_COLON = re.compile(rf"[{CJK}]{{1,4}}[:：] ?")
_FILL_RE = re.compile(
    rf"(?:[^0-9a-z{CJK}\n]|号码?|码|是|为|搜索?|同号|账号|id(?=[:：\s])|:|：|->|一下|我|频道|群组?"
    # a spoken particle after the cue (加个QQ吧 二五八四…, 加v呗 abc_123): the number still follows its cue
    rf"|[吧呗呀啊哦嘛哈](?=[^{CJK}]|[{NUM_CHARS}]))"
    rf"{{0,5}}"
)

# Digits followed by a mask (139 0510 xxxx, 138****): the rest of the number withheld.
_MASKED = re.compile(r"[ \-]?[x*×＊]{2,}")

_CSEP = rf"[^0-9a-z{CJK}\n，。！？；：:]{{0,2}}"


def _cue_pattern(cue: str) -> str:
    """A cue spelled with decorations between its letters (w♥x, V✨X, Wech/at); CJK separators are already gone."""
    if len(cue) > 1 and any(c.isascii() for c in cue):
        return _CSEP.join(re.escape(c) for c in cue)
    return re.escape(cue)


_CUE_RE = re.compile("|".join(_cue_pattern(c) for c in sorted(_CUE_KIND, key=len, reverse=True)))
_CUE_STRIP = re.compile(rf"[^0-9a-z{CJK}]")
# A cue matched with decorations between its letters (w♥x, v+x, line. id) reads as the table entry it spells; a cue
# spelled plainly is its own entry (lineid stays lineid, '+' stays '+').
_CUE_CANON = {s: c for c in _CUE_KIND if (s := _CUE_STRIP.sub("", c))}
_CUE_CANON.update({c: c for c in _CUE_KIND})
_VERB_RE = re.compile("(?:" + "|".join(re.escape(v) for v in _VERBS) + r")[^0-9a-z\n]{0,2}$")

_WECHAT_ID_RE = re.compile(r"[a-z][a-z0-9_\-]{5,19}")
_TG_ID_RE = re.compile(r"[a-z][a-z0-9_]{4,31}")
_APP_NAMES = frozenset({"telegram", "tg", "signal", "whatsapp", "wechat", "weixin", "qq", "line", "skype", "discord"})

_PREFILTER = re.compile("[0-9a-z]")  # one class: the regex engine scans for it at C speed
# Every handle holds an id of five or more letters/digits (possibly split by a space or a dot-like mark; only
# other apps' ids, after a cue such as 抖音号 or line id, may have four), a number (any digit style), a '.'
# (links) or an '@' (e-mail), or needs compaction first (w w w 点 …).
_ID_HINT = re.compile(r"[a-z0-9_\-](?:[ .·*~]?[a-z0-9_\-]){4}")
_SHORT_ID_HINT = re.compile(r"[a-z0-9_\-](?:[ .·*~]?[a-z0-9_\-]){3}")


def maybe_handle(canon: str) -> bool:
    """Cheap gate for extraction: False only where no extractor can find anything (most posts)."""
    if _PREFILTER.search(canon) is None:
        return False
    return bool("." in canon or "@" in canon or _ID_HINT.search(canon) or DIGITS_HINT.search(canon)
                or (("号" in canon or "line" in canon) and _SHORT_ID_HINT.search(canon))
                or needs_compaction(canon))


# --- extraction -------------------------------------------------------------------------------------------
def find_handles(nt: NormalizedText) -> list[Handle]:
    """Every candidate handle of one normalized field, before context scoring, in canonical offsets.

    For reuse outside the detector (e.g. an indicator bank over OCR or QR text): `nt.span(h.start, h.end)`
    gives the original span; `h.value` is the normalized indicator (``wechat:abc_777``, ``url:hg8868.cc``).
    """
    canon = nt.text[:MAX_FIELD]
    if not maybe_handle(canon):
        return []
    compact = Compact(canon, nt)
    out = []
    for h in extract(compact):
        cs, ce = compact.back(h.start, h.end)
        out.append(replace(h, start=cs, end=ce))
    return out


def extract(compact: Compact) -> list[Handle]:
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
        for h in emails(compact):
            add(h)
    if "." in text:
        for h in urls(compact):
            add(h)
    for h in _cue_bound(compact):
        add(h)
    if "信" in text or "vx" in text or "wx" in text:
        for h in _id_before_cue(compact):
            add(h)
    if DIGITS_HINT.search(text):
        for h in numbers(compact):
            add(h)
    out.sort(key=lambda h: h.start)
    return out


def _obf(compact: Compact, a: int, b: int, cue: str | None = None) -> bool:
    return compact.touched(a, b) or (cue is not None and cue in _OBFUSCATED_CUES)


def _cue_bound(compact: Compact) -> list[Handle]:
    """Handles right after a channel cue: 加V：abc_777, 🐧 12345678, 纸飞机 @abc, 裙号 1234 5678."""
    text = compact.text
    out: list[Handle] = []
    for m in _CUE_RE.finditer(text):
        cue = m.group()
        if cue not in _CUE_KIND:
            cue = _CUE_CANON[_CUE_STRIP.sub("", cue)]
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



def _glued(compact: Compact, cue: str, b: int) -> bool:
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


def _handle_at(compact: Compact, kind: str, cue: str, pos: int, strong: bool, verb: bool) -> Handle | None:
    text = compact.text
    d = DIGITS_AT_RE.match(text, pos)
    if d is not None:
        digits = d.group().translate(NUM_TABLE)
        digits = "".join(c for c in digits if c.isdigit())
        obf = _obf(compact, d.start(), d.end(), cue) or digits_disguised(d.group())
        if kind == "generic":
            if _MASKED.match(text, d.end()):
                return None  # 联系139 0510 xxxx: a number masked on purpose reaches no one (a notice's privacy)
            if mobile(digits):
                kind = "phone"
            elif 6 <= len(digits) <= 11 and digits[0] != "0" and text[d.end():d.end() + 1] not in _UNIT_CHARS:
                return Handle("qq", f"qq:{digits}", d.start(), d.end(), "contact.qq" + (".obfuscated" if obf else ""),
                              0.6)
            else:
                return None
        if kind == "phone" or (mobile(digits) and kind == "wechat"):
            num = mobile(digits) or landline(digits)
            if num is None:
                return None
            pk = "phone" if mobile(digits) else "landline"
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
    if ident in _APP_NAMES:
        return None  # 电报（Telegram）: the app's own name as a gloss of the cue, not an id
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


_SUFFIX_CUE_RE = re.compile(
    r"(?<![a-z0-9_\-])([a-z][a-z0-9_\-]{5,19})"
    r"(?:[ （(]{1,2}(?:是|为)?(?:我的)?(?:vx|wx)|[ （(]{0,2}(?:是|为)?(?:我的)?(?:v信|微信|威信|薇信))"
)


def _id_before_cue(compact: Compact) -> list[Handle]:
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


# ASCII '+' for 加 ("资源+ abc_777"): normalization deletes it as a separator between CJK and a letter, so
# this pattern runs on the original text (only when it has a '+'); offsets are original offsets.
_PLUS_RE = re.compile(rf"(?<![A-Za-z0-9+])[+＋][ \t:：]{{0,3}}([^\s{CJK}+＋，。！？；：,;:!?()（）【】]{{5,40}})")
_PLAIN_ID_RE = re.compile(r"[a-z][a-z0-9_\-]{5,19}|[1-9][0-9]{5,10}")


def plus_handles(original: str, normalizer: Normalizer) -> list[Handle]:
    """'+' standing for 加 before an id or number, on the ORIGINAL text (original offsets)."""
    out = []
    for m in _PLUS_RE.finditer(original):
        ident = normalizer.normalize(m.group(1)).text.translate(NUM_TABLE)
        if not _PLAIN_ID_RE.fullmatch(ident):
            continue
        if ident.isdigit():
            if mobile(ident):
                out.append(Handle("phone", f"phone:{ident}", m.start(), m.end(), "contact.phone", 0.6, "+"))
            elif not ident.startswith("86"):
                out.append(Handle("qq", f"qq:{ident}", m.start(), m.end(), "contact.qq", 0.6, "+"))
        elif re.search(r"[_\-]|[0-9].*[0-9].*[0-9]", ident) and not ident.startswith(("http", "www")):
            out.append(Handle("wechat", f"wechat:{ident}", m.start(), m.end(), "contact.wechat", 0.6, "+"))
    return out

# An ASCII @handle with no channel cue (联系@bc_king888): an ordinary mention unless a lure or a diversion
# phrase is in the item, so it starts at 0.3. Runs on the original text because normalization deletes an '@'
# that sits between a CJK character and a letter.
_MENTION_RE = re.compile(r"(?<![A-Za-z0-9_.@])[@＠]([A-Za-z][A-Za-z0-9_]{4,31})(?![A-Za-z0-9_.@])")


def mentions(original: str) -> list[Handle]:
    """Bare @ids with a digit or underscore, on the ORIGINAL text; weak (0.3) until context lifts them. An @id a
    few characters after a messenger's name (先加这个飞机号详聊 @xg_hr_lily, tg 私聊 @abc_01) is that messenger's
    handle: Telegram ids are written with their @, so the cue and the id need not touch."""
    out = []
    for m in _MENTION_RE.finditer(original):
        ident = m.group(1).lower()
        if not re.search(r"[0-9_]", ident):
            continue
        cue = _MESSENGER_BEFORE.search(original, max(0, m.start() - _MESSENGER_REACH), m.start())
        if cue is not None and not _FLIGHT_RE.fullmatch(ident):
            out.append(Handle("telegram", f"telegram:{ident}", m.start(), m.end(), "contact.telegram", 0.75,
                              cue.group().lower()))
        else:
            out.append(Handle("mention", f"at:{ident}", m.start(), m.end(), "contact.mention", 0.3, "@"))
    return out


# The messenger names whose ids are @ids (Telegram and its nicknames: 纸飞机 / 小飞机 / 飞机号 / 灰机 / 电报 / TG;
# a bare 飞机 only after a verb, or before a search: 下飞机了 @朋友 is travel), within a short clause before the @.
_MESSENGER_REACH = 12
_MESSENGER_BEFORE = re.compile(
    r"(?:纸飞机|小飞机|飞机号|(?:加|私|联系|找|搜|上)飞机|灰机|电报号?|telegram|(?<![A-Za-z])tg(?![A-Za-z]))"
    r"[^。！？!?\n]{0,10}$"
    # 都在飞机上，搜 @id: a bare 飞机 and then a search for the @id (下飞机了 @朋友 has no search)
    r"|飞机[上里]?[^。！？!?\n@＠]{0,6}搜索?\s*$",
    re.IGNORECASE)
