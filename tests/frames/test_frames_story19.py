"""Session 19 (story19, issue 15): frames that read what other families found (`with_labels`).

A frame with `with_labels` fires only where one of those labels already stands on the item at `with_min` or more: the
payload is another detector's finding (an insult, a vulgar design the learned heads read), the frame adds who it
reaches. Such frames run in the frame detector's `labelled` stage, a cascade after the detectors and the learned
tiers; the `cheap` stage (the shipped `frame` entry) never evaluates them. Evidence: the frame's cues plus the
carrying label's first span, ruled `frame.<id>.with.<label>` with the carrier's own rule in `value`.

The examples are written for these tests (not taken from the blind sets, the corpus writers nor the twin pairs)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from frame_classes import write_frames

from qinglang.detectors.registry import default_registry_path
from qinglang.engine import Engine, EngineConfig
from qinglang.errors import ConfigError
from qinglang.frames import load_frames, shipped_frame_dir

CUSTOM = """\
name: custom
families:
  pupils: {terms: [同学们], scope: off}
  school: {terms: [明天去学校], scope: off}
frames:
  - id: custom.insult_taught
    label: minors_harm
    with_labels: [abuse]
    with_min: 0.6
    all: [pupils, school]
    window: 40
"""


def _engine(tmp_path: Path, frames_dir: Path) -> Engine:
    """The shipped lexicon detector (it finds the abuse) and both stages of a frame detector on `frames_dir`."""
    reg = tmp_path / "detectors.yaml"
    params = f"shipped: false, dirs: ['{frames_dir}']"
    reg.write_text("detectors:\n  - {name: lexicon, type: lexicon}\n"
                   f"  - {{name: frame, type: frame, params: {{{params}}}}}\n"
                   f"  - {{name: frame_labelled, type: frame, params: {{{params}, stage: labelled}}}}\n", "utf-8")
    return Engine(EngineConfig(detectors=reg))


def test_with_labels_names_known_labels_and_defaults_its_floor(tmp_path: Path) -> None:
    fs = load_frames([write_frames(tmp_path, CUSTOM.replace("    with_min: 0.6\n", ""))])
    assert fs.frames[0][1].with_labels == ["abuse"] and fs.frames[0][1].with_min == 0.5
    with pytest.raises(ConfigError) as err:
        load_frames([write_frames(tmp_path, CUSTOM.replace("with_labels: [abuse]", "with_labels: [abuze]"))])
    assert "custom.yaml:8:" in str(err.value) and "did you mean 'abuse'" in str(err.value)


def test_a_labelled_frame_fires_only_where_its_label_stands_and_names_the_carrier(tmp_path: Path) -> None:
    eng = _engine(tmp_path, write_frames(tmp_path, CUSTOM))
    d = eng.moderate({"id": "1", "text": "同学们，你个傻逼这句超好用，明天去学校对同桌说"})
    mh = next(lr for lr in d.labels if lr.label == "minors_harm")
    assert mh.rule == "frame.custom.insult_taught"
    carried = [e for e in mh.evidence if e.rule == "frame.custom.insult_taught.with.abuse"]
    assert carried and carried[0].value is not None and carried[0].value.startswith("abuse:lexicon.")
    assert "傻逼" in carried[0].text
    # the same push with no harm standing: the frame has nothing to carry
    plain = eng.moderate({"id": "2", "text": "同学们，谢谢你这句超好用，明天去学校对同桌说"})
    assert "minors_harm" not in {lr.label for lr in plain.labels}


def test_the_cheap_stage_never_evaluates_a_labelled_frame_and_the_labelled_stage_is_a_cascade(tmp_path: Path) -> None:
    eng = _engine(tmp_path, write_frames(tmp_path, CUSTOM))
    cheap, labelled = (d for d in eng.detectors if d.name.startswith("frame"))
    assert not getattr(cheap, "cascade", False) and labelled.cascade
    assert "minors_harm" not in cheap.supported_labels and labelled.supported_labels == {"minors_harm"}


def test_shipped_harm_offered_to_children_reads_the_audience_not_the_words_and_is_off_by_default(
        tmp_path: Path, engine: Engine) -> None:
    """minors_harm.harm_offered_to_children (measured, not shipped: registry `frame_labelled` enabled false)."""
    ids = {fr.id: fr for _, fr in load_frames([shipped_frame_dir()]).frames}
    fr = ids["minors_harm.harm_offered_to_children"]
    assert set(fr.with_labels) == {"vulgar", "porn", "language_misuse", "abuse"} and fr.with_min == 0.6
    reg = yaml.safe_load(default_registry_path().read_text("utf-8"))
    entry = next(e for e in reg["detectors"] if e["name"] == "frame_labelled")
    assert entry["enabled"] is False and entry["params"]["stage"] == "labelled"
    entry["enabled"] = True
    path = tmp_path / "reg.yaml"
    path.write_text(yaml.safe_dump(reg, allow_unicode=True), "utf-8")
    on = Engine(EngineConfig(detectors=path))
    taught = {"id": "t", "text": "小学生必学骂人新词：你个傻逼就是夸人聪明，明天去学校对同学说，保证笑翻全班"}
    d = on.moderate(taught)
    mh = next(lr for lr in d.labels if lr.label == "minors_harm")
    assert any(e.rule.startswith("frame.minors_harm.harm_offered_to_children.with.") for e in mh.evidence)
    warned = {"id": "w", "text": "提醒家长：小学生之间在传“你个傻逼就是夸人聪明”，让孩子明天去学校别跟着说"}
    assert "minors_harm" not in {lr.label for lr in on.moderate(warned).labels}
    assert "minors_harm" not in {lr.label for lr in engine.moderate(taught).labels if lr.rule.startswith(
        "frame.minors_harm.harm_offered")}


def test_a_childs_ordeal_kept_up_through_tears_for_likes_is_harm(engine: Engine) -> None:
    """minors_harm.child_distress_for_likes reads 哭了还要… as 哭了也要… (session 19)."""
    d = engine.moderate({"id": "c", "text": "4岁儿子挑战只喝可乐不喝水第10天，今天哭了还要喝，点赞过万明天继续"})
    assert "minors_harm" in {lr.label for lr in d.labels if lr.policy_rule}
    calm = engine.moderate({"id": "k", "text": "4岁儿子今天摔了一跤哭了还要去公园，当妈的真拿他没办法"})
    assert "minors_harm" not in {lr.label for lr in calm.labels if lr.policy_rule}
