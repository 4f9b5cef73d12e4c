"""Small pure helpers both adapters share, so memory and SQL order and bucket things the same way."""

from __future__ import annotations

import datetime as dt

from ..clock import CN_TZ
from .ports import ReviewItem


def day_of(ts: float) -> str:
    """The Beijing-time calendar day of an epoch timestamp (the campaigns count days in 北京时间)."""
    return dt.datetime.fromtimestamp(ts, CN_TZ).date().isoformat()


def open_sort_key(item: ReviewItem) -> tuple[float, float, str]:
    """Queue order: priority first, then the nearest SLA deadline."""
    return (-item.priority, item.due_at, item.content_id)
