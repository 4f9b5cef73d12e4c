"""The shipped models: they load, score in [0, 1], point at spans of the original text, see through cloaking,
plug into the engine, and train deterministically. Uses the shipped artifacts; never trains a full model."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import numpy as np
import pytest

from qinglang.detectors import Views
from qinglang.engine import Engine
from qinglang.errors import ConfigError
from qinglang.eval.perturb import perturb
from qinglang.model import Content
from qinglang.models.detector import ModelDetector
from qinglang.models.features import keys, locate, views_of
from qinglang.models.linear import Fused, LinearModel
from qinglang.text.normalize import default_normalizer, normalize
from qinglang.text.phonetic import segment_pinyin

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared" / "data"

# Our own sentences (not from the data sets), written for these tests.
OFFENSIVE = [
    "黑鬼都是垃圾，滚出中国去",
    "河南人都是骗子，偷井盖的玩意儿",
    "女人就是头发长见识短，只配在家生孩子",
]
CLEAN = ["今天天气很好，我们去公园散步吧", "这家店的牛肉面味道不错，下次还来"]


@pytest.fixture(scope="module")
def detector() -> ModelDetector:
    return ModelDetector.shipped()


def _views(text: str) -> Views:
    return Views.build(Content(id="t", text=text), default_normalizer())


def test_shipped_models_load_with_provenance() -> None:
    for name in ("cold", "swsr"):
        m = LinearModel.shipped(name)
        assert m.meta["seed"] == 13
        assert all(len(h) == 64 for h in m.meta["data"].values())
        assert m.meta["dev"]["clean"]["accuracy"] > 0.7
        assert m.meta["dev"]["reliability"], "calibration table is recorded"
        size = sum(p.stat().st_size for p in (ROOT / "qinglang" / "models" / "data").glob(f"{name}.*"))
        assert size < 6_000_000, f"{name} ships {size} bytes"


def test_fused_table_scores_each_model_as_it_scores_alone(detector: ModelDetector) -> None:
    fused = Fused(detector.models)
    for text in [*OFFENSIVE, *CLEAN, "nmsl，hnr dou shi pianzi"]:
        g = keys(views_of(normalize(text)))
        together = fused.score(g)
        for k, m in enumerate(detector.models):
            alone = Fused([m]).score(g)[0]
            assert together[k] == alone, (text, m.name)
            assert alone.p == pytest.approx(m.score(normalize(text)))


def test_cloaked_posts_are_routed_to_the_robust_submodel(detector: ModelDetector) -> None:
    fused = Fused(detector.models)

    def routes(text: str) -> set[str]:
        return {s.route for s in fused.score(keys(views_of(normalize(text))))}

    assert routes(CLEAN[0]) == {"t"}
    assert routes(OFFENSIVE[1]) == {"t"}
    written_in_initials = perturb(OFFENSIVE[1], "initials", random.Random(3), rate=1.0)
    assert routes(written_in_initials) == {"latin"}
    assert routes(perturb(OFFENSIVE[1], "pinyin", random.Random(3), rate=1.0)) == {"latin"}
    # Homophones at a high rate leave few known text n-grams: the sound-class view takes over.
    assert "r" in routes(perturb(OFFENSIVE[1], "homophone", random.Random(3), rate=1.0))


def test_keys_locate_their_ngrams_in_the_canonical_text() -> None:
    nt = normalize("你是shuaige吗，河南人")  # (a cloaked toxic word would be written back: tests/text/test_decloak.py)
    views = views_of(nt)
    g = keys(views)
    # The t block: every order of the canonical text, in order; its spans are the n-grams themselves.
    t = nt.text
    expected = sum(max(len(t) - n + 1, 0) for n in (1, 2, 3, 4))
    assert len(g.t) == expected
    assert locate(views, "t", 0) == (0, 1)
    assert locate(views, "t", len(t)) == (0, 2)  # first bigram
    # The r block starts with the sound-class view: syllable "shuai" maps back to "shuai" in the text.
    spans = {locate(views, "r", j) for j in range(len(g.r))}
    assert (2, 7) in spans and all(0 <= a < b <= len(t) for a, b in spans)
    assert g.latin == 7 and g.cjk == 6


def test_model_trained_on_other_ngram_orders_is_rejected() -> None:
    m = LinearModel.shipped("cold")
    meta = json.loads(json.dumps(m.meta))
    meta["params"]["views"]["i"] = [2, 3, 4, 5, 6]
    with pytest.raises(ConfigError, match="trained on n-gram orders"):
        LinearModel(meta, m.arrays())


def test_unknown_model_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no shipped model 'nope'"):
        LinearModel.shipped("nope")


@pytest.mark.parametrize("text", ["", "😀", "a" * 5000, "哈" * 3000, "\x00\u200b", *CLEAN, *OFFENSIVE])
def test_scores_are_probabilities(detector: ModelDetector, text: str) -> None:
    for name, (p, _) in detector.scores(_views(text)).items():
        assert 0.0 <= p <= 1.0, name


@pytest.mark.parametrize("text", OFFENSIVE)
def test_offensive_text_flagged_with_evidence_in_the_original(detector: ModelDetector, text: str) -> None:
    signals = detector.detect(Content(id="t", text=text), _views(text))
    assert {s.label for s in signals} & {"abuse", "antagonism"}
    for s in signals:
        assert s.score >= 0.5 and s.evidence
        for ev in s.evidence:
            assert text[ev.start:ev.end] == ev.text and ev.text
            assert ev.value and "@" in ev.value and ev.detector.startswith("model@")


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_not_flagged(detector: ModelDetector, text: str) -> None:
    assert detector.detect(Content(id="t", text=text), _views(text)) == []


@pytest.mark.parametrize("kind", ["homophone", "pinyin", "initials", "split", "separator", "lookalike", "traditional",
                                  "emoji"])
def test_cloaked_offensive_text_still_flagged(detector: ModelDetector, kind: str) -> None:
    rng = random.Random(7)
    text = OFFENSIVE[0]
    cloaked = perturb(text, kind, rng, rate=0.5)
    assert cloaked != text or kind == "emoji"
    signals = detector.detect(Content(id="t", text=cloaked), _views(cloaked))
    assert any(s.label == "antagonism" for s in signals), cloaked
    for s in signals:
        for ev in s.evidence:
            assert cloaked[ev.start:ev.end] == ev.text


def test_engine_default_registry_runs_the_models() -> None:
    engine = Engine.from_config()
    d = engine.moderate({"id": "x", "text": OFFENSIVE[1]})
    found = {lab.label: lab for lab in d.labels}
    assert "antagonism" in found
    assert any(ev.detector.startswith("model@") for ev in found["antagonism"].evidence)
    assert d.action != "pass"


def test_pinyin_segmentation_and_view_offsets() -> None:
    assert segment_pinyin("shabi") == [("sha", True), ("bi", True)]
    assert all(not syl for _, syl in segment_pinyin("nmsl"))
    text = "你是shabi吗"
    nt = normalize(text)
    _, p, i = views_of(nt)
    assert len(p.text) == len(i.text) == 5  # 你 是 sha bi 吗
    assert p.span(2, 4) == (2, 7) and nt.text[2:7] == "shabi"
    assert i.text[2:4] == "sb"
    # The pinyin spelling meets the characters in the sound-class view.
    assert views_of(normalize("你是傻逼吗"))[1].text == p.text


def test_initials_run_keeps_every_letter_in_the_initials_view() -> None:
    # 真恶心啊那个男的 in initials is zexangnd: read as syllables (ze, ang) it would lose e and a.
    clean, cloaked = "真恶心啊那个男的", "zexangnd"
    assert perturb(clean, "initials", random.Random(0), rate=1.0) == cloaked
    assert views_of(normalize(cloaked))[2].text == views_of(normalize(clean))[2].text == cloaked
    assert views_of(normalize("你是shabi吗"))[2].text == "nssbm"  # a pinyin run is still read as syllables


def test_initials_below_rate_one_abbreviates_whole_words() -> None:
    text = "你们这些黑人真是傻逼，滚回非洲去吧"
    assert perturb(text, "initials", random.Random(1), rate=1.0) == "nmzxhrzssb，ghfzqb"
    words = ["你们", "这些", "黑人", "真是", "傻", "逼", "，", "滚回", "非洲", "去", "吧"]  # jieba, HMM off
    kept = abbreviated = 0
    for seed in range(20):
        cloaked = perturb(text, "initials", random.Random(seed), rate=0.5)
        # Each word is either kept or written as its initials, never half of each.
        pos = 0
        for word in words:
            abbr = views_of(normalize(word))[2].text if word != "，" else word
            if cloaked.startswith(word, pos):
                pos, kept = pos + len(word), kept + 1
            else:
                assert cloaked.startswith(abbr, pos), (seed, cloaked, word)
                pos, abbreviated = pos + len(abbr), abbreviated + 1
        assert pos == len(cloaked)
    assert kept and abbreviated


def test_eval_cli_prints_confusion_matrix_for_one_detector(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from qinglang.cli import _register, app

    _register()
    rows = [{"id": f"o{k}", "text": t, "label": 1} for k, t in enumerate(OFFENSIVE)]
    rows += [{"id": f"c{k}", "text": t, "label": 0} for k, t in enumerate(CLEAN)]
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    res = CliRunner().invoke(app, ["eval", str(path), "--label", "antagonism", "--detector", "model"])
    assert res.exit_code == 0, res.output
    assert "confusion matrix" in res.output and "detector=model" in res.output
    res = CliRunner().invoke(app, ["eval", str(path), "--label", "antagonism", "--detector", "model", "--json"])
    counts = json.loads(res.output)["antagonism"]
    assert counts["tp"] == 3 and counts["fp"] == 0


@pytest.mark.skipif(not (SHARED / "cold" / "train.jsonl").exists(), reason="needs ../shared/data")
def test_training_is_deterministic_on_a_subset(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(ROOT / "tools"))
    import train_models

    args = ["cold", "--limit", "300", "--c", "4", "--no-cloaked-eval", "--data", str(SHARED)]
    for out in ("a", "b"):
        assert train_models.main([*args, "--out", str(tmp_path / out)]) == 0
    a, b = np.load(tmp_path / "a" / "cold.npz"), np.load(tmp_path / "b" / "cold.npz")
    for key in a.files:
        assert np.array_equal(a[key], b[key]), key
    meta = json.loads((tmp_path / "a" / "cold.json").read_text("utf-8"))
    assert meta["n_train"] == 300 and meta["params"]["C"] == 4.0


def test_model_evidence_has_no_punctuation_at_its_edges() -> None:
    """An n-gram may take in the comma after a word; the evidence span is the words only."""
    from qinglang.models.detector import _trim

    assert _trim("你真是个sha逼，nmsl", 4, 9) == (4, 8)
    assert _trim("，。", 0, 2) is None


def test_a_model_alone_never_reaches_a_block_threshold() -> None:
    """The registry's contract: a learned model alone reaches review at most (a human confirms). Its score cap per
    label stays below the lowest score at which any shipped policy blocks that label (on any surface, any day)."""
    from qinglang.policy import load_policies, shipped_policy_dir

    eng = Engine()
    policy = load_policies([shipped_policy_dir()])
    for det in (d for d in eng.detectors if isinstance(d, ModelDetector)):
        # each model reports within its own group's band: the detector's own models, or the campaign heads
        caps = {(label, group.label_max.get(label, group.max_score))
                for m, group in zip(det.models, det._group, strict=True) for label in m.meta["labels"]}
        for label, cap in caps:
            for pf in policy.files:
                for rule in pf.rules:
                    if rule.then.action != "block" or label not in (rule.when.labels or ()):
                        continue
                    ms = rule.when.min_score
                    lowest = min(ms.values()) if isinstance(ms, dict) else ms
                    assert cap < lowest, f"{det.name}: {label} capped at {cap}, {rule.id} blocks from {lowest}"
