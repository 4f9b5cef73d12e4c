"""Generate a coordinated-campaign corpus on top of real organic text (issue 18), with its truth.

Organic traffic is COLD comments (shared/data/cold, Apache-2.0), each posted once by an account of a
population whose ages spread over years. Injected on top:

- campaigns: a template with paraphrase slots ({a|b|c}), filler openings and endings, emoji, and a cloak from
  `qinglang.eval.perturb` on some copies; staggered timing (random, regular with jitter, or waves); account
  mixes (fresh accounts registered in one batch, plus bought aged accounts), each account posting 1–3 times;
  under one thread (控评) or spread over several;
- organic look-alikes that must NOT become campaigns: many unrelated accounts posting the same greeting
  around one moment, or the same news headline decaying over hours, in many threads.

Two configurations: `a` (the development set the scoring was tuned on) and `b` ("unseen": other templates,
other look-alikes, other timing, older account mixes, other cloaks). Every item carries `truth`:
{"group": "campaign:<k>" | "organic" | "lookalike:<k>", "group_size": n}.

    python tools/gen_campaigns.py --config a --seed 1 -o /tmp/campaigns_a.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import re
from pathlib import Path
from typing import Any

from qinglang.eval.perturb import perturb

CN = dt.timezone(dt.timedelta(hours=8))
T0 = dt.datetime(2026, 1, 30, 8, 0, tzinfo=CN).timestamp()

CONFIGS: dict[str, dict[str, Any]] = {
    "a": {
        "hours": 36, "threads": 400, "campaigns": 40, "sizes": (8, 400), "young": (0.5, 1.0),
        "duration_min": (10, 240), "timing": ("random", "regular", "waves"), "one_thread": 0.5,
        "cloaks": ("separator", "fullwidth", "emoji", "traditional"), "cloak_rate": 0.3,
        "templates": [
            "{支持|力挺|必须支持}国货{品牌|好物}，{已下单|刚下单|已经买了三件}{！|～|。}",
            "这家{店|餐厅}的{服务|菜品}{真的|确实}{太好了|没得说}，{强烈推荐|推荐给大家}",
            "{某|这个}企业的产品{质量太差|就是垃圾}，大家{千万别买|别上当}{！|！！}",
            "{哥哥|姐姐}{最棒|永远的神}，{谁也比不上|无可替代}，{冲冲冲|永远支持}",
            "{加|➕}{微信|威信|v} zhuan{qian|money}888 {领福利|免费领取|带你赚钱}",
            "{刷单|兼职}日结，{一单|每单}{十元|二十元}，{有意者|感兴趣的}私聊",
            "{这部电影|这部剧}{神作|年度最佳}，{不看后悔|必须五星}，{散了吧黑子|黑子闭嘴}",
            "{官方|平台}{已经|早就}辟谣了，{楼主|这人}造谣{可耻|该封}",
            "{本地|同城}{探店|打卡}{必去|宝藏}{火锅|烧烤}店，{人均|只要}五十{吃到撑|超值}",
            "{坚决|强烈}{抵制|反对}{某某|这家}公司，{黑心|无良}企业{滚出去|倒闭吧}",
        ],
        "fillers": ["", "", "说真的，", "哈哈，", "楼上说得对，", "我也觉得，"],
        "endings": ["", "", "👍", "！", "🔥🔥", "顶"],
        "greetings": ["新年快乐", "新年快乐！", "祝大家新年快乐", "新年快乐呀", "新年快乐🎉", "新年快乐，万事如意"],
        "headlines": ["国家统计局发布2025年国民经济运行情况，全年国内生产总值同比增长百分之五",
                      "中国空间站神舟乘组完成第三次出舱活动"],
        "lookalikes": 4, "lookalike_sizes": (80, 400),
    },
    "b": {
        "hours": 48, "threads": 250, "campaigns": 36, "sizes": (10, 300), "young": (0.25, 0.7),
        "duration_min": (30, 600), "timing": ("regular", "waves", "random"), "one_thread": 0.3,
        "cloaks": ("lookalike", "separator", "homophone", "fullwidth"), "cloak_rate": 0.15,
        "templates": [
            "{刚收到货|收到啦}，{质量超好|做工精细}，{客服态度|物流速度}{一流|很快}，{五星好评|好评}",
            "{楼主|博主}{说的都是真的|句句属实}，{我|我朋友}{亲身经历|也遇到过}，{顶上去|帮顶}",
            "{这家医院|这个诊所}{骗钱|乱收费}，{大家|各位}{注意避雷|千万小心}",
            "{明天|今晚}{八点|九点}直播间{抽奖|送福利}，{关注|点关注}{不迷路|领红包}",
            "{投资|理财}{稳赚|保本}{高收益|月入过万}，{扫码|私信}{进群|了解}",
            "{某明星|这位老师}{人品|演技}{真的好|没话说}，{黑粉|营销号}{退散|别洗了}",
            "qq {群|裙} 7788{9|99}{1|01}2 {日结|秒到}{兼职|福利}",
            "{这个政策|新规}{太好了|真是德政}，{老百姓|大家}{拍手称快|都支持}",
        ],
        "fillers": ["", "", "刚看到，", "真心话：", "分享一下，", "+1 "],
        "endings": ["", "", "😀", "！！", "。", "～～"],
        "greetings": ["生日快乐", "生日快乐！", "祝你生日快乐", "生日快乐🎂", "中秋快乐", "中秋节快乐！"],
        "headlines": ["气象台发布寒潮蓝色预警，多地气温将下降八到十摄氏度",
                      "全国铁路春运首日发送旅客超过一千万人次",
                      "教育部公布2026年普通高校招生工作安排"],
        "lookalikes": 5, "lookalike_sizes": (60, 300),
    },
}
# "hard": config b's text with campaigns that hide their coordination — mostly aged accounts, each posting
# once, spread over many threads and up to half a day. Not a target; it shows where account features end.
CONFIGS["hard"] = {**CONFIGS["b"], "young": (0.0, 0.25), "reuse": (1.0, 1.0), "one_thread": 0.0,
                   "duration_min": (120, 720), "timing": ("random",)}


def expand(template: str, rng: random.Random) -> str:
    """Pick one alternative in every {a|b|c} slot."""
    return re.sub(r"\{([^{}]*)\}", lambda m: rng.choice(m.group(1).split("|")), template)


def iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, CN).isoformat(timespec="seconds")


class Population:
    def __init__(self, rng: random.Random, n: int) -> None:
        self.rng = rng
        self.created = {}
        for i in range(n):
            # organic ages: log-uniform 1 day – 10 years, so some honest accounts are young too
            age = 10 ** rng.uniform(0, 3.56)
            self.created[f"u{i:06d}"] = T0 - age * 86400
        self.ids = list(self.created)

    def pick(self) -> str:
        return self.rng.choice(self.ids)


def cold_texts() -> list[str]:
    root = Path(os.environ.get("QINGLANG_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    rows = []
    for name in ("train.jsonl", "dev.jsonl"):
        p = root / "data" / "cold" / name
        if p.is_file():
            rows += [json.loads(line)["text"] for line in p.open(encoding="utf-8") if line.strip()]
    if not rows:
        raise SystemExit(f"no COLD data under {root}/data/cold (set QINGLANG_SHARED)")
    return rows


def times_for(rng: random.Random, n: int, start: float, dur: float, kind: str) -> list[float]:
    if kind == "regular":
        step = dur / n
        return [start + k * step + rng.uniform(-0.2, 0.2) * step for k in range(n)]
    if kind == "waves":
        waves = rng.randint(2, 4)
        centers = sorted(start + rng.uniform(0, dur) for _ in range(waves))
        return [rng.choice(centers) + abs(rng.gauss(0, 120)) for _ in range(n)]
    return [start + rng.uniform(0, dur) for _ in range(n)]


def generate(cfg: dict[str, Any], seed: int, organic_limit: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    pop = Population(rng, 20000)
    hours = cfg["hours"] * 3600
    threads = [f"t{k:04d}" for k in range(cfg["threads"])]
    items: list[dict[str, Any]] = []

    def item(text: str, account: str, created: float, ts: float, thread: str | None, group: str,
             size: int) -> None:
        items.append({
            "id": f"x{len(items):07d}", "kind": "comment" if thread else "post", "text": text,
            "author": {"id": account, "created_at": iso(created)}, "created_at": iso(ts),
            **({"thread_id": thread} if thread else {}), "truth": {"group": group, "group_size": size},
        })

    texts = cold_texts()
    rng.shuffle(texts)
    for text in texts[:organic_limit]:
        a = pop.pick()
        thread = rng.choice(threads) if rng.random() < 0.8 else None
        item(text, a, pop.created[a], T0 + rng.uniform(0, hours), thread, "organic", 1)

    for k in range(cfg["campaigns"]):
        lo, hi = cfg["sizes"]
        size = round(10 ** rng.uniform(math.log10(lo), math.log10(hi)))
        tpl = rng.choice(cfg["templates"])
        young = rng.uniform(*cfg["young"])
        n_acc = max(3, int(size / rng.uniform(*cfg.get("reuse", (1.0, 2.5)))))
        batch_day = T0 - rng.uniform(1, 20) * 86400
        accounts = []
        for j in range(n_acc):
            acc = f"c{k:02d}a{j:04d}"
            created = batch_day - rng.uniform(0, 2) * 86400 if rng.random() < young \
                else T0 - 10 ** rng.uniform(2, 3.3) * 86400
            accounts.append((acc, created))
        dur = rng.uniform(*cfg["duration_min"]) * 60
        start = T0 + rng.uniform(0, hours - dur)
        ts = times_for(rng, size, start, dur, rng.choice(cfg["timing"]))
        one = rng.random() < cfg["one_thread"]
        spread = rng.sample(threads, rng.randint(3, 25))
        fresh = iter(accounts) if cfg.get("reuse") == (1.0, 1.0) else None
        for t in ts:
            text = rng.choice(cfg["fillers"]) + expand(tpl, rng) + rng.choice(cfg["endings"])
            if rng.random() < cfg["cloak_rate"]:
                text = perturb(text, rng.choice(cfg["cloaks"]), rng, rate=0.3)
            acc, created = next(fresh, accounts[-1]) if fresh is not None else rng.choice(accounts)
            item(text, acc, created, t, spread[0] if one else rng.choice(spread), f"campaign:{k}", size)

    for k in range(cfg["lookalikes"]):
        size = rng.randint(*cfg["lookalike_sizes"])
        if k % 2 == 0:  # a greeting around one moment (midnight, a birthday post), from unrelated accounts
            moment = T0 + rng.uniform(0.2, 0.8) * hours
            for _ in range(size):
                a = pop.pick()
                thread = rng.choice(threads) if rng.random() < 0.7 else None
                item(rng.choice(cfg["greetings"]), a, pop.created[a], moment + rng.gauss(0, 1200), thread,
                     f"lookalike:{k}", size)
        else:  # a headline shared as it spreads: exponential decay over hours
            head = cfg["headlines"][k // 2 % len(cfg["headlines"])]
            start = T0 + rng.uniform(0, hours / 2)
            for _ in range(size):
                a = pop.pick()
                text = head if rng.random() < 0.7 else rng.choice(["转发：", "【快讯】", "", "刚刚，"]) + head
                item(text, a, pop.created[a], start + rng.expovariate(1 / 7200), None, f"lookalike:{k}", size)
    items.sort(key=lambda x: x["created_at"])
    return items


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", choices=sorted(CONFIGS), default="a")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--organic", type=int, default=30000, help="organic COLD comments to use (all if fewer)")
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args()
    write_items(generate(CONFIGS[args.config], args.seed, args.organic), args.out)


def write_items(items: list[dict[str, Any]], out: Path) -> None:
    """The generated corpus as JSONL (the truth format `tools/eval_clusters.py` reads) and a one-line summary."""
    with out.open("w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")
    groups = {it["truth"]["group"] for it in items}
    print(f"{len(items)} items, {sum(g.startswith('campaign') for g in groups)} campaigns, "
          f"{sum(g.startswith('lookalike') for g in groups)} look-alike groups -> {out}")


if __name__ == "__main__":
    main()
