"""The explicit label: wording and position in text (§5.1); OCR, edge/corner and the 5% height rule in images."""

from __future__ import annotations

import importlib.util
import io

import pytest
from aigc_files import PLATFORM, make_jpeg, make_png, make_webp

from qinglang.media.aigc import inspect_bytes, mark_bytes
from qinglang.media.aigc.explicit import DrawSpec, check_image, check_text, find_in_text

_HAS_OCR = any(importlib.util.find_spec(m) for m in ("rapidocr_onnxruntime", "rapidocr"))  # no model load here
needs_ocr = pytest.mark.skipif(not _HAS_OCR, reason="rapidocr not installed (pip install 'qinglang[ocr]')")


@pytest.mark.parametrize(("text", "wording", "position"), [
    ("本文由AI生成。今天的天气很好，适合出门散步。" + "内容" * 60, "AI生成", "start"),
    ("内容" * 60 + "（本视频由 AI 生成）", "AI 生成", "end"),
    ("内容" * 60 + "以下图片由人工智能合成" + "内容" * 60, "人工智能合成", "middle"),
    ("ＡＩ生成的配图", "ＡＩ生成", "start"),  # full-width letters fold
    ("人工智能生成合成", "人工智能生成", "start"),
])
def test_text_wording_and_position(text: str, wording: str, position: str) -> None:
    found = [f for f in find_in_text(text) if f.kind == "text"]
    assert found and found[0].text == wording and found[0].position == position
    assert text[found[0].start:found[0].end] == wording


@pytest.mark.parametrize("text", [
    "我们讨论了生成式人工智能服务管理办法。",  # 生成 before AI: prose, not a label
    "她在学习AI相关课程，也喜欢合唱。",  # both elements far apart in other sentences
    "MAIN生成",  # 'ai' inside an English word
    "今天去了西湖。",
])
def test_text_without_a_label(text: str) -> None:
    chk = check_text(text)
    assert not chk.present and [p.code for p in chk.problems] == ["EXPLICIT_MISSING"]


def test_corner_mark_alone_is_reported_but_not_enough() -> None:
    chk = check_text("【AI】今天的天气很好")
    assert [f.kind for f in chk.findings] == ["corner_mark"] and not chk.compliant
    assert [p.code for p in chk.problems] == ["EXPLICIT_CORNER_ONLY"]


def test_middle_only_label_is_noted() -> None:
    chk = check_text("内容" * 60 + "AI生成" + "内容" * 60)
    assert chk.compliant and [p.code for p in chk.problems] == ["EXPLICIT_MIDDLE_ONLY"]


@needs_ocr
@pytest.mark.parametrize(("fmt", "make"), [("png", make_png), ("jpeg", make_jpeg), ("webp", make_webp)])
def test_mark_explicit_draws_a_compliant_label_and_keeps_metadata(fmt: str, make) -> None:
    from PIL import Image

    data = make(None, size=(480, 320))
    res = mark_bytes(data, propagator=PLATFORM, propagate_id="img-1", declared_ai=True, add_explicit=True,
                     draw=DrawSpec(corner="top-left"))
    assert res.explicit_added
    rep = inspect_bytes(res.data, read_c2pa=False)
    assert rep.explicit.checked and rep.explicit.compliant, rep.explicit.to_json()
    f = next(f for f in rep.explicit.findings if f.size_ok)
    assert f.position == "top-left corner" and f.height_ratio >= 0.05
    assert rep.valid_record.fields["Label"] == "2"
    im = Image.open(io.BytesIO(res.data))
    assert im.format.lower() == ("jpeg" if fmt == "jpeg" else fmt)
    if fmt == "png":
        assert im.info["Author"] == "画师甲"
    else:
        assert im.getexif()[0x010F] == "QinglangCam"


def _with_text(size: tuple[int, int], text: str, xy: tuple[int, int], font_px: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    from qinglang.media.aigc.explicit import find_font

    im = Image.new("RGB", size, "white")
    ImageDraw.Draw(im).text(xy, text, font=ImageFont.truetype(find_font(), font_px), fill="black")
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


@needs_ocr
def test_label_too_small_is_reported() -> None:
    chk = check_image(_with_text((800, 600), "AI生成", (10, 560), 16))  # ~2.7% of 600
    assert chk.present and not chk.compliant
    assert [p.code for p in chk.problems] == ["EXPLICIT_TOO_SMALL"]
    assert chk.findings[0].position == "bottom-left corner"


@needs_ocr
def test_label_in_the_center_is_reported() -> None:
    chk = check_image(_with_text((800, 600), "AI生成", (330, 280), 40))
    assert chk.present and [p.code for p in chk.problems] == ["EXPLICIT_NOT_AT_EDGE"]
    assert chk.findings[0].position == "center" and chk.findings[0].size_ok


def test_without_ocr_the_image_check_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    from qinglang.media.aigc import explicit

    monkeypatch.setattr(explicit, "ocr_available", lambda: False)
    chk = explicit.check_image(make_png())
    assert not chk.checked and "OCR is not installed" in chk.reason


@needs_ocr
def test_video_opening_frames_carry_the_label(tmp_path) -> None:
    """§5.4: the label on the opening frames for ≥ 2 s, ≥ 5% of the shortest side, on an edge or corner."""
    import shutil
    import subprocess

    from qinglang.media.aigc.explicit import check_video, find_font

    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    font = find_font()

    path = tmp_path / "v.mp4"
    draw = (f"drawtext=fontfile={font}:text='AI生成':fontsize=24:fontcolor=white:box=1:boxcolor=black:"
            "x=w-tw-8:y=h-th-8:enable='lt(t,2.5)'")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=gray:s=360x240:d=3:r=10",
                    "-vf", draw, "-c:v", "mpeg4", "-q:v", "2", str(path)], check=True, timeout=60)
    ok = check_video(str(path))
    assert ok.checked and ok.compliant and not [p for p in ok.problems if p.severity == "error"]
    assert {f.position for f in ok.findings} == {"bottom-right corner @ 0.0s", "bottom-right corner @ 1.9s"}
    short = check_video(str(path), seconds=(0.0, 2.8))  # as if the label vanished before 2 s
    assert [p.code for p in short.problems] == ["EXPLICIT_TOO_SHORT"]


@needs_ocr
def test_mark_does_not_draw_a_second_label() -> None:
    first = mark_bytes(make_png(None, size=(480, 320)), propagator=PLATFORM, propagate_id="a", declared_ai=True,
                       add_explicit=True)
    second = mark_bytes(first.data, propagator=PLATFORM, propagate_id="b", add_explicit=True)
    assert first.explicit_added and not second.explicit_added
    assert any("already carries a compliant visible label" in n for n in second.notes)
