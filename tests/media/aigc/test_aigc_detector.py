"""The `aigc` detector in the engine: Art. 6 levels as rule ids and marks; aigc_unlabeled scored on evidence."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from aigc_files import LABEL_JSON, RECORD, make_png

from qinglang.engine import Engine
from qinglang.errors import ConfigError


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_config()


def _aigc(decision) -> dict:
    """The aigc signal (from the trace: labelled content gives marks, not a `labels[]` entry)."""
    return next(s for s in decision.trace["signals"] if s["label"] == "aigc_unlabeled")


def _no_label_when_labelled(decision) -> None:
    assert all(lab["score"] > 0 for lab in decision.to_json()["labels"] if lab["label"] == "aigc_unlabeled")


def test_media_with_valid_label_is_confirmed_and_marked(tmp_path: Path) -> None:
    p = tmp_path / "gen.png"
    p.write_bytes(make_png())
    engine = Engine.from_config(extra={"media": {"root": str(tmp_path)}})  # paths are read under the media root
    d = engine.moderate(explain=True, content={"id": "1", "kind": "image", "media": [{"path": str(p)}]})
    lab = _aigc(d)
    # session 18: the implicit label alone is metadata; shown with nothing readers see, the item is unlabelled to
    # them: `aigc_unlabeled` 0.6 and the `label` action with the marks (the platform adds the notice)
    assert lab["rule"] == "aigc.implicit.confirmed" and lab["score"] == 0.6
    assert d.action == "label" and d.marks[:2] == ("aigc_explicit", "aigc_explicit:confirmed")
    assert lab["evidence"][0]["field"] == "media[0]" and lab["evidence"][0]["value"] == "Label=1"
    # the same file under a post that says it is AI-made: labelled, a zero score and the marks
    said = engine.moderate(explain=True, content={"id": "1b", "kind": "image", "text": "用AI画的一张小图",
                                                  "media": [{"path": str(p)}]})
    assert _aigc(said)["score"] == 0.0 and said.action == "label"
    _no_label_when_labelled(said)


def test_inline_base64_media_with_invalid_label_is_unlabeled(engine: Engine) -> None:
    bad = json.dumps({**RECORD, "Label": "AIGC"})
    b64 = base64.b64encode(make_png(bad)).decode()
    d = engine.moderate(explain=True, content={"id": "2", "media": [{"data_base64": b64}]})
    lab = _aigc(d)
    assert lab["rule"] == "aigc.trace.suspected" and lab["score"] == 0.8
    assert "aigc_explicit:suspected" in d.marks and d.action != "pass"


def test_declared_without_any_label_is_possible_and_gets_the_platform_label(engine: Engine) -> None:
    # The user declared it: the platform's duty is to add the explicit label (mark), not to punish it.
    d = engine.moderate(explain=True, content={"id": "3", "text": "周末的风景", "declared": {"ai_generated": True}})
    lab = _aigc(d)
    assert lab["rule"] == "aigc.declared.possible" and lab["score"] == 0.0
    assert "aigc_explicit:possible" in d.marks and d.action == "label"
    _no_label_when_labelled(d)
    assert any(e["rule"] == "aigc.declared.unlabeled" for e in lab["evidence"])


def test_declared_with_explicit_text_label_is_labeled(engine: Engine) -> None:
    text = "周末的风景（本文由AI生成）"
    d = engine.moderate(explain=True, content={"id": "4", "text": text, "declared": {"ai_generated": True}})
    lab = _aigc(d)
    assert lab["score"] == 0.0 and lab["rule"] == "aigc.declared.possible"
    ev = next(e for e in lab["evidence"] if e["field"] == "text")
    assert text[ev["start"]:ev["end"]] == ev["text"] == "AI生成" and ev["rule"] == "aigc.explicit.text.end"


def test_undeclared_text_with_label_wording_is_a_suspected_trace(engine: Engine) -> None:
    d = engine.moderate(explain=True, content={"id": "5", "text": "AI生成：一只猫在弹钢琴"})
    assert _aigc(d)["rule"] == "aigc.trace.suspected" and "aigc_explicit:suspected" in d.marks


def test_plain_content_gets_no_aigc_signal(engine: Engine) -> None:
    png = base64.b64encode(make_png(None)).decode()
    d = engine.moderate(explain=True, content={"id": "6", "text": "今天天气很好", "media": [{"data_base64": png}]})
    assert not [lab for lab in d.to_json()["labels"] if lab["label"] == "aigc_unlabeled"]
    assert "aigc_explicit" not in d.marks


def test_unreadable_media_is_evidence_not_a_crash(engine: Engine, tmp_path: Path) -> None:
    media = [{"data_base64": "!!!not base64"}, {"path": "no-such-file.png"}, {"path": "/etc/passwd"}]
    d = engine.moderate(explain=True, content={"id": "7", "media": media,
                         "declared": {"ai_generated": True}})
    # The media extractor marks what it could not examine (→ review); the AIGC detector still reports it.
    assert d.degraded and all(x.startswith("media[") for x in d.degraded) and d.action == "review"
    ev = _aigc(d)["evidence"]
    assert any("not valid base64" in e["normalized"] for e in ev)
    assert any("does not exist" in e["normalized"] for e in ev)
    assert any("outside the media root" in e["normalized"] for e in ev)  # the one loader's root check


def test_size_limit_param(tmp_path: Path) -> None:
    reg = tmp_path / "det.yaml"
    reg.write_text("detectors:\n  - name: aigc\n    type: aigc\n    params: {max_bytes: 100}\n")
    eng = Engine.from_config(detectors=reg, extra={"media": {"root": str(tmp_path)}})
    p = tmp_path / "gen.png"
    p.write_bytes(make_png(LABEL_JSON))
    d = eng.moderate(explain=True, content={"id": "8", "media": [{"path": str(p)}], "declared": {"ai_generated": True}})
    assert any("over the 100-byte limit" in e["normalized"] for e in _aigc(d)["evidence"])
    reg.write_text("detectors:\n  - name: aigc\n    type: aigc\n    params: {max_byts: 100}\n")
    with pytest.raises(ConfigError, match=r"params\.max_byts: unknown key"):
        Engine.from_config(detectors=reg)


def test_label_wording_in_an_extracted_field_counts(engine: Engine) -> None:
    """Text added to the views by media extraction (OCR of an image) is searched like the post text."""
    from qinglang.detectors.aigc import AigcDetector
    from qinglang.detectors.base import Views
    from qinglang.model import Content

    content = Content(id="9", kind="image")
    views = Views(content, {"media[0].ocr": engine.normalizer.normalize("风景照  ＡＩ 生成")})
    (sig,) = AigcDetector().detect(content, views)
    ev = sig.evidence[0]
    assert ev.field == "media[0].ocr" and ev.text == "ＡＩ 生成" and ev.normalized == "ai生成"
    assert sig.rule == "aigc.trace.suspected" and sig.marks == ("aigc_explicit", "aigc_explicit:suspected")


def test_labelled_media_presented_as_a_real_capture_is_unlabeled(engine: Engine) -> None:
    """An implicit label in the file makes the frames' `ai_generated` constraint hold, as a declaration does: text
    that vouches for the picture as a real capture, with no notice of its own, is misleading unlabelled content."""
    png = base64.b64encode(make_png()).decode()
    real = engine.moderate(explain=True, content={"id": "r", "kind": "image", "media": [{"data_base64": png}],
                                                  "text": "周末随手一拍的雪山，原图直出没修过"})
    lab = next(lr for lr in real.labels if lr.label == "aigc_unlabeled")
    assert lab.score >= 0.5 and real.action != "pass"
    assert "frame.aigc_unlabeled.declared_presented_real.claims_real" in {ev.rule for ev in lab.evidence}
    noticed = engine.moderate(content={"id": "n", "kind": "image", "media": [{"data_base64": png}],
                                       "text": "周末的雪山（AI生成），原图直出"})
    assert all(lr.label != "aigc_unlabeled" or lr.score == 0 for lr in noticed.labels)
    plain = engine.moderate(content={"id": "p", "kind": "image", "media": [{"data_base64": base64.b64encode(
        make_png(None)).decode()}], "text": "周末随手一拍的雪山，原图直出没修过"})
    assert plain.action == "pass"


def test_metadata_the_platform_read_counts_when_the_file_is_not_here(engine: Engine) -> None:
    """`media[i].metadata.AIGC`: the implicit label the platform's upload pipeline already extracted. With the file
    absent it is judged alone (the unreadable file is still reported, as degraded media)."""
    media = [{"path": "not-here.png", "metadata": {"AIGC": RECORD}}]
    d = engine.moderate(explain=True, content={"id": "m1", "kind": "image", "text": "周末的风景", "media": media})
    lab = _aigc(d)
    assert lab["rule"] == "aigc.implicit.confirmed" and lab["score"] == 0.6  # nothing readers see says generated
    assert d.marks[:2] == ("aigc_explicit", "aigc_explicit:confirmed")
    ev = lab["evidence"][0]
    assert ev["field"] == "media[0]" and ev["value"] == "Label=1" and "media[0].metadata.AIGC" in ev["normalized"]
    # the same record as the JSON text a file stores
    as_text = [{"path": "not-here.png", "metadata": {"AIGC": LABEL_JSON}}]
    d2 = engine.moderate(explain=True, content={"id": "m2", "kind": "image", "text": "周末的风景", "media": as_text})
    assert _aigc(d2)["rule"] == "aigc.implicit.confirmed"


def test_declaring_not_generated_against_the_files_label_is_unlabeled(engine: Engine) -> None:
    """Art. 10 ¶1: a poster who declares `ai_generated: false` over a file whose implicit label says generated,
    with no notice in the post, is passing it off; a notice in the text answers it."""
    media = [{"path": "not-here.png", "metadata": {"AIGC": RECORD}}]
    d = engine.moderate(explain=True, content={"id": "m3", "kind": "image", "text": "周末的风景", "media": media,
                                               "declared": {"ai_generated": False}})
    lab = _aigc(d)
    assert lab["score"] == 0.6 and "aigc.implicit.declared_false" in {e["rule"] for e in lab["evidence"]}
    assert d.action != "pass" and "aigc_explicit:confirmed" in d.marks
    noticed = engine.moderate(explain=True, content={"id": "m4", "kind": "image", "text": "周末的风景（AI生成）",
                                                     "media": media, "declared": {"ai_generated": False}})
    assert _aigc(noticed)["score"] == 0.0


def test_an_invalid_supplied_record_is_unlabeled_and_a_conflict_with_the_file_is_reported(tmp_path: Path) -> None:
    engine = Engine.from_config(extra={"media": {"root": str(tmp_path)}})
    bad = [{"path": "not-here.png", "metadata": {"AIGC": {**RECORD, "Label": "9"}}}]
    d = engine.moderate(explain=True, content={"id": "m5", "kind": "image", "media": bad})
    assert _aigc(d)["score"] == 0.8  # a label record that does not validate: generated, without a valid label
    p = tmp_path / "gen.png"
    p.write_bytes(make_png())  # the file's own record says Label 1; the caller's says 3
    clash = [{"path": str(p), "metadata": {"AIGC": {**RECORD, "Label": "3"}}}]
    d2 = engine.moderate(explain=True, content={"id": "m6", "kind": "image", "media": clash})
    assert "implicit label present but invalid or conflicting" in _aigc(d2)["evidence"][0]["normalized"]


@pytest.mark.parametrize(("metadata", "message"), [
    ("Label=1", r"media\[0\]\.metadata' must be an object"),
    ({"AIGC": "x" * 70_000}, r"media\[0\]\.metadata' is \d+ characters of JSON \(limit 65536\)"),
])
def test_bad_media_metadata_is_a_clear_error(metadata: object, message: str) -> None:
    from qinglang.errors import InvalidContent
    from qinglang.model import Content

    with pytest.raises(InvalidContent, match=message):
        Content.from_json({"id": "b", "media": [{"path": "a.png", "metadata": metadata}]})
    ok = Content.from_json({"id": "b", "media": [{"path": "a.png", "metadata": {"AIGC": RECORD}}]})
    assert Content.from_json(ok.to_json()).media[0].metadata == {"AIGC": RECORD}  # round-trips


def test_a_media_item_may_carry_only_the_metadata(engine: Engine) -> None:
    """No bytes, no path: the platform sends what its upload pipeline read. Nothing is degraded (there was no
    file to read), the label is judged, and an item with neither file nor metadata nor a note is still refused."""
    from qinglang.errors import InvalidContent

    d = engine.moderate(explain=True, content={"id": "m7", "kind": "video", "text": "周末的风景",
                                               "media": [{"mime": "video/mp4", "metadata": {"AIGC": RECORD}}]})
    assert not d.degraded and _aigc(d)["rule"] == "aigc.implicit.confirmed" and d.action == "label"
    with pytest.raises(InvalidContent, match="needs 'path', 'data_base64', 'metadata' or 'note'"):
        engine.moderate(content={"id": "m8", "media": [{"mime": "video/mp4"}]})


# session 17 (prec17): a label wording that names the labelling rules, or says a reported picture was generated, labels
# nothing in the post it stands in; a notice on the post's own content still does. Our own sentences.
@pytest.mark.parametrize("text", [
    "AI生成合成内容标识办法公开征求意见，要求平台添加显式标识",
    "AI生成内容标识新规，你需要知道的几点",
    "《人工智能生成合成内容标识办法》将于9月1日施行",
    "网传“水库决堤”视频系AI生成，经核实当地水库运行正常",
    "近日一张“地铁进水”图片在群里流传。经鉴定，该图片为AI生成，请勿转发",
])
def test_a_wording_that_names_the_rules_or_a_reported_picture_is_no_label(engine: Engine, text: str) -> None:
    d = engine.moderate(explain=True, content={"id": "m", "text": text})
    assert "aigc_explicit" not in d.marks and d.action == "pass", text


@pytest.mark.parametrize("text", ["AI生成：一只猫在弹钢琴", "雪山下的小木屋（AI生成）", "本视频由AI生成，仅供娱乐"])
def test_a_notice_on_the_posts_own_content_stays_a_label(engine: Engine, text: str) -> None:
    d = engine.moderate(explain=True, content={"id": "n", "text": text})
    assert _aigc(d)["rule"] == "aigc.trace.suspected" and "aigc_explicit:suspected" in d.marks, text


def test_a_poster_calling_its_own_video_this_video_still_labels_it(engine: Engine) -> None:
    d = engine.moderate(explain=True, content={"id": "o", "text": "周末去了趟西湖，随手剪了个片子。该视频由AI生成"})
    assert "aigc_explicit:suspected" in d.marks


# Session 18 (aigc18): the implicit label wherever the platform wrote it, and whether readers are told.
_REC = {"Label": "1", "ContentProducer": "001191110108MA01XXXX1K00001", "ProduceID": "kl-1", "ContentPropagator": "",
        "PropagateID": ""}


@pytest.mark.parametrize("item", [
    {"path": "no.jpg", "AIGC": _REC},  # beside the path, not under `metadata`
    {"path": "no.jpg", "EXIF": {"UserComment": "AIGC=" + json.dumps(_REC)}},  # an EXIF comment holding it
    {"path": "no.mp3", "TXXX:AIGC": json.dumps(_REC)},  # an ID3 user text frame (Annex E a: the name holds AIGC)
    {"path": "no.mp4", "metadata": {"XMP": {"TC260:AIGC": json.dumps(_REC)}}},  # an XMP group
    {"path": "no.png", "meta": "AIGC Label=1 ContentProducer=某模型 ProduceID=x1"},  # a tool's key=value line
])
def test_an_implicit_label_wherever_the_platform_wrote_it_is_read(engine: Engine, item: dict) -> None:
    d = engine.moderate(explain=True, content={"id": "s18", "text": "周末的风景", "media": [item]})
    lab = _aigc(d)
    assert lab["score"] >= 0.6 and "aigc_explicit" in d.marks and d.action == "label"
    assert any(e["rule"] == "aigc.implicit.unshown" for e in lab["evidence"])


def test_a_c2pa_manifest_passed_in_the_metadata_is_read(engine: Engine) -> None:
    src = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    item = {"path": "no.jpg", "c2pa": {"actions": [{"action": "c2pa.created", "digitalSourceType": src}]}}
    d = engine.moderate(explain=True, content={"id": "c1", "text": "外滩街头", "media": [item]})
    assert _aigc(d)["score"] == 0.7 and d.action == "label"
    camera = {"path": "no.jpg", "c2pa": {"actions": [{"action": "c2pa.created", "digitalSourceType":
                                                      src.replace("trainedAlgorithmicMedia", "digitalCapture")}]}}
    assert engine.moderate({"id": "c2", "text": "外滩街头", "media": [camera]}).action == "pass"


@pytest.mark.parametrize("text", ["用AI画了一组节气插画，大家喜欢哪张？", "AI绘图练习第30天",
                                  "画面均为人工智能生成，仅供想象", "本图由即梦生成"])
def test_words_that_say_it_is_ai_made_label_the_file_for_readers(engine: Engine, text: str) -> None:
    d = engine.moderate(explain=True, content={"id": "t", "text": text, "media": [{"path": "no.png", "AIGC": _REC}]})
    assert d.action == "label" and "aigc_explicit" in d.marks
    assert not any(lab.label == "aigc_unlabeled" for lab in d.labels)


@pytest.mark.parametrize("text", ["不是AI！我自己拍的", "被人说是AI做的，其实是手绘", "周末的风景"])
def test_a_denial_or_silence_tells_readers_nothing(engine: Engine, text: str) -> None:
    d = engine.moderate(explain=True, content={"id": "t", "text": text, "media": [{"path": "no.png", "AIGC": _REC}]})
    assert d.action != "pass" and any(lab.label == "aigc_unlabeled" for lab in d.labels)


def test_an_unshown_generated_file_told_as_an_event_now_goes_to_review(engine: Engine) -> None:
    d = engine.moderate(explain=True, content={"id": "ev", "text": "刚刚！城南那座老桥被水冲塌了，住附近的别过去",
                                               "media": [{"path": "v.mp4", "AIGC": _REC}]})
    assert d.action in ("review", "block")
    dec = next(s for s in d.trace["signals"] if s["label"] == "aigc_deceptive")
    assert dec["rule"] == "aigc.implicit.real_event"
    assert {e["rule"] for e in dec["evidence"]} >= {"aigc.implicit.unshown", "aigc.text.presented_real_event"}


def test_a_c2pa_store_as_the_sdk_reports_it_is_read_to_its_actions(engine: Engine) -> None:
    """The manifest store JSON c2pa-python returns (manifests → id → assertions → data → actions), passed whole."""
    src = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"
    store = {"active_manifest": "urn:1", "manifests": {"urn:1": {"assertions": [
        {"label": "c2pa.actions.v2", "data": {"actions": [{"action": "c2pa.created", "digitalSourceType": src}]}}]}}}
    d = engine.moderate(explain=True, content={"id": "c3", "text": "外滩街头", "media": [
        {"path": "no.jpg", "metadata": {"c2pa": store}}]})
    assert _aigc(d)["score"] == 0.7 and "aigc_explicit" in d.marks
