"""The lexicon detector: every lexicon term hit, on every field, as a signal with evidence in the original."""

from __future__ import annotations

from qinglang.detectors.lexicon import LexiconDetector
from qinglang.engine import Engine
from tests.detectors.support import run_detector


def test_hits_become_signals_with_original_spans(engine: Engine) -> None:
    det = LexiconDetector(engine.compiled_lexicon)
    signals = run_detector(engine, det, {"text": "你这个傻 逼", "title": "标题"})
    assert signals and all(s.detector == "lexicon@1" for s in signals)
    ev = next(e for s in signals for e in s.evidence if e.field == "text")
    assert ev.text == "傻 逼" and "separator" in ev.layers  # found through the separator-folding layer


def test_clean_text_gives_nothing(engine: Engine) -> None:
    assert run_detector(engine, LexiconDetector(engine.compiled_lexicon), {"text": "今天天气很好"}) == []


def test_instance_name_is_reported(engine: Engine) -> None:
    det = LexiconDetector(engine.compiled_lexicon, name="platform_words")
    signals = run_detector(engine, det, {"text": "nmsl"})
    assert signals and {s.detector for s in signals} == {"platform_words@1"}


def test_a_hit_yields_to_another_labels_reading_of_the_same_characters(engine: Engine) -> None:
    # session 17 (lang17): our own terms; a porn entry that yields to abuse gives no porn evidence where the abuse
    # entry reads an overlapping span, and stays porn evidence elsewhere
    from qinglang.lexicon.matcher import CompiledLexicon
    from qinglang.lexicon.model import Entry
    from qinglang.text import default_normalizer

    entries = [Entry(term="坏蛋词", label="porn", score=0.5, yields=("abuse",), rule="t.porn"),
               Entry(term="黄色词", label="porn", score=0.5, yields=("abuse",), rule="t.porn"),
               Entry(term="坏蛋", label="abuse", score=0.7, rule="t.abuse")]
    det = LexiconDetector(CompiledLexicon(entries, default_normalizer()))
    got = {s.label: s for s in run_detector(engine, det, {"text": "你这个坏蛋词"})}
    assert set(got) == {"abuse"}                                   # read as the curse only
    got = {s.label: s for s in run_detector(engine, det, {"text": "你这个坏蛋，发点黄色词"})}
    assert set(got) == {"abuse", "porn"}                           # the other porn term stands
    assert [e.text for e in got["porn"].evidence] == ["黄色词"]


def test_the_shipped_porn_list_yields_its_curses_to_abuse(engine: Engine) -> None:
    # a curse the crowd-sourced porn list holds (sb, cnm) is an insult here, not sexual content
    det = LexiconDetector(engine.compiled_lexicon)
    labels = {s.label for s in run_detector(engine, det, {"text": "打得什么玩意 sb一个 cnm"})}
    assert "abuse" in labels and "porn" not in labels
    # the word-filter API still lists every hit
    assert "porn" in {h.label for h in engine.find_all("sb一个 cnm")}
