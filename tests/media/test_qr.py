"""QR codes with group-invite URLs in real PNG/JPEG files: decoded, boxed, and flagged as drainage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("PIL", reason="media tests need Pillow: pip install 'qinglang[media]'")
from media_samples import make_qr
from PIL import Image

from qinglang.detectors.qr import QRDetector
from qinglang.engine import Engine
from qinglang.media.decode import MediaLoader
from qinglang.model import MediaRef

zxingcpp = pytest.importorskip("zxingcpp", reason="QR tests need zxing-cpp: pip install 'qinglang[media]'")

from qinglang.media.qr import QRReader  # noqa: E402

INVITES = [
    "https://weixin.qq.com/g/AQYAAMxx7nH3kGn0",
    "https://qm.qq.com/cgi-bin/qm/qr?k=Zx81LmQp&jump_from=webapi",
    "https://t.me/+Q8vLxq3ZmN1kYzE1",
]


@pytest.fixture(scope="module")
def engine(media_dir: Path) -> Engine:
    return Engine.from_config(extra={"media": {"root": str(media_dir), "ocr": False}})


def _inside(inner: tuple[int, ...], outer: tuple[int, ...], slack: int = 2) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and inner[2] <= outer[2] + slack
            and inner[3] <= outer[3] + slack)


@pytest.mark.parametrize("payload", INVITES)
def test_group_invite_qr_is_decoded_with_its_box(media_dir: Path, payload: str) -> None:
    name = f"qr-{abs(hash(payload))}.png"
    pasted = make_qr(media_dir / name, payload)
    img = MediaLoader(media_dir).load(MediaRef(path=name))
    codes = QRReader().read(img.image)
    assert [c.payload for c in codes] == [payload]
    assert _inside(codes[0].bbox, pasted)


@pytest.mark.parametrize("payload", INVITES)
def test_engine_flags_a_group_invite_qr_as_drainage_with_image_and_box(
        engine: Engine, media_dir: Path, payload: str) -> None:
    name = f"qr-e-{abs(hash(payload))}.jpg"
    pasted = make_qr(media_dir / name, payload, fmt="JPEG")
    d = engine.moderate({"id": "q1", "text": "扫码看看", "media": [{"path": name}]})
    lab = next(lab for lab in d.labels if lab.label == "drainage")
    ev = next(e for e in lab.evidence if e.rule == "qr.payload.group_invite")
    assert ev.field == "media[0].qr" and ev.text == payload
    assert ev.value is not None and ev.value.startswith("url:") and ev.value.endswith(payload.rsplit("/", 1)[1])
    assert ev.bbox is not None and _inside(ev.bbox, pasted)
    assert d.action == "block" and not d.degraded


def test_two_codes_in_one_image_each_get_their_own_box(media_dir: Path, engine: Engine) -> None:
    qrcode = pytest.importorskip("qrcode")
    im = Image.new("RGB", (1000, 500), "white")
    a = qrcode.make(INVITES[0]).get_image().convert("RGB")
    b = qrcode.make("https://example.org/shop").get_image().convert("RGB")
    im.paste(a, (20, 20))
    im.paste(b, (560, 20))
    im.save(media_dir / "two.png")
    d = engine.moderate({"id": "q2", "media": [{"path": "two.png"}]})
    evs = {e.rule: e for lab in d.labels for e in lab.evidence}
    assert evs["qr.payload.group_invite"].bbox[2] < 500 < evs["qr.payload.url"].bbox[0]


def test_plain_text_qr_and_images_without_codes_are_not_drainage(media_dir: Path, engine: Engine) -> None:
    make_qr(media_dir / "greeting.png", "生日快乐，天天开心")
    Image.new("RGB", (640, 480), (120, 180, 90)).save(media_dir / "plain.png")
    d = engine.moderate({"id": "n1", "media": [{"path": "greeting.png"}, {"path": "plain.png"}]},
                        explain=True)
    assert not any(lab.label == "drainage" for lab in d.labels)
    assert "生日快乐" in d.trace["normalized"]["media[0].qr"]  # still read by the text detectors
    assert d.trace["media"][0]["qr"][0]["payload"] == "生日快乐，天天开心"
    assert "media[1].qr" not in d.trace["normalized"]
    assert d.action == "pass"


def test_contact_card_and_app_scheme_payloads() -> None:
    det = QRDetector()
    assert det.classify("BEGIN:VCARD\nTEL:+86 138 0013 8000\nEND:VCARD") == ("contact", "phone:13800138000")
    assert det.classify("weixin://dl/chat?abc") == ("contact", "qr:weixin://dl/chat?abc")
    assert det.classify("hello world") is None


def test_platform_own_domains_are_allowed() -> None:
    det = QRDetector(allow_domains=("example.com",))
    assert det.classify("https://m.example.com/post/1") is None
    assert det.classify("https://evil.example.net/x") == ("url", "url:evil.example.net/x")


def test_a_broken_image_marks_the_decision_degraded_instead_of_failing(media_dir: Path, engine: Engine,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    (media_dir / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    d = engine.moderate({"id": "b1", "text": "你好", "media": [{"path": "broken.png"}, {"path": "../../x.png"}]})
    assert d.action == "review"  # default policy: degraded → human review, never a silent pass
    assert d.degraded == ("media[0]:decode", "media[1]:decode")  # component and code; the why is logged
    assert "not an image" in caplog.text and "outside the media root" in caplog.text
    assert "media root" not in json.dumps(d.to_json())  # no server paths or library messages to the client


def test_a_file_that_was_not_delivered_is_listed_and_the_text_is_judged(media_dir: Path, engine: Engine) -> None:
    # No pixels an evader chose and nothing a reviewer could open: the decision names the file, the text decides.
    d = engine.moderate({"id": "m1", "text": "周末去公园拍的晚霞", "media": [{"path": "gone/sunset.jpg"}]})
    assert d.action == "pass" and d.degraded == ("media[0]:missing",)
    # a missing file beside one that fails to decode: the decode failure still fails closed
    (media_dir / "half.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 50)
    d = engine.moderate({"id": "m2", "text": "你好", "media": [{"path": "gone.png"}, {"path": "half.png"}]})
    assert d.action == "review" and d.degraded == ("media[0]:missing", "media[1]:decode")
    # the missing item's text still counts: a contact in the post is judged as without media
    d = engine.moderate({"id": "m3", "text": "资源私我 加薇 abc12345 看片", "media": [{"path": "gone/qr.png"}]})
    assert d.action in ("review", "block") and "drainage" in {lab.label for lab in d.labels}


def test_audio_and_video_files_are_not_opened_as_images(media_dir: Path, engine: Engine) -> None:
    (media_dir / "clip.mp4").write_bytes(b"\0\0\0\x18ftypmp42" + b"\0" * 64)
    for ref in ({"path": "clip.mp4"}, {"path": "talk.M4A"}, {"path": "seg.ts"},
                {"path": "clip.bin", "mime": "video/mp4"}):
        d = engine.moderate({"id": "v1", "text": "今天的vlog", "media": [ref]})
        assert d.action == "pass" and d.degraded == (), ref
    # an image by suffix is opened (and a non-image with an image suffix fails closed)
    (media_dir / "fake.jpg").write_bytes(b"\0\0\0\x18ftypmp42")
    d = engine.moderate({"id": "v2", "text": "今天的vlog", "media": [{"path": "fake.jpg"}]})
    assert d.action == "review" and d.degraded == ("media[0]:decode",)


def test_media_can_be_switched_off(media_dir: Path) -> None:
    e = Engine.from_config(extra={"media": False})
    d = e.moderate({"id": "off", "media": [{"path": "does-not-matter.png"}]})
    assert d.action == "pass" and not d.degraded
