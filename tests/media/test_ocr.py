"""OCR on rendered Chinese contact text: the text joins the same pipeline, evidence says which image and where."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PIL", reason="media tests need Pillow: pip install 'qinglang[media]'")
from media_samples import render_text

from qinglang.engine import Engine

pytest.importorskip("rapidocr_onnxruntime", reason="OCR tests need rapidocr_onnxruntime: pip install 'qinglang[ocr]'")

LEXICON = """name: test-drainage
label: drainage
severity: high
match: [exact]
entries:
  - {term: 加微信, rule: test.contact.wechat}
"""


@pytest.fixture(scope="module")
def engine(media_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    lex = tmp_path_factory.mktemp("lex") / "drain"
    lex.mkdir()
    (lex / "PROVENANCE").write_text("written for this test\n", "utf-8")
    (lex / "lexicon.yaml").write_text(LEXICON, "utf-8")
    return Engine.from_config(lexicons=[lex], extra={"media": {"root": str(media_dir)}})


@pytest.fixture(scope="module")
def contact_image(media_dir: Path, cjk_font: str) -> dict[str, tuple[int, int, int, int]]:
    return render_text(media_dir / "contact.png", [
        ((80, 200), "今天天气很好，出来玩吧"),
        ((80, 500), "加微信 abc_777 领取福利"),
        ((80, 800), "电话 13800138000"),
    ], cjk_font)


def _inside(inner: tuple[int, ...], outer: tuple[int, ...], slack: int = 12) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and inner[2] <= outer[2] + slack
            and inner[3] <= outer[3] + slack)


def test_ocr_text_feeds_the_text_detectors_with_a_box_on_the_right_line(
        engine: Engine, contact_image: dict[str, tuple[int, int, int, int]]) -> None:
    d = engine.moderate({"id": "o1", "media": [{"path": "contact.png"}]}, explain=True)
    assert "加微信abc_777" in d.trace["normalized"]["media[0].ocr"]
    lab = next(lab for lab in d.labels if lab.label == "drainage")
    # the shipped invite entry (加微, issue 16) also fires on these words and may be the evidence kept for the span
    ev = lab.evidence[0]
    assert ev.field == "media[0].ocr" and ev.rule in ("test.contact.wechat", "lexicon.drainage.invite")
    assert ev.text in ("加微信", "加微")
    line = contact_image["加微信 abc_777 领取福利"]
    assert ev.bbox is not None and _inside(ev.bbox, line)
    # 加微信 is the first three characters of the line: its box covers the left part only
    assert ev.bbox[2] < (line[0] + line[2]) / 2
    assert d.trace["media"][0]["ocr"][1]["text"].startswith("加微信")


def test_ordinary_text_in_an_image_is_not_flagged(engine: Engine, media_dir: Path, cjk_font: str) -> None:
    render_text(media_dir / "weather.png", [((60, 300), "今天天气很好"), ((60, 500), "周末一起去公园散步")], cjk_font)
    d = engine.moderate({"id": "o2", "media": [{"path": "weather.png"}]}, explain=True)
    assert "天气" in d.trace["normalized"]["media[0].ocr"]
    assert d.labels == () and d.action == "pass"


def test_ocr_boxes_are_in_original_pixels_after_downscaling(media_dir: Path, cjk_font: str) -> None:
    from qinglang.media.decode import MediaLoader
    from qinglang.media.ocr import OcrConfig, OcrReader
    from qinglang.model import MediaRef

    boxes = render_text(media_dir / "wide.png", [((300, 900), "扫码进群领取资料")], cjk_font, size=90,
                        canvas=(2000, 1400))
    img = MediaLoader(media_dir).load(MediaRef(path="wide.png"))
    lines = OcrReader(OcrConfig(max_side=800)).read(img.image)
    assert lines and lines[0].text == "扫码进群领取资料"
    assert _inside(lines[0].bbox, boxes["扫码进群领取资料"], slack=25)


def test_a_known_handle_read_from_an_image_matches_the_indicator_bank(
        media_dir: Path, tmp_path: Path, contact_image: dict[str, tuple[int, int, int, int]]) -> None:
    from qinglang.indicators.bank import IndicatorStore

    db = tmp_path / "bank.sqlite"
    with IndicatorStore(db) as s:
        s.add("reports", "wechat", "abc_777")
        s.add("reports", "phone", "13800138000")
    reg = tmp_path / "detectors.yaml"
    reg.write_text(f"detectors:\n  - {{name: indicator, type: indicator, params: {{db: '{db}'}}}}\n", "utf-8")
    e = Engine.from_config(detectors=reg, extra={"media": {"root": str(media_dir)}})
    d = e.moderate({"id": "o3", "media": [{"path": "contact.png"}]})
    evs = {ev.value: ev for lab in d.labels for ev in lab.evidence}
    assert set(evs) == {"wechat:abc_777", "phone:13800138000"}
    assert all(ev.rule == "indicator.reports" and ev.field == "media[0].ocr" for ev in evs.values())
    assert _inside(evs["wechat:abc_777"].bbox, contact_image["加微信 abc_777 领取福利"])
    assert _inside(evs["phone:13800138000"].bbox, contact_image["电话 13800138000"])
