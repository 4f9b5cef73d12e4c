"""The writer bank (session 17): format, provenance back to the writer sets, the kNN vote, leave-one-set-out scoring,
and the tier's evidence naming the nearest exemplars."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from qinglang.errors import ConfigError
from qinglang.semantic.writers import WriterBank, load_writer_bank, quantized, save_bank

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))


def _toy(floors: dict[str, float] | None = None) -> WriterBank:
    """Three exemplars on the unit circle: two examples of `grooming` (sets A, B), one contrast (set C)."""
    v = np.array([[1.0, 0.0], [0.9, np.sqrt(1 - 0.81)], [0.0, 1.0]], dtype=np.float32)
    ex = np.array([[True, False], [True, False], [False, False]])
    near = np.array([[False, False], [False, False], [True, False]])
    return WriterBank(("grooming", "porn"), v, ex, near, ("A", "B", "C"), ("a-1", "b-1", "c-1"),
                      ("叔叔给你买", "别告诉妈妈", "老师提醒"), floors or {"grooming": 0.5}, k=2, sharpness=0.0)


def test_vote_is_the_weighted_share_of_a_labels_examples_among_the_k_nearest() -> None:
    bank = _toy()
    votes, idx, sims = bank.votes(np.array([1.0, 0.0], dtype=np.float32))
    assert list(idx) == [0, 1] and sims[0] == pytest.approx(1.0)
    assert votes[0] == pytest.approx(1.0) and votes[1] == 0.0
    votes, idx, _ = bank.votes(np.array([0.0, 1.0], dtype=np.float32))  # nearest: the contrast, then set B
    assert list(idx) == [2, 1] and votes[0] == pytest.approx(0.5)


def test_without_a_set_drops_its_exemplars_and_never_names_them() -> None:
    bank = _toy().without({"A"})
    assert bank.groups == ("B", "C") and bank.ids == ("b-1", "c-1") and len(bank.vectors) == 2
    _, idx, _ = bank.votes(np.array([1.0, 0.0], dtype=np.float32))
    assert "A" not in {bank.groups[i] for i in idx}
    assert _toy().without({"Z"}) is not None


def test_bank_format_round_trips_with_provenance(tmp_path: Path) -> None:
    bank = _toy({"grooming": 0.7})
    path = tmp_path / "b.npz"
    save_bank(bank, path)
    back = load_writer_bank(path)
    assert back.labels == bank.labels and back.groups == bank.groups and back.ids == bank.ids
    assert back.texts == bank.texts and back.floors == {"grooming": 0.7} and back.k == 2
    assert np.array_equal(back.examples, bank.examples) and np.array_equal(back.near, bank.near)
    # int8 on disk: what loads is what the builder scored with (`quantized`), within 1/127 of the float vectors
    assert np.allclose(back.vectors, quantized(bank.vectors), atol=1e-6) and len(back.digest) == 64
    assert np.allclose(back.vectors, bank.vectors, atol=0.01)
    assert back.describe(2, 0.5) == {"set": "C", "id": "c-1", "cos": 0.5, "side": "contrast",
                                     "labels": ["grooming"], "text": "老师提醒"}


def test_a_bank_that_does_not_add_up_is_refused() -> None:
    bank = _toy()
    with pytest.raises(ConfigError):
        WriterBank(bank.labels, bank.vectors, bank.examples, bank.near, bank.groups[:2], bank.ids, bank.texts, {})
    with pytest.raises(ConfigError):
        WriterBank(bank.labels, bank.vectors, bank.examples, bank.near, bank.groups, bank.ids, bank.texts,
                   {"gambling": 0.5})


def test_shipped_bank_exemplars_are_writer_rows_with_their_labels() -> None:
    """Every exemplar names a real row of a writer set: examples carry exactly the row's expected labels (of the
    bank's), contrasts are innocent hard negatives; no blind holdout row is in it."""
    import writer_sets

    bank = load_writer_bank()
    assert len(bank.ids) > 5000 and set(bank.floors) and set(bank.floors) <= set(bank.labels)
    rows = {(g, r["id"]): r for g, _p, r in writer_sets.rows()}
    for i in range(0, len(bank.ids), 97):
        r = rows[(bank.groups[i], bank.ids[i])]
        assert r.get("split") != "holdout"
        want = set(r["expect"].get("labels") or []) & set(bank.labels)
        got = {bank.labels[k] for k in np.flatnonzero(bank.examples[i])}
        if r["expect"].get("violation"):
            assert got == want
        else:
            assert not got and r.get("hard_negative")


def test_loso_scoring_never_reads_the_rows_own_set_or_the_report_half() -> None:
    """tools/build_writer_bank.loso_votes: a tune row is scored without its own set and the report half, a report
    row without the report half."""
    import build_writer_bank as b

    bank = load_writer_bank()
    q = bank.vectors[[bank.groups.index("S13"), bank.groups.index("S14")]]
    rows = [{"group": "S13", "gated": True, "q": q[0]}, {"group": "S14", "gated": True, "q": q[1]}]
    b.loso_votes(rows, bank)
    for r in rows:
        named = {bank.groups[i] for i in r["nn"]}
        assert r["group"] not in named and not (named & b.REPORT)
        assert len(r["nn"]) == bank.k and r["votes"].shape == (len(bank.labels),)


def test_writer_tier_evidence_names_the_nearest_exemplars() -> None:
    """A post that sits on k copies of one example of a label: the label's vote is 1, the signal is capped at
    max_score, its evidence names that exemplar's writer set and row id; a label in `skip` gets no signal."""
    from qinglang.detectors.semantic import SemanticDetector

    det = SemanticDetector(embedder="static", bank="writers", max_score=0.62)
    full = det.writers
    assert full is not None
    label = sorted(full.floors)[0]
    i = int(np.flatnonzero(full.examples[:, full.labels.index(label)])[0])
    k = full.k
    one = WriterBank(full.labels, full.vectors[[i] * k], full.examples[[i] * k], full.near[[i] * k],
                     (full.groups[i],) * k, (full.ids[i],) * k, (full.texts[i],) * k, full.floors, k, 10.0)
    sig = next(s for s in det.vote(one, full.vectors[i], set()) if s.label == label)
    ev = sig.evidence[0]
    assert ev.rule == f"semantic.{label}.writers" and ev.detector == det.id and ev.normalized == full.texts[i]
    assert f"nearest={full.groups[i]}/{full.ids[i]}:" in (ev.value or "")
    assert ev.detail and ev.detail["neighbours"][0]["set"] == full.groups[i] and ev.detail["vote"] == 1.0
    assert sig.score == 0.62
    assert label not in {s.label for s in det.vote(one, full.vectors[i], {label})}


def test_writers_bank_needs_the_static_table() -> None:
    from qinglang.detectors.semantic import SemanticDetector

    with pytest.raises(ConfigError):
        SemanticDetector(embedder="e5", bank="writers")


def test_a_structural_innocence_the_frames_know_keeps_the_tier_off_that_label() -> None:
    """A grandparent fetching the child from school sits, as a bag of words, among groomers' messages (the writer
    bank votes grooming); the grooming frames' `kin_speaker` veto is found in it, so the tier leaves grooming alone,
    while a stranger's same errand with a secret keeps it."""
    from qinglang.detectors.base import Views
    from qinglang.engine import Engine
    from qinglang.model import Content

    eng = Engine()
    det = next(d for d in eng.detectors if getattr(d, "writers", None) is not None)
    kin = Content.from_json({"id": "k", "text": "乖孙，奶奶去学校门口接你，带你去吃好吃的", "surface": "private_chat",
                             "audience": {"age": 12}})
    stranger = Content.from_json({"id": "s", "text": "周末我开车去你学校门口接你，带你去吃好吃的，不要跟家里说",
                                  "surface": "private_chat", "audience": {"age": 12}})
    assert "grooming" in det.leaves_alone(Views.build(kin, eng.normalizer), [])
    assert "grooming" not in det.leaves_alone(Views.build(stranger, eng.normalizer), [])
    assert eng.moderate(kin).action in ("pass", "label")


def test_the_writer_tier_never_calls_a_licensed_outlet_unlicensed() -> None:
    """The merge of session 17: a licensed outlet's live report sits nearest to unlicensed examples; the label is about
    the licence, so the tier leaves it to the news detector's licence check."""
    from qinglang.engine import Engine

    eng = Engine()
    text = "各位网友，我们正在化工厂爆炸现场进行直播报道，现在连线一位附近的目击者"
    outlet = {"name": "南岭日报", "news_license": "44120170001", "verified": True}
    licensed = eng.moderate({"id": "n-1", "kind": "post", "text": text, "author": outlet})
    assert "unlicensed_news" not in {lr.label for lr in licensed.labels}
    bare = eng.moderate({"id": "n-2", "kind": "post", "text": text, "author": {"name": "路人小王"}})
    assert "unlicensed_news" in {lr.label for lr in bare.labels}
