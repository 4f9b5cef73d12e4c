"""OCR and QR throughput on a 1080×1080 post image (the size most feeds serve), on this machine's cores.

    python benchmarks/ocr.py [--runs 5] [--threads 2]

Renders a poster with eight lines of Chinese text (one of them a contact line) and a group-invite QR code,
then times, in one process: decoding (Pillow), QR (zxing-cpp), PDQ, and OCR under several configurations,
reporting each OCR configuration as a ratio against RapidOCR's defaults (full resolution, angle classifier
on, all cores) and whether it still read the contact line. Needs qinglang[media,ocr], qrcode and a CJK font.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LINES = ["周末特惠活动开始啦", "全场商品五折起", "今天天气很好，出来玩吧", "加微信 abc_777 领取福利",
         "电话 13800138000", "名额有限，先到先得", "地址：北京市朝阳区", "扫码进群了解更多"]
CONTACT = "abc_777"


def poster(font_path: str):
    import qrcode
    from PIL import Image, ImageDraw, ImageFont

    im = Image.new("RGB", (1080, 1080), (250, 246, 238))
    d = ImageDraw.Draw(im)
    font = ImageFont.truetype(font_path, 48)
    for k, line in enumerate(LINES):
        d.text((60, 60 + k * 95), line, font=font, fill=(30, 30, 30))
    q = qrcode.make("https://weixin.qq.com/g/AQYAAMxx7nH3kGn0").get_image().convert("RGB").resize((280, 280))
    im.paste(q, (760, 760))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def timed(fn, runs: int) -> tuple[float, object]:
    out = fn()  # warm-up (model load, caches)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "media"))
    from media_samples import cjk_font_path
    from rapidocr_onnxruntime import RapidOCR

    from qinglang.media.decode import MediaLoader
    from qinglang.media.hash import pdq
    from qinglang.media.ocr import OcrConfig, OcrReader
    from qinglang.media.qr import QRReader

    font = cjk_font_path()
    if font is None:
        sys.exit("no CJK font: apt-get install fonts-wqy-microhei")
    data = poster(font)
    loader = MediaLoader()
    t_dec, img = timed(lambda: loader.decode(data), args.runs)
    image = img.image
    qr = QRReader()
    t_qr, codes = timed(lambda: qr.read(image), args.runs)
    t_pdq, _ = timed(lambda: pdq(image), args.runs)
    print(f"image 1080x1080 JPEG {len(data)} bytes; {args.runs} runs, median")
    print(f"  decode (Pillow)     {t_dec * 1000:7.1f} ms")
    print(f"  QR (zxing-cpp)      {t_qr * 1000:7.1f} ms   payloads={[c.payload for c in codes]}")
    print(f"  PDQ (pdqhash)       {t_pdq * 1000:7.1f} ms")

    base = RapidOCR()  # the package defaults: det on the full image, angle classifier, all cores

    def run_base() -> str:
        res, _ = base(image)
        return "\n".join(r[1] for r in res or [])

    configs = [("rapidocr defaults (baseline)", run_base)]
    for side, cls in ((0, False), (960, True), (960, False), (736, False), (640, False)):  # 736: default
        reader = OcrReader(OcrConfig(max_side=side, use_cls=cls, threads=args.threads))
        configs.append((f"max_side={side or 'full'} cls={'on' if cls else 'off'} threads={args.threads}",
                        lambda r=reader: "\n".join(ln.text for ln in r.read(image))))
    # Round-robin over the configurations so that load from other users of the machine falls on all of them;
    # CPU time (all threads of this process) is the steadier figure on a shared machine.
    texts = {label: fn() for label, fn in configs}  # warm-up
    wall: dict[str, list[float]] = {label: [] for label, _ in configs}
    cpu: dict[str, list[float]] = {label: [] for label, _ in configs}
    for _ in range(args.runs):
        for label, fn in configs:
            w0, c0 = time.perf_counter(), time.process_time()
            texts[label] = fn()
            wall[label].append(time.perf_counter() - w0)
            cpu[label].append(time.process_time() - c0)
    print(f"OCR (PP-OCRv4 mobile det+rec, onnxruntime), {len(LINES)} text lines in the image")
    b_wall, b_cpu = statistics.median(wall[configs[0][0]]), statistics.median(cpu[configs[0][0]])
    for label, _ in configs:
        w, c, text = statistics.median(wall[label]), statistics.median(cpu[label]), texts[label]
        got = sum(1 for line in LINES if line.replace(" ", "") in text.replace(" ", ""))
        contact = "yes" if CONTACT in text else "NO"
        print(f"  {label:36s} wall {w * 1000:6.0f} ms (x{b_wall / w:4.2f})  cpu {c * 1000:6.0f} ms "
              f"(x{b_cpu / c:4.2f})  {1 / w:4.2f} img/s  lines exact {got}/{len(LINES)}  contact {contact}")


if __name__ == "__main__":
    main()
