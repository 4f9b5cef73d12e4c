"""Train the campaign label models (one binary linear model per label) from posts written blind to the rules.

    python tools/train_campaign_models.py                      # the shipped run (`make train-campaign`)
    python tools/train_campaign_models.py --out /tmp/m --labels grooming,rumor   # a quick subset

The training rows are posts written from the campaign notice by people who never read the detectors — the
project's own teaching corpus (`corpus/train/*.jsonl`) and the `dev` rows of the blind development sets
(`tests/data/blind/`): the `holdout` rows and the `unseen/` sets are never read here, so they stay a measure of
generalization. Each row is a Content with the labels a careful moderator gives it (`expect.labels`); a row is a
positive of every label it lists and a negative of every other label, so innocent hard negatives (a debunk quoting
the rumour, a parent warning about grooming) teach each label what it is not.

Each label with at least `--min-positives` positives gets a `qinglang.models.linear.LinearModel` named
`campaign-<label>` (the same hashed char n-gram features, robust sub-model, router and Platt calibration as the
COLD and SWSR models, `qinglang.models.train`), in 2**18 buckets so twenty of them fuse in ~20 MB. Calibration
and the selection of C use a held-out fifth of the rows chosen by a hash of the row id. Deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.models.train import Example, TrainConfig, roundtrip_ok, save, sha256_file, train_and_select  # noqa: E402

DEV_SETS = (
    "tests/data/blind/task*.jsonl",
    "tests/data/blind/claims/*.jsonl",
    "tests/data/blind/live/drainage.jsonl",
    "tests/data/blind/live/gambling_sms.jsonl",
)
CORPUS = "corpus/train/*.jsonl"
# Labels a text model should not learn from these rows: marks and metadata decide them, not wording.
SKIP = frozenset({"source_missing", "unlicensed_news", "aigc_unlabeled", "aigc_deceptive", "contact_info",
                  "local_concentration", "water_army"})


def text_of(row: dict[str, Any]) -> str:
    c = row.get("content") or {}
    return "\n".join(x for x in (c.get("title") or "", c.get("text") or "") if x)


def load_rows(root: Path, corpus: bool = True) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Every training row (dev rows of the blind sets + the teaching corpus) and the sha256 of each file read."""
    rows: list[dict[str, Any]] = []
    files: dict[str, str] = {}
    patterns = [*DEV_SETS, *([CORPUS] if corpus else [])]
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            files[str(path.relative_to(root))] = sha256_file(path)
            for line in path.read_text("utf-8").splitlines():
                if not line.strip():
                    continue
                row = json.loads(line)
                if row.get("split", "train") not in ("dev", "train"):
                    continue  # holdout / unseen rows are never trained on
                if text_of(row):
                    rows.append(row)
    return rows, files


CLAUSE_SPLIT = re.compile(r"[，。！？!?,；;…\s]+")


def _label0(path: Path) -> list[dict[str, Any]]:
    return [r for r in map(json.loads, path.read_text("utf-8").splitlines()) if int(r["label"]) == 0]


def background(shared: Path, n: int, short: int) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Real negatives, never labelled by anybody here.

    - the first `n` COLD train comments its annotators judged not offensive (real Weibo/Zhihu comments on race,
      region and gender): without ordinary real comments the models learn "any opinionated comment" and fire on
      one real comment in seven (measured on COLD dev);
    - every SWSR comment judged not sexist and every clean CNTP sentence (`n` > 0): more real voices and topics;
    - `short` clauses (4-30 characters) cut at punctuation from the COLD train comments NOT used whole: a linear
      n-gram model trained on whole posts only calls one short ordinary sentence in ten a rumour (a clause has
      few n-grams, so the few that lean positive decide); real short text teaches it that they do not.
    """
    if n <= 0:
        return [], {}
    cold, swsr, cntp = shared / "cold" / "train.jsonl", shared / "swsr" / "train.jsonl", shared / "cntp" / "base.jsonl"
    for path in (cold, swsr, cntp):
        if not path.exists():
            raise SystemExit(f"{path} not found (set QINGLANG_SHARED to the shared folder)")
    rows: list[dict[str, Any]] = []

    def add(rid: str, text: str) -> None:
        rows.append({"id": rid, "content": {"text": text}, "expect": {"labels": []}})

    safe = _label0(cold)
    for r in safe[:n]:
        add(r["id"], r["text"])
    for r in [*_label0(swsr), *_label0(cntp)]:
        add(r["id"], r["text"])
    taken = 0
    for r in safe[n:]:
        for k, clause in enumerate(CLAUSE_SPLIT.split(r["text"])):
            if 4 <= len(clause) <= 30 and taken < short:
                add(f"{r['id']}#c{k}", clause)
                taken += 1
    return rows, {"cold/train.jsonl": sha256_file(cold), "swsr/train.jsonl": sha256_file(swsr),
                  "cntp/base.jsonl": sha256_file(cntp)}


def is_dev(row_id: str) -> bool:
    return int(hashlib.sha256(f"campaign-dev:{row_id}".encode()).hexdigest(), 16) % 5 == 0


def examples(rows: list[dict[str, Any]], label: str) -> tuple[list[Example], list[Example]]:
    train, dev = [], []
    for r in rows:
        labels = (r.get("expect") or {}).get("labels") or []
        ex = Example(text_of(r), int(label in labels), str(r["id"]))
        (dev if is_dev(str(r["id"])) else train).append(ex)
    return train, dev


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "qinglang" / "models" / "data")
    ap.add_argument("--labels", default="", help="comma-separated subset (default: every label with enough rows)")
    ap.add_argument("--min-positives", type=int, default=25)
    ap.add_argument("--bits", type=int, default=18)
    ap.add_argument("--max-features", type=int, default=40_000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-corpus", action="store_true", help="train on the blind dev rows only")
    ap.add_argument("--background", type=int, default=6000,
                    help="real negatives: this many non-offensive COLD train comments, plus the SWSR and CNTP "
                         "non-toxic rows (0: none)")
    ap.add_argument("--short", type=int, default=8000,
                    help="real short negatives: this many clauses cut from the other non-offensive COLD comments")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("QINGLANG_SHARED", ROOT.parent / "shared"))
                    / "data")
    args = ap.parse_args(argv)
    rows, files = load_rows(ROOT, corpus=not args.no_corpus)
    bg, bg_files = background(args.shared, args.background, args.short)
    counts_rows = rows
    rows, files = [*rows, *bg], {**files, **bg_files}
    counts = Counter(label for r in counts_rows for label in set((r.get("expect") or {}).get("labels") or []))
    wanted = [x for x in args.labels.split(",") if x] or sorted(
        label for label, n in counts.items() if n >= args.min_positives and label not in SKIP)
    print(f"{len(rows)} training rows ({len(bg)} real background negatives) from {len(files)} files; positives: "
          + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    shipped = []
    for label in wanted:
        t0 = time.perf_counter()
        train, dev = examples(rows, label)
        cfg = TrainConfig(
            name=f"campaign-{label}", labels=(label,), rule=f"model.campaign.{label}",
            description=f"{label}: posts written blind from the 2024 清朗 notice (teaching corpus + blind dev rows)",
            seed=args.seed, cs=(2.0, 8.0), min_df=2, bits=args.bits, max_features=args.max_features,
            data_files=files,
        )
        model = train_and_select(train, dev, cfg, log=lambda s: None, cloaked_eval=False)
        model.meta["train_seconds"] = round(time.perf_counter() - t0, 1)
        save(model, args.out / cfg.name)
        drift = roundtrip_ok(model, args.out / cfg.name, [ex.text for ex in dev[:100]])
        if drift > 0:
            raise SystemExit(f"{cfg.name}: saved model disagrees with the trained one by {drift}")
        clean = model.meta["dev"]["clean"]
        shipped.append(cfg.name)
        print(json.dumps({"model": cfg.name, "positives": sum(e.y for e in train), "dev": clean},
                         ensure_ascii=False))
    print("models:", json.dumps(shipped))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
