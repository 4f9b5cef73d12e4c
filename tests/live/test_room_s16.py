"""Room classes of session 16 (issue 20): a handle dictated after "加我薇" or with joining words, a false-scarcity
countdown in any numeral, the same accounts claiming purchase after purchase (chorus.py), a stream declared scripted,
a warning that names the scammers' moves, an exposé that steers to the host's own goods, a dating guest's attention
priced in gifts, luck sold as what goods do, harassment slang at a host, and platform notices that ask for no money.
Real RoomManager over real messages (sentences written for the tests, not taken from a room set)."""

from __future__ import annotations

import pytest

from qinglang.live import chorus
from qinglang.live.cues import load_cues
from qinglang.live.room import Room, RoomManager
from qinglang.live.spelled import spelled_handle

from .support import HOST, feed, viewer


@pytest.fixture
def manager(engine) -> RoomManager:
    return RoomManager(engine)


def _family(name: str):
    return next(f for f in load_cues().families if f.name == name)


def _cues(room: Room) -> list[str]:
    return [ev.cue for ev in room.timeline]


@pytest.mark.parametrize(("pieces", "handle"), [
    (["加我薇 私下一个个发", "k 一 m z", "三八 七七"], "k1mz3877"),  # 加我薇, then chat: the handle follows
    (["想要的➕我 v：", "t y 5 1", "0 2 后面接 九九"], "ty510299"),  # ➕我 v：, and a joining word between chunks
    (["叩叩也行", "ab", "12 连起来是 cd34"], "ab12cd34"),  # 叩叩 is 扣扣 by sound
])
def test_handles_dictated_with_chat_and_joining_words(pieces, handle):
    assert spelled_handle(pieces) == handle


def test_chat_after_a_contact_word_then_no_handle_is_nothing():
    assert spelled_handle(["加我薇 我一个个发", "666", "888"]) is None  # digits only: spam, not a handle
    assert spelled_handle(["加我v", "然后呢", "哈哈哈"]) is None


def test_a_viewer_spelling_a_handle_after_adding_me_acts_on_the_room(manager):
    msgs = [(viewer(1), "bullet", "领福利的加我薇 我挨个发"), (HOST, "transcript", "这波团战打得不错"),
            (viewer(1), "bullet", "r 七 q"), (viewer(1), "bullet", "w 二 五"), (viewer(1), "bullet", "八八 零")]
    room = feed(manager, "spell", msgs, {"category": "游戏"})
    assert any(c.startswith("reassembled:") and "spelled" in c for c in _cues(room))
    assert room.action != "none"


def test_a_countdown_in_any_numeral_then_a_restock_is_a_false_scarcity(manager):
    lines = ["这款棉被今天只剩十五单了", "秒光了，十五单秒光了，我再去跟老板要，再加三十单",
             "老板同意了，再补三十单，最后三十单"]
    room = feed(manager, "scarce", [(HOST, "transcript", t) for t in lines], {"category": "带货"})
    assert "combo:fake_scarcity" in _cues(room)
    assert _family("sold_out").pattern.search("最后十单了")  # 十 was outside the old numeral class


def test_the_same_accounts_claiming_purchase_after_purchase_is_a_chorus():
    room = Room("c")
    out = []
    for author in ("a", "b", "c", "a", "b", "c"):
        room.seq += 1
        out += chorus.read(room, author, "抢到了 又拍了一件")
    assert out == [("chorus:repeat_buyers", "water_army", chorus.WEIGHT)]
    assert chorus.read(room, "a", "抢到了") == []  # once per room


@pytest.mark.parametrize("claims", [
    [("a", "抢到了"), ("b", "抢到了"), ("c", "已拍"), ("d", "抢到了")],  # many buyers, each once: an honest sale
    [("a", "没抢到"), ("b", "没抢到"), ("c", "抢到了吗"), ("a", "没抢到"), ("b", "没抢到"), ("c", "抢到了吗")],
])
def test_buyers_claiming_once_or_missing_are_no_chorus(claims):
    room = Room("c")
    out = []
    for author, text in claims:
        room.seq += 1
        out += chorus.read(room, author, text)
    assert out == []


def test_a_stream_declared_scripted_keeps_its_staged_skit_quiet(manager):
    skit = [(HOST, "transcript", "下一个段子 演一个哭穷要礼物的主播 大家看个乐"),
            (HOST, "transcript", "家人们 我家穷得揭不开锅 孩子学费都交不起 大家刷刷礼物"),
            (HOST, "transcript", "老铁们 我爸住院了没钱治病 求求大家刷个火箭支持一下"),
            (HOST, "transcript", "好 这段演完了 大家觉得像不像")]
    declared = feed(manager, "skit", [({"id": "sys", "role": "host"}, "event", "本场直播为剧情演绎，人物情节纯属虚构"),
                                      *skit], {"category": "搞笑"})
    plain = feed(manager, "plea", skit, {"category": "搞笑"})
    assert declared.fiction and not plain.fiction
    assert plain.action != "none" and declared.action == "none"
    assert declared.labels.get("staged", 0.0) < plain.labels["staged"] / 2


def test_denying_a_script_declares_nothing():
    fiction = load_cues().fiction
    assert fiction is not None
    assert fiction.search("本视频人物情节均为虚构") and fiction.search("我们演的都是剧本 别当真")
    assert not fiction.search("什么剧本，我打假八年从来不演")


def test_a_warning_that_names_the_scammers_moves_is_a_debunk(manager):
    lines = ["欢迎来到相亲直播间 今天的嘉宾都实名认证过", "提醒一下 不管谁以交友的名义让你转账 刷礼物 都要警惕"]
    room = feed(manager, "warn", [(HOST, "transcript", t) for t in lines], {"category": "交友"})
    assert room.debunks == 1
    assert not any(c.startswith("combo:dating") for c in _cues(room))


def test_an_expose_that_steers_to_the_hosts_goods_is_no_debunk(manager):
    steer = load_cues().steer
    assert steer is not None and steer.search("千万别去路边小店 要买就买我们直播间的")
    room = feed(manager, "expose", [(HOST, "transcript", "千万别去路边小店买 都是骗局 要买就买我们直播间合作的")],
                {"category": "带货"})
    assert room.debunks == 0


def test_a_dating_guest_priced_in_gifts(manager):
    access = _family("gift_access").pattern
    for line in ["想跟三号女嘉宾说话的 规矩你们懂 先给她刷个守护", "连线也要守护 这是规矩",
                 "再点个火箭 我让她加你好友", "谁的礼物多谁先约线下"]:
        assert access.search(line), line
    assert not access.search("想和嘉宾聊的男生 右下角报名 免费的")
    assert load_cues().gift_refusal.search("不需要送任何礼物")
    lines = ["今天的女嘉宾是个护士 单身 想找对象", "想跟她连线的哥哥 先给她送个守护",
             "聊两句也要守护 这是规矩", "再冲一个嘉年华 今晚就给你们牵线"]
    room = feed(manager, "dating", [(HOST, "transcript", t) for t in lines], {"category": "交友"})
    assert "combo:dating_access" in _cues(room) and room.action != "none"


def test_luck_sold_as_what_the_goods_do():
    efficacy = _family("efficacy").pattern
    assert efficacy.search("这串手链戴上财运滚滚") and efficacy.search("貔貅摆在家里招财")
    assert not efficacy.search("这款是足金转运珠 克价五百八")  # a product name is no claim


@pytest.mark.parametrize("line", ["转过来看看后面🍑", "穿这么短干嘛 给谁看的", "跳起来晃不晃", "下播去酒店吗🛏",
                                  "想 mo mo 腿"])
def test_harassment_slang_is_a_sexual_request(line):
    assert _family("sexual_request").pattern.search(line)


@pytest.mark.parametrize("line", ["转过来看看后面的风景", "酒店订好了", "舞步再跳一遍"])
def test_the_same_words_without_the_body_are_not(line):
    assert not _family("sexual_request").pattern.search(line)


def test_a_flood_of_slang_at_a_runner_acts_on_the_room(manager):
    msgs = [(HOST, "transcript", "早上好 今天跑十公里"), (viewer(1), "bullet", "转过来看看后面🍑"),
            (viewer(2), "bullet", "穿这么紧 给谁看的"), (viewer(3), "bullet", "镜头往下"),
            (viewer(4), "bullet", "跑起来晃不晃")]
    room = feed(manager, "run", msgs, {"category": "户外"})
    assert room.action != "none" and room.target == "viewers"


def test_a_platform_notice_asks_for_no_money(manager):
    msgs = [(HOST, "transcript", "欢迎来到相亲直播间 今天的女嘉宾单身"),
            ({"id": "sys", "role": "host"}, "event", "平台提示：请勿轻信婚恋交友中的转账要求")]
    room = feed(manager, "notice", msgs, {"category": "交友"})
    assert "combo:dating_money" not in _cues(room)


def test_viewers_back_on_new_accounts_escalate_a_flooded_room(manager):
    evasion = _family("ban_evasion").pattern
    assert evasion.search("换号了 哈哈 封不完") and evasion.search("小号来了")
    assert not evasion.search("换个号码牌") and not evasion.search("这个号码是多少")
    msgs = [(HOST, "transcript", "早上好 今天跑十公里"), (viewer(1), "bullet", "转过来看看后面🍑"),
            (viewer(2), "bullet", "穿这么紧 给谁看的"), (viewer(3), "bullet", "镜头往下"),
            (viewer(4), "bullet", "跑起来晃不晃")]
    room = feed(manager, "evade", msgs, {"category": "户外"})
    before = room.action
    assert before != "none"
    feed(manager, "evade", [(HOST, "transcript", "这几个我踢了 请大家文明一点"),
                            (viewer(5), "bullet", "小号来了 踢不完")])
    assert "crowd:ban_evasion" in _cues(room)
    assert room.action != before
