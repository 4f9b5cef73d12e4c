"""A contact given for the poster's own errand: the personal, non-commercial side of 引流 (campaign task 3, issue 16).

引流 is an offer: something for the reader (资源, 福利, money, a game, a date, cheap goods), a contact, and a move to
another channel. A personal contact turns the offer round: the reader is asked to help the poster (a sighting of a
lost dog, the owner of a found wallet), or the people the contact reaches already know one another (a family or
class group, neighbours of one housing estate), or meet in person and share a cost (a car-pool, a game of
badminton). The classes below name that relation, not a topic; none of them excuses a lure: the contact detector
applies them only to an item with no lure and no 暗号, and the 引流 frames use them (`shared: personal_contact`) only
to veto the frames whose offer could be a gift among people who know each other (a family 红包, a meet-up's
price), never the gambling, adult, water-army or spelt-handle frames.

Words that spam writes as a form of address are left out on purpose: 家人们 (a live-seller's "folks"), bare 同学 /
老乡 / 宝妈 (a recruiter's greeting), 楼上 / 楼下 (the comments above and below, in a thread).
"""

from __future__ import annotations

import re
from functools import lru_cache

# The classes, each a closed set of the relation's own words.
PERSONAL_CONTACT: dict[str, tuple[str, ...]] = {
    # the poster seeks what the reader may have seen (寻人、寻宠、寻物): the reward is for the reader's help
    "seek": ("寻人启事", "寻狗启事", "寻猫启事", "寻物启事", "寻宠", "寻狗", "寻猫", "寻人", "寻物", "走失", "走丢",
             "遗失", "丢失了", "弄丢了", "有线索", "提供线索", "知情者", "如有发现", "见到请", "看到请", "有见到的",
             "有看到的", "必有重谢", "重谢", "酬谢", "帮忙留意"),
    # the poster seeks a home for an animal of their own, free and on conditions (送养, 找领养)
    "rehome": ("送养", "找领养", "求领养", "免费领养", "领养人", "找新家", "找个好人家"),
    # the poster holds what belongs to the reader (失物招领: the contact is how the owner gets it back)
    "found": ("失物招领", "捡到", "拾到", "失主", "前来认领", "物归原主"),
    # a group of people who already know one another, named as such (a family's or a class's group, a reunion)
    "group": ("家族群", "家族聚会", "家庭群", "家宴", "年夜饭", "大寿", "寿宴", "生日宴", "满月酒", "开席",
              "亲戚们", "家长群", "班级群", "班群", "同学群",
              "同学会", "同学聚会", "同事群", "老乡会", "同乡会"),
    # neighbours of one housing estate or building (业主群, 物业, 几栋几单元)
    "neighbour": ("物业", "业主群", "邻居", "居委", "我们小区", "本小区", "小区群", "楼号", "门牌号", "几栋",
                  "单元楼"),
    # a meet-up among people who will see each other, its cost shared (约球, 拼车, 场地费AA)
    "meet": ("约球", "球友", "打球的", "场地费", "拼车", "顺风车", "顺路", "车友", "跑团", "骑友", "驴友", "桌游局",
             "aa制", "费用aa", "车费aa", "分摊",
             # a visitor met in person (我开车过来接你). Not 面交 / 自提: a coded ad writes them too
             # (闲置…同城面交，懂的来)
             "过来接你", "来接你", "去接你"),
    # The contact detector only (a handle with no lure): one person the poster knows, named by the relation (表姐,
    # 老同学), a number changed among them, family life shared (满月, 婚礼), a sport or a group-buy among neighbours.
    # A frame's offer is not read with these: a mention of a relative is not the audience of an offer (别告诉爸妈 is
    # the secrecy of grooming), a sport is a topic, and a group-buy group is also a shop's.
    "known": ("亲戚", "表姐", "表哥", "表妹", "表弟", "堂哥", "堂姐", "堂妹", "堂弟", "舅舅", "姑姑", "大姨", "小姨",
              "外婆", "姥姥", "我爸", "我妈", "爸妈", "我老婆", "我老公", "我闺女", "我儿子", "我女儿", "满月", "百天",
              "婚礼", "喜酒", "孩子的视频", "孩子的照片", "我家孩子", "女儿的", "儿子的", "孩子的老师", "老同学",
              "我同学", "大学同学", "高中同学", "初中同学", "小学同学", "我同事", "老同事", "前同事", "换手机号",
              # people who lived together (a dormitory's, a flat's): drain19, a relation of the same class
              "室友", "舍友",
              # a parent writing to the child's teacher (我是三年二班李可欣的爸爸…想请一天假) or the teacher to a
              # parent by name (朵朵妈妈您好): the number is for calling back. Not 班主任 / 家长您好, which a fake
              # teacher writes to any parent (请家长加班主任QQ…缴费)
              "请假", "请一天假", "的爸爸", "的妈妈", "的家长", "老师您好", "妈妈您好", "爸爸您好", "家长签字",
              "孩子有事",
              "换号了", "新号是", "换新号", "换了新号",
              "存一下", "业主", "羽毛球", "篮球", "足球赛", "乒乓球", "飞盘", "徒步", "团购群"),
}
# The frames' veto family (`shared: personal_contact`): every class but `known`.
PERSONAL_CONTACT_TERMS: tuple[str, ...] = tuple(dict.fromkeys(
    t for cls, terms in PERSONAL_CONTACT.items() if cls != "known" for t in terms))
_ALL_TERMS: tuple[str, ...] = tuple(dict.fromkeys(t for terms in PERSONAL_CONTACT.values() for t in terms))


@lru_cache(maxsize=1)
def _personal_rx() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(_ALL_TERMS, key=len, reverse=True))))


def personal_errand(text: str) -> str | None:
    """The first personal-contact cue of `text` (canonical: lower case, simplified), or None: the item gives its
    contact for the poster's own errand — a notice seeking or returning something, or people who know each other."""
    m = _personal_rx().search(text)
    return m.group() if m is not None else None


# The poster's own contact replaced (session 17, drain17): the old number or account is gone (换新号, 旧号不用了,
# 之前那个号被盗了, 微信被封了, 新的是…) and the post hands over the new one. Its reader is whoever held the old one:
# in a one-to-one chat, an acquaintance — the contact moves nobody from the platform, it keeps two people in touch.
# Read with `public_address`: the same notice to followers (老粉关注一下防走丢, 家人们 我被封了 新号在评论区) moves an
# audience, and that is 引流. The words are the notice's own structure (a change of one's own number), not a topic.
CHANGED_CONTACT_RE = re.compile(
    r"换(?:了|个)?(?:新的?)?(?:微信|手机|电话|qq|v|vx|wx)?号(?!码?[是为:：]?\s*(?:多少|给我))"
    r"|换(?:了|个)?新(?:的)?(?:微信|手机|电话|qq)"
    # the change told as the new account's attribute (我新换的qq号, 刚换的手机号): session 19, drain19
    r"|(?:新|刚)换(?:了|的)(?:微信|手机|电话|qq|v|vx|wx)?号"
    r"|(?:新|现在的?)(?:微信|手机|电话|qq)?号(?:码)?(?:是|为|[:：])"
    r"|新的是|旧号|老号|原来那个号|之前那个(?:号|微信|手机号|qq)|我的?新(?:微信|手机|电话|qq)号"
    r"|(?:微信|手机|qq|号|账号)(?:被盗|被封|丢了|掉了|坏了|不用了|停用了|注销了)"
)
# A post addressed to many (a crowd, followers), not to the one person who had the old contact
PUBLIC_ADDRESS: tuple[str, ...] = (
    "大家", "各位", "所有人", "你们", "家人们", "宝子们", "宝宝们", "兄弟们", "姐妹们", "朋友们", "老铁们", "亲们",
    "粉丝", "老粉", "铁粉", "关注", "防走丢", "不迷路", "防失联", "新来的",
)


# The writer reminds the reader who they are by one past encounter (我是上次加你的…, 我是那天在酒吧认识的…): the
# reader met the poster once and may not know them — the way a stranger's lure opens, not how an acquaintance writes
MET_ONCE_RE = re.compile(
    r"我是(?:上次|上回|那天|那晚|昨天|昨晚|前天|前几天|之前|以前)[^，,。！!？?]{0,14}?(?:你|认识|见过|遇到)")


def changed_contact(text: str) -> str | None:
    """The cue (canonical text) of a notice that the poster's own contact was replaced (换新号, 旧号不用了, 之前那个号被
    盗了), or None."""
    m = CHANGED_CONTACT_RE.search(text)
    return m.group() if m is not None else None


def public_address(text: str) -> str | None:
    """The first word of `text` (canonical) that addresses many readers (大家, 家人们, 老粉, 关注…), or None."""
    return next((w for w in PUBLIC_ADDRESS if w in text), None)


def met_once(text: str) -> str | None:
    """The self-introduction by one past encounter in `text` (canonical: 我是上次加你的), or None."""
    m = MET_ONCE_RE.search(text)
    return m.group() if m is not None else None

