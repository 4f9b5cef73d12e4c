"""Write and verify an evidence package: content, media, decision, indicators, manifest, SHA256SUMS.

The folder is what a platform hands to the authorities or a partner platform with a referral: self-contained
(media copied in, not referenced), and tamper-evident (`SHA256SUMS` in `sha256sum -c` format covers every
file, the manifest included; the digest of `SHA256SUMS` itself identifies the whole package in a letter).
The folder is written under a temporary name and renamed, so a crash never leaves a half package behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from .. import __version__
from ..detectors.base import Views
from ..errors import Conflict, MediaError, QinglangError
from ..indicators.extract import candidates
from ..model import Content
from ..stages import media_views
from ..text.normalize import default_normalizer

FORMAT = "qinglang-evidence/1"
SUMS = "SHA256SUMS"
_EXT = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp", "BMP": ".bmp", "TIFF": ".tif"}


def package_dirname(content_id: str) -> str:
    """A safe folder name for an id (ids may hold '/', '..' or CJK): kept if plain, else cleaned + hash."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,100}", content_id) and ".." not in content_id:
        return content_id
    clean = re.sub(r"[^A-Za-z0-9._-]+", "_", content_id).strip("._")[:60] or "item"
    return f"{clean}-{hashlib.sha256(content_id.encode()).hexdigest()[:10]}"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _dump(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def export_package(content: Content, decision: dict[str, Any], out_dir: str | Path, *, extractor: Any = None,
                   loader: Any = None, now: dt.datetime | None = None) -> Path:
    """Write the package for one item into `out_dir` (which must not exist). `extractor` (a MediaExtractor)
    adds QR payloads, OCR text and PDQ hashes to indicators.json; `loader` (a MediaLoader) reads the media
    files (the extractor's loader if not given). A media file that cannot be read is listed in the manifest
    under `media_errors`; the package is still written."""
    out = Path(out_dir)
    if out.exists():
        raise Conflict(f"{out} already exists; evidence packages are never overwritten")
    if decision.get("id") not in (None, content.id):
        raise QinglangError(f"decision is for {decision.get('id')!r}, content is {content.id!r}")
    loader = loader or getattr(extractor, "loader", None)
    created = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")
    files: dict[str, bytes] = {}
    media_rows: list[dict[str, Any]] = []
    media_errors: list[str] = []
    for i, ref in enumerate(content.media):
        row: dict[str, Any] = {"index": i, "source": ref.path if ref.path is not None else "inline"}
        if loader is None:
            media_errors.append(f"media[{i}]: not copied (no media loader: install qinglang[media])")
        else:
            try:
                _, data = loader.read_bytes(ref)
                fmt = _sniff(data)
                name = f"media/{i}{_EXT.get(fmt, '.bin')}"
                files[name] = data
                row.update(file=name, sha256=_sha(data), bytes=len(data))
            except MediaError as exc:
                media_errors.append(f"media[{i}]: {exc.message}")
        media_rows.append(row)
    content_json = content.to_json()
    content_json["media"] = [{**m, **{k: r[k] for k in ("file", "sha256") if k in r}}
                             for m, r in zip(content_json["media"], media_rows, strict=True)]
    files["content.json"] = _dump(content_json)
    files["decision.json"] = _dump(decision)
    files["indicators.json"] = _dump(_indicators(content, decision, extractor, media_errors))
    manifest = {
        "format": FORMAT, "content_id": content.id, "created_at": created, "tool": f"qinglang {__version__}",
        "policy_version": decision.get("policy_version", ""), "action": decision.get("action"),
        "decided_at": decision.get("decided_at") or decision.get("created_at"),
        "files": [{"path": p, "sha256": _sha(d), "bytes": len(d)} for p, d in sorted(files.items())],
        "media": media_rows, "media_errors": media_errors,
    }
    files["manifest.json"] = _dump(manifest)
    sums = "".join(f"{_sha(d)}  {p}\n" for p, d in sorted(files.items()))
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        for p, d in files.items():
            target = tmp / p
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(d)
        (tmp / SUMS).write_text(sums, "utf-8")
        tmp.rename(out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise QinglangError(f"cannot write evidence package {out}: {exc.strerror or exc}") from None
    return out


def _sniff(data: bytes) -> str:
    sig = {b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"BM": "BMP", b"II*\x00": "TIFF",
           b"MM\x00*": "TIFF"}
    for magic, fmt in sig.items():
        if data.startswith(magic):
            return fmt
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return "?"


def _indicators(content: Content, decision: dict[str, Any], extractor: Any, media_errors: list[str]
                ) -> dict[str, Any]:
    """Indicators the decision's evidence names, plus a fresh candidate extraction over text and media."""
    from_decision = sorted({ev["value"] for lab in decision.get("labels", []) for ev in lab.get("evidence", [])
                            if isinstance(ev, dict) and ev.get("value")})
    views = Views.build(content, default_normalizer())
    media: list[dict[str, Any]] = []
    if extractor is not None and content.media:
        ex = extractor.extract(content)
        views = media_views(content, default_normalizer(), ex)
        media = [img.to_json() for img in ex.images]
        # a file that is missing or does not decode was already listed when the package read it (above)
        media_errors.extend(str(f) for f in ex.failures if f.stage not in ("missing", "decode"))
    spans: dict[tuple[str, int, int], dict[str, Any]] = {}
    for c in candidates(views):
        row = spans.get((c.field, c.start, c.end))
        if row is None:
            row = spans[(c.field, c.start, c.end)] = {"field": c.field, "start": c.start, "end": c.end,
                                                      "indicators": []}
            nt = views.fields.get(c.field)
            if nt is not None:
                row["text"] = nt.original[c.start:c.end]
            box = views.bbox(c.field, c.start, c.end)
            if box is not None:
                row["bbox"] = list(box)
        row["indicators"].append(c.indicator)
    return {
        "from_decision": from_decision,
        # Context-free lookup keys (as the indicator detector uses them): a token is listed under every kind
        # it could be, so this is what to check against other banks, not a finding by itself.
        "candidates": list(spans.values()),
        "media": media,
    }


def verify_package(path: str | Path) -> list[str]:
    """Problems found (empty = intact): every file listed in SHA256SUMS with the right hash, none missing or
    extra, and the manifest's file list agreeing."""
    root = Path(path)
    sums_path = root / SUMS
    if not sums_path.is_file():
        return [f"{root}: no {SUMS} (not an evidence package)"]
    problems: list[str] = []
    listed: dict[str, str] = {}
    for n, line in enumerate(sums_path.read_text("utf-8").splitlines(), start=1):
        m = re.fullmatch(r"([0-9a-f]{64})  (\S.*)", line)
        if not m or ".." in Path(m.group(2)).parts or Path(m.group(2)).is_absolute():
            problems.append(f"{SUMS} line {n}: malformed")
            continue
        listed[m.group(2)] = m.group(1)
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} - {SUMS}
    for p in sorted(on_disk - set(listed)):
        problems.append(f"{p}: not listed in {SUMS}")
    for p, h in sorted(listed.items()):
        f = root / p
        if not f.is_file():
            problems.append(f"{p}: missing")
        elif _sha(f.read_bytes()) != h:
            problems.append(f"{p}: SHA-256 mismatch (modified)")
    try:
        manifest = json.loads((root / "manifest.json").read_text("utf-8"))
        for row in manifest.get("files", []):
            if listed.get(row["path"]) != row["sha256"]:
                problems.append(f"manifest.json: {row['path']} disagrees with {SUMS}")
        if manifest.get("format") != FORMAT:
            problems.append(f"manifest.json: unknown format {manifest.get('format')!r}")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        problems.append(f"manifest.json: unreadable ({exc})")
    return problems


def package_digest(path: str | Path) -> str:
    """SHA-256 of SHA256SUMS: one value that identifies the whole package."""
    return _sha((Path(path) / SUMS).read_bytes())
