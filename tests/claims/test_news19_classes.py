"""Session-19 classes of task 4 (news19): an untitled post whose opening teases an event that its next sentence
takes back (反转式标题党), a body's "no such plan" / "no evidence", and 家长们 told of rather than addressed — on posts
written for these tests (not the writer sets)."""

from __future__ import annotations

import pytest
from news_classes import acted_labels, evidence_rules

from qinglang.text.acts import read_text

# --- clickbait: an opening the next sentence takes back ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "太吓人了，城北一所中学门口今天出了大事……其实就是新装了一排共享单车，学生们排队扫码",
    "楼下超市突然围了一大群人，警车都来了……结果是在拍一部电视剧，演员都是请来的",
    "万万没想到，这个小县城一夜之间火了！原来是县里新修了一条骑行绿道，周末有人来打卡",
])
def test_an_opening_that_teases_an_event_its_next_sentence_takes_back_is_clickbait(engine, text) -> None:
    assert "clickbait" in acted_labels(engine, text)
    assert "claims.clickbait.opening.reveal" in evidence_rules(engine, text, "clickbait")


@pytest.mark.parametrize("text", [
    # the poster's own day, stopping short: no headline promised to anyone
    "我今天真是倒霉透了……原来是钥匙落在公司了，在门口等了一个小时",
    # a debunk opens on what goes round, then says what it was
    "网传城西发生爆炸……其实是消防部门在做应急演练，请大家不要转发",
    # a 其实 later in a personal story, not opening the next sentence
    "孩子考完试回家哭了一路。我安慰了很久，说人生不止一场考试，其实我自己心里也慌",
    # the body delivers what the opening says, with no reveal
    "城北一所中学门口今天新装了一排共享单车，学生们排队扫码。",
    # a report's cause after 经了解 takes nothing back
    "今天下午城东一仓库起火，浓烟滚滚……经了解，起火原因系电线老化，无人员伤亡。",
])
def test_no_flipped_opening(engine, text) -> None:
    assert "claims.clickbait.opening.reveal" not in evidence_rules(engine, text, "clickbait")


def test_a_flipped_opening_stands_beside_another_finding(engine) -> None:
    """The reveal is the post's own act, not a body call serving another finding (`scoping.BAIT_BESIDE`): its rule is
    no `claims.clickbait.body.*` and is not struck beside a co-label."""
    text = "某品牌老板深夜被几个人带上一辆黑色商务车……经了解，是他的司机和助理接他回酒店"
    assert "claims.clickbait.opening.reveal" in evidence_rules(engine, text, "clickbait")


# --- 家长们 addressed, or told of ------------------------------------------------------------------------------------

def test_parents_told_of_are_no_warning_address() -> None:
    assert "warning" not in read_text(["学校食堂出了这样的事，家长们都坐不住了"]).kinds
    assert "warning" not in read_text(["开学第一天，家长们纷纷在校门口拍照留念"]).kinds


@pytest.mark.parametrize("text", ["家长们，这种游戏皮肤的兑换码千万别信", "家长们注意，最近有人冒充老师收资料费"])
def test_parents_addressed_are_still_a_warning(text: str) -> None:
    assert "warning" in read_text([text]).kinds


# --- clickbait: a body that says there is no such plan, or no evidence ---------------------------------------------

@pytest.mark.parametrize(("title", "body"), [
    ("定了！公交月票全面涨价到200元",
     "有市民在政务留言板建议调整公交月票价格。交通部门答复称，目前暂无调价计划，月票仍为100元。"),
    ("你家的智能音箱一直在录音，赶紧拔掉！",
     "不少人担心智能音箱会偷偷录音。目前并无证据表明正常使用时会上传录音，可在设置里关闭唤醒词。"),
])
def test_a_body_saying_no_such_plan_or_no_evidence_denies_an_asserting_title(engine, title, body) -> None:
    assert "clickbait" in acted_labels(engine, body, title=title)


def test_a_report_with_no_casualties_yet_is_no_denial(engine) -> None:
    body = "中国地震台网正式测定：今日6时12分某县发生3.1级地震，震源深度10千米。目前暂无人员伤亡报告。"
    assert "clickbait" not in acted_labels(engine, body, title="某县发生3.1级地震")


# --- source_missing: a rule stated with its day, a figure moved to a new value ------------------------------------

@pytest.mark.parametrize("text", [
    "明年起我省中考正式实行新的体育计分办法，跳绳和长跑二选一，初一就要开始练了。",
    "下月起本市公交月票从80块调到100块，学生票不变。",
])
def test_a_public_rule_stated_with_its_day_and_no_source_misses_one(engine, text) -> None:
    assert "source_missing" in acted_labels(engine, text)


def test_a_rule_relayed_from_someone_met_in_a_personal_errand_is_no_report(engine) -> None:
    text = "今天带儿子去地铁站办卡，窗口的阿姨说9月1号起学生卡半价，带上学生证十分钟就办好了。"
    assert "source_missing" not in acted_labels(engine, text)


def test_the_same_rule_with_its_source_names_one(engine) -> None:
    text = "据市交通运输局今天发布的通知，下月起本市公交月票从80元调整为100元，学生票不变。"
    assert "source_missing" not in acted_labels(engine, text)


# --- an insider's 内部消息： is hearsay, not a ministry's notice --------------------------------------------------

def test_an_insiders_news_is_no_ministrys_notice(engine) -> None:
    text = "我在区医院上班，内部消息：这次不是普通感冒，病房已经住满了，千万别带孩子来看病！"
    assert "rumor" in acted_labels(engine, text)


# --- an issuer's own notice to its own customer ---------------------------------------------------------------------

def test_an_issuers_notice_to_its_own_customer_is_no_rumour(engine) -> None:
    text = ("【某某银行】尊敬的客户：为提升服务质量，我行将于7月2日00:00至03:00进行系统升级，期间手机银行暂停服务，"
            "柜台业务不受影响。详询客服热线。")
    assert "rumor" not in acted_labels(engine, text)


# --- rumor: a disaster told through one trapped victim, handed to the reader to weep over -------------------------

def test_a_disaster_victim_scene_handed_to_the_reader_to_weep_over_is_a_rumour(engine) -> None:
    text = "泥石流冲过的村子里，一个老人被埋在瓦砾下还攥着孙子的书包……看哭了，愿平安"
    assert "rumor" in acted_labels(engine, text)


@pytest.mark.parametrize("text", [
    "网传“瓦砾下老人攥着孙子书包”的照片是AI生成的，并非这次泥石流现场，请大家不要再转了",
    "据应急管理局通报，救援队在瓦砾下救出一名被困30小时的老人，目前已送医，愿平安",
    "瓦砾下攥着书包的老人那张图是真的吗？有没有人知道出处，看哭了",
])
def test_its_debunk_its_sourced_report_and_its_question_are_not(engine, text: str) -> None:
    assert "rumor" not in acted_labels(engine, text)


def test_the_answer_held_to_the_end_of_a_video_is_clickbait(engine) -> None:
    assert "clickbait" in acted_labels(engine, "实拍某写字楼楼下深夜一幕（画面不适 慎点）看到最后才知道为什么要绕路走")
