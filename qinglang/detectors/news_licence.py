"""The news licence registry (campaign 9): 互联网新闻信息服务许可证 holders a platform imports; the number format.

Split from `detectors/news.py` (session 17), whose detector reads it: the registry is also the CLI's
(`qinglang news`, `qinglang policy`) and has no part in reading a post.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError

LICENCE_RE = re.compile(r"^\d{10,11}$")
# 互联网新闻信息服务许可证 numbers as sites and accounts display them (regulations.md §4, "Licence number format",
# inferred from published footers — no regulation states it): PPTYYYYNNNN, PP a region (10 central, 11–65
# provinces), T the service category digit, YYYY the year issued, NNNN a sequence; an older 10-digit form
# PPTYYYYNNN (3112014002) also occurs. A well-formed number that the platform's registry does not list goes to
# review (it may be newer than the list), never to limit; a malformed one is no licence at all.
CURRENT_LICENCE = re.compile(r"^(10|1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5])([1-3])(20[0-3]\d)(\d{4})$")
LEGACY_LICENCE = re.compile(r"^(10|1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5])([1-3])(20[0-3]\d)(\d{3})$")
# The layout above is inferred, not stated; regulations.md: "A validator should treat unknown formats as 'needs
# review', not as invalid". A 10–11 digit number with a region code and a category digit whose remaining digits
# do not read as year + sequence (10122022222) is `unusual`: a licence of a form we have not seen, not a fake.
UNUSUAL_LICENCE = re.compile(r"^(10|1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5])([1-3])\d{7,8}$")


def licence_format(number: str) -> str:
    """`current` (PPTYYYYNNNN), `legacy` (PPTYYYYNNN), `unusual` (region + category + 7–8 digits that are not
    year + sequence) or `malformed` (anything else)."""
    n = number.strip()
    if CURRENT_LICENCE.match(n):
        return "current"
    if LEGACY_LICENCE.match(n):
        return "legacy"
    if UNUSUAL_LICENCE.match(n):
        return "unusual"
    return "malformed"


@dataclass(frozen=True, slots=True)
class Holder:
    licence_no: str
    entity: str
    accounts: frozenset[str]
    category: str = ""


class NewsRegistry:
    """Licence holders by number; an account is covered when its id or name is listed for the holder."""

    def __init__(self, holders: list[Holder]) -> None:
        self.holders = tuple(holders)
        self.by_licence: dict[str, list[Holder]] = {}
        for h in holders:
            self.by_licence.setdefault(h.licence_no, []).append(h)
        self.by_account = {a: h for h in holders for a in h.accounts}

    def __len__(self) -> int:
        return len(self.holders)

    def to_csv(self, path: str | Path) -> None:
        """Write the registry in the import format (one holder a row; accounts joined by ';')."""
        import io

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["licence_no", "entity", "accounts", "category"])
        for h in sorted(self.holders, key=lambda h: (h.licence_no, h.entity)):
            w.writerow([h.licence_no, h.entity, ";".join(sorted(h.accounts - {h.entity})), h.category])
        Path(path).write_text(buf.getvalue(), "utf-8")

    def merged(self, other: NewsRegistry) -> NewsRegistry:
        """This registry updated with another's rows: same (licence, entity) → accounts united, category replaced."""
        rows: dict[tuple[str, str], Holder] = {(h.licence_no, h.entity): h for h in self.holders}
        for h in other.holders:
            prev = rows.get((h.licence_no, h.entity))
            rows[(h.licence_no, h.entity)] = h if prev is None else Holder(
                h.licence_no, h.entity, prev.accounts | h.accounts, h.category or prev.category)
        return NewsRegistry(list(rows.values()))

    @classmethod
    def from_csv(cls, path: str | Path) -> NewsRegistry:
        """Read a registry CSV (columns licence_no, entity, accounts[, category]); errors name the line."""
        path = Path(path)
        try:
            text = path.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read news licence registry: {exc}") from None
        rows = csv.DictReader(text.splitlines())
        need = {"licence_no", "entity"}
        if not rows.fieldnames or not need <= set(rows.fieldnames):
            raise ConfigError(f"{path}:1: registry needs columns {sorted(need)} (+ accounts, category)")
        holders = []
        for lineno, row in enumerate(rows, 2):
            no = (row.get("licence_no") or "").strip()
            entity = (row.get("entity") or "").strip()
            if not no or not entity:
                raise ConfigError(f"{path}:{lineno}: licence_no and entity must not be empty")
            accounts = frozenset(a.strip() for a in re.split(r"[;|]", row.get("accounts") or "") if a.strip())
            holders.append(Holder(no, entity, accounts | {entity}, (row.get("category") or "").strip()))
        return cls(holders)

    def holder_for(self, author_id: str | None, name: str | None) -> Holder | None:
        for key in (author_id, name):
            if key and key in self.by_account:
                return self.by_account[key]
        return None

    def conflicts(self) -> dict[str, list[str]]:
        """Licence numbers listed for more than one entity (one licence, unrelated users: 出租、出借?)."""
        return {no: sorted({h.entity for h in hs}) for no, hs in self.by_licence.items()
                if len({h.entity for h in hs}) > 1}


def shared_licences(registry: NewsRegistry, accounts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Licence numbers shown by accounts of more than one operator, or by operators that do not hold them.

    `accounts`: `{"id", "name", "news_license", "entity"}` rows (entity = the operating company). A number the
    registry gives to entity E, shown by accounts run by F ≠ E, is the 出租、出借 pattern the notice names.
    """
    by_no: dict[str, set[str]] = {}
    for acc in accounts:
        no = str(acc.get("news_license") or "").strip()
        if no:
            by_no.setdefault(no, set()).add(str(acc.get("entity") or acc.get("name") or acc.get("id") or "?"))
    out: dict[str, dict[str, Any]] = {}
    for no, users in sorted(by_no.items()):
        holders = {h.entity for h in registry.by_licence.get(no, [])}
        strangers = sorted(users - holders)
        if strangers or len(holders) > 1:
            out[no] = {"holders": sorted(holders), "used_by": sorted(users), "unrelated": strangers,
                       "registered": bool(holders)}
    return out
