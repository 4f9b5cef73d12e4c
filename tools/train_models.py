"""Train the shipped text models from ../shared/data into qinglang/models/data (needs `pip install '.[ml]'`).

    python tools/train_models.py                 # every model (the shipped run: `make train`)
    python tools/train_models.py cold --limit 2000 --out /tmp/m   # a quick COLD-only subset (tests use this)
    python tools/train_models.py cold --no-cntp   # `cold` on COLD train alone (before issue 16)
    python tools/train_models.py tox-gate         # the ordinary-text gate of `cold`/`swsr` (not in the default run)

`cold` trains on COLD train plus four fifths of CNTP's development half by sentence (`cntp_train_rows`: the
clean sentences, their real cloaks, light generator cloaks of each); `cntp_is_val` keeps the other fifth out
for `tools/eval_cntp.py --split val` and `tools/cross_dataset.py`.

Deterministic: same data + seed → byte-identical arrays. Prints the dev figures and writes them, with the
data sha256, seed, parameters and calibration table, into each model's metadata JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qinglang.models.train import (  # noqa: E402
    Example,
    TrainConfig,
    read_rows,
    roundtrip_ok,
    save,
    sha256_file,
    train_and_select,
)
from qinglang.models.train_gate import train_gate  # noqa: E402

SHARED = ROOT / ".." / "shared" / "data"
# CNTP perturbation file → the generator kind (qinglang.eval.perturb) that writes the same cloak.
CNTP_KINDS = {"homophone": "homophone", "shuffle": "shuffle", "pinyin_initial": "initials", "split_chaizi": "split",
              "visual_similar_radical": "radical", "emoji": "emoji", "pinyin_full": "pinyin",
              "traditional": "traditional"}
CNTP_GEN_RATE = 0.2  # generator cloaks of CNTP's training sentences: about as much text as CNTP's cloaks


def swsr_is_dev(weibo_id: str) -> bool:
    """Deterministic group-aware split: a weibo and all its comments go to dev when its hash says so (~20%)."""
    return int(hashlib.sha256(f"swsr-dev:{weibo_id}".encode()).hexdigest(), 16) % 5 == 0


def cntp_is_val(sentence_id: int | str) -> bool:
    """CNTP's development half split by sentence (a sentence and all its cloaks on one side): ~20% validation,
    never trained on; `tools/eval_cntp.py --split val` scores only these."""
    return int(hashlib.sha256(f"cntp-val:{sentence_id}".encode()).hexdigest(), 16) % 5 == 0


def cntp_train_rows(folder: Path, seed: int) -> tuple[list[Example], dict[str, str]]:
    """CNTP's training sentences (not `cntp_is_val`) for the `cold` model: the clean sentences, every real
    cloaked row of them (label 1: CNTP cloaks toxic sentences only), and — so that a cloak's artefacts (emoji,
    Latin initials, odd components, swapped order) say nothing about the label by themselves — generator
    copies (`qinglang.eval.perturb`, lightly, at CNTP_GEN_RATE) of every training sentence with its own label:
    one per CNTP kind of a toxic sentence (beside its real cloaks), two per kind of a non-toxic one. Group: the
    sentence, so its rows share a calibration fold."""
    import random

    from qinglang.eval.perturb import perturb

    files = {f"cntp/{name}.jsonl": folder / f"{name}.jsonl" for name in ("base", *CNTP_KINDS)}
    out: list[Example] = []
    base: list[dict] = []
    for display, path in files.items():
        for r in read_rows(path):
            if cntp_is_val(r["sentence_id"]):
                continue
            out.append(Example(r["text"], int(r["label"]), f"cntp-{r['sentence_id']}"))
            if display == "cntp/base.jsonl":
                base.append(r)
    rng = random.Random(f"{seed}:cntp-generated")
    for r in base:
        y = int(r["label"])
        for kind in CNTP_KINDS.values():
            for _ in range(1 if y else 2):
                out.append(Example(perturb(r["text"], kind, rng, rate=CNTP_GEN_RATE), y, f"cntp-{r['sentence_id']}"))
    return out, {k: sha256_file(v) for k, v in files.items()}


GATE_LABELS = frozenset({"abuse", "antagonism"})
# Rows left out of the gate: bullying and vulgar posts insult or curse by definition, but they are not the labels
# the gate decides (an innocent label there would teach it that insults are ordinary).
GATE_SKIP = frozenset({"bullying", "vulgar"})
GATE_WEIGHT = 20.0  # one blind-written row counts as this many real comments (about 5,000 rows beside 85,000)


def blind_rows(root: Path = ROOT, weight: float = GATE_WEIGHT) -> tuple[list[Example], dict[str, str]]:
    """The blind-written rows the gate learns ordinary text from: the teaching corpus and the `dev` rows of the
    blind development sets (the same files as `tools/train_campaign_models.py`; holdout and unseen rows are
    never read). One example per text field (the detector scores each field), label 1 for abuse/antagonism,
    grouped by source file for the calibration folds."""
    sys.path.insert(0, str(ROOT / "tools"))
    from train_campaign_models import load_rows

    rows, files = load_rows(root, unseen=False)
    out: list[Example] = []
    for r in rows:
        labels = set((r.get("expect") or {}).get("labels") or [])
        if labels & GATE_SKIP and not labels & GATE_LABELS:
            continue
        c = r.get("content") or {}
        for field in ("title", "text"):
            if c.get(field):
                out.append(Example(c[field], int(bool(labels & GATE_LABELS)), f"blind:{r['id']}",
                                   weight=weight))
    return out, files


def load(name: str, data: Path, cntp: bool = True, seed: int = 13, gate_weight: float = GATE_WEIGHT
         ) -> tuple[list[Example], list[Example], TrainConfig]:
    if name == "cold":
        tr_path, dv_path = data / "cold" / "train.jsonl", data / "cold" / "dev.jsonl"
        train = [Example(r["text"], int(r["label"]), r["id"]) for r in read_rows(tr_path)]
        dev = [Example(r["text"], int(r["label"]), r["id"]) for r in read_rows(dv_path)]
        cfg = TrainConfig(
            name="cold", labels=("abuse", "antagonism"), rule="model.cold.offensive",
            description="COLD offensive language about race, region and gender (谩骂、地域攻击、群体对立)",
            data_files={"cold/train.jsonl": sha256_file(tr_path), "cold/dev.jsonl": sha256_file(dv_path)},
        )
        if cntp and (data / "cntp" / "base.jsonl").exists():
            extra, files = cntp_train_rows(data / "cntp", seed)
            train = [*train, *extra]
            cfg.data_files.update(files)
            cfg.description += "; + CNTP development half (training sentences, real cloaks)"
        return train, dev, cfg
    if name == "swsr":
        path = data / "swsr" / "train.jsonl"
        rows = read_rows(path)
        train = [Example(r["text"], int(r["label"]), r["weibo_id"]) for r in rows if not swsr_is_dev(r["weibo_id"])]
        dev = [Example(r["text"], int(r["label"]), r["weibo_id"]) for r in rows if swsr_is_dev(r["weibo_id"])]
        cfg = TrainConfig(
            name="swsr", labels=("antagonism",), rule="model.swsr.sexism",
            description="SWSR sexism (性别对立、性别歧视); dev = weibos with sha256('swsr-dev:'+weibo_id) % 5 == 0",
            data_files={"swsr/train.jsonl": sha256_file(path)},
        )
        return train, dev, cfg
    if name == "tox-gate":
        cold, dev, cfg = load("cold", data, cntp, seed)
        swsr, swsr_dev, scfg = load("swsr", data, cntp, seed)
        blind, files = blind_rows(weight=gate_weight)
        cfg = TrainConfig(
            name="tox-gate", labels=("abuse", "antagonism"), rule="model.tox-gate",
            description="second opinion on `cold`/`swsr` signals: COLD train + CNTP training sentences + SWSR "
                        f"train split + blind-written posts (teaching corpus, blind dev rows) weighted {gate_weight:g}",
            data_files={**cfg.data_files, **scfg.data_files, **files},
        )
        return [*cold, *swsr, *blind], [*dev, *swsr_dev], cfg
    raise SystemExit(f"unknown model {name!r}; known: cold, swsr, tox-gate")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="*", default=["cold", "swsr"])
    ap.add_argument("--data", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, default=ROOT / "qinglang" / "models" / "data")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--limit", type=int, default=None, help="Only the first N train and dev rows (quick runs).")
    ap.add_argument("--c", type=float, action="append",
                    help="Candidate C of the text sub-model, selected on clean dev accuracy (default 8).")
    ap.add_argument("--c-robust", type=float, default=None, help="C of the robust sub-model (default 8).")
    ap.add_argument("--max-features", type=int, default=None,
                    help="Keep this many buckets per sub-model (default 300000).")
    ap.add_argument("--bits", type=int, default=None, help="Hash buckets per block: 2**BITS (default 21).")
    ap.add_argument("--aug-share", action="append", metavar="KIND=SHARE",
                    help="Share of rows cloaked with KIND for the robust sub-model (defaults: train.AUG_SHARES).")
    ap.add_argument("--no-cntp", action="store_true",
                    help="cold: COLD train only (without CNTP's training sentences and their real cloaks).")
    ap.add_argument("--gate-weight", type=float, default=GATE_WEIGHT,
                    help="tox-gate: weight of one blind-written row (default %(default)s)")
    ap.add_argument("--no-cloaked-eval", action="store_true", help="Skip the cloaked dev sets.")
    args = ap.parse_args(argv)
    for name in args.models:
        t0 = time.perf_counter()
        # --limit is a quick COLD-only subset (tests): no CNTP rows
        train, dev, cfg = load(name, args.data, cntp=not args.no_cntp and not args.limit, seed=args.seed,
                               gate_weight=args.gate_weight)
        if args.limit:
            train, dev = train[:args.limit], dev[:args.limit]
        cfg.seed = args.seed
        if args.max_features:
            cfg.max_features = args.max_features
        for item in args.aug_share or []:
            kind, _, share = item.partition("=")
            cfg.aug_shares = {**cfg.aug_shares, kind: float(share)}
        if args.c:
            cfg.cs = tuple(args.c)
        if args.c_robust is not None:
            cfg.c_robust = args.c_robust
        if args.bits is not None:
            cfg.bits = args.bits
        if name == "tox-gate":
            model = train_gate(train, cfg, {"COLD dev": [ex for ex in dev if ex.group.startswith("cold-")],
                                            "SWSR dev": [ex for ex in dev if not ex.group.startswith("cold-")]})
        else:
            model = train_and_select(train, dev, cfg, cloaked_eval=not args.no_cloaked_eval)
        meta = model.meta
        meta["train_seconds"] = round(time.perf_counter() - t0, 1)
        save(model, args.out / name)
        drift = roundtrip_ok(model, args.out / name, [ex.text for ex in dev[:200]])
        if drift > 0:
            raise SystemExit(f"{name}: saved model disagrees with the trained one by {drift}")
        if name == "tox-gate":
            print(json.dumps({"model": name, "held_out": meta["held_out"]}, ensure_ascii=False))
            continue
        print(json.dumps({"model": name, "dev": meta["dev"]["clean"], "ece": meta["dev"]["ece"],
                          "cloaked_retained_recall": {k: v["retained_recall"] for k, v in
                                                      meta["dev"]["cloaked"].items()}}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
