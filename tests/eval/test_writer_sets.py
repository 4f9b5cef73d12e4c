"""tools/writer_sets: the one recorder of the writer-set tools (session 15, prec15) — one row shape, a row the
contract rejects counted as decided `pass` and named (never dropped), and the innocence kind of a hard negative."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import writer_sets  # noqa: E402

from qinglang.errors import InvalidContent  # noqa: E402
from qinglang.model import Decision, Evidence, LabelResult  # noqa: E402


def _row(violation: bool, labels: list[str], action_at_least: str, **extra: object) -> dict:
    return {"id": "x-1", "content": {"id": "x-1", "title": "标题", "text": "正文"}, "hard_negative": not violation,
            "expect": {"violation": violation, "labels": labels, "action_at_least": action_at_least, "marks": []},
            **extra}


def test_a_rejected_row_is_a_pass_that_is_named() -> None:
    r = _row(True, ["rumor"], "review")
    out = writer_sets.decision_row("t14", Path("t14.jsonl"), r, InvalidContent("field 'author.followers' must be"))
    assert out["action"] == "pass" and out["got"] == [] and not out["caught"] and not out["acted"]
    assert out["invalid"] and out["violation"]
    assert "t14/x-1" in writer_sets.rejected([out]) and "1," in writer_sets.rejected([out])
    assert writer_sets.rejected([dict(out, invalid=None)]) == ""


def test_a_decision_row_carries_judgement_rules_and_evidence() -> None:
    ev = Evidence("text", 0, 2, "正文", "正文", rule="lex:x", detector="lexicon", scope="report:通报")
    d = Decision(id="x-1", action="limit", risk=0.7,
                 labels=(LabelResult("rumor", 0.71234, "c4", "lex:x", (ev,), policy_rule="rumor.limit"),
                         LabelResult("clickbait", 0.2, "c4", "model:y")))
    out = writer_sets.decision_row("S9", Path("s9.jsonl"), _row(False, [], "label", scope="report", note="报道"), d)
    assert out["got"] == ["rumor"] and out["acted"] and not out["caught"]
    assert out["labels"]["rumor"] == [0.712, "lex:x", "rumor.limit"] and out["labels"]["clickbait"][2] == ""
    assert out["evidence"][0]["ev"][0]["scope"] == "report:通报" and out["kind"] == "report"
    assert out["title"] == "标题" and out["text"] == "正文" and out["first_label"] is None


def test_innocence_kind_takes_the_writers_scope_then_the_note() -> None:
    assert writer_sets.innocence_kind(_row(True, ["rumor"], "review", note="警方通报")) == "violation"
    assert writer_sets.innocence_kind(_row(False, [], "pass", scope="quote", note="警方通报")) == "quote"
    assert writer_sets.innocence_kind(_row(False, [], "pass", note="声明虚构的小说章节")) == "fiction"
    assert writer_sets.innocence_kind(_row(False, [], "pass", note="家长提醒其他家长防骗")) == "warning"
    assert writer_sets.innocence_kind(_row(False, [], "pass", note="警方通报案件")) == "official"
    assert writer_sets.innocence_kind(_row(False, [], "pass", note="普通内容")) == "other"


def test_the_four_tools_read_the_same_recorded_rows() -> None:
    import eval_frame_halves
    import eval_labels
    import eval_news
    import eval_story_sets

    caught = Decision(id="x-1", action="review", risk=0.8,
                      labels=(LabelResult("rumor", 0.8, "c4", "lex:x", (), policy_rule="rumor.review"),))
    rows = [writer_sets.decision_row("unseen7", Path("task04.jsonl"), _row(True, ["rumor"], "review", task=4), caught),
            writer_sets.decision_row("unseen7", Path("task04.jsonl"), _row(True, ["rumor"], "review", task=4),
                                     InvalidContent("bad")),
            writer_sets.decision_row("unseen7", Path("task04.jsonl"), _row(False, [], "pass", task=4), caught)]
    labels = eval_labels.figures(rows)["report"]
    assert labels["totals"]["violations"] == 2 and labels["totals"]["caught"] == 1
    assert labels["totals"]["hard_acted"] == 1
    assert "| report | 4 | 1/2 | 1/1 |" in eval_story_sets.figures(rows)
    res = eval_news.evaluate(eval_news.load("report", rows))
    assert res["tasks"]["task04"] == {"violations": 2, "caught": 1, "hard_negatives": 1, "hard_acted": 1}
    assert res["invalid"] == ["x-1"]
    frames = eval_frame_halves.score(eval_frame_halves.half_rows(rows, ("unseen7",), [4]), None)
    assert frames["tasks"][4]["caught"] == 1 and frames["tasks"][4]["hard_acted"] == 1


def test_hard_negatives_are_counted_per_set_kind_and_firing_rule() -> None:
    import eval_hard_negatives as hn

    limit = Decision(id="x-1", action="limit", risk=0.7,
                     labels=(LabelResult("clickbait", 0.7, "c4", "claims.clickbait.title", (),
                                         policy_rule="media.clickbait.limit"),))
    mark = Decision(id="x-1", action="label", risk=0.0, marks=("fictional",))
    rows = [writer_sets.decision_row("t1", Path("t1.jsonl"), _row(False, [], "pass", note="个人生活分享"), limit),
            writer_sets.decision_row("t1", Path("t1.jsonl"), _row(False, [], "pass", note="声明虚构的小说"), mark),
            writer_sets.decision_row("S10", Path("s10.jsonl"), _row(False, [], "pass", scope="report"), mark)]
    t = hn.tables(rows)
    assert t["tune"]["total"]["acted"] == 2 and t["tune"]["total"]["restricted"] == 1
    assert t["tune"]["kind"]["personal"]["restricted"] == 1 and t["tune"]["kind"]["fiction"]["acted"] == 1
    assert t["tune"]["fire"]["clickbait/claims/media.clickbait.limit"] == 1
    assert t["report"]["set"]["S10"]["hard_acted"] == 1 and t["report"]["kind"]["report"]["restricted"] == 0
    assert "2 → 1" in hn.report(rows[:1], rows) or "| t1 |" in hn.report(rows[:1], rows)
    assert t["tune"]["set_kind"]["t1"] == {"personal": 1, "fiction": 1}
    assert "| t1 | 0/0 | 2/2 | 2/2 | 1 | fiction 1, personal 1 |" in hn.report(rows)


def test_the_rule_branches_report_sets_are_counted_on_the_report_half_and_never_listed() -> None:
    import eval_hard_negatives as hn

    mark = Decision(id="x-1", action="label", risk=0.0, marks=("fictional",))
    groups = (*writer_sets.RULES_REPORT, "t41")  # session 23: S30, t42, unseen25 report; t41 tunes
    rows = [writer_sets.decision_row(g, Path(f"{g}.jsonl"), _row(False, [], "pass", note="声明虚构的小说"), mark)
            for g in groups]
    assert set(writer_sets.RULES_REPORT) <= hn.REPORT and "t41" not in hn.REPORT
    t = hn.tables(rows)
    assert t["report"]["total"]["acted"] == len(writer_sets.RULES_REPORT) and t["tune"]["total"]["acted"] == 1
    listed = hn.listing(rows)
    assert "t41" in listed and not any(g in listed for g in writer_sets.RULES_REPORT)


def test_the_local_report_reads_the_same_recording_with_its_own_halves_and_tasks() -> None:
    import eval_local_sets as local
    import eval_story_sets as story

    limit = Decision(id="x-1", action="limit", risk=0.7,
                     labels=(LabelResult("wealth_flaunt", 0.8, "c4", "frame:x", (), policy_rule="eco.limit"),))
    rows = [writer_sets.decision_row("S10", Path("s10.jsonl"), _row(True, ["wealth_flaunt"], "limit", task=1), limit),
            writer_sets.decision_row("t23", Path("t23.jsonl"), _row(True, ["wealth_flaunt"], "review", task=1),
                                     limit),
            writer_sets.decision_row("t23", Path("t23.jsonl"), _row(False, [], "pass", task=1), limit)]
    table = story.figures(rows, labels=local.LABELS, tasks=local.TASKS, half=local.half)
    assert "| report | 1 | 1/1 | 0/0 | 1 |" in table  # S10 is on the report half here (not in eval_story_sets')
    assert "| tune | 1 | 1/1 | 1/1 | 0 |" in table  # caught below the writer's `review`; the innocent row acted on
    assert "| tune | wealth_flaunt | 0.50 | 1.00 | 1 | 1 | 0 | 0 | 1 |" in table
    listed = story.misses(rows, "task1", half=local.half)
    assert listed.startswith("FP t23") and "S10" not in listed  # the report half is never listed


def test_the_drainage_report_counts_recorded_rows_and_a_rejected_row_as_a_miss() -> None:
    import eval_drainage_writers as dw

    drain = Decision(id="x-1", action="review", risk=0.8,
                     labels=(LabelResult("drainage", 0.8, "c3", "contact:x", (), policy_rule="drainage.review"),))
    rows = [writer_sets.decision_row("t24", Path("t24.jsonl"), _row(True, ["drainage"], "review"), drain),
            writer_sets.decision_row("t24", Path("t24.jsonl"), _row(True, ["drainage", "gambling"], "review"),
                                     InvalidContent("bad")),
            writer_sets.decision_row("t24", Path("t24.jsonl"), _row(False, [], "pass"), drain)]
    c = dw.score(rows)["c"]
    assert (c["drain_rows"], c["drain_caught"], c["innocent"], c["innocent_acted"]) == (2, 1, 1, 1)
    assert (c["gambling_fn"], c["drainage_fp"]) == (1, 1)
    assert dw._mine("unseen10", Path("task03.jsonl")) and not dw._mine("unseen10", Path("drainage.jsonl"))


def test_the_story_report_reads_tasks_6_and_7_on_the_sessions_halves() -> None:
    """tools/eval_story (session 19; eval_aigc18's assertions): tasks 6 and 7 on the rule branches' halves; report
    rows counted, never listed."""
    import eval_story
    import eval_story_sets as story

    tasks, labels = eval_story.FOCUS["aigc"]
    label = Decision(id="x-1", action="label", risk=0.6, marks=("aigc_explicit",),
                     labels=(LabelResult("aigc_unlabeled", 0.6, "c6", "aigc", (), policy_rule="aigc.unlabeled.label"),))
    rows = [writer_sets.decision_row(g, Path(f"{g}.jsonl"), _row(True, ["aigc_unlabeled"], "label", task=6), label)
            for g in ("S30", "unseen14")]
    rows.append(writer_sets.decision_row("unseen14", Path("t.jsonl"), _row(True, ["minors_harm"], "review", task=7),
                                         Decision(id="x-1", action="pass", risk=0.0)))
    table = story.figures(rows, labels=labels, tasks=tasks, half=eval_story.half)
    assert "| report | 6 | 1/1 | 0/0 | 1 |" in table and "| tune | 6 | 1/1 | 0/0 | 1 |" in table
    assert "| tune | 7 | 0/1 | 0/0 | 0 |" in table
    listed = story.misses(rows, "task7", half=eval_story.half)
    assert listed.startswith("MISS unseen14") and "S30" not in story.misses(rows, "aigc_unlabeled",
                                                                             half=eval_story.half)
    per = eval_story.per_set(rows, eval_story.named_sets(("unseen14",)), tasks, labels)
    assert "| S30 (report) | 1/1 · 0/0 |" in per and "| unseen14 (tune) | 1/1 · 0/0 | 0/1 · 0/0 |" in per


def test_the_story_report_takes_its_halves_from_writer_sets(monkeypatch) -> None:
    """One home for the session's halves: a new session edits writer_sets and no copy in the report (the retired
    eval_story16 / 17 / eval_aigc18 each restated them)."""
    import eval_story

    assert eval_story.half("S30") == "report" and eval_story.half("S29") == "tune"
    assert eval_story.named_sets()[:3] == writer_sets.RULES_TUNE
    monkeypatch.setattr(writer_sets, "RULES_REPORT", ("S19",))
    monkeypatch.setattr(writer_sets, "RULES_TUNE", ("S20",))
    assert eval_story.half("S19") == "report" and eval_story.half("S20") == "tune"
    assert eval_story.named_sets(("t1",)) == ("S20", "S19", "t1")
    assert not (ROOT / "tools" / "eval_aigc18.py").exists() and not (ROOT / "tools" / "eval_story17.py").exists()


def test_the_commerce_focus_reads_tasks_2_5_and_6() -> None:
    """eval_story --focus commerce (session 21, story21): enterprises, livestream and AI content, with the labels no
    policy acted on all year; an extortion row of task 2 on the report half is counted, never listed."""
    import eval_story
    import eval_story_sets as story

    tasks, labels = eval_story.FOCUS["commerce"]
    assert tasks == (2, 5, 6) and {"extortion", "false_ad", "aigc_unlabeled", "wealth_flaunt"} <= set(labels)
    review = Decision(id="x-1", action="review", risk=0.6,
                      labels=(LabelResult("extortion", 0.65, "c2", "frame.extortion.x", (), policy_rule="ent.x"),))
    rows = [writer_sets.decision_row("t42", Path("t42.jsonl"), _row(True, ["extortion"], "review", task=2), review),
            writer_sets.decision_row("t41", Path("t41.jsonl"), _row(True, ["false_ad"], "review", task=5),
                                     Decision(id="x-1", action="pass", risk=0.0))]
    table = story.figures(rows, labels=labels, tasks=tasks, half=eval_story.half)
    assert "| report | 2 | 1/1 | 0/0 | 1 |" in table and "| tune | 5 | 0/1 | 0/0 | 0 |" in table
    assert "t42" not in story.misses(rows, "task2", half=eval_story.half)
