"""Contacts spelled over several livestream messages: the cheap filters the room runs before it asks the engine
about a joined window (handle characters, a contact word), the place words of a number dictated in chunks, the
key a found contact is remembered by, and web addresses spelled piece by piece. The room logic (room.py) uses them."""

from __future__ import annotations

import re
from collections.abc import Sequence

HANDLE_CHARS = re.compile(r"[0-9０-９a-zA-Zａ-ｚＡ-Ｚ幺一二三四五六七八九零〇两壹贰叁肆伍陆柒捌玖]")
# a web address spelled over several 弹幕 ("b" / "e t" / "点 7 7 8" / "点 cc"): 点/dot between the pieces
_DOT_WORDS = re.compile(r"点|dot|。|．|\.", re.I)
_NON_HANDLE = re.compile(r"[^0-9a-z.]+")
_SPELLED_DOMAIN = re.compile(r"(?<![0-9a-z])[a-z][0-9a-z]{1,20}(?:\.[0-9a-z]{1,20})*\."
                             r"(?:cc|com|net|vip|top|xyz|me|io|co|cn|app|club|fun|bet|org|info|live|win|site|online|shop|ink|pw|tv|hk|tw|asia)(?![0-9a-z])")
# a number dictated in chunks, each named by its place ("前三：8 6 4", "中间 两零九", "最后 7 7 1", "第二段"): the place
# words go before the joined window is decided, so the digits meet (前三's 三 is not a digit of the number)
CHUNK_LABELS = re.compile(r"(?:(?<![以然之])(?:前|后|末)[一二三四五六七八九两1-9](?:位|个|段)?"
                           r"|(?:最后|中间|开头|结尾|末尾)(?:[一二三四五六七八九两1-9](?:位|个|段))?"
                           r"|第[一二三四五六七八九1-9](?:段|组|截|部分))[:：]?")
# (session 14: 扣 and 群 alone — "扣 群 8 6 7" / "2 1 5" / "0 3 9" spells a QQ group)
CONTACT_HINT = re.compile(r"[微薇威徽V扣群🐧]|信|vx|wx|v\s*x|y\s*x|qq|企鹅|号|加", re.I)


def spelled_domain(joined: str) -> str | None:
    """A web address spelled over several short messages (the window `joined` holds them, space-separated):
    dot words become dots, everything but letters, digits and dots goes, and a domain with a known top-level
    name must remain. One spelled in a single message is the contact detector's business, so the address must
    span at least two of the window's pieces. Returns the address, or None."""
    if " " not in joined or not _DOT_WORDS.search(joined):
        return None
    flat = flatten(joined)
    if "." not in flat:
        return None
    for candidate in (flat, re.sub(r"\.(?=[^.]*\.)", "", flat)):  # and with only the last dot kept (noise dots)
        m = _SPELLED_DOMAIN.search(candidate)
        if m is not None:
            break
    else:
        return None
    # the pieces are flattened only for a window that spells an address (most windows with a 点 spell none)
    pieces = [p for p in joined.split(" ") if p]
    if len(pieces) < 2 or any(_SPELLED_DOMAIN.search(flatten(p)) for p in pieces):
        return None
    return m.group(0)


def flatten(text: str) -> str:
    """Letters, digits and dots of `text`, dot words made dots (a spelled handle or address)."""
    flat = _NON_HANDLE.sub("", _DOT_WORDS.sub(".", text.lower()))
    return re.sub(r"\.{2,}", ".", flat).strip(".")


def strip_chunk_labels(joined: str) -> str:
    """`joined` without the place words of a number dictated in chunks ("前三：8 6 4 中间 两零九" → "8 6 4 两零九",
    spaces aside)."""
    return CHUNK_LABELS.sub(" ", joined)


def handle_key(evidence: str) -> str:
    """The letters, digits and dots of a found contact: the key it is remembered by in a room (so the same number
    found again, or found growing chunk by chunk, counts once)."""
    return _NON_HANDLE.sub("", evidence.lower()) or evidence


# a chat handle (a WeChat ID: a letter, then letters, digits, _ or -, 6 to 20 in all) dictated piece by piece after a
# contact word, one viewer or a crew of viewers a piece each ("加 v" / "c s" / "下划线" / "c h a" / "陆 陆 捌"): the
# separator said in words, the digits as number words. One spelled in a single message is the contact detector's.
# (session 16) "加我薇" / "➕我 薇：" name the app as "加v" does, with 我 between; 叩叩 is 扣扣 by sound
_HANDLE_HINT = re.compile(r"(加|\+|➕)\s*(我的?\s*)?(v|ｖ|微|薇|威|q|扣|叩|企鹅)"
                          r"|[vw]\s*x|[微薇威]\s*信|q\s*q|扣扣|叩叩", re.I)
# a contact word (v, 薇, vx, 微信, qq, 扣扣, 企鹅) with an optional 号: what the bare and label hints below both name
_CONTACT_WORD = r"([vｖ微薇威扣q]|[vw]\s*x|[微薇威]\s*信|q\s*q|扣扣|叩叩|企鹅)\s*号?\s*"
# (session 14) a message that is only a contact word ("薇", "v", "扣", "vx号：") names the app of the pieces that follow
# as well as "加v" does: the handle is dictated right after it
_BARE_HINT = re.compile(rf"\s*((加|\+)\s*)?{_CONTACT_WORD}[:：]?\s*", re.I)
# (session 15) a piece that opens with a contact word as a label ("V：tian", "薇: ab", "vx号：") names the app of the
# handle spelled from its rest and the pieces after it
_LABEL_HINT = re.compile(rf"\s*{_CONTACT_WORD}[:：]\s*", re.I)
_SEPARATORS = ((re.compile("下划线|下滑线|底线|下杠"), "_"), (re.compile("横杠|横线|中划线|减号|杠"), "-"),
               # (session 16) the words that join the chunks of one handle ("9 8 后面接 六六", "接着是 x x"): nothing
               (re.compile("(后面|后边|然后|接着|再)(接|跟|是|加)?(上)?|连起来(就)?是"), ""))
_NUMBER_WORDS = str.maketrans("零〇一幺二两三四五六七八九壹贰叁肆伍陆柒捌玖０１２３４５６７８９",
                              "0011223456789" "123456789" "0123456789")
_FILLER = re.compile(r"[\s:：,，.。/|]+")
_HANDLE_PIECE = re.compile(r"[a-z0-9_-]*")
_HANDLE = re.compile(r"[a-z][a-z0-9_-]{5,19}")


# (session 19) a number the host reads out in an ASR transcript: the platform's speech recognition puts a pause mark
# where the speaker breathes ("三八六，幺九二，零零七") and writes the hesitations out ("扣扣是，嗯，…"), so the digits
# never make the run of five the normaliser reads as a number, nor follow the contact word. Number characters: the
# normaliser's own (qinglang/text/data/numerals.tsv: digits, 幺/两 and the radio readings 洞/拐/勾), not 十/百/千 (a
# price read out, "九十九", is no number dictated digit by digit)
_SPOKEN_DIGITS = "0-9０-９零〇○洞一壹幺么二贰两三叁四肆五伍六陆七柒拐八捌九玖勾"
_PAUSE = r"[，,、\s]"
_HESITATION = re.compile(rf"[嗯呃额唔]+{_PAUSE}*")  # a hesitation the ASR wrote out, with its pause
_PAUSED_RUN = re.compile(rf"[{_SPOKEN_DIGITS}](?:{_PAUSE}*[{_SPOKEN_DIGITS}]){{4,}}")
_PAUSES = re.compile(f"{_PAUSE}+")


def spoken_number(text: str) -> str | None:
    """(Session 19) `text` (an ASR transcript segment) as the host said it when it reads a number out in
    groups: the hesitations dropped, and the pauses inside a run of five or more number characters closed up
    ("扣扣是，嗯，三八六，幺九二，零零七" → "扣扣是，三八六幺九二零零七"). None when no run of the segment was
    broken by a pause (the engine already read the segment as it is)."""
    flat = _HESITATION.sub("", text)
    out, broken = [], False
    last = 0
    for m in _PAUSED_RUN.finditer(flat):
        run = m.group(0)
        tight = _PAUSES.sub("", run)
        broken = broken or tight != run
        out.append(flat[last:m.start()])
        out.append(tight)
        last = m.end()
    if not broken:
        return None
    out.append(flat[last:])
    return "".join(out)


def spelled_handle(pieces: Sequence[str]) -> str | None:
    """A chat handle spelled over `pieces` (a window's short messages, oldest first) after a contact word: the
    pieces that follow the word, each made only of handle characters, spaces, separator words and number words,
    joined. It must span at least two pieces, look like a handle (`_HANDLE`) and hold at least two letters and two
    digits (so "加v" followed by 666 spam or by words is none). Returns the handle, or None."""
    for i, piece in enumerate(pieces):
        hints = list(_HANDLE_HINT.finditer(piece))
        if (label := _LABEL_HINT.match(piece)) is not None:
            after = label.end()  # the piece opens with the contact word as a label: the handle follows the colon
        elif hints:
            after = hints[-1].end()  # the handle follows the last contact word of the piece
        elif _BARE_HINT.fullmatch(piece):
            after = len(piece)
        else:
            continue
        handle, used = "", 0
        for k, rest in enumerate((piece[after:], *pieces[i + 1:])):
            flat = _handle_piece(rest)
            if flat is None and k == 0:
                continue  # (session 16) chat after the contact word ("加我薇 我一个个发"): the handle follows
            if flat is None:
                break
            if flat:
                handle += flat
                used += 1
        if used >= 2 and _HANDLE.fullmatch(handle) and sum(c.isdigit() for c in handle) >= 2 \
                and sum(c.isalpha() for c in handle) >= 2:
            return handle
    return None


def _handle_piece(text: str) -> str | None:
    """The handle characters a message spells (separator and number words read), or None if it says anything
    else."""
    for words, sep in _SEPARATORS:
        text = words.sub(sep, text)
    flat = _FILLER.sub("", text.lower().translate(_NUMBER_WORDS))
    return flat if _HANDLE_PIECE.fullmatch(flat) else None
