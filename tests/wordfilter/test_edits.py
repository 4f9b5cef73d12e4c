"""Run-time lexicon edits: in force on the next call, journalled with who/when/why, surviving a restart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qinglang.errors import ConfigError
from qinglang.lexicon import matcher
from qinglang.lexicon.edits import InvalidEdit

from .conftest import make_engine


def texts(engine, text: str) -> list[str]:
    return [h.text for h in engine.find_all(text)]


def test_add_remove_allow_take_effect_on_the_next_call_without_a_rebuild(tmp_path: Path, monkeypatch) -> None:
    journal = tmp_path / "edits" / "edits.jsonl"
    engine = make_engine(tmp_path, edits=journal)
    text = "测试一下新增敏感词，验证一下删除和新增对不对"
    assert texts(engine, text) == []
    base = engine.compiled_lexicon
    built: list[int] = []
    real = matcher.CompiledLexicon.__init__

    def count(self, entries, *a, **kw):  # type: ignore[no-untyped-def]
        built.append(len(list(entries)))
        real(self, entries, *a, **kw)

    monkeypatch.setattr(matcher.CompiledLexicon, "__init__", count)
    v0 = engine.policy_version
    engine.edit_lexicon("add", "测试", label="abuse", actor="admin:张三", reason="工单 #12", tags=["临时"])
    engine.edit_lexicon("add", "新增", label="abuse", actor="admin:张三", reason="工单 #12")
    assert texts(engine, text) == ["测试", "新增", "新增"]
    assert engine.find_all(text, tags=["临时"])[0].text == "测试"
    assert engine.moderate({"id": "m", "text": "测试"}).labels[0].label == "abuse"
    assert engine.policy_version != v0
    engine.edit_lexicon("remove", "新增", actor="admin:张三", reason="误报")
    assert texts(engine, text) == ["测试"]
    engine.edit_lexicon("allow", "测试一下", actor="admin:李四", reason="固定说法")
    assert texts(engine, text) == []
    engine.edit_lexicon("unallow", "测试一下", actor="admin:李四", reason="撤回")
    assert texts(engine, text) == ["测试"]
    # only the added words were compiled (one small lexicon per edit), never the engine's own lexicon
    assert engine.compiled_lexicon is base and all(n <= 2 for n in built)


def test_remove_hides_a_word_of_the_lexicon_folders(tmp_path: Path) -> None:
    engine = make_engine(tmp_path, edits=tmp_path / "e.jsonl")
    assert texts(engine, "发黄片") == ["黄片"]
    engine.edit_lexicon("remove", "黄片", actor="admin:a", reason="r")
    assert texts(engine, "发黄片") == [] and engine.moderate({"id": "1", "text": "发黄片"}).labels == ()
    engine.edit_lexicon("add", "黄片", label="porn", severity="high", actor="admin:a", reason="恢复")
    assert texts(engine, "发黄片") == ["黄片"]


def test_edits_survive_a_restart_and_reach_other_engines_on_the_same_journal(tmp_path: Path) -> None:
    journal = tmp_path / "edits.jsonl"
    a = make_engine(tmp_path / "a", edits=journal)
    b = make_engine(tmp_path / "b", edits=journal)  # another worker serving from the same journal
    a.edit_lexicon("add", "割韭菜", label="fraud", actor="admin:a", reason="新话术")
    assert texts(b, "又来割韭菜") == ["割韭菜"]  # b notices the journal change on its next call
    restarted = make_engine(tmp_path / "c", edits=journal)
    assert texts(restarted, "又来割韭菜") == ["割韭菜"]
    rows = [json.loads(x) for x in journal.read_text("utf-8").splitlines()]
    assert rows == [{"op": "add", "term": "割韭菜", "label": "fraud", "actor": "admin:a", "reason": "新话术",
                     "at": rows[0]["at"], "seq": 1}]
    (edit,) = restarted.lexicon_edits.history()
    assert (edit.actor, edit.reason, edit.seq) == ("admin:a", "新话术", 1)


@pytest.mark.parametrize(("op", "term", "kw", "msg"), [
    ("add", "词", {"reason": ""}, "reason"),
    ("add", "词", {"reason": "r"}, "label"),
    ("add", "词", {"reason": "r", "label": "drainnage"}, "did you mean"),
    ("add", "词", {"reason": "r", "label": "abuse", "severity": "extreme"}, "severity"),
    ("remove", "词", {"reason": "r", "label": "abuse"}, "apply to 'add' only"),
    ("add", "\u200b\u200b", {"reason": "r", "label": "abuse"}, "normalizes to nothing"),
    ("drop", "词", {"reason": "r"}, "op must be"),
    ("add", "x" * 101, {"reason": "r", "label": "abuse"}, "1..100"),
])
def test_bad_edits_are_refused_and_not_journalled(tmp_path: Path, op: str, term: str, kw: dict, msg: str) -> None:
    journal = tmp_path / "e.jsonl"
    engine = make_engine(tmp_path, edits=journal)
    with pytest.raises(InvalidEdit, match=msg):
        engine.edit_lexicon(op, term, actor="admin:a", **kw)
    assert not journal.exists() or journal.read_text() == ""


def test_edits_need_a_journal(engine) -> None:
    with pytest.raises(ConfigError):
        engine.edit_lexicon("add", "词", label="abuse", actor="a", reason="r")


def test_a_torn_line_is_skipped_and_the_next_edit_stays_whole(tmp_path: Path) -> None:
    journal = tmp_path / "e.jsonl"
    engine = make_engine(tmp_path, edits=journal)
    engine.edit_lexicon("add", "割韭菜", label="fraud", actor="a", reason="r")
    with open(journal, "a", encoding="utf-8") as fh:
        fh.write('{"op": "add", "term": "半')  # a crash mid-write
    assert texts(engine, "割韭菜") == ["割韭菜"]  # still serving
    engine.edit_lexicon("add", "薅羊毛", label="fraud", actor="a", reason="r")
    assert texts(engine, "割韭菜 薅羊毛") == ["割韭菜", "薅羊毛"]
    restarted = make_engine(tmp_path / "again", edits=journal)
    assert texts(restarted, "割韭菜 薅羊毛") == ["割韭菜", "薅羊毛"]
