"""Chinese names for the codes the console and the regulator report show (campaigns, surfaces, audit actions)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources

import yaml

from ..clock import CN_TZ

ACTION_ZH = {"pass": "通过", "label": "标注", "limit": "限流", "review": "人工审核", "block": "拦截"}
APPEAL_STATUS_ZH = {"pending": "待处理", "upheld": "申诉成立，已改判", "rejected": "申诉驳回，维持原处置"}
SURFACE_ZH = {"feed": "信息流", "home_first_screen": "首页首屏", "popup": "弹窗", "hot_search": "热搜榜单",
              "local": "同城版块", "live": "直播", "search": "搜索", "private_chat": "私信", "comment": "评论区"}
AUDIT_ZH = {
    "appeal.decided": "申诉已处理", "appeal.filed": "提交申诉", "decision.replaced": "重新审核替换处置",
    "evidence.exported": "导出证据", "key.created": "创建密钥", "key.revoked": "吊销密钥",
    "report.merged": "合并重复举报", "report.resolved": "举报已办结", "report.received": "收到举报",
    "review.claimed": "领取审核", "review.decided": "审核终审", "review.disputed": "转交复核",
    "review.enqueued": "进入审核队列", "review.released": "释放领取", "sanction.applied": "账号处置",
    "sanction.lifted": "解除处置", "violation.recorded": "记录违规", "decision.made": "机审处置",
}


@lru_cache(maxsize=1)
def campaign_titles() -> dict[str, str]:
    """Campaign id → short Chinese name, read from the policy files shipped in the package."""
    out: dict[str, str] = {"default": "通用策略", "ecosystem": "网络生态通用规则"}
    for f in resources.files("qinglang").joinpath("policies").iterdir():
        if not f.name.endswith(".yaml"):
            continue
        doc = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        cid, title = doc.get("campaign"), doc.get("title")
        if cid and title:
            out[cid] = str(title).replace("“清朗·", "").replace("”专项行动", "").strip("“”")
    return out


def ten_tasks() -> list[str]:
    """The ten 2024 清朗 campaign ids, in the order of the policy files."""
    # the policy files that are not one of the ten tasks: cross-campaign defaults, the ecosystem rules and the
    # word-filter contact_info policy (issue 22)
    return [c for c in campaign_titles() if c not in ("default", "ecosystem", "contact-info")]


def campaign_zh(cid: str | None) -> str:
    if not cid:
        return "通用规则（未归属专项）"
    return campaign_titles().get(cid, cid)


def fmt_time(ts: float | None, *, forever: str = "永久") -> str:
    """Beijing time, second precision."""
    if ts is None:
        return forever
    return dt.datetime.fromtimestamp(ts, CN_TZ).strftime("%Y-%m-%d %H:%M:%S")


def fmt_iso(at: str) -> str:
    """An ISO timestamp (any zone, maybe with microseconds) as Beijing time to the second."""
    try:
        t = dt.datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return str(at)
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return t.astimezone(CN_TZ).strftime("%Y-%m-%d %H:%M:%S")
