"""The recall heads (qinglang/models/recall.py; docs/models.md, "Session 12 (heads12)"): the shipped model carries
its provenance and the leave-one-set-out figures its floors were chosen and shipped on (tune half / report half,
through the engine), files round-trip, the detector reads the model detector's n-gram keys and the static embedding
(computed only where it can lift a label), its evidence names the words that raised the score, its signal is capped
at review, and the trainer never reads holdout rows and scores every writer set with a model that never read it.
Uses the shipped artifact; never trains."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from qinglang.detectors import Views
from qinglang.engine import Engine
from qinglang.errors import ConfigError
from qinglang.model import Content
from qinglang.models import recall as R
from qinglang.text.normalize import default_normalizer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import train_recall_heads as trainer  # noqa: E402
import writer_sets  # noqa: E402


def _views(text: str) -> Views:
    return Views.build(Content(id="x", text=text), default_normalizer())


def _model(e_col: np.ndarray | None = None, b: float = -2.0, bits: int = 10) -> R.RecallModel:
    """A one-label model: no n-gram weights, embedding weights `e_col` (default zero), intercept `b`."""
    dim = R.embedder().dim
    e = np.zeros((dim, 1), np.float32) if e_col is None else e_col.reshape(dim, 1).astype(np.float32)
    return R.RecallModel({"name": "recall-test", "labels": ["staged"]}, np.zeros((1 << bits, 1), np.float32), e,
                         np.array([b]), bits, 1.0)


def test_shipped_model_carries_provenance_and_ships_only_heads_that_held_on_the_report_half() -> None:
    m = R.shipped()
    assert m.meta["command"] == "python tools/train_recall_heads.py"
    assert m.meta["digest"].startswith("sha256:") and m.version.startswith("1-")
    sets = set(m.meta["data"]["sets"])
    assert {"S1", "S2", "S5", "S6", "unseen7", "unseen8", "t1", "blindA"} <= sets and "holdout" not in sets
    cw = m.meta["cross_writer"]
    assert set(cw["report_sets"]) == set(trainer.REPORT) and not set(cw["tune_sets"]) & set(cw["report_sets"])
    assert m.meta["floors"], "at least one head ships"
    for label, floor in m.meta["floors"].items():
        fig = cw["per_label"][label]
        assert fig["floor"] == floor and fig["shipped"]
        # the ship rule, on sets not tuned on: gains, no hard negative more; a head the replaced model shipped stays
        # where it gains KEEP_PER_HARD per hard negative more (session 16)
        # session 17 (learn17): floors held, a held head stays unless the report half demands otherwise
        rule = trainer.held_ships if fig.get("held") else trainer.shipped
        assert rule(fig["report"], fig.get("incumbent") is not None)
        assert fig["tune"]["hard"] <= 0
    rep = cw["halves"]["report"]
    gain, hard = rep["caught_after"] - rep["caught_before"], rep["hard_after"] - rep["hard_before"]
    assert gain > 0 and gain >= trainer.KEEP_PER_HARD * max(hard, 0)


def test_files_round_trip_and_bad_arrays_are_config_errors(tmp_path: Path) -> None:
    m = R.shipped()
    m.save(tmp_path / "recall")
    again = R.RecallModel.load(tmp_path / "recall")
    nts = [nt for _, nt in _views("第三集｜婆婆把儿媳的行李扔出门，下集更精彩").items()]
    assert again.probabilities(nts) == pytest.approx(m.probabilities(nts), abs=1e-6)
    with pytest.raises(ConfigError, match="malformed"):
        R.RecallModel.from_arrays({"name": "x", "labels": ["a"]}, {"bits": np.array([4])})
    with pytest.raises(ConfigError, match="cannot load"):
        R.RecallModel.load(tmp_path / "missing")


def test_the_embedding_is_computed_only_where_it_can_lift_a_label_over_its_floor() -> None:
    emb = R.embedder()
    text = "周末带孩子去公园放风筝，天气很好，大家都玩得很开心"
    # zero embedding weights: the bound is 0, the n-gram logit (-2) is below the floor: not computed
    det = R.RecallDetector(_model(), floors={"staged": 0.5}, min_han=0)
    calls = emb.calls
    assert det.detect(Content(id="x", text=text), _views(text)) == []
    assert emb.calls == calls and text not in emb.memo
    # embedding weights along this post's own vector: computed, and the label reaches its floor
    v = emb.embed_one(R.post_text([nt for _, nt in _views(text).items()]))
    det = R.RecallDetector(_model(5.0 * v), floors={"staged": 0.5}, min_han=0)
    sig = det.detect(Content(id="x", text=text), _views(text))
    assert [s.label for s in sig] == ["staged"]


def test_signal_is_capped_names_the_words_that_raised_it_and_needs_enough_chinese() -> None:
    text = "周末带孩子去公园放风筝，天气很好，大家都玩得很开心"
    v = R.embedder().embed_one(R.post_text([nt for _, nt in _views(text).items()]))
    det = R.RecallDetector(_model(8.0 * v), floors={"staged": 0.5}, max_score=0.62, label_max={"staged": 0.4})
    (sig,) = det.detect(Content(id="x", text=text), _views(text))
    assert sig.score == 0.4 and sig.rule == "model.recall.staged" and sig.detector.startswith("recall@")
    ev = sig.evidence[0]
    assert ev.value is not None and ev.value.startswith("recall-test@") and " p=" in ev.value and " emb=+" in ev.value
    assert all(text[e.start:e.end] == e.text and e.text.strip("，。") == e.text for e in sig.evidence)
    assert det.detect(Content(id="y", text="好开心"), _views("好开心")) == []  # fewer than min_han characters
    with pytest.raises(ConfigError, match="no head"):
        R.RecallDetector(_model(), floors={"rumor": 0.9})


def test_default_engine_runs_the_recall_heads_at_the_shipped_floors() -> None:
    eng = Engine()
    det = next(d for d in eng.detectors if isinstance(d, R.RecallDetector))
    chosen = R.shipped().meta["floors"]
    # only heads the ship rule kept; the registry may drop one or raise a floor where the suite's own hard negatives
    # score at or above the trainer's floor, never add a head or lower a floor (session 15, learn15: the lowest grid
    # floor at least 0.01 above the suite's score: antagonism 0.95 (我们河南人就是实在… 0.928, 浙江省的人都很会做生意
    # 0.731), fan_frenzy 0.7 (理性追星… 0.673), grooming 0.97 (the grandmother's photo request 0.948), vulgar 0.9
    # (the cooking stream 0.890); minors_harm is not listed: a minors-mode children's song scores 0.981; at the merge
    # grooming came off by the same rule: minors15's mother's message to her child scores 0.977, above the grid's top)
    assert set(det.floors) <= set(chosen) <= set(trainer.LABELS)
    # session 16 (learn16): grooming fails the ship rule (0.93: report +2, a hard negative more); minors_harm passes
    # but is not listed (the minors-mode children's song scores 0.985, above the grid); water_army and wealth_flaunt
    # are listed for the first time
    # (session 18: minors_harm acts on a tune hard negative of the new sets and is not chosen; drainage is, unlisted)
    assert set(chosen) - set(det.floors) <= {"minors_harm", "clickbait", "drainage"} and "grooming" not in chosen
    assert {"water_army", "wealth_flaunt"} <= set(det.floors)
    assert all(det.floors[k] >= chosen[k] for k in det.floors)
    assert "rumor" in det.floors  # session 13: a label with no head before
    # session 15 (learn15): on 42 writer sets bullying (dropped in session 14), antagonism, fan_frenzy and grooming
    # pass the ship rule through the engine; the first three are listed; clickbait and drainage act on a report hard
    # negative at their tune floors and are not shipped
    assert {"bullying", "antagonism", "fan_frenzy", "extortion"} <= set(det.floors)
    # session 17 (learn17): floors held; clickbait passes on the six new sets (report +4, no hard negative more) but
    # acts on a hard negative of the whole report half (the 44-fold run): shipped in the model, not listed; drainage
    # and grooming add nothing on the six sets' report half; the heads are the refit pulled toward session 16's (0.7)
    # session 18 (learn18): retrained on 64 sets, pulled 0.3 toward the start tree's heads (the weight the tune half
    # picks: the refit gains as much there but loses a row the start heads caught), floors held. clickbait and drainage
    # pass on the eight new sets (held candidates) and ship in the model; the registry lists neither: clickbait acted
    # on a hard negative of the older report sets (session 17's full run), and the suite's neighbour handing over her
    # WeChat handle for the 业主群 scores 0.968, under 0.01 below 0.97, the grid's top. The held heads the new sets
    # neither credit nor blame stay (rumor, bullying, extortion: `held_ships`). vulgar held at 0.93: the cooking stream
    # that held it up scores 0.867 now, but the suite's innocent 弹幕 主播这个教程好细 scores above 0.9 (the merge).
    # session 19 (learn19): retrained on 74 sets, the refit (the tune half's choice over the pull 0.3: 779 against 778
    # caught of 979 at the branch registry, no hard negative more either way), floors held. clickbait listed at 0.93:
    # the lowest grid floor at least 0.01 above the older report set's hard negative that kept it off (S2, p 0.902);
    # over every set scored left out, 0.93 acts on no hard negative (docs/models.md, "Session 19 (learn19)")
    assert {"clickbait", "drainage"} <= set(chosen) and not {"drainage", "grooming"} & set(det.floors)
    assert det.floors["clickbait"] == 0.93
    assert {"rumor", "bullying", "extortion"} <= set(chosen) and det.floors["vulgar"] == 0.93
    # (sessions 19-22 shipped the refit; session 23 pulls it 0.7 toward the start tree's heads, as session 17 did)
    # session 20 (learn20): retrained on 80 sets (the refit, floors held). Left out over all 64 folds no floor of the
    # minors_harm head holds the tune half's hard negatives (0.97: +19 caught, 2 hard negatives more), nor of the
    # source_missing head (hard negatives at least its gains at every floor); an aigc_unlabeled head reaches its only
    # clean floor at the grid's top (0.97) with hard negatives at 0.955-0.969 and reads what a caption claims, not
    # whether the image is generated; local_concentration gains one row: none listed, no head for the last two
    assert not {"minors_harm", "source_missing", "grooming", "drainage"} & set(det.floors)
    assert not {"aigc_unlabeled", "local_concentration"} & set(trainer.LABELS)
    # and two floors raised over the suite's ordinary senses the new heads score just over the held floors
    # (tests/frames: a shop's return promise, false_ad 0.852; 我们河南人就是实在…, antagonism 0.9501), 0.01 above them
    # in 0.01 steps
    assert det.floors["false_ad"] == 0.87 and det.floors["antagonism"] == 0.97
    # session 21 (learn21): retrained on 86 sets (the refit, floors held). Two held floors act on a tune hard negative
    # of the new sets through the engine around them and are raised along the grid by the trainer itself (the rebuild
    # writes them): language_misuse 0.5 → 0.6 (lang20's cloak-form read promotes the head's 0.5; the floor session 20's
    # rebuild dropped) and false_science 0.75 → 0.8 (a debunk of false science); the registry lists the model's floors
    # (session 22 holds false_science at 0.8 and raises language_misuse again, below)
    per = R.shipped().meta["cross_writer"]["per_label"]
    assert det.floors["false_science"] == chosen["false_science"] == 0.8 and per["false_science"]["incumbent"] == 0.8
    # session 22 (learn22): retrained on 92 sets (the refit, floors held); the same rule raises two held floors that
    # act on a tune hard negative of the new sets through the engine around them: fan_frenzy 0.85 → 0.9 and
    # language_misuse 0.6 → 0.7; the registry follows
    # (session 23's refit holds both, fan_frenzy 0.9 and language_misuse 0.7, before the anchors below)
    assert per["fan_frenzy"]["incumbent"] == 0.9 and det.floors["fan_frenzy"] == chosen["fan_frenzy"] == 0.9
    # session 23 (learn23): retrained on 98 sets (pulled 0.7 toward the start tree's heads, floors held); session 20's
    # registry rule is the trainer's:
    # every floor it ships is held 0.01 above the heads' highest score on the innocent anchors
    # (tools/recall_anchors.yaml, the suite's spared sentences among them; tests/models/test_recall_anchors.py), and the
    # registry lists each head at the higher of its floor before and the model's
    raised = R.shipped().meta["anchors"]["raised"]
    assert R.shipped().meta["params"]["shrink_toward"]["weight"] == 0.7
    assert {"wealth_flaunt", "extortion", "enterprise_smear", "water_army"} <= set(raised)
    for label in ("wealth_flaunt", "extortion", "enterprise_smear", "water_army"):
        assert per[label]["anchor"] == raised[label] and det.floors[label] == chosen[label] == raised[label]["to"]
    assert chosen["wealth_flaunt"] == 0.76 and chosen["extortion"] == 0.9  # the village road; the newsroom's deadline
    assert chosen["water_army"] == 0.92 and "grooming" not in chosen  # 五星好评 on 同城; the meter reader at 0.955


def test_trainer_never_reads_holdout_rows_and_scores_each_set_with_a_model_that_never_read_it() -> None:
    import json

    rows = trainer.load_rows()
    holdout = {json.loads(line)["id"] for _, path in trainer.sources() for line in path.read_text("utf-8").splitlines()
               if line.strip() and json.loads(line).get("split") == "holdout"}
    assert rows and holdout and not holdout & {r["id"] for r in rows}
    groups = {r["group"] for r in rows}
    assert {f"unseen{k}" if k > 1 else "unseen" for k in range(1, 9)} <= groups
    assert {"S1", "S2", "S3", "S4", "S5", "S6"} <= groups  # every twin set named in writer_sets (session 13)
    assert {"unseen8", "S6"} <= set(trainer.REPORT) and {"S3", "S5"}.isdisjoint(trainer.REPORT)
    # session 14 (learn14): the newest scored set and the even new twin report; the odd one and t21 tune
    assert {"unseen9", "S8"} <= set(trainer.REPORT) and {"S7", "t21"}.isdisjoint(trainer.REPORT)
    assert {"unseen9", "S7", "S8", "t21"} <= groups
    # session 15 (learn15): the newest scored set and the even new twin report; the odd twin and t23/t24 tune
    assert {"unseen10", "S10"} <= set(trainer.REPORT) and {"S9", "t23", "t24"}.isdisjoint(trainer.REPORT)
    assert {"unseen10", "S9", "S10", "t23", "t24"} <= groups
    # session 16 (learn16): the newest scored set and one of each new pair report (S12, t26); S11 and t25 tune
    assert {"unseen11", "S12", "t26"} <= set(trainer.REPORT) and {"S11", "t25"}.isdisjoint(trainer.REPORT)
    assert {"unseen11", "S11", "S12", "t25", "t26"} <= groups
    # session 17 (learn17): the newest scored set and the rule engineers' report sets (unseen13, S14, t28) report;
    # unseen12, S13 and t27 tune
    assert {"unseen13", "S14", "t28"} <= set(trainer.REPORT)
    assert {"unseen12", "S13", "t27"}.isdisjoint(trainer.REPORT)
    assert {"unseen12", "unseen13", "S13", "S14", "t27", "t28"} <= groups
    # session 18 (learn18): the rule engineers' report half (unseen15, S15, S17, t30) reports; unseen14, S16, S18 and
    # t29 tune
    assert {"unseen15", "S15", "S17", "t30"} <= set(trainer.REPORT)
    assert {"unseen14", "S16", "S18", "t29"}.isdisjoint(trainer.REPORT)
    assert {"unseen14", "unseen15", "S15", "S16", "S17", "S18", "t29", "t30"} <= groups
    # session 19: session 18's sets are named and read (the heads learn them when learn19 retrains)
    assert {"unseen16", "unseen17", "S19", "S20", "t31", "t32", "S21", "S22", "t33", "t34"} <= groups
    # session 19 (learn19): the rule engineers' report half (unseen17, S20, t32) reports; unseen16, S19, t31 and the
    # session's training writers (S21, S22, t33, t34) tune; the shipped model read them all
    assert {"unseen17", "S20", "t32"} <= set(trainer.REPORT)
    assert {"unseen16", "S19", "t31", "S21", "S22", "t33", "t34"}.isdisjoint(trainer.REPORT)
    session19 = {"S21", "S22", "t33", "t34"}
    assert session19 <= groups and session19 <= set(R.shipped().meta["data"]["sets"])
    # session 20: session 19's sets are named and read (the heads learn them when learn20 retrains)
    assert {"unseen18", "unseen19", "S23", "S24", "t35", "t36"} <= groups
    # session 20 (learn20): the rule engineers' report half (unseen19, S24, t36) reports; unseen18, S23 and t35 tune;
    # the shipped model read them all
    assert {"unseen19", "S24", "t36"} <= set(trainer.REPORT)
    assert {"unseen18", "S23", "t35"}.isdisjoint(trainer.REPORT)
    session20 = {"unseen18", "unseen19", "S23", "S24", "t35", "t36"}
    assert session20 <= set(R.shipped().meta["data"]["sets"])
    # session 21: session 20's sets are named and read (the heads learn them when a retrain reads them)
    assert {"unseen20", "unseen21", "S25", "S26", "t37", "t38"} <= groups
    # session 21 (learn21): the rule engineers' report half (unseen21, S26, t38) reports; unseen20, S25 and t37 tune;
    # the shipped model read them all
    assert {"unseen21", "S26", "t38"} <= set(trainer.REPORT)
    assert {"unseen20", "S25", "t37"}.isdisjoint(trainer.REPORT)
    session21 = {"unseen20", "unseen21", "S25", "S26", "t37", "t38"}
    assert session21 <= set(R.shipped().meta["data"]["sets"])
    # session 22: session 21's sets are named and read (the heads learn them when a retrain reads them)
    assert {"unseen22", "unseen23", "S27", "S28", "t39", "t40"} <= groups
    # session 22 (learn22): the rule engineers' report half (unseen23, S28, t40) reports; unseen22, S27 and t39 tune;
    # the shipped model read them all
    assert {"unseen23", "S28", "t40"} <= set(trainer.REPORT)
    assert {"unseen22", "S27", "t39"}.isdisjoint(trainer.REPORT)
    session22 = {"unseen22", "unseen23", "S27", "S28", "t39", "t40"}
    assert session22 <= set(R.shipped().meta["data"]["sets"])
    # session 23: session 22's sets are named and read (the heads learn them when a retrain reads them)
    assert {"unseen24", "unseen25", "S29", "S30", "t41", "t42"} <= groups
    # this session's report half joins the trainer's REPORT with the retrain that ships it (the shipped meta names it)
    shipped_report = set(R.shipped().meta["cross_writer"]["report_sets"])
    now, before = set(writer_sets.RULES_REPORT), set(writer_sets.RULES_REPORT_BEFORE)
    assert now <= set(trainer.REPORT) or before <= shipped_report
    folds = trainer.folds_of(sorted(groups))
    corpus = [g for g in groups if g.startswith("t") and g[1:].isdigit()]
    assert all(list(folds.values()).count(folds[g]) == 1 for g in groups - set(corpus))  # a fold of its own
    assert all(list(folds.values()).count(folds[g]) <= 2 for g in corpus)  # corpus writers two to a fold


class _Stage:
    """A cascade stage that, like the semantic tier, adds a label only where no signal acts on it yet."""

    cascade = True
    name, version, id = "fake-tier", "1", "fake-tier@1"

    def __init__(self) -> None:
        self.seen: list[list[str]] = []

    def detect_cascade(self, content: Content, views: Views, signals: list) -> list:
        from qinglang.model import Signal

        self.seen.append(sorted(s.label for s in signals))
        acted = {s.label for s in signals if s.score >= 0.35}
        return [] if "rumor" in acted else [Signal("rumor", 0.7, "fake.rumor", self.id)]


def test_replay_runs_the_cascade_on_the_heads_signals_as_the_engine_does() -> None:
    """The heads are cheap-pass detectors: the cascade sees their signals (session 13). The replay drops the
    cascade's recorded signals and runs it again with the heads' among the cheap pass's; the session-12 replay
    (`cascade=False`) only appended them."""
    import dataclasses

    from qinglang.model import Signal

    replay = trainer.Replay()
    stage = _Stage()
    replay.engine._state = dataclasses.replace(replay.engine._current(), cascade=(stage,))
    text = "听说明天全市停水三天，赶紧囤水，转给家里人"
    content = Content(id="r", text=text)
    cheap = Signal("clickbait", 0.2, "x", "lexicon@1")
    r = {"obj": content, "signals": [cheap, Signal("rumor", 0.7, "fake.rumor", stage.id)]}
    head = Signal("rumor", 0.45, "model.recall.rumor", "recall@1")
    got = replay.with_heads(r, [head], _views(text))
    assert stage.seen == [["clickbait", "rumor"]]  # the stage saw the cheap pass and the head, not its own old signal
    assert [s.detector for s in got] == ["lexicon@1", "recall@1"]  # the head acts on rumor: the tier adds nothing
    assert replay.with_heads(r, [], _views(text)) == r["signals"]  # no head signal: the recorded signals stand
    replay.cascade = False
    assert [s.detector for s in replay.with_heads(r, [head], _views(text))] == ["lexicon@1", stage.id, "recall@1"]


def _bare(bits: int = 12, features: dict | None = None, b: float = -3.0) -> R.RecallModel:
    """A one-label model with no weights yet (the tests below set the buckets they need)."""
    dim = R.embedder().dim
    return R.RecallModel({"name": "recall-test", "labels": ["porn"], "features": features or {}},
                         np.zeros((1 << bits, 1), np.float32), np.zeros((dim, 1), np.float32), np.array([b]), bits,
                         0.0)


def test_the_robust_block_lets_a_head_read_a_homophone_spelling_as_the_word_it_learned() -> None:
    """Session 14 (learn14): a model trained with `blocks: [t, r]` reads the sound-class and initials keys too
    (salted: never the bucket of a text key by construction), so weights learned on 色情 also move 涩情 (same
    sound), which the text block alone does not; a model without `features` reads the text block only, as before."""
    learned, other = "这里有色情直播间", "这里有涩情直播间"
    nts = [nt for _, nt in _views(learned).items()]
    other_nts = [nt for _, nt in _views(other).items()]
    t_only, both = _bare(), _bare(features={"blocks": ["t", "r"]})
    assert set(R.ngram_keys(nts, 12)) < set(R.ngram_keys(nts, 12, ("t", "r")))
    for m in (t_only, both):
        m.w[m.keys(nts), 0] = 1.0  # every bucket the learned post has
    assert t_only.keys(other_nts).size < both.keys(other_nts).size
    lift_t = t_only.probabilities(other_nts)[0] / t_only.probabilities([])[0]
    lift_r = both.probabilities(other_nts)[0] / both.probabilities([])[0]
    assert lift_r > lift_t
    with pytest.raises(ConfigError, match="unknown features"):
        _bare(features={"blocks": ["r"]})
    with pytest.raises(ConfigError, match="unknown features"):
        _bare(features={"blocks": ["t", "x"]})


def test_the_title_block_weighs_a_headline_phrase_apart_from_the_same_phrase_in_the_body() -> None:
    """Session 19 (learn19): a model with the ``h`` block reads the title's text keys a second time, salted apart, so a
    weight learned on a phrase in the headline does not move the same phrase in the body; the detector passes the
    title field itself, and its evidence names the title's span."""
    views = Views.build(Content(id="x", title="震惊！看完沉默了", text="今天小区门口开了一家新面馆，味道还行"),
                        default_normalizer())
    body = Views.build(Content(id="y", text="震惊！看完沉默了。今天小区门口开了一家新面馆，味道还行"),
                       default_normalizer())
    fields = R.fields_of(views)
    nts, title = [nt for _, nt in fields], R.title_of(fields)
    assert title is not None and R.title_of(R.fields_of(body)) is None
    assert set(R.ngram_keys(nts, 12)) < set(R.ngram_keys(nts, 12, ("t", "h"), title))
    assert set(R.ngram_keys(nts, 12, ("t", "h"))) == set(R.ngram_keys(nts, 12))  # no title given: no title keys
    m = _bare(features={"blocks": ["t", "h"]}, b=-4.0)
    m.w[np.setdiff1d(m.keys(nts, title), R.ngram_keys(nts, 12)), 0] = 2.0  # only the title-block buckets
    assert m.probabilities(nts, title=title)[0] > 0.5
    body_nts = [nt for _, nt in R.fields_of(body)]
    assert m.probabilities(body_nts)[0] < 0.1  # the same words in the body: no title keys, no lift
    det = R.RecallDetector(m, floors={"porn": 0.5}, min_han=0)
    (sig,) = det.detect(Content(id="x"), views)
    assert {e.field for e in sig.evidence} == {"title"}
    assert det.detect(Content(id="y"), body) == []


def test_context_tokens_move_a_head_by_surface_and_audience_and_show_in_the_evidence(tmp_path: Path) -> None:
    """Session 14 (learn14): `context: w` adds the post's surface, kind, their cross and a minor audience as tokens of
    value w; the detector reports their share of the logit (`ctx=`) beside `emb=`, and the files keep the features."""
    text = "周末带孩子去公园放风筝，天气很好，大家都玩得很开心"
    m = _bare(features={"blocks": ["t"], "context": 1.0}, b=-1.0)
    comment = Content(id="c", text=text, surface="comment")
    feed = Content(id="f", text=text, surface="feed")
    assert "S:comment" in R.context_tokens(comment) and "SK:comment|post" in R.context_tokens(comment)
    assert "A:minor" in R.context_tokens(Content.from_json({"id": "m", "text": text, "audience": {"minor_mode": True}}))
    nts = [nt for _, nt in _views(text).items()]
    m.w[m.keys(nts), 0] = 0.01  # the words lean a little (evidence to point at), not enough alone
    m.w[R.context_keys(comment, 12), 0] += 1.0  # S:comment, K:post, SK:comment|post
    m.w[R.context_keys(feed, 12), 0] -= 0.5  # S:feed, SK:feed|post, and K:post shared
    det = R.RecallDetector(m, floors={"porn": 0.6}, min_han=0)
    (sig,) = det.detect(comment, _views(text))
    assert sig.evidence and " ctx=+2.50" in (sig.evidence[0].value or "")
    assert det.detect(feed, Views.build(feed, default_normalizer())) == []  # the same words on a feed post: no signal
    m.save(tmp_path / "recall")
    again = R.RecallModel.load(tmp_path / "recall")
    assert again.blocks == ("t",) and again.ctx_weight == 1.0
    assert again.probabilities(nts, comment) == pytest.approx(m.probabilities(nts, comment), abs=1e-4)  # float16


def test_blend_tool_replaces_a_heads_p_and_keeps_the_caps() -> None:
    # tools/blend_recall_heads.py (session 15, learn15): a candidate's signal gets the left-out blend's p in its
    # evidence (what the trainer's floors read) and its score stays under the heads' caps
    import blend_recall_heads as B

    text = "第三集｜婆婆把儿媳的行李扔出门，下集更精彩，真实发生"
    det = R.RecallDetector(R.shipped(), floors={lb: 1e-6 for lb in ("staged", "rumor")}, min_han=0)
    sigs = det.detect(Content(id="x", text=text), _views(text))
    assert {s.label for s in sigs} == {"staged", "rumor"}  # rumor: capped at 0.45 (LABEL_MAX), staged at 0.62
    for s in sigs:
        new = B.with_p(s, 0.99)
        assert trainer.p_of(new) == pytest.approx(0.99) and new.evidence[0].value.endswith(" blend")
        assert new.score == trainer.LABEL_MAX.get(s.label, trainer.MAX_SCORE)
        assert [e.text for e in new.evidence] == [e.text for e in s.evidence] and new.label == s.label
        assert trainer.p_of(B.with_p(s, 0.2)) == pytest.approx(0.2) and B.with_p(s, 0.2).score == pytest.approx(0.2)


def test_the_floor_is_the_one_resampled_tune_sets_pick_most_often_and_an_incumbent_floor_stays() -> None:
    """Session 16 (learn16): the single best floor of the pooled tune half can hang on one writer set (here 0.5: one
    set's 12 rows, another set's 4 innocent rows at exactly the one-per-five budget); the floor the same rule picks
    most often over resampled tune sets is the steadier 0.7. A floor the replaced model shipped is kept where it passes
    on the tune half and gains at least `INCUMBENT_SHARE` of the choice's; one that gains less is not."""
    from collections import Counter

    def c(caught: int = 0, innocent: int = 0, hard: int = 0) -> Counter:
        return Counter({"caught": caught, "hard": hard, "innocent": innocent})

    groups = [f"g{i}" for i in range(12)]
    per: dict[float, dict[str, Counter]] = {f: {} for f in trainer.GRID}
    per[0.5] = {"g0": c(12), "g1": c(4, 4), **{g: c(1) for g in groups[3:7]}}
    per[0.7] = {**{g: c(1) for g in groups}, "g0": c(7)}
    per[0.8] = {g: c(1) for g in groups[:8]}
    single, table = trainer.pick_floor(per, groups, stable=False)
    assert single == 0.5 and [r["caught"] for r in table if r["floor"] in (0.5, 0.7)] == [20, 18]
    stable, table = trainer.pick_floor(per, groups, stable=True)
    assert stable == 0.7 and sum(r["votes"] for r in table) == trainer.BOOTSTRAP
    assert trainer.pick_floor(per, groups, incumbent=0.8)[0] == 0.7  # 8 < 0.8 × 18: the choice moves
    per[0.8] = {**{g: c(1) for g in groups}, "g0": c(4)}  # 15 ≥ 0.8 × 18: the incumbent stays
    assert trainer.pick_floor(per, groups, incumbent=0.8)[0] == 0.8
    per[0.8]["g5"] = c(1, hard=1)  # a hard negative more on the tune half: never kept
    assert trainer.pick_floor(per, groups, incumbent=0.8)[0] == 0.7
    # Counter addition drops negative changes; the pooled figures keep them
    assert trainer._total([c(2, hard=1), c(1, hard=-1)]) == Counter({"caught": 3, "hard": 0, "innocent": 0})


def test_an_incumbent_head_is_dropped_only_where_the_report_half_gains_too_little_per_hard_negative() -> None:
    """Session 16 (learn16): a new head must gain on the report half with no hard negative more; a head the replaced
    model shipped stays where the report half gains at least `KEEP_PER_HARD` rows per hard negative more."""
    k = trainer.KEEP_PER_HARD
    assert trainer.shipped({"caught": 3, "hard": 0}, incumbent=False)
    assert not trainer.shipped({"caught": 2 * k, "hard": 2}, incumbent=False)
    assert trainer.shipped({"caught": 2 * k, "hard": 2}, incumbent=True)
    assert not trainer.shipped({"caught": 2 * k - 1, "hard": 2}, incumbent=True)
    assert not trainer.shipped({"caught": 0, "hard": 0}, incumbent=True)


def test_floor_stability_reads_a_reports_per_set_tables_and_counts_where_the_choice_moves() -> None:
    """tools/floor_stability.py (session 16): from the per-set tables a trainer report keeps, the floor each rule picks
    on the whole tune half, without the sets a retrain added, and how often leaving one tune set out moves it."""
    import floor_stability

    grid = [{"floor": f, "per_set": {}} for f in trainer.GRID]
    by = {r["floor"]: r for r in grid}
    by[0.5]["per_set"] = {"g0": [12, 0, 0], "g1": [4, 0, 4], **{f"g{i}": [1, 0, 0] for i in range(3, 7)}}
    by[0.7]["per_set"] = {**{f"g{i}": [1, 0, 0] for i in range(12)}, "g0": [7, 0, 0]}
    report = {"tune_sets": [f"g{i}" for i in range(12)], "labels": {"porn": {"tune_grid": grid}, "rumor": {}}}
    got = floor_stability.stability(report, without=("g0",))
    assert set(got) == {"porn"}
    assert got["porn"]["single_best"]["floor"] == 0.5 and got["porn"]["resampled"]["floor"] == 0.7
    assert got["porn"]["single_best"]["without"] == 0.7  # without g0 the single best moves; the resampled one stays
    assert got["porn"]["resampled"]["without"] == 0.7
    assert got["porn"]["single_best"]["leave_one_out_moves"] >= 1


def test_shrink_mixes_the_refit_and_the_incumbent_logit_by_logit() -> None:
    """Session 17 (learn17, churn): the refit pulled toward the incumbent by a weight is, for every post, that mix of
    the two models' logits (a linear model: weights, embedding weights and intercepts mix alike); 0 is the refit,
    1 the incumbent; the table is pruned again to the trainer's bucket budget."""
    bits, dim = 10, R.embedder().dim
    meta = {"name": "recall-test", "labels": ["staged", "rumor"]}

    def model(seed: int) -> R.RecallModel:
        r = np.random.RandomState(seed)
        return R.RecallModel(dict(meta), r.normal(size=(1 << bits, 2)).astype(np.float32),
                             np.zeros((dim, 2), np.float32), r.normal(size=2), bits, 0.0)

    refit, inc = model(1), model(2)
    nts = [nt for _, nt in R.fields_of(_views("今天城西高架发生多车追尾已经有三人受伤送医"))]
    keys = refit.keys(nts)
    z = {k: m.ngram_logits(keys) + m.b for k, m in (("refit", refit), ("inc", inc))}
    for w in (0.0, 0.3, 1.0):
        mixed = trainer.shrink(refit, inc, w, keep=1 << bits)
        got = mixed.ngram_logits(keys) + mixed.b
        assert np.allclose(got, w * z["inc"] + (1 - w) * z["refit"], atol=1e-4)
    pruned = trainer.shrink(refit, inc, 0.5, keep=100)
    assert int((np.abs(pruned.w).sum(axis=1) > 0).sum()) == 100
    other = R.RecallModel({"name": "x", "labels": ["rumor", "staged"]}, refit.w, refit.e, refit.b, bits, 0.0)
    with pytest.raises(SystemExit):
        trainer.shrink(refit, other, 0.5)


def test_folds_in_forked_processes_give_the_heads_of_the_one_process_run() -> None:
    """Session 17 (learn17, `make train-recall` under 10 minutes): the folds run in forked processes and their left-out
    heads are merged in fold order: the same signals, in the same order, as one process fitting fold after fold."""
    import argparse

    from qinglang.text.normalize import default_normalizer as norm

    texts = ["加我微信领取福利日结兼职每天三百元", "今天天气很好我们去公园散步看看花开",
             "他就是个垃圾废物滚出去别再来了",
             "这款面霜三天美白祛斑百分百有效", "听说明天全市停水停电大家赶紧囤货"] * 8
    rows = []
    for i, t in enumerate(texts):
        c = Content(id=f"r{i}", text=t)
        rows.append({"id": c.id, "obj": c, "views": Views.build(c, norm()), "group": f"g{i % 4}"})
    x, e, _ = trainer.featurize([r["obj"] for r in rows], norm(), 12, views=[r["views"] for r in rows], embed=False)
    labels = ("drainage", "abuse")
    y = np.array([[i % 5 == 0, i % 5 == 2] for i in range(len(rows))], dtype=np.int8)
    fold = {f"g{k}": k for k in range(4)}
    row_fold = np.array([fold[r["group"]] for r in rows])
    args = argparse.Namespace(C=4.0, emb_weight=0.0, unbalanced=False)
    old_bits = trainer.BITS
    trainer.BITS = 12
    try:
        trainer._FOLD.update(xs=trainer.stack(x, e, 0.0), y=y, row_fold=row_fold, rows=rows,
                             replay=argparse.Namespace(norm=norm()), args=args, labels=labels, features={},
                             weights=[], ship_weight=0.0, incumbent_model=None)
        one, _ = trainer.loso_heads([0, 1, 2, 3], 1, fold)
        two, _ = trainer.loso_heads([0, 1, 2, 3], 2, fold)
    finally:
        trainer.BITS = old_bits
        trainer._FOLD.clear()
    assert one and list(one) == list(two)
    assert [[(s.label, s.score) for s in v] for v in one.values()] == [[(s.label, s.score) for s in v]
                                                                     for v in two.values()]


def test_churn_names_the_rows_one_tier_catches_and_the_other_loses() -> None:
    """tools/compare_recall_heads.py (session 17): row-level churn between the shipped heads and a retrain, each row's
    (caught, acted) through the engine: violations lost and gained, hard negatives newly acted on and cleared."""
    import compare_recall_heads

    rows = [{"id": "v1", "violation": True, "hard": False}, {"id": "v2", "violation": True, "hard": False},
            {"id": "h1", "violation": False, "hard": True}, {"id": "h2", "violation": False, "hard": True},
            {"id": "i1", "violation": False, "hard": False}]
    old = {"v1": (True, False), "v2": (False, False), "h1": (False, True), "h2": (False, False), "i1": (False, False)}
    new = {"v1": (False, False), "v2": (True, False), "h1": (False, False), "h2": (False, True), "i1": (False, True)}
    assert compare_recall_heads.churn(rows, old, new) == {"lost": ["v1"], "gained": ["v2"], "hard_new": ["h2"],
                                                          "hard_cleared": ["h1"]}


def test_compare_counts_a_report_half_set_and_never_lists_its_rows() -> None:
    """tools/compare_recall_heads.py (session 22): a report-half set's turned rows and churn come back as counts, and
    the per-label lists name only tune rows (the report half's are counted apart)."""
    import compare_recall_heads

    line = {"set": "unseen23", "violations": 3, "loso": {"caught": 2, "turned": [{"id": "r1"}, {"id": "r2"}]},
            "shipped": {"caught": 1, "turned": [{"id": "r1"}]}, "churn": {"lost": [], "gained": ["r2"]}}
    out = compare_recall_heads.counted(line)
    assert out["loso"] == {"caught": 2, "turned": 2} and out["shipped"]["turned"] == 1
    assert out["churn"] == {"lost": 0, "gained": 1} and "r2" not in str(out)
    only = {"shipped": {"porn:caught": {"t1"}}, "loso": {"porn:caught": {"t1", "t2", "r2"}}}
    per = compare_recall_heads.per_label(only, {"r2"})["porn"]
    assert per["caught_only_loso"] == ["t2"] and per["caught_only_loso_report"] == 1
    assert per["caught_only_shipped"] == [] and per["loso"]["caught"] == 3
    # --drop-rule: the campaign heads' signals (every evidence rule model.campaign.*) leave; a cold signal stays
    from types import SimpleNamespace as NS

    head = NS(evidence=[NS(rule="model.campaign.porn")])
    cold, lexicon = NS(evidence=[NS(rule="model.cold")]), NS(evidence=[NS(rule="lexicon.porn"), NS(rule=None)])
    assert compare_recall_heads.without_rule([head, cold, lexicon], "model.campaign.") == [cold, lexicon]


def _every_count(out: dict[str, Any]) -> dict[str, Any]:
    """A fake `measure`'s per-set counters with every key `held_report` reads (zero where not set)."""
    for c in out.values():
        for k in ("caught", "acted", "hard"):
            c[f"{k}_before"] += 0
            c[f"{k}_after"] += 0
    return out


def test_held_floors_ship_a_head_by_its_report_half_change_at_the_incumbents_floor(monkeypatch: Any) -> None:
    """Session 17 (learn17, churn): `--hold-floors` measures each head alone at the incumbent's floor (a new head at
    the floor given for it) on the measured sets and ships it by the report half (`shipped`), no tune hard negative
    more; the figures of every shipped head together are the report's halves."""
    from collections import Counter

    gains = {"abuse": (3, 0, 2, 0), "porn": (1, 0, 4, 1), "clickbait": (2, 0, 6, 1), "rumor": (2, 1, 3, 0)}

    def measure(rows: Any, heads: Any, floors: dict[str, float], replay: Any) -> dict[str, Counter]:
        out = {"tuneset": Counter(), "unseen13": Counter()}
        for lb in floors:
            tc, th, rc, rh = gains[lb]
            out["tuneset"].update(caught_after=tc, hard_after=th)
            out["unseen13"].update(caught_after=rc, hard_after=rh)
        return _every_count(out)

    monkeypatch.setattr(trainer, "measure", measure)
    rows = [{"group": "tuneset"}, {"group": "unseen13"}]
    inc = {"abuse": 0.7, "porn": 0.85, "rumor": 0.93}
    got = trainer.held_report(rows, {}, inc | {"clickbait": 0.85}, inc, replay=None)
    # porn stays (held: 4 gained against 1 hard negative more); clickbait: new, a hard negative more; rumor: a tune
    # hard negative more
    assert got["floors"] == {"abuse": 0.7, "porn": 0.85}
    assert not trainer.held_ships({"caught": 1, "hard": 2}, True) and trainer.held_ships({"caught": 1, "hard": 1}, True)
    # session 18 (learn18): a held head the measured sets neither credit nor blame stays; a new head must gain
    assert trainer.held_ships({"caught": 0, "hard": 0}, True) and not trainer.held_ships({"caught": 0, "hard": 1}, True)
    assert not trainer.held_ships({"caught": 0, "hard": 0}, False)
    assert got["labels"]["porn"]["report"] == {"caught": 4, "acted": 0, "hard": 1} and got["labels"]["porn"]["held"]
    assert got["halves"]["report"]["caught_after"] == 6 and got["measured_sets"] == ["tuneset", "unseen13"]


def test_a_held_floor_that_now_acts_on_a_tune_hard_negative_is_raised_along_the_grid(monkeypatch: Any) -> None:
    """Session 21 (learn21): the engine around a head changes between two retrains (session 20's merge: a cloak-form
    rule promotes the language_misuse head's read). A held floor that now acts on a tune hard negative more is raised
    to the lowest grid floor above it where the head passes again, so the rebuilt model's floors are ones the registry
    can list; a head that passes at no higher floor keeps its held floor and is not shipped."""
    from collections import Counter

    def measure(rows: Any, heads: Any, floors: dict[str, float], replay: Any) -> dict[str, Counter]:
        out = {"tuneset": Counter(), "unseen21": Counter()}
        for lb, f in floors.items():
            # language_misuse: a tune hard negative scores 0.55; vulgar: one scores above the grid's top
            hard = int(f <= 0.55) if lb == "language_misuse" else 1
            out["tuneset"].update(caught_after=2 if f < 0.7 else 1, hard_after=hard)
            out["unseen21"].update(caught_after=1)
        return _every_count(out)

    monkeypatch.setattr(trainer, "measure", measure)
    rows = [{"group": "tuneset"}, {"group": "unseen21"}]
    inc = {"language_misuse": 0.5, "vulgar": 0.8}
    got = trainer.held_report(rows, {}, inc, inc, replay=None)
    assert got["floors"] == {"language_misuse": 0.6}
    lm = got["labels"]["language_misuse"]
    assert lm["raised_from"] == 0.5 and lm["incumbent"] == 0.5 and lm["tune"] == {"caught": 2, "acted": 0, "hard": 0}
    assert got["labels"]["vulgar"]["floor"] == 0.8 and not got["labels"]["vulgar"]["shipped"]
    assert "raised_from" not in got["labels"]["vulgar"]


def test_hard_negatives_weigh_more_in_the_fit_only_when_asked() -> None:
    """Session 21 (learn21, `--hard-weight`): a writer's hard negative (written to look like a violation: a debunk, a
    report, a warning) weighs `hard` in every head's fit; at 1 the fit is unweighted (the recipe before, byte for
    byte); the background rows weigh 1."""
    rows = [{"hard": True}, {"hard": False}, {"hard": True}]
    assert trainer.row_weights(rows, 2, 1.0) is None
    assert trainer.row_weights(rows, 2, 3.0).tolist() == [3.0, 1.0, 3.0, 1.0, 1.0]
    assert trainer.HARD_WEIGHT == 1.0


def test_head_mentions_counts_per_head_the_hard_negatives_that_talk_about_a_violation_at_its_floor() -> None:
    """Session 21 (learn21, `tools/head_mentions.py`): per head label and half, the hard negatives the head scores at
    or above its floor, those whose kind of innocence talks about a violation (a report, a warning…), and the
    violations of the label it scores there; a signal under its floor or of an unlisted label is not counted."""
    import head_mentions

    from qinglang.model import Evidence, Signal

    def sig(label: str, p: float) -> Signal:
        ev = Evidence(field="text", start=0, end=2, text="辟谣", normalized="辟谣", rule=f"model.recall.{label}",
                      detector="recall@1", value=f"recall@1 p={p:.3f} emb=+0.00")
        return Signal(label, 0.62, f"model.recall.{label}", "recall@1", (ev,))

    rows = [
        {"id": "a", "group": "S25", "hard": True, "violation": False, "expect": {}},
        {"id": "b", "group": "S25", "hard": True, "violation": False, "expect": {}},
        {"id": "c", "group": "unseen21", "hard": False, "violation": True, "expect": {"labels": ["false_science"]}},
        {"id": "d", "group": "S25", "hard": False, "violation": True, "expect": {"labels": ["rumor"]}},
    ]
    heads = {"a": [sig("false_science", 0.85)], "b": [sig("false_science", 0.7), sig("porn", 0.99)],
             "c": [sig("false_science", 0.9)], "d": [sig("false_science", 0.95)]}
    kinds = {("S25", "a"): "report", ("S25", "b"): "warning"}
    got = head_mentions.count(rows, heads, {"false_science": 0.8}, kinds, head_mentions.TALKS_ABOUT, None)
    assert got[("false_science", "tune")] == {"hard": 1, "talks": 1}  # b: under the floor; d: another label's row
    assert got[("false_science", "report")] == {"viol": 1}
    assert ("porn", "tune") not in got


def test_the_floor_grid_replays_each_distinct_question_once() -> None:
    """Session 17 (learn17, `make train-recall` time): a row's outcome with a given set of head signals is replayed
    once, however many grid floors ask it (signals are frozen, keyed by value), and the counts are the same."""
    from collections import Counter

    from qinglang.model import Signal

    calls: Counter = Counter()
    replay = trainer.Replay.__new__(trainer.Replay)
    replay.cascade, replay.memo = True, {}
    replay.with_heads = lambda r, add, views: [*r["signals"], *add]  # type: ignore[method-assign]

    def outcome(r: dict[str, Any], signals: list[Any], views: Any) -> tuple[bool, bool]:
        calls[(r["id"], len(signals))] += 1
        return (bool(signals) and r["violation"], bool(signals) and not r["violation"])

    replay.outcome = outcome  # type: ignore[method-assign]
    sig = Signal(label="porn", score=0.62, rule="model.recall.porn", detector="recall@1", evidence=())
    rows = [{"id": f"r{i}", "group": "t1", "file": "t1.jsonl", "violation": i % 2 == 0, "hard": False,
             "signals": [], "views": None, "base": (False, False)} for i in range(4)]
    heads = {r["id"]: [sig] for r in rows}
    per = [trainer.measure(rows, heads, {"porn": f}, replay)["t1"] for f in (0.3, 0.4, 0.5)]
    assert per[0] == per[1] == per[2] and per[0]["caught_after"] == 2 and per[0]["acted_after"] == 2
    assert set(calls.values()) == {1} and len(calls) == 4


def test_weak_labels_names_the_first_stage_that_lets_a_label_go() -> None:
    """Session 18 (learn18): `tools/weak_labels.py` puts each missed label of a violation in the first stage that
    explains it — acted on before the stance stage but not after (`stance`), a standing signal no rule acts on
    (`policy`), every signal scope-discounted (`scope`), no signal and the head under its floor (`head_below`), or no
    floor for the head at all (`head_unlisted`)."""
    import weak_labels as W

    from qinglang.model import Evidence, Signal

    def sig(label: str, score: float, scope: str | None = None) -> Signal:
        return Signal(label, score, f"x.{label}", "x@1", (Evidence("text", 0, 1, "x", "x", rule=f"x.{label}",
                                                                   detector="x@1", scope=scope),))

    assert W.stage_of("porn", {"porn"}, {"porn"}, [sig("porn", 0.7)], 0.9, 0.85) == "found"
    assert W.stage_of("porn", {"porn"}, set(), [sig("porn", 0.7)], 0.9, 0.85) == "stance"
    assert W.stage_of("porn", set(), set(), [sig("porn", 0.25)], 0.5, 0.85) == "policy"
    assert W.stage_of("porn", set(), set(), [sig("porn", 0.2, "quote")], 0.5, 0.85) == "scope"
    assert W.stage_of("vulgar", set(), set(), [sig("porn", 0.7)], 0.86, 0.9) == "head_below"
    assert W.stage_of("clickbait", set(), set(), [], 0.9, None) == "head_unlisted"
    # session 19 (learn19): a label the recall model has no head for is `no_head`, not an unlisted head
    assert W.stage_of("aigc_unlabeled", set(), set(), [], None, None, has_head=False) == "no_head"
    assert W.stage_of("aigc_unlabeled", {"aigc_unlabeled"}, {"aigc_unlabeled"}, [sig("aigc_unlabeled", 0.7)], None,
                      None, has_head=False) == "found"
    assert "aigc_unlabeled" not in trainer.LABELS and "no_head" in W.STAGES


def test_weak_labels_silent_counts_only_the_violations_left_with_no_label_at_all() -> None:
    """Session 19 (learn19, issue 15): `--silent` keeps the violations the replayed engine leaves with no acted-on
    label (the rows nobody sees); a violation that got some other label is not counted."""
    import weak_labels as W

    class _Replay:
        def with_heads(self, r: dict, add: list, views: object) -> list:
            return []

    outcomes = {"seen": ({"vulgar"}, {"vulgar"}), "silent": (set(), set())}
    rows = [{"id": k, "violation": True, "expect": {"labels": ["porn"]}, "views": None} for k in outcomes]
    orig = W.acted_labels
    W.acted_labels = lambda replay, r, signals: outcomes[r["id"]]
    try:
        got = W.classify(rows, {}, {"porn": 0.85}, ["porn"], _Replay(), {}, silent=True)
        every = W.classify(rows, {}, {"porn": 0.85}, ["porn"], _Replay(), {})
    finally:
        W.acted_labels = orig
    assert got["porn"]["rows"] == 1 and got["porn"]["ids"]["head_below"] == ["silent"]
    assert every["porn"]["rows"] == 2
