"""The policy CLI doors: check, explain, suggest, accounts eligibility, audit local (chart), minors session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qinglang.cli import _register, app

from .test_local_audit import synthetic_log

ERRORS = Path(__file__).parent / "errors"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def _main(args: list[str]) -> tuple[int, str]:
    """Run through `main()` so typed errors become exit code 2 with a message, as users see them."""
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "qinglang.cli", *args], capture_output=True, text=True,
                       cwd=Path(__file__).resolve().parents[2], timeout=120)
    return p.returncode, p.stdout + p.stderr


def test_policy_check_ok(runner, tmp_path) -> None:
    (tmp_path / "mine.yaml").write_text("campaign: mine\nrules:\n  - id: mine.a\n    then: {action: label}\n",
                                        "utf-8")
    r = runner.invoke(app, ["policy", "check", str(tmp_path), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["ok"] and len([c for c in data["campaigns"] if c["task"]]) == 10
    assert "mine" in {c["campaign"] for c in data["campaigns"]}


def test_policy_check_bad_file_exit_2_with_line() -> None:
    code, out = _main(["policy", "check", str(ERRORS / "unknown_label.yaml"), "--alone"])
    assert code == 2
    assert "unknown_label.yaml:4" in out and "did you mean 'drainage'" in out and "Traceback" not in out


def test_policy_explain(runner, tmp_path) -> None:
    item = tmp_path / "c.json"
    item.write_text(json.dumps({"id": "x", "text": "同城品茶，学生妹上门", "surface": "local",
                                "created_at": "2024-08-20T10:00:00+08:00"}, ensure_ascii=False), "utf-8")
    r = runner.invoke(app, ["policy", "explain", str(item)])
    assert r.exit_code == 0, r.output
    assert "local.marketing.review" in r.output and "低俗不良营销" in r.output
    j = json.loads(runner.invoke(app, ["policy", "explain", str(item), "--json"]).output)
    assert j["action"] == "review" and j["trace"]["rules_fired"]


def test_suggest(runner) -> None:
    r = runner.invoke(app, ["suggest", "我们要再接再励", "--json"])
    assert json.loads(r.output)[0]["replacement"] == "再接再厉"


def test_accounts_eligibility(runner, tmp_path) -> None:
    f = tmp_path / "acc.jsonl"
    f.write_text('{"id": "a", "real_name_verified": true}\n{"id": "b", "real_name_verified": false}\n', "utf-8")
    r = runner.invoke(app, ["accounts", "eligibility", str(f), "--today", "2024-06-01", "--json"])
    rows = [json.loads(x) for x in r.output.splitlines()]
    assert [x["eligible"] for x in rows] == [True, False]


def test_audit_local_writes_chart(runner, tmp_path) -> None:
    recs = synthetic_log(tmp_path / "recs.jsonl")
    chart = tmp_path / "chart.html"
    r = runner.invoke(app, ["audit", "local", str(recs), "--html", str(chart)])
    assert r.exit_code == 1  # clusters found
    assert "扎堆推送: 武汉 / 夜生活" in r.output
    assert chart.exists() and "<svg" in chart.read_text("utf-8")


def test_minors_session(runner) -> None:
    r = runner.invoke(app, ["minors", "session", "--age", "13", "--used", "20", "--at", "2024-07-20T20:00:00+08:00",
                            "--json"])
    assert r.exit_code == 0 and json.loads(r.output)["remaining_minutes"] == 40
    r = runner.invoke(app, ["minors", "session", "--age", "13", "--at", "2024-07-20T22:30:00+08:00"])
    assert r.exit_code == 1 and "curfew" in r.output


def test_accounts_licences(runner, tmp_path) -> None:
    reg = Path(__file__).resolve().parents[1] / "scenarios" / "data" / "news_registry.csv"
    acc = tmp_path / "acc.jsonl"
    acc.write_text('{"id": "u1", "news_license": "31120170007", "entity": "上海报业集团财联社"}\n'
                   '{"id": "u2", "news_license": "31120170007", "entity": "某某传媒"}\n', "utf-8")
    r = runner.invoke(app, ["accounts", "licences", str(reg), "--accounts", str(acc), "--json"])
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert "44120190021" in data["registry_conflicts"]
    assert data["shared"]["31120170007"]["unrelated"] == ["某某传媒"]
