"""Who a post's offensive words are aimed at: a group of people, one person, or not clear (issue 15, item 3).

The `cold` model says a post is offensive and reports both labels it was trained on, `abuse` (谩骂: one person
insulted) and `antagonism` (群体对立: a group of people — a region, a sex, the city or the countryside, a trade —
run down as a whole). Which of the two the post is depends on its target, not on the insult words, and the target
has a closed grammar of its own:

- **a group** — a people noun generalized: a noun of people followed by a universal predicate (河南人都是…, 女的就是
  不行, 男人没一个好东西, 医生十个有九个…), or a collective determiner before it (这帮外地佬, 那群蝻, 这些城里人);
- **one person** — an insult addressed or pointed: second person singular (你, 你这种…), a thread role (楼主,
  博主, 主播, 楼上), a demonstrative of one (这人, 这种人, 那个开宝马的女的, 这货), a name or an @-mention.

`read_target` gives ``"group"`` when only a group is named, ``"person"`` when only a person is, and None otherwise
(both or neither: the model's two labels stand). The model detector (`qinglang.models.detector`, param
`target_split`) keeps the label that fits the target and discounts the other, with the reading in its evidence's
scope (``target:group:河南人都是``). Nothing here is a topic word: a new region, trade or slur for women is read by
the same frame.
"""

from __future__ import annotations

import re

KINDS = ("person", "group")
_H = r"[\u4e00-\u9fffA-Za-z]"
# Pronouns and people words that are no group to run down: the speaker's own side, the reader, anyone at all.
_NOT_GROUP = ("我们", "咱们", "大家", "你们", "有人", "别人", "他人", "本人", "个人", "某人", "众人", "好人", "坏人",
              "这人", "那人", "此人", "路人", "熟人", "家人", "亲人", "老人家", "主人", "客人", "病人", "全家",
              "家里人", "老人", "说的", "装的", "写的", "发的", "讲的",
              # prec14: a household or one's own people is no group run down (你家, 人家, 一家子)
              "你家", "他家", "她家", "我家", "人家", "谁家", "一家", "自家", "老家")
# A universal predicate after a noun of people: the whole group is said to be something.
_UNIVERSAL = ("都是", "就是", "就会", "就该", "天生", "都该", "都这样", "都一样", "都不是", "全是", "全都",
              "没一个", "没有一个", "十个有九个", "十个里九个", "一半是", "个个都", "统统", "都去死", "都滚",
              # prec14: the negative universals (女的就不该开车, 外地人素质就这样)
              "就不该", "不该", "不配", "就这样", "改不了")
# prec14: a few words may stand between the people noun and its universal predicate (农村人素质就是低, 男人没房没车就是
# 废物, XX省人就没一个好东西); no clause break between them.
_GAP = "[^，。！？,.!?\\s]{0,6}?"
_PEOPLE_END = "(?:人|佬|们|的|男|女|族|党|粉|狗|鬼|蝻|拳|师|生|员|客|官|工|商|户|妈|爸|家|后)"
_GROUP_RX = re.compile(
    # a place or a people named only by a demonstrative (那个省的, 那地方的人, 某些群体): first, since the noun of the
    # next pattern would start with the demonstrative and be read as one person
    "(?:这个|那个|某个|那|这|某些?)(?:省|地方|城市|县|村|国家|民族|群体|地区)(?:的人|的|人)|"
    # the collective determiner first: 这帮外地佬素质就这样 is read from 这帮, not refused as a noun opening with 这
    f"(?:这帮|那帮|这群|那群|这些|那些|一帮|一群)(?P<noun2>{_H}{{1,5}}?{_PEOPLE_END})|"
    f"(?P<noun>{_H}{{1,5}}?{_PEOPLE_END})(?P<gap>{_GAP})(?:{'|'.join(_UNIVERSAL)})|"
    # prec14: a whole group sent off or struck out at once (全都滚回老家, 建议全体回炉, 集体嘎腰子, 全部吊销驾照)
    "(?:全体|集体|全部|全都|统统|一律)该?(?:回炉|嘎|滚|吊销|赶出|赶走|出去|去死|挂路灯|枪毙)|"
    # prec14: the people of a place as the subject of a deed run down (外地人滚出我们…, 河南人偷井盖, 上海人排外)
    f"(?<![个位])(?P<noun6>{_H}{{1,3}}(?:人|佬))(?:滚|偷|抢|排外|什么都|天天|把我们|来我们)|"
    # a people of a place caught at it again (河南人又…), a cohort (这届蝻人, 现在的女人), one of them stands for all
    f"(?P<noun3>{_H}{{2,3}}人)又|(?:这届|这代|现在的|当代|如今的)(?P<noun4>{_H}{{1,4}}?{_PEOPLE_END})|"
    "哪里有(?P<noun5>[^，。！？\\s]{1,6})哪里就有")
# An addressed or pointed-at individual.
_PERSON_RX = re.compile(
    "你(?!们|懂|知道|敢信|看|品|猜|想想|家门|就明白|会发现|就知道)|楼主|博主|主播|[uU][pP]主|楼上|楼下的|层主|"
    "这位|这人|那人|此人|这货|那货|这种人|这样的人|这种[^，。！？\\s]{1,8}?的人|"
    # prec14: one person in the third person (把她拉进群, 他家门口), and "this kind of" + a role or a thing-word for one
    # (这种垃圾老师, 这种女的就是…)
    "[他她](?![们家的])|这种[^，。！？\\s]{0,4}?(?:老师|医生|女的|男的|货|东西|玩意)|"
    "(?:这|那)(?:女的|男的|女人|男人|老师|律师|医生|大夫|老板|司机|小子|丫头|老头|老太|家伙)(?![们都])|"
    f"(?:这个|那个|这位|那位)(?!省|地方|城市|县|村|国家|民族|群体|地区){_H}{{0,8}}?"
    "(?:的|人|女|男|老板|主播|博主|大妈|大爷|司机|老师|妈妈|师|生|员|长|警|官)(?![们都])|"
    "叫[\u4e00-\u9fff][A-ZX×*某]{1,2}|@\\S")


# Session 15 (minors15): one person named the way posts name a pupil or a stranger they turn on — a surname with the
# given name masked or diminished (王某某, 周某婷, 王x萱, 林小雨), "that" + a nickname or a pupil's word (那个眼镜妹,
# 这个女生), the account's owner (号主), a real name laid bare (真名叫). Read only by `person_spans` (the frames'
# `target: person`): the model's abuse / antagonism split keeps `person_cue` as it was.
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
             "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
_NAMED_RX = re.compile(
    f"[{_SURNAMES}](?:[某xX×*＊]{{1,2}}[\u4e00-\u9fff]?|小[\u4e00-\u9fff])|"
    "(?:这个|那个|这位|那位)[\u4e00-\u9fff]{0,6}?(?:妹|弟|同学|女生|男生|胖子|学生|孩子|小孩|女孩|男孩)(?![们都])|"
    # her / his things (她的丑照, 他的宿舍号); person_cue leaves 她的 out (他的视频就是垃圾 runs down a thing)
    "号主|真名(?:叫|是)?|[他她](?=的)")


# Session 16 (story16): a people noun anywhere in the post, generalized or not — a place's people (河南人,
# 东北银, 西区的人), a sex and its slurs (男的, 女拳, 蝻, 普信), a generation (00后), a trade (外卖骑手, 城管),
# city or countryside, rich or poor, a collective (一群, 这帮). Read only when the post names neither a group run
# down as a whole nor one person: without any people noun at all the model's `antagonism` has no group to be about
# (卖家全家不得好死, zs吧 丑八怪, 全村人都来帮忙 are insults or no insult at all, not 群体对立). A nickname for a
# place (河蓝人) is matched by its 人.
_PLACES = ("北京|天津|河北|山西|内蒙古?|辽宁|吉林|黑龙江|东北|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|"
           "广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|台湾|香港|温州|潮汕|苏北|北方|南方|"
           "外地|外省|本地|农村|乡下|城里|县城|城中村|大城市|小地方|某省|某地|某国|某南|某北|[A-Z][市省县区]?|"
           "[东西南北]区|那个省|那个县|那边|隔壁省|"
           f"{_H}{{1,2}}[省市县区]")
_GROUP_WORD_RX = re.compile(
    f"(?:{_PLACES})的?(?:人|佬|银|女|男|老乡|老表|仔|籍|来的|出来的)|{_H}{{1,2}}[蓝楠男女]人|"
    "男人|女人|男的|女的|男性|女性|蝻|楠|女拳|男拳|普信|捞女|小仙女|国男|田园|沸羊羊|舔狗|直男癌|"
    "[0-9零〇一二三四五六七八九]0后|老年人|年轻人|老人们|大妈们|中年人|"
    "外卖员|外卖骑手|骑手|快递员|城管|农民工|打工人|公务员|程序员|女司机|有钱人|穷人|富人|富二代|资本家|"
    "做题家|泥腿子|乡巴佬|土包子|外地人|本地人|城里人|农村人|乡下人|少数民族|九头鸟|井盖|小土豆|"
    "一群|一帮|这帮|那帮|这群|那群|这些人|那些人|这类人|"
    # a race, a nation, a faith, a sexuality named as a people (黑人, 亚裔, 日本人, 女权, 基佬)
    "黑鬼|老黑|黑蛆|白皮|白左|阿三|棒子|鬼子|洋人|老外|少民|穆斯林|绿绿|女权|男权|同性恋|基佬|直男|直女|男同|女同|日本人|"
    # a sex, a place or a country named bare: on its own a name stands for its people (男生, 女方, 东北, 日本)
    "男生|女生|男女|男方|女方|中国|日本|美国|韩国|越南|印度|非洲|台湾|香港|澳门|新疆|西藏|"
    # the slurs real comments put on a sex, a race or a sexuality (CNTP: 母猪, 女籍, 龟男, 🦍, lgbt, 艾滋)
    "母猪|母狗|母畜|女籍|国女|龟男|龟奴|黑犬|🦍|lgbt|同性|反同|艾滋|女孩|男孩|男童|女童|婊|幕刃|幕狗|汉奸|血统|地区|地方的|"
    f"{_PLACES.replace(f'|{_H}{{1,2}}[省市县区]', '').replace('[A-Z][市省县区]?|', '')}|"
    f"(?P<gen>{_H}{{1,3}}(?:人|裔|族|佬|民))")
# a word ending in 人 that names no people as a group (a household, a role in one scene, anyone at all)
_NOT_PEOPLE = ("家人", "亲人", "客人", "病人", "主人", "路人", "熟人", "本人", "个人", "某人", "有人", "别人", "他人",
               "众人", "好人", "坏人", "大人", "小人", "夫人", "爱人", "情人", "丈人", "村人", "的人", "行人", "证人",
               "犯人", "名人", "真人", "超人", "人人", "恋人", "新人", "老人家", "人民", "网民", "市民", "居民", "公民",
               "家族", "上班族", "种族", "民族", "贵族", "冤大头",
               # a verb or a count before 人: someone acted on, not a people (让人烦躁, 骂人, 没人, 很多人)
               "让人", "叫人", "使人", "令人", "骂人", "打人", "害人", "杀人", "吓人", "气人", "坑人", "骗人", "撩人",
               "惹人", "迷人", "动人", "感人", "烦人", "伤人", "整人", "逼人", "看人", "待人", "做人", "为人", "求人",
               "找人", "等人", "救人", "送人", "帮人", "抢人", "招人", "用人", "养人", "多人", "少人", "没人", "几人",
               "两人", "三人", "一人", "成人", "撞人", "咬人", "喷人", "恶心人", "丢人", "个个人", "别的人",
               "给人", "泡人", "丑人", "对人", "把人", "被人", "向人", "跟人", "和人", "与人", "替人")


def group_word(text: str) -> str | None:
    """The first people noun of the post (a place's people, a sex, a generation, a trade, a collective), or None."""
    for m in _GROUP_WORD_RX.finditer(text):
        if not (m.group("gen") and m.group().endswith(_NOT_PEOPLE)):
            return m.group()
    return None


def person_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every cue that points at one person (the `person_cue` grammar plus a named person), in order."""
    spans = [m.span() for rx in (_PERSON_RX, _NAMED_RX) for m in rx.finditer(text) if m.end() > m.start()]
    return sorted(spans)


def group_cue(text: str) -> str | None:
    """The words that name a group run down as a whole, or None."""
    pos = 0
    while (m := _GROUP_RX.search(text, pos)) is not None:
        pos = m.end()
        name = next((g for g in ("noun", "noun2", "noun3", "noun4", "noun5", "noun6") if m.group(g)), None)
        if name is None:
            return m.group()
        noun = m.group(name)
        if any(noun.endswith(w) for w in _NOT_GROUP) or noun.startswith(("这", "那", "一个", "哪个")):
            continue
        if m.group("gap") and (noun.endswith("的") or noun.startswith(("你", "我", "他", "她", "它"))):
            # 他的视频就是垃圾: a possessive with words after it is someone's thing, not a people; the words after it
            # are read again (吃甜豆花的 | 南方人都是异类)
            pos = m.end(name)
            continue
        return m.group()
    return None


def person_cue(text: str) -> str | None:
    """The words that point the insult at one person, or None."""
    m = _PERSON_RX.search(text)
    return m.group() if m else None


def read_target(text: str) -> str | None:
    """``"group"`` or ``"person"`` when the post's insult has only that kind of target, else None."""
    tag = target_tag(text)
    return tag[0] if tag else None


def target_tag(text: str) -> tuple[str, str] | None:
    """(kind, cue) of the post's one kind of target, for an evidence scope (``target:group:河南人都是``), or None."""
    g, p = group_cue(text), person_cue(text)
    if g and not p:
        return "group", g
    if p and not g:
        return "person", p
    return None
