"""China time (UTC+8, no daylight saving): the one home for the time zone and the date helpers.

The campaigns, minors-mode curfews, late-night live rules and daily counts are all in 北京时间, whatever the
server's zone; every module takes the zone and these helpers from here.
"""

from __future__ import annotations

import datetime as dt
import time

from .errors import InvalidContent

CN_TZ = dt.timezone(dt.timedelta(hours=8))
_CN_OFFSET_S = 8 * 3600
_EPOCH = dt.date(1970, 1, 1)


def parse_time(value: str, where: str = "created_at") -> dt.datetime:
    """ISO 8601 → aware datetime; a naive value is read as China time. InvalidContent names `where`."""
    try:
        t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidContent(f"field '{where}' must be an ISO 8601 date-time, got {value!r}") from None
    return t if t.tzinfo else t.replace(tzinfo=CN_TZ)


def now_cn() -> dt.datetime:
    """The current time in China."""
    return dt.datetime.now(CN_TZ)


def cn_day(ts: float) -> dt.date:
    """The China calendar day of an epoch timestamp."""
    return dt.datetime.fromtimestamp(ts, CN_TZ).date()


_DAY_CACHE: tuple[int, dt.date] = (-1, dt.date.min)


def today_cn() -> dt.date:
    """Today's date in China, computed once per day rather than per request (the engine asks per decision)."""
    global _DAY_CACHE
    day = int((time.time() + _CN_OFFSET_S) // 86400)
    if _DAY_CACHE[0] != day:
        _DAY_CACHE = (day, _EPOCH + dt.timedelta(days=day))
    return _DAY_CACHE[1]


__all__ = ["CN_TZ", "cn_day", "now_cn", "parse_time", "today_cn"]
