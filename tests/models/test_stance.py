"""The stance stage (qinglang/models/stance.py, stance_detector.py; docs/models.md, "The stance model"): the frame
text masks evidence and folds digits and letters, the shipped model carries its provenance and cross-writer
figures, files round-trip, the stage is gated, spares a post with an act of its own, and discounts the others with
its verdict in the evidence; the default engine runs it after the cascade. Uses the shipped artifact; never trains."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import numpy as np
import pytest

from qinglang.engine import Engine
from qinglang.errors import ConfigError
from qinglang.model import Evidence, Signal
from qinglang.models.stance import MASK, StanceModel, frame_text, shipped, signal_tokens, token_keys
from qinglang.models.stance_detector import StanceDetector


def _constant(z: float) -> StanceModel:
    """A model that gives every text the same logit (weights all zero)."""
    return StanceModel({"name": "stance-test", "version": "0"}, np.zeros(1 << 10, np.float32), z, 10)


def _signal(label: str, score: float, detector: str = "lexicon@1", start: int = 0, end: int = 2) -> Signal:
    ev = Evidence("text", start, end, "xx", "xx", rule=f"{label}.r", detector=detector)
    return Signal(label=label, score=score, rule=f"{label}.r", detector=detector, evidence=(ev,))


class _NT:
    def __init__(self, original: str) -> None:
        self.original = original


class _Views:
    def __init__(self, text: str) -> None:
        self.fields = {"text": _NT(text)}


def test_frame_text_masks_evidence_and_folds_digits_and_letters() -> None:
    text = "别信加V领红包的，微信abc123都是骗子"
    assert frame_text([(text, [(2, 4), (9, 17)])]) == f"别信{MASK}领红包的,{MASK}都是骗子"
    assert frame_text([(text, [])]) == "别信加a领红包的,微信aaa000都是骗子"
    # adjacent spans collapse into one placeholder; fields are joined by a newline
    assert frame_text([("标题", []), ("甲乙丙丁", [(0, 1), (1, 2)])]) == f"标题\n{MASK}丙丁"


def test_shipped_model_carries_provenance_and_cross_writer_figures() -> None:
    m = shipped()
    # session 13: trained on the recall heads' out-of-fold signals, `below` chosen on sets no learned input read
    # (session 14, the lead's retrain on the merged tree: 0.5, the trainer's budget rule on its tune half)
    assert m.meta["command"] == "python tools/train_stance.py --oof-recall OOF"
    assert m.meta["params"]["recall_out_of_fold"] is True and m.meta["params"]["below"] == 0.45
    assert m.meta["digest"].startswith("sha256:") and m.version.startswith("3-")
    assert {"S1", "S2", "S3", "S4", "S5", "S6", "unseen7", "unseen8", "t1", "blindA"} <= set(m.meta["data"]["sets"])
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    import train_stance as t

    assert m.token_weight > 0 and m.meta["params"]["tune_half"] == list(t.OOS_TUNE)
    # session 14 (learn14): the new twin sets, which no campaign head reads, joined the halves (S7 tune, S8 report)
    assert "S7" in m.meta["params"]["tune_half"] and "S8" in m.meta["params"]["report_half"]
    assert {"S7", "S8", "unseen9", "t21", "t22"} <= set(m.meta["data"]["sets"])
    # session 15 (learn15): S9 tunes, unseen10 and S10 report; the new sets train it
    assert "S9" in m.meta["params"]["tune_half"] and {"unseen10", "S10"} <= set(m.meta["params"]["report_half"])
    assert {"S9", "S10", "unseen10", "t23", "t24"} <= set(m.meta["data"]["sets"])
    assert "holdout" not in m.meta["data"]["sets"]  # the blind holdout rows never train
    per_set = m.meta["cross_writer"]["per_set"]
    assert all(0.5 < per_set[g]["auc"] <= 1.0 for g in ("S1", "S2", "S3", "S4", "unseen6", "unseen7", "unseen8"))
    assert {"tune", "report", "in_sample"} <= set(m.meta["cross_writer"]["halves"])
    drain = m.meta["cross_writer"]["drainage_files"]
    assert "tests/data/blind/unseen7/drainage.jsonl" in drain and all(len(v["fpr"]) == 2 for v in drain.values())
    assert 0.0 <= m.p_does("律师提醒：以□相威胁索要财物可能构成□罪，遇到请报警") <= 1.0


def test_signal_tokens_name_label_detector_and_rule_family_strong_or_weak() -> None:
    scoped = Signal("rumor", 0.2, "claims.rumor.panic", "claims@1",
                    (Evidence("text", 0, 2, "xx", "xx", rule="claims.rumor.panic", detector="claims@1",
                              scope="act:warning:千万别"),))
    toks = signal_tokens([_signal("drainage", 0.7, detector="contact@3"), scoped, _signal("porn", 0.0)])
    assert toks == sorted(["L:drainage:1", "D:contact:1", "R:drainage.r", "L:rumor:0", "D:claims:0",
                           "R:claims.rumor", "SC:rumor"])  # a zero-score signal says nothing
    assert signal_tokens([]) == []


def test_a_model_trained_with_signal_tokens_reads_them_and_the_stage_passes_them() -> None:
    w = np.zeros(1 << 10, np.float32)
    w[token_keys(["L:drainage:1"], 10)] = -40.0  # "a strong 引流 signal": talks about it
    with_tokens = StanceModel({"name": "t", "version": "0", "params": {"token_weight": 0.1}}, w, 0.0, 10)
    frame_only = StanceModel({"name": "f", "version": "0"}, w, 0.0, 10)
    assert with_tokens.p_does("甲乙", ["L:drainage:1"]) == pytest.approx(1 / (1 + np.exp(4.0)))
    assert with_tokens.p_does("甲乙", ["L:rumor:1"]) == 0.5 and frame_only.p_does("甲乙", ["L:drainage:1"]) == 0.5
    det = StanceDetector(with_tokens, below=0.3, factor=0.3, gate=0.35)
    drain, rumor = [_signal("drainage", 0.8)], [_signal("rumor", 0.8)]
    assert det.adjust(None, _Views("甲乙"), drain)[0].score == pytest.approx(0.24)  # type: ignore[arg-type]
    assert det.adjust(None, _Views("甲乙"), rumor) is rumor  # type: ignore[arg-type]


def test_files_round_trip_and_bad_arrays_are_config_errors(tmp_path: Path) -> None:
    m = shipped()
    m.save(tmp_path / "stance")
    again = StanceModel.load(tmp_path / "stance")
    text = "不接删帖，不收□，有人以本号名义□请报警"
    toks = ["L:extortion:1", "D:lexicon:1"]
    assert again.p_does(text, toks) == pytest.approx(m.p_does(text, toks), abs=1e-6)
    assert again.token_weight == m.token_weight
    with pytest.raises(ConfigError, match="malformed"):
        StanceModel.from_arrays({"name": "x"}, {"bits": np.array([4]), "idx": np.zeros(0), "w": np.zeros(0),
                                                "intercept": np.array([0.0])})
    with pytest.raises(ConfigError, match="cannot load"):
        StanceModel.load(tmp_path / "missing")


def test_stage_discounts_a_post_that_talks_about_it_and_names_its_verdict() -> None:
    det = StanceDetector(_constant(-3.0), below=0.3, factor=0.3, gate=0.35)
    signals = [_signal("extortion", 0.9), _signal("rumor", 0.0)]
    out = det.adjust(None, _Views("有人私信说不给钱就曝光，已报警"), signals)  # type: ignore[arg-type]
    assert out[0].score == pytest.approx(0.27) and out[1].score == 0.0
    assert out[0].evidence[0].scope is not None and out[0].evidence[0].scope.startswith("stance@stance-test.0 p=0.047")


def test_stage_is_gated_and_spares_an_act_of_its_own_and_a_post_that_does_it() -> None:
    talks = StanceDetector(_constant(-3.0), below=0.3, factor=0.3, gate=0.35)
    weak = [_signal("vulgar", 0.3)]
    assert talks.adjust(None, _Views("甲乙"), weak) is weak  # type: ignore[arg-type]  # below the gate: unread
    handle = [_signal("porn", 0.8), _signal("drainage", 0.7, detector="contact@3")]
    assert talks.adjust(None, _Views("甲乙"), handle) is handle  # type: ignore[arg-type]  # a handle offered
    mock = [_signal("language_misuse", 0.9, detector="frame@1")]
    assert talks.adjust(None, _Views("甲乙"), mock) is not mock  # type: ignore[arg-type]  # a frame is read as any
    by_rule = StanceDetector(_constant(-3.0), below=0.3, factor=0.3, gate=0.35, own_act=("language_misuse.r",))
    assert by_rule.adjust(None, _Views("甲乙"), mock) is mock  # type: ignore[arg-type]  # unless its rule is an act
    does = StanceDetector(_constant(3.0), below=0.3, factor=0.3, gate=0.35)
    strong = [_signal("porn", 0.8)]
    assert does.adjust(None, _Views("甲乙"), strong) is strong  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="below"):
        StanceDetector(_constant(0.0), below=1.5)


def test_a_bait_headline_keeps_its_score_while_the_rest_of_the_post_is_discounted() -> None:
    det = StanceDetector(_constant(-3.0), below=0.4, factor=0.3, gate=0.35)
    title_ev = Evidence("title", 0, 3, "炸了！", "炸了!", rule="clickbait.r", detector="lexicon@1")
    bait = Signal("clickbait", 0.8, "clickbait.r", "lexicon@1", (title_ev,))
    body_bait = _signal("clickbait", 0.8)  # the same words quoted in the body: discounted like any other
    rumor = _signal("rumor", 0.6)
    out = det.adjust(None, _Views("新线路图为规划方案公示版，最终以批复为准。"), [bait, body_bait, rumor])  # type: ignore[arg-type]
    assert out[0] is bait and out[1].score == pytest.approx(0.24) and out[2].score == pytest.approx(0.18)


def test_default_engine_runs_the_stage_after_the_cascade(engine: Engine) -> None:
    stages = [d for d in engine.detectors if getattr(d, "adjusts", False)]
    # the contact detector's purpose model (drain12) adjusts the drainage signals first, the claims detector the
    # recall tier's false_science on posts that refute a myth (news16); the stance stage is last
    assert [type(d).__name__ for d in stages] == ["ContactDetector", "ClaimsDetector", "StanceDetector"]
    assert stages[-1].id.startswith("stance@stance.3-")


class _Spy(StanceDetector):
    def __init__(self, model: StanceModel) -> None:
        super().__init__(model, below=0.3, factor=0.3, gate=0.35)
        self.calls = 0

    def adjust(self, content, views, signals):  # type: ignore[no-untyped-def]
        self.calls += 1
        return super().adjust(content, views, signals)


def test_engine_hook_runs_where_the_policy_acts_and_reevaluates(engine: Engine) -> None:
    spy = _Spy(_constant(-3.0))  # a stage that calls every post "talks about it"
    eng = copy.copy(engine)
    eng._state = dataclasses.replace(engine._current(), adjusters=(spy,))
    plain = eng.moderate({"id": "a", "text": "今天天气不错，出去走走"})
    assert plain.action == "pass" and spy.calls == 0  # nothing acted on: the stage is not paid for
    offer = {"id": "b", "text": "王总，负面稿明早就发，想撤稿的话今晚转三万公关费，过时不候。"}
    before = engine.moderate(offer)
    after = eng.moderate(offer, explain=True)
    assert before.action in ("review", "block") and spy.calls == 1
    assert after.labels[0].score < before.labels[0].score and after.action != before.action
    assert any("stance@stance-test.0" in (e.get("scope") or "") for s in after.trace["signals"] for e in s["evidence"])


def test_publishing_labels_keep_their_score_when_the_post_reads_as_a_report() -> None:
    # unlicensed_news / source_missing: the violation is publishing news, so a reporting voice is the act itself
    det = StanceDetector(_constant(-3.0), below=0.4, factor=0.3, gate=0.35)
    news, source, rumor = _signal("unlicensed_news", 0.8), _signal("source_missing", 0.5), _signal("rumor", 0.6)
    out = det.adjust(None, _Views("【本报讯】今日上午记者赶赴现场采访。"), [news, source, rumor])  # type: ignore[arg-type]
    assert out[0] is news and out[1] is source and out[2].score == pytest.approx(0.18)
    assert "stance@" in out[2].evidence[0].scope


def _trainer():  # type: ignore[no-untyped-def]
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    import train_stance

    return train_stance


def test_campaign_heads_read_is_what_the_registered_heads_say_they_read() -> None:
    # CAMPAIGN_HEADS_READ is kept by hand beside the campaign trainer; each registered head's metadata names the files
    # it trained on, so a head retrained on another writer set must be listed, or the stance halves stop being out
    # of sample (session 13: corpus13 added t16-t20 and unseen3-5)
    import json

    import yaml

    t = _trainer()  # puts tools/ on the path
    import writer_sets
    group = {str(p.relative_to(writer_sets.ROOT)): g for g, p in writer_sets.sources()}
    reg = yaml.safe_load((writer_sets.ROOT / "qinglang" / "detectors" / "default.yaml").read_text("utf-8"))
    heads = [m for e in reg["detectors"] if e.get("type") == "model"
             for m in (e.get("params") or {}).get("heads", {}).get("models", [])]
    assert heads
    read = {group[f] for m in heads
            for f in json.loads((writer_sets.ROOT / "qinglang" / "models" / "data" / f"{m}.json").read_text("utf-8"))
            ["data"] if f in group}
    assert read and read <= set(t.CAMPAIGN_HEADS_READ), sorted(read - set(t.CAMPAIGN_HEADS_READ))


def test_operating_point_is_chosen_only_on_sets_no_learned_input_read() -> None:
    # session 13: the campaign heads read corpus t1-t3, t8-t20, blind A-E, unseen … unseen5; those sets train the
    # stance model but neither choose nor report its `below`
    t = _trainer()
    assert not set(t.OOS_TUNE) & set(t.CAMPAIGN_HEADS_READ) and not set(t.OOS_REPORT) & set(t.CAMPAIGN_HEADS_READ)
    assert not set(t.OOS_TUNE) & set(t.OOS_REPORT)
    assert t.half_of("unseen2")[0] == "in_sample" and t.half_of("t16")[0] == "in_sample"
    assert t.half_of("S5")[0] == "tune" and t.half_of("unseen6")[0] == t.half_of("unseen9")[0] == "tune"
    assert t.half_of("unseen8")[0] == "report"
    grid = [{"below": b, "factor": 0.3, "tune": {"viol_caught_before": 1000, "viol_caught_after": 1000 - lost,
                                                  "inn_acted_before": 80, "inn_acted_after": 80 - cleared}}
            for b, lost, cleared in ((0.3, 0, 30), (0.4, 3, 40), (0.5, 5, 44), (0.6, 9, 50))]
    assert t.choose_below(grid, 0.005) == 0.5  # the most cleared within 5 of 1,000 lost
    assert t.choose_below(grid, 0.0) == 0.3


def test_recall_signals_come_from_the_fold_that_never_read_the_set() -> None:
    t = _trainer()
    ev = Evidence("text", 0, 2, "甲乙", "甲乙", rule="model.recall.porn", detector="recall@1",
                  value="recall@1 p=0.812 emb=+0.00")
    assert t._p_of(Signal("porn", 0.62, "model.recall.porn", "recall@1", (ev,))) == pytest.approx(0.812)


def test_next_halves_extend_the_stance_halves_by_the_new_sets_on_both_sides() -> None:
    """Session 18 (learn18): `--next-halves` measures the stance stage on the sets added since the shipped model's
    halves, split as the recall trainer splits them; the new report sets never tune, and the corpus writers the
    campaign trainer reads stay in sample."""
    import importlib

    t = importlib.reload(_trainer())
    tune, report = t.OOS_TUNE, t.OOS_REPORT
    try:
        t.use_next_halves()
        assert set(t.OOS_TUNE) == set(tune) | set(t.NEXT_TUNE) and set(t.OOS_REPORT) == set(report) | set(t.NEXT_REPORT)
        assert not set(t.OOS_TUNE) & set(t.OOS_REPORT)
        assert {"unseen15", "S15", "S17"} <= set(t.OOS_REPORT) and {"unseen14", "S16", "S18"} <= set(t.OOS_TUNE)
        assert t.half_of("unseen15")[0] == "report" and t.half_of("t30")[0] == "in_sample"
    finally:
        importlib.reload(t)


def test_operating_point_tool_sets_the_stage_model_and_below_in_place_and_restores_them() -> None:
    """Session 18 (learn18): `tools/stance_operating_point.py` measures a stance model at a `below` on real comments
    through the default engine, setting the stage's model and `below` in place and putting the shipped ones back;
    a stage at `below` 0 discounts nothing (the stage off)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    import stance_operating_point as sop

    from qinglang.models.stance_detector import StanceDetector

    assert sop.registry_stance()["below"] == 0.45
    rows = [("a", "你就是个傻逼，滚出去", True), ("b", "今天天气不错，出去走走", False)]
    off = sop.cold_acted(rows, None, 0.0)
    on = sop.cold_acted(rows, shipped(), 0.45)
    assert off["non_offensive"] == on["non_offensive"] == 0 and off["offensive"] >= on["offensive"]
    sop.cold_acted(rows, shipped(), 0.6)
    stage = next(d for d in sop.cold_acted.__defaults__[0][0]._current().adjusters if isinstance(d, StanceDetector))
    assert stage.below == 0.45 and stage.model.meta["digest"] == shipped().meta["digest"]


def test_a_finding_in_the_files_alone_is_not_discounted_by_a_read_of_the_post_words() -> None:
    """Session 19 (story19): the model reads the post's own text fields only; a signal whose every piece of evidence
    lies in a media field (a platform's note on the file, OCR) is a fact of the file it never saw."""
    det = StanceDetector(_constant(-3.0), below=0.4, factor=0.3, gate=0.35)
    note_ev = Evidence("media[0].note", 0, 4, "AI生成", "ai生成", rule="aigc.text.described.note", detector="aigc@1")
    in_file = Signal("aigc_unlabeled", 0.8, "aigc.trace.text.described", "aigc@1", (note_ev,))
    mixed = Signal("rumor", 0.7, "rumor.r", "lexicon@1", (note_ev, _signal("rumor", 0.7).evidence[0]))
    out = det.adjust(None, _Views("我家猫会自己开冰箱了哈哈"), [in_file, mixed])  # type: ignore[arg-type]
    assert out[0] is in_file  # the file's own finding keeps its score
    assert out[1].score == pytest.approx(0.21)  # a finding partly in the post's words is read as before
