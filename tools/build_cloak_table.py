"""Build `qinglang/text/data/cloak_words.tsv`: the words real posters cloak, for the models' de-cloaked view.

    python tools/build_cloak_table.py          # (run by `make tables`) reads $QINGLANG_SHARED or ../shared

CNTP (ToxiBenchCN) names, for each toxic sentence, the words its authors cloaked (`toxic_entity`: 基佬, 黑人,
女拳, 舔狗 …). Only the **training** sentences count (`tools/train_models.py::cntp_is_val` keeps the validation
fifth out, so `tools/eval_cntp.py --split val` measures words the table may not hold). A word is kept when it
is 2–6 CJK characters after normalization; the terms of the shipped abuse and group-slur lexicons join them
(first among words that sound alike). Per word the table lists how it may be written back
(`qinglang.text.decloak`):

- `homophone`, `pinyin`: its sound-alikes and spelled-out pinyin (the lexicon matcher's modes and guards), for
  the most frequent word of each sound (黑人, not 嘿人) that CNTP names at least MIN_SOUND_COUNT times or a
  lexicon holds;
- `initials`: its pinyin initials (jl → 基佬), only for the most frequent word of each initials string, and
  never where that string is a token ordinary posts use for its own sake (`common_latin.tsv`) or a syllable;
- shuffles: the orders of its characters (佬基, 人黑) that are no dictionary word (jieba) and occur in none of
  the ordinary comments (COLD train safe, SWSR train non-sexist, CNTP training sentences labelled non-toxic)
  more than MAX_ORDINARY times.

Deterministic: same data → identical bytes.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
SHARED = Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared")) / "data"
OUT = ROOT / "qinglang" / "text" / "data" / "cloak_words.tsv"
MAX_SHUFFLE_LEN = 4  # 4! orders at most
MIN_SOUND_COUNT = 2  # CNTP sentences naming a word before its sound-alikes and pinyin are written back
LEXICONS = ("abuse", "group_slurs")  # shipped lexicons whose terms lead their sound (see main)
# A shuffled order may occur this often in the ordinary comments (across words there: 维权女孩 holds 权女); the
# decloaker writes it back only on word boundaries (`whole_word`), which such occurrences do not keep.
MAX_ORDINARY = 3

HEADER = """\
# Words real posters cloak (homophones, pinyin, initials, swapped order), for the models' de-cloaked view
# (qinglang/text/decloak.py). Derived from CNTP in ToxiBenchCN (github.com/thomasyyyoung/ToxiBenchCN, commit
# b1e6922487785aec59841bfb909bf40326174373, MIT License, (c) 2025 thomasyyyoung): the `toxic_entity` words of
# the development half's training sentences (tools/train_models.py::cntp_is_val is False), and the terms of
# Qinglang's abuse and group_slurs lexicons (count 0 unless CNTP names them). Shuffled orders are
# checked against jieba's dictionary (MIT) and ordinary comments of COLD (Apache-2.0) and SWSR (MIT).
# Built by tools/build_cloak_table.py; do not edit by hand.
# columns: word<TAB>count<TAB>modes<TAB>shuffled orders (comma-separated)
"""


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _cjk(s: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in s)


def main() -> int:
    from train_models import cntp_is_val

    from qinglang.lexicon.loader import load_dir
    from qinglang.lexicon.matcher import COMMON_LATIN, _common_latin
    from qinglang.text.dictionary import iter_words
    from qinglang.text.normalize import Normalizer
    from qinglang.text.phonetic import char_syllable, is_syllable, sound_class_table

    norm = Normalizer()
    base = _rows(SHARED / "cntp" / "base.jsonl")
    counts: Counter[str] = Counter()
    for r in base:
        if r["label"] == 1 and not cntp_is_val(r["sentence_id"]):
            for ent in r.get("toxic_entity") or []:
                w = norm.normalize(ent).text
                if 2 <= len(w) <= 6 and _cjk(w):
                    counts[w] += 1
    # The terms of the shipped abuse and group-slur lexicons come first among words that sound alike: a
    # sound-alike or pinyin spelling is written back as 傻逼, not as CNTP's cloaked 沙币.
    lexicon_terms: set[str] = set()
    for name in LEXICONS:
        for entry in load_dir(ROOT / "qinglang" / "lexicons" / name).entries:
            w = norm.normalize(entry.term).text
            if 2 <= len(w) <= 6 and _cjk(w):
                lexicon_terms.add(w)
    ordinary = [r["text"] for r in _rows(SHARED / "cold" / "train.jsonl") if r["label"] == 0]
    ordinary += [r["text"] for r in _rows(SHARED / "swsr" / "train.jsonl") if int(r["label"]) == 0]
    ordinary += [r["text"] for r in base if r["label"] == 0 and not cntp_is_val(r["sentence_id"])]
    ordinary_text = "\n".join(norm.normalize(t).text for t in ordinary)
    dictionary = {w for w, _ in iter_words()}
    common = set(COMMON_LATIN) | set(_common_latin())

    words = sorted(set(counts) | lexicon_terms, key=lambda w: (w not in lexicon_terms, -counts[w], w))
    owner: dict[str, str] = {}
    for w in words:
        syl = [char_syllable(c) for c in w]
        if None in syl:
            continue
        ini = "".join(s[0] for s in syl if s)
        if ini not in owner and ini not in common and not is_syllable(ini):
            owner[ini] = w
    # Words that sound alike (黑人 嘿人, 女权 女拳: CNTP names cloaked words as written) share one spelling to
    # write back: the most frequent; the others keep only their initials and orders.
    sound_owner: dict[str, str] = {}
    for w in words:
        sound_owner.setdefault(w.translate(sound_class_table()), w)
    lines = [HEADER]
    for w in words:
        # Sound-alikes of a word CNTP names once (拳畜) meet ordinary two-character phrases (全出) by chance.
        leads = sound_owner[w.translate(sound_class_table())] == w
        modes = ["homophone", "pinyin"] if leads and (counts[w] >= MIN_SOUND_COUNT or w in lexicon_terms) else []
        syl = [char_syllable(c) for c in w]
        if None not in syl and owner.get("".join(s[0] for s in syl if s)) == w:
            modes.append("initials")
        shuffles: list[str] = []
        if len(w) <= MAX_SHUFFLE_LEN and len(set(w)) > 1:
            for perm in sorted({"".join(p) for p in itertools.permutations(w)} - {w}):
                if perm not in dictionary and perm not in counts and ordinary_text.count(perm) <= MAX_ORDINARY:
                    shuffles.append(perm)
        lines.append(f"{w}\t{counts[w]}\t{','.join(modes)}\t{','.join(shuffles)}\n")
    OUT.write_text("".join(lines), "utf-8")
    shuffled = sum(1 for line in lines[1:] if not line.endswith("\t\n"))
    print(f"{OUT.relative_to(ROOT)}: {len(words)} words, {len(owner)} initials, {shuffled} with shuffled orders")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
