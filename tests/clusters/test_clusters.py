"""Near-duplicate clusters, coordination scoring and 引流 rings (qinglang/clusters)."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from qinglang.clusters import ClusterTracker, ClusterWindow, Post, TrackerConfig, WindowConfig
from qinglang.clusters.batch import cluster_items
from qinglang.clusters.minhash import MinHasher, canonical_key
from qinglang.clusters.report import render
from qinglang.model import Content
from qinglang.text.normalize import default_normalizer

CN = dt.timezone(dt.timedelta(hours=8))
T0 = dt.datetime(2026, 2, 1, 20, 0, tzinfo=CN)


def iso(t: dt.datetime) -> str:
    return t.isoformat(timespec="seconds")


def campaign(n: int = 40, *, thread: str | None = "t-1") -> list[dict]:
    """A paid 控评 campaign: fresh accounts registered together, template variants, cloaking, ten minutes."""
    rng = random.Random(7)
    endings = ["", "！", "👍", "～", "顶"]
    out = []
    for k in range(n):
        acc = f"fresh{k % (n // 2)}"
        text = rng.choice(["支持国货，已下单", "支持国货 已经下单", "支持国货，刚下单", "支 持 国 货，已下单"])
        out.append({"id": f"c{k}", "text": text + rng.choice(endings), "thread_id": thread,
                    "created_at": iso(T0 + dt.timedelta(seconds=15 * k)),
                    "author": {"id": acc, "created_at": iso(T0 - dt.timedelta(days=3, hours=k % 5))}})
    return out


def greetings(n: int = 60) -> list[dict]:
    """Unrelated, mostly old accounts posting 新年快乐 around midnight, in many threads."""
    rng = random.Random(3)
    out = []
    for k in range(n):
        age = 10 ** rng.uniform(1.5, 3.5)
        out.append({"id": f"g{k}", "text": rng.choice(["新年快乐", "新年快乐！", "祝大家新年快乐", "新年快乐🎉"]),
                    "thread_id": f"t-{rng.randrange(500)}",
                    "created_at": iso(T0 + dt.timedelta(seconds=rng.gauss(0, 900))),
                    "author": {"id": f"old{k}", "created_at": iso(T0 - dt.timedelta(days=age))}})
    return out


def organic(n: int = 50) -> list[dict]:
    rng = random.Random(5)
    words = list("今天天气不错我们去公园散步吧晚上吃火锅看电影读书写字跑步游泳听音乐")
    return [{"id": f"o{k}", "text": "".join(rng.sample(words, 12)), "created_at": iso(T0 + dt.timedelta(minutes=k)),
             "author": {"id": f"user{k}", "created_at": "2019-05-01T00:00:00+08:00"}} for k in range(n)]


def test_canonical_key_folds_cloaks_and_drops_punctuation() -> None:
    norm = default_normalizer()
    plain = canonical_key(norm.normalize("支持国货，已下单！").text)
    cloaked = canonical_key(norm.normalize("支 持 国 貨，已下单 👍").text)
    assert plain == "支持国货已下单"
    assert cloaked == plain


def test_minhash_similarity_tracks_jaccard() -> None:
    h = MinHasher(num_perm=128, bands=16, shingle=2)
    a, b, c = "支持国货已下单真不错", "支持国货已下单真好", "今天天气很好去公园"
    assert h.similarity(h.signature(a), h.signature(a)) == 1.0
    assert h.similarity(h.signature(a), h.signature(b)) > 0.5
    assert h.similarity(h.signature(a), h.signature(c)) < 0.1
    assert (h.band_keys(h.signature(a)) == h.band_keys(h.signature(a))).all()


def test_window_links_near_duplicates_and_not_unrelated_posts() -> None:
    w = ClusterWindow(WindowConfig(capacity=1000, window_s=3600))
    t = T0.timestamp()
    assert w.observe(Post("p1", "u1", t, "支持国货已下单"))[0] is None
    st, _ = w.observe(Post("p2", "u2", t + 1, "支持国货已下单啦"))
    assert st is not None and st.size == 2 and set(st.accounts) == {"u1", "u2"}
    assert w.observe(Post("p3", "u3", t + 2, "今天天气很好去公园散步"))[0] is None
    # outside the time window: no link
    assert w.observe(Post("p4", "u4", t + 7200, "支持国货已下单啦"))[0] is None


def test_window_memory_is_fixed_and_ring_evicts() -> None:
    w = ClusterWindow(WindowConfig(capacity=64, window_s=10**9, sweep_every=16))
    before = w.memory_bytes()
    rng = random.Random(1)
    for k in range(2000):
        w.observe(Post(f"p{k}", f"u{k % 300}", float(k), "".join(rng.sample("天地玄黄宇宙洪荒日月盈昃辰宿列张", 8))))
    assert w.memory_bytes() == before
    assert len(w.accounts) <= w.config.max_accounts
    # a post that only matches one pushed out of the ring finds nothing
    w2 = ClusterWindow(WindowConfig(capacity=16, window_s=10**9))
    w2.observe(Post("first", "a", 0.0, "独一无二的一句话在这里"))
    for k in range(40):
        w2.observe(Post(f"f{k}", "b", 1.0 + k, f"填充内容第{k}条不同的文字{k * 7919}"))
    assert w2.observe(Post("again", "c", 100.0, "独一无二的一句话在这里"))[0] is None


def test_cluster_states_are_bounded_by_the_ring_and_by_max_clusters() -> None:
    rng = random.Random(4)
    hanzi = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈"

    def pairs(w: ClusterWindow, n: int) -> None:  # n distinct texts, each posted twice: n two-member clusters
        for k in range(n):
            text = "".join(rng.sample(hanzi, 12))
            w.observe(Post(f"a{k}", f"u{k}", float(2 * k), text))
            w.observe(Post(f"b{k}", f"v{k}", float(2 * k + 1), text))

    # the time window never ends (10^9 s): clusters follow the ring, not the clock
    ring = ClusterWindow(WindowConfig(capacity=256, window_s=10**9, sweep_every=64, max_clusters=10**6))
    pairs(ring, 3000)
    assert ring._seq == 6000 and len(ring.clusters) <= 128 + 64  # live ones, plus at most a sweep's worth
    ring.sweep()
    assert all(st.last_seq >= ring._seq - 256 for st in ring.clusters.values())
    assert len(ring._parent) <= len(ring.clusters)
    # a cluster whose members are still in the ring survives and keeps growing
    ring.observe(Post("x1", "w1", 6000.0, "支持国货已下单真不错"))
    ring.observe(Post("x2", "w2", 6001.0, "支持国货已下单真不错"))
    pairs(ring, 50)
    st, _ = ring.observe(Post("x3", "w3", 6200.0, "支持国货已下单真不错"))
    assert st is not None and st.size == 3

    # the count bound: the least recently joined cluster states go first
    capped = ClusterWindow(WindowConfig(capacity=100_000, window_s=10**9, max_clusters=40))
    pairs(capped, 500)
    assert len(capped.clusters) == 40 and capped.state_counts()["clusters"] == 40
    assert min(capped.clusters) > 400  # the newest ones


def test_campaign_is_water_army_with_evidence() -> None:
    tracker = ClusterTracker(TrackerConfig(window=WindowConfig(capacity=1000)))
    last = None
    for raw in campaign():
        last = tracker.observe(Content.from_json(raw))
    assert last is not None and last.cluster is not None
    sig = next(s for s in last.signals if s.label == "water_army")
    assert sig.rule == "cluster.control_comments" and sig.score >= 0.5
    ev = sig.evidence[0]
    assert ev.field == "text" and ev.value == f"cluster:{ev.detail['cluster']}"
    d = ev.detail
    assert d["size"] == 40 and d["accounts"] == 20 and len(d["members"]) == 3
    assert d["account_age_days"]["max"] < 5 and d["first_seen"] < d["last_seen"]
    assert ev.to_json()["detail"]["cluster"] == d["cluster"]


def test_greetings_and_organic_text_are_not_campaigns() -> None:
    tracker = ClusterTracker(TrackerConfig(window=WindowConfig(capacity=1000)))
    labels = set()
    for raw in sorted(greetings() + organic(), key=lambda r: r["created_at"]):
        obs = tracker.observe(Content.from_json(raw))
        assert not [s for s in obs.signals if s.label == "water_army"], raw
        if obs.cluster:
            labels.add(obs.cluster["label"])
    assert "look_alike" in labels  # the greetings did cluster: text alike, no coordination


def test_drainage_ring_lists_accounts() -> None:
    from qinglang.detectors.base import Views

    norm = default_normalizer()
    tracker = ClusterTracker(TrackerConfig(window=WindowConfig(capacity=1000)), norm)
    texts = ["兼职日结，加薇 abc_777 详聊", "想赚零花钱的看过来 abc_777", "有意者 abc_777", "私我 abc_777 带你"]
    obs = None
    for k, text in enumerate(texts):
        c = Content.from_json({"id": f"r{k}", "text": text, "created_at": iso(T0 + dt.timedelta(minutes=k)),
                               "author": {"id": f"new{k}", "created_at": iso(T0 - dt.timedelta(days=1))}})
        obs = tracker.observe(c, views=Views.build(c, norm))
    assert obs is not None
    ring = next(s for s in obs.signals if s.label == "drainage")
    assert ring.rule == "cluster.ring.wechat" and ring.evidence[0].value == "wechat:abc_777"
    assert ring.evidence[0].detail["accounts"] == ["new0", "new1", "new2", "new3"]


def test_young_account_burst_flag() -> None:
    tracker = ClusterTracker(TrackerConfig(window=WindowConfig(capacity=1000), burst_posts=5))
    obs = None
    for k in range(6):
        obs = tracker.observe(Content.from_json({
            "id": f"b{k}", "text": f"第{k}条完全不同的内容{k * 31}", "created_at": iso(T0 + dt.timedelta(minutes=k)),
            "author": {"id": "newbie", "created_at": iso(T0 - dt.timedelta(days=2))}}))
    assert obs is not None and "young_burst" in obs.account_flags


def test_batch_records_and_report() -> None:
    items = campaign() + greetings() + organic() + [{"id": "bad", "text": "no time"}, {"oops": 1}]
    res = cluster_items(items)
    assert res.items == 150 and len(res.errors) == 2
    army = [c for c in res.clusters if c["label"] == "water_army"]
    assert len(army) == 1 and sorted(army[0]["members"]) == sorted(f"c{k}" for k in range(40))
    assert army[0]["span"]["seconds"] == 15 * 39 and len(army[0]["accounts"]) == 20
    assert all(c["label"] != "water_army" for c in res.clusters if c["members"][0].startswith("g"))
    page = render(res)
    assert "<svg" in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert army[0]["cluster"] in page


def test_signature_of_empty_key_is_defined() -> None:
    h = MinHasher()
    assert h.signature("").shape == (32,) and h.signature("").dtype == np.uint32
