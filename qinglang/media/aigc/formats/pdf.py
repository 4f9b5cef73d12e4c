"""PDF: the Document Information Dictionary key ``/AIGC`` (TC260 guides), and ``TC260:AIGC`` in the XMP stream."""

from __future__ import annotations

import io
import logging
from typing import Any

from .. import xmp
from ..errors import MediaError
from .base import Found, Scan, has_aigc_key

MAX_XMP_STREAM = xmp.MAX_XMP_BYTES


def _pypdf() -> Any:
    try:
        import pypdf
    except ImportError as exc:  # pragma: no cover - exercised only without the [media] extra
        raise MediaError("PDF metadata needs pypdf (pip install 'qinglang[media]')") from exc
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair warnings are not our report
    return pypdf


def _reader(data: bytes) -> Any:
    pypdf = _pypdf()
    try:
        r = pypdf.PdfReader(io.BytesIO(data), strict=False)
        _ = r.trailer
        return r
    except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError) as exc:
        raise MediaError(f"pdf: cannot parse: {type(exc).__name__}: {exc}") from None


def _xmp_stream(r: Any) -> Any:
    pypdf = _pypdf()
    try:
        root = r.trailer["/Root"].get_object()
        meta = root.get("/Metadata")
        return meta.get_object() if meta is not None else None
    except (pypdf.errors.PyPdfError, KeyError, AttributeError, TypeError, ValueError) as exc:
        raise MediaError(f"pdf: cannot read the XMP stream: {exc}") from None


def _xmp_bytes(stream: Any) -> bytes:
    pypdf = _pypdf()
    length = stream.get("/Length")
    if isinstance(length, int) and length > MAX_XMP_STREAM:
        raise MediaError(f"pdf: XMP stream of {length} bytes exceeds the {MAX_XMP_STREAM}-byte limit")
    try:
        data = stream.get_data()
    except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise MediaError(f"pdf: cannot decode the XMP stream: {exc}") from None
    if len(data) > MAX_XMP_STREAM:
        raise MediaError(f"pdf: XMP stream decodes to {len(data)} bytes (limit {MAX_XMP_STREAM})")
    return data


def read(data: bytes) -> Scan:
    pypdf = _pypdf()
    scan = Scan("pdf")
    r = _reader(data)
    try:
        info = r.trailer.get("/Info")
        info = info.get_object() if info is not None else {}
        for key in list(info.keys()):
            if has_aigc_key(str(key)):
                scan.found.append(Found(f"pdf:Info{key}", str(info[key])))
    except (pypdf.errors.PyPdfError, AttributeError, TypeError, ValueError) as exc:
        raise MediaError(f"pdf: cannot read the Info dictionary: {exc}") from None
    stream = _xmp_stream(r)
    if stream is not None:
        for val in xmp.read_aigc(_xmp_bytes(stream)):
            scan.found.append(Found("pdf:XMP/TC260:AIGC", val))
    return scan


def write(data: bytes, value: str) -> bytes:
    pypdf = _pypdf()
    from pypdf.generic import NameObject, StreamObject, TextStringObject

    r = _reader(data)
    try:
        w = pypdf.PdfWriter(clone_from=r)
        info = dict(w.metadata or {})
        keys = [k for k in info if has_aigc_key(str(k))] or ["/AIGC"]
        w.add_metadata({k: value for k in keys})
        meta_ref = w._root_object.get("/Metadata")
        if meta_ref is not None:
            stream = meta_ref.get_object()
            packet = _xmp_bytes(stream)
            if xmp.read_aigc(packet):  # keep one consistent record: update the XMP copy in place
                new = StreamObject()
                new.set_data(xmp.set_aigc(packet, value))
                new[NameObject("/Type")] = NameObject("/Metadata")
                new[NameObject("/Subtype")] = NameObject("/XML")
                w._root_object[NameObject("/Metadata")] = w._add_object(new)
        _ = TextStringObject
        buf = io.BytesIO()
        w.write(buf)
        return buf.getvalue()
    except MediaError:
        raise
    except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise MediaError(f"pdf: cannot write: {type(exc).__name__}: {exc}") from None
