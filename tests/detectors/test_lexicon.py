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
