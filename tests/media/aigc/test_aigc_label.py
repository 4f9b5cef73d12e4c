"""Annex E record parsing and validation: both JSON shapes, value codes, charset, provider codes, conflicts."""

from __future__ import annotations

import json

import pytest
from aigc_files import LABEL_JSON, PLATFORM, PRODUCER, RECORD, make_png, xmp_packet

from qinglang.media.aigc import LabelRules, encode, inspect_bytes, parse_record
from qinglang.media.aigc.label import cross_check, provider_code_problem


def codes(rec) -> list[str]:
    return [p.code for p in rec.problems]


def test_flat_and_nested_shapes_parse_to_the_same_fields() -> None:
    flat = parse_record(LABEL_JSON, "t")
    nested = parse_record(json.dumps({"AIGC": RECORD}), "t")
    assert flat.shape == "flat" and nested.shape == "nested"
    assert dict(flat.fields) == dict(nested.fields) == RECORD
    assert flat.valid and nested.valid and flat.problems == () and nested.problems == ()


def test_html_escaped_json_from_real_xmp_is_unescaped() -> None:
    rec = parse_record(LABEL_JSON.replace('"', "&quot;"), "t")
    assert rec.valid and rec.fields["Label"] == "1"


@pytest.mark.parametrize(("change", "code", "severity"), [
    ({"Label": "4"}, "LABEL_INVALID", "error"),
    ({"Label": "AIGC"}, "LABEL_INVALID", "error"),  # MiniMax-style, seen in the wild
    ({"Label": 1}, "FIELD_TYPE", "error"),  # integer, not the string "1"
    ({"Label": ""}, "LABEL_MISSING", "error"),
    ({"ContentProducer": ""}, "PRODUCER_MISSING", "warning"),
    ({"ContentProducer": "某某科技"}, "PROVIDER_CODE", "warning"),  # plain names occur in real files
    ({"ContentPropagator": PRODUCER[:22] + "9" + PRODUCER[23:]}, "PROVIDER_CODE", "warning"),
    ({"ProduceID": "id with space"}, "CHARSET", "warning"),
    ({"Extra": "x"}, "UNKNOWN_FIELD", "warning"),
])
def test_validation_codes(change: dict, code: str, severity: str) -> None:
    rec = parse_record(json.dumps({**RECORD, **change}), "loc")
    found = [p for p in rec.problems if p.code == code]
    assert found and found[0].severity == severity and found[0].location == "loc", rec.problems
    assert rec.valid == (severity != "error")


def test_missing_label_key_and_non_object_and_bad_json() -> None:
    assert "LABEL_MISSING" in codes(parse_record(json.dumps({"ContentProducer": PRODUCER}), "t"))
    assert codes(parse_record("[1,2]", "t")) == ["NOT_AN_OBJECT"]
    assert codes(parse_record('{"Label": "1",', "t")) == ["JSON_INVALID"]
    assert codes(parse_record("x" * 70000, "t")) == ["RECORD_TOO_LARGE"]


def test_configurable_severities_for_unverified_points() -> None:
    strict = LabelRules(missing_producer="error", provider_code="error", charset="error")
    rec = parse_record(json.dumps({**RECORD, "ContentProducer": "某某科技"}), "t", strict)
    assert not rec.valid and {"PROVIDER_CODE", "CHARSET"} <= set(codes(rec))
    lax = LabelRules(provider_code="ignore", charset="ignore")
    assert parse_record(json.dumps({**RECORD, "ContentProducer": "某某科技"}), "t", lax).problems == ()


def test_provider_code_structure() -> None:
    assert provider_code_problem(PRODUCER) is None
    assert provider_code_problem(PLATFORM) is None
    assert "length" in provider_code_problem("00119111")
    assert "upper-case" in provider_code_problem(PRODUCER.lower())
    assert "position 23" in provider_code_problem(PRODUCER[:22] + "9" + PRODUCER[23:])


def test_encode_writes_the_chosen_shape_in_annex_e_order() -> None:
    flat = encode(RECORD)
    assert list(json.loads(flat)) == list(RECORD) and flat.isascii()
    nested = json.loads(encode(RECORD, LabelRules(write_shape="nested")))
    assert nested == {"AIGC": RECORD}


def test_conflicting_records_are_reported_with_fields_and_locations() -> None:
    a = parse_record(LABEL_JSON, "png:tEXt:AIGC")
    b = parse_record(json.dumps({**RECORD, "Label": "3", "ProduceID": "other"}), "png:iTXt:XMP")
    probs = cross_check([a, b])
    assert [p.code for p in probs] == ["MULTIPLE_RECORDS", "CONFLICTING_RECORDS"]
    assert "Label: '1' vs '3'" in probs[1].message and "ProduceID" in probs[1].message
    assert "png:tEXt:AIGC" in probs[1].message and "png:iTXt:XMP" in probs[1].message


def test_conflicting_records_in_one_png_void_the_label() -> None:
    import io

    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("AIGC", LABEL_JSON)
    info.add_itxt("XML:com.adobe.xmp", xmp_packet(json.dumps({**RECORD, "Label": "3"})).decode())
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "PNG", pnginfo=info)
    rep = inspect_bytes(buf.getvalue(), ocr=False, read_c2pa=False)
    assert len(rep.records) == 2 and rep.valid_record is None
    assert rep.outcome.level == "suspected" and rep.outcome.unlabeled
    assert any(p.code == "CONFLICTING_RECORDS" for p in rep.all_problems())


def test_identical_duplicate_records_are_a_warning_only() -> None:
    from qinglang.media.aigc.formats import png

    data = make_png()
    chunks = png.chunks(data)
    dup = next(c for c in chunks if c.type == b"tEXt" and c.data.startswith(b"AIGC\0"))
    chunks.insert(1, dup)
    rep = inspect_bytes(png.SIGNATURE + b"".join(c.encode() for c in chunks), ocr=False, read_c2pa=False)
    assert [p.code for p in rep.problems] == ["MULTIPLE_RECORDS"]
    assert rep.valid_record is not None and rep.outcome.level == "confirmed"


def test_markdown_yaml_record_and_json_string_value() -> None:
    md = b"---\nAIGC: '" + LABEL_JSON.encode() + b"'\n---\nbody\n"
    rep = inspect_bytes(md, name="a.md")
    assert rep.valid_record is not None and rep.valid_record.shape == "flat"
    md2 = "---\nAIGC:\n  Label: '2'\n  ContentProducer: 某公司\n---\n正文".encode()
    rep2 = inspect_bytes(md2, name="a.md")
    assert rep2.valid_record.shape == "yaml" and rep2.outcome.level == "possible"
    assert {p.code for p in rep2.all_problems()} >= {"PROVIDER_CODE", "CHARSET", "PRODUCER_MISSING"}


def test_xmp_attribute_form_and_other_prefix_are_read_and_rewritten() -> None:
    """Some writers put the label in an rdf:Description attribute, under any prefix bound to the TC260 namespace."""
    from xml.sax.saxutils import quoteattr

    from qinglang.media.aigc import xmp

    packet = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
              '<rdf:Description rdf:about="" xmlns:aigc="http://www.tc260.org.cn/ns/AIGC/1.0/" '
              f'xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="image/png" aigc:AIGC={quoteattr(LABEL_JSON)}/>'
              "</rdf:RDF></x:xmpmeta>").encode()
    assert xmp.read_aigc(packet) == [LABEL_JSON]
    new = xmp.set_aigc(packet, '{"Label":"3"}')
    assert xmp.read_aigc(new) == ['{"Label":"3"}'] and b'dc:format="image/png"' in new
