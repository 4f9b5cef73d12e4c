"""Behaviour classes of campaign tasks 6-8 and 10 added in session 9 (intent9): each class is acted on with its label
and the evidence of its cues, in wordings other than the ones the classes were found from, and the ordinary sense of
the same words is left alone.

The examples are written for these tests (not taken from the blind sets in tests/data/blind); `engine` is the
session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

from frame_classes import class_tests

ACTED = [
    # task 6: an image prompt pasted under a caption that presents the picture as a family photo
    ({"text": "外婆年轻时在纺织厂的照片，翻箱底找到的 (vintage portrait, young chinese woman, textile factory, "
              "black and white, film grain, 1970s)"},
     "aigc_unlabeled", "frame.aigc_unlabeled.prompt_residue"),
    # task 6: the chatbot's closing offer left under the "own experience"
    ({"text": "辞职去大理开民宿的第一年，赚得不多但每天都很踏实。\n如需修改字数或风格，请随时告诉我！"},
     "aigc_unlabeled", "frame.aigc_unlabeled.assistant_closing"),
    # task 6: the chatbot's preamble naming the user's request
    ({"text": "以下是根据你给的素材撰写的探店文案：这家藏在老巷子里的面馆，汤头熬足了八小时……"},
     "aigc_unlabeled", "frame.aigc_unlabeled.machine_trace"),
    # task 6: a generation tool only in the tags, the scene told as seen
    ({"text": "刚刚在西湖断桥边亲眼看到一条白龙飞过去 在场的都惊呆了 #可灵AI #AI视频"},
     "aigc_unlabeled", "frame.aigc_unlabeled.tagged_as_real"),
    # task 6: a disaster scene carrying a generation trace -> presented as real (aigc_deceptive)
    ({"text": "山洪冲垮了整个村子，救援还没到，大家多转发 #Midjourney"},
     "aigc_deceptive", "frame.aigc_deceptive.traced_event"),
]


SPARED = [
    # a viewer calling out someone else's generated video, an AI artist sharing the prompt of a drawing
    {"text": "这条明显是AI做的，字都是乱码，大家别被骗了", "surface": "comment", "kind": "comment"},
    {"text": "今天跑的图，咒语放这了：cyberpunk city, neon lights, rain, cinematic lighting, 8k"},
    # an AI-art hashtag on a drawing the poster says they made; a camera spec list; a letter ending with an offer
    {"text": "用即梦画了一张想象中的敦煌飞天 #即梦AI #AI绘画"},
    {"text": "新手机到了，4k, 120fps, hdr 都支持，拍娃很清楚"},
    {"text": "合同初稿我改好了，有需要调整的地方请随时告诉我", "surface": "private_chat", "kind": "message"},
]


MINORS_ACTED = [
    # task 7: a classmate's photo doctored and shown to the class
    ({"text": "把他的自拍做成表情包了，明天发到班群，全班都能看到", "surface": "private_chat", "kind": "message",
      "audience": {"minor_mode": False, "age": 13}}, "bullying", "frame.bullying.doctored_photo"),
    # task 7: a character harmed by a weapon in a video for toddlers
    ({"text": "宝宝睡前动画：小兔子被斧头追着跑 最后一幕超刺激", "audience": {"minor_mode": True, "age": 5}},
     "minors_harm", "frame.minors_harm.gore_for_children"),
    # task 7: a vehicle stunt as a challenge
    ({"text": "暑假骑摩托飞坡挑战 看谁跳得最远", "surface": "home_first_screen"}, "minors_harm",
     "frame.minors_harm.dangerous_challenge"),
    # task 7: teaching a child to get round a parent's controls
    ({"text": "教你们一招：等爸妈睡着了再把平板的家长模式关掉，想玩多久玩多久",
      "audience": {"minor_mode": True, "age": 12}},
     "minors_harm", "frame.minors_harm.bypass_protection"),
    # task 7: a collection for an idol that asks pupils for their lunch money and sets a target
    ({"text": "初中的妹妹们也来出一份力，午饭钱省一省，集资还差三万，今晚一定冲完"}, "minors_harm",
     "frame.minors_harm.minor_fan_collection"),
]

MINORS_SPARED = [
    # a pupil's own photo edit, a family's memorial photo
    {"text": "把我自己的照片P成了漫画风，好看吗", "surface": "feed"},
    {"text": "爷爷的遗照是我去照相馆取的，全家人都很想他"},
    # a traffic-police reminder about helmets, a woodwork class
    {"text": "交警提醒：骑电动车请戴好头盔，不要载人，注意安全"},
    {"text": "木工课上老师教大家用锤子钉小板凳，孩子们做得很认真"},
    # a fan club refusing collections, a counsellor's advice to a doxxed child's parents, a watch telling a child
    # to go to bed
    {"text": "后援会声明：我们不集资，未成年粉丝请理性追星，把零花钱留着买书"},
    {"text": "孩子遭遇开盒怎么办？先截图留证，再联系平台，必要时报警"},
    {"text": "【回答】小朋友，通宵玩游戏对身体不好哦，早点睡，明天和爸爸妈妈商量玩多久吧",
     "surface": "search", "kind": "message", "audience": {"minor_mode": True, "age": 9}},
]


LANGUAGE_ACTED = [
    # task 10: a package of engagement counts sold to push a shop up the local chart
    ({"text": "同城热门代上 收藏300+转发200+ 每单50元", "surface": "local"}, "water_army",
     "frame.water_army.rank_service"),
    # task 8: memes of two kinds stacked on a prominent surface, and pushed to a child
    ({"text": "#开学第一天# 尊嘟假嘟 老师一开口我就破防了", "surface": "hot_search", "kind": "title"},
     "language_misuse", "frame.language_misuse.meme_stack_prominent"),
    ({"text": "今日份快乐：遥遥领先！你就是班里的显眼包", "surface": "popup", "kind": "message",
      "audience": {"minor_mode": True, "age": 11}},
     "language_misuse", "frame.language_misuse.meme_stack_"),
]

LANGUAGE_SPARED = [
    # the same memes between adults, a teacher telling pupils not to write them, a list of the year's memes
    {"text": "尊嘟假嘟 今天加班到十点我真的破防了", "surface": "comment", "kind": "comment"},
    {"text": "同学们，作文里别写“遥遥领先”“显眼包”这些词，规范用字从小做起", "surface": "popup", "kind": "message",
     "audience": {"minor_mode": True, "age": 11}},
    {"text": "年度十大流行语发布：显眼包、遥遥领先、破防了入选", "surface": "hot_search", "kind": "title"},
]


test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(
    ACTED + MINORS_ACTED + LANGUAGE_ACTED, SPARED + MINORS_SPARED + LANGUAGE_SPARED,
    absent_unless_pass=frozenset({"aigc_unlabeled"}))

