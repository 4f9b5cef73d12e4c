"""Service settings from the environment (`QINGLANG_*`), built once at the edge and passed down."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QINGLANG_", extra="ignore")

    db: str = "sqlite:///qinglang.db"
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 1
    migrate: bool = True  # run Alembic migrations when the app starts
    sqlite_synchronous: str = "FULL"  # NORMAL: no fsync per commit (safe against SIGKILL, not power loss)
    max_body_bytes: int = Field(1_000_000, ge=1024)
    batch_max_items: int = Field(500, ge=1)
    rate_limit_per_s: float = Field(200.0, ge=0)  # per API key and worker; 0 disables
    rate_limit_burst: int = Field(400, ge=1)
    key_cache_seconds: float = Field(30.0, ge=0)  # how long a revoked key may still work on a worker
    key_cache_max_rejected: int = Field(2_048, ge=16)  # rejected tokens remembered per worker (LRU bound)
    workflow_config: str | None = None  # YAML overriding priorities, SLAs, the sanction ladder
    lexicons: list[str] = Field(default_factory=list)
    policies: list[str] = Field(default_factory=list)
    detectors: str | None = None
    lexicon_edits: str | None = None  # journal of run-time lexicon edits (admin route, console page); None: off
    # Directory that content's `media[].path` may name. Unset (the default), the service refuses local paths
    # and takes inline `data_base64` only: a path in an upload must never read the server's own files.
    media_root: str | None = None
    console: bool = True
    secure_cookies: bool = False  # set behind HTTPS
    clusters: bool = False  # cross-item clusters / 引流 rings / account facts (qinglang.clusters, docs/clusters.md)
    clusters_window_posts: int = Field(1_000_000, ge=1024)  # posts kept in the window (fixed memory)
    clusters_window_hours: float = Field(24.0, gt=0)
    clusters_max_clusters: int = Field(100_000, ge=16)  # live cluster states kept (least recently joined out)
    live_idle_seconds: float = Field(900.0, gt=0)  # a livestream room idle this long is evicted (no resume)
    live_max_rooms: int = Field(10_000, ge=1)  # rooms kept per worker (least recently active out)
    live_decision_cache: int = Field(4096, ge=0)  # decisions of short 弹幕 kept per worker (LRU); 0: off
