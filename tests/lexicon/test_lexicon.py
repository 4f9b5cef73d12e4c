"""Lexicon folders: loading rules, match modes, context rules, exemptions and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from qinglang.engine import Engine
from qinglang.errors import ConfigError
from qinglang.lexicon import CompiledLexicon, load_dir
from qinglang.text import default_normalizer
from tests.conftest import write_lexicon

MANIFEST = """
name: platform
label: drainage
severity: high
entries:
  - {term: 微信, match: [exact, homophone, pinyin, initials], context: [加, 联系, 私], exempt: [威信县]}
  - {term: 菠菜, label: gambling, context: [平台, 网址, 上下分], forbid: [炒, 鸡蛋]}
  - {term: 娼妓, label: porn, match: [exact, split]}
  - {term: "[a-z]{2}\\\\d{4}\\\\.cc", label: drainage, match: [regex], rule: platform.domain.cc}
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> CompiledLexicon:
    folder = write_lexicon(tmp_path_factory.mktemp("lex") / "platform", MANIFEST)
    return CompiledLexicon(load_dir(folder).entries, default_normalizer())


CASES = [
    ("加微信聊", "微信", "exact", "微信"),
    ("加威信聊", "微信", "homophone", "威信"),
    ("加薇信聊", "微信", "homophone", "薇信"),
    ("加 weixin 聊", "微信", "pinyin", "weixin"),
    ("加wei信", "微信", "pinyin", "wei信"),
    ("联系vx", "微信", "initials", "vx"),
    ("私 wx 号", "微信", "initials", "wx"),
    ("加徾-信", "微信", "exact", "徾-信"),
    ("菠菜平台注册", "菠菜", "exact", "菠菜"),
    ("这里有女昌女支", "娼妓", "split", "女昌女支"),
    ("访问ab1234.cc", "[a-z]{2}\\d{4}\\.cc", "regex", "ab1234.cc"),
]


@pytest.mark.parametrize(("text", "term", "variant", "original"), CASES)
def test_match_modes(compiled: CompiledLexicon, text: str, term: str, variant: str, original: str) -> None:
    nt = default_normalizer().normalize(text)
    hits = [h for h in compiled.match(nt) if h.entry.term == term]
    assert hits, f"no hit for {term} in {text}"
    h = hits[0]
    assert h.variant == variant
    a, b = nt.span(h.start, h.end)
    assert text[a:b] == original


NEGATIVES = [
    "他在威信县工作，加油",  # exemption
    "威信很高",  # homophone without context
    "菠菜炒鸡蛋的平台",  # forbid wins over context
    "我买了菠菜",  # no context
    "wxyz 加",  # initials inside a longer Latin word
    "weixing 加",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_hard_negatives(compiled: CompiledLexicon, text: str) -> None:
    assert compiled.match(default_normalizer().normalize(text)) == []


def test_context_word_is_recorded(compiled: CompiledLexicon) -> None:
    hits = compiled.match(default_normalizer().normalize("菠菜平台"))
    assert hits[0].context_word == "平台"


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("name: x\nentries:\n  - {term: a}\n", "no label"),
        ("name: x\nlabel: drainnage\nentries:\n  - {term: ab}\n", "did you mean 'drainage'"),
        ("name: x\nlabel: porn\nentries:\n  - {term: ab, match: [sound]}\n", "unknown match modes"),
        ("name: x\nlabel: porn\nentries:\n  - {term: '(a', match: [regex]}\n", "invalid RE2 pattern"),
        ("name: x\nlabel: porn\nseverity: extreme\nentries:\n  - {term: ab}\n", "severity must be one of"),
        ("name: x\nlabel: porn\nentries:\n  - {term: ab, colour: red}\n", "unknown keys"),
        ("name: x\nlabel: [unclosed\n", "invalid YAML"),
    ],
)
def test_load_errors_name_the_file(tmp_path: Path, manifest: str, message: str) -> None:
    folder = write_lexicon(tmp_path / "bad", manifest)
    with pytest.raises(ConfigError, match=message) as exc:
        load_dir(folder)
    assert "lexicon.yaml" in str(exc.value) or "bad" in str(exc.value)


def test_folder_without_provenance_is_refused(tmp_path: Path) -> None:
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "lexicon.yaml").write_text("name: x\nlabel: porn\n", "utf-8")
    with pytest.raises(ConfigError, match="PROVENANCE"):
        load_dir(tmp_path / "lex")


def test_term_file_errors_name_the_line(tmp_path: Path) -> None:
    folder = write_lexicon(tmp_path / "lex", "name: x\nlabel: porn\n", "好词\n坏词\tnolabel\n")
    with pytest.raises(ConfigError, match=r"terms.txt:2"):
        load_dir(folder)


def test_platform_folder_and_reload_swap(tmp_path: Path) -> None:
    folder = write_lexicon(tmp_path / "mine", "name: mine\nlabel: vulgar\n", "土味情话\n")
    engine = Engine.from_config(lexicons=[folder])
    assert engine.moderate({"id": "1", "text": "来点土味情话"}).labels[0].label == "vulgar"
    v1 = engine.policy_version
    (folder / "terms.txt").write_text("土味情话\n擦边球\n", "utf-8")
    v2 = engine.reload()
    assert v2 != v1 and engine.policy_version == v2
    assert engine.moderate({"id": "2", "text": "打擦边球"}).labels[0].label == "vulgar"
    (folder / "lexicon.yaml").write_text("name: mine\nlabel: nonsense_label\n", "utf-8")
    with pytest.raises(ConfigError):
        engine.reload()
    assert engine.policy_version == v2  # the last good state stays
    assert engine.moderate({"id": "3", "text": "打擦边球"}).labels[0].label == "vulgar"


def test_shipped_lexicons_have_provenance_and_license() -> None:
    from qinglang.lexicon import shipped_lexicon_dirs

    for folder in shipped_lexicon_dirs():
        prov = (folder / "PROVENANCE").read_text("utf-8")
        assert "source" in prov and "license" in prov.lower()
        assert load_dir(folder).entries


def test_characters_without_a_unit_of_their_own_are_verified(tmp_path) -> None:
    """The automata scan 16-bit units; astral characters (and private-use text in the sound view) share one
    unit, so hits through them are checked against the real text."""
    from qinglang.lexicon import CompiledLexicon, load_dir
    from qinglang.text import default_normalizer
    from tests.conftest import write_lexicon

    folder = write_lexicon(tmp_path / "lex", "name: t\nlabel: vulgar\nmatch: [exact, homophone]\n"
                           "entries:\n  - {term: 𠀋药}\n  - {term: 微信}\n")
    compiled = CompiledLexicon(load_dir(folder).entries, default_normalizer())

    def terms(text: str) -> list[str]:
        return sorted(h.entry.term for h in compiled.match(default_normalizer().normalize(text)))

    assert terms("买𠀋药") == ["𠀋药"]
    assert terms("买𠀀药") == []  # another astral character in the same place
    assert terms("加薇信") == ["微信"]  # a sound-alike through the private-use sound units
    assert terms("加\ue000\ue001") == []  # private-use text is not a sound class


def test_hosted_lexicon_finds_what_it_would_find_alone(tmp_path) -> None:
    """A lexicon that borrows a larger one's canonical pass (contact's terms inside the engine's lexicon) gives
    the same hits as on its own, with or without sound-alike entries, one field or a batch."""
    from qinglang.lexicon import CompiledLexicon, load_dir
    from qinglang.text import default_normalizer

    norm = default_normalizer()
    big = write_lexicon(tmp_path / "big", "name: big\nlabel: vulgar\n"
                        "entries:\n  - {term: 微信}\n  - {term: 看片}\n  - {term: 福利}\n")
    small = write_lexicon(tmp_path / "small", "name: small\nlabel: porn\nmatch: [exact, homophone]\n"
                          "entries:\n  - {term: 看片}\n")
    host = CompiledLexicon(load_dir(big).entries, norm)
    alone = CompiledLexicon(load_dir(small).entries, norm)
    hosted = CompiledLexicon(load_dir(small).entries, norm, host=host)
    assert hosted._host is host
    texts = ["加微信看片", "福利砍骗", "今天天气好"]

    def spans(lex: CompiledLexicon, nts: list) -> list[list[tuple[str, int, int, str]]]:
        return [sorted((h.entry.term, h.start, h.end, h.variant) for h in lex.match(nt)) for nt in nts]

    expected = spans(alone, [norm.normalize(t) for t in texts])
    assert expected[0] and expected[1]  # exact and sound-alike hits
    assert spans(hosted, [norm.normalize(t) for t in texts]) == expected
    batch = [norm.normalize(t) for t in texts]
    hosted.match_many(batch)
    assert spans(hosted, batch) == expected


def test_regex_gate_says_yes_exactly_when_the_entry_regex_finds_something() -> None:
    """The RE2 set gate keeps a leading repeat at its minimum count; which entries match must not change."""
    import random

    import re2

    from qinglang.lexicon.matcher import _gate_pattern

    patterns = [r"[\p{Han}]{1,8}(小学|中学|实验)", r"\d+(\.\d+)?(万|千|元)", r"\d{3,4}室", r"[一二三两]+(万|千)",
                r"[\p{Han}a-z0-9]{2,10}(公司|厂)", r"\d+a|b", r"\d+?号", r"(^|[^\d])([1-9]|1[0-7])岁"]
    assert _gate_pattern(r"\d{3,4}室") == r"\d{3}室" and _gate_pattern(r"\d+a|b") == r"\d+a|b"
    gate = re2.Set.SearchSet()
    for p in patterns:
        gate.Add(_gate_pattern(p))
    gate.Compile()
    compiled = [re2.compile(p) for p in patterns]
    rng = random.Random(7)
    alphabet = "小中学实验万千元室一二三两公司厂号岁ab.0123456789 字"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        expected = sorted(k for k, rx in enumerate(compiled) if rx.search(text))
        assert sorted(gate.Match(text) or []) == expected, text


def test_regex_gate_names_every_entry_that_matches() -> None:
    """The prefilter plus the small set for literal-free patterns may name extra entries, never miss one."""
    import random

    import re2

    from qinglang.lexicon.matcher import _RegexGate

    patterns = [r"[\p{Han}]{1,8}(小学|中学|实验)", r"\d+(\.\d+)?(万|千|元)", r"\d{3,4}室", r"[一二三两]+(万|千)",
                r"(?:[a-z0-9]|[^\P{Han}的了])[\p{Han}]{1,6}?(公司|厂)", r"\d+a|b", r"\d+?号",
                r"(^|[^\d])([1-9]|1[0-7])岁", r"\d{3}", r"[（(]\s*ai", r"实验[^，。]{0,6}公司", r"[[:alpha:]]{2}室"]
    compiled = [(k, re2.compile(p)) for k, p in enumerate(patterns)]
    gate = _RegexGate(compiled)
    assert gate._set_index == [8, 11]  # no literal known (\\d{3}; POSIX class syntax): these go to the RE2 set
    rng = random.Random(11)
    alphabet = "小中学实验万千元室一二三两公司厂号岁ab.0123456789 字的，（(ai"
    named = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        expected = {k for k, rx in compiled if rx.search(text)}
        got = gate.candidates(text)
        assert got == sorted(got) and expected <= set(got), text
        named += len(got)
    assert named < 3000 * len(patterns) / 2  # a gate, not a pass-through


@pytest.mark.parametrize(("manifest", "message"), [
    ("name: x\nlabel: porn\nyields: [abusee]\nentries:\n  - {term: ab}\n", "did you mean 'abuse'"),
    ("name: x\nlabel: porn\nyields: [porn]\nentries:\n  - {term: ab}\n", "its own label"),
    ("name: x\nlabel: porn\nentries:\n  - {term: ab, yields: [1]}\n", "list of labels"),
])
def test_yields_names_known_labels(tmp_path: Path, manifest: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_dir(write_lexicon(tmp_path / "bad", manifest))


def test_yields_is_inherited_by_the_files(tmp_path: Path) -> None:
    folder = write_lexicon(tmp_path / "lex", "name: x\nlabel: porn\nyields: [abuse]\n", "好词\n")
    assert [e.yields for e in load_dir(folder).entries] == [("abuse",)]


def test_regex_entries_over_a_batch_give_each_field_the_hits_it_gets_alone() -> None:
    """`match_many` searches the regex entries entry by entry over the batch's fields (session 23, perf23): every
    field keeps its own hits, in the order the one-field pass gives them (entry, then position)."""
    from qinglang.lexicon.matcher import CompiledLexicon
    from qinglang.lexicon.model import Entry
    from qinglang.text.normalize import Normalizer

    norm = Normalizer()
    lex = CompiledLexicon([
        Entry(term="刷单", label="drainage"),
        Entry(term=r"[\p{Han}]{2,6}(有限公司|集团)", label="drainage", match=frozenset({"regex"})),
        Entry(term=r"\d+(元|块)", label="drainage", match=frozenset({"regex"})),
        Entry(term=r"第[一二三\d]+(期|集)", label="drainage", match=frozenset({"regex"})),
    ], norm)
    texts = ["星河有限公司招人刷单，一单5元，第2期返30块", "今天看了第三集，花了12元买奶茶",
             "没有数字也没有公司的一句话", "蓝天集团和海洋有限公司合作，第1期投入100元"]
    alone = [[(h.index, h.start, h.end, h.variant) for h in lex.match(norm.normalize(t))] for t in texts]
    batch = [norm.normalize(t) for t in texts]
    lex.match_many(batch)
    assert [[(h.index, h.start, h.end, h.variant) for h in lex.match(nt)] for nt in batch] == alone
    assert sum(len(a) for a in alone) >= 8 and alone[2] == []
