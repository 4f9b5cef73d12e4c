"""Session-14 classes of tasks 4 and 9 (news14), on posts written for these tests (not the writer sets)."""

from __future__ import annotations

import pytest

from qinglang.engine import Engine
from qinglang.model import Content
from tests.decide import acted_scores


def test_an_article_is_a_content_kind(engine: Engine) -> None:
    # a long-form piece with a title (公众号文章, a news story): the writers of S7 and t21 send it as `article`
    c = Content.from_json({"id": "a", "kind": "article", "title": "标题", "text": "正文"})
    assert c.kind == "article"
    assert engine.moderate({"id": "a", "kind": "article", "text": "今天天气不错"}).action == "pass"


@pytest.mark.parametrize("text", [
    # a national figure, then the poster's question about it
    "上半年全国居民收入同比增长5.4%，出口也在回暖，你们今年涨工资了吗？",
    # a ministry's reply, then a call for opinions in the next sentence
    "外交部今天就某国议员窜访表态，称将采取坚决措施。大家怎么看？",
    # a state meeting's decision in the register of the document
    "国务院常务会议今天审议通过《某某管理条例（草案）》，自明年5月1日起施行。",
    # a transit line opened
    "地铁8号线下周六开通初期运营，全线设站19座。",
])
def test_a_current_affairs_fact_stated_then_talked_about_misses_its_source(engine, text) -> None:
    got = acted_scores(engine, text)
    assert "source_missing" in got, got


@pytest.mark.parametrize("text", [
    # the question is the claim (the clause that states it asks)
    "央行下个月要降准了？",
    # an opinion that reaches the claim from earlier in its sentence
    "我觉得，明年央行还会继续降准，利率也会再下调",
    # doubt anywhere questions the claim
    "听说地铁8号线下周开通，是真的吗",
    # the poster's own sighting
    "我刚路过东湖路口，两车追尾，交警已经在处理了",
    # the poster speaks of themselves
    "我上个月刚把个税专项扣除改成每月2000，退了不少",
])
def test_a_question_an_opinion_or_the_posters_own_experience_is_no_report(engine, text) -> None:
    assert "source_missing" not in acted_scores(engine, text)


def test_the_same_fact_with_its_source_or_from_a_licensed_outlet_is_not_marked(engine) -> None:
    fact = "国务院常务会议今天审议通过《某某管理条例（草案）》，自明年5月1日起施行。"
    assert "source_missing" in acted_scores(engine, fact)
    assert "source_missing" not in acted_scores(engine, "据新华社报道，" + fact)
    assert "source_missing" not in acted_scores(engine, fact, declared={"source": "中国政府网"})
    assert "source_missing" not in acted_scores(engine, fact, author={"name": "某某日报", "news_license": "31120170006",
                                                                   "verified": True})


def _news(engine: Engine, text: str, name: str, **author: object) -> tuple[str, str | None]:
    d = engine.moderate({"id": "t", "text": text, "author": {"id": "u-n", "name": name, **author}})
    lr = next((lr for lr in d.labels if lr.label == "unlicensed_news"), None)
    return d.action, lr.rule if lr else None


def test_a_stations_own_dateline_and_reporter_from_an_unlicensed_account_go_to_review(engine) -> None:
    text = "【本台讯】今天上午东关路口两车相撞，本台记者赶到现场，一人送医。"
    assert _news(engine, text, "东关新闻快报") == ("review", "news.genre.unlicensed")
    assert _news(engine, text, "小周的日常") == ("review", "news.genre.unlicensed")
    # a warning against fake reporters names the byline it fakes
    warning = "提醒：最近有人冒充本台记者上门要钱，本台记者不会私下收费，遇到请报警。"
    assert _news(engine, warning, "小周的日常")[1] is None


def test_a_commentary_column_from_an_outlet_named_account_is_news_information(engine) -> None:
    assert _news(engine, "【时评】城市的温度在于每一位普通劳动者", "江北时报")[0] == "review"
    assert _news(engine, "【时评】城市的温度在于每一位普通劳动者", "江北小周")[1] is None


def test_an_account_named_as_a_national_outlet_with_a_lookalike_character_is_blocked(engine) -> None:
    assert _news(engine, "今天的天气真好", "入民日报评论") == ("block", "news.impersonation")
    # a licensed outlet's own account is no impersonation
    assert _news(engine, "今天的天气真好", "人民日报评论", news_license="10120170001", verified=True)[1] is None


def test_a_scandal_credited_to_an_outlet_about_a_masked_subject_is_a_claimed_credit(engine) -> None:
    claimed = "人民日报消息：某一线女星偷逃税款被罚8亿，已被限制出境。"
    d = engine.moderate({"id": "t", "text": claimed, "declared": {"source": "人民日报"}})
    rumor = next(lr for lr in d.labels if lr.label == "rumor")
    assert d.action == "review"
    assert "claims.rumor.masked_attribution" in {e.rule for e in rumor.evidence}
    # the outlets' own style names the subject or writes 张某某: a citation, no rumour
    cited = "据人民日报报道，演员王某某偷逃税款被罚8亿，已被限制出境。"
    assert "rumor" not in {lr.label for lr in engine.moderate({"id": "t", "text": cited}).labels}


def _staged(engine: Engine, text: str) -> tuple[str, float, str | None]:
    # dated inside task 4's period (2024-04-23 to 06-23), when the self-media campaign's rules apply
    d = engine.moderate({"id": "t", "text": text, "created_at": "2024-05-10T10:00:00+08:00"})
    lr = next((lr for lr in d.labels if lr.label == "staged"), None)
    return d.action, lr.score if lr else 0.0, lr.rule if lr else None


def test_a_face_slap_plot_vouched_as_real_is_staged(engine) -> None:
    plot = "穿得土去奢侈品店被店员翻白眼，我掏出黑卡直接买下三个包，店长连连道歉"
    action, score, rule = _staged(engine, plot + "，真事没演")
    assert rule == "frame.staged.face_slap" and score >= 0.6 and action != "pass"
    # without the vouching, a lower score
    assert _staged(engine, plot)[1] < score
    # the plot named as fiction, and an honest purchase, are not
    assert _staged(engine, "剧情演绎：保安大叔被看不起，当场掏出黑卡（纯属虚构）")[2] is None
    assert _staged(engine, "去4S店看车，销售挺热情，最后全款提车了，开心")[2] is None


def test_a_warning_against_a_lure_the_poster_calls_a_trap_is_no_rumour(engine) -> None:
    warning = "提醒大家：最近群里老有人发「月入三万躺赚」的兼职，我同学去了被骗了押金，都是坑，千万别去！"
    assert "rumor" not in acted_scores(engine, warning)


def test_a_banks_transaction_sms_is_no_foreign_affairs_report(engine) -> None:
    # 境外交易 holds 外交 across its word boundary
    sms = "【某某银行】您尾号1234的信用卡5月2日发生一笔境外交易USD 120.00，如非本人操作请致电客服。"
    assert "source_missing" not in acted_scores(engine, sms)


def test_an_interview_or_a_reporter_the_post_presents_as_its_own_is_a_news_service(engine) -> None:
    assert _news(engine, "独家专访｜记者独家对话涉事学校校长，以下为采访实录", "小周的日常") == (
        "review", "news.genre.unlicensed")
    # a reporter's own request to the company the story is about is correspondence, not a news service (session 15,
    # prec15's scoping.strike_correspondence: news genre addressed to the company stands only beside extortion; the
    # fresh unseen10 writer called such a message innocent, and the session-14 rule sent it to review)
    assert _news(engine, "你好，我是江东新闻网记者，正在调查你们公司的问题，请安排负责人接受采访", "小周")[0] == "pass"
    asking = "我是江东新闻网记者，你们公司的问题不想见报就准备五万块公关费"
    assert _news(engine, asking, "小周")[0] in ("review", "block")
    # a warning against fake reporters, and a verified reporter's own account, are not
    assert _news(engine, "有人自称“我是江东日报记者”上门要钱，大家警惕冒充的骗子", "小周")[1] is None
    assert _news(engine, "我是江东日报记者，今天跑了一天新闻，累", "江东日报记者小周", verified=True)[1] is None


def test_a_fact_argued_at_one_interlocutor_is_a_reply_not_a_report(engine) -> None:
    reply = "延迟退休政策是去年开始实施的，养老金调整也公布了。你不知道全国参保人数已经超过10亿？"
    assert "source_missing" not in acted_scores(engine, reply)
    # the same fact put to the audience is still a report
    assert "source_missing" in acted_scores(engine, "延迟退休政策今年1月起开始实施，全国参保人数超过10亿。你们怎么看？")
