"""Scope cues (qinglang.text.scope): negated, quoted, reported and debunked hits are discounted, with the cue
recorded in the evidence; sound-alikes do not read ordinary syntax across word boundaries."""

from __future__ import annotations

import pytest

from qinglang.engine import Engine
from qinglang.text.scope import discount, scope_at


def _kinds(text: str, term: str) -> set[str]:
    k = text.index(term)
    return {c.kind for c in scope_at(text, k, k + len(term))}


@pytest.mark.parametrize(("text", "term", "kind"), [
    ("理性追星，不集资不控评", "集资", "negation"),
    ("理性追星，不集资不控评", "控评", "negation"),
    ("坚决抵制这种饭圈控评行为", "控评", "negation"),
    ("支持打击“nmsl”这种骂人话", "nmsl", "quotation"),
    ("天天说傻逼的人素质真低", "傻逼", "mention"),
    ("网传自来水厂被投毒，系谣言", "投毒", "debunking"),
    ("已举报，这人在群里卖视频", "卖视频", "reported"),
    ("提醒大家：这人在群里卖视频", "卖视频", "reporting"),
    ("刚才有人在弹幕里骂主播“nmsl”，大家文明发言", "nmsl", "quotation"),  # a verb of saying earlier in the clause
    ("'伞兵'为什么会变成骂人的话", "伞兵", "quotation"),  # a slang word explained
    ("标题写什么“可脱卸”“懂的来”", "懂的来", "quotation"),  # a list of quotes shares the words before it
    ("任何声称“付费删帖”的均为诈骗", "付费删帖", "quotation"),
    ("还有人把韩国人叫棒子，日本人叫鬼子", "棒子", "mention"),  # a name reported, ending its clause
    ("yyds是什么意思啊", "yyds", "mention"),  # a slang word explained
    ("凡是要你先垫付再返佣的兼职都是诈骗", "垫付", "reporting"),  # an anti-fraud warning describes the scam
    ("民警近日打掉一个刷单返利犯罪团伙", "刷单", "case_report"),
    ("【警情通报】我局破获一起组织水军控评案件", "控评", "case_report"),
    ("听说那家银行要限取？有人知道真假吗", "限取", "question"),
    ("所谓“酸碱体质”是伪科学", "酸碱体质", "quotation"),
    ("不是全网第一哈，就是我们自己店卖得最多", "全网第一", "negation"),  # copular negation denies the claim
    ("一名男子对多名学生“开盒”，近日被检察院提起公诉", "开盒", "case_report"),  # prosecution is a case report
    ("举报了！评论区有人发yp广告，大家别点", "yp", "reported"),  # a report standing alone opens the post
    ("评论区有人用🦌、yp这种谐音发黄", "yp", "mention"),  # a word filed under a kind of word
    ("也不乏叫我小日本鬼子的同族", "鬼子", "mention"),  # the poster reports being called the name
    ("私下让你转账的一律是骗子", "转账", "reporting"),  # a rule of thumb against a scam, like 一律是诈骗
    ("孩子被“开盒”了怎么办？先截图", "开盒", "advice"),  # a remedy asked for a trouble that befell someone
    ("万一遇到网暴该怎么做？", "网暴", "advice"),
    ("小朋友，熬夜对身体不好哦", "熬夜", "warning"),  # a harm stated of the act right after it
    ("弹幕里让我换衣服、“转个身”的那位，请你出去", "换衣服", "mention"),  # a request named to point at who made it
    ("最近流行的“窒息挑战”千万别让孩子模仿", "窒息挑战", "warning"),  # an act named, then forbidden to be copied
    ("朋友圈那种“不转不是中国人”的帖子，大家别转了", "不转不是中国人", "quotation"),  # a quote naming a kind of post
])
def test_scope_cues(text: str, term: str, kind: str) -> None:
    assert kind in _kinds(text, term)


@pytest.mark.parametrize(("text", "term"), [
    ("今晚集资打榜冲冲冲", "集资"),
    ("不错不错，大家一起控评", "控评"),  # 不 belongs to 不错, another clause word stands between
    ("姐妹们控评走起", "控评"),
    ("外地人能不能滚回老家", "滚"),  # an A-not-A question (能不能) asks for it, it does not negate it
    ("是不是该封号", "封号"),
    ("他们都叫他傻逼", "傻逼"),  # 叫 + a person + the insult: an insult, not a name reported
    ("想谈“合作”的今晚回复", "合作"),  # a scare quote around the term alone: a euphemism in use
    ("【主播爆粗口集锦】“我*你*的，这什么*逼队友”哈哈哈", "逼"),  # a compilation re-broadcasts what it quotes
    ("那家银行要限取？赶紧去取钱", "限取"),  # a question with no doubt about it
    ("被举报了又怎么样！你们这群傻逼等着", "傻逼"),  # a report mentioned in a longer sentence is no declaration
    ("听说我们小区有人卖淫", "卖淫"),  # 说我们 is hearsay, not being called a name
    ("你是不是傻逼", "傻逼"),  # 是不是 asks; the 不是 inside it negates nothing
    ("楼上是不是“zz”啊", "zz"),  # nor does it make the quote a refused word
    ("存款要收税了怎么办？", "收税"),  # a worry with nothing befalling anyone presupposes the rumour
    ("怎么开盒一个人？", "开盒"),  # asking how to do it
    ("让我换衣服的那位大哥刷个火箭", "换衣服"),  # the request is taken up, not pointed at
    ("熬夜通宵打游戏太爽了", "熬夜"),
    ("这个挑战超刺激，大家快去试试", "挑战"),  # an invitation to try, not a prohibition
    ("点开“福利”的视频就能看", "福利"),  # bait's own euphemism before 的视频 stays a scare quote
])
def test_plain_use_has_no_scope(text: str, term: str) -> None:
    assert _kinds(text, term) == set()


def test_ascii_quotes_and_commas_are_read_from_the_original() -> None:
    """The normalizer drops ASCII punctuation between Chinese characters (a cloak's separators); scope reads it
    back from the original: 'nmsl' is quoted, and a comma ends a negator's clause."""
    from qinglang.text.normalize import normalize

    nt = normalize("评论区有人一直用'nmsl'骂人")
    k = nt.text.index("nmsl")
    assert "quotation" in {c.kind for c in scope_at(nt, k, k + 4)}
    assert scope_at(nt.text, k, k + 4) == ()  # the canonical text alone has lost the quotes
    nt = normalize("不要客气,加微信领券")
    k = nt.text.index("加微信")
    assert scope_at(nt, k, k + 3) == ()
    assert {c.kind for c in scope_at(nt.text, k, k + 3)} == {"negation"}


def test_discount_multiplies_cues() -> None:
    text = "支持打击“nmsl”"
    cues = scope_at(text, 5, 9)
    assert {c.kind for c in cues} == {"negation", "quotation"}
    assert discount(1.0, cues) == pytest.approx(0.3 * 0.4)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def test_negated_fan_terms_pass_with_scope_in_evidence(engine: Engine) -> None:
    d = engine.moderate({"id": "n1", "text": "理性追星，不集资不控评"})
    assert d.action == "pass"
    scopes = {ev.scope for lr in d.labels for ev in lr.evidence}
    assert "negation:不" in scopes


def test_quoted_insult_is_discounted_but_used_insult_blocks(engine: Engine) -> None:
    quoted = engine.moderate({"id": "q1", "text": "支持打击“nmsl”"}, explain=True)
    used = engine.moderate({"id": "q2", "text": "nmsl"})
    assert used.action == "block"
    lex = [s for s in quoted.trace["signals"] if s["detector"].startswith("lexicon")]
    assert lex and all(s["score"] < 0.35 for s in lex)
    assert all("scope" in ev for s in lex for ev in s["evidence"])


def test_function_words_are_not_read_as_sound_alikes(engine: Engine) -> None:
    d = engine.moderate({"id": "p1", "text": "3月5日，犯罪嫌疑人李某在回家时与他人发生口角"})
    assert "porn" not in {lr.label for lr in d.labels}
    cloak = engine.moderate({"id": "p2", "text": "加我薇信聊"})
    assert "drainage" in {lr.label for lr in cloak.labels}


@pytest.mark.parametrize(("text", "label"), [
    ("冰雪大世界门票建议提前在官方小程序买,春节期间排队很久", "porn"),  # 买,春节: a comma, then the word 春节
    ("画了我推的角色Q版日常～全年龄向", "porn"),  # 角色Q版: 色Q read by sound across the word 角色
    ("'好'字由'女'和'子'组成", "porn"),  # a sound-alike is not read across a quote
    ("中国男人的社会压力太大了", "language_misuse"),  # 国男 clips 中国男人: the full phrase is exempt
    ("主播nmsl 菜成这样还好意思开播", "porn"),  # nmsl is a term of its own, not the initials nm + sl
])
def test_matches_do_not_cross_punctuation_or_words(engine: Engine, text: str, label: str) -> None:
    assert label not in {lr.label for lr in engine.moderate({"id": "b", "text": text}).labels}


def test_a_cloak_split_by_an_ascii_comma_is_still_found(engine: Engine) -> None:
    d = engine.moderate({"id": "c", "text": "想要的私我,买,春,一次两百"})
    assert "porn" in {lr.label for lr in d.labels}


def test_enterprise_claims_named_to_refute_them_are_in_scope(engine: Engine) -> None:
    """A company's own denial names the smear (“资金链断裂” 均为不实信息); a platform notice names the extortion
    (任何声称“付费删帖”的均为诈骗): both are discounted, with the cue in the evidence; the smear itself is not."""
    denial = engine.moderate({"id": "e1", "text": "网传我司“资金链断裂、董事长被带走”均为不实信息,公司经营一切正常。"})
    assert denial.action == "pass"
    notice = engine.moderate({"id": "e2", "text": "任何声称“付费删帖”的均为诈骗。"})
    ext = next(lr for lr in notice.labels if lr.label == "extortion")
    assert ext.score < 0.35 and any(ev.scope for ev in ext.evidence)
    smear = engine.moderate({"id": "e3", "text": "某某公司老板跑路了，资金链断裂，大家快去退款"})
    assert "enterprise_smear" in {lr.label for lr in smear.labels} and smear.action != "pass"


def test_a_placeholder_name_is_not_an_initial(engine: Engine) -> None:
    """小X / 小A name someone kept anonymous; the lowercase spelling of the cloak is still read."""
    assert engine.moderate({"id": "n1", "text": "【AI客服】您好,我是智能助手小X,您的快递预计明天送达"}).action == "pass"
    assert "porn" in {lr.label for lr in engine.moderate({"id": "n2", "text": "摸你的小x"}).labels}


def test_a_debunk_of_ai_content_takes_no_ai_mark(engine: Engine) -> None:
    """辟谣 that names a picture as AI-generated and not real refutes it: no aigc mark, so no `label` action."""
    text = "【辟谣】网传“某地洪水冲毁大桥”图片经核查系AI生成,并非真实现场,请勿转发。"
    d = engine.moderate({"id": "m1", "text": text})
    assert d.marks == () and d.action == "pass"


def test_safety_advice_is_reporting_but_a_groomers_secrecy_is_not() -> None:
    from qinglang.text.scope import scope_at

    advice = "遇到有人开盒，第一时间告诉老师"
    i = advice.index("开盒")
    assert [c.kind for c in scope_at(advice, i, i + 2)] == ["reporting"]
    secret = "发私密照给我，不要告诉爸妈"
    j = secret.index("私密照")
    assert scope_at(secret, j, j + 3) == ()


def test_a_warning_that_refuses_the_move_takes_no_mark(engine: Engine) -> None:
    """现在AI能克隆声音，千万别转账 warns about AI impersonation: the prohibitive refuses the transfer, so the
    impersonation frame is discounted and gives no AI mark; an impersonation that sells keeps both."""
    text = "妈，以后要是有人用我的声音打电话找你借钱，先挂掉。现在AI能克隆声音，千万别转账。"
    warning = engine.moderate({"id": "w1", "text": text})
    assert warning.action == "pass" and not warning.marks
    selling = engine.moderate({"id": "w2", "text": "用AI克隆了雷军的声音给我们的理财课代言，想赚钱的加我转账报名"})
    assert "aigc_deceptive" in {lr.label for lr in selling.labels} and selling.action != "pass"


@pytest.mark.parametrize(("text", "reported"), [
    ("资源发你了，看完就删，别被举报了", False),  # a report the poster fears: evasion
    ("这种号怕被举报，天天换", False),
    ("那个卖课的号已经被举报了", True),  # a report recounted
    ("我举报了这个账号", True),
])
def test_a_feared_report_is_no_report(text: str, reported: bool) -> None:
    i = text.index("号") if "号" in text else text.index("资源")
    kinds = {c.kind for c in scope_at(text, i, i + 1)}
    assert bool(kinds & {"reported", "reporting"}) is reported, (text, kinds)


def test_a_company_name_is_not_read_across_a_removed_comma(engine: Engine) -> None:
    """辐射像X光会伤DNA;手机 is two clauses, not a company called …手机: the smear frame's company family (names: true)
    and the enterprise detector drop a name read across ASCII clause punctuation; a company named within its clause
    still counts."""
    from qinglang.text.scope import crosses_clause

    nt = engine.normalizer.normalize("电离辐射像X光会伤DNA;手机、路由器是非电离辐射")
    assert crosses_clause(nt, nt.text.index("辐射像"), nt.text.index("手机") + 2)
    assert not crosses_clause(nt, nt.text.index("手机"), nt.text.index("手机") + 2)
    text = "辐射分两种:电离辐射像X光会伤DNA;手机、路由器是非电离辐射,正常使用不用担心"
    science = engine.moderate({"id": "c1", "text": text})
    assert "enterprise_smear" not in {lr.label for lr in science.labels}
    smear = engine.moderate({"id": "c2", "text": "鑫源食品有限公司的辣条里全是地沟油，吃了拉肚子"})
    assert "enterprise_smear" in {lr.label for lr in smear.labels}


def test_an_idiom_holding_a_vulgar_word_is_not_vulgar(engine: Engine) -> None:
    idiom = engine.moderate({"id": "v1", "text": "这些年走南闯北，接触形形色色的人，对比下来觉得大家都挺好"})
    assert "vulgar" not in {lr.label for lr in idiom.labels}


def test_a_pastime_and_a_late_night_are_no_dangerous_challenge(engine: Engine) -> None:
    """熬夜打游戏 is a habit (游戏 is no dare); a dare with a dangerous act still is a challenge."""
    habit = engine.moderate({"id": "m1", "text": "我妈说我就是个傻子，天天熬夜打游戏哈哈"})
    assert "minors_harm" not in {lr.label for lr in habit.labels}
    dare = engine.moderate({"id": "m2", "text": "#暑假挑战从三楼跳到床垫上# 谁敢谁是真男人，小学生都在玩"})
    assert "minors_harm" in {lr.label for lr in dare.labels} and dare.action != "pass"


# prec10 (session 10): classes of innocence found on hard negatives across the blind sets, tested in other wordings.

@pytest.mark.parametrize(("text", "term", "alerted"), [
    # a warning's opener addressed to readers, the post naming the scheme as a scam or saying it was reported
    ("提醒各位宝妈：有人冒充快递员打电话说包裹丢了要理赔，让你加好友，都是骗子", "加好友", True),
    ("转给家里老人看：陌生人让扫码领鸡蛋，扫完就开通了免密支付，已经有人被骗了", "扫码", True),
    ("各位家长注意！有人在游戏里用免费送装备骗孩子拍照，我已截图报警", "拍照", True),
    # a rumour dressed as a warning names no scam: the opener does not reach it
    ("重要提醒：明天起所有银行暂停转账一周，赶紧把钱取出来", "暂停转账", False),
    # an opener far from the start is no opener
    ("今天在小区门口看到有人发传单说扫码送米，我没扫，顺便提醒：小心骗子", "扫码", False),
])
def test_a_warning_opener_reaches_the_post(text: str, term: str, alerted: bool) -> None:
    assert ("alert" in _kinds(text, term)) is alerted, (text, _kinds(text, term))


def test_a_scam_warning_addressed_to_parents_is_not_acted_on(engine: Engine) -> None:
    """The grooming and minors frames describe what the warning warns of; told to a child, the scheme is acted on."""
    warning = engine.moderate({"id": "a1", "surface": "private_chat", "kind": "message", "text":
                               "家长群转一下：有人在手游里用“送限定皮肤”哄小学生拍照片，还让装阅后即焚的聊天软件，"
                               "已经截图报警了，大家回家看看孩子的手机"})
    assert warning.action in ("pass", "label"), warning.labels
    lure = engine.moderate({"id": "a2", "surface": "private_chat", "kind": "message",
                            "audience": {"minor_mode": True, "age": 11},
                            "text": "小妹妹送你限定皮肤，拍几张照片发我，用阅后即焚发，别告诉你爸妈哦"})
    assert lure.action not in ("pass", "label")


def test_an_a_not_a_question_inside_a_cue_asks() -> None:
    text = "这段视频是不是AI合成的？感觉口型对不上"
    i = text.index("不是AI")
    assert "question" in {c.kind for c in scope_at(text, i, i + 4)}
    plain = "这张不是AI，是我自己拍的"
    j = plain.index("不是AI")
    assert "question" not in {c.kind for c in scope_at(plain, j, j + 4)}


def test_a_name_whose_suffix_begins_a_longer_word_names_no_company() -> None:
    """科技|馆, 网络|游戏: the suffix a company pattern read is the modifier of another thing; 化工厂 still ends as a
    business."""
    from qinglang.text.scope import agent_noun, name_cut

    t = "周末陪儿子逛了市科技馆"
    assert name_cut(t, t.index("市"), t.index("馆")) == "科技馆"
    f = "听说江北化工厂又偷排"
    assert name_cut(f, f.index("江"), f.index("化工") + 2) is None
    d = "康复治疗师每周三坐诊"
    assert agent_noun(d, d.index("治"), d.index("治") + 1) == "治疗师"
    assert agent_noun("三天就能治好", 4, 5) is None


def test_a_hit_between_two_quotes_is_not_quoted() -> None:
    # session 14 (minors14): 「菠菜」上又上岸…「发财」 — the first quote closed before 上岸, the second opens after
    # it; the hit was read as quoted from the first opener to the last closer and discounted
    from qinglang.text.scope import _quotation

    text = "今天在「菠菜」上又上岸八千💰想跟着吃肉的兄弟扣个1，带你们一起「发财」"
    i = text.index("上岸")
    assert _quotation(text, i, i + 2) is None
    text = '他说"nmsl"然后sb又说"滚"'
    i = text.index("sb")
    assert _quotation(text, i, i + 2) is None
    text = "群里有人骂“你就是个sb吧”"  # still inside one quote
    i = text.index("sb")
    assert _quotation(text, i, i + 2) == "“”"
