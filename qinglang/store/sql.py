"""SQLAlchemy 2 adapter: an embedded SQLite file (WAL) by default, PostgreSQL by URL (STYLE §5.9).

SQLite write transactions start with ``BEGIN IMMEDIATE`` so concurrent writers (two uvicorn workers) queue
on the database lock instead of failing mid-transaction; ``synchronous=FULL`` makes a commit durable before
the HTTP answer leaves. On PostgreSQL the audit chain head is serialized with a transaction advisory lock.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine as SaEngine
from sqlalchemy.exc import IntegrityError

from ..errors import ConfigError
from .group_commit import GroupCommit
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
from .tables import (
    api_keys,
    appeals,
    audit_log,
    content_versions,
    decision_labels,
    decisions,
    reports,
    review_items,
    sanctions,
    service_health,
    violations,
)
from .views import day_of

T = TypeVar("T")
AUDIT_LOCK_ID = 0x716C_6175  # "qlau": advisory lock id for the audit chain head on PostgreSQL


# Hot-path statements built once and executed with parameters: building `insert(t).values(**row)` per call costs
# more CPU (literal coercion, cache keys) than SQLite takes to run it.
_Q_DECISION = select(decisions).where(decisions.c.content_id == bindparam("b_key"))
_INS_DECISION = insert(decisions)
_INS_LABELS = insert(decision_labels)
_Q_REVIEW = select(review_items).where(review_items.c.content_id == bindparam("b_key"))
_UPD_REVIEW = update(review_items).where(review_items.c.content_id == bindparam("b_key"))
_INS_REVIEW = insert(review_items)
_Q_LAST_AUDIT = select(audit_log).order_by(audit_log.c.seq.desc()).limit(1)
_INS_AUDIT = insert(audit_log)
_Q_HAS_VIOLATION = select(violations.c.id).where(
    violations.c.account_id == bindparam("b_acct"), violations.c.content_id == bindparam("b_cid"),
    violations.c.content_sha256 == bindparam("b_sha")).limit(1)
_INS_VIOLATION = insert(violations)
_Q_KEY = select(api_keys).where(api_keys.c.key_id == bindparam("b_key"))
_UNSET: Any = object()


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class SqlTx:
    def __init__(self, conn: Connection, dialect: str) -> None:
        self.c = conn
        self.dialect = dialect
        self._head: Any = _UNSET  # the audit chain head as this transaction left it (writers are serialized)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A SAVEPOINT: an error rolls back only what ran inside it (and forgets cached reads)."""
        try:
            with self.c.begin_nested():
                yield
        except BaseException:
            self._head = _UNSET
            raise

    # decisions
    @staticmethod
    def _decision(row: Any) -> StoredDecision:
        return StoredDecision(
            content_id=row.content_id, content=json.loads(row.content), decision=json.loads(row.decision),
            action=row.action, risk=row.risk, author_id=row.author_id, created_at=row.created_at,
            final_action=row.final_action, version=row.version, content_sha256=row.content_sha256,
            submitter=row.submitter,
        )

    def get_decision(self, content_id: str) -> StoredDecision | None:
        row = self.c.execute(_Q_DECISION, {"b_key": content_id}).first()
        return None if row is None else self._decision(row)

    def _values(self, rec: StoredDecision) -> dict[str, Any]:
        return {
            "content_id": rec.content_id, "action": rec.action, "final_action": rec.final_action, "risk": rec.risk,
            "author_id": rec.author_id, "created_at": rec.created_at, "day": day_of(rec.created_at),
            "version": rec.version, "content": _dumps(rec.content), "decision": _dumps(rec.decision),
            "content_sha256": rec.content_sha256, "submitter": rec.submitter,
        }

    def _labels(self, rec: StoredDecision, *, fresh: bool = False) -> None:
        if not fresh:
            self.c.execute(delete(decision_labels).where(decision_labels.c.content_id == rec.content_id))
        rows = [{"content_id": rec.content_id, "campaign": camp, "label": lab} for lab, camp in rec.labels]
        if rows:
            self.c.execute(_INS_LABELS, rows)

    def insert_decision(self, rec: StoredDecision) -> bool:
        try:
            with self.c.begin_nested():
                self.c.execute(_INS_DECISION, self._values(rec))
        except IntegrityError:
            return False
        self._labels(rec, fresh=True)
        return True

    def put_decision(self, rec: StoredDecision) -> None:
        vals = self._values(rec)
        n = self.c.execute(update(decisions).where(decisions.c.content_id == rec.content_id).values(**vals)).rowcount
        if not n:
            self.c.execute(insert(decisions).values(**vals))
        self._labels(rec)

    def add_version(self, v: ContentVersion) -> None:
        self.c.execute(insert(content_versions).values(
            content_id=v.content_id, version=v.version, content_sha256=v.content_sha256, submitter=v.submitter,
            action=v.action, final_action=v.final_action, created_at=v.created_at, superseded_at=v.superseded_at,
            content=_dumps(v.content), decision=_dumps(v.decision), reviews=_dumps(v.reviews)))

    def versions(self, content_id: str) -> list[ContentVersion]:
        t = content_versions
        rows = self.c.execute(select(t).where(t.c.content_id == content_id).order_by(t.c.version))
        return [ContentVersion(content_id=r.content_id, version=r.version, content_sha256=r.content_sha256,
                               submitter=r.submitter, content=json.loads(r.content), decision=json.loads(r.decision),
                               action=r.action, final_action=r.final_action, created_at=r.created_at,
                               superseded_at=r.superseded_at, reviews=tuple(json.loads(r.reviews)))
                for r in rows]

    def touch_health(self, now: float) -> None:
        t = service_health
        if not self.c.execute(update(t).where(t.c.id == 1).values(at=now)).rowcount:
            self.c.execute(insert(t).values(id=1, at=now))

    def list_decisions(self, *, limit: int = 50, offset: int = 0) -> list[StoredDecision]:
        q = select(decisions).order_by(decisions.c.created_at.desc(), decisions.c.content_id).limit(limit)
        return [self._decision(r) for r in self.c.execute(q.offset(offset))]

    def counts(self, *, now: float, since: float | None = None) -> Counts:
        act = func.coalesce(decisions.c.final_action, decisions.c.action)
        q1 = select(decisions.c.day, act, func.count()).group_by(decisions.c.day, act)
        q2 = (select(decision_labels.c.campaign, decision_labels.c.label, func.count())
              .join(decisions, decisions.c.content_id == decision_labels.c.content_id)
              .group_by(decision_labels.c.campaign, decision_labels.c.label))
        if since is not None:
            q1 = q1.where(decisions.c.created_at >= since)
            q2 = q2.where(decisions.c.created_at >= since)
        open_q = select(func.count()).select_from(review_items).where(review_items.c.status != "decided")
        return Counts(
            by_day_action={(d, a): n for d, a, n in self.c.execute(q1)},
            by_campaign_label={(c, lab): n for c, lab, n in self.c.execute(q2)},
            open_reviews=self.c.execute(open_q).scalar_one(),
            overdue_reviews=self.c.execute(open_q.where(review_items.c.due_at < now)).scalar_one(),
        )

    # review queue
    @staticmethod
    def _review(row: Any) -> ReviewItem:
        d = json.loads(row.data)
        return ReviewItem(
            content_id=row.content_id, status=row.status, priority=row.priority, reasons=tuple(d["reasons"]),
            created_at=row.created_at, due_at=row.due_at, claimed_by=row.claimed_by, lease_until=row.lease_until,
            reviews=tuple(d["reviews"]), exclude=tuple(d["exclude"]), updated_at=row.updated_at,
        )

    def get_review(self, content_id: str) -> ReviewItem | None:
        row = self.c.execute(_Q_REVIEW, {"b_key": content_id}).first()
        return None if row is None else self._review(row)

    def put_review(self, item: ReviewItem) -> None:
        vals = {
            "content_id": item.content_id, "status": item.status, "priority": item.priority, "due_at": item.due_at,
            "created_at": item.created_at, "updated_at": item.updated_at, "claimed_by": item.claimed_by,
            "lease_until": item.lease_until,
            "data": _dumps({"reasons": item.reasons, "reviews": item.reviews, "exclude": item.exclude}),
        }
        if not self.c.execute(_UPD_REVIEW, {**vals, "b_key": item.content_id}).rowcount:
            self.c.execute(_INS_REVIEW, vals)

    def open_reviews(self, *, limit: int = 100) -> list[ReviewItem]:
        t = review_items
        q = (select(t).where(t.c.status != "decided")
             .order_by(t.c.priority.desc(), t.c.due_at, t.c.content_id).limit(limit))
        return [self._review(r) for r in self.c.execute(q)]

    # reports and appeals
    @staticmethod
    def _report(row: Any) -> Report:
        d = json.loads(row.data)
        return Report(
            id=row.id, content_id=row.content_id, type=row.type, category=row.category, status=row.status,
            created_at=row.created_at, updated_at=row.updated_at, count=d["count"], evidence=tuple(d["evidence"]),
            proofs=tuple(d["proofs"]), reporters=tuple(d["reporters"]), outcome=d.get("outcome"),
        )

    def get_report(self, report_id: str) -> Report | None:
        row = self.c.execute(select(reports).where(reports.c.id == report_id)).first()
        return None if row is None else self._report(row)

    def put_report(self, rep: Report) -> None:
        vals = {
            "id": rep.id, "content_id": rep.content_id, "type": rep.type, "category": rep.category,
            "status": rep.status, "created_at": rep.created_at, "updated_at": rep.updated_at,
            "data": _dumps({"count": rep.count, "evidence": rep.evidence, "proofs": rep.proofs,
                            "reporters": rep.reporters, "outcome": rep.outcome}),
        }
        if not self.c.execute(update(reports).where(reports.c.id == rep.id).values(**vals)).rowcount:
            self.c.execute(insert(reports).values(**vals))

    def reports_for(self, content_id: str) -> list[Report]:
        q = select(reports).where(reports.c.content_id == content_id).order_by(reports.c.created_at, reports.c.id)
        return [self._report(r) for r in self.c.execute(q)]

    def list_reports(self, *, limit: int = 100) -> list[Report]:
        q = select(reports).order_by(reports.c.updated_at.desc(), reports.c.id).limit(limit)
        return [self._report(r) for r in self.c.execute(q)]

    @staticmethod
    def _appeal(row: Any) -> Appeal:
        d = json.loads(row.data)
        return Appeal(id=row.id, content_id=row.content_id, status=row.status, created_at=row.created_at, **d)

    def get_appeal(self, appeal_id: str) -> Appeal | None:
        row = self.c.execute(select(appeals).where(appeals.c.id == appeal_id)).first()
        return None if row is None else self._appeal(row)

    def put_appeal(self, appeal: Appeal) -> None:
        data = {k: getattr(appeal, k) for k in ("author_id", "reason", "first_reviewer", "reviewer", "decided_at",
                                                 "note")}
        vals = {"id": appeal.id, "content_id": appeal.content_id, "status": appeal.status,
                "created_at": appeal.created_at, "data": _dumps(data)}
        if not self.c.execute(update(appeals).where(appeals.c.id == appeal.id).values(**vals)).rowcount:
            self.c.execute(insert(appeals).values(**vals))

    def appeals_for(self, content_id: str) -> list[Appeal]:
        q = select(appeals).where(appeals.c.content_id == content_id).order_by(appeals.c.created_at)
        return [self._appeal(r) for r in self.c.execute(q)]

    def list_appeals(self, *, limit: int = 100) -> list[Appeal]:
        q = select(appeals).order_by(appeals.c.created_at.desc(), appeals.c.id).limit(limit)
        return [self._appeal(r) for r in self.c.execute(q)]

    # sanctions
    def add_violation(self, v: Violation) -> Violation:
        vals = {"account_id": v.account_id, "content_id": v.content_id, "label": v.label, "severity": v.severity,
                "at": v.at, "revoked": v.revoked, "content_sha256": v.content_sha256}
        res = self.c.execute(_INS_VIOLATION, vals)
        return Violation(id=res.inserted_primary_key[0], **vals)

    def violations(self, account_id: str, *, since: float) -> list[Violation]:
        t = violations
        q = select(t).where(t.c.account_id == account_id, t.c.at >= since, t.c.revoked.is_(False)).order_by(t.c.id)
        return [Violation(id=r.id, account_id=r.account_id, content_id=r.content_id, label=r.label,
                          severity=r.severity, at=r.at, revoked=r.revoked, content_sha256=r.content_sha256)
                for r in self.c.execute(q)]

    def has_violation(self, account_id: str, content_id: str, content_sha256: str) -> bool:
        args = {"b_acct": account_id, "b_cid": content_id, "b_sha": content_sha256}
        return self.c.execute(_Q_HAS_VIOLATION, args).first() is not None

    def revoke_violations(self, content_id: str) -> int:
        t = violations
        q = update(t).where(t.c.content_id == content_id, t.c.revoked.is_(False)).values(revoked=True)
        return self.c.execute(q).rowcount

    def put_sanction(self, s: Sanction) -> None:
        vals = {"id": s.id, "account_id": s.account_id, "level": s.level, "started_at": s.started_at,
                "expires_at": s.expires_at, "reason": s.reason, "revoked": s.revoked}
        if not self.c.execute(update(sanctions).where(sanctions.c.id == s.id).values(**vals)).rowcount:
            self.c.execute(insert(sanctions).values(**vals))

    def sanctions(self, account_id: str) -> list[Sanction]:
        q = select(sanctions).where(sanctions.c.account_id == account_id).order_by(sanctions.c.started_at,
                                                                                   sanctions.c.id)
        return [Sanction(id=r.id, account_id=r.account_id, level=r.level, started_at=r.started_at,
                         expires_at=r.expires_at, reason=r.reason, revoked=r.revoked) for r in self.c.execute(q)]

    # audit
    @staticmethod
    def _audit(r: Any) -> AuditEntry:
        return AuditEntry(seq=r.seq, at=r.at, actor=r.actor, action=r.action, subject=r.subject,
                          payload=json.loads(r.payload), prev_hash=r.prev_hash, hash=r.hash)

    def last_audit(self) -> AuditEntry | None:
        if self._head is _UNSET:
            row = self.c.execute(_Q_LAST_AUDIT).first()
            self._head = None if row is None else self._audit(row)
        return self._head

    def append_audit(self, entry: AuditEntry) -> None:
        self.c.execute(_INS_AUDIT, {
            "seq": entry.seq, "at": entry.at, "actor": entry.actor, "action": entry.action, "subject": entry.subject,
            "payload": _dumps(entry.payload), "prev_hash": entry.prev_hash, "hash": entry.hash,
        })
        self._head = entry

    def audit_entries(self, *, after: int = 0, limit: int = 1000, subject: str | None = None) -> list[AuditEntry]:
        q = select(audit_log).where(audit_log.c.seq > after)
        if subject is not None:
            q = q.where(audit_log.c.subject == subject)
        return [self._audit(r) for r in self.c.execute(q.order_by(audit_log.c.seq).limit(limit))]

    # keys
    def get_key(self, key_id: str) -> ApiKey | None:
        r = self.c.execute(_Q_KEY, {"b_key": key_id}).first()
        return None if r is None else ApiKey(key_id=r.key_id, secret_hash=r.secret_hash, role=r.role, name=r.name,
                                             created_at=r.created_at, revoked=r.revoked)

    def put_key(self, key: ApiKey) -> None:
        vals = {"key_id": key.key_id, "secret_hash": key.secret_hash, "role": key.role, "name": key.name,
                "created_at": key.created_at, "revoked": key.revoked}
        if not self.c.execute(update(api_keys).where(api_keys.c.key_id == key.key_id).values(**vals)).rowcount:
            self.c.execute(insert(api_keys).values(**vals))

    def list_keys(self) -> list[ApiKey]:
        rows = self.c.execute(select(api_keys).order_by(api_keys.c.created_at))
        return [ApiKey(key_id=r.key_id, secret_hash=r.secret_hash, role=r.role, name=r.name,
                       created_at=r.created_at, revoked=r.revoked) for r in rows]


SYNC_MODES = ("FULL", "NORMAL")


def make_engine(url: str, *, sqlite_synchronous: str = "FULL") -> SaEngine:
    """A SQLAlchemy engine with the SQLite pragmas and transaction mode this store relies on.

    `sqlite_synchronous="NORMAL"` skips the fsync per commit: still safe against a killed process (the WAL is in
    the OS cache), not against power loss or an OS crash, which may drop the last commits.
    """
    sync = sqlite_synchronous.upper()
    if sync not in SYNC_MODES:
        raise ConfigError(f"sqlite synchronous mode must be one of {list(SYNC_MODES)}, got {sqlite_synchronous!r}")
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    try:
        # Readers run in the request thread pool (40 threads) beside the one group-commit writer.
        eng = create_engine(url, pool_pre_ping=not url.startswith("sqlite"), pool_size=16, max_overflow=32)
    except ModuleNotFoundError as exc:
        raise ConfigError(f"database driver missing for {url.split(':')[0]!r} ({exc.name}); "
                          "install qinglang[postgres]") from None
    except Exception as exc:  # bad URL syntax
        raise ConfigError(f"invalid database URL: {type(exc).__name__}") from None
    if eng.dialect.name == "sqlite":
        @event.listens_for(eng, "connect")
        def _connect(dbapi_conn: Any, _rec: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
            cur = dbapi_conn.cursor()
            for pragma in ("journal_mode=WAL", f"synchronous={sync}", "busy_timeout=30000", "foreign_keys=ON"):
                cur.execute(f"PRAGMA {pragma}")
            cur.close()

        @event.listens_for(eng, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("ql_readonly") else "BEGIN IMMEDIATE")
    return eng


class SqlStore:
    """Store over one SQLAlchemy engine; `transaction()` is one database transaction, `write(fn)` a job that
    shares its transaction and commit with concurrent writers (group commit)."""

    def __init__(self, url: str, *, migrate: bool = True, sqlite_synchronous: str = "FULL") -> None:
        self.url = url
        self.engine = make_engine(url, sqlite_synchronous=sqlite_synchronous)
        # SQLite's busy handler sleeps in steps of up to 100 ms while another writer holds the lock; queueing this
        # process's writers on a mutex first leaves only other processes to wait for (p99 falls accordingly).
        self._write_lock = threading.Lock() if self.engine.dialect.name == "sqlite" else None
        if migrate:
            from .migrate import upgrade

            upgrade(self.engine)
        self._group: GroupCommit | None = None
        self._group_lock = threading.Lock()

    def write(self, fn: Callable[[SqlTx], T]) -> T:
        """Run `fn(tx)` in a write transaction shared with concurrent callers; returns after the commit."""
        if self._group is None:
            with self._group_lock:
                if self._group is None:
                    self._group = GroupCommit(self)
        return self._group.run(fn)

    @contextmanager
    def transaction(self, *, readonly: bool = False) -> Iterator[SqlTx]:
        if readonly:
            yield from self._transaction(readonly=True)
        else:
            with self._locked_transaction() as tx:
                yield tx

    @contextmanager
    def _locked_transaction(self) -> Iterator[SqlTx]:
        if self._write_lock is not None:
            with self._write_lock:
                yield from self._transaction(readonly=False)
        else:
            yield from self._transaction(readonly=False)

    def _transaction(self, *, readonly: bool) -> Iterator[SqlTx]:
        with self.engine.connect() as conn:
            if readonly:
                conn = conn.execution_options(ql_readonly=True)
            with conn.begin():
                if not readonly and self.engine.dialect.name == "postgresql":
                    # Writers queue here, as SQLite's BEGIN IMMEDIATE makes them: read-then-write steps (claim,
                    # merge a report, extend the audit chain) stay correct under READ COMMITTED.
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({AUDIT_LOCK_ID})")
                yield SqlTx(conn, self.engine.dialect.name)

    def close(self) -> None:
        if self._group is not None:
            self._group.close()
        self.engine.dispose()
