"""Pinyin initials: when a short Latin token is read as a term's initials, and when it is ordinary Latin."""

from __future__ import annotations

from pathlib import Path

import pytest

from qinglang.errors import ConfigError
from qinglang.lexicon import CompiledLexicon, load_dir
from qinglang.lexicon.loader import load_dirs, shipped_lexicon_dirs
from qinglang.lexicon.matcher import _common_latin
from qinglang.text import default_normalizer
from tests.conftest import write_lexicon


@pytest.fixture(scope="module")
def shipped() -> CompiledLexicon:
    """The shipped abuse (curated, unguarded) and porn (bulk, `initials_guard: 3`) lexicons."""
    dirs = [d for d in shipped_lexicon_dirs() if d.name in ("abuse", "porn")]
    return CompiledLexicon([e for lex in load_dirs(dirs) for e in lex.entries], default_normalizer())


def _hits(compiled: CompiledLexicon, text: str, lexicon: str) -> list[tuple[str, str, str]]:
    """(term, variant, original span) of every hit of one lexicon."""
    nt = default_normalizer().normalize(text)
    out = []
    for h in compiled.match(nt):
        if h.entry.lexicon == lexicon:
            a, b = nt.span(h.start, h.end)
            out.append((h.entry.term, h.variant, text[a:b]))
    return out


def test_sb_between_cjk_fires_abuse(shipped: CompiledLexicon) -> None:
    assert ("傻逼", "initials", "sb") in _hits(shipped, "你真是sb啊", "abuse")


def test_curated_lexicon_keeps_uppercase_initials(shipped: CompiledLexicon) -> None:
    # The guard is per lexicon: the curated abuse list reads SB as 傻逼 whatever the case.
    assert ("傻逼", "initials", "SB") in _hits(shipped, "你个SB", "abuse")


@pytest.mark.parametrize("text", ["这个tw好羞", "拍tw视频", "ｔｗ好羞", "𝐭𝐰好羞"])
def test_two_letter_initials_of_a_bulk_term_fire_when_written_as_initials(shipped: CompiledLexicon, text: str) -> None:
    assert [t for t, v, _ in _hits(shipped, text, "porn") if v == "initials"] == ["体位"]


@pytest.mark.parametrize(
    "text",
    [
        "TW的新闻",  # capitals: an acronym
        "ＴＷ的新闻",  # capitals typed in fullwidth mode
        "DC电影《猛禽小队》",
        "mj的新歌",  # a token ordinary posts use (common_latin.tsv)
        "有许多人评论gt了",
        "t*w~ice真好看",  # a longer word with decoration inside
        "ba❤by真可爱",
        "关注@tw 谢谢",  # a handle
        "中&tw;东",  # an entity
        "说了句mind yr own business",  # a word of a Latin phrase
        "I won't judge you.",  # a word that does not split wholly into initials
    ],
)
def test_ordinary_latin_does_not_fire_porn(shipped: CompiledLexicon, text: str) -> None:
    assert [h for h in _hits(shipped, text, "porn") if h[1] == "initials"] == []


def test_several_initials_in_one_word_are_read(shipped: CompiledLexicon) -> None:
    hits = _hits(shipped, "这个男的一直重复qjqj", "porn")
    assert [o for t, v, o in hits if t == "强奸" and v == "initials"] == ["qj", "qj"]
    assert any(t == "卧槽" for t, _, _ in _hits(shipped, "口头禅是：wcnm。", "porn"))


def test_three_letter_initials_are_guarded_too(shipped: CompiledLexicon) -> None:
    assert [h for h in _hits(shipped, "每天看CNN新闻", "porn") if h[1] == "initials"] == []
    assert ("操你娘", "initials", "cnn") in _hits(shipped, "他张口就是cnn", "porn")


def test_common_latin_table_ships_with_provenance() -> None:
    table = _common_latin()
    assert {"mj", "tg", "nb"} <= table
    assert "tw" not in table and "qj" not in table
    from importlib import resources

    text = resources.files("qinglang.lexicon").joinpath("data", "common_latin.tsv").read_text("utf-8")
    assert "tools/build_common_latin.py" in text and "COLD train" in text
    assert all(line.split("\t")[2] == "cold:train:safe" for line in text.splitlines() if not line.startswith("#"))


GUARDED = "name: g\nlabel: porn\nmatch: [exact, initials]\ninitials_guard: {guard}\n"


@pytest.mark.parametrize(("guard", "fires"), [(0, True), (2, False)])
def test_initials_guard_is_a_lexicon_setting(tmp_path: Path, guard: int, fires: bool) -> None:
    folder = write_lexicon(tmp_path / "g", GUARDED.format(guard=guard), "体位\n")
    lex = load_dir(folder)
    assert lex.entries[0].initials_guard == guard
    compiled = CompiledLexicon(lex.entries, default_normalizer())
    assert bool(_hits(compiled, "这个TW好羞", "g")) is fires


def test_initials_guard_is_validated(tmp_path: Path) -> None:
    folder = write_lexicon(tmp_path / "bad", GUARDED.format(guard="many"), "体位\n")
    with pytest.raises(ConfigError, match="initials_guard"):
        load_dir(folder)


def test_zz_reads_as_insult_only_where_written_as_initials(shipped: CompiledLexicon) -> None:
    # 智障/杂种 carry a per-entry guard instead of the old never-initials list: zz in lowercase among Chinese text
    # is the insult; ZZ (a name) and zz正确 (政治正确) are not.
    assert ("智障", "initials", "zz") in _hits(shipped, "这人zz吧", "abuse")
    assert not _hits(shipped, "ZZ的新歌", "abuse")
    assert not _hits(shipped, "zz正确害死人", "abuse")
