"""Links and e-mail addresses: host classes (invites, short links, cloud drives, benign hosts), broken or
masked schemes, and links spelled out character by character on the original text."""

from __future__ import annotations

import re
from dataclasses import replace

from ...indicators.normalize import url as indicator_url
from .base import Handle
from .compact import ODOT, ODOT_RE, Compact
from .tables import TABLES

_TLDS = TABLES.tlds
_STRONG_TLDS = TABLES.strong_tlds
_PROSE_TLDS = TABLES.prose_tlds
_INVITE = TABLES.invite_hosts
_SHORT = TABLES.short_hosts
_CLOUD = TABLES.cloud_hosts
_BENIGN_HOSTS = TABLES.benign_hosts

# A scheme written apart or masked (ht tps://, h**p://, hxxps://): the host after it is an obfuscated link.
_BROKEN_SCHEME = re.compile(
    r"(?:h[^a-z\n]{0,3}t?[^a-z\n]{0,3}t?[^a-z\n]{0,3}p|hxxp|ttp|tps|tp)(?:[^a-z\n]{0,3}s)?"
    r"[^a-z0-9\n]{0,3}(?:/ ?){1,2}$"
)

_SPAMMY_LABEL = re.compile(r"[a-z]{1,8}[0-9]{3,}[a-z]{0,3}")
_GROUPS_BEFORE = re.compile(r"(?<![a-z0-9.])(?:[a-z0-9]{1,3} ){1,4}$")

_URL_RE = re.compile(
    r"(?<![a-z0-9@_\-])(?P<scheme>(?:https?|ftp)://\s?)?"
    r"(?P<host>(?:[a-z0-9][a-z0-9\-]{0,62}\.){1,6}(?P<tld>[a-z]{2,10}))(?![a-z0-9\-])"
    r"(?::\d{2,5})?(?P<path>/[a-z0-9/?#&=%._~+\-]*)?"
)
_EMAIL_RE = re.compile(
    r"(?<![a-z0-9._%+\-])([a-z0-9][a-z0-9._%+\-]{0,63})@((?:[a-z0-9\-]{1,63}\.){1,4}[a-z]{2,10})(?![a-z0-9])"
)

# A link or e-mail spelled out character by character ("w w w . x x 1 0 5 . c o m", "m 点 y y 4 8 . n e t"). The
# normalizer joins letters written one by one but drops the dots between them, so this runs on the original.
_TOKO = r"[A-Za-z0-9./:@_\-]"
SPACED_HINT = re.compile(r"[A-Za-z0-9] [A-Za-z0-9./:@点。] ")
# The first group may be a short word (hg 0 8 8 . n e t: a brand's letters, then the rest one by one).
_SPACED_ORIG_RE = re.compile(
    rf"(?<![A-Za-z0-9])(?:[A-Za-z0-9]{{2,4}}(?= )|{_TOKO})(?:(?: {{1,2}}| ?{ODOT} ?){_TOKO}){{3,}}"
    rf"(?![A-Za-z0-9./:@_\-])"
)
_SPACED_PART = re.compile(rf"{ODOT}| +|.")


def spaced_links(original: str) -> list[Handle]:
    """Links and e-mails spelled out one character at a time, found on the ORIGINAL text (original offsets)."""
    out = []
    for m in _SPACED_ORIG_RE.finditer(original):
        chars: list[str] = []
        where: list[tuple[int, int]] = []
        for part in _SPACED_PART.finditer(m.group()):
            if part.group().isspace():
                continue
            chars.append("." if len(part.group()) > 1 or ODOT_RE.fullmatch(part.group()) else part.group().lower())
            where.append((m.start() + part.start(), m.start() + part.end()))
        compact = Compact("".join(chars))
        for h in [*urls(compact, spelled=True), *emails(compact)]:
            rule = {"contact.url": "contact.url.obfuscated", "contact.email": "contact.email.obfuscated"}.get(
                h.rule, h.rule)
            score = max(h.score, 0.85 if h.kind == "url" else 0.75)
            out.append(replace(h, start=where[h.start][0], end=where[h.end - 1][1], rule=rule, score=score))
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


def urls(compact: Compact, *, spelled: bool = False) -> list[Handle]:
    """Links in a compact view, classed by host (invite, short link, cloud drive, app) or disguise. `spelled`: the
    view was joined from a link typed one character at a time (5 2 0 6 . v i p): every link in it is disguised."""
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
        obf = spelled or compact.touched(m.start(), m.end()) or broken is not None
        start = m.start() if broken is None else broken.start()
        if not scheme and m.start() > 0 and text[m.start() - 1] == " ":
            # "hg 66 8点com": groups typed apart in front of the host belong to it
            g = _GROUPS_BEFORE.search(text, max(0, m.start() - 24), m.start())
            if g is not None and (any(c.isdigit() for c in g.group())
                                  or (labels[0].isdigit() and g.group().count(" ") <= 2)):
                start, obf = g.start(), True
                host = g.group().replace(" ", "") + host
                labels = host.split(".")
        if not scheme and not host.startswith("www.") and (len(labels) < 2 or labels[-2].isdigit()) and not (
                obf and len(labels) >= 2 and len(labels[-2]) >= 2 and tld in _STRONG_TLDS):
            continue  # 3.14, 2.5.cn: numbers; but a spelt-out 88点vip / 1688点com is a disguised link
        if obf and not scheme and not host.startswith("www.") and tld not in _STRONG_TLDS \
                and not any(c.isdigit() for c in host) and _host_kind(host, path) is None:
            continue  # PK。APP, ID。ID: two ascii words around a full stop, not a disguised link (t点me/id, an
            # invite host with its path, is one)
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


def emails(compact: Compact) -> list[Handle]:
    """E-mail addresses with a known TLD; a digits@qq.com address is a QQ number."""
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


def url_value_case(value: str, original: str) -> str:
    """Keep the original case of a link's path (short-link codes are case-sensitive); the host stays lower."""
    host, _, path = value[4:].partition("/")
    k = original.lower().rfind("/" + path)
    if path and k >= 0 and len(original) >= k + 1 + len(path):
        return f"url:{host}/{original[k + 1:k + 1 + len(path)]}"
    return value
