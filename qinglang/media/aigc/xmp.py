"""XMP packets: find the ``TC260:AIGC`` property safely (defusedxml) and set it without losing the rest.

Writing edits the packet text rather than re-serialising the tree, so other namespaces, prefixes and the
packet wrapper survive byte for byte (TC260 guides: update the property, never overwrite the packet).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from .errors import MediaError

TC260_NS = "http://www.tc260.org.cn/ns/AIGC/1.0/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
MAX_XMP_BYTES = 4 * 1024 * 1024
_TAG = f"{{{TC260_NS}}}AIGC"


def _parse(packet: bytes):  # -> xml.etree.ElementTree.Element
    try:
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import fromstring
    except ImportError as exc:  # pragma: no cover - exercised only without the [media] extra
        raise MediaError("reading XMP needs defusedxml (pip install 'qinglang[media]')") from exc
    import xml.etree.ElementTree as ET

    if len(packet) > MAX_XMP_BYTES:
        raise MediaError(f"XMP packet is {len(packet)} bytes (limit {MAX_XMP_BYTES})")
    body = _strip_wrapper(packet)
    try:
        return fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise MediaError(f"XMP packet refused: {type(exc).__name__} (DTDs and entities are not allowed)") from None
    except ET.ParseError as exc:
        raise MediaError(f"XMP packet is not well-formed XML: {exc}") from None


def _strip_wrapper(packet: bytes) -> bytes:
    """Drop the xpacket processing instructions and trailing padding (ET accepts them, but be lenient)."""
    data = packet.strip(b"\x00 \r\n\t")
    return data


def read_aigc(packet: bytes) -> list[str]:
    """Every ``TC260:AIGC`` value in the packet (element text or rdf:Description attribute)."""
    root = _parse(packet)
    out: list[str] = []
    for el in root.iter():
        if el.tag == _TAG:
            out.append((el.text or "").strip())
        val = el.attrib.get(_TAG)
        if val is not None:
            out.append(val)
    return out


_ELEM = re.compile(rb"<(?P<p>[A-Za-z_][\w.-]*):AIGC(?:\s[^>]*)?>.*?</(?P=p):AIGC\s*>|<(?P<q>[A-Za-z_][\w.-]*):AIGC"
                   rb"(?:\s[^>]*)?/>", re.S)
_ATTR = re.compile(rb"\s(?P<p>[A-Za-z_][\w.-]*):AIGC\s*=\s*(?P<quote>[\"']).*?(?P=quote)", re.S)


def _prefixes(packet: bytes) -> set[bytes]:
    return {m.group(1) for m in re.finditer(rb"xmlns:([A-Za-z_][\w.-]*)\s*=\s*[\"']" + re.escape(TC260_NS.encode()),
                                            packet)}


def set_aigc(packet: bytes | None, value: str) -> bytes:
    """The packet with exactly one ``TC260:AIGC`` property holding `value`; a new packet when there was none."""
    esc = escape(value, {'"': "&quot;"}).encode("utf-8")
    if not packet:
        return new_packet(value)
    _parse(packet)  # refuse hostile or broken packets before editing them
    prefixes = _prefixes(packet)
    kept = 0

    def elem(m: re.Match[bytes]) -> bytes:
        nonlocal kept
        p = m.group("p") or m.group("q")
        if p not in prefixes:
            return m.group(0)
        kept += 1
        return b"" if kept > 1 else b"<" + p + b":AIGC>" + esc + b"</" + p + b":AIGC>"

    def attr(m: re.Match[bytes]) -> bytes:
        nonlocal kept
        if m.group("p") not in prefixes:
            return m.group(0)
        kept += 1
        return b"" if kept > 1 else b" " + m.group("p") + b':AIGC="' + esc + b'"'

    out = _ELEM.sub(elem, packet)
    out = _ATTR.sub(attr, out)
    if kept == 0:
        desc = (b'<rdf:Description rdf:about="" xmlns:TC260="' + TC260_NS.encode() + b'"><TC260:AIGC>' + esc
                + b"</TC260:AIGC></rdf:Description>")
        idx = out.rfind(b"</rdf:RDF>")
        if idx < 0:
            raise MediaError("XMP packet has no rdf:RDF element to add the label to")
        out = out[:idx] + desc + out[idx:]
    _parse(out)
    return out


def new_packet(value: str) -> bytes:
    """A minimal XMP packet holding only the label."""
    esc = escape(value, {'"': "&quot;"})
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" xmlns:TC260="{TC260_NS}"><TC260:AIGC>{esc}</TC260:AIGC></rdf:Description>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()
