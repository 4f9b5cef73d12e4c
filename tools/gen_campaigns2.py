"""A second coordinated-campaign generator, designed differently from tools/gen_campaigns.py (issue 18's
"unseen coordinated corpora built differently"). Same output format and truth, so tools/eval_clusters.py
scores both.

What differs from the first generator, on purpose:

- background: SWSR Weibo comments and CNTP base sentences (shared/data/swsr, shared/data/cntp; not COLD),
  posted along a day/night curve (quiet at 3–6 a.m., busiest in the evening, China time) over three days;
- messages: not `{a|b}` slot templates but 2–4 clauses, each with its own synonyms, joined in a shuffled
  order with varying punctuation, a personal opener on some copies, and cloaks (pinyin, initials, emoji,
  split characters) on a few;
- timing: slow drips over many hours (exponential gaps or a schedule with jitter), relays that hop from
  thread to thread in small waves, and office-hours posting over two or three days;
- accounts: sleeper accounts (a farm registered in one batch years ago, then left to age), individually
  bought aged accounts with nothing in common but reuse, and fresh batches; mixes of these;
- threads: a campaign is spread over 20–150 threads, or relayed across a handful, or floods one;
- organic look-alikes: many people quoting one news headline with their own reaction (some under the
  news post's own thread), a popular saying, festival greetings over an evening, a chain-post (转发锦鲤)
  and exam wishes — from the organic population, over hours.

Every item carries `truth`: {"group": "campaign:<k>" | "organic" | "lookalike:<k>", "group_size": n}.

    python tools/gen_campaigns2.py --seed 1 -o /tmp/campaigns2.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
from pathlib import Path
from typing import Any

from gen_campaigns import CN, iso, write_items  # the first generator: same truth format and time helpers

from qinglang.eval.perturb import perturb

T0 = dt.datetime(2026, 3, 2, 0, 0, tzinfo=CN).timestamp()  # a Monday, midnight China time
DAYS = 3
DAY = 86400.0

# Each message: clauses, each a list of interchangeable wordings (synonyms / paraphrases of one point).
MESSAGES: list[list[list[str]]] = [
    [
        ["这款奶粉我家宝宝喝了半年", "我家娃一直喝这个牌子的奶粉", "宝宝从出生就喝这款奶粉"],
        ["一次都没上火", "从来没有便秘过", "肠胃一直很好"],
        ["新手妈妈可以放心入", "宝妈们闭眼买就对了", "推荐给各位宝妈"],
    ],
    [
        ["某某物业收费不合理", "这家物业乱收费", "小区物业收钱不办事"],
        ["业主投诉也没人管", "打电话投诉没人理", "反映问题一直拖着"],
        ["大家买房前一定要避开", "买房的朋友注意避雷", "千万别买他们管的小区"],
    ],
    [
        ["新出的这个政策真的很贴心", "这次出台的新政策很暖心", "这项新规真是为民办实事"],
        ["解决了老百姓的大难题", "办事再也不用来回跑了", "群众办事方便多了"],
        ["必须点赞", "为政府点个赞", "希望多出这样的好政策"],
    ],
    [
        ["投票通道今晚十二点关闭", "打榜还剩最后一天", "今天是投票最后一天"],
        ["姐妹们每个号都要投满", "大号小号全部投起来", "所有账号都去投票"],
        ["不能让哥哥输", "守护最好的他", "冲第一"],
    ],
    [
        ["这个理财群老师带单很准", "跟着群里老师操作收益稳定", "群里的投资老师真的靠谱"],
        ["上个月赚了两万多", "一周回本", "每天稳定收益百分之三"],
        ["想进群的私我", "需要的留言我拉你", "感兴趣可以私信了解"],
    ],
    [
        ["这部片子剧情拖沓", "这电影节奏太慢了", "整部片子又长又闷"],
        ["演员演技尴尬", "主演表情僵硬", "演技完全在线下"],
        ["不值票价", "浪费两个小时", "劝大家别去电影院了"],
    ],
    [
        ["那个网红说的话纯属造谣", "网上那个传言是假的", "关于这件事的说法都是谣言"],
        ["官方已经发了声明", "警方早就通报过了", "当事人已经澄清"],
        ["不信谣不传谣", "别再转发了", "大家理性看待"],
    ],
    [
        ["这家连锁酒店卫生太差", "住了这家酒店简直崩溃", "这个酒店的床单都是脏的"],
        ["前台态度恶劣", "投诉之后没人处理", "退房还要乱扣押金"],
        ["出差的朋友千万别订", "大家出行避开这家", "再也不会住了"],
    ],
    [
        ["这款手游福利太多了", "这个新游戏真的良心", "最近在玩的这款游戏很不错"],
        ["上线就送十连抽", "不充钱也能玩得很爽", "每天登录都送好东西"],
        ["快来一起玩", "搜名字就能下载", "兄弟们冲"],
    ],
    [
        ["咱们这个小城越来越美了", "家乡这几年变化真大", "这座城市的发展有目共睹"],
        ["新修的公园特别漂亮", "交通方便了很多", "街道干净整洁"],
        ["欢迎大家来旅游", "五一来玩吧", "为家乡骄傲"],
    ],
    [
        ["这个牌子的空调制冷效果一般", "买的这台空调噪音特别大", "这个空调用了一个月就坏了"],
        ["售后一直推脱", "客服就会说抱歉", "维修要等半个月"],
        ["大家买之前想清楚", "别被广告骗了", "同款千万别买"],
    ],
    [
        ["这位老师讲课特别好", "跟着这个老师学了三个月", "这门网课的老师很专业"],
        ["孩子成绩提高了三十分", "成绩进步很明显", "考试从不及格到八十多"],
        ["家长们可以了解一下", "需要资料的可以问我", "推荐给各位家长"],
    ],
]
OPENERS = ["", "", "", "说句实话，", "真心分享：", "路过说一句，", "我也来说两句，", "亲身经历，", "emmm，"]
ENDINGS = ["", "", "", "。", "！", "～", "😊", "👍👍", "[赞]", "🙏"]
JOINS = ["，", "，", "。", "！", " ", "；"]
CLOAKS = ("pinyin", "initials", "emoji", "split", "homophone")

HEADLINES = ["国务院常务会议部署进一步扩大内需的措施", "我国成功发射新一代载人飞船试验船",
             "多地出台措施支持新能源汽车消费", "全国两会新闻中心今日正式启用"]
REACTIONS = ["", "", "转发：", "刚看到，", "【新闻】", "好消息！", "太好了，", "关注一下：", "厉害了我的国，", "期待，"]
REACTION_ENDS = ["", "", "", "👍", "！", "。期待", "，点赞", "🇨🇳", "，希望落到实处", "，拭目以待"]
SAYINGS = ["星光不问赶路人，时光不负有心人", "生活明朗，万物可爱", "保持热爱，奔赴山海"]
GREETINGS = ["元宵节快乐", "元宵节快乐！阖家团圆", "祝大家元宵节快乐", "元宵快乐，记得吃汤圆", "元宵节快乐🏮"]
CHAIN = ["转发这条锦鲤，接下来的日子好运连连", "转发这条锦鲤 接下来会有好运", "接好运！转发这条锦鲤"]
EXAM = ["高考加油，金榜题名", "祝所有考生高考顺利，金榜题名", "高考加油！！金榜题名"]


def diurnal(rng: random.Random, start: float, end: float) -> float:
    """A time in [start, end) following a day/night curve (China time): quiet at dawn, busy in the evening."""
    while True:
        t = rng.uniform(start, end)
        hour = (t - T0) % DAY / 3600
        weight = 0.15 + 0.85 * (0.5 - 0.5 * math.cos((hour - 4) / 24 * 2 * math.pi)) ** 1.5
        if rng.random() < weight:
            return t


def background() -> list[str]:
    root = Path(os.environ.get("QINGLANG_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    rows: list[str] = []
    for rel in ("data/swsr/train.jsonl", "data/cntp/base.jsonl"):
        p = root / rel
        if p.is_file():
            rows += [json.loads(line)["text"] for line in p.open(encoding="utf-8") if line.strip()]
    if not rows:
        raise SystemExit(f"no SWSR/CNTP data under {root}/data (set QINGLANG_SHARED)")
    return rows


def message(rng: random.Random, clauses: list[list[str]], cloak_rate: float) -> str:
    parts = [rng.choice(c) for c in clauses]
    if rng.random() < 0.5:
        rng.shuffle(parts)  # the same points in another order
    elif len(parts) > 2 and rng.random() < 0.3:
        parts.pop(rng.randrange(len(parts)))  # a shorter copy
    text = parts[0] + "".join(rng.choice(JOINS) + p for p in parts[1:])
    text = rng.choice(OPENERS) + text + rng.choice(ENDINGS)
    if rng.random() < cloak_rate:
        text = perturb(text, rng.choice(CLOAKS), rng, rate=0.2)
    return text


def campaign_times(rng: random.Random, n: int, kind: str, hours: float) -> tuple[list[float], list[int]]:
    """Post times and a wave index per post (relays move to another thread each wave)."""
    if kind == "drip":  # a slow drip over 6–30 h: exponential gaps, or a schedule with jitter
        dur = rng.uniform(6, 30) * 3600
        start = T0 + rng.uniform(0, hours - dur)
        if rng.random() < 0.5:
            gaps = [rng.expovariate(1.0) for _ in range(n)]
            scale = dur / sum(gaps)
            ts, t = [], start
            for g in gaps:
                t += g * scale
                ts.append(t)
        else:
            step = dur / n
            ts = [start + k * step + rng.uniform(-0.35, 0.35) * step for k in range(n)]
        return ts, [0] * n
    if kind == "relay":  # small waves of a few minutes, hopping threads, over 4–16 h
        waves = max(2, n // rng.randint(6, 15))
        dur = rng.uniform(4, 16) * 3600
        start = T0 + rng.uniform(0, hours - dur)
        centers = sorted(start + rng.uniform(0, dur) for _ in range(waves))
        idx = [rng.randrange(waves) for _ in range(n)]
        return [centers[i] + rng.uniform(0, 300) for i in idx], idx
    # office hours: 9:00–18:00 China time on two or three consecutive days
    days = rng.randint(2, 3)
    first = rng.randrange(0, DAYS - days + 1)
    ts = []
    for _ in range(n):
        d = first + rng.randrange(days)
        ts.append(T0 + d * DAY + rng.uniform(9, 18) * 3600)
    return ts, [0] * n


def accounts_for(rng: random.Random, k: int, n_posts: int, mix: str) -> list[tuple[str, float]]:
    """The campaign's accounts (id, created) for an account mix."""
    if mix == "sleeper":  # a farm registered in one batch 1–5 years ago, aged, now woken up
        n = max(5, int(n_posts / rng.uniform(1.0, 2.0)))
        day = T0 - rng.uniform(365, 5 * 365) * DAY
        return [(f"k{k:02d}s{j:04d}", day - rng.uniform(0, 2) * DAY) for j in range(n)]
    if mix == "bought":  # aged accounts bought one by one: no shared creation date, reused heavily
        n = max(4, int(n_posts / rng.uniform(2.5, 5.0)))
        return [(f"k{k:02d}b{j:04d}", T0 - 10 ** rng.uniform(2.2, 3.4) * DAY) for j in range(n)]
    if mix == "fresh":  # registered this month in one batch
        n = max(5, int(n_posts / rng.uniform(1.0, 2.5)))
        day = T0 - rng.uniform(2, 25) * DAY
        return [(f"k{k:02d}f{j:04d}", day - rng.uniform(0, 1.5) * DAY) for j in range(n)]
    half = max(2, n_posts // 4)  # mixed: a sleeper farm plus bought accounts
    return accounts_for(rng, k, half * 2, "sleeper")[:half] + accounts_for(rng, k, half * 3, "bought")


def generate(seed: int, organic_limit: int, campaigns: int = 32) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    hours = DAYS * 24 * 3600.0
    population: dict[str, float] = {}
    for i in range(25000):  # organic ages: log-uniform 1 day – 12 years (honest young accounts exist)
        population[f"p{i:06d}"] = T0 - 10 ** rng.uniform(0, 3.64) * DAY
    people = list(population)
    threads = [f"w{k:05d}" for k in range(1500)]
    items: list[dict[str, Any]] = []

    def item(text: str, account: str, created: float, ts: float, thread: str | None, group: str,
             size: int) -> None:
        items.append({
            "id": f"y{len(items):07d}", "kind": "comment" if thread else "post", "text": text,
            "author": {"id": account, "created_at": iso(min(created, ts - 3600))}, "created_at": iso(ts),
            **({"thread_id": thread} if thread else {}), "truth": {"group": group, "group_size": size},
        })

    texts = background()
    rng.shuffle(texts)
    for text in texts[:organic_limit]:
        a = rng.choice(people)
        item(text, a, population[a], diurnal(rng, T0, T0 + hours), rng.choice(threads) if rng.random() < 0.85
             else None, "organic", 1)

    for k in range(campaigns):
        size = rng.randint(5, 19) if k % 4 == 3 else round(10 ** rng.uniform(math.log10(20), math.log10(300)))
        clauses = MESSAGES[k % len(MESSAGES)]
        timing = rng.choice(("drip", "drip", "relay", "office"))
        mix = rng.choice(("sleeper", "bought", "fresh", "mixed"))
        accounts = accounts_for(rng, k, size, mix)
        ts, waves = campaign_times(rng, size, timing, hours)
        spread = rng.sample(threads, rng.randint(20, 150))
        flood = rng.random() < 0.15  # one comment section flooded (控评)
        relay_threads = rng.sample(threads, max(waves) + 1)
        cloak_rate = rng.uniform(0.0, 0.25)
        for t, w in zip(ts, waves, strict=True):
            thread = spread[0] if flood else relay_threads[w] if timing == "relay" else rng.choice(spread)
            acc, created = rng.choice(accounts)
            item(message(rng, clauses, cloak_rate), acc, created, t, thread, f"campaign:{k}", size)

    kinds = ["headline", "saying", "greeting", "chain", "exam", "headline", "headline", "saying"]
    for k, kind in enumerate(kinds):
        size = rng.randint(60, 400)
        group = f"lookalike:{k}"
        if kind == "headline":  # a news item quoted with the poster's own reaction, decaying over hours
            head = HEADLINES[k % len(HEADLINES)]
            start = T0 + rng.uniform(0, hours * 0.7)
            news_thread = rng.choice(threads)
            for _ in range(size):
                a = rng.choice(people)
                thread = news_thread if rng.random() < 0.3 else rng.choice(threads) if rng.random() < 0.5 else None
                text = rng.choice(REACTIONS) + head + rng.choice(REACTION_ENDS)
                item(text, a, population[a], start + rng.expovariate(1 / 10800), thread, group, size)
            continue
        if kind == "greeting":  # an evening of festival greetings
            center = T0 + rng.randrange(DAYS) * DAY + 20 * 3600
            pool, when = GREETINGS, (lambda c=center: c + rng.gauss(0, 5400))
        elif kind == "exam":  # wishes over the day before the exam
            day0 = T0 + rng.randrange(DAYS) * DAY
            pool, when = EXAM, (lambda d=day0: diurnal(rng, d, d + DAY))
        elif kind == "chain":  # a chain post passed on over two days
            start = T0 + rng.uniform(0, hours / 3)
            pool, when = CHAIN, (lambda s=start: s + rng.expovariate(1 / (14 * 3600)))
        else:  # a popular saying, all through the three days
            pool, when = [SAYINGS[k % len(SAYINGS)]], (lambda: diurnal(rng, T0, T0 + hours))
        for _ in range(size):
            a = rng.choice(people)
            text = rng.choice(pool) + rng.choice(["", "", "", "～", "！", "✨", "🙏"])
            item(text, a, population[a], when(), rng.choice(threads) if rng.random() < 0.6 else None, group, size)
    items.sort(key=lambda x: x["created_at"])
    return items


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--organic", type=int, default=20000, help="background posts (all SWSR+CNTP if fewer)")
    ap.add_argument("--campaigns", type=int, default=32)
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args()
    write_items(generate(args.seed, args.organic, args.campaigns), args.out)


if __name__ == "__main__":
    main()
