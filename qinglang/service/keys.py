"""API keys: `ql_<key id>.<secret>`; only sha256(secret) is stored, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from ..errors import InvalidContent
from ..store.ports import ApiKey, Tx
from ..workflow import audit

ROLES = ("submitter", "reviewer", "admin", "auditor")
ROLE_ZH = {"submitter": "接入方", "reviewer": "审核员", "admin": "管理员", "auditor": "审计员"}


def _digest(secret: str) -> str:
    # The secret has 256 bits of entropy, so a fast hash is enough (no dictionary to guess from).
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(tx: Tx, *, role: str, name: str, now: float, actor: str) -> tuple[ApiKey, str]:
    """Store a new key; returns (record, the full key to hand out once)."""
    if role not in ROLES:
        raise InvalidContent(f"unknown role {role!r}; expected one of {list(ROLES)}")
    key_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    rec = ApiKey(key_id=key_id, secret_hash=_digest(secret), role=role, name=name[:128] or role, created_at=now)
    tx.put_key(rec)
    audit.record(tx, actor=actor, action="key.created", subject=f"key:{key_id}", payload={"role": role,
                                                                                         "name": rec.name}, now=now)
    return rec, f"ql_{key_id}.{secret}"


def parse(token: str) -> tuple[str, str] | None:
    """(key id, secret) of a well-formed key, else None."""
    if not token.startswith("ql_") or "." not in token or len(token) > 200:
        return None
    key_id, _, secret = token[3:].partition(".")
    return (key_id, secret) if key_id and secret else None


def matches(rec: ApiKey, secret: str) -> bool:
    return not rec.revoked and hmac.compare_digest(rec.secret_hash, _digest(secret))
