"""Ways of writing that campaign 8 names (故意使用错字、滥用谐音指代词、歪曲音形义), read on a field's text: a
pictograph written as a sexual verb (🦌 for 撸), vulgar characters set off in quotes as puns (“草”莓、“爽”到“喷”; since
session 19 also a harmful character written in quotes as its components, “女干”, or put in quotes for a same-sound one
that makes the common word, “射”交: `quoted_puns`), and idioms with one character swapped for a same-sound one
(有鸡可乘、默默无蚊). The language-misuse detector turns them into signals.
"""

from __future__ import annotations

import re
from functools import cache

SKIP = " \t'\"‘’“”「」"  # quotes and spaces a neighbouring word is looked past


def han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


# A pictograph whose slang reading is a sexual verb (🦌 lù for 撸 lū), written where the sentence needs that verb: after
# an adverb or a verb of going (直接🦌、想🦌、进🦌), or followed by a count of times (🦌了三回、🦌一发). It carries the
# vulgar meaning by itself, so one is the misuse; a deer in a sentence (喂🦌、看🦌了) stands nowhere of the kind.
LEWD_VERBS = {"\U0001F98C": "撸"}
_LEWD_BEFORE = ("直接", "想", "去", "进", "一起", "先", "又", "就", "再", "要", "在", "狂", "偷偷")
_LEWD_AFTER = re.compile(r"(了|过)[一两三四五六七八九十几\d]|一发|一管|一次|[一两三几]回")


# the pictographs of `LEWD_VERBS`, found by one C-level scan (was a Python loop over every character of the text)
_LEWD_RX = re.compile("|".join(map(re.escape, LEWD_VERBS)))


def lewd_verbs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of pictographs written as a sexual verb (`LEWD_VERBS`), by their position."""
    out = []
    for m in _LEWD_RX.finditer(text):
        i = m.start()
        word = LEWD_VERBS[m.group()]
        head = text[max(0, i - 4):i].rstrip(SKIP)
        if head.endswith(_LEWD_BEFORE) or _LEWD_AFTER.match(text, i + 1):
            out.append((i, i + 1, word))
    return out


# Emoji standing for a body part (session 15, lang15), read only where the sentence makes it one: 🐻 xióng for 胸 by
# sound, 🍑 / 🍈 / 🍆 / 🥛 / 🦵 by picture. A bear at the zoo, a peach at the market and a glass of milk stand for
# nothing; "主播的🐻好大", "想摸你的🍑" do — the emoji is owned by a person addressed or watched (主播的, 你的, 她的,
# 小姐姐的) and given a size or shape (好大, 真翘, 挺白), or it is the object of a touching verb (摸, 揉, 舔; not 吃
# or 咬: a peach is eaten). A child as the owner (宝宝的🍑) is left to the minors frames: parents write it. One such
# read is the pun (0.7, vulgar too).
BODY_STANDINS = {"\U0001F43B": "胸", "\U0001F351": "臀", "\U0001F348": "胸",
                 "\U0001F346": "阴茎", "\U0001F95B": "奶", "\U0001F9B5": "腿"}
_PERSON = "(?:主播|小姐姐|姐姐|妹妹|妹子|美女|女神|她|你|up主|博主|女主|老师|嫂子|少妇|女同事|同桌)"
_ATTR = "(?:好|真|太|挺|超|这么|那么|贼|巨)(?:大|白|软|翘|圆|挺|嫩|弹|粗|长|诱人)"
_TOUCH = "(?:摸|揉|舔|捏|蹭)(?:一下|一把|摸|揉|舔)?"
_EMO = "[" + "".join(BODY_STANDINS) + "]"
# the size or shape is said of the emoji and ends there (好大啊, 真翘，), not of a thing it names (好大一只玩偶)
_END = "(?=[啊呀吧了哦啦呢哇！!。，,.~～\\s\U0001F300-\U0001FAFF]|$)"
_BODY_RX = re.compile(f"{_PERSON}的({_EMO})\uFE0F?(?:{_EMO}\uFE0F?)*{_ATTR}{_END}|{_TOUCH}(?:{_PERSON}的)?({_EMO})")


def body_standins(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of emoji written for a body part where the sentence makes them one (`BODY_STANDINS`)."""
    out = []
    for m in _BODY_RX.finditer(text):
        g = 1 if m.group(1) else 2
        out.append((m.start(g), m.end(g), BODY_STANDINS[m.group(g)]))
    return out


# An abbreviation written for a word (滥用谐音指代词 by initials: zz 智障, mq 妈去世, zs 自杀, hg 黑鬼): a
# lowercase Latin run of two to five letters with no vowel (nor y: sync, gym, my) — no English word and no pinyin
# syllable is one — touching a Chinese character on either side (past spaces and quotes). Read by the
# language_carried stage only where the item's abuse or antagonism stands (session 18, lang18): the abbreviation is
# then the cloak of the attack, whatever it abbreviates; a contact handle (vx, qq) or a size (xl) in a post with no
# attack is nothing here.
_ABBREV = re.compile("(?<![A-Za-z0-9_])[b-df-hj-np-tv-xz]{2,5}(?![A-Za-z0-9_])")


def abbreviations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, letters) of vowel-free lowercase runs (2-5 letters) beside a Chinese character (`_ABBREV`); not
    the placeholder xx, not vs, not letters spelt out in brackets right after (hg（海归）: `matcher.spelled_out`)."""
    from ..lexicon.matcher import spelled_out

    out = []
    for m in _ABBREV.finditer(text):
        a, b = m.span()
        i, j = a - 1, b
        while i >= 0 and text[i] in SKIP:
            i -= 1
        while j < len(text) and text[j] in SKIP:
            j += 1
        letters = m.group()
        # xx / x x x is the redaction placeholder (某某), vs the English "versus"; a gloss right after spells it out
        if set(letters) == {"x"} or letters == "vs" or spelled_out(text, a, b) is not None:
            continue
        if (i >= 0 and han(text[i])) or (j < len(text) and han(text[j])):
            out.append((a, b, letters))
    return out


# A field written one character at a time with spaces between (你 妈 今 天…): the separator cloak the normalizer folds
# back (layer `separator`), which keeps a keyword filter from seeing any word. Four or more lone characters in a row
# (session 20, lang20); a line of verse or a name spaced for looks is as long, so the language_carried stage reads it
# only beside a learned read of the wording as misuse.
_SPACED = re.compile("(?<![\u4e00-\u9fff])(?:[\u4e00-\u9fff][ \u3000]+){3,}[\u4e00-\u9fff](?![\u4e00-\u9fff])")


def spaced_apart(text: str) -> list[tuple[int, int, str]]:
    """(start, end, joined) of runs of four or more lone Chinese characters separated by spaces (`_SPACED`)."""
    if " " not in text and "\u3000" not in text:
        return []
    return [(m.start(), m.end(), re.sub("[ \u3000]+", "", m.group())) for m in _SPACED.finditer(text)]


# A place name written by sound (地域黑 in 谐音: 河蓝人, 河难人, 冻北人 for 河南人, 东北人): two characters that read as
# a province or region (toneless, n and l merged as southern speech and the meme merge them) but are not its
# characters, right before a word for its people (人, 银, 佬…). Read by the language_carried stage only where the
# item's abuse or antagonism stands: the pun is then the disguise of a regional attack (session 15, lang15).
PLACES = ("河南", "河北", "湖南", "湖北", "山东", "山西", "陕西", "广东", "广西", "东北", "福建", "安徽", "江西",
          "江苏", "浙江", "四川", "新疆", "西藏", "上海", "北京", "天津", "重庆", "温州", "潮汕", "甘肃", "云南",
          "贵州", "海南", "吉林", "辽宁", "宁夏", "青海", "内蒙", "台湾", "香港", "武汉", "深圳", "广州", "东莞")
_PEOPLE = re.compile("[\u4e00-\u9fff]{2}(?=[人银淫佬狗蛆猪仔])")
_FUNCTION = frozenset("和被的了在是把给让跟与对向从为将就都也还又")  # grammar, not a pun: 他和被人打 is no 河北人


def _sound_key(ch: str) -> str | None:
    from ..text.phonetic import char_syllable

    syl = char_syllable(ch)
    return None if syl is None else ("n" + syl[1:] if syl.startswith("l") else syl)


@cache
def _place_keys() -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for place in PLACES:
        a, b = _sound_key(place[0]), _sound_key(place[1])
        if a and b:
            out.setdefault((a, b), place)
    return out


def place_puns(text: str) -> list[tuple[int, int, str]]:
    """(start, end, place) of two characters before a word for people (人, 银, 佬…) that read as a place name in
    `PLACES` without being it, nor another place (陕西 is no 山西 written by sound), nor starting inside a word."""
    from ..text.dictionary import tokenize

    keys = _place_keys()
    out = []
    inside: frozenset[int] | None = None
    for i in range(len(text) - 2):
        window = text[i:i + 2]
        if not _PEOPLE.match(text, i) or window in PLACES or _FUNCTION & set(window):
            continue
        a, b = _sound_key(window[0]), _sound_key(window[1])
        if not (a and b and (a, b) in keys):
            continue
        # the window starts inside a dictionary word: two words met by chance (泼妇贱人 holds 妇贱人 ≈ 福建人)
        inside = frozenset(k for _, x, y in tokenize(text) for k in range(x + 1, y)) if inside is None else inside
        if i in inside:
            continue
        out.append((i, i + 2, keys[(a, b)]))
    return out


# Tampered idioms (谐音篡改成语: 有鸡可乘, 默默无蚊, 咳不容缓): a four-character run that is no word, one character
# away from a common idiom, the swapped character read the same (toneless pinyin). The notice names it (故意使用错字,
# 歪曲音形义) and ads and quizzes push it to children; read only where the campaign is strict (hot search, first
# screen, pop-ups, minors), where one is acted on (0.4) and a stack of them is misuse (0.7).
IDIOM_MIN_FREQ = 5  # jieba corpus frequency: rarer idioms are too obscure for a reader to hear the pun
STRICT_SURFACES = frozenset({"hot_search", "home_first_screen", "popup"})
_HAN_RUN = re.compile("[\u4e00-\u9fff]{4,}")


@cache
def _idiom_index() -> tuple[dict[tuple[str, int], tuple[str, ...]], frozenset[str]]:
    """(the idiom with one position blanked, that position) → the idioms it comes from; and every dictionary word
    of two to four characters (a run that is itself a word is no tampering, nor one a word crosses: 正在进一步 holds
    在进一步, 再进一步 with 在 for 再, but 正在 and 进一步 are the words there)."""
    from ..text.dictionary import iter_idioms, iter_words

    index: dict[tuple[str, int], list[str]] = {}
    for word, freq in iter_idioms():
        if len(word) != 4 or freq < IDIOM_MIN_FREQ or not all(han(c) for c in word):
            continue
        for k in range(4):
            index.setdefault((word[:k] + "_" + word[k + 1:], k), []).append(word)
    words = frozenset(w for w, _ in iter_words() if 2 <= len(w) <= 4)
    return {key: tuple(v) for key, v in index.items()}, words


def _crossed(run: str, i: int, words: frozenset[str]) -> bool:
    """Whether a dictionary word of two or three characters crosses either edge of the window run[i:i+4]."""
    for edge in (i, i + 4):
        for size in (2, 3):
            for start in range(edge - size + 1, edge):
                if 0 <= start and start + size <= len(run) and run[start:start + size] in words:
                    return True
    return False


def _own_word(window: str, k: int, words: frozenset[str]) -> bool:
    """Whether the swapped character makes an ordinary word with a neighbour inside the window (自成一个: 一个), so
    the run reads as plain words rather than as the idiom misspelt."""
    return (k > 0 and window[k - 1:k + 1] in words) or (k < 3 and window[k:k + 2] in words)


def tampered_idioms(text: str) -> list[tuple[int, int, str]]:
    """(start, end, idiom) of four-character runs in `text` (canonical) that are a common idiom with one character
    swapped for another of the same reading."""
    from ..text.phonetic import char_syllable

    index, words = _idiom_index()
    out: list[tuple[int, int, str]] = []
    for m in _HAN_RUN.finditer(text):
        run, base = m.group(), m.start()
        i = 0
        while i + 4 <= len(run):
            window = run[i:i + 4]
            found = None
            for k in range(4):
                for idiom in index.get((window[:k] + "_" + window[k + 1:], k), ()):
                    sound = char_syllable(window[k])
                    if sound is not None and sound == char_syllable(idiom[k]) and window not in words \
                            and not _own_word(window, k, words) and not _crossed(run, i, words):
                        found = idiom
                        break
                if found:
                    break
            if found:
                out.append((base + i, base + i + 4, found))
                i += 4
            else:
                i += 1
    return out


# Single characters set off in quotes as puns (“草”莓、“爽”到“喷”、太“色”了、直接“硬”): the quotes point the reader at
# the vulgar reading. Two different ones in a field are the style; one may be an honest quotation, and a quoted
# character named as a character (“草”字头、“日”字旁) is a lesson, not a pun. Scored at the campaign's limit (0.65), so
# the frame that names what the pun points at (language_misuse.quoted_lewd_pun: a body and an act) outranks it.
QUOTED_PUN_SCORE = 0.65
QUOTED_LEWD = frozenset("草艹操日干逼屄爽喷射硬色骚插舔湿胸奶臀屁屌吊淫欲挺乳凶精撸")
_QUOTED_CHAR = re.compile("[“\"‘'「『]([\u4e00-\u9fff])[”\"’'」』](?![字旁头部底])")


def quoted_lewd(text: str) -> list[tuple[int, int, str]]:
    """(start, end, character) of single vulgar characters set off in quotes (`QUOTED_LEWD`): the character's own
    span, inside its quotes."""
    return [(m.start(1), m.end(1), m.group(1)) for m in _QUOTED_CHAR.finditer(text) if m.group(1) in QUOTED_LEWD]


# Two more ways the quoted pun is written (session 19, lang19), each a decoding, not a word list:
# - a character written in quotes as its two components (“女干”情 → 奸, “扌喿”作 → 操; the shipped 拆字 table, as
#   `language_misuse.split_apart` reads components spaced apart): the quotes mark the cloak, the recombined character
#   is the pun;
# - a character put in quotes in place of a same-sound one that makes the ordinary word with its neighbour (“射”交 for
#   社交, “婊”现 for 表现, “鸡”智 for 机智): as written the pair is no word, with the swap it is a common one — the
#   writer chose the harmful homophone and pointed at it.
# Either counts only for a character of a harmful lexicon term (the detector's `harmful`: vulgar, porn, abuse,
# antagonism), and, as before, two different pun characters in a field are the style.
_QUOTED_PAIR = re.compile("[“\"‘'「『]([\u4e00-\u9fff\u2e80-\u2fdf\u31c0-\u31ef]{2})[”\"’'」』](?![字旁头部底])")


@cache
def _sound_words() -> dict[tuple[int, str, str], frozenset[str]]:
    """(position 0 / 1, toneless syllable there, the other character) → the common two-character words of that shape
    (the dictionary's, `common_word_set`): what a quoted character swapped by sound may stand in for."""
    from ..text.dictionary import common_word_set
    from ..text.phonetic import char_syllable

    out: dict[tuple[int, str, str], set[str]] = {}
    for w in common_word_set():
        if len(w) != 2:
            continue
        for k in (0, 1):
            syl = char_syllable(w[k])
            if syl is not None:
                out.setdefault((k, syl, w[1 - k]), set()).add(w)
    return {key: frozenset(v) for key, v in out.items()}


def _sound_swap(text: str, ch: str, start: int, end: int) -> str | None:
    """The common word a quoted character (text[start:end] holds it, quotes around) makes with the character right
    outside its quotes when swapped for a same-sound one (“射”交 → 社交), where as written the pair is no word."""
    from ..text.dictionary import common_word_set
    from ..text.phonetic import char_syllable

    syl = char_syllable(ch)
    if syl is None:
        return None
    words, table = common_word_set(), _sound_words()
    after = text[end + 1:end + 2] if end + 1 < len(text) else ""
    before = text[start - 2:start - 1] if start >= 2 else ""
    if after and han(after) and ch + after not in words:
        swapped = sorted(w for w in table.get((0, syl, after), ()) if w[0] != ch)
        if swapped:
            return swapped[0]
    if before and han(before) and before + ch not in words:
        swapped = sorted(w for w in table.get((1, syl, before), ()) if w[1] != ch)
        if swapped:
            return swapped[0]
    return None


def quoted_puns(text: str, harmful: frozenset[str]) -> list[tuple[int, int, str, str]]:
    """(start, end, character, how) of quoted puns: a lewd character in quotes (`quoted_lewd`, how `lewd`), a
    harmful character written in quotes as its two components (`split`), a harmful character in quotes that a
    same-sound swap turns into a common word with its neighbour (`sound`). Spans are inside the quotes."""
    out = [(a, b, ch, "lewd") for a, b, ch in quoted_lewd(text)]
    if not harmful:
        return out
    for m in _QUOTED_CHAR.finditer(text):
        ch = m.group(1)
        if ch not in QUOTED_LEWD and ch in harmful and _sound_swap(text, ch, m.start(1), m.end(1)) is not None:
            out.append((m.start(1), m.end(1), ch, "sound"))
    if any(ch in text for ch in "“\"‘'「『"):
        table = recombine()
        for m in _QUOTED_PAIR.finditer(text):
            made = table.get((m.group(1)[0], m.group(1)[1]))
            if made is not None and (made in QUOTED_LEWD or made in harmful):
                out.append((m.start(1), m.end(1), made, "split"))
    return sorted(out)


@cache
def recombine() -> dict[tuple[str, str], str]:
    """(left component, right component) → the character they make, from the shipped 拆字 table (two-part rows)."""
    from ..text.normalize import load_table

    out: dict[tuple[str, str], str] = {}
    for row in load_table("split"):
        if len(row.target) == 2:
            out.setdefault((row.target[0], row.target[1]), row.source)
    return out
