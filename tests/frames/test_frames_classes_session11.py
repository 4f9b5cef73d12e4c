"""Behaviour classes added in session 11 (recall11) across the ten tasks: each class is acted on with its label and
the evidence of its cues, in wordings other than the ones the classes were found from, and the ordinary sense of the
same words (a warning, a rebuke, a police notice, a documentary, safety education) is left alone.

The examples are written for these tests (not taken from the blind sets in tests/data/blind nor the twin-pair sets);
`engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

import pytest
from frame_classes import class_tests, decide

from qinglang.engine import Engine

ACTED = [
    # task 4: a scripted encounter sold as unscripted footage
    ({"text": "环卫大爷被路人一脚踢翻了早餐，接下来的一幕让人泪目（全程无剧本，路人偷拍）", "kind": "video"},
     "staged", "frame.staged.claimed_real"),
    # task 4: an episode number over a family drama, likes traded for the next one
    ({"text": "第九集：上回被女婿赶出家门的丈母娘今天在桥洞下被我们找到了，点赞过五万下期带她回家", "kind": "video"},
     "staged", "frame.staged.serial_spectacle"),
    # task 9: an account speaking as an outlet: its commentator, what "this account" learned
    ({"text": "【本站评论员】某国宣布加征关税，本站评论员认为此举损人不利己"}, "unlicensed_news",
     "news.genre.own_commentator"),
    ({"text": "据本号从内部渠道获悉，某区区长今天下午被带走调查"}, "unlicensed_news", "news.genre.own_sources"),
    # task 9: a county media centre's accounts rented out for other people's political copy
    ({"text": "承接代运营乡镇融媒体账号，时政稿、会议稿都能发，按篇计费，一篇500"}, "unlicensed_news",
     "frame.unlicensed_news.licence_trade"),
    # task 5: the medicine given up as proof, in a live sale
    ({"text": "这款桑葚酵素我婆婆喝了半年，降糖药都停了，今天直播间三盒一百九", "surface": "live",
      "kind": "transcript"},
     "false_ad", "frame.false_ad.cure_sale"),
    # task 5: efficacy guaranteed with money back
    ({"text": "姐妹们这款奶昔代餐，一个月瘦十五斤，不瘦全额退款，库存不多了", "surface": "live", "kind": "transcript"},
     "false_ad", "frame.false_ad.guaranteed_efficacy"),
    # task 5: a health claim made to sell the product is an advertisement's claim too
    ({"text": "我们家的降压枕头，高血压的老人枕一个月，血压稳稳的，不用再吃药了，下单链接在下面"},
     "false_ad", "claims.false"),
    # task 10: a course promising the exam is passed, money back if not (《广告法》第二十四条)
    ({"text": "会计初级考前班，保过！没过全额退学费，仅剩5个名额", "surface": "local"}, "false_ad",
     "frame.false_ad.exam_guarantee"),
    # task 5: hospitals said to use the product themselves, in a sale
    ({"text": "这个代餐粉医院营养科都在用，今天直播间最后五十单", "surface": "live", "kind": "transcript"}, "false_ad",
     "frame.false_ad.borrowed_authority"),
    # tasks 1 and 10: an unnamed place, or a trade, given a sweeping verdict
    ({"text": "那边的人啊，十个里有八个爱占小便宜，租房千万别租给他们", "kind": "comment", "surface": "comment"},
     "antagonism", "frame.antagonism.sweeping_verdict"),
    ({"text": "跑网约车的都是一群没文化的乡巴佬，也配跟我们坐一桌？", "kind": "comment", "surface": "comment"},
     "antagonism", "frame.antagonism.group_contempt"),
    # task 2: a seller's boycott of a rival's product, steering to their own
    ({"text": "千万别买“晨光”牌电热水壶，烧水有重金属，我们店里这款是食品级的，需要的私"},
     "enterprise_smear", "frame.enterprise_smear.rival_steer"),
    # task 2: an exposure put off as the price of a yearly "cooperation"
    ({"text": "刘总，贵酒店被投诉的视频我们已经剪好了，如果签我们的年度推广（4万），这期可以暂缓播出。",
      "surface": "private_chat", "kind": "message"}, "extortion", "frame.extortion."),
    # task 3: the reverse dare pointing to a site or to the poster's profile
    ({"text": "千万别搜“夜雨小站”，我昨天看到天亮，别说我没提醒", "kind": "comment", "surface": "comment"},
     "drainage", "frame.drainage.search_dare"),
    ({"text": "千万不要点我头像🙈 里面有你懂的", "kind": "comment", "surface": "comment"},
     "drainage", "frame.drainage."),
    # task 4: a casualty list withheld for likes
    ({"text": "山洪冲垮了整个村子！点赞过三万我就公布完整遇难者名单", "kind": "video"},
     "clickbait", "frame.clickbait.disaster_list_bait"),
    # task 7: a minor's own drinking boast; self-harm shared in a check-in group
    ({"text": "13岁第一次一个人吹了一整瓶啤酒，谁比我猛"}, "minors_harm", "frame.minors_harm.minors_drinking"),
    ({"text": "今天第五道了，想一起的私我，拉你进打卡群"}, "minors_harm", "frame.minors_harm.self_harm_group"),
    # task 7: a classmate's photo mocked and passed round the grade group
    ({"text": "把陈晓雨的照片P成猪头了，转到年级大群去，谁还跟她玩谁就是叛徒", "surface": "private_chat",
      "kind": "message"}, "bullying", "frame.bullying."),
    # task 7: sexual acts inside a children's story
    ({"text": "儿童睡前故事：灰姑娘对王子说，把衣服脱掉，我们来玩大人的游戏，不可以告诉后妈", "kind": "audio",
      "surface": "search"}, "minors_harm", "frame.minors_harm.sexualized_story"),
    # task 7: a self-destructing photo app as the promise of secrecy
    ({"text": "下个这个软件，照片看一眼就自动删除，你妈发现不了。你才初一，发一张只穿睡衣的给我",
      "surface": "private_chat", "kind": "message"}, "grooming", "frame.grooming."),
    # task 8: fetish slang in pinyin said about pupils
    ({"text": "初中生的yuzu真好看 有没有更多", "kind": "comment", "surface": "comment"},
     "minors_harm", "frame.minors_harm.sexual_slang_minors"),
    # task 6: a counted batch of reviews with the length the request set; markers promised away
    ({"text": "以下是5条关于“阿芳米线”的好评，每条25字左右： 1. 汤头鲜，米线滑，老板热情。 2. 分量足，价格实惠。",
      "kind": "comment", "surface": "comment"}, "aigc_unlabeled", "frame.aigc_unlabeled.assistant_reply"),
    # task 2: an executive's "leaked" words
    ({"text": "某快递公司老板内部讲话曝光：“快递员就是耗材”，这种公司还用它干嘛"},
     "enterprise_smear", "frame.enterprise_smear.leaked_words"),
]


SPARED = [
    # a documentary episode; a road notice filmed by a resident
    {"text": "纪录片《人间烟火》第三集：真实记录急诊室里一个普通的夜晚，医生当场哭了", "kind": "video"},
    {"text": "今天东环路修管道，早高峰堵了一小时，本人实拍，大家绕行", "kind": "video"},
    # a blogger promising more travel guides; a licensed outlet's reporter, not an account posing as one
    {"text": "本号将持续更新云南自驾攻略，欢迎关注"},
    # a doctor's warning against stopping medicine; a shop's ordinary return policy
    {"text": "医生提醒：降压药不能自己停，药都停了的话血压反弹很危险，要遵医嘱"},
    {"text": "七天无理由退货，不满意全额退款，放心拍"},
    # a school refusing to promise a pass; a student's complaint about one
    {"text": "有人问我们能不能保过，我们不承诺保过，只能陪你把真题刷透"},
    {"text": "报的班说好的不过退费，结果没过也不给退，投诉无门"},
    # praise of a region; a trade praised
    {"text": "那边的人都特别热情，下次还去", "kind": "comment", "surface": "comment"},
    {"text": "快递员都是起早贪黑很辛苦的，大家收件时多体谅", "kind": "comment", "surface": "comment"},
    # a police notice describing the dare as a scam
    {"text": "警方破获利用“千万别搜”暗号在评论区引流色情网站的案件，嫌疑人已被刑拘"},
    # a relief agency publishing the list of the missing
    {"text": "洪灾失踪人员名单已由县应急管理局公布，请家属核对"},
    # body-safety education for children
    {"text": "防性侵绘本推荐：教孩子如果有人让你脱掉衣服，要大声拒绝并马上告诉妈妈"},
    # a parent warning about self-destructing photo apps
    {"text": "提醒家长：有人用阅后即焚软件骗孩子发照片，照片看一眼就自动删，大家看看孩子手机"},
    # a news outlet citing the company's own statement
    {"text": "据新京报报道，该公司已回应称网传内部讲话系伪造，已报警处理"},
]


# Innocent posts that other detectors still act on (the cold model reads a rebuke's quoted insult, the clickbait
# lexicon a bare 千万别搜): the session-11 frames stay off them.
SPARED_BY_FRAMES = [
    {"text": "别地图炮了，哪里都有好人和坏人，说那个省的人素质差的人才素质差", "kind": "comment", "surface": "comment"},
    {"text": "千万别搜“深海恐惧症”的图片，太吓人了", "kind": "comment", "surface": "comment"},
]
NEW_FRAMES = ("frame.antagonism.sweeping_verdict", "frame.antagonism.group_contempt", "frame.drainage.search_dare",
              "frame.drainage.profile_dare")


test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(ACTED, SPARED)


@pytest.mark.parametrize("item", SPARED_BY_FRAMES)
def test_session11_frames_stay_off_the_rebuke_and_the_scare(engine: Engine, item: dict) -> None:
    _, _, rules = decide(engine, item)
    assert not [r for r in rules if r.startswith(NEW_FRAMES)], rules
