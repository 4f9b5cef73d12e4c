"""Fixtures for indicator-bank tests: real SQLite files, real lists on disk, real images."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture()
def plain_list(tmp_path: Path) -> Path:
    p = tmp_path / "known.csv"
    p.write_text(
        "kind,value,note\n"
        "wechat,ABC_777,举报 2024-05\n"
        "qq,12345678,\n"
        "phone,+86 138-0013-8000,\n"
        "url,https://weixin.qq.com/g/AbCdEf123,扫码进群\n"
        "domain,WWW.Evil-Shop.com,\n"
        "qr,https://t.me/+Q8vLxq3ZmN1kYzE1,\n",
        "utf-8",
    )
    return p
