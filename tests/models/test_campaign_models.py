"""Campaign label models: shipped with provenance, trained only on rows that may be trained on, capped below the
policies' block thresholds, and pointing at the words that moved them. Sentences here are our own."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from qinglang.detectors import Views, default_registry_path
from qinglang.engine import Engine
from qinglang.errors import ConfigError
from qinglang.model import Content
from qinglang.models.detector import ModelDetector
from qinglang.models.linear import LinearModel
from qinglang.text.normalize import default_normalizer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import train_campaign_models as trainer  # noqa: E402


def _entry() -> dict:
    """The campaign heads' registry entry: the `model` detector's `heads` (served from its fused table)."""
    spec = yaml.safe_load(default_registry_path().read_text("utf-8"))
    return {"params": next(d for d in spec["detectors"] if d["name"] == "model")["params"]["heads"]}


def test_every_registered_campaign_model_ships_with_provenance() -> None:
    entry = _entry()
    for name in entry["params"]["models"]:
        m = LinearModel.shipped(name)
        label = name.removeprefix("campaign-")
        assert m.meta["labels"] == [label]
        assert m.meta["rule"] == f"model.campaign.{label}"
        sources = m.meta["data"]
        assert any(s.startswith("corpus/train/") for s in sources), "trained on the teaching corpus"
        assert not any("holdout" in s for s in sources)
        assert all(len(h) == 64 for h in sources.values())
        assert m.bits == LinearModel.shipped("cold").bits, "the heads share cold's hash size, hence its table"


def test_each_registered_head_reports_at_its_cross_writer_floor() -> None:
    """A head is registered only where leave-writers-out scores found a floor (precision on writers it never read,
    few real comments), and the registry's floor is that one (or stricter)."""
    params = _entry()["params"]
    for name in params["models"]:
        label = name.removeprefix("campaign-")
        chosen = LinearModel.shipped(name).meta["cross_writer"]["chosen"]
        assert chosen is not None, f"{name}: no cross-writer floor"
        assert params["label_min"][label] >= chosen["floor"]


def test_trainer_never_reads_holdout_rows_and_holds_out_each_writer_set() -> None:
    """Holdout rows stay out; unseen … unseen5 are trained on, the three newest unseen sets (unseen6-unseen8) are kept
    out so the shipped heads are measured through the engine on sets they never read (session 13); every row's
    writer-set (t19 and t20 each one) is its own leave-one-set-out fold."""
    rows, files = trainer.load_rows(ROOT)
    assert rows and files
    assert {r.get("split", "train") for r in rows} <= {"dev", "train", "unseen"}
    for n in ("unseen/", "unseen2/", "unseen3/", "unseen4/", "unseen5/"):
        assert any(f.startswith(f"tests/data/blind/{n}") for f in files)
    assert not any(f.startswith(trainer.KEPT_OUT) for f in files), "unseen6-unseen8 measure the heads"
    assert {"tests/data/blind/unseen6/", "tests/data/blind/unseen7/", "tests/data/blind/unseen8/"} <= set(
        trainer.KEPT_OUT)
    writers = {r["writer"] for r in rows}
    assert writers <= set(trainer.WRITER_IDS) and {"t1", "t15", "t18", "t19", "t20", "A", "unseen", "unseen2",
                                                   "unseen3", "unseen5"} <= writers
    assert len({trainer.fold_of(r) for r in rows}) == len(writers), "one fold per writer-set"
    by_writer = {w: {r["file"] for r in rows if r["writer"] == w} for w in ("t19", "t20", "unseen3")}
    assert by_writer["t19"] == {"corpus/train/t19.jsonl"} and by_writer["t20"] == {"corpus/train/t20.jsonl"}
    assert all(f.startswith("tests/data/blind/unseen3/") for f in by_writer["unseen3"])


def test_the_older_recipe_reads_only_the_two_oldest_unseen_sets() -> None:
    """`--unseen 2` (the sessions 9-12 recipe, the session-13 comparison): unseen3-unseen5 are not read either."""
    _, files = trainer.load_rows(ROOT, unseen=2)
    assert any(f.startswith("tests/data/blind/unseen2/") for f in files)
    assert not any(f.startswith(("tests/data/blind/unseen3/", "tests/data/blind/unseen5/", *trainer.KEPT_OUT))
                   for f in files)
    assert "corpus/train/t20.jsonl" in files


def test_every_corpus_file_is_listed_in_the_corpus_readme_with_its_sha256() -> None:
    """A writer's file is copied verbatim: corpus/README.md names each session-13 file with its full sha256."""
    readme = (ROOT / "corpus" / "README.md").read_text("utf-8")
    for name in ("t19", "t20"):
        path = ROOT / "corpus" / "train" / f"{name}.jsonl"
        assert f"`{name}.jsonl`" in readme and trainer.sha256_file(path) in readme
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        assert rows and all(r["split"] == "train" and r["id"].startswith(f"{name}-") for r in rows)


def test_retraining_a_shipped_head_reads_the_files_it_was_trained_on() -> None:
    """`make train-campaign` reproduces the shipped heads: a head kept from an earlier session (porn, trained
    before writers t16-t20 joined) is retrained on the files its JSON lists, not on everything now in the corpus;
    a head retrained in session 13 (rumor) lists T19, T20 and unseen3-unseen5 and no kept-out set."""
    rows, files = trainer.load_rows(ROOT)
    keep = trainer.as_shipped(ROOT / "qinglang" / "models" / "data", "porn")
    assert keep is not None and "corpus/train/t15.jsonl" in keep and "corpus/train/t16.jsonl" not in keep
    kept_rows, kept_files = trainer.restrict(rows, files, keep, "porn")
    assert {r["file"] for r in kept_rows if "file" in r} <= set(keep) and len(kept_rows) < len(rows)
    assert "corpus/train/t16.jsonl" not in kept_files and kept_files["corpus/train/t15.jsonl"] == keep[
        "corpus/train/t15.jsonl"]
    grooming = trainer.as_shipped(ROOT / "qinglang" / "models" / "data", "grooming")  # retrained in session 10
    assert grooming is not None and "corpus/train/t18.jsonl" in grooming
    rumor = trainer.as_shipped(ROOT / "qinglang" / "models" / "data", "rumor")  # retrained in session 13
    assert rumor is not None and {"corpus/train/t19.jsonl", "corpus/train/t20.jsonl"} <= set(rumor)
    assert any(f.startswith("tests/data/blind/unseen5/") for f in rumor)
    assert not any(f.startswith(trainer.KEPT_OUT) for f in rumor)
    blind = {k: v for k, v in rumor.items() if not k.startswith(("cold/", "swsr/", "cntp/"))}  # real background
    assert {k: v for k, v in files.items() if k in blind} == blind, "the shipped rumor head is reproducible"
    assert trainer.as_shipped(ROOT / "qinglang" / "models" / "data", "no_such_label") is None


def test_a_head_floor_must_hold_on_every_held_out_set() -> None:
    """Pooled precision is not enough: a floor where one held-out set's hard negatives outnumber its catches is
    refused."""
    ys = np.array([0, 0, 0] + [1] * 20)
    sets = np.array(["a"] * 3 + ["b"] * 20)
    ok = trainer.choose_floor(ys, np.array([.95, .1, .1] + [.9] * 20), np.zeros(10), 0.8, 0.001, sets)
    assert ok["chosen"] is not None and ok["chosen"]["floor"] == 0.6 and ok["per_set"]["a"]["hn_fp"] == 1
    refused = trainer.choose_floor(ys, np.array([.95, .95, .1] + [.9] * 20), np.zeros(10), 0.8, 0.001, sets)
    assert refused["at_0.5"]["precision"] > 0.9, "pooled, the head looks precise"
    assert refused["chosen"] is None, "set a: 2 hard negatives hit, no violation caught"


def test_the_trainer_joins_a_title_and_its_body_without_a_line_break() -> None:
    row = {"content": {"title": "震惊！他竟然这样做！", "text": "原来只是换了个发型"}}
    assert trainer.text_of(row) == "震惊！他竟然这样做！原来只是换了个发型"
    assert trainer.text_of({"content": {"title": "周末去哪玩", "text": "公园"}}) == "周末去哪玩。公园"
    assert "\n" not in trainer.text_of({"content": {"title": "标题", "text": "正文"}})


@pytest.mark.parametrize(("text", "label", "cap"), [
    ("每天早上空腹喝一杯醋，三天就能软化血管，高血压都能根治，医院不会告诉你", "false_science", 0.75),
    ("紧急通知：明天起全市停水三天，自来水厂被人投毒了，赶紧去超市囤水，转给家人", "rumor", 0.45),
])
def test_a_violation_is_flagged_by_its_model_with_evidence_and_capped(text: str, label: str, cap: float) -> None:
    entry = _entry()
    det = ModelDetector.shipped(entry["params"]["models"], min_score=0.3, max_score=entry["params"]["max_score"],
                                label_max=entry["params"]["label_max"])
    views = Views.build(Content(id="g", text=text), default_normalizer())
    sig = next((s for s in det.detect(Content(id="g", text=text), views) if s.label == label), None)
    assert sig is not None, f"the {label} model fires"
    assert sig.score <= cap, "a model alone stays below the label's block threshold"
    assert sig.evidence and all(0 <= e.start < e.end <= len(text) for e in sig.evidence)
    assert sig.rule == f"model.campaign.{label}"


def _shipped_detector() -> ModelDetector:
    p = _entry()["params"]
    return ModelDetector.shipped(p["models"], min_score=p["min_score"], max_score=p["max_score"],
                                 label_max=p["label_max"], label_min=p["label_min"], min_han=p["min_han"])


def test_the_heads_are_served_by_the_model_detector_when_enabled(tmp_path: Path) -> None:
    """The shipped registry's switch decides (docs/models.md, session 8 says why it is set as it is); a registry that
    enables them gets them inside the one `model` detector, not a detector of their own."""
    enabled = _entry()["params"]["enabled"]
    det = next(d for d in Engine().detectors if d.name == "model")
    assert (det.heads is not None) is enabled
    spec = yaml.safe_load(default_registry_path().read_text("utf-8"))
    next(d for d in spec["detectors"] if d["name"] == "model")["params"]["heads"]["enabled"] = True
    reg = tmp_path / "reg.yaml"
    reg.write_text(yaml.safe_dump(spec, allow_unicode=True), "utf-8")
    det = next(d for d in Engine.from_config(detectors=reg).detectors if d.name == "model")
    assert det.heads is not None and {m.name for m in det.heads.models} == set(_entry()["params"]["models"])


@pytest.mark.parametrize("text", [
    "周末带孩子去植物园看了郁金香，人不多，推荐", "这次期末考试数学进步了十分，继续加油",
    # short ordinary sentences: the models fired on these before real short negatives and min_han
    "凉拌菠菜要先焯水", "明天早上八点开会", "记得多喝热水", "Chinese",
    # a personal diary and a real local notice: below the per-label floors
    "坚持游泳两个月，体重掉了八斤，腰围也小了一圈，记录一下",
    "因管道检修，北区部分楼栋周四上午九点至十二点停水，请提前储水",
    # two ordinary lines (an image's OCR, a title over a body): the clickbait model fired on the line break alone
    "今天天气很好\n周末一起去公园散步",
])
def test_an_ordinary_post_gets_no_campaign_model_signal(text: str) -> None:
    det = _shipped_detector()
    views = Views.build(Content(id="n", text=text), default_normalizer())
    assert det.detect(Content(id="n", text=text), views) == []


def test_min_han_asks_for_enough_chinese_text_and_label_min_raises_a_floor() -> None:
    text = "紧急通知：明天起全市停水三天，自来水厂被人投毒了，赶紧去超市囤水，转给家人"
    views = Views.build(Content(id="r", text=text), default_normalizer())
    rumor = [LinearModel.shipped("campaign-rumor")]
    assert ModelDetector(rumor, min_score=0.3).detect(Content(id="r", text=text), views)
    assert ModelDetector(rumor, min_score=0.3, min_han=200).detect(Content(id="r", text=text), views) == []
    assert ModelDetector(rumor, min_score=0.3, label_min={"rumor": 1.0}).detect(Content(id="r", text=text), views) == []


def test_the_trainer_adds_real_short_negatives(tmp_path: Path) -> None:
    shared = tmp_path / "data"
    for name, rows in {"cold": [("c1", "今天的风真大啊，出门差点被吹跑，大家注意安全", 0), ("c2", "骂人的话", 1),
                                ("c3", "食堂的饭还行，就是排队太久。下次早点去", 0)],
                       "swsr": [("s1", "她说得挺有道理的", 0)], "cntp": [("t1", "这家店服务不错", 0)]}.items():
        (shared / name).mkdir(parents=True)
        fn = "base.jsonl" if name == "cntp" else "train.jsonl"
        (shared / name / fn).write_text("".join(
            f'{{"id": "{i}", "text": "{t}", "label": {y}}}\n' for i, t, y in rows), "utf-8")
    rows, files = trainer.background(shared, 1, 10)
    texts = [r["content"]["text"] for r in rows]
    assert texts[:3] == ["今天的风真大啊，出门差点被吹跑，大家注意安全", "她说得挺有道理的", "这家店服务不错"]
    assert texts[3:] == ["食堂的饭还行", "就是排队太久", "下次早点去"], "clauses of the comments not used whole"
    assert all(r["expect"]["labels"] == [] for r in rows)
    assert set(files) == {"cold/train.jsonl", "swsr/train.jsonl", "cntp/base.jsonl"}


def test_label_max_above_max_score_is_a_config_error(tmp_path: Path) -> None:
    reg = tmp_path / "reg.yaml"
    reg.write_text(yaml.safe_dump({"detectors": [{"name": "m", "type": "model", "params": {
        "models": ["campaign-rumor"], "max_score": 0.7, "label_max": {"rumor": 0.9}}}]}), "utf-8")
    with pytest.raises(ConfigError, match="label_max"):
        Engine.from_config(detectors=reg)


def test_the_vectorised_floor_test_agrees_with_exact_scoring() -> None:
    """`Fused.reaching` (every head's floor in the logit domain, all heads at once) keeps exactly the heads whose
    exact probability reaches the floor, on every route: plain text, low coverage, pinyin/initials."""
    from qinglang.models.features import grams
    from qinglang.models.linear import Fused, logits

    fused = Fused([LinearModel.shipped(n) for n in _entry()["params"]["models"]])
    norm = default_normalizer()
    texts = ["紧急通知：明天起全市停水三天，自来水厂被人投毒了，赶紧去超市囤水，转给家人",
             "每天早上空腹喝一杯醋，三天就能软化血管，高血压都能根治", "周末带孩子去植物园看了郁金香，人不多，推荐",
             "nmsl ni men zhe xie sb", "zhe ge chan pin neng zhi ai zheng, kuai mai", "㗊㗊㗊 ABC 123",
             "震惊！他竟然这样做！原来只是换了个发型"]
    for floor in (0.0, 0.3, 0.6, 0.9):
        z = logits([floor] * len(fused.models))
        for text in texts:
            lk = fused.lookup(grams(norm.normalize(text)))
            assert list(fused.reaching(lk, z)) == [s.p >= floor for s in fused.score(lk)], (text, floor)


def test_heads_in_the_model_detector_report_as_a_detector_of_their_own_would() -> None:
    """The heads are served from the `model` detector's fused table (one lookup and one floor test with cold and
    swsr): each head's signals are those a detector of the heads alone, with the same band, reports, and the
    main models' signals are unchanged (the gate stays theirs)."""
    from qinglang.models.detector import Heads

    p = _entry()["params"]
    heads = Heads(tuple(LinearModel.shipped(n) for n in p["models"]), p["min_score"], p["max_score"],
                  p["label_max"], p["label_min"], p["min_han"])
    gate = LinearModel.shipped("tox-gate")
    main = dict(min_score=0.8, max_score=0.85, gate=gate, gate_min=0.15, label_max={"abuse": 0.79})
    both = ModelDetector.shipped(("cold", "swsr"), heads=heads, **main)
    alone = ModelDetector(list(heads.models), min_score=p["min_score"], max_score=p["max_score"],
                          label_max=p["label_max"], label_min=p["label_min"], min_han=p["min_han"])
    cold = ModelDetector.shipped(("cold", "swsr"), **main)
    assert len(both._fused.models) == 2 + len(heads.models)
    for text in ["紧急通知：明天起全市停水三天，自来水厂被人投毒了，赶紧去超市囤水，转给家人",
                 "每天早上空腹喝一杯醋，三天就能软化血管，高血压都能根治，医院不会告诉你",
                 "你们这些河南人都是骗子，滚出我们城市", "周末带孩子去植物园看了郁金香，人不多，推荐"]:
        c = Content(id="h", text=text)
        views = Views.build(c, default_normalizer())
        got = [(s.label, round(s.score, 6), s.rule) for s in both.detect(c, views)]
        want = [(s.label, round(s.score, 6), s.rule) for s in [*cold.detect(c, views), *alone.detect(c, views)]]
        assert sorted(got) == sorted(want), text


def test_heads_of_another_hash_size_are_a_config_error() -> None:
    from qinglang.models.detector import Heads
    from qinglang.models.train import make_model

    odd = make_model({"name": "odd", "version": "0", "labels": ["rumor"]},
                     {s: (np.array([1], dtype=np.uint32), np.array([5], dtype=np.int16), 0.0, 1.0) for s in "tr"}, 12)
    with pytest.raises(ConfigError, match="hash size"):
        ModelDetector.shipped(("cold",), heads=Heads((odd,)))


def test_the_per_head_engine_eval_scores_holdout_rows_only_when_asked(tmp_path: Path) -> None:
    """tools/eval_heads_engine.py: holdout rows (scored 2-3 times a session) are refused unless asked for, and then
    they are the only rows scored."""
    import eval_heads_engine

    rows = [{"id": "d", "split": "dev"}, {"id": "h", "split": "holdout"}, {"id": "u", "split": "unseen"}]
    (tmp_path / "task01.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    assert [r["id"] for r in eval_heads_engine.load(tmp_path, holdout=False)] == ["d", "u"]
    assert [r["id"] for r in eval_heads_engine.load(tmp_path, holdout=True)] == ["h"]
