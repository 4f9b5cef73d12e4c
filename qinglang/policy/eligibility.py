"""Monetization eligibility for self-media accounts (campaign 4: 严格营利权限开通条件; 自媒体13条 rule 8).

Settings live in a policy file's `monetization:` section (shipped: `04-self-media.yaml`):

```yaml
monetization:
  months_without_violations: 3     # rule 8: 3 months with no violations before applying
  owner_change_cooldown_months: 3  # rule 8: no monetization for 3 months after the owner changes
  require_real_name: true          # task 4: real-name verification for monetizing accounts
  min_account_age_days: 0
  min_followers: 0
  disqualifying_severities: [high] # e.g. a vulgar persona / coordinated hype (rule 9) stops monetization
```

An account is one JSON object: `{"id", "real_name_verified", "created_at", "owner_changed_at", "followers",
"violations": [{"at": "2024-05-01", "severity": "low|medium|high", "label": "..."}]}`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..clock import CN_TZ, parse_time
from ..errors import InvalidContent, PolicyError
from .schema import Policy


class MonetizationSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    months_without_violations: int = Field(3, ge=0, le=120)
    owner_change_cooldown_months: int = Field(3, ge=0, le=120)
    require_real_name: bool = True
    min_account_age_days: int = Field(0, ge=0)
    min_followers: int = Field(0, ge=0)
    disqualifying_severities: list[str] = ["high"]


@dataclass(frozen=True, slots=True)
class Eligibility:
    account: str
    eligible: bool
    reasons: tuple[str, ...]  # codes: real_name | recent_violation | owner_changed | account_too_new | followers
    messages: tuple[str, ...]
    eligible_from: str | None = None  # the earliest date the time-based conditions clear

    def to_json(self) -> dict[str, Any]:
        return {"account": self.account, "eligible": self.eligible, "reasons": list(self.reasons),
                "messages": list(self.messages), "eligible_from": self.eligible_from}


def monetization_settings(policy: Policy) -> MonetizationSettings:
    found = [pf for pf in policy.files if pf.monetization is not None]
    if not found:
        raise PolicyError("no policy file has a 'monetization' section (shipped: 04-self-media.yaml)")
    return MonetizationSettings.model_validate(found[-1].monetization)


def _add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    import calendar

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _date(value: Any, where: str) -> dt.date:
    if not isinstance(value, str):
        raise InvalidContent(f"field '{where}' must be an ISO 8601 date, got {type(value).__name__}")
    try:
        return parse_time(value if "T" in value else value + "T00:00:00", where).astimezone(CN_TZ).date()
    except InvalidContent:
        raise InvalidContent(f"field '{where}' must be an ISO 8601 date, got {value!r}") from None


def check_eligibility(account: Any, settings: MonetizationSettings, today: dt.date) -> Eligibility:
    """Whether an account may monetize on `today`, with every failing condition named."""
    if not isinstance(account, dict) or "id" not in account:
        raise InvalidContent("account must be a JSON object with an 'id'")
    aid = str(account["id"])
    reasons: list[str] = []
    msgs: list[str] = []
    clear_dates: list[dt.date] = []
    if settings.require_real_name and account.get("real_name_verified") is not True:
        reasons.append("real_name")
        msgs.append("未完成实名认证（开通营利权限须实名）")
    violations = account.get("violations") or []
    if not isinstance(violations, list):
        raise InvalidContent(f"field 'violations' of account {aid} must be a list")
    for k, v in enumerate(violations):
        if not isinstance(v, dict) or "at" not in v:
            raise InvalidContent(f"field 'violations[{k}]' of account {aid} needs 'at'")
        at = _date(v["at"], f"violations[{k}].at")
        until = _add_months(at, settings.months_without_violations)
        if v.get("severity") in settings.disqualifying_severities and "serious_violation" not in reasons:
            reasons.append("serious_violation")
            msgs.append(f"{at} 严重违规（{v.get('label', '未注明')}），取消营利权限，需人工复核")
        if until > today:
            if "recent_violation" not in reasons:
                reasons.append("recent_violation")
                msgs.append(f"近 {settings.months_without_violations} 个月内有违规记录（{at}）")
            clear_dates.append(until)
    if account.get("owner_changed_at"):
        changed = _date(account["owner_changed_at"], "owner_changed_at")
        until = _add_months(changed, settings.owner_change_cooldown_months)
        if until > today:
            reasons.append("owner_changed")
            msgs.append(f"账号主体 {changed} 变更，{settings.owner_change_cooldown_months} 个月内不开通营利权限")
            clear_dates.append(until)
    if settings.min_account_age_days and account.get("created_at"):
        created = _date(account["created_at"], "created_at")
        until = created + dt.timedelta(days=settings.min_account_age_days)
        if until > today:
            reasons.append("account_too_new")
            msgs.append(f"注册不足 {settings.min_account_age_days} 天")
            clear_dates.append(until)
    followers = account.get("followers") or 0
    if settings.min_followers and followers < settings.min_followers:
        reasons.append("followers")
        msgs.append(f"粉丝数 {followers} 低于 {settings.min_followers}")
    eligible = not reasons
    when = None
    if not eligible and set(reasons) <= {"recent_violation", "owner_changed", "account_too_new"}:
        when = max(clear_dates).isoformat()
    return Eligibility(aid, eligible, tuple(reasons), tuple(msgs) or ("符合营利权限开通条件",), when)
