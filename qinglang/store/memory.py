"""In-memory store for tests and `--db memory://`: same contract as the SQL store, one process only."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TypeVar

from .ports import (
    ApiKey,
    Appeal,
    AuditEntry,
    ContentVersion,
    Counts,
    Report,
    ReviewItem,
    Sanction,
    StoredDecision,
    Violation,
)
from .views import day_of, open_sort_key

T = TypeVar("T")


class _State:
    def __init__(self) -> None:
        self.decisions: dict[str, StoredDecision] = {}
        self.reviews: dict[str, ReviewItem] = {}
        self.reports: dict[str, Report] = {}
        self.appeals: dict[str, Appeal] = {}
        self.violations: list[Violation] = []
        self.sanctions: dict[str, Sanction] = {}
        self.audit: list[AuditEntry] = []
        self.keys: dict[str, ApiKey] = {}
        self.versions: list[ContentVersion] = []
        self.health: list[float] = []

    def copy(self) -> _State:
        s = _State()
        for name, val in vars(self).items():
            setattr(s, name, val.copy())  # records are frozen: a shallow copy is a snapshot
        return s


class MemoryTx:
    def __init__(self, state: _State) -> None:
        self.s = state

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """An error inside rolls back only what ran inside (the state is restored from a snapshot)."""
        snap = self.s.copy()
        try:
            yield
        except BaseException:
            for name, val in vars(snap).items():
                setattr(self.s, name, val)
            raise

    # decisions
    def get_decision(self, content_id: str) -> StoredDecision | None:
        return self.s.decisions.get(content_id)

    def insert_decision(self, rec: StoredDecision) -> bool:
        if rec.content_id in self.s.decisions:
            return False
        self.s.decisions[rec.content_id] = rec
        return True

    def put_decision(self, rec: StoredDecision) -> None:
        self.s.decisions[rec.content_id] = rec

    def add_version(self, v: ContentVersion) -> None:
        if any(o.content_id == v.content_id and o.version == v.version for o in self.s.versions):
            raise ValueError(f"version {v.version} of {v.content_id!r} already stored")
        self.s.versions.append(v)

    def versions(self, content_id: str) -> list[ContentVersion]:
        return sorted((v for v in self.s.versions if v.content_id == content_id), key=lambda v: v.version)

    def touch_health(self, now: float) -> None:
        self.s.health[:] = [now]

    def list_decisions(self, *, limit: int = 50, offset: int = 0) -> list[StoredDecision]:
        rows = sorted(self.s.decisions.values(), key=lambda d: (-d.created_at, d.content_id))
        return rows[offset:offset + limit]

    def counts(self, *, now: float, since: float | None = None) -> Counts:
        out = Counts()
        for d in self.s.decisions.values():
            if since is not None and d.created_at < since:
                continue
            k = (day_of(d.created_at), d.final_action or d.action)
            out.by_day_action[k] = out.by_day_action.get(k, 0) + 1
            for lab, camp in d.labels:
                k2 = (camp, lab)
                out.by_campaign_label[k2] = out.by_campaign_label.get(k2, 0) + 1
        open_items = [r for r in self.s.reviews.values() if r.status != "decided"]
        return replace(out, open_reviews=len(open_items), overdue_reviews=sum(r.due_at < now for r in open_items))

    # review queue
    def get_review(self, content_id: str) -> ReviewItem | None:
        return self.s.reviews.get(content_id)

    def put_review(self, item: ReviewItem) -> None:
        self.s.reviews[item.content_id] = item

    def open_reviews(self, *, limit: int = 100) -> list[ReviewItem]:
        rows = [r for r in self.s.reviews.values() if r.status != "decided"]
        return sorted(rows, key=open_sort_key)[:limit]

    # reports and appeals
    def get_report(self, report_id: str) -> Report | None:
        return self.s.reports.get(report_id)

    def put_report(self, rep: Report) -> None:
        self.s.reports[rep.id] = rep

    def reports_for(self, content_id: str) -> list[Report]:
        return sorted((r for r in self.s.reports.values() if r.content_id == content_id), key=lambda r: r.created_at)

    def list_reports(self, *, limit: int = 100) -> list[Report]:
        return sorted(self.s.reports.values(), key=lambda r: (-r.updated_at, r.id))[:limit]

    def get_appeal(self, appeal_id: str) -> Appeal | None:
        return self.s.appeals.get(appeal_id)

    def put_appeal(self, appeal: Appeal) -> None:
        self.s.appeals[appeal.id] = appeal

    def appeals_for(self, content_id: str) -> list[Appeal]:
        return sorted((a for a in self.s.appeals.values() if a.content_id == content_id), key=lambda a: a.created_at)

    def list_appeals(self, *, limit: int = 100) -> list[Appeal]:
        return sorted(self.s.appeals.values(), key=lambda a: (-a.created_at, a.id))[:limit]

    # sanctions
    def add_violation(self, v: Violation) -> Violation:
        v = replace(v, id=len(self.s.violations) + 1)
        self.s.violations.append(v)
        return v

    def violations(self, account_id: str, *, since: float) -> list[Violation]:
        return [v for v in self.s.violations if v.account_id == account_id and v.at >= since and not v.revoked]

    def revoke_violations(self, content_id: str) -> int:
        n = 0
        for i, v in enumerate(self.s.violations):
            if v.content_id == content_id and not v.revoked:
                self.s.violations[i] = replace(v, revoked=True)
                n += 1
        return n

    def has_violation(self, account_id: str, content_id: str, content_sha256: str) -> bool:
        return any(v.account_id == account_id and v.content_id == content_id and v.content_sha256 == content_sha256
                   for v in self.s.violations)

    def put_sanction(self, s: Sanction) -> None:
        self.s.sanctions[s.id] = s

    def sanctions(self, account_id: str) -> list[Sanction]:
        return sorted((s for s in self.s.sanctions.values() if s.account_id == account_id),
                      key=lambda s: (s.started_at, s.id))

    # audit
    def last_audit(self) -> AuditEntry | None:
        return self.s.audit[-1] if self.s.audit else None

    def append_audit(self, entry: AuditEntry) -> None:
        last = self.last_audit()
        if entry.seq != (last.seq + 1 if last else 1):
            raise ValueError(f"audit sequence gap: {entry.seq}")
        self.s.audit.append(entry)

    def audit_entries(self, *, after: int = 0, limit: int = 1000, subject: str | None = None) -> list[AuditEntry]:
        rows = [e for e in self.s.audit if e.seq > after and (subject is None or e.subject == subject)]
        return rows[:limit]

    # keys
    def get_key(self, key_id: str) -> ApiKey | None:
        return self.s.keys.get(key_id)

    def put_key(self, key: ApiKey) -> None:
        self.s.keys[key.key_id] = key

    def list_keys(self) -> list[ApiKey]:
        return sorted(self.s.keys.values(), key=lambda k: k.created_at)


class MemoryStore:
    """One lock serializes transactions; an error restores the snapshot taken at the start."""

    def __init__(self) -> None:
        self._state = _State()
        self._lock = threading.RLock()

    @contextmanager
    def transaction(self, *, readonly: bool = False) -> Iterator[MemoryTx]:
        with self._lock:
            work = self._state.copy()
            yield MemoryTx(work)
            self._state = work  # only reached without an exception: commit

    def write(self, fn: Callable[[MemoryTx], T]) -> T:
        with self.transaction() as tx:
            return fn(tx)

    def close(self) -> None:
        pass
