"""The recall heads' innocent anchors (tools/recall_anchors.py; docs/models.md, "Session 23 (learn23)"): the suite's
spared sentences are harvested from the test modules, a floor is held 0.01 above the highest score its head gives an
anchor (session 20's registry rule, now the trainer's), and the shipped heads at the registry's floors emit nothing on
any anchor. Uses the shipped artifact; never trains."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from qinglang.detectors import Views
from qinglang.detectors.registry import default_registry_path
from qinglang.models import recall as R
from qinglang.text.normalize import default_normalizer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import recall_anchors as A  # noqa: E402


def _listed() -> dict[str, float]:
    reg = yaml.safe_load(default_registry_path().read_text("utf-8"))
    return next(e for e in reg["detectors"] if e.get("type") == "recall")["params"]["floors"]


def _flat(p: float, bits: int = 10) -> R.RecallModel:
    """A one-label model that scores every post `p` (no weights, the intercept only)."""
    dim = R.embedder().dim
    return R.RecallModel({"name": "flat", "labels": ["staged"]}, np.zeros((1 << bits, 1), np.float32),
                         np.zeros((dim, 1), np.float32), np.array([math.log(p / (1 - p))]), bits, 0.0)


def test_the_suites_spared_sentences_are_harvested_with_their_source(tmp_path: Path) -> None:
    mod = tmp_path / "tests" / "frames" / "test_frames_x.py"
    mod.parent.mkdir(parents=True)
    mod.write_text('BASE = {"surface": "live"}\n'
                   'SPARED = [{"text": "周末带爸妈去爬山，山顶的云海太美了", "surface": "feed", "id": 3},\n'
                   '          ("小区门口新开了一家面包店，早上七点就开门", "bread"),\n'
                   '          {**BASE, "text": "built by code, skipped"}]\n'
                   'LANGUAGE_SPARED = ["这把紫砂壶的泥料不错，壶型也周正"]\n'
                   'ACTED = [{"text": "not an innocent list"}]\n', "utf-8")
    got = A.harvest(tmp_path / "tests")
    assert [a["text"] for a in got] == ["周末带爸妈去爬山，山顶的云海太美了",
                                        "小区门口新开了一家面包店，早上七点就开门", "这把紫砂壶的泥料不错，壶型也周正"]
    assert got[0]["surface"] == "feed" and "id" in got[0] and got[0]["id"] == A.anchor_id(got[0]["text"])
    assert got[2]["source"].endswith("test_frames_x.py::LANGUAGE_SPARED")


def test_the_shipped_file_holds_the_suite_as_it_stands_and_the_written_anchors() -> None:
    data = yaml.safe_load(A.ANCHORS.read_text("utf-8"))
    assert data["suite"] == A.harvest(), "run: python tools/recall_anchors.py --write"
    texts = {a["text"] for a in A.load()}
    assert "我们河南人就是实在，过年回家一桌子烩面" in texts  # tests/frames (antagonism's raise, sessions 15, 20)
    assert "周末去威信县看瀑布" in texts  # tests/detectors/test_contact.py::HARD_NEGATIVES
    assert len(data["written"]) >= 20 and all(a["id"] == A.anchor_id(a["text"]) for a in A.load())


def test_a_floor_is_held_the_margin_above_an_anchor_in_hundredths() -> None:
    assert A.floor_above(0.956) == 0.97 and A.floor_above(0.72) == 0.73 and A.floor_above(0.8899) == 0.9
    assert A.floor_above(0.87) == 0.88  # a head that scores an innocent sentence at 0.87 under a floor of 0.85
    top = {"staged": (0.87, "a-1"), "rumor": (0.5, "a-2"), "porn": (0.985, "a-3")}
    held, moved = A.hold_above({"staged": 0.85, "rumor": 0.93, "porn": 0.85, "abuse": 0.7}, top)
    assert held == {"staged": 0.88, "rumor": 0.93, "abuse": 0.7}  # porn would need 1.0: not shipped
    assert moved == {"staged": {"from": 0.85, "to": 0.88, "anchor": "a-1", "p": 0.87},
                     "porn": {"from": 0.85, "to": None, "anchor": "a-3", "p": 0.985}}


def test_peaks_read_the_heads_as_the_detector_does() -> None:
    anchors = [{"id": "a-long", "text": "今天的晚霞真好看，拍了好多张照片发给爸妈"}, {"id": "a-short", "text": "好看"}]
    (p, aid), = A.peaks(_flat(0.87), anchors).values()
    assert p == pytest.approx(0.87) and aid == "a-long"  # the short one: under min_han, the detector is silent on it
    assert A.peaks(_flat(0.87), anchors[1:]) == {}
    # the trainer's step on that head: the floor 0.85 rises to 0.88, and the detector then emits nothing on the anchor
    held, _ = A.hold_above({"staged": 0.85}, A.peaks(_flat(0.87), anchors))
    content = A.content_of(anchors[0])
    views = Views.build(content, default_normalizer())
    found = R.RecallDetector(_flat(0.87), floors={"staged": 0.85}).detect(content, views)
    assert [s.label for s in found] == ["staged"]
    assert R.RecallDetector(_flat(0.87), floors=held).detect(content, views) == []


def test_the_shipped_heads_clear_every_anchor_at_the_trainers_and_the_registrys_floors() -> None:
    m = R.shipped()
    meta = m.meta["anchors"]
    assert meta["margin"] == A.MARGIN and len(meta["sha256"]) == len("sha256:") + 64
    top = A.peaks(m, A.load())
    listed = _listed()
    if meta["sha256"] == A.digest():  # the model's own floors: held above the anchors it was trained with
        assert meta["count"] == len(A.load())
        for label, floor in m.meta["floors"].items():
            assert floor >= A.floor_above(top[label][0]), (label, top[label])
    # the registry's floors, which the detector runs with: held above today's anchors (a sentence a later branch
    # spared joins them without a retrain; the registry is raised by the same rule until the next retrain)
    for label, floor in listed.items():
        assert floor >= A.floor_above(top[label][0]), (label, top[label])
    det = R.RecallDetector(m, floors=listed)
    norm = default_normalizer()
    hit = [(a["text"], [s.label for s in sigs]) for a in A.load()
           if (sigs := det.detect(A.content_of(a), Views.build(A.content_of(a), norm)))]
    assert hit == []
