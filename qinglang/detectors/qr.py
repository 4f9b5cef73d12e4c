"""QR payload detector: a QR code that leads off-platform is drainage evidence on its own (campaign 3).

Runs on the ``media[i].qr`` fields the media extractor adds (one payload per line, a box per character), so
its evidence names the image and the code's bounding box. Text detectors still read the same payloads.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from ..indicators import normalize as nz
from ..model import Content, Evidence, Signal
from .base import Views
from .registry import BuildContext, DetectorSpec

# Group invites and personal contact cards of the messengers that drainage leads to.
INVITES = (
    ("weixin.qq.com/g/", "wechat group"), ("weixin.qq.com/r/", "wechat contact"), ("u.wechat.com/", "wechat contact"),
    ("work.weixin.qq.com/", "wecom contact"), ("qm.qq.com/", "qq contact"), ("jq.qq.com/", "qq group"),
    ("qun.qq.com/", "qq group"), ("t.me/+", "telegram group"), ("t.me/joinchat/", "telegram group"),
    ("telegram.me/", "telegram"), ("chat.whatsapp.com/", "whatsapp group"), ("wa.me/", "whatsapp contact"),
    ("line.me/", "line"), ("qr.dingtalk.com/", "dingtalk"), ("h5.dingtalk.com/", "dingtalk"),
    ("discord.gg/", "discord invite"), ("v.douyin.com/", "douyin share"),
)
_SCHEME = re.compile(r"^(weixin|wxp|mqqapi|mqq|tg|whatsapp|alipays?|dingtalk)://", re.IGNORECASE)
_CONTACT = re.compile(r"^(BEGIN:VCARD|MECARD:|tel:|sms(to)?:|mailto:)", re.IGNORECASE)
_FIELD = re.compile(r"^media\[(\d+)\]\.qr$")


# Official sites are never 引流, whatever a platform lists: the national reporting centre (12377.cn), the
# cyber-police and anti-fraud reporting sites, and every government domain.
OFFICIAL_DOMAINS = ("12377.cn", "12321.cn", "12315.cn", "cyberpolice.cn", "gov.cn")
# …and the national service and reporting numbers a tel: / sms: code dials (12315 市场监管, 12377 网络举报, 12321
# 垃圾短信举报, 96110 反诈, 110/119/120/122, 12345 政务): a QR code that calls one of them is never 引流.
OFFICIAL_NUMBERS = frozenset({"110", "119", "120", "122", "12110", "12315", "12321", "12345", "12377", "12306",
                              "12333", "12348", "12355", "12356", "12358", "12365", "12366", "12369", "96110"})
_OFFICIAL_CALL = re.compile(r"^(?:tel|sms(?:to)?):\s*(?:\+?86)?[\s-]*(\d{3,5})\s*(?:[:;?,].*)?$", re.IGNORECASE)


class QRDetector:
    name = "qr"
    version = "1"
    supported_labels = frozenset({"drainage"})

    def __init__(self, *, invite_score: float = 0.95, contact_score: float = 0.9, url_score: float = 0.7,
                 allow_domains: tuple[str, ...] = (), name: str = "qr") -> None:
        self.scores = {"group_invite": invite_score, "contact": contact_score, "url": url_score}
        self.allow = frozenset(d for d in (nz.domain(x) for x in (*OFFICIAL_DOMAINS, *allow_domains)) if d)
        self.name = name
        self.id = f"{self.name}@{self.version}"

    def classify(self, payload: str) -> tuple[str, str] | None:
        """(kind, indicator value) of a payload that leads off-platform, or None."""
        p = payload.strip()
        call = _OFFICIAL_CALL.match(p)
        if call is not None and call.group(1) in OFFICIAL_NUMBERS:
            return None
        if _CONTACT.match(p):
            tel = re.search(r"(?:TEL[^:]*:|tel:|sms(?:to)?:)\s*([+\d][\d\s-]{5,})", p, re.IGNORECASE)
            if tel:
                try:
                    return "contact", "phone:" + nz.phone(tel.group(1))
                except Exception:
                    pass
            return "contact", "qr:" + nz.normalize("qr", p)
        if _SCHEME.match(p):
            return "contact", "qr:" + nz.normalize("qr", p)
        u = nz.url(p)
        if u is None:
            return None
        host = u.split("/", 1)[0].split(":", 1)[0]
        if self.allow and any(d in self.allow for d in nz.parents(host)):
            return None
        low = u.lower()
        if any(low.startswith(prefix) for prefix, _ in INVITES):
            return "group_invite", "url:" + u
        return "url", "url:" + u

    def detect(self, content: Content, views: Views) -> list[Signal]:
        found: dict[str, list[Evidence]] = {}
        for name, nt in views.items():
            if not _FIELD.match(name):
                continue
            pos = 0
            for line in nt.original.split("\n"):
                a, b = pos, pos + len(line)
                pos = b + 1
                got = self.classify(line)
                if got is None:
                    continue
                kind, value = got
                rule = f"qr.payload.{kind}"
                found.setdefault(kind, []).append(Evidence(
                    field=name, start=a, end=b, text=line, normalized=value.split(":", 1)[1], rule=rule,
                    detector=self.id, bbox=views.bbox(name, a, b), value=value))
        return [Signal(label="drainage", score=self.scores[kind], rule=f"qr.payload.{kind}", detector=self.id,
                       evidence=tuple(evs)) for kind, evs in found.items()]


class Params(BaseModel):
    """Registry parameters of a `qr` detector: the score of each payload kind and the platform's own domains."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    invite_score: float = Field(0.95, ge=0.0, le=1.0)
    contact_score: float = Field(0.9, ge=0.0, le=1.0)
    url_score: float = Field(0.7, ge=0.0, le=1.0)
    allow_domains: list[str] = Field(default_factory=list, description="links to these domains are not reported")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> QRDetector:
    p = spec.params
    return QRDetector(invite_score=p.invite_score, contact_score=p.contact_score, url_score=p.url_score,
                      allow_domains=tuple(p.allow_domains), name=spec.name)
