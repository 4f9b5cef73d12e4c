"""Minors mode (campaign 7; 《未成年人网络保护条例》; 《移动互联网未成年人模式建设指南》): may this session go on?

The values — age bands, daily minutes, the 22:00–06:00 curfew, the rest reminder, each band's content pool —
live in the `minors:` section of a policy file (shipped: `07-summer-minors.yaml`), so a platform adjusts them
like any other policy. `session_decision` is a pure function of (settings, age, minutes used, local time):

```python
settings = minors_settings(engine_policy)          # or MinorsSettings.model_validate({...})
session_decision(settings, age=13, used_minutes=50, now=datetime(2024, 7, 20, 21, 0, tzinfo=CN_TZ))
# SessionDecision(allowed=True, reason="ok", remaining_minutes=10, band="12-16", ...)
```
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..clock import CN_TZ
from ..errors import InvalidContent, PolicyError
from .schema import Policy


class Band(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    min_age: int = Field(ge=0, le=18)
    max_age: int = Field(ge=1, le=18)  # exclusive
    daily_minutes: int = Field(ge=0, le=24 * 60)
    pool: list[str] = []

    @model_validator(mode="after")
    def _order(self) -> Band:
        if self.min_age >= self.max_age:
            raise ValueError(f"band {self.name!r}: min_age must be below max_age")
        return self


class Curfew(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: str = "22:00"
    end: str = "06:00"

    @field_validator("start", "end")
    @classmethod
    def _hhmm(cls, v: str) -> str:
        _minute_of_day(v)
        return v


class MinorsSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    bands: list[Band]
    curfew: Curfew | None = Curfew()
    rest_reminder_minutes: int | None = Field(30, ge=1)
    parent_override: bool = True

    @model_validator(mode="after")
    def _cover(self) -> MinorsSettings:
        ages = sorted((b.min_age, b.max_age) for b in self.bands)
        if not ages or ages[0][0] != 0 or ages[-1][1] != 18 or any(a[1] != b[0] for a, b in itertools.pairwise(ages)):
            raise ValueError("bands must cover ages 0–18 without gaps or overlaps")
        return self

    def band(self, age: int) -> Band:
        return next(b for b in self.bands if b.min_age <= age < b.max_age)


def _minute_of_day(hhmm: str) -> int:
    try:
        h, m = hhmm.split(":")
        hi, mi = int(h), int(m)
    except ValueError:
        raise ValueError(f"time must be HH:MM, got {hhmm!r}") from None
    if not (0 <= hi <= 23 and 0 <= mi <= 59):
        raise ValueError(f"time must be HH:MM, got {hhmm!r}")
    return hi * 60 + mi


@dataclass(frozen=True, slots=True)
class SessionDecision:
    """Whether a minor's session may continue, why (code + 中文), and what is left."""

    allowed: bool
    reason: str  # adult | ok | curfew | daily_limit
    message: str
    band: str | None = None
    remaining_minutes: int | None = None
    rest_reminder: bool = False
    pool: tuple[str, ...] = ()
    resume_at: str | None = None  # ISO time when service may resume (curfew end / next day)

    def to_json(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed, "reason": self.reason, "message": self.message, "band": self.band,
            "remaining_minutes": self.remaining_minutes, "rest_reminder": self.rest_reminder,
            "pool": list(self.pool), "resume_at": self.resume_at,
        }


def minors_settings(policy: Policy) -> MinorsSettings:
    """The minors-mode settings of the policies in force (the last file with a `minors:` section)."""
    found = [pf for pf in policy.files if pf.minors is not None]
    if not found:
        raise PolicyError("no policy file has a 'minors' section (shipped: 07-summer-minors.yaml)")
    return MinorsSettings.model_validate(found[-1].minors)


def session_decision(
    settings: MinorsSettings, *, age: int, used_minutes: float, now: dt.datetime,
    continuous_minutes: float = 0.0, parent_override_curfew: bool = False, parent_extra_minutes: int = 0,
) -> SessionDecision:
    """Decide whether a session may continue at `now` (China time if naive). Pure: the caller passes the clock."""
    if isinstance(age, bool) or not isinstance(age, int) or age < 0 or age > 150:
        raise InvalidContent(f"field 'age' must be an integer 0–150, got {age!r}")
    if used_minutes < 0 or continuous_minutes < 0 or parent_extra_minutes < 0:
        raise InvalidContent("minutes must not be negative")
    if age >= 18:
        return SessionDecision(True, "adult", "成年用户，不适用未成年人模式")
    local = (now if now.tzinfo else now.replace(tzinfo=CN_TZ)).astimezone(CN_TZ)
    band = settings.band(age)
    pool = tuple(band.pool)
    if settings.curfew and not (parent_override_curfew and settings.parent_override):
        start, end = _minute_of_day(settings.curfew.start), _minute_of_day(settings.curfew.end)
        minute = local.hour * 60 + local.minute
        inside = (start <= minute or minute < end) if start > end else (start <= minute < end)
        if inside:
            resume = local.replace(hour=end // 60, minute=end % 60, second=0, microsecond=0)
            if resume <= local:
                resume += dt.timedelta(days=1)
            return SessionDecision(
                False, "curfew", f"{settings.curfew.start}–{settings.curfew.end} 为未成年人模式休息时段，暂停服务",
                band.name, 0, False, pool, resume.isoformat(),
            )
    limit = band.daily_minutes + (parent_extra_minutes if settings.parent_override else 0)
    remaining = int(limit - used_minutes)
    if remaining <= 0:
        tomorrow = (local + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        if settings.curfew:
            end = _minute_of_day(settings.curfew.end)
            tomorrow = tomorrow.replace(hour=end // 60, minute=end % 60)
        return SessionDecision(False, "daily_limit", f"今日使用已达 {limit} 分钟上限（{band.name} 岁段）",
                               band.name, 0, False, pool, tomorrow.isoformat())
    reminder = bool(settings.rest_reminder_minutes and continuous_minutes >= settings.rest_reminder_minutes)
    msg = f"可继续使用，今日剩余 {remaining} 分钟" + ("；已连续使用较久，请休息一下" if reminder else "")
    return SessionDecision(True, "ok", msg, band.name, remaining, reminder, pool)


def in_pool(settings: MinorsSettings, age: int, category: str) -> bool:
    """Whether content of a category belongs to the minors-mode pool of this age's band (adults: always)."""
    return age >= 18 or category in settings.band(max(0, age)).pool


def session_from_json(settings: MinorsSettings, body: Any) -> SessionDecision:
    """Validate a request body (the `POST /v1/minors/session` shape) and decide."""
    if not isinstance(body, dict):
        raise InvalidContent("request must be a JSON object")

    class _Req(BaseModel):
        model_config = ConfigDict(extra="forbid")
        age: int
        used_minutes: float = Field(0, ge=0)
        continuous_minutes: float = Field(0, ge=0)
        now: dt.datetime
        parent_override_curfew: bool = False
        parent_extra_minutes: int = Field(0, ge=0)

    try:
        req = _Req.model_validate(body)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise InvalidContent(f"field '{'.'.join(str(x) for x in err['loc'])}': {err['msg']}") from None
    return session_decision(settings, **req.model_dump())
