"""Session 20 (aigc20, issue 15; tasks 6 and 7): frames read by structure.

- Minors: the reader told how to get past the guardians — the act timed for when they cannot see (趁大人睡着), a lie
  handed for them (跟爸妈说学校要交钱, 老师问就说…), their failing to detect it (老师抓不到, 不容易被爸妈发现) — with a
  push or with children named as the readers (学生党, 小朋友们) is harm pushed on children
  (`minors_harm.behind_guardians`); a safety lesson quoting what a bad actor says (坏人常说“别告诉你爸妈”) is not.
  A dare put to the reader as a question (你敢吗) over a dangerous act, and no adult sold as the thrill (没有大人管才
  过瘾), are a dangerous challenge (`minors_harm.dangerous_challenge`).
- AI content: a service that strips the generation label (去角标, 去“AI生成”字样, 隐水印也能抹) or that makes generated
  text pass the AIGC checks (去AI味, 降AI率) is concealment (标识办法 Art. 10).

The examples are written for these tests (not taken from the blind sets, the corpus writers nor the twin pairs);
`engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

from frame_classes import class_tests

ACTED = [
    ({"text": "初中生看过来，周末想通宵打游戏的，趁爸妈睡着把平板拿进被窝，亲测有效"}, "minors_harm",
     "frame.minors_harm.behind_guardians"),
    ({"text": "小学生们想买卡牌又没钱？跟爸妈说班里要交复印费，一次就要到五十"}, "minors_harm",
     "frame.minors_harm.behind_guardians"),
    ({"text": "学生党福利：这款香水笔上课也能用，老师闻不出来😏", "audience": {"minor_mode": True}}, "minors_harm",
     "frame.minors_harm.behind_guardians"),
    ({"text": "逃掉晚自习的办法，班长点名也不容易被老师发现，三步搞定"}, "minors_harm",
     "frame.minors_harm.behind_guardians"),
    # a dare put to the reader over a dangerous act; no adult sold as the thrill
    ({"text": "从车库顶跳到草垛上，我们班男生都跳了，你敢吗？", "audience": {"minor_mode": True}}, "minors_harm",
     "frame.minors_harm.dangerous_challenge"),
    ({"text": "放学去水库边比谁游得远，没有大人管才过瘾，谁敢来"}, "minors_harm",
     "frame.minors_harm.dangerous_challenge"),
    ({"text": "短视频去角标 去“AI生成”字样 隐水印也能抹，一条五块，量大私我"}, "aigc_unlabeled",
     "frame.aigc_unlabeled.conceal_label"),
    ({"text": "AI写小红书笔记包月，每篇都去AI味，平台查不出来，私我拿样稿"}, "aigc_unlabeled", "frame.aigc_unlabeled"),
]

SPARED = [
    # a safety lesson quotes the bad actor's words
    {"text": "防性侵安全课上老师说：坏人最爱讲“这是我们的小秘密，别告诉你爸妈”，听到就要马上告诉家长"},
    # a surprise for the parents, timed while they are out
    {"text": "趁爸妈出门上班，我和妹妹偷偷布置了客厅，给他们的结婚纪念日一个惊喜"},
    # a parent asking what to do
    {"text": "孩子说老师闻不出来电子烟味，我该怎么办，求各位家长支招"},
    # a harmless dare; going out without adults, told plainly
    {"text": "一分钟跳绳180个，你敢挑战吗？体测加油"},
    {"text": "周末不带大人，我们几个同学自己坐地铁去图书馆，你们敢吗"},
    # removing a date watermark from one's own photo
    {"text": "旅行照片右下角的日期水印怎么去掉？求推荐修图软件"},
    # a rule reminder about labels
    {"text": "提醒：发布AI作品不要去掉“AI生成”字样，去角标会被判违规"},
]

test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(ACTED, SPARED)
