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
        assert len(r["nn"]) == bank.k_max and r["votes"].shape == (len(bank.labels),)


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


# ---- session 18 (semantic18): the label an example was written for, rivals, the vote's cost -------------------------
def _co(co_weight: float = 0.25) -> WriterBank:
    """Three examples: one written for antagonism that also names abuse, one written for abuse, one gambling SMS that
    also carries its 引流 link (labels gambling, drainage: not rivals)."""
    v = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], dtype=np.float32)
    ex = np.array([[True, True, False, False], [True, False, False, False],  # abuse, antagonism, drainage, gambling
                   [False, False, True, True]])
    near = np.zeros_like(ex)
    return WriterBank(("abuse", "antagonism", "drainage", "gambling"), v, ex, near, ("A", "B", "C"),
                      ("a-1", "b-1", "c-1"), ("地域黑还骂人", "你个废物", "彩金到账 加群"), {"abuse": 0.5}, k=1,
                      sharpness=0.0, primary=np.array([1, 0, 3]), co_weight=co_weight,
                      rivals=(("abuse", "antagonism"),))


def test_a_rival_co_label_votes_its_share_other_labels_in_full() -> None:
    """An antagonism row that also insults votes antagonism 1 and abuse only `co_weight` (the two compete for the same
    words); the row written for abuse votes abuse 1; a gambling SMS with its 引流 link votes both gambling and drainage
    in full. Without `primary` (banks before session 18) every label of the list counts 1."""
    bank = _co(0.25)
    votes, _, _ = bank.votes(np.array([1.0, 0.0, 0.0], dtype=np.float32))
    assert votes[1] == pytest.approx(1.0) and votes[0] == pytest.approx(0.25)
    votes, _, _ = bank.votes(np.array([0.0, 1.0, 0.0], dtype=np.float32))
    assert votes[0] == pytest.approx(1.0) and votes[1] == 0.0
    votes, _, _ = bank.votes(np.array([0.0, 0.0, 1.0], dtype=np.float32))
    assert votes[2] == pytest.approx(1.0) and votes[3] == pytest.approx(1.0)
    assert _co(0.0).votes(np.array([1.0, 0.0, 0.0], dtype=np.float32))[0][0] == 0.0
    old = WriterBank(bank.labels, bank.vectors, bank.examples, bank.near, bank.groups, bank.ids, bank.texts,
                     bank.floors, k=1, sharpness=0.0)
    assert old.votes(np.array([1.0, 0.0, 0.0], dtype=np.float32))[0][0] == pytest.approx(1.0)
    assert bank.written_for(0) == "antagonism" and bank.describe(0, 0.9)["for"] == "antagonism"
    assert bank.without({"B"}).written_for(0) == "antagonism"


def test_rivals_and_written_for_labels_are_checked() -> None:
    bank = _co()
    assert bank.rivals_of({"antagonism"}) == {"abuse"} and bank.rivals_of({"abuse"}) == {"antagonism"}
    assert bank.rivals_of({"porn"}) == set()
    args = (bank.labels, bank.vectors, bank.examples, bank.near, bank.groups, bank.ids, bank.texts, {})
    with pytest.raises(ConfigError):  # the row written for abuse does not carry antagonism
        WriterBank(*args, primary=np.array([1, 1, 3]))
    with pytest.raises(ConfigError):  # a violation needs the label it was written for
        WriterBank(*args, primary=np.array([1, 0, -1]))
    with pytest.raises(ConfigError):
        WriterBank(*args, primary=np.array([1, 0, 3]), rivals=(("abuse", "grooming"),))
    with pytest.raises(ConfigError):
        WriterBank(*args, primary=np.array([1, 0, 3]), co_weight=1.5)


def test_bank_format_keeps_written_for_labels_co_weight_and_rivals(tmp_path: Path) -> None:
    bank = _co(0.25)
    path = tmp_path / "b.npz"
    save_bank(bank, path)
    back = load_writer_bank(path)
    assert back.primary is not None and list(back.primary) == [1, 0, 3]
    assert back.co_weight == 0.25 and back.rivals == (("abuse", "antagonism"),)
    assert np.allclose(back.weights, bank.weights)
    save_bank(WriterBank(bank.labels, bank.vectors, bank.examples, bank.near, bank.groups, bank.ids, bank.texts,
                         {}), path)  # a bank without written-for labels (session 17's format) loads as it voted
    old = load_writer_bank(path)
    assert old.primary is None and old.co_weight == 1.0 and np.array_equal(old.weights, bank.examples)


def test_the_tier_leaves_alone_the_rival_of_a_label_the_cheap_pass_acts_on() -> None:
    """The fresh sets' wrong co-labels (abuse on an antagonism post, grooming on a 引流 post): where the cheap pass acts
    on one label of a rival pair, the tier does not add the other."""
    from qinglang.detectors.base import Views
    from qinglang.engine import Engine
    from qinglang.model import Content, Signal

    eng = Engine()
    det = next(d for d in eng.detectors if getattr(d, "writers", None) is not None)
    assert ("drainage", "grooming") in det.writers.rivals and ("abuse", "antagonism") in det.writers.rivals
    # a private message (session 19: elsewhere the tier leaves grooming alone whatever the cheap pass found)
    content = {"id": "r", "kind": "message", "surface": "private_chat", "text": "加我微信 abc_777 私聊"}
    views = Views.build(Content.from_json(content), eng.normalizer)
    acted = [Signal("drainage", 0.9, "contact.wechat", "contact@1", ())]
    assert "grooming" in det.leaves_alone(views, acted)
    weak = [Signal("drainage", 0.2, "contact.wechat", "contact@1", ())]  # a candidate, not acted on
    assert "grooming" not in det.leaves_alone(views, weak)


def test_shipped_bank_examples_are_written_for_the_rows_first_label() -> None:
    import writer_sets

    bank = load_writer_bank()
    assert bank.primary is not None and 0.0 <= bank.co_weight < 1.0 and bank.rivals
    rows = {(g, r["id"]): r for g, _p, r in writer_sets.rows()}
    for i in range(0, len(bank.ids), 89):
        r = rows[(bank.groups[i], bank.ids[i])]
        first = next((lb for lb in r["expect"].get("labels") or [] if lb in bank.labels), None)
        assert bank.written_for(i) == (first if r["expect"].get("violation") else None)


def test_the_vote_along_the_exemplars_is_the_row_product() -> None:
    """`columns` (the vectors as (dim, n)) is a layout for speed: the same neighbours and votes as the product along
    each row, on posts of the bank's own vectors and mixtures of them."""
    bank = load_writer_bank()
    rng = np.random.default_rng(18)
    picks = rng.choice(len(bank.ids), size=(60, 2))
    for a, b in picks:
        q = bank.vectors[a] + 0.5 * bank.vectors[b]
        q = (q / np.linalg.norm(q)).astype(np.float32)
        sims = np.einsum("ij,j->i", bank.vectors, q)
        votes, idx, got = bank.votes(q)
        assert np.allclose(got, sims[idx], atol=1e-5)
        assert np.allclose(np.sort(sims)[::-1][:bank.k_max], got, atol=1e-5)
        w = np.exp(bank.sharpness * (sims[idx] - 1.0))
        for col, label in enumerate(bank.labels):  # each label over its own k nearest (session 21: `label_k`)
            kk = bank.k_of(label)
            want = (w[:kk] @ bank.weights[idx[:kk], col]) / w[:kk].sum()
            assert votes[col] == pytest.approx(want, abs=1e-5)


def test_the_votes_of_many_posts_are_each_posts_votes() -> None:
    """`votes_many` (the bulk path's gated posts of a batch): each post's votes, neighbours and cosines exactly as
    `votes` gives them alone (the tier's signals then come from the same `vote_with`)."""
    bank = load_writer_bank()
    rng = np.random.default_rng(20)
    qs = [bank.vectors[a] + 0.5 * bank.vectors[b] for a, b in rng.choice(len(bank.ids), size=(90, 2))]
    qs = np.stack([(q / np.linalg.norm(q)).astype(np.float32) for q in qs] + [np.zeros(bank.vectors.shape[1],
                                                                                       dtype=np.float32)])
    for q, (votes, idx, sims) in zip(qs, bank.votes_many(qs), strict=True):
        alone = bank.votes(q)
        assert np.array_equal(votes, alone[0]) and np.array_equal(idx, alone[1]) and np.array_equal(sims, alone[2])


def test_floor_choice_counts_the_wrong_labels_a_floor_adds() -> None:
    """tools/build_writer_bank: a label the tier adds that the writer did not expect, standing in the decision, is a
    wrong label (on a violation or an innocent row); one already there before, or expected, is not."""
    import build_writer_bank as b

    from qinglang.model import Signal

    row = {"expect": {"labels": ["antagonism"]}}
    assert b.wrong_labels(row, frozenset({"antagonism"}), frozenset({"antagonism", "abuse"}), {"abuse"}) == 1
    assert b.wrong_labels(row, frozenset({"abuse"}), frozenset({"abuse"}), {"abuse"}) == 0
    assert b.wrong_labels(row, frozenset(), frozenset({"antagonism"}), {"antagonism"}) == 0
    assert b.wrong_labels(row, frozenset(), frozenset(), {"abuse"}) == 0
    rec = {"skip": {"porn"}, "signals": [Signal("antagonism", 0.8, "r", "d", ())]}
    assert b.skipped(rec, _co()) == {"porn", "abuse"}


# ---- session 19 (semantic19): the gate opens on a candidate of any bank label ----------------------------------------
def test_the_gate_opens_on_a_candidate_of_any_bank_label_where_the_bank_says_so(tmp_path: Path) -> None:
    """Session 18's gate opened only on candidates of the labels with a floor: a post whose cheap-pass cue is of a
    label the floors drop (a weak porn cue) never reached the vote for the labels that are listed. A bank built with
    `gate="bank"` opens on a candidate of any label it has examples of; the floors still decide what is reported. The
    gate travels in the bank file (banks before session 19 load as `listed`)."""
    from qinglang.detectors.base import Views
    from qinglang.detectors.semantic import SemanticDetector
    from qinglang.engine import Engine
    from qinglang.model import Content, Signal

    toy = _toy({"grooming": 0.5})
    assert toy.gate == "listed" and toy.gate_labels == {"grooming"}
    wide = WriterBank(toy.labels, toy.vectors, toy.examples, toy.near, toy.groups, toy.ids, toy.texts, toy.floors,
                      k=2, sharpness=0.0, gate="bank")
    assert wide.gate_labels == {"grooming", "porn"} and wide.without({"A"}).gate == "bank"
    with pytest.raises(ConfigError):
        WriterBank(toy.labels, toy.vectors, toy.examples, toy.near, toy.groups, toy.ids, toy.texts, {}, gate="all")
    path = tmp_path / "b.npz"
    save_bank(wide, path)
    assert load_writer_bank(path).gate == "bank"
    save_bank(toy, path)
    assert load_writer_bank(path).gate == "listed"

    eng = Engine()
    content = Content.from_json({"id": "g", "text": "今天的天气不错", "surface": "feed"})
    views = Views.build(content, eng.normalizer)
    weak = [Signal("porn", 0.2, "lexicon.porn", "lexicon@1", ())]  # a candidate of an unlisted label
    for bank, opens in ((toy, False), (wide, True)):
        det = SemanticDetector(embedder="static", bank="writers", max_score=0.62, writer_bank=bank)
        assert det.supported_labels == {"grooming"}  # reported: the listed labels only, either way
        assert det.gate(content, views, weak) is opens
        assert det.gate(content, views, []) is False


def test_the_shipped_bank_gates_on_every_label_and_the_builder_replays_that_gate() -> None:
    """The shipped bank's floors were chosen with the gate it ships (`build_writer_bank.GATE`); the builder's replay
    opens the gate on a recorded candidate of an unlisted label only under that gate."""
    import build_writer_bank as b

    bank = load_writer_bank()
    assert bank.gate == b.GATE == "bank" and bank.gate_labels == set(bank.labels)
    # the exact search (`knn.nearest`) indexes a row-major float32 bank; any other layout goes to the full scan
    assert bank.vectors.dtype == np.float32 and bank.vectors.flags.c_contiguous and len(bank.ids) > 22000
    assert set(bank.floors) < set(bank.labels)
    unlisted = next(lb for lb in bank.labels if lb not in bank.floors)
    listed = sorted(bank.floors)[0]
    k = bank.labels.index(listed)
    votes = np.zeros(len(bank.labels), dtype=np.float32)
    votes[k] = 1.0
    first = int(np.flatnonzero(bank.examples[:, k])[0])
    row = {"votes": votes, "nn": np.array([first]), "sensitive": False, "opens": {unlisted}, "skip": set(),
           "signals": []}
    assert [s.label for s in b.tier_signals(row, bank, bank.floors)] == [listed]
    narrow = b.tier_signals(row, bank, bank.floors, listed=set(bank.floors))
    assert narrow == []


# ---- session 20 (semantic20): the bank on every writer set ---------------------------------------------------------
def test_the_shipped_bank_holds_every_writer_set_and_names_the_report_half_its_floors_were_chosen_without() -> None:
    """The bank is rebuilt on every writer set `writer_sets.rows()` yields (92 in session 22: S27, S28, t39, t40,
    unseen22 and unseen23 joined), never a holdout row; its `meta` names the report half left out of every bank its
    floors were measured with (`writer_sets.RULES_REPORT`) and the one command that builds it. At the start of a
    session the sets it names move on before the bank is rebuilt: it may lag by this session's tune and report sets,
    and then names the last session's report half."""
    import writer_sets

    bank = load_writer_bank()
    sets = {g for g, _p in writer_sets.sources()}
    fresh = set(writer_sets.RULES_TUNE) | set(writer_sets.RULES_REPORT)
    assert bank.meta is not None and set(bank.groups) <= sets and sets - set(bank.groups) <= fresh
    assert len(set(bank.groups)) >= 92
    assert {"S27", "S28", "t39", "t40", "unseen22", "unseen23"} <= set(bank.groups)
    assert bank.meta["report_half"] in (sorted(writer_sets.RULES_REPORT), sorted(writer_sets.RULES_REPORT_BEFORE))
    assert bank.meta["command"] == "python tools/build_writer_bank.py"
    assert bank.meta["sets"] == sorted(set(bank.groups))
    # every row of the report half that can be an exemplar is one (the shipped bank read them; its floors did not)
    report = {g: {r["id"] for gg, _p, r in writer_sets.rows() if gg == g} for g in bank.meta["report_half"]}
    for g, ids in report.items():
        mine = {bank.ids[i] for i, gg in enumerate(bank.groups) if gg == g}
        assert mine and mine <= ids
    # floors only for labels the bank has examples of, on the builder's grid
    import build_writer_bank as b

    assert set(bank.floors) <= set(bank.labels) and set(bank.floors.values()) <= set(b.GRID)


def test_every_shipped_floor_stands_above_the_suites_own_innocent_rows() -> None:
    """`build_writer_bank.SUITE_ROWS`: the suite's own hard negatives (session 20 adds a bedtime story told to a child
    in minors mode, which sits among twisted-fairy-tale minors_harm examples) vote below every listed floor of a label
    they may not carry, with every exemplar voting."""
    import build_writer_bank as b

    from qinglang.semantic.static import StaticEmbedder

    bank = load_writer_bank()
    emb = StaticEmbedder()
    assert "睡前故事《小红帽》：大灰狼假扮外婆，最后猎人救出了小红帽和外婆" in b.SUITE_ROWS
    for text, allowed in b.SUITE_ROWS.items():
        votes = bank.votes(emb.embed([text])[0])[0]
        for label, floor in bank.floors.items():
            if label not in allowed:
                assert float(votes[bank.labels.index(label)]) < floor, (text, label)


# ---- session 21 (semantic21): each label's own k; a neighbour of another surface ------------------------------------
def _line(label_k: dict[str, int] | None = None, surface_weight: float = 1.0) -> WriterBank:
    """Four exemplars at falling cosines to the post [1, 0]: a grooming example (private chat), a contrast (feed), two
    porn examples (feed)."""
    ang = np.array([0.0, 0.2, 0.4, 0.6])
    v = np.stack([np.cos(ang), np.sin(ang)], axis=1).astype(np.float32)
    ex = np.array([[True, False], [False, False], [False, True], [False, True]])
    return WriterBank(("grooming", "porn"), v, ex, np.zeros_like(ex), ("A", "B", "C", "D"),
                      ("a-1", "b-1", "c-1", "d-1"), ("叔叔给你买", "老师提醒", "看片", "福利"), {"porn": 0.5},
                      k=2, sharpness=0.0, label_k=label_k,
                      surfaces=("private_chat", "feed", "feed", "feed"), surface_weight=surface_weight)


def test_a_label_votes_over_its_own_number_of_nearest_neighbours() -> None:
    """`label_k`: porn reads its share among the 4 nearest (2 of 4), grooming among the bank's k = 2 (1 of 2); the
    neighbours found are the largest k; a bank without it votes every label over k."""
    q = np.array([1.0, 0.0], dtype=np.float32)
    bank = _line({"porn": 4})
    assert bank.k_max == 4 and bank.k_of("porn") == 4 and bank.k_of("grooming") == 2
    votes, idx, _ = bank.votes(q)
    assert list(idx) == [0, 1, 2, 3]
    assert votes[0] == pytest.approx(0.5) and votes[1] == pytest.approx(0.5)
    plain, idx, _ = _line().votes(q)
    assert list(idx) == [0, 1] and plain[0] == pytest.approx(0.5) and plain[1] == 0.0
    assert np.array_equal(bank.votes_many(np.stack([q, q]))[1][0], votes)
    with pytest.raises(ConfigError):
        _line({"gambling": 10})
    with pytest.raises(ConfigError):
        _line({"porn": 0})


def test_a_neighbour_written_for_another_surface_counts_its_share() -> None:
    """`surface_weight`: a feed post among a private message's grooming example and feed rows — the private message
    counts a quarter; read from a private chat, the feed rows do. Without the post's surface every neighbour counts
    in full; a weight below 1 needs the exemplars' surfaces."""
    q = np.array([1.0, 0.0], dtype=np.float32)
    bank = _line({"porn": 4}, surface_weight=0.25)
    feed = bank.votes(q, "feed")[0]
    assert feed[0] == pytest.approx(0.25 / 1.25) and feed[1] == pytest.approx(2 / 3.25)
    chat = bank.votes(q, "private_chat")[0]
    assert chat[0] == pytest.approx(1 / 1.25) and chat[1] == pytest.approx(0.5 / 1.75)
    assert np.array_equal(bank.votes(q)[0], _line({"porn": 4}).votes(q)[0])
    many = bank.votes_many(np.stack([q, q]), ["feed", "private_chat"])
    assert np.array_equal(many[0][0], feed) and np.array_equal(many[1][0], chat)
    b = _line()
    with pytest.raises(ConfigError):
        WriterBank(b.labels, b.vectors, b.examples, b.near, b.groups, b.ids, b.texts, {}, surface_weight=0.5)


def test_bank_format_keeps_label_k_and_surfaces(tmp_path: Path) -> None:
    bank = _line({"porn": 4}, surface_weight=0.25)
    path = tmp_path / "b.npz"
    save_bank(bank, path)
    back = load_writer_bank(path)
    assert back.label_k == {"porn": 4} and back.surfaces == bank.surfaces and back.surface_weight == 0.25
    q = np.array([1.0, 0.0], dtype=np.float32)
    assert np.allclose(back.votes(q, "feed")[0], bank.votes(q, "feed")[0], atol=1e-3)
    save_bank(_toy(), path)  # a bank before session 21: every label over k, every surface in full
    old = load_writer_bank(path)
    assert old.label_k is None and old.surfaces is None and old.surface_weight == 1.0 and old.k_max == old.k


def test_the_builders_leave_one_set_out_vote_is_the_shipped_vote_without_the_rows_set() -> None:
    """tools/build_writer_bank.loso_votes (what the floors and each label's k are chosen with) gives a row the vote
    `WriterBank.votes` gives it from the bank without the row's own set: per-label k and the surface discount
    included."""
    import build_writer_bank as b

    class Obj:
        surface = "feed"

    bank = _line({"porn": 4}, surface_weight=0.25)
    q = np.array([0.99, 0.14], dtype=np.float32)
    q = q / np.linalg.norm(q)
    # with k_max 4 and one set left out only three exemplars remain: a fifth (set E) keeps the search full
    v = np.vstack([bank.vectors, [[0.0, 1.0]]]).astype(np.float32)
    ex = np.vstack([bank.examples, [[False, False]]])
    full = WriterBank(bank.labels, v, ex, np.zeros_like(ex), (*bank.groups, "E"), (*bank.ids, "e-1"),
                      (*bank.texts, "天气"), bank.floors, k=2, sharpness=5.0, label_k={"porn": 4},
                      surfaces=(*bank.surfaces, "feed"), surface_weight=0.25)  # type: ignore[misc]
    row = {"gated": True, "q": q, "group": "B", "obj": Obj()}
    b.loso_votes([row], full)
    want, idx, _ = full.without({"B"}).votes(q, "feed")
    assert np.allclose(row["votes"], want, atol=1e-5)
    assert [full.groups[i] for i in row["nn"]] == [full.without({"B"}).groups[i] for i in idx]


def test_a_floor_that_gains_one_tune_row_lists_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """build_writer_bank.choose_floors_once: a label is listed only where its floor gains at least `MIN_GAIN` (two)
    tune violations; a single row gained, however cheaply, is no evidence that the vote carries."""
    import build_writer_bank as b

    monkeypatch.setattr(b, "suite_votes", lambda bank: {})  # the suite's rows are in the static table's space
    bank = _line()

    def rows_gaining(n: int) -> list[dict[str, object]]:
        return [{"group": "A", "key": f"k{i}", "votes": np.array([0.0, 0.99], dtype=np.float32),
                 "nn": np.array([2, 3]), "skip": set(), "signals": [], "violation": True, "hard": False,
                 "expect": {"labels": ["porn"]}} for i in range(n)]

    def outcome(r: dict[str, object], add: list[object]) -> tuple[bool, bool, frozenset[str]]:
        return (bool(add), bool(add), frozenset(s.label for s in add))  # type: ignore[attr-defined]

    base = {f"k{i}": (False, False, frozenset()) for i in range(3)}
    floors, table = b.choose_floors_once(rows_gaining(1), bank, outcome, base, None, set(bank.labels))
    assert "porn" not in floors and table["porn"]["0.4"]["caught"] == 1 and table["porn"]["0.4"]["hard"] == 0
    floors, _ = b.choose_floors_once(rows_gaining(2), bank, outcome, base, None, set(bank.labels))
    assert b.MIN_GAIN == 2 and floors.get("porn") == b.GRID[0]
