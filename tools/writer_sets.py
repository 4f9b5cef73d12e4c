"""The writer sets the learned stages train on and are measured on, one home for the three trainers
(`train_stance.py`, `train_recall_heads.py`, `train_purpose.py`).

A writer set is the rows one writer (or one writer pair) wrote blind to the rules: the corpus writers
(`corpus/train/t*.jsonl`), the blind sets A–E (`tests/data/blind/task*`, `claims/`, `live/`), the unseen sets (one per
session, named here once scored), the twin pairs (`corpus/twins/S*`; `QINGLANG_TRAIN7` points elsewhere). The set being
written in a session is never named here; the blind `holdout` rows are marked so a trainer can refuse them.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BLIND = ROOT / "tests" / "data" / "blind"
TRAIN7 = Path(os.environ.get("QINGLANG_TRAIN7", ROOT / "corpus" / "twins"))

# The unseen sets, named: a fresh set joins once it has been scored (unseen11: session 15's, added in session 16;
# unseen12 and unseen13: session 16's two, added in session 17; unseen14 and unseen15: session 17's two, added in
# session 18; unseen16 and unseen17: session 18's two, added in session 19; unseen18 and unseen19: session 19's two,
# added in session 20; unseen20 and unseen21: session 20's two, added in session 21; unseen22 and unseen23: session 21's
# two, added in session 22; unseen24 and unseen25: session 22's two, added in session 23).
UNSEEN = ("unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7", "unseen8", "unseen9",
          "unseen10", "unseen11", "unseen12", "unseen13", "unseen14", "unseen15", "unseen16", "unseen17", "unseen18",
          "unseen19", "unseen20", "unseen21", "unseen22", "unseen23", "unseen24", "unseen25")
# The twin-pair sets (one writer each): S1, S2 (session 11), S3, S4 (session 12), S5 (引流 and contact exchange) and S6
# (weak campaign labels, session 13; copied from /work/twins13 with their WRITER.md), S7 (news: source, rumour,
# clickbait, licence) and S8 (minors, language, innuendo, group jokes), session 14; S9 (enterprises, AI content) and
# S10 (abuse, antagonism, bullying, minors, fans), session 15; S11 (引流 pointers without a handle vs acquaintances'
# contacts) and S12 (language misuse, minors, grooming, bullying), session 16; S13 (news, sources, AI labels) and S14
# (commerce, health, livestream selling), written after session 16's fresh score and read from session 17; S15-S18
# (commerce contacts, rough talk and sex, AI content and rumours, disguised wording), session 17, read from session
# 18; S19 (self-media and news) and S20 (livestream selling and performance), session 18, read from session 19; S21
# (titles, rumours, sources, AI passed off as real) and S22 (disguised rough talk, minors), written and read in session
# 19; S23 (enterprises, AI content, commerce) and S24 (festivals, 同城, fans), written in session 19 and read from
# session 20; S25 (language and abuse) and S26 (self-media, news and AI content), written in session 20 and read from
# session 21; S27 (minors and language) and S28 (self-media and news), written in session 21 and read from session 22;
# S29 (contacts, 引流, gambling, literal senses of slang) and S30 (titles, sources, enterprises, live selling),
# written in session 22 and read from session 23; a missing one is skipped.
TWINS = ("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11", "S12", "S13", "S14", "S15", "S16", "S17",
         "S18", "S19", "S20", "S21", "S22", "S23", "S24", "S25", "S26", "S27", "S28", "S29", "S30")
# The rule engineers' report half of session 23 (the lead's brief): S30, t42 and unseen25 (session 22's second fresh
# set) are counted, their rows never read, while S29, t41 and unseen24 tune. The learned stages keep their own halves
# (`train_stance.OOS_REPORT`), which the precision tools add to these.
RULES_REPORT = ("S30", "t42", "unseen25")
# Their tune half's new sets (S29, t41 and unseen24, session 22's first fresh set): read for this session's rules,
# beside every older set; a per-area tool names its older sets after these two (one place for the session's halves).
RULES_TUNE = ("S29", "t41", "unseen24")
# The previous session's report half, read from this session on (a tool moves it to its tune lines).
RULES_REPORT_BEFORE = ("S28", "t40", "unseen23")


def sources(twins: tuple[str, ...] = TWINS) -> list[tuple[str, Path]]:
    """(writer set, file) for every row file (room streams excluded), twin sets as named."""
    out = [(p.stem, p) for p in sorted((ROOT / "corpus" / "train").glob("t*.jsonl"))]
    out += [("blindA" if int(p.stem[4:]) <= 5 else "blindB", p) for p in sorted(BLIND.glob("task*.jsonl"))]
    out += [("blindC", BLIND / "claims" / f"{n}.jsonl") for n in ("rumor", "false_science")]
    out += [("blindD", BLIND / "claims" / "clickbait.jsonl")]
    out += [("blindE", BLIND / "live" / f"{n}.jsonl") for n in ("drainage", "gambling_sms")]
    for name in UNSEEN:
        out += [(name, p) for p in sorted((BLIND / name).glob("*.jsonl")) if p.stem != "streams"]
    out += [(s, TRAIN7 / s / f"{s.lower()}.jsonl") for s in twins]
    return [(g, p) for g, p in out if p.exists()]


def rows(twins: tuple[str, ...] = TWINS, *, holdout: bool = False) -> Iterator[tuple[str, Path, dict[str, Any]]]:
    """(writer set, file, row) for every row with a `content`; blind `holdout` rows only when asked."""
    for group, path in sources(twins):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                r = json.loads(line)
                if "content" in r and (holdout or r.get("split") != "holdout"):
                    yield group, path, r


def engine_with(edit: Callable[[dict[str, Any]], None]) -> Any:
    """The default engine built from a copy of the shipped registry that `edit` changed (a stage switched off, a
    model unset): how a trainer gets the engine its training rows are recorded through."""
    import yaml

    from qinglang.detectors.registry import default_registry_path
    from qinglang.engine import Engine, EngineConfig

    reg = yaml.safe_load(default_registry_path().read_text("utf-8"))
    edit(reg)
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False, encoding="utf-8") as fh:
        yaml.safe_dump(reg, fh, allow_unicode=True)
    try:
        return Engine(EngineConfig(detectors=Path(fh.name)))
    finally:
        os.unlink(fh.name)


def without_types(*types: str) -> Callable[[dict[str, Any]], None]:
    """A registry edit for `engine_with`: the detectors of these registry types disabled."""
    def edit(reg: dict[str, Any]) -> None:
        for entry in reg["detectors"]:
            if entry.get("type") in types:
                entry["enabled"] = False
    return edit


# ---------------------------------------------------------------------------------------------------------------------
# One recorder (session 15, prec15): every evaluation tool that runs writer-set rows through the engine records them
# here, one row shape, one rule for the rows the contract rejects.

# The kinds of innocence the twin-pair writers name in `scope` (S1-S10); the other sets carry only the writer's `note`,
# which `innocence_kind` reads by the cue words below, in this order (the first kind whose cue the note holds).
KINDS = ("report", "warning", "quote", "negation", "refusal", "victim", "sourced", "personal", "official", "fiction",
         "compliant", "education", "question", "other")
KIND_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("fiction", ("虚构", "小说", "剧情", "短剧", "影视", "剧本", "动漫", "游戏内", "角色扮演", "演绎", "电影",
                 "电视剧")),
    ("question", ("求证", "询问", "提问", "疑问", "请问", "咨询")),
    ("victim", ("受害", "被骗", "维权", "遭遇", "被欺凌", "被网暴", "被敲诈", "求助")),
    ("refusal", ("拒绝", "不刷", "不集资", "不控评", "抵制")),
    ("negation", ("否定", "否认", "反对", "声明不", "不做", "并非")),
    ("education", ("科普", "教育", "讲解", "普法", "教学", "解释")),
    ("warning", ("提醒", "防骗", "防范", "警示", "警惕", "反诈", "识别", "预警", "劝阻")),
    ("sourced", ("来源", "出处", "可核查")),
    ("official", ("官方", "政务", "政府", "警方", "公安", "民警", "交警", "监管", "部门", "公告", "通知", "通报")),
    ("report", ("报道", "新闻", "法院", "判决", "庭审", "曝光", "揭露", "举报", "案件", "辟谣", "澄清")),
    ("compliant", ("已标注", "标注", "标识", "正规", "合规", "持证", "授权", "认证", "依规", "资质", "合法")),
    ("personal", ("私聊", "朋友", "熟人", "家人", "家庭", "日常", "个人", "亲历", "调侃", "玩笑", "吐槽", "生活",
                  "闺蜜", "同学", "情侣", "自嘲", "亲身")),
    ("quote", ("引用", "引述", "转述", "台词", "歌词", "原话")),
)


def innocence_kind(row: dict[str, Any]) -> str:
    """The kind of an innocent row's innocence: the writer's own `scope` where the set names it (twin pairs), else
    read from the writer's `note` by `KIND_CUES` (the first kind with a cue in the note); `other` when none. A
    violation is `violation`. Used to count hard negatives acted on per kind, never by the engine."""
    if (row.get("expect") or {}).get("violation"):
        return "violation"
    scope = row.get("scope")
    if scope and scope != "violation":
        return str(scope)
    note = str(row.get("note") or "")
    for kind, cues in KIND_CUES:
        if any(c in note for c in cues):
            return kind
    return "other"


def decision_row(group: str, path: Path, r: dict[str, Any], d: Any) -> dict[str, Any]:
    """One recorded row: the writer's expectation beside what the engine decided. `d` is the decision, or the
    `InvalidContent` the contract raised for the row: such a row counts as decided `pass` with no label (a
    violation missed, an innocent row not acted on) and carries `invalid` (the error), so every report counts and
    names it; none drops it."""
    from eval_campaign_blind import judge, predicted_labels

    from qinglang.errors import InvalidContent

    exp = r.get("expect") or {}
    content = r["content"]
    out: dict[str, Any] = {
        "group": group, "file": path.name, "id": r["id"], "task": r.get("task"), "pair": r.get("pair"),
        "kind": innocence_kind(r), "violation": bool(exp.get("violation")), "hard": bool(r.get("hard_negative")),
        "want": sorted(exp.get("labels") or []), "first_label": (exp.get("labels") or [None])[0],
        "want_action": exp.get("action_at_least") or "pass",
        "want_marks": sorted(exp.get("marks") or []), "note": r.get("note") or "",
        "title": content.get("title") or "", "text": content.get("text") or "",
    }
    if isinstance(d, InvalidContent):
        out.update(action="pass", got=[], labels={}, marks=[], caught=False, acted=False, evidence=[],
                   invalid=str(d))
        return out
    caught, acted = judge(d, exp)
    out.update(
        action=str(d.action), got=sorted(predicted_labels(d)), caught=caught, acted=acted, marks=list(d.marks),
        labels={lr.label: [round(lr.score, 3), lr.rule, lr.policy_rule] for lr in d.labels}, invalid=None,
        evidence=[{"label": lr.label, "score": round(lr.score, 3),
                   "ev": [{"rule": e.rule, "detector": e.detector, "span": [e.field, e.start, e.end, e.text],
                           "norm": e.normalized, "scope": e.scope} for e in lr.evidence][:4]}
                  for lr in d.labels if lr.policy_rule])
    return out


def record(engine: Any = None, groups: set[str] | None = None, *, twins: tuple[str, ...] = TWINS,
           files: Callable[[str, Path], bool] | None = None) -> list[dict[str, Any]]:
    """Every writer-set row (the blind holdout never) through `engine` (default: the shipped engine), one
    `decision_row` each, in `rows` order. Each row is decided alone (`Engine.moderate`): a reply is never linked to
    a root that happens to sit in the same batch. `groups` / `files` pick the writer sets / files."""
    from qinglang.engine import Engine
    from qinglang.errors import InvalidContent

    engine = engine if engine is not None else Engine()
    out = []
    for group, path, r in rows(twins):
        if (groups is not None and group not in groups) or (files is not None and not files(group, path)):
            continue
        try:
            d: Any = engine.moderate(r["content"])
        except InvalidContent as exc:
            d = exc
        out.append(decision_row(group, path, r, d))
    return out


def save(recorded: list[dict[str, Any]], path: Path) -> None:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in recorded), "utf-8")


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def recorded(cache: Path | None, groups: set[str] | None = None, *, rerun: bool = False,
             engine: Any = None) -> list[dict[str, Any]]:
    """The recorded rows from `cache` when it exists (and not `rerun`), else recorded now (and kept in `cache`)."""
    if cache is not None and cache.exists() and not rerun:
        got = load(cache)
        return [x for x in got if groups is None or x["group"] in groups]
    got = record(engine, groups)
    if cache is not None:
        save(got, cache)
    return got


def rejected(recorded_rows: list[dict[str, Any]]) -> str:
    """The line every report prints about the rows the contract rejected ('' when none)."""
    bad = [f"{x['group']}/{x['id']}" for x in recorded_rows if x.get("invalid")]
    if not bad:
        return ""
    return (f"rows the contract rejects (decided `pass`, no label; {len(bad)}, counted in every figure): "
            + ", ".join(bad))


def out_of_set(groups: Any, x: Any, y: Any, fit: Callable[[Any, Any], Any]) -> Any:
    """Each writer set's rows scored by `fit` on every other set (P of class 1; a set whose complement holds one
    class only stays 0): the left-out scores the learned readings choose their operating points on."""
    import numpy as np

    groups = np.asarray(groups)
    p = np.zeros(len(y))
    for g in sorted(set(groups.tolist())):
        held = groups == g
        if y[~held].min() == y[~held].max():
            continue
        p[held] = fit(x[~held], y[~held]).predict_proba(x[held])[:, 1]
    return p
