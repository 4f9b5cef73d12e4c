"""C2PA: a signed manifest with an AI-generation assertion is a trace (Art. 6 case 3); marking keeps it."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from aigc_files import PLATFORM, make_png

from qinglang.media.aigc import inspect_bytes, mark_bytes
from qinglang.media.aigc.c2pa_read import summarize

c2pa = pytest.importorskip("c2pa", reason="c2pa-python not installed (pip install 'qinglang[c2pa]')")
crypto = pytest.importorskip("cryptography", reason="cryptography is needed to make a test signing certificate")

AI = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
CAMERA = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"


def _signer():
    """A throwaway CA and signing certificate: self-signed fixtures, so the manifest is valid, not trusted."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Qinglang Test")])

    now = dt.datetime.now(dt.UTC)
    usage = dict(content_commitment=False, key_encipherment=False, data_encipherment=False, key_agreement=False,
                 encipher_only=False, decipher_only=False)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("Test Root")).issuer_name(name("Test Root"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=False, key_cert_sign=True, crl_sign=True, **usage), True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    ee = (x509.CertificateBuilder().subject_name(name("Test Signer")).issuer_name(ca.subject)
          .public_key(key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=False, crl_sign=False, **usage), True)
          .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
          .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    chain = ee.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    return c2pa.Signer.from_info(c2pa.C2paSignerInfo(alg=c2pa.C2paSigningAlg.ES256, sign_cert=chain,
                                                     private_key=pem, ta_url=None))


def _signed_png(source_type: str) -> bytes:
    manifest = {"claim_generator_info": [{"name": "qinglang-test", "version": "1"}], "title": "gen.png",
                "assertions": [{"label": "c2pa.actions", "data": {"actions": [
                    {"action": "c2pa.created", "digitalSourceType": source_type}]}}]}
    out = io.BytesIO()
    with c2pa.Builder(json.dumps(manifest)) as b:
        b.sign(_signer(), "image/png", io.BytesIO(make_png(None)), out)
    return out.getvalue()


def test_ai_assertion_is_a_suspected_trace_and_marking_keeps_the_manifest() -> None:
    data = _signed_png(AI)
    rep = inspect_bytes(data, ocr=False)
    assert rep.c2pa.present and rep.c2pa.readable and rep.c2pa.ai_generated
    assert rep.c2pa.claim_generator == "qinglang-test" and AI in rep.c2pa.digital_source_types
    assert rep.outcome.rule == "aigc.trace.suspected" and rep.outcome.label_value == "3" and rep.outcome.unlabeled
    res = mark_bytes(data, propagator=PLATFORM, propagate_id="c-1")
    after = inspect_bytes(res.data, ocr=False)
    assert after.valid_record.fields["Label"] == "3" and not after.outcome.unlabeled
    assert after.c2pa.present and after.c2pa.ai_generated  # the caBX chunk travels with the file
    assert b"caBX" in res.data
    assert after.c2pa.validation_state == "Invalid" and any("hard binding" in n for n in res.notes)


def test_camera_capture_is_not_an_ai_trace() -> None:
    rep = inspect_bytes(_signed_png(CAMERA), ocr=False)
    assert rep.c2pa.readable and not rep.c2pa.ai_generated and rep.outcome.level is None


def test_summary_of_ai_disclosure_assertion() -> None:
    s = summarize({"active_manifest": "m", "manifests": {"m": {"assertions": [{"label": "c2pa.ai-disclosure"}]}}},
                  "Valid")
    assert s.ai_generated and s.assertions == ("c2pa.ai-disclosure",)
