"""The engine: contract of Decision, evidence offsets, degraded detectors, threads and reload."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from qinglang.detectors import DetectorType, Registry
from qinglang.engine import Engine
from qinglang.errors import ConfigError, InvalidContent
from qinglang.model import Content, Decision
from tests.conftest import write_lexicon

DATA = Path(__file__).resolve().parent.parent / "data"


def test_decision_contract(engine: Engine) -> None:
    d = engine.moderate({"id": "p-1", "text": "你真是个 傻-逼，nmsl"})
    j = d.to_json()
    assert set(j) >= {"id", "action", "risk", "labels", "marks", "account_actions", "policy_version", "elapsed_ms"}
    assert j["action"] == "block" and j["risk"] == max(lab["score"] for lab in j["labels"])
    assert j["policy_version"].startswith("sha256:")
    lab = j["labels"][0]
    assert lab["label"] == "abuse" and lab["campaign"] and lab["rule"]
    for ev in lab["evidence"]:
        assert "你真是个 傻-逼，nmsl"[ev["start"]:ev["end"]] == ev["text"]
        assert ev["detector"] and ev["rule"]
    lexicon_ev = [ev for ev in lab["evidence"] if ev["detector"] == "lexicon@1"]
    assert any(ev["layers"] == ["separator"] and ev["text"] == "傻-逼" for ev in lexicon_ev)


def test_clean_text_passes(engine: Engine) -> None:
    d = engine.moderate(Content(id="c", text="今天天气很好，我们去公园散步。"))
    assert d.action == "pass" and d.labels == () and d.risk == 0.0


def test_title_and_text_both_checked(engine: Engine) -> None:
    d = engine.moderate({"id": "t", "title": "尼玛死了", "text": "正文"})
    assert d.labels[0].evidence[0].field == "title"


def test_explain_adds_trace(engine: Engine) -> None:
    d = engine.moderate({"id": "x", "text": "nmsl"}, explain=True)
    assert d.trace is not None and d.trace["rules_fired"] and d.trace["normalized"]["text"] == "nmsl"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({}, "field 'id' is required"),
        ({"id": "x", "text": 5}, "field 'text' must be a string"),
        ({"id": True}, "field 'id' must be a string"),
        ({"id": "x", "surface": "homepage"}, "unknown value 'homepage'"),
        ({"id": "x", "author": {"age": "15"}}, "field 'author.age' must be an integer"),
        ({"id": "x", "media": [{}]}, "needs 'path', 'data_base64', 'metadata' or 'note'"),
        ({"id": "x", "location": {"lat": float("nan")}}, "finite"),
        ([1, 2], "must be a JSON object"),
    ],
)
def test_invalid_content_names_the_field(engine: Engine, raw: object, message: str) -> None:
    with pytest.raises(InvalidContent, match=message):
        engine.moderate(raw)  # type: ignore[arg-type]


def test_unknown_fields_are_kept() -> None:
    c = Content.from_json({"id": "x", "text": "a", "platform_tag": {"k": 1}})
    assert c.extra == {"platform_tag": {"k": 1}}
    assert Content.from_json(c.to_json()) == c


def test_moderate_many_streams_in_order_with_errors(engine: Engine) -> None:
    items = ({"id": str(i), "text": "nmsl" if i % 3 == 0 else "你好"} if i != 5 else {"text": "no id"}
             for i in range(10))
    out = list(engine.moderate_many(items))
    assert len(out) == 10
    assert isinstance(out[5], InvalidContent)
    assert [o.id for o in out if isinstance(o, Decision)] == [str(i) for i in range(10) if i != 5]
    assert out[0].action == "block" and out[1].action == "pass"


def test_moderate_many_batches_decide_exactly_like_moderate(engine: Engine) -> None:
    """The batch path (one automaton pass per batch) must not change a single decision or evidence span."""
    rows = [json.loads(line) for line in (DATA / "policy_dev.jsonl").read_text("utf-8").splitlines()]
    items = [{"id": r["id"], "text": r["text"]} for r in rows]
    items += [
        {"id": "title", "title": "加薇信 abc_777", "text": "福利视频，看主页"},
        {"id": "lines", "text": "第一行 傻逼\n第二行 nmsl\n威信县的朋友"},
        {"id": "empty-text", "title": "只有标题 草泥马"},
        {"id": "long", "text": "正常内容。" * 2000 + "加V：abc_777 看片"},
        {"id": "bad"},  # no text and no title is still valid Content
    ]
    single = [engine.moderate(it).to_json() for it in items]
    for size in (2, 7, 64):
        batched = [d.to_json() for d in engine.moderate_many(items, batch=size)]
        for a, b in zip(single, batched, strict=True):
            a.pop("elapsed_ms", None), b.pop("elapsed_ms")
            assert a == b
    assert sum(d["action"] != "pass" for d in single) > 50  # the set exercises the detectors


def test_broken_detector_degrades_to_review(tmp_path: Path) -> None:
    class Boom:
        name, version, supported_labels = "boom", "1", frozenset()

        def detect(self, content, views):
            raise RuntimeError("model file missing")

    class NoParams(BaseModel):
        model_config = ConfigDict(extra="forbid")

    registry = Registry.default().with_type("boom", DetectorType(params=NoParams, build=lambda spec, ctx: Boom()))
    reg = tmp_path / "detectors.yaml"
    reg.write_text("detectors:\n  - {name: lexicon, type: lexicon}\n  - {name: boom, type: boom}\n", "utf-8")
    engine = Engine.from_config(detectors=reg, registry=registry)
    d = engine.moderate({"id": "x", "text": "你好"})
    assert d.degraded == ("boom@1:error",) and d.action == "review"
    assert "model file missing" not in json.dumps(d.to_json())  # the detail is in the log only
    assert engine.moderate({"id": "y", "text": "nmsl"}).action == "block"
    with pytest.raises(ConfigError, match="unknown detector type 'boom'"):  # the default registry is untouched
        Engine.from_config(detectors=reg)


def test_threads_share_one_engine_during_reload(tmp_path: Path) -> None:
    folder = write_lexicon(tmp_path / "mine", "name: mine\nlabel: vulgar\n", "土味情话\n")
    engine = Engine.from_config(lexicons=[folder])
    errors: list[BaseException] = []
    results: list[str] = []
    stop = threading.Event()

    def worker() -> None:
        try:
            while not stop.is_set():
                results.append(engine.moderate({"id": "x", "text": "土味情话nmsl"}).action)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for k in range(3):
        (folder / "terms.txt").write_text(f"土味情话\n新词{k}\n", "utf-8")
        engine.reload()
    stop.set()
    for t in threads:
        t.join(10)
    assert not errors and results and set(results) == {"block"}


def test_bad_input_sizes(engine: Engine) -> None:
    big = "正常内容" * 250_000  # 1 M characters (3 MB of UTF-8, three times the service's body limit)
    assert engine.moderate({"id": "big", "text": big + "nmsl"}).action == "block"
    emoji = "😀" * 200_000
    assert engine.moderate({"id": "e", "text": emoji}).action == "pass"
    d = engine.moderate({"id": "nul", "text": "你\x00妈\x00死\x00了"})
    assert d.labels and d.labels[0].evidence[0].text == "你\x00妈\x00死\x00了"


def test_a_media_items_other_keys_are_its_metadata() -> None:
    """Session 18: a platform that writes what it read from a file beside the path (`{"path": …, "AIGC": …}`) passes
    metadata as surely as one that nests it under `metadata`; `metadata` wins a clash, and the union is bounded."""
    from qinglang.model import MAX_METADATA_CHARS

    c = Content.from_json({"id": "m", "media": [{"path": "a.jpg", "AIGC": {"Label": "1"}, "EXIF": {"Make": "X"},
                                                 "metadata": {"EXIF": {"Make": "Y"}}}]})
    assert c.media[0].metadata == {"AIGC": {"Label": "1"}, "EXIF": {"Make": "Y"}}
    only = Content.from_json({"id": "n", "media": [{"AIGC": {"Label": "1"}}]})  # no path: the label alone is enough
    assert only.media[0].metadata == {"AIGC": {"Label": "1"}} and not only.media[0].has_file
    assert Content.from_json({"id": "p", "media": [{"path": "a.jpg"}]}).media[0].metadata is None
    with pytest.raises(InvalidContent, match=r"media\[0\]"):
        Content.from_json({"id": "q", "media": [{"path": "a.jpg", "XMP": "x" * MAX_METADATA_CHARS}]})
