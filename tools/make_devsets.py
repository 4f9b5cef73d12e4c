"""Write our own development set for labels with no licensed training data (tests/data/policy_dev.jsonl).

    python tools/make_devsets.py

Every row is generated here from templates and slot words written for this project (nothing copied from any
data set or site), with a fixed seed, so the file is reproducible. Labels: drainage (引流 lures), gambling,
porn, clickbait, rumor, aigc_unlabeled (AI-styled boilerplate), plus hard negatives that share vocabulary with
them. What it can and cannot show is in docs/models.md.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "policy_dev.jsonl"
SEED = 20241128
PER_LABEL = 40

CONTACTS = [
    "加微信 abc{n}",
    "薇❤: qq{n}",
    "V信 x{n}y",
    "加我扣扣 {n}{n}",
    "私聊vx：hello_{n}",
    "➕🐧 {n}{n}{n}",
    "看主页联系方式",
    "评论区置顶有链接",
    "戳头像进群",
    "飞机号 @tg_{n}",
]
LURES = [
    "兼职日结三百，{c}",
    "高清资源全都有，{c}",
    "内部渠道低价出，{c}",
    "想赚钱的宝子们{c}",
    "免费领取教程，{c}",
    "代购正品一比一，{c}",
    "名额有限先到先得，{c}",
]
GAMBLING = [
    "{p}首充送{n}%，天天返水",
    "百家乐稳赚打法，{c}",
    "今晚六合彩特码已出，跟我下注必中",
    "体育竞猜带单，胜率{n}%",
    "真人荷官在线发牌，{c}",
    "时时彩计划群，一天稳赚{n}块",
    "{p}注册就送{n}元彩金",
]
PORN = [
    "深夜福利视频，{c}",
    "约炮同城妹子，{c}",
    "成人视频无码高清，{c}",
    "裸聊一对一，{c}",
    "原味丝袜出售，{c}",
    "福利姬全套资源打包，{c}",
]
CLICKBAIT = [
    "震惊！{x}竟然是这样，看完沉默了",
    "不看后悔！{x}的真相终于曝光",
    "刚刚，{x}出大事了！",
    "99%的人都不知道，{x}居然能这样",
    "紧急扩散！{x}，转给你在乎的人",
    "{x}？答案让人万万没想到",
]
RUMOR = [
    "据内部消息，{place}明天起全面封城，赶紧囤货",
    "{place}自来水被污染了，千万别喝，转发告诉家人",
    "听说{place}发生重大事故，死了上百人，官方还在隐瞒",
    "{place}银行要倒闭了，快去取钱",
    "吃{food}能治愈癌症，医生都不敢说",
    "{place}出现不明病毒，已经传染几千人",
]
AIGC = [
    "作为一个人工智能语言模型，我认为{x}是一个复杂而多元的话题。首先，我们需要从多个角度进行分析。其次，"
    "值得注意的是，不同的人可能有不同的看法。总而言之，{x}需要我们理性看待。",
    "好的，以下是关于{x}的详细介绍：\n1. 背景概述\n2. 主要特点\n3. 发展前景\n希望以上内容对您有所帮助！",
    "{x}是一个值得深入探讨的问题。综上所述，我们应当以开放包容的心态，全面、客观、辩证地看待{x}，"
    "从而更好地促进社会的和谐发展。",
]
NEGATIVE = [
    "今天去{place}吃了{food}，味道一般般",
    "有没有人知道{place}的地铁几点停运？",
    "我的微信步数今天两万步，累死了",
    "这部电影的结局真的没想到，推荐大家去看",
    "{place}今天下雨了，出门记得带伞",
    "周末和朋友打了一下午篮球",
    "新闻说{place}要修新的高铁站，期待",
    "加油！明天考试一定能过",
    "孩子的作业太难了，家长都不会做",
    "谁能推荐一本好看的小说？",
    "这个{food}的做法我学会了，超级简单",
    "彩票站门口排了好长的队，不知道发生了什么",
    "看了一个关于人工智能的讲座，收获很大",
]
TOPICS = ["这个明星", "那家公司", "新出的手机", "这所学校", "明天的天气", "网红餐厅", "这条新闻"]
PLACES = ["武汉", "成都", "郑州", "杭州", "西安", "长沙"]
FOODS = ["大蒜", "热干面", "火锅", "柠檬", "酸菜鱼"]
PLATFORMS = ["XX娱乐", "大发彩票", "皇冠体育", "金沙城"]


def fill(tpl: str, rng: random.Random) -> str:
    n = str(rng.randint(1, 999))
    c = rng.choice(CONTACTS).format(n=n)
    return tpl.format(
        n=n, c=c, x=rng.choice(TOPICS), place=rng.choice(PLACES), food=rng.choice(FOODS), p=rng.choice(PLATFORMS)
    )


def rows() -> list[dict[str, object]]:
    rng = random.Random(SEED)
    out: list[dict[str, object]] = []
    groups = [
        ("drainage", LURES, True),
        ("gambling", GAMBLING, False),
        ("porn", PORN, False),
        ("clickbait", CLICKBAIT, False),
        ("rumor", RUMOR, False),
        ("aigc_unlabeled", AIGC, False),
    ]
    for label, templates, _ in groups:
        for k in range(PER_LABEL):
            text = fill(rng.choice(templates), rng)
            labels = [label]
            if "{c}" in text or any(w in text for w in ("微信", "vx", "扣扣", "🐧", "飞机号", "V信", "薇")):
                labels = sorted({label, "drainage"})
            out.append({"id": f"dev-{label}-{k:03d}", "text": text, "labels": labels, "source": "generated"})
    for k in range(PER_LABEL * 3):
        out.append(
            {
                "id": f"dev-negative-{k:03d}",
                "text": fill(rng.choice(NEGATIVE), rng),
                "labels": [],
                "source": "generated",
            }
        )
    return out


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = rows()
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data), "utf-8")
    print(f"wrote {len(data)} rows to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
