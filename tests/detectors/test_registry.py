"""The detector registry's contract, run over every registered type (as python-threatexchange runs one suite
over its signal types): each module exports a strict pydantic `Params` and `build(spec, ctx)`, the YAML name
reaches the detector, `detect` returns a sequence of Signals, and bad params name the file, entry and key."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from pydantic import BaseModel

from qinglang.detectors import BatchPreparer, BuildContext, Detector, Registry, Views, build_detectors
from qinglang.engine import Engine
from qinglang.errors import ConfigError
from qinglang.indicators.bank import IndicatorStore
from qinglang.model import Content, Signal

TYPES = sorted(Registry.default())


@pytest.fixture(scope="module")
def ctx(engine: Engine) -> BuildContext:
    return BuildContext(normalizer=engine.normalizer, lexicon=engine.compiled_lexicon)


def _required(kind: str, tmp_path: Path) -> str:
    """The params a type cannot do without (only the indicator detector needs a bank file)."""
    if kind == "indicator":
        db = tmp_path / "bank.sqlite"
        with IndicatorStore(db):
            pass
        return f"{{db: '{db}'}}"
    return "{}"


def test_every_shipped_type_is_registered() -> None:
    assert TYPES == sorted(["aigc", "claims", "contact", "contact_info", "enterprise", "frame", "indicator", "innuendo",
                            "language_carried", "language_misuse", "lexicon", "livestream", "model", "news", "qr",
                            "recall", "semantic", "stance", "topic"])


@pytest.mark.parametrize("kind", TYPES)
def test_params_model_is_strict(kind: str) -> None:
    t = Registry.default().get(kind)
    assert issubclass(t.params, BaseModel) and callable(t.build)
    assert t.params.model_config.get("extra") == "forbid", f"{kind}: a misspelt key must be an error"


@pytest.mark.parametrize("kind", TYPES)
def test_built_through_params_with_the_yaml_name(kind: str, ctx: BuildContext, tmp_path: Path) -> None:
    reg = tmp_path / "detectors.yaml"
    reg.write_text(f"detectors:\n  - {{name: my_{kind}, type: {kind}, params: {_required(kind, tmp_path)}}}\n",
                   "utf-8")
    [det] = build_detectors(reg, ctx)
    assert isinstance(det, Detector)
    assert det.name == f"my_{kind}" and det.id == f"my_{kind}@{det.version}"  # type: ignore[attr-defined]
    content = Content(id="c", text="加V：abc_777 看片，澳门赌场，蓝瘦香菇", title="直播间深夜福利")
    views = Views.build(content, ctx.normalizer)
    out = det.detect(content, views)
    assert isinstance(out, Sequence) and all(isinstance(s, Signal) for s in out)
    assert all(s.detector == det.id for s in out)  # type: ignore[attr-defined]
    if isinstance(det, BatchPreparer):
        det.prepare([views])
        assert list(det.detect(content, views)) == list(out)  # the batch hook changes nothing


@pytest.mark.parametrize("kind", TYPES)
def test_unknown_param_names_file_entry_and_key(kind: str, ctx: BuildContext, tmp_path: Path) -> None:
    reg = tmp_path / "detectors.yaml"
    reg.write_text(f"detectors:\n  - {{name: x, type: {kind}, params: {{no_such_key: 1}}}}\n", "utf-8")
    with pytest.raises(ConfigError) as err:
        build_detectors(reg, ctx)
    assert str(reg) in err.value.message and "detectors[0]" in err.value.message
    assert "params.no_such_key" in err.value.message


def test_bad_value_is_a_config_error_naming_the_key(ctx: BuildContext, tmp_path: Path) -> None:
    reg = tmp_path / "detectors.yaml"
    reg.write_text("detectors:\n  - {name: lexicon, type: lexicon}\n"
                   "  - {name: live, type: livestream, params: {night_start: eleven}}\n", "utf-8")
    with pytest.raises(ConfigError, match=r"detectors\[1\]: params\.night_start: .*integer.*'eleven'"):
        build_detectors(reg, ctx)
    reg.write_text("detectors:\n  - {name: live, type: livestream, params: {night_start: 24}}\n", "utf-8")
    with pytest.raises(ConfigError, match=r"params\.night_start: .*less than or equal to 23"):
        build_detectors(reg, ctx)


def test_two_entries_of_one_type_report_their_own_names(tmp_path: Path) -> None:
    reg = tmp_path / "detectors.yaml"
    reg.write_text("detectors:\n  - {name: live_day, type: livestream, params: {night_start: 23}}\n"
                   "  - {name: live_early, type: livestream, params: {night_start: 20, night_end: 6}}\n", "utf-8")
    engine = Engine.from_config(detectors=reg)
    assert [d.name for d in engine.detectors] == ["live_day", "live_early"]
    d = engine.moderate({"id": "x", "text": "全网第一，点链接下单", "live": {"room_id": "r", "paid": True},
                         "created_at": "2024-08-05T13:30:00Z"}, explain=True)  # 21:30 Beijing
    assert d.trace is not None
    reported = {(s["detector"], s["rule"]) for s in d.trace["signals"]}
    assert reported == {("live_day@1", "live.absolute_term"), ("live_early@1", "live.absolute_term"),
                        ("live_early@1", "live.paid.late_night")}


def test_default_names_keep_their_reported_ids(engine: Engine) -> None:
    ids = {d.id for d in engine.detectors}  # type: ignore[attr-defined]
    assert {"lexicon@1", "news@1", "enterprise@1", "livestream@1", "language_misuse@1", "qr@1",
            "aigc@1", "contact@1"} <= ids


def test_registry_is_immutable_and_extended_by_copy() -> None:
    base = Registry.default()
    more = base.with_type("contact2", "qinglang.detectors.contact")
    assert "contact2" in more and "contact2" not in base


def test_batch_preparers_found_by_protocol(engine: Engine) -> None:
    preparers = {d.name for d in engine.detectors if isinstance(d, BatchPreparer)}
    assert {"lexicon", "contact"} <= preparers
    assert not isinstance(next(d for d in engine.detectors if d.name == "news"), BatchPreparer)
