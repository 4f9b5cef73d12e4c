"""Pure scoring: a handle's prior score moved by the words around it, and signals built from scored evidence.

No I/O, no state: every number that moves a score is a named field of `Weights` (the defaults are the values
the detector has been calibrated with on tests/data/drainage_dev.jsonl; docs/contact.md). The cut-off below
which a scored handle is not reported is not here: it is the detector's `min_score` parameter, set in the
detector registry next to the policy that acts on the signal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...lexicon.matcher import Hit
from ...model import Evidence, Signal
from ...text.normalize import NormalizedText
from ...text.personal import personal_errand
from .base import MAX_EVIDENCE, Handle
from .tables import CJK, TABLES


@dataclass(frozen=True)
class Weights:
    """How context moves a handle's score (all additive unless named a floor or a cap)."""

    cap: float = 0.99  # no context makes a handle certain
    lure_floor: float = 0.9  # a lure (porn, gambling, 刷单…) anywhere in the item: decisive
    benign_penalty: float = 0.4  # a phone / e-mail next to 热线, 医院, 报警…: a public service
    benign_url_cap: float = 0.3  # a link next to those words
    personal_penalty: float = 0.45  # a chat id / phone for the poster's own errand (qinglang.text.personal; no lure)
    obfuscated_number: float = 0.25  # a phone number in disguise
    obfuscated: float = 0.1  # any other handle in disguise
    near_cue: dict[str, float] = field(default_factory=lambda: {"phone": 0.35, "landline": 0.25, "url": 0.25})
    near_cue_other: float = 0.15  # e-mail next to a contact word
    cloud_lure: float = 0.3  # a cloud-drive link next to 资源 / 福利 / 合集…
    diversion: float = 0.1  # 私我, 进群, 看主页… within the window
    code_word: float = 0.1  # a 暗号 anywhere in the item
    window: int = 24  # characters either side looked at for benign / diversion / cloud-lure words
    near_window: int = 10  # characters before a bare number / link looked at for a contact word
    per_distinct: float = 0.03  # each further distinct handle of one rule adds this to the signal
    bare_short_link: float = 0.3  # cap of a short link nothing points to (Weibo writes every shared link as t.cn)
    telegram_mark: float = 0.75  # a weak telegram id whose original text has @ / ✈
    obfuscated_url: float = 0.85  # floor for a link that normalization had to undo
    code_word_with_lure: float = 0.85  # a 暗号 and a lure with no handle: the handle is elsewhere
    lure_with_contact: float = 0.9  # floor of a lure's own signal when a handle was found
    lure_with_code: float = 0.8  # … when only a 暗号 was
    open_phone: float = 0.3  # cap of a phone number written in the open with nothing private about it (`open_phone`)


WEIGHTS = Weights()
_PHONE_NEAR = TABLES.phone_near
_LINK_CUES = TABLES.link_cues
_BENIGN_CONTEXT = TABLES.benign_context
_PRIVATE_KINDS = frozenset({"wechat", "qq", "phone", "landline", "other"})  # other: 抖音号 / 快手号 ids
_CLOUD_LURE = TABLES.cloud_lure
_DIVERSION = TABLES.diversion
_SELF_SERVICE = frozenset({"客服", "售后", "官方"})  # benign words any site writes of itself (`contextual_score`)
TG_MARK = re.compile("[@＠✈🛩🛫]")
# an upper-case letter in a link's path (t.cn/A6xK9q, short-link codes) is case, not a disguise
_PLAIN_CHAR = re.compile(rf"[\sa-zA-Z0-9{CJK}：:，,。.@_\-/?=&%#+~]")
_SPELLED = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9] [A-Za-z0-9] ")  # 1 3 8…, a b c…: spelled out one by one
_DECOR = re.compile(r"[^\w\s：:，,。.@\-＠]")


def obfuscating(layers: tuple[str, ...], nt: NormalizedText, cs: int, ce: int) -> bool:
    """True when normalization undid a disguise inside the span (not upper case, 繁体 or a typed space)."""
    orig = nt.original[slice(*nt.span(cs, ce))]
    fired = set(layers) - {"t2s", "repeat"}
    if "separator" in fired and not _DECOR.search(orig) and not _SPELLED.search(orig):
        fired.discard("separator")  # a space typed between 加我 and the id is not a disguise
    if fired == {"unicode"} and all(_PLAIN_CHAR.match(c) for c in orig):
        fired.discard("unicode")  # upper case only
    return bool(fired)


def make_signal(label: str, rule: str, scored: list[tuple[float, Evidence]], detector: str,
                w: Weights = WEIGHTS) -> Signal:
    """One signal per rule: the best score plus a little per further distinct handle; evidence in text order."""
    scored.sort(key=lambda se: (-se[0], se[1].field, se[1].start))
    seen: set[tuple[str, int, int]] = set()
    uniq = []
    for s, ev in scored:
        key = (ev.field, ev.start, ev.end)
        if key not in seen:
            seen.add(key)
            uniq.append((s, ev))
    distinct = len({ev.value or ev.normalized for _, ev in uniq})
    score = min(w.cap, uniq[0][0] + w.per_distinct * (distinct - 1))
    evidence = tuple(sorted((ev for _, ev in uniq[:MAX_EVIDENCE]), key=lambda ev: (ev.field, ev.start)))
    return Signal(label=label, score=round(score, 4), rule=rule, detector=detector, evidence=evidence)


# A company's own site under China's registered second-level domains (kfc.com.cn, xx.net.cn: registration needs a
# company and an ICP filing), named by a plain word: a shop's public address, which "点击 / 戳" does not make a
# diversion. Mirror hosts (hg8868.com.cn, bet-365.com.cn) keep digits or hyphens and stay as they were.
# The same for a host of plain words directly under .cn (dqd.cn, basic.smartedu.cn; session 19, drain19): a .cn name
# is registered under CNNIC's real-name verification, so a letters-only .cn host is a named registrant's own site (an
# app's push: 【…】点击 xxx.cn/… 查看). The public short-link hosts anyone can mint (dwz.cn, 3.cn) are
# `contact.url.short` and not read here; a host with digits or hyphens (yuejian8.cn) stays as it was.
_REGISTERED = re.compile(r"url:(?:(?:[a-z0-9\-]+\.)*[a-z]{2,}\.(?:com|net|org)\.cn|(?:[a-z]+\.)*[a-z]{2,}\.cn)(?:/|$)")


def _registered_site(h: Handle) -> bool:
    return h.kind == "url" and h.rule == "contact.url" and _REGISTERED.match(h.value) is not None


def public_service(h: Handle, text: str, w: Weights = WEIGHTS) -> str | None:
    """The public-service word (热线, 医院, 报警, 银行…) within `w.window` of a phone, e-mail or link, or None: the
    contact is a public service's, not a move to a private channel. A link written apart (mg66 点 com, ag9 . top) is
    hidden from the platform, and 客服 / 售后 / 官方 are what every site says of itself, a casino's too: they do not
    make it a public service (a bank, a hospital, the police named beside it still do — a victim asking about the
    link the bank's name came with)."""
    if h.kind not in ("phone", "landline", "email", "url"):
        return None
    around = text[max(0, h.start - w.window):h.start] + "\x00" + text[h.end:min(len(text), h.end + w.window)]
    found = [m.group() for m in _BENIGN_CONTEXT.finditer(around)]
    if not found or (h.kind == "url" and h.rule == "contact.url.obfuscated" and set(found) <= _SELF_SERVICE):
        return None
    return found[0]


# Private channels and moves named beside a number: the number is then a chat id (加微信 138…, v同号, 进群, 加我: a
# number is added as a friend on a chat app) or the reader is moved (私我, 暗号), and it stays a contact to read.
# 电话 / 手机 / 联系 name the phone line itself.
_PRIVATE_NEAR = re.compile(
    r"微信|v信|vx|wx|(?<![a-z])v(?![a-z])|qq|(?<![a-z])q(?![a-z])|扣扣|企鹅|飞机|tg|电报|群|同号|私|暗号|备注|懂的"
    r"|加我|添加|加好友|加一下|拉你")


def open_phone(h: Handle, text: str, lures: list[tuple[str, Hit]], codes: list[tuple[str, Hit]],
               w: Weights = WEIGHTS, *, disguised: bool = False) -> bool:
    """A mobile or landline number written the ordinary way (138 0013 8000, 0755-86013388), with no lure and no 暗号
    in the item and no private channel or move (微信, v, qq, 群, 同号, 私我, 备注…) within `w.window` of it: a phone
    line in the open. A mainland number is registered to a real name and reaches a person by a call — the landlord,
    the driver, the shop a reader walks into — not a private channel the platform cannot see; 引流 hides its number
    (disguised, `.obfuscated`), names a chat app on it (微信同号), or sells something beside it (the lure, which
    keeps the number a contact: `lure_floor`). Who is reached and by what, not what the post is about."""
    if h.kind not in ("phone", "landline") or h.rule.endswith(".obfuscated") or disguised or lures or codes:
        return False
    around = text[max(0, h.start - w.window):h.start] + "\x00" + text[h.end:min(len(text), h.end + w.window)]
    return _PRIVATE_NEAR.search(around) is None


def own_site(h: Handle, text: str, lures: list[tuple[str, Hit]], codes: list[tuple[str, Hit]],
             w: Weights = WEIGHTS) -> str | None:
    """The call to click (点击, 戳…) that a registrant's own site kept from lifting its link (`_REGISTERED`: a
    company's .com.cn, a plain-word .cn host), with no lure and no 暗号 in the item, or None: why the contact
    detector spares the link, reported in its evidence (a push's 点击 xxx.cn/… 查看 is the site's own notice)."""
    if lures or codes or not _registered_site(h) or h.cue is not None:
        return None
    near = text[max(0, h.start - w.near_window):h.start]
    return next((c for c in _LINK_CUES if c in near), None)


def contextual_score(h: Handle, text: str, lures: list[tuple[str, Hit]], codes: list[tuple[str, Hit]],
                     w: Weights = WEIGHTS, *, disguised: bool = False) -> tuple[float, str | None]:
    """The handle's score in its context, and the word that moved it (a lure, a cue, a diversion phrase).
    `disguised`: normalization had to undo the handle's own spelling (二七八八…, 1 3 9…): a personal relation
    (家长您好, 表姐) does not excuse it — a number disguised for a parent is a scam wearing the relation."""
    score, why = h.score, h.cue
    lo, hi = max(0, h.start - w.window), min(len(text), h.end + w.window)
    around = text[lo:h.start] + "\x00" + text[h.end:hi]
    if lures:
        lure = lures[0][1].entry.term
        return max(score, w.lure_floor) if score > 0.0 else 0.0, lure
    if public_service(h, text, w) is not None:
        return (score - w.benign_penalty if h.kind in ("phone", "landline", "email")
                else min(score, w.benign_url_cap)), None
    if h.kind in _PRIVATE_KINDS and not codes and not disguised and personal_errand(text) is not None:
        score -= w.personal_penalty  # 物业的小王加您微信拉您进业主群; 表姐换了新号; 走失的柯基，见到请联系
    if h.rule.endswith(".obfuscated") and h.kind in ("phone", "landline"):
        score += w.obfuscated_number
    elif h.rule.endswith(".obfuscated"):
        score += w.obfuscated
    if h.kind in ("phone", "landline", "email", "url") and h.cue is None and not _registered_site(h):
        near = text[max(0, h.start - w.near_window):h.start]
        near_cues = _LINK_CUES if h.kind == "url" else _PHONE_NEAR
        cue = next((c for c in near_cues if c in near), None)
        if cue is not None:
            score, why = score + w.near_cue.get(h.kind, w.near_cue_other), cue
    if h.rule == "contact.url.cloud_drive":
        c = _CLOUD_LURE.search(around)
        if c is not None:
            score, why = score + w.cloud_lure, c.group()
    d = _DIVERSION.search(around)
    if d is not None:
        score, why = score + w.diversion, why or d.group()
    elif h.rule == "contact.url.short" and why is None and not codes and not any(c in around for c in _LINK_CUES):
        # a short link with no lure, 暗号, link cue (either side) or diversion phrase around it is a shared link (a
        # platform rewrites every link its users paste into its own short host: t.cn on Weibo), not a move elsewhere
        score = min(score, w.bare_short_link)
    if codes:
        score, why = score + w.code_word, why or codes[0][1].entry.term
    return min(w.cap, score), why
