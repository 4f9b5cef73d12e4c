"""Room state (qinglang/live/room.py): reassembled contacts, host claims, bursts, refusals, bounds, eviction."""

from __future__ import annotations

import pytest

from qinglang.errors import InvalidContent
from qinglang.live.messages import RANK
from qinglang.live.room import Room, RoomManager

HOST = {"id": "h-1", "role": "host"}


def viewer(i: int) -> dict[str, str]:
    return {"id": f"u-{i}", "role": "viewer"}


def feed(m: RoomManager, room_id: str, msgs: list[tuple[str, dict[str, str], str]]) -> list[dict]:
    return [m.observe(room_id, {"id": f"m{i}", "kind": kind, "text": text, "author": author,
                                "ts": "2024-07-14T20:20:00+08:00"})
            for i, (kind, author, text) in enumerate(msgs)]


@pytest.fixture
def manager(engine) -> RoomManager:
    return RoomManager(engine)


def test_contact_spelled_over_bullets_by_several_viewers_is_reassembled(manager):
    frames = feed(manager, "r1", [("bullet", viewer(i), t) for i, t in
                                  enumerate(["想要皮肤的看过来", "薇", "信", "搜", "y x", "8 8 6", "0 2 7"])])
    assert all(f["action"] in ("pass", "label", "limit", "review") for f in frames)
    room = manager.get("r1")
    assert frames[-1]["room"]["action"] != "none"
    assert "drainage" in frames[-1]["room"]["reasons"]
    assert any(e.cue.startswith("reassembled:crowd:contact.") for e in room.timeline)


def test_host_phone_number_over_transcript_segments_is_reassembled(manager):
    feed(manager, "r2", [("transcript", HOST, "你们记一下 第一个字 是 微笑的微 第二个字 信任的信"),
                         ("transcript", HOST, "号码 幺三八"), ("transcript", HOST, "零零四七 五五九二")])
    room = manager.get("r2")
    assert any(e.cue.startswith("reassembled:author:contact.") and e.label == "drainage" for e in room.timeline)
    assert room.action in ("review", "end")


def test_repeated_host_efficacy_claims_escalate_the_room(manager):
    claims = ["这个茶喝三个月 糖尿病能停药", "我有个患者 喝了以后胰岛素减掉了", "有效率百分之九十八 无效全额退款",
              "肺癌晚期 贴了我们这个肿瘤消失了"]
    frames = feed(manager, "r3", [("transcript", HOST, t) for t in claims])
    assert frames[0]["room"]["action"] == "none"  # one claim alone is not a room action
    assert frames[-1]["room"]["action"] in ("review", "end")
    assert "false_ad" in frames[-1]["room"]["reasons"]
    risks = [f["room"]["risk"] for f in frames]
    assert risks == sorted(risks) and risks[-1] > 0.5


def test_host_refusing_and_debunking_does_not_count(manager):
    frames = feed(manager, "r4", [("transcript", HOST, "先说结论 酸性体质致癌这个说法是错的"),
                                  ("transcript", HOST, "碱性水改变不了血液的ph值 喝什么水都一样"),
                                  ("transcript", HOST, "蜂蜜不降血糖 糖尿病人不能停药"),
                                  ("transcript", HOST, "小朋友不要刷礼物 一分钱都别刷")])
    assert frames[-1]["room"]["action"] == "none"


def test_burst_of_sexual_requests_with_gift_for_show_cuts_late_night_paid_room_to_review(manager):
    # session 14: a vulgar performance is held for review, not ended (verdict.py `ceiling`: `end` is for clear porn
    # or gambling; the room sets' writers expected review for such rooms)
    manager.room("r5", {"paid": True, "category": "聊天", "host": {"id": "h-1"}})
    msgs = [("bullet", viewer(1), "给看看"), ("bullet", viewer(2), "转个身"), ("bullet", viewer(3), "弯个腰"),
            ("transcript", HOST, "想看啊 刷了再说"), ("transcript", HOST, "哥哥们好坏哦 弯腰捡个东西 走光了"),
            ("bullet", viewer(4), "没穿"), ("transcript", HOST, "刷个火箭给你看一下")]
    frames = [manager.observe("r5", {"id": f"m{i}", "kind": k, "text": t, "author": a,
                                     "ts": "2024-10-19T01:05:00+08:00"}) for i, (k, a, t) in enumerate(msgs)]
    assert frames[-1]["room"]["action"] == "review"
    assert frames[-1]["room"]["reasons"][0] == "vulgar"


def test_tipping_pressure_weighs_more_with_minors_in_the_audience(manager):
    host_lines = ["刷个嘉年华 上车上车", "榜一 还差一个火箭就反超了", "不够不够 能上的都上"]
    feed(manager, "adults", [("transcript", HOST, t) for t in host_lines])
    feed(manager, "kids", [("bullet", viewer(1), "我十一岁"), *[("transcript", HOST, t) for t in host_lines]])
    assert manager.get("kids").labels["minors_harm"] > manager.get("adults").labels["minors_harm"]
    assert manager.get("adults").action == "none"


def test_malformed_messages_raise_typed_errors(manager):
    for bad in ([], {"kind": "bullet"}, {"id": "a", "kind": "song"}, {"id": "a", "text": 3},
                {"id": "a", "ts": "yesterday"}, {"id": "a", "author": {"role": "king"}}):
        with pytest.raises(InvalidContent):
            manager.observe("r6", bad)
    with pytest.raises(InvalidContent):
        manager.room("r6", {"viewer_minor_share": 7})


def test_a_room_moderator_is_accepted_and_read_as_a_viewer(manager):
    """房管 (session 22): both fresh sets' writers gave the room's moderator a role of its own; the contract took only
    host, viewer and guest and refused the whole replay. A moderator's message is read as a viewer's: their words
    are scored, nothing that trusts the host's speech trusts them."""
    from qinglang.live.messages import Message

    mod = {"id": "u-9", "role": "moderator"}
    assert Message.from_json({"id": "m1", "text": "禁止发联系方式", "author": mod}).role == "viewer"
    feed(manager, "mods", [("bullet", mod, "加我微信 abc12345 看福利")])
    room = manager.get("mods")
    assert room is not None and room.labels.get("drainage", 0) > 0


def test_room_memory_is_bounded(manager):
    many = [("bullet", viewer(i), f"弹幕{i}") for i in range(Room.MAX_AUTHORS + 50)]
    feed(manager, "r7", many * 3)
    room = manager.get("r7")
    assert len(room.fragments) <= Room.MAX_AUTHORS
    assert all(len(f) <= Room.FRAGMENTS for f in room.fragments.values())
    assert len(room.timeline) <= room.timeline.maxlen and len(room.history) <= room.history.maxlen
    assert len(room.crowd) <= room.crowd.maxlen


def test_idle_rooms_are_evicted_and_a_reconnect_within_the_horizon_resumes(engine):
    now = [0.0]
    m = RoomManager(engine, idle_seconds=60, clock=lambda: now[0])
    feed(m, "keep", [("transcript", HOST, "这个茶喝三个月 糖尿病能停药")])
    feed(m, "idle", [("bullet", viewer(1), "晚上好")])
    before = m.get("keep").labels["false_ad"]
    now[0] = 50.0
    m.room("keep")  # reconnect within the horizon: same state
    assert m.get("keep").labels["false_ad"] == before and m.get("keep").seq == 1
    now[0] = 100.0
    m.room("other")
    assert m.get("idle") is None and m.get("keep") is not None and m.evicted == 1
    now[0] = 200.0
    m.room("keep2")
    assert m.get("keep") is None


def test_room_table_is_capped(engine):
    m = RoomManager(engine, max_rooms=5)
    for i in range(12):
        m.room(f"r{i}")
    assert len(m) == 5 and m.get("r11") is not None and m.get("r0") is None


def late(manager: RoomManager, room_id: str, msgs: list[tuple[str, dict[str, str], str]],
         ts: str = "2024-10-19T01:30:00+08:00") -> list[dict]:
    return [manager.observe(room_id, {"id": f"m{i}", "kind": k, "text": t, "author": a, "ts": ts})
            for i, (k, a, t) in enumerate(msgs)]


def test_hardship_story_with_gift_solicitation_is_a_staged_plea(manager):
    story = [("transcript", HOST, "家里遭了水灾 房子都塌了 孩子下学期的学费也没了"),
             ("bullet", viewer(1), "心疼"), ("bullet", viewer(2), "加油")]
    plea = [("transcript", HOST, "家人们帮帮我们 送个玫瑰也是心意 今晚的礼物都拿去修房子"),
            ("transcript", HOST, "还差八千 能帮的帮一下 刷一个小心心也是帮")]
    frames = feed(manager, "plea", story + plea)
    assert frames[-1]["room"]["action"] != "none" and "staged" in frames[-1]["room"]["reasons"]
    assert any(e.cue == "combo:staged_plea" for e in manager.get("plea").timeline)
    # the same story told without asking for gifts, and gift thanks without a story, are not a room action
    assert feed(manager, "story", story * 3)[-1]["room"]["action"] == "none"
    thanks = [("transcript", HOST, "谢谢大哥的火箭 刷一个小心心就够了 大家量力")]
    assert feed(manager, "thanks", thanks * 2)[-1]["room"]["action"] == "none"


def test_dating_show_asking_for_fees_and_deposits_is_acted_on(manager):
    manager.room("date", {"category": "相亲"})
    frames = feed(manager, "date", [
        ("transcript", HOST, "这位姐姐五十二 丧偶 退休教师 想找个老伴"),
        ("bullet", viewer(1), "我报名"),
        ("transcript", HOST, "想认识的大哥 先交个八百的报名费 名额就三个"),
        ("transcript", HOST, "交了定金的我安排线下见面 今晚截止")])
    assert frames[-1]["room"]["action"] != "none" and "staged" in frames[-1]["room"]["reasons"]


def test_host_explaining_scam_scripts_is_not_acted_on(manager):
    frames = feed(manager, "antiscam", [
        ("transcript", HOST, "今天讲几种常见的诈骗话术 大家提高警惕"),
        ("transcript", HOST, "他们会说 看我简介 一比一上分下分 首充还送 带你回血"),
        ("transcript", HOST, "还有人把微信拆开发 一条发个薇 一条发个信 再发几个数字"),
        ("transcript", HOST, "寂寞了看我主页 这种多半是裸聊敲诈 一定要报警")])
    assert frames[-1]["room"]["action"] == "none"


def test_moaning_segments_for_gifts_in_a_late_night_paid_room(manager):
    manager.room("asmr", {"paid": True, "category": "助眠"})
    frames = late(manager, "asmr", [
        ("transcript", HOST, "嗯 啊 嗯 哈 啊"), ("bullet", viewer(1), "继续"),
        ("transcript", HOST, "想听完整的 再送个火箭 我叫给你听"),
        ("transcript", HOST, "啊 嗯 嗯 啊 啊 哼")])
    assert frames[-1]["room"]["action"] in ("review", "end") and frames[-1]["room"]["reasons"][0] == "vulgar"


def test_pk_insults_and_shaming_the_audience_for_gifts(manager):
    frames = feed(manager, "pk", [
        ("transcript", HOST, "对面那个废物 你全家都没钱"),
        ("transcript", {"id": "g-1", "role": "guest"}, "你才是要饭的 滚回去吧"),
        ("transcript", HOST, "兄弟们 谁不上谁就不是我兄弟 火箭给我砸"),
        ("transcript", HOST, "爸妈给的零花钱也行 今天豁出去了")])
    assert frames[-1]["room"]["action"] in ("review", "end")
    assert {"abuse", "minors_harm"} <= set(frames[-1]["room"]["reasons"])


def test_viewer_accusations_alone_do_not_act(manager):
    frames = feed(manager, "accuse", [("bullet", viewer(i), t) for i, t in
                                      enumerate(["摆拍吧", "演的", "举报了", "骗子", "假的"] * 3)])
    assert frames[-1]["room"]["action"] == "none"


def test_decision_cache_gives_the_frames_of_a_fresh_engine_run(engine):
    cached, fresh = RoomManager(engine), RoomManager(engine, decision_cache=0)
    msgs = [("bullet", viewer(i % 3), t) for i, t in enumerate(["666", "主播晚上好", "给看看", "666", "转个身",
                                                                "主播晚上好", "给看看", "加我v看主页"] * 3)]
    for m in (cached, fresh):
        m.room("c", {"paid": True})
    a = late(cached, "c", msgs)
    b = late(fresh, "c", msgs)
    assert a == b
    assert cached.cache_hits >= len(msgs) - 8 and fresh.cache_hits == 0
    # the hour of a paid room is part of the key: the same text at 21:00 and 01:30 is decided apart
    cached.room("d", {"paid": True})
    late(cached, "d", [("bullet", viewer(1), "晚上好呀")], ts="2024-10-19T21:00:00+08:00")
    misses = cached.cache_misses
    late(cached, "d", [("bullet", viewer(1), "晚上好呀")], ts="2024-10-19T01:30:00+08:00")
    assert cached.cache_misses == misses + 1
    assert len(cached._decisions) <= cached.cache_size


def test_domain_spelled_over_bullets_by_one_viewer_is_reassembled(manager):
    bits = ["w", "i n", "8 8", "点 v", "i p"]
    feed(manager, "r-url", [("bullet", {"id": "u-9", "role": "viewer"}, t) for t in bits])
    room = manager.get("r-url")
    assert any(e.cue.endswith("contact.url.spelled") and e.label == "drainage" for e in room.timeline)
    assert room.action in ("review", "end")


def test_a_domain_typed_whole_in_one_bullet_is_not_a_spelled_contact():
    from qinglang.live.spelled import spelled_domain as _spelled_domain

    assert _spelled_domain("官网 www.gov.cn 查") is None
    assert _spelled_domain("点 个 关注") is None


def test_sports_betting_tips_with_a_deposit_bonus_reach_review(manager):
    frames = feed(manager, "r-bet", [
        ("transcript", HOST, "今晚客队受让半球，跟的兄弟自己把握，不构成建议"),
        ("bullet", viewer(1), "上一把单子黑了"),
        ("transcript", HOST, "那个平台新人首充送五十，输了还能返水"),
        ("transcript", HOST, "下半场我看小，二点五，跟单的去群里"),
    ])
    assert RANK[frames[-1]["room"]["action"]] >= RANK["review"]
    assert "gambling" in frames[-1]["room"]["reasons"]


def test_match_commentary_alone_is_not_gambling(manager):
    frames = feed(manager, "r-ball", [
        ("transcript", HOST, "主队这个反击打得漂亮，边路传中，头球！"),
        ("transcript", HOST, "下半场看看教练怎么调整，中场要多拿球"),
        ("bullet", viewer(1), "好球"),
    ])
    assert frames[-1]["room"]["action"] == "none"


def test_hardship_story_sold_through_the_product_link_is_staged(manager):
    frames = feed(manager, "r-plea", [
        ("transcript", HOST, "老伴前年走了，我这腰也摔伤了，家里就靠这点地"),
        ("transcript", HOST, "来，灯再往右打一点，大爷你擦一下眼泪"),
        ("transcript", HOST, "大家每一单都是帮大爷凑药钱，三号链接最后一百单"),
    ])
    assert frames[-1]["room"]["action"] != "none"
    assert "staged" in frames[-1]["room"]["reasons"]


def test_pk_pressure_on_a_young_audience_reaches_review(manager):
    manager.room("r-pk", {"viewer_minor_share": 0.35})
    frames = feed(manager, "r-pk", [
        ("transcript", HOST, "输的人跪着学三声狗叫"),
        ("transcript", HOST, "粉丝团的家人们都给我冲起来，一个玫瑰也是心意，你们不刷就是看着我挨罚"),
        ("bullet", viewer(2), "我才五年级，压岁钱全刷了"),
        ("transcript", HOST, "看见没，小学生都刷了，大人们呢"),
    ])
    assert RANK[frames[-1]["room"]["action"]] >= RANK["review"]
    assert "minors_harm" in frames[-1]["room"]["reasons"]


def test_disclaimer_after_a_move_does_not_cancel_it_but_a_refusal_in_its_clause_does(manager):
    said = feed(manager, "r-clause-a", [("transcript", HOST, "主队让一球，上车的自己把握，别说我没提醒")])
    refused = feed(manager, "r-clause-b", [("transcript", HOST, "不带单，不给方向，也别问我让球盘口")])
    assert manager.get("r-clause-a").labels.get("gambling", 0) > 0
    assert manager.get("r-clause-b").labels.get("gambling", 0) == 0
    assert said[-1]["room"]["action"] == refused[-1]["room"]["action"] == "none"


def test_saying_it_cannot_be_said_here_is_evasion_not_refusal(manager):
    feed(manager, "r-evade", [("transcript", HOST, "这个不能在这说，说了就会被封，懂的都懂")])
    assert manager.get("r-evade").labels.get("vulgar", 0) > 0


def test_host_telling_young_viewers_not_to_tip_is_not_solicitation(manager):
    manager.room("r-kids", {"viewer_minor_share": 0.4})
    frames = feed(manager, "r-kids", [("transcript", HOST, "学生党，千万别刷，留着买文具"),
                                      ("transcript", HOST, "小朋友们，不要刷礼物哦，陪我聊天就好"),
                                      ("transcript", HOST, "我不给推荐单，也不聊盘口，就看球")])
    assert frames[-1]["room"]["action"] == "none"
    assert not manager.get("r-kids").labels


INNOCENT_ROOMS = {
    "anti-scam talk": [(HOST, "今天讲讲直播间常见的骗局，有人说充一百送一百、输了返水，这都是赌博网站的话术"),
                       (HOST, "还有卖惨带货，什么奶奶采蜂蜜供孙子上学，很多都是摆拍，大家别上当"),
                       (viewer(1), "我妈就被骗过"), (HOST, "看到弹幕里一个字一个字打微信号的，直接举报"),
                       (HOST, "未成年人打赏可以申请退款，家长看好手机")],
    "real doctor": [(HOST, "我是三甲医院心内科的李主任，今天聊高血压"), (HOST, "降压药不能自己停，停药血压反弹很危险"),
                    (viewer(1), "喝芹菜汁能降压吗"), (HOST, "不能，芹菜汁降不了血压，别信那些说法"),
                    (HOST, "有问题去医院挂号，直播间不卖任何东西")],
    "friendly pk": [(HOST, "兄弟们PK开始了，输了的做二十个俯卧撑"), (viewer(1), "冲冲冲"),
                    (HOST, "哈哈你这歌唱得跑调了老哥，回家练练吧"), (HOST, "大家看个热闹就行，礼物量力而行，学生别刷"),
                    (viewer(2), "哈哈哈对面好菜"), (HOST, "输了输了，我认罚，俯卧撑来")],
    "verified dating": [(HOST, "欢迎来到官方认证的婚恋直播，嘉宾都实名认证"),
                        (HOST, "本直播间不收任何费用，有人私下找你收钱就是骗子"),
                        (HOST, "两位嘉宾可以通过平台站内信交流"), (viewer(1), "祝福"), (HOST, "想报名请走官方小程序")],
    "honest farmer": [(HOST, "我们家果园今年收成一般，下了冰雹，有些果子有疤"),
                      (HOST, "有疤的便宜卖，二号链接，介意的别拍"),
                      (HOST, "不是卖惨哈，就是实话实说"), (viewer(1), "支持一下")],
    "match commentary": [(HOST, "今晚这场主队状态很好，客队防守有问题"),
                         (HOST, "上半场一比零，下半场看看客队怎么调整"),
                         (viewer(1), "好球"), (HOST, "这个进球太漂亮了，兄弟们觉得谁能赢"), (viewer(2), "主队必胜")],
}


@pytest.mark.parametrize("name", sorted(INNOCENT_ROOMS))
def test_innocent_room_classes_get_no_room_action(manager, name):
    msgs = [("transcript" if a["role"] == "host" else "bullet", a, t) for a, t in INNOCENT_ROOMS[name]]
    frames = feed(manager, name, msgs)
    assert [f["room"]["action"] for f in frames] == ["none"] * len(frames)


def test_sales_count_boasted_then_rigged_by_the_crew_on_air(manager):
    frames = feed(manager, "r-count", [
        ("transcript", HOST, "家人们看，这款已售五万单了，马上破六万"),
        ("bullet", viewer(1), "真的假的"),
        ("transcript", HOST, "场控，把销量再往上调一点，调到六万"),
    ])
    assert "water_army" in frames[-1]["room"]["reasons"]
    assert frames[-1]["room"]["action"] != "none"
    cheer = feed(manager, "r-likes", [("transcript", HOST, "大家把点赞加到一万，我们就抽奖")])
    assert cheer[-1]["room"]["action"] == "none" and not manager.get("r-likes").labels


def test_a_fee_pairs_once_with_the_dating_show_around_it(manager):
    manager.room("fee-once", {"category": "婚恋"})
    feed(manager, "fee-once", [("transcript", HOST, "报名的朋友先交资料费，工作人员会联系你"),
                               *[("transcript", HOST, f"第{i}位嘉宾上台，来自本市，想找个另一半") for i in range(4)]])
    combos = [e for e in manager.get("fee-once").timeline if e.cue == "combo:dating_money"]
    assert len(combos) == 1  # the later 嘉宾 lines do not pair the same fee again


def test_gifts_sold_as_access_to_the_guests_of_a_dating_show(manager):
    manager.room("access", {"category": "交友"})
    frames = feed(manager, "access", [
        ("transcript", HOST, "这位妹妹二十九岁，自己开花店，想找个踏实的男朋友"),
        ("bullet", viewer(1), "好看"),
        ("transcript", HOST, "想和妹妹视频聊的大哥，上个嘉年华，我帮你排上"),
        ("gift", viewer(2), "送出 嘉年华 x1"),
        ("transcript", HOST, "送了守护的，我把她微信推给你"),
        ("transcript", HOST, "线下见面的餐位费一人两百，现场交"),
    ])
    assert frames[-1]["room"]["action"] != "none" and "staged" in frames[-1]["room"]["reasons"]
    assert any(e.cue == "combo:dating_access" for e in manager.get("access").timeline)


def test_steering_the_audience_away_from_medical_care(manager):
    manager.room("care", {"category": "健康"})
    frames = feed(manager, "care", [
        ("transcript", HOST, "用我们这个膏药就不用开刀了，腰椎间盘突出贴三贴"),
        ("bullet", viewer(1), "医院让我手术"),
        ("transcript", HOST, "先别去医院做手术，医院就想把你腰给切了"),
        ("transcript", HOST, "降压药也别再吃了，是药把你的血管吃坏了"),
    ])
    assert frames[-1]["room"]["action"] != "none" and "false_science" in frames[-1]["room"]["reasons"]
    doctor = feed(manager, "doctor", [("transcript", HOST, "降压药不能自己停，要不要调整听医生的"),
                                      ("transcript", HOST, "有没有必要手术，要看片子和症状，别听直播间说贴膏药就好")])
    assert doctor[-1]["room"]["action"] == "none"


def test_laughter_is_not_moaning():
    from qinglang.live.cues import is_moan

    assert not is_moan("哈哈哈哈哈哈笑死")
    assert not is_moan("哈哈哈哈唱吧唱吧")
    assert is_moan("嗯……啊……嗯嗯啊")


def test_viewer_requests_after_the_host_rebuked_them_do_not_count(manager):
    msgs = [("transcript", HOST, "这是读书直播，低俗的要求一律不理，再说就拉黑")]
    msgs += [("bullet", viewer(i), t) for i, t in enumerate(["转个身", "给看看腿", "穿黑丝吧", "露一下", "弯个腰"] * 2)]
    frames = feed(manager, "rebuke", msgs)
    assert frames[-1]["room"]["action"] == "none"
    # the requests themselves do not count; ten viewers going on after the rebuke make one flood (below warn)
    assert [e.cue for e in manager.get("rebuke").timeline] == ["flood:viewers"]


def test_a_warning_about_impostors_is_a_debunk_not_a_fee(manager):
    manager.room("impostor", {"category": "相亲"})
    frames = feed(manager, "impostor", [
        ("transcript", HOST, "如果有人以我们的名义让你交保证金、见面费，那一定是假的"),
        *[("transcript", HOST, f"第{i}位嘉宾，想找个另一半，大家文明发言") for i in range(3)],
        ("transcript", HOST, "有人冒用我们栏目的旗号收会员费，请直接报警"),
    ])
    assert [f["room"]["action"] for f in frames] == ["none"] * len(frames)


def test_a_stream_framed_as_education_stays_framed_but_selling_ends_the_framing(manager):
    opening = [(HOST, "今天反诈课，讲讲直播间的骗局"), (HOST, "这些都是诈骗话术，大家提高警惕"),
               (HOST, "凡是让你先交钱的，一律是骗子")]
    chatter = [(viewer(i), "老师讲得好") for i in range(35)]  # longer than the debunking window
    quotes = [(HOST, "比如有人说充一百送一百，输了返水，回血老师带你上分"), (viewer(99), "我收到过"),
              (HOST, "还有人说加我微信，私下交易更便宜，进群领红包")]
    msgs = [("transcript" if a["role"] == "host" else "bullet", a, t) for a, t in opening + chatter + quotes]
    frames = feed(manager, "anti-fraud", msgs)
    assert frames[-1]["room"]["action"] == "none"
    quack = [(HOST, "外面那些保健品都是骗人的"), (HOST, "都是套路，智商税"), (HOST, "别上当，那些全是骗")]
    quack += [(HOST, "我们这个一号链接，库存不多，下单就送"), *chatter,
              (HOST, "喝三个月，糖尿病能停药，胰岛素减掉了"), (HOST, "有效率百分之九十八，包好，不反弹")]
    frames = feed(manager, "quack", [("transcript" if a["role"] == "host" else "bullet", a, t) for a, t in quack])
    assert frames[-1]["room"]["action"] != "none"


def test_poverty_performed_to_sell_is_staged(manager):
    frames = feed(manager, "poor", [
        ("transcript", HOST, "家人们，我们家太穷了，这件棉袄穿了六年，屋顶还漏雨"),
        ("bullet", viewer(1), "心疼"),
        ("transcript", HOST, "孩子的书包是捡来的，下单这个红薯干，每一单都是帮孩子买本书"),
        ("transcript", HOST, "五号链接，还有最后三百单"),
    ])
    assert frames[-1]["room"]["action"] != "none" and "staged" in frames[-1]["room"]["reasons"]


def test_everyday_danger_myths_from_the_host_add_up_and_their_debunking_does_not(manager):
    myths = feed(manager, "myth", [("transcript", HOST, t) for t in [
        "剩菜放进冰箱一晚上，吃了就会亚硝酸盐中毒", "天天用不粘锅炒菜，涂层吃进去迟早得癌症",
        "电热毯睡久了会不育，这些专家不会告诉你"]])
    assert myths[-1]["room"]["action"] != "none" and "false_science" in myths[-1]["room"]["reasons"]
    debunk = feed(manager, "debunk", [("transcript", HOST, t) for t in [
        "网上说微波炉加热的饭会致癌，这是谣言", "手机辐射导致脑瘤，没有科学依据", "隔夜水喝了中毒也是误区"]])
    assert debunk[-1]["room"]["action"] == "none"


def test_a_lesson_body_words_are_the_lesson_but_poses_for_gifts_are_not(manager):
    manager.room("yoga-class", {"category": "健身", "paid": True})
    lesson = feed(manager, "yoga-class", [("transcript", HOST, t) for t in [
        "今天练腰，弯腰的时候膝盖微屈", "扭腰转体，左右各十次", "这个动作再来一遍，注意呼吸",
        "身材管理靠坚持，不靠节食"]])
    assert lesson[-1]["room"]["action"] == "none"
    manager.room("yoga-tease", {"category": "健身"})
    tease = feed(manager, "yoga-tease", [
        ("transcript", HOST, "哥哥们想看这个动作吗，刷个嘉年华我就弯腰给你们看"),
        ("bullet", viewer(1), "刷了"),
        ("transcript", HOST, "镜头拉近一点，慢慢往下，你猜我手放在哪"),
        ("transcript", HOST, "再来一个火箭，下一个动作更好看，公开间不能太露，懂的都懂"),
    ])
    assert tease[-1]["room"]["action"] != "none" and "vulgar" in tease[-1]["room"]["reasons"]


def test_host_spelling_a_handle_over_five_short_segments_is_reassembled(manager):
    feed(manager, "host-spell", [("transcript", HOST, t) for t in ["薇", "信", "x i a o", "m e i", "8 8 6"]])
    room = manager.get("host-spell")
    assert any(e.cue.startswith("reassembled:author:contact.") for e in room.timeline)
    assert room.action in ("review", "end")


def test_announcing_that_moderation_is_away_is_evasion(manager):
    feed(manager, "no-mod", [("transcript", HOST, "这里没有审核，哥哥们放开聊"),
                             ("transcript", HOST, "平台不让说的，我拆开说")])
    assert [e.cue for e in manager.get("no-mod").timeline].count("evasion") == 2


# --- session 8 (live8): corroborated evidence before a room action ----------------------------------------------

def test_the_engines_hit_on_words_the_host_refused_counts_nothing(manager):
    frames = feed(manager, "refused-engine", [
        ("bullet", viewer(1), "这个茶能降血压吗"),
        ("transcript", HOST, "这是食品 别听别人说它能降血压 血压高要看医生"),
    ])
    assert manager.get("refused-engine").labels.get("false_ad", 0.0) == 0.0
    assert frames[-1]["room"]["action"] == "none"


def test_warning_about_impersonators_and_scams_frames_the_host_as_debunking(manager):
    manager.room("safe-dating", {"category": "婚恋"})
    frames = feed(manager, "safe-dating", [
        ("transcript", HOST, "今天第一位女嘉宾是幼儿园老师"),
        ("transcript", HOST, "私信里说能私下牵线、让你先交介绍费的，都不是我们的人"),
        ("transcript", HOST, "还有网上认识的人带你炒外汇、说有内部消息的，那是杀猪盘，赶紧报警"),
        ("transcript", HOST, "嘉宾愿意的话，我们在活动中心安排见面，不收任何费用"),
    ])
    room = manager.get("safe-dating")
    assert room.debunk_until >= room.seq
    assert frames[-1]["room"]["action"] == "none" and room.score < 1.0


def test_one_message_naming_several_moves_stays_below_a_room_action(manager):
    manager.room("one-line", {"category": "相亲"})
    frames = feed(manager, "one-line", [
        ("transcript", HOST, "想认识三号嘉宾的，刷个城堡就能牵手，再交两百见面费，下播私聊加微信"),
    ])
    assert manager.get("one-line").score >= manager.t.warn  # the line weighs what it names...
    assert frames[-1]["room"]["action"] == "none"  # ...but one message is one piece of evidence
    more = feed(manager, "one-line", [("bullet", viewer(1), "真的假的"),
                                      ("transcript", HOST, "会员一年三千八 包三次见面")])
    assert more[-1]["room"]["action"] != "none"  # a second message from the host corroborates it


def test_trash_talk_between_co_streamers_is_not_a_room_action(manager):
    manager.room("squad", {"category": "游戏"})
    frames = feed(manager, "squad", [
        ("transcript", HOST, "兄弟们 今晚带我发小上号上分"),
        ("transcript", {"id": "g-1", "role": "guest"}, "又送人头了 你个菜鸡"),
        ("transcript", HOST, "闭嘴 你才是废物"), ("bullet", viewer(1), "哈哈哈哈 笑死"),
        ("transcript", {"id": "g-1", "role": "guest"}, "去你的 这波算我的"), ("bullet", viewer(2), "兄弟情哈哈"),
        ("transcript", HOST, "行 下把你打野"),
    ])
    assert frames[-1]["room"]["action"] == "none"


def test_a_dating_shows_guest_lines_are_not_a_fake_dating_show(manager, engine):
    manager.room("matchmaking", {"category": "婚恋", "host": {"id": "h-1", "verified": True}})
    lines = [f"有请{n}号男嘉宾上麦" for n in "一二三四五六"] + ["女嘉宾有意向的 线下见面我们统一安排"]
    frames = feed(manager, "matchmaking", [("transcript", HOST, t) for t in lines])
    assert frames[-1]["room"]["action"] == "none"
    assert all("live.fake_dating" not in {lab["rule"] for lab in f["labels"]} for f in frames)


def test_one_viewers_contact_blocks_the_message_but_a_second_acts_on_the_room(manager):
    frames = feed(manager, "spam", [("bullet", viewer(1), "主播好"),
                                    ("bullet", viewer(2), "加我薇❤: abc12345 带你赚钱"),
                                    ("bullet", viewer(3), "哈哈"), ("bullet", viewer(4), "扣扣 3881267733 带你赚钱")])
    assert frames[1]["action"] == "block" and frames[1]["room"]["action"] == "none"
    assert frames[-1]["room"]["action"] != "none" and frames[-1]["room"]["reasons"][0] == "drainage"


def test_sob_story_sold_at_a_sacrifice_price_with_the_crew_directing_the_tears(manager):
    frames = feed(manager, "sob-farm", [
        ("transcript", HOST, "家里的房子一下雨就漏 老父亲腿摔伤了躺在床上"),
        ("transcript", HOST, "今年的土豆卖不出去 一大半烂在地里了"),
        ("transcript", HOST, "十斤只要二十九 亏本卖 就当帮帮我们"),
        ("bullet", viewer(1), "这个大爷我在别的直播间见过"),
        ("transcript", HOST, "二号机 给老人的手拍个特写"),
        ("transcript", HOST, "爸 再哭一下 对"),
    ])
    assert RANK[frames[-1]["room"]["action"]] >= RANK["limit"]
    assert frames[-1]["room"]["reasons"][0] == "staged"


def test_a_paid_queue_for_the_guests_and_a_private_chat_for_tippers_is_a_fake_dating_show(manager):
    manager.room("paid-queue", {"category": "交友"})
    frames = feed(manager, "paid-queue", [
        ("transcript", HOST, "今晚的女嘉宾都单身 想跟她连麦的 先开通守护 前三名优先上麦"),
        ("transcript", {"id": "g-1", "role": "guest"}, "送了礼物的哥哥 下播私聊"),
        ("bullet", viewer(1), "真的假的"),
        ("transcript", HOST, "送个真爱城堡 就能牵手 交换联系方式"),
    ])
    assert frames[-1]["room"]["action"] != "none" and "staged" in frames[-1]["room"]["reasons"]


def test_a_dance_lesson_in_any_category_and_kneading_dough_are_not_tease(manager):
    manager.room("square-dance", {"category": "舞蹈"})
    dance = feed(manager, "square-dance", [("transcript", HOST, t) for t in [
        "阿姨们跟着我跳 今天学新舞步", "左脚往前 扭一扭", "腰放松 扭腰 转个身", "再来一遍 慢一点",
        "手举起来 往下 再往下 蹲低一点", "膝盖不好就别蹲 站着扭一扭也行", "好 再扭腰 注意节拍"]])
    assert dance[-1]["room"]["action"] == "none"
    bread = feed(manager, "bread", [("transcript", HOST, t) for t in [
        "面粉加酵母 开始揉面", "揉到表面光滑 手揉累了歇会再揉", "揉好了盖上保鲜膜", "发好了再揉一遍 排气"]])
    assert bread[-1]["room"]["action"] == "none" and manager.get("bread").score == 0


def test_thanking_the_top_tipper_is_not_tipping_pressure(manager):
    frames = feed(manager, "thanks", [("transcript", HOST, t) for t in [
        "谢谢榜一大哥的嘉年华", "感谢上榜的哥哥们", "谢谢榜一 下一首唱老歌", "不刷也没关系 听歌开心就好"]])
    assert manager.get("thanks").labels.get("minors_harm", 0.0) == 0.0
    assert frames[-1]["room"]["action"] == "none"


def test_a_game_streams_healing_win_rate_and_first_top_up_are_not_gambling(manager):
    manager.room("moba", {"category": "游戏"})
    frames = feed(manager, "moba", [("transcript", HOST, t) for t in [
        "这个英雄现在胜率很高 版本强势", "残血了 先回城回血", "这波带线 回血再上", "这个装备回血很快",
        "打完这把看看排位胜率"]])
    assert manager.get("moba").labels.get("gambling", 0.0) == 0.0 and frames[-1]["room"]["action"] == "none"


def test_a_hardship_plea_paid_by_transfer_is_staged_but_a_charity_pointing_to_the_platform_is_not(manager):
    fake = feed(manager, "plea-transfer", [("transcript", HOST, t) for t in [
        "山里的孩子冬天没有棉衣 有个娃爸妈都走了 跟着奶奶", "大家捐多少都是心意 扫我屏幕上的收款码",
        "学费还差三千 转给我 我统一买", "平台太慢 孩子等不起 直接转账最快"]])
    assert fake[-1]["room"]["action"] != "none" and fake[-1]["room"]["reasons"][0] == "staged"
    real = feed(manager, "charity", [("transcript", HOST, t) for t in [
        "我们是基金会的志愿者 这个孩子七岁 白血病 家里为了治病欠了很多钱", "请通过平台的公益页面捐款 每一笔都有票据",
        "千万不要私下转账给任何个人 包括我", "也不用刷礼物 礼物的钱不会进项目"]])
    assert real[-1]["room"]["action"] == "none"


def test_copies_of_a_brand_sold_as_such_add_up_but_warning_about_them_does_not(manager):
    fake = feed(manager, "copies", [("transcript", HOST, t) for t in [
        "这批包包顶级复刻 跟专柜一模一样", "鞋子是莆田的 一比一做工", "专柜品质 价格是零头 二号链接"]])
    assert fake[-1]["room"]["action"] != "none" and "false_ad" in fake[-1]["room"]["reasons"]
    store = feed(manager, "flagship", [("transcript", HOST, t) for t in [
        "品牌官方旗舰店 今天新款上架", "网上高仿的做工差很多 认准旗舰店", "一号链接 拍的时候选尺码"]])
    assert manager.get("flagship").labels.get("false_ad", 0.0) < 0.5 and store[-1]["room"]["action"] == "none"


def test_drinking_a_bottle_as_a_forfeit_or_for_gifts_is_a_degrading_forfeit(manager):
    feed(manager, "drink", [("transcript", HOST, t) for t in [
        "PK输了的吹一瓶白的", "刷个火箭我就干一瓶", "再来一个嘉年华 我一口闷一斤白酒"]])
    assert [e.cue for e in manager.get("drink").timeline].count("degrading_forfeit") == 3


def test_a_contact_given_beside_a_refusal_still_counts(manager):
    frames = feed(manager, "refused-contact", [
        ("transcript", HOST, "别私信我 微信是 xiaomei8866 备注直播间")])
    assert frames[-1]["room"]["action"] in ("review", "end")


# --- session 9 (live9): gift refusals, accountable fees, silenced doubters ------------------------------------

def test_a_host_sending_a_childs_tip_back_counts_no_gift_pressure(manager):
    manager.room("homework", {"category": "游戏", "viewer_minor_share": 0.3})
    frames = feed(manager, "homework", [
        ("bullet", viewer(1), "我才初一 送个礼物给主播"),
        ("transcript", HOST, "初一的就别刷礼物了，那是你父母的钱，刷了我去找客服给你退回"),
        ("gift", viewer(1), "送出 小心心 x1"),
        ("transcript", HOST, "一个也不用刷，心意到了，平台上未成年刷的礼物可以申请退"),
    ])
    room = manager.get("homework")
    assert room.labels.get("minors_harm", 0.0) == 0.0
    assert not any(e.cue.startswith("combo:") for e in room.timeline)
    assert frames[-1]["room"]["action"] == "none"


def test_a_refusal_aimed_at_children_does_not_cover_the_push_on_adults(manager):
    manager.room("pk", {"category": "娱乐", "viewer_minor_share": 0.3})
    feed(manager, "pk", [("transcript", HOST, "未成年的别刷，成年的大哥们给我冲起来，还差三万")])
    assert any(e.cue == "solicit" for e in manager.get("pk").timeline)


def test_a_verified_agencys_fee_with_contract_is_not_a_fee_asked_on_air(manager):
    line = "我们的会员服务收费在官网公示，签合同、开发票，直播间不收钱"
    manager.room("agency", {"category": "婚恋", "host": {"id": "h-1", "verified": True}})
    feed(manager, "agency", [("transcript", HOST, "有请今天的女嘉宾"), ("transcript", HOST, line)])
    assert not any(e.cue == "combo:dating_money" for e in manager.get("agency").timeline)
    manager.room("unverified", {"category": "婚恋", "host": {"id": "h-1", "verified": False}})
    feed(manager, "unverified", [("transcript", HOST, "有请今天的女嘉宾"), ("transcript", HOST, line)])
    assert any(e.cue == "combo:dating_money" for e in manager.get("unverified").timeline)


def test_silencing_viewers_who_doubt_a_plea_corroborates_it_but_an_ordinary_ban_does_not(manager):
    plea = [("transcript", HOST, "老伴住院等着做手术，家里的橘子全卖不出去了"),
            ("transcript", HOST, "家人们帮帮我，一号链接下单就是救命"),
            ("transcript", {"id": "g-1", "role": "guest"}, "再哭一下，情绪再来一点")]
    feed(manager, "plea", [*plea, ("bullet", viewer(1), "去年他也说老伴住院，还换过两个号"),
                           ("event", {"id": "sys", "role": "viewer"}, "路人甲 已被房管禁言")])
    assert any(e.cue == "crowd:silence_doubt" for e in manager.get("plea").timeline)
    feed(manager, "plea2", [*plea, ("bullet", viewer(1), "主播好"),
                            ("event", {"id": "sys", "role": "viewer"}, "路人甲 已被房管禁言")])
    assert not any(e.cue == "crowd:silence_doubt" for e in manager.get("plea2").timeline)


def test_love_lyrics_after_a_song_request_are_a_song_but_a_tease_for_gifts_still_pairs(manager):
    manager.room("songs", {"category": "音乐", "paid": True})
    frames = feed(manager, "songs", [
        ("bullet", viewer(1), "点一首《月亮代表我的心》"), ("transcript", HOST, "好，下一首月亮代表我的心"),
        ("transcript", HOST, "轻轻的一个吻 已经打动我的心 好想抱着你"),
        ("transcript", HOST, "我想就这样抱着你 贴着你 在你耳边说晚安"),
    ])
    room = manager.get("songs")
    assert all(e.weight < 0.5 for e in room.timeline if e.cue == "intimate")
    assert frames[-1]["room"]["action"] == "none"
    feed(manager, "songs", [("transcript", HOST, "刷个火箭 我就贴着你耳边叫给你听")])
    assert any(e.cue == "combo:tease_for_gift" for e in room.timeline)


def test_a_qq_number_dictated_in_named_chunks_by_viewers_is_reassembled_once(manager):
    frames = feed(manager, "chunks", [("bullet", viewer(1), "想要资源的看这边"), ("bullet", viewer(2), "企鹅"),
                                      ("bullet", viewer(3), "前四：5 3 1 8"), ("bullet", viewer(4), "中间 两 六"),
                                      ("bullet", viewer(5), "最后 9 0 4 7"), ("bullet", viewer(6), "后四 9047")])
    room = manager.get("chunks")
    assert [e.cue for e in room.timeline if e.cue.startswith("reassembled:")] == \
        ["reassembled:crowd:contact.qq.obfuscated"]  # found once, not again as it grows or is repeated
    assert frames[-1]["room"]["action"] in ("review", "end")


def test_insults_traded_by_the_host_and_a_guest_weigh_less_than_a_host_raging_alone(manager):
    guest = {"id": "g-1", "role": "guest"}
    feed(manager, "banter", [("transcript", HOST, "兄弟们晚上好 今天和我表哥双排"),
                             ("transcript", guest, "你闭嘴吧 菜狗"), ("transcript", HOST, "你才是废物 去你的"),
                             ("transcript", guest, "滚蛋 看我的")])
    feed(manager, "rage", [("transcript", HOST, "兄弟们晚上好"), ("transcript", HOST, "你闭嘴吧 菜狗"),
                           ("transcript", HOST, "你才是废物 去你的"), ("transcript", HOST, "滚蛋 看我的")])
    banter, rage = manager.get("banter"), manager.get("rage")
    assert not any(e.cue in ("solicit", "combo:abuse_for_gift") for e in banter.timeline)  # 晚上好 is a greeting
    assert banter.labels.get("abuse", 0.0) < rage.labels.get("abuse", 0.0)


def test_the_family_gate_never_skips_a_family_that_matches():
    """`Cues.candidates` (one literal pass) must hold every family whose pattern matches: the room then searches
    only those. Checked on every message of the development streams, in both cases and casefolded spellings."""
    import json
    from pathlib import Path

    from qinglang.live.cues import load_cues

    cues = load_cues()
    path = Path(__file__).resolve().parents[1] / "data/blind/live/streams.jsonl"
    texts = [m.get("text", "") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
             for m in json.loads(line)["messages"]]
    texts += ["加我VX", "ＶＸ号", "好Sè啊", "超A货", "想C", "🍑 趴下来"]
    checked = 0
    for text in texts:
        maybe = cues.candidates(text)
        for k, fam in enumerate(cues.families):
            if fam.pattern is not None and fam.pattern.search(text):
                assert k in maybe, (fam.name, text)
                checked += 1
    assert checked > 100  # the streams do exercise the families


def test_a_refusal_word_in_a_lesson_is_no_rebuke_of_the_viewers(manager):
    """膝盖不要超过脚尖 is an instruction: viewers' sexual requests around it still count (a rebuke names them)."""
    manager.room("lesson", {"category": "健身", "host_id": "h-1"})
    msgs = [("bullet", viewer(1), "老师腿张开一点 想看"), ("transcript", HOST, "大家注意膝盖不要超过脚尖"),
            ("bullet", viewer(2), "镜头从后面拍"), ("bullet", viewer(3), "什么颜色的内衣")]
    feed(manager, "lesson", msgs)
    cues = [e.cue for e in manager.get("lesson").timeline]
    assert cues.count("sexual_request") == 3 and "flood:viewers" in cues


def test_innocent_words_of_the_same_spellings_make_no_viewer_flood(manager):
    """Tea that is 涩, a game move that is 骚, a dog asked to bark, a cat's 内裤-shaped toy: several viewers saying
    them is no sexual request and no flood."""
    texts = ["这茶好涩啊", "刚才那波操作好骚", "让狗狗叫两声听听", "主播这个教程好细", "腿好酸 练完了",
             "镜头往左一点看不到锅", "想吃你做的红烧肉", "好色彩 这幅画绝了"]
    feed(manager, "innocent-flood", [("bullet", viewer(i), t) for i, t in enumerate(texts)])
    room = manager.get("innocent-flood")
    assert not room.timeline and room.action == "none" and room.summary(5.0)["target"] == "host"
