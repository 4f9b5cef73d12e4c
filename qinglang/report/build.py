"""Figures for the 专项看板 and the campaign report, computed from the store and nothing else.

Counting rules (each figure in the report is one of these, so anyone can recount it from the database):
- an item belongs to a task when any label of its stored engine decision carries that campaign id, and to the
  period when it was submitted in [from, to) (Beijing dates);
- its action is the final (human or appeal) action when there is one, else the machine action;
- "accounts sanctioned" are distinct authors of the task's items in the period with a sanction (not revoked)
  that started in the period, counted per ladder level;
- user reports are the reports (one per tracked report, duplicates merged into its count) on the task's items
  received in the period; handled = upheld or rejected; within SLA = handled no later than the SLA of its type
  (the workflow configuration's deadline for a `report` or `complaint` priority);
- appeals are those filed in the period on the task's items; overturned = upheld.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..evidence.package import package_dirname
from ..store.ports import StoredDecision, Tx
from ..workflow.config import LADDER, LEVEL_ZH, WorkflowConfig
from .names import ACTION_ZH, CN_TZ, ten_tasks

ACTIONS = tuple(ACTION_ZH)
PAGE = 500


def day_start(day: dt.date) -> float:
    return dt.datetime(day.year, day.month, day.day, tzinfo=CN_TZ).timestamp()


def all_decisions(tx: Tx) -> list[StoredDecision]:
    out: list[StoredDecision] = []
    while True:
        page = tx.list_decisions(limit=PAGE, offset=len(out))
        out.extend(page)
        if len(page) < PAGE:
            return out


def effective_action(rec: StoredDecision) -> str:
    return rec.final_action or rec.action


@dataclass
class TaskFigures:
    campaign: str
    items: int = 0
    by_action: Counter[str] = field(default_factory=Counter)
    by_label: Counter[str] = field(default_factory=Counter)
    accounts_by_level: Counter[str] = field(default_factory=Counter)
    reports_received: int = 0
    reports_handled: int = 0
    reports_within_sla: int = 0
    appeals: int = 0
    overturned: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)
    by_day: Counter[str] = field(default_factory=Counter)


@dataclass
class CampaignReport:
    start: dt.date
    end: dt.date  # inclusive
    generated_at: float
    tasks: list[TaskFigures]


def build_report(tx: Tx, cfg: WorkflowConfig, start: dt.date, end: dt.date, *, now: float,
                 examples: int = 3) -> CampaignReport:
    t0, t1 = day_start(start), day_start(end + dt.timedelta(days=1))
    tasks = {c: TaskFigures(c) for c in ten_tasks()}
    members: dict[str, set[str]] = defaultdict(set)  # campaign -> content ids
    authors: dict[str, set[str]] = defaultdict(set)
    for rec in all_decisions(tx):
        if not t0 <= rec.created_at < t1:
            continue
        camps = {lab.get("campaign") for lab in rec.decision.get("labels", [])} & tasks.keys()
        for c in camps:
            t = tasks[c]
            t.items += 1
            act = effective_action(rec)
            t.by_action[act] += 1
            t.by_day[dt.datetime.fromtimestamp(rec.created_at, CN_TZ).strftime("%Y-%m-%d")] += 1
            for lab in rec.decision.get("labels", []):
                if lab.get("campaign") == c:
                    t.by_label[str(lab["label"])] += 1
            members[c].add(rec.content_id)
            if rec.author_id:
                authors[c].add(rec.author_id)
            if act in ("block", "limit") and len(t.examples) < examples:
                ev = [e for lab in rec.decision.get("labels", []) if lab.get("campaign") == c
                      for e in lab.get("evidence", [])]
                t.examples.append({"content_id": rec.content_id, "evidence_id": package_dirname(rec.content_id),
                                   "action": act, "rules": sorted({str(e.get("rule") or "") for e in ev} - {""}),
                                   "text": "；".join(str(e.get("text", "")) for e in ev[:3])})
    reports = tx.list_reports(limit=1_000_000)
    appeals = tx.list_appeals(limit=1_000_000)
    sla = {"user": cfg.sla_seconds(cfg.priority["report"]),
           "enterprise": cfg.sla_seconds(cfg.priority["complaint"])}
    for c, t in tasks.items():
        for acct in sorted(authors[c]):
            levels = {s.level for s in tx.sanctions(acct) if not s.revoked and t0 <= s.started_at < t1}
            for lv in levels:
                t.accounts_by_level[lv] += 1
        for r in reports:
            if r.content_id in members[c] and t0 <= r.created_at < t1:
                t.reports_received += 1
                if r.status in ("upheld", "rejected"):
                    t.reports_handled += 1
                    if r.updated_at - r.created_at <= sla.get(r.type, sla["user"]):
                        t.reports_within_sla += 1
        for a in appeals:
            if a.content_id in members[c] and t0 <= a.created_at < t1:
                t.appeals += 1
                t.overturned += a.status == "upheld"
    return CampaignReport(start, end, now, list(tasks.values()))


def csv_rows(rep: CampaignReport) -> list[list[str | int]]:
    """One row per (task, measure, key): the numbers of the report in a long table."""
    from .names import campaign_zh

    rows: list[list[str | int]] = [["专项编号", "专项", "指标", "分项", "数值"]]
    for t in rep.tasks:
        name = campaign_zh(t.campaign)
        rows.append([t.campaign, name, "处置内容总数", "", t.items])
        for a in ACTIONS:
            rows.append([t.campaign, name, "按处置", ACTION_ZH[a], t.by_action.get(a, 0)])
        for lab, n in sorted(t.by_label.items()):
            rows.append([t.campaign, name, "按标签", lab, n])
        for lv in LADDER:
            rows.append([t.campaign, name, "处置账号", LEVEL_ZH[lv], t.accounts_by_level.get(lv, 0)])
        rows += [[t.campaign, name, "用户举报", "受理", t.reports_received],
                 [t.campaign, name, "用户举报", "办结", t.reports_handled],
                 [t.campaign, name, "用户举报", "时限内办结", t.reports_within_sla],
                 [t.campaign, name, "申诉", "收到", t.appeals],
                 [t.campaign, name, "申诉", "改判", t.overturned]]
    return rows


def dashboard_figures(tx: Tx, *, now: float, days: int = 14) -> dict[str, Any]:
    """专项看板 charts: actions per day per campaign, open-queue age, SLA breaches, appeal overturn rate."""
    from .names import campaign_zh

    per_day: dict[str, Counter[str]] = defaultdict(Counter)
    since = now - days * 86400
    for rec in all_decisions(tx):
        if rec.created_at < since:
            continue
        day = dt.datetime.fromtimestamp(rec.created_at, CN_TZ).strftime("%m-%d")
        for c in {lab.get("campaign") or "" for lab in rec.decision.get("labels", [])} or {""}:
            per_day[campaign_zh(c)][day] += 1
    ages = Counter[str]()
    overdue = 0
    for item in tx.open_reviews(limit=5000):
        h = (now - item.created_at) / 3600
        ages["<1小时" if h < 1 else "1–12小时" if h < 12 else "12–24小时" if h < 24 else "1–3天" if h < 72
             else ">3天"] += 1
        overdue += item.due_at < now
    apps = tx.list_appeals(limit=1_000_000)
    decided = [a for a in apps if a.status != "pending"]
    overturned = sum(a.status == "upheld" for a in decided)
    return {"per_day": {k: dict(v) for k, v in per_day.items()},
            "queue_age": {k: ages.get(k, 0) for k in ("<1小时", "1–12小时", "12–24小时", "1–3天", ">3天")},
            "overdue": overdue, "appeals_decided": len(decided), "overturned": overturned,
            "overturn_rate": overturned / len(decided) if decided else 0.0}
