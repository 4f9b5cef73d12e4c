"""Split-character (拆字) spellings: the matcher's variants agree with the text normalizer and the generator."""

from __future__ import annotations

import random
import unicodedata

import pytest

from qinglang.eval.perturb import perturb
from qinglang.lexicon import CompiledLexicon, load_dir
from qinglang.lexicon.matcher import MAX_SPLIT_VARIANTS, _split_variants
from qinglang.text import default_normalizer
from qinglang.text.normalize import load_table
from tests.conftest import write_lexicon

TERMS = ["情趣用品", "淫亵", "火药制作简易炸弹", "娼妓", "婊子养的", "色情", "品香堂", "硝铵炸药配方"]
MANIFEST = "name: split\nlabel: porn\nmatch: [exact, split]\nentries:\n" + "".join(
    f"  - {{term: {t}}}\n" for t in TERMS)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> CompiledLexicon:
    folder = write_lexicon(tmp_path_factory.mktemp("lex") / "split", MANIFEST)
    return CompiledLexicon(load_dir(folder).entries, default_normalizer())


def _found(compiled: CompiledLexicon, text: str, term: str) -> str | None:
    hits = [h for h in compiled.match(default_normalizer().normalize(text)) if h.entry.term == term]
    return hits[0].variant if hits else None


@pytest.mark.parametrize(("text", "term"), [
    ("卖心青走取用口口口的", "情趣用品"),  # 品 → 口口口, which the repeat stage folds to 口
    ("这是水爪壬执衣的东西", "淫亵"),  # 亵 folds to 哀 in text, but writers split 亵 itself (执衣)
    ("教你丷人草约制人乍竹间日勿火乍弓单", "火药制作简易炸弹"),  # every character split: past the old truncation
])
def test_split_spellings_normalize_like_text(compiled: CompiledLexicon, text: str, term: str) -> None:
    assert _found(compiled, text, term) == "split"


@pytest.mark.parametrize("rate", [1.0, 0.5])
def test_generator_split_cloaks_are_matched(compiled: CompiledLexicon, rate: float) -> None:
    """Whatever the split generator writes (the engine's table read in reverse), the matcher reads back."""
    rng = random.Random(7)
    for term in TERMS:
        if rate < 1.0 and len(term) > 4:
            continue  # up to two split characters, or all of them: random subsets of long terms are not kept
        for _ in range(30):
            text = f"我说{term}了。"
            cloaked = perturb(text, "split", rng, spans=[(2, 2 + len(term))], rate=rate)
            assert _found(compiled, cloaked, term) is not None, cloaked


def test_variants_are_bounded_and_canonical() -> None:
    norm = default_normalizer()
    for term in TERMS:
        canon = norm.normalize(term).text
        variants = _split_variants(canon, norm, term)
        assert len(variants) <= MAX_SPLIT_VARIANTS
        assert canon not in variants
        assert all(norm.normalize(v).text == v for v in variants)


def test_split_table_has_only_typeable_components() -> None:
    """Upstream's □ and private-use placeholders are not characters a writer can type."""
    for row in load_table("split"):
        for c in row.source + row.target:
            assert unicodedata.category(c) != "Co" and c != "□", row


def test_radical_generator_writes_component_look_alikes() -> None:
    """The `radical` generator writes what CNTP's look-alike cloaks contain: a radical added or swapped."""
    import random

    from qinglang.eval.perturb import _radical_alikes

    table = _radical_alikes()
    assert "嘿" in table["黑"] and "汝" in table["女"] and "汲" in table["级"]
    out = perturb("白人班级", "radical", random.Random(3), rate=1.0)
    assert len(out) == 4 and out != "白人班级"
    assert all(a == b or a in table[b] for a, b in zip(out, "白人班级", strict=True))


def test_shuffle_generator_reorders_inside_words() -> None:
    import random

    out = perturb("那岂不是婊子都不如", "shuffle", random.Random(1), rate=1.0)
    assert sorted(out) == sorted("那岂不是婊子都不如") and out != "那岂不是婊子都不如"


def test_emoji_generator_writes_characters_as_emoji_the_normalizer_reads_back() -> None:
    import random

    from qinglang.text import normalize

    out = perturb("跟黑女交往过的男的", "emoji", random.Random(5), rate=1.0)
    assert "👩" in out or "👨" in out
    assert "女" in normalize(out).text or "男" in normalize(out).text


def test_pinyin_generator_spaces_syllables_sometimes() -> None:
    import random

    outs = {perturb("那岂不是婊子都不如", "pinyin", random.Random(k), spans=[(4, 6)]) for k in range(8)}
    assert outs == {"那岂不是biaozi都不如", "那岂不是biao zi都不如"}
