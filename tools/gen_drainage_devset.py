#!/usr/bin/env python3
"""Generate the drainage (引流) development set: synthetic posts from templates + random handles + obfuscations.

Writes `tests/data/drainage_dev.jsonl`, one row per post: `{"id", "text", "label", "kind", "split"}` with
label 1 (diversion: a contact handle, link or code word posted to lead users off the platform) or 0 (hard
negative: hotlines, 微信支付, 威信县, 折纸飞机, V领毛衣, order numbers, legit links, anti-fraud warnings…).

`split` is "dev" for the template families the detector was tuned on and "heldout" for families written
separately (other sentence frames, other cue spellings and obfuscations) to check that it generalizes.
Everything is our own text; the seed makes the file reproducible:

    python tools/gen_drainage_devset.py            # writes tests/data/drainage_dev.jsonl
    python tools/gen_drainage_devset.py --seed 7 --out /tmp/other.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import string
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CIRCLED = "⓪①②③④⑤⑥⑦⑧⑨"
FULL = "０１２３４５６７８９"
CN_LOW = "零一二三四五六七八九"
CN_UP = "零壹贰叁肆伍陆柒捌玖"
CN_SPOKEN = "洞幺两三四五六拐八勾"
BOLD = "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗"
KEYCAP = [f"{d}\ufe0f\u20e3" for d in "0123456789"]
PAREN = "0⑴⑵⑶⑷⑸⑹⑺⑻⑼"
HEARTS = ["❤", "💕", "✨", "🌸", "⭐", "~", "·", "-", "*", "/", "|", " ", "♥", "☆"]


# --- random handles ------------------------------------------------------------------------------------------
def wechat_id(r: random.Random) -> str:
    head = r.choice(string.ascii_lowercase)
    body = "".join(r.choice(string.ascii_lowercase + string.digits + "_") for _ in range(r.randint(5, 11)))
    return head + body


def qq_num(r: random.Random) -> str:
    return str(r.randint(1, 9)) + "".join(r.choice(string.digits) for _ in range(r.randint(5, 9)))


def mobile(r: random.Random) -> str:
    return "1" + r.choice("3456789") + "".join(r.choice(string.digits) for _ in range(9))


def tg_id(r: random.Random) -> str:
    return r.choice(string.ascii_lowercase) + "".join(
        r.choice(string.ascii_lowercase + string.digits + "_") for _ in range(r.randint(5, 10)))


def domain_name(r: random.Random) -> tuple[str, str]:
    stem = r.choice(["hg", "bet", "ag", "vip", "kk", "yy", "av", "sex", "xx", "ok", "js", "lc", "bc", "dd", "pp"])
    stem += "".join(r.choice(string.digits) for _ in range(r.randint(2, 5)))
    if r.random() < 0.3:
        stem += r.choice(string.ascii_lowercase)
    return stem, r.choice(["com", "cc", "vip", "top", "xyz", "net", "co", "me", "app", "live"])


# --- obfuscations --------------------------------------------------------------------------------------------
def digits_style(r: random.Random, num: str, styles: list[str]) -> str:
    style = r.choice(styles)
    if style == "plain":
        return num
    if style == "spaced":
        return " ".join(num)
    if style == "groups":
        cut = [3, 7] if len(num) == 11 else [len(num) // 2]
        parts, prev = [], 0
        for c in cut:
            parts.append(num[prev:c])
            prev = c
        parts.append(num[prev:])
        return r.choice([" ", "-", " - ", ".", "~"]).join(parts)
    table = {"circled": CIRCLED, "full": FULL, "cn_low": CN_LOW, "cn_up": CN_UP, "spoken": CN_SPOKEN,
             "bold": BOLD, "paren": PAREN}.get(style)
    if table is not None:
        return "".join(table[int(d)] for d in num)
    if style == "keycap":
        return "".join(KEYCAP[int(d)] for d in num)
    if style == "mixed":
        tabs = [CIRCLED, FULL, CN_LOW, CN_UP, "0123456789"]
        return "".join(r.choice(tabs)[int(d)] for d in num)
    if style == "sym":
        sep = r.choice(HEARTS)
        return sep.join(num)
    raise ValueError(style)


def letters_style(r: random.Random, s: str, styles: list[str]) -> str:
    style = r.choice(styles)
    if style == "plain":
        return s
    if style == "upper":
        return s.upper()
    if style == "full":
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)
    if style == "spaced":
        return " ".join(s)
    if style == "circled":
        return "".join(chr(0x24D0 + ord(c) - 97) if "a" <= c <= "z" else
                       (CIRCLED[int(c)] if c.isdigit() else c) for c in s)
    if style == "bold":
        return "".join(chr(0x1D41A + ord(c) - 97) if "a" <= c <= "z" else
                       (BOLD[int(c)] if c.isdigit() else c) for c in s)
    raise ValueError(style)


def sep_in(r: random.Random, word: str) -> str:
    """Wedge a decorative separator between the characters of a cue: 威❤信."""
    if len(word) < 2 or r.random() < 0.5:
        return word
    k = r.randint(1, len(word) - 1)
    return word[:k] + r.choice(HEARTS) + word[k:]


def obf_url(r: random.Random, host: str, styles: list[str]) -> str:
    style = r.choice(styles)
    if style == "plain":
        return host
    if style == "dian":
        return host.replace(".", r.choice(["点", " 点 ", "[点]", "（点）"]))
    if style == "dot":
        return host.replace(".", r.choice([" dot ", "dot", "[.]", "(.)"]))
    if style == "juhao":
        return host.replace(".", "。")
    if style == "c0m":
        return host[:-3] + "c0m" if host.endswith("com") else host.replace(".", "。")
    if style == "spaced":
        return " ".join(host)
    if style == "https_spaced":
        return "h t t p s : / / " + host
    if style == "full":
        return letters_style(r, host, ["full"])
    if style == "broken_scheme":
        return r.choice(["hxxps://", "h-t-t-p-s://", "ht tps://", "h**p://"]) + host
    raise ValueError(style)


# --- sentence pools ------------------------------------------------------------------------------------------
LURES_DEV = {
    "porn": ["深夜福利视频免费看", "同城约，学生妹上门服务", "福利姬私密视频合集", "老司机带你上车，资源每天更新",
             "全套服务包夜优惠", "成人视频无码高清", "寂寞了吗，裸聊一对一", "外围女模特可约"],
    "gambling": ["菠菜平台注册就送彩金", "百家乐真人视讯，稳赚不赔", "时时彩计划，导师带单回血",
                 "上下分秒到账，靠谱平台",
                 "bc平台首充送彩金", "北京赛车pk10，包赢计划", "线上娱乐城，返水最高", "球赛盘口下注，彩金天天送"],
    "water_army": ["招刷单兼职，佣金日结", "代刷粉丝点赞，价格美丽", "刷好评一单五元", "专业控评水军接单",
                   "点赞员招募中", "刷量涨粉，万粉起步"],
    "fraud": ["手机兼职日结，宝妈学生都可做", "在家躺赚，日赚三百", "办证刻章，各类证件", "代开发票，正规渠道",
              "代办学历证书，全国可查", "信用卡套现，秒到"],
    "none": ["有需要的朋友", "感兴趣的", "需要的话", "想了解的", "详细的", "", "私聊详谈", "24小时在线秒回"],
}
LURES_HELDOUT = {
    "porn": ["今晚寂寞吗，小姐姐陪聊", "偷拍视频合集，懂的来", "楼凤信息大全", "一夜情交友"],
    "gambling": ["澳门赌场线上版开业", "棋牌上下分，现金提现", "捕鱼游戏上下分", "六合彩内部资料"],
    "water_army": ["代刷各平台数据", "买粉丝找我们", "控评团队接单"],
    "fraud": ["办假证请联系", "黑户贷款不看征信", "打字员兼职，在家可做"],
    "none": ["", "欢迎咨询", "了解更多"],
}

WECHAT_CUES_DEV = ["微信", "威信", "薇信", "VX", "vx", "V", "v信", "绿泡泡", "wx", "微", "薇", "卫星"]
WECHAT_CUES_HELDOUT = ["Wechat", "维信", "围信", "wei信", "WX号", "Ⓥ"]
VERBS_DEV = ["加", "加我", "➕", "+", "联系", "私", "滴滴"]
VERBS_HELDOUT = ["添加", "戳", "找我", "✚"]


def p_wechat(r: random.Random, cues: list[str], verbs: list[str]) -> tuple[str, str]:
    cue = sep_in(r, r.choice(cues))
    verb = r.choice(verbs) if cue in ("V", "v", "微", "薇", "Ⓥ") or r.random() < 0.6 else ""
    ident = letters_style(r, wechat_id(r), ["plain", "plain", "upper", "full", "spaced", "circled", "bold"])
    fill = r.choice(["：", ":", " ", "", "号：", "❤", "→"])
    return f"{verb}{cue}{fill}{ident}", "wechat"


def p_wechat_digits(r: random.Random, cues: list[str], verbs: list[str]) -> tuple[str, str]:
    cue = sep_in(r, r.choice([c for c in cues if len(c) > 1] or cues))
    num = digits_style(r, mobile(r), ["plain", "groups", "circled", "cn_low", "full", "mixed"])
    return f"{r.choice(verbs)}{cue}{r.choice(['：', ' ', '同号'])}{num}", "wechat"


def p_qq(r: random.Random, heldout: bool) -> tuple[str, str]:
    cue = r.choice(["QQ", "qq", "🐧", "企鹅", "扣扣", "Q号"] if not heldout else ["抠抠", "球球", "秋秋", "q"])
    verb = r.choice(["加", "加我", "➕", "联系"]) if cue in ("企鹅", "q", "球球") or r.random() < 0.5 else ""
    num = digits_style(r, qq_num(r), ["plain", "spaced", "circled", "cn_low", "full", "sym", "groups"] if not heldout
                       else ["cn_up", "keycap", "paren", "bold", "mixed"])
    return f"{verb}{cue}{r.choice(['：', ' ', '', '号'])}{num}", "qq"


def p_qq_group(r: random.Random, heldout: bool) -> tuple[str, str]:
    cue = r.choice(["QQ群", "裙号", "群号", "🐧群", "扣群", "交流群"] if not heldout else ["q群号", "企鹅群", "群聊号"])
    num = digits_style(r, qq_num(r), ["plain", "groups", "circled", "cn_low", "spaced"] if not heldout
                       else ["cn_up", "keycap", "mixed"])
    return f"{r.choice(['加', '进', '', '速进'])}{cue}{r.choice(['：', ' ', ''])}{num}", "qq_group"


def p_telegram(r: random.Random, heldout: bool) -> tuple[str, str]:
    cue = r.choice(["纸飞机", "✈", "飞机", "TG", "telegram", "电报"] if not heldout else ["小飞机", "🛩", "灰机",
                                                                                   "Telegram号"])
    ident = letters_style(r, tg_id(r), ["plain", "upper", "full"])
    verb = r.choice(["加", "搜", "联系", "", "上"]) if not heldout else r.choice(["添加", "私", ""])
    return f"{verb}{cue}{r.choice([' @', '：@', '@', ' '])}{ident}", "telegram"


def p_phone(r: random.Random, heldout: bool) -> tuple[str, str]:
    styles = ["plain", "spaced", "groups", "circled", "cn_low", "full", "sym", "mixed"] if not heldout else \
        ["cn_up", "spoken", "keycap", "bold", "paren"]
    num = digits_style(r, mobile(r), styles)
    cue = r.choice(["电话", "📞", "手机", "联系电话", "☎", "tel", "打我电话"] if not heldout else ["手机号码", "📱",
                                                                                      "call", "致电"])
    return f"{cue}{r.choice(['：', ' ', ''])}{num}", "phone"


def p_url(r: random.Random, heldout: bool) -> tuple[str, str]:
    stem, tld = domain_name(r)
    host = r.choice(["www.", "", "m."]) + f"{stem}.{tld}"
    styles = ["dian", "juhao", "c0m", "https_spaced", "spaced", "full", "plain", "broken_scheme"] if not heldout \
        else ["dot", "dian"]
    text = obf_url(r, host, styles)
    cue = r.choice(["网址", "复制到浏览器打开", "官网", "登录", "入口", "", "点击"] if not heldout else ["地址", "戳",
                                                                                       "访问"])
    return f"{cue}{r.choice(['：', ' ', ''])}{text}", "url"


def p_link_special(r: random.Random, heldout: bool) -> tuple[str, str]:
    code = "".join(r.choice(string.ascii_letters + string.digits) for _ in range(r.randint(6, 10)))
    links = [f"https://t.cn/{code}", f"https://qm.qq.com/q/{code}", f"https://t.me/{tg_id(r)}",
             f"https://t.me/+{code}", f"pan.baidu.com/s/1{code} 提取码 {code[:4]}", f"https://weixin.qq.com/g/{code}",
             f"https://{domain_name(r)[0]}.com/app/{code}.apk"]
    if heldout:
        links = [f"https://url.cn/{code}", f"https://jq.qq.com/?_wv=1027&k={code}", f"https://pan.quark.cn/s/{code}",
                 f"https://t.me/joinchat/{code}", f"https://dwz.cn/{code}", f"https://www.aliyundrive.com/s/{code}"]
    lead = r.choice(["进群", "链接", "资源在这", "下载", "入口", ""])
    return f"{lead}{r.choice(['：', ' '])}{r.choice(links)}", "link"


def p_email(r: random.Random, heldout: bool) -> tuple[str, str]:
    local = r.choice([wechat_id(r), qq_num(r)])
    dom = r.choice(["qq.com", "163.com", "gmail.com", "126.com"])
    if heldout:
        text = f"{local}(at){dom.replace('.', '点')}"
    else:
        at = r.choice([" at ", "#", "艾特", "[at]"])
        text = f"{local}{at}{dom.replace('.', r.choice(['.', ' dot ', '点']))}"
    return f"{r.choice(['邮箱', '发邮件到', '联系邮箱', ''])}{r.choice(['：', ' '])}{text}", "email"


def p_codeword(r: random.Random, heldout: bool) -> tuple[str, str]:
    words = ["看主页", "主页有", "看简介", "头像有", "看置顶", "私我", "扣1私发", "滴滴我",
             "私信我"] if not heldout else \
        ["简介有", "置顶有", "戳我", "dd我", "评论区扣1"]
    return r.choice(words), "codeword"


def p_generic(r: random.Random, heldout: bool) -> tuple[str, str]:
    verb = r.choice(["加我", "联系我", "➕", "找我", "私我"] if not heldout else ["dd我", "滴滴我", "+"])
    ident = r.choice([wechat_id(r) + r.choice(["_", "-", ""]) + str(r.randint(100, 999)),
                      digits_style(r, qq_num(r), ["plain", "circled"])])
    return f"{verb}{r.choice(['：', ' ', ':'])}{ident}", "generic"


def p_channel_code(r: random.Random, heldout: bool) -> tuple[str, str]:
    words = ["加绿泡泡详聊", "企鹅私聊", "加纸飞机找我", "滴滴卫星", "裙号见主页", "加扣扣详谈",
             "绿泡泡联系"] if not heldout \
        else ["上小飞机联系", "私企鹅", "加卫星秒回", "球球加一下"]
    return r.choice(words), "channel_code"


def p_other_app(r: random.Random, heldout: bool) -> tuple[str, str]:
    cue = r.choice(["抖音号", "快手号", "小红书号", "陌陌号"] if not heldout else ["Skype", "WhatsApp", "Line ID"])
    return f"{cue}{r.choice(['：', ' ', ':'])}{wechat_id(r)}", "other_app"


def p_mention(r: random.Random, heldout: bool) -> tuple[str, str]:
    return f"{r.choice(['找', '联系', '私', ''])} @{tg_id(r)}{r.choice(['1', '_', '88'])}", "mention"


FAMILIES_DEV: list[tuple[str, Callable[[random.Random], tuple[str, str]]]] = [
    ("wechat", lambda r: p_wechat(r, WECHAT_CUES_DEV, VERBS_DEV)),
    ("wechat_digits", lambda r: p_wechat_digits(r, WECHAT_CUES_DEV, VERBS_DEV)),
    ("qq", lambda r: p_qq(r, False)), ("qq_group", lambda r: p_qq_group(r, False)),
    ("telegram", lambda r: p_telegram(r, False)), ("phone", lambda r: p_phone(r, False)),
    ("url", lambda r: p_url(r, False)), ("link", lambda r: p_link_special(r, False)),
    ("email", lambda r: p_email(r, False)), ("codeword", lambda r: p_codeword(r, False)),
    ("generic", lambda r: p_generic(r, False)), ("channel_code", lambda r: p_channel_code(r, False)),
    ("other_app", lambda r: p_other_app(r, False)), ("mention", lambda r: p_mention(r, False)),
]
FAMILIES_HELDOUT: list[tuple[str, Callable[[random.Random], tuple[str, str]]]] = [
    ("wechat", lambda r: p_wechat(r, WECHAT_CUES_HELDOUT, VERBS_HELDOUT)),
    ("qq", lambda r: p_qq(r, True)), ("qq_group", lambda r: p_qq_group(r, True)),
    ("telegram", lambda r: p_telegram(r, True)), ("phone", lambda r: p_phone(r, True)),
    ("url", lambda r: p_url(r, True)), ("link", lambda r: p_link_special(r, True)),
    ("email", lambda r: p_email(r, True)), ("codeword", lambda r: p_codeword(r, True)),
    ("generic", lambda r: p_generic(r, True)), ("channel_code", lambda r: p_channel_code(r, True)),
    ("other_app", lambda r: p_other_app(r, True)),
]
FRAMES_DEV = ["{lure}，{contact}", "{lure}！{contact}，{tail}", "{contact} {lure}", "【{lure}】{contact}",
              "{lure}\n{contact}\n{tail}", "{lure}~{contact}"]
FRAMES_HELDOUT = ["{tail}。{lure}——{contact}", "{contact}（{lure}）", "{lure}…… 详情{contact}"]
TAILS = ["备注来意", "名额有限", "先到先得", "秒回", "懂的来", "不回复请重加", "长期有效", ""]


def positive(r: random.Random, heldout: bool) -> tuple[str, str]:
    fams = FAMILIES_HELDOUT if heldout else FAMILIES_DEV
    name, fn = r.choice(fams)
    contact, _ = fn(r)
    lures = LURES_HELDOUT if heldout else LURES_DEV
    lure_kind = r.choice(list(lures))
    if name in ("codeword", "channel_code", "mention"):  # alone, these are not diversion: they need a lure
        lure_kind = r.choice([k for k in lures if k != "none"])
    lure = r.choice(lures[lure_kind])
    frame = r.choice(FRAMES_HELDOUT if heldout else FRAMES_DEV)
    text = frame.format(lure=lure, contact=contact, tail=r.choice(TAILS)).strip("，！~ \n")
    return text, f"{name}/{lure_kind}"


# --- hard negatives ------------------------------------------------------------------------------------------
def negatives_dev(r: random.Random) -> tuple[str, str]:
    city = r.choice(["北京", "武汉", "成都", "杭州", "西安", "长沙", "昆明", "昭通"])
    land = f"0{r.choice(['10', '27', '28', '571', '29', '731', '871'])}-{r.randint(2, 8)}{r.randint(1000000, 9999999)}"
    n = r.randint(1, 99)
    pools = {
        "hotline": [f"有困难请拨打{city}市12345政务服务便民热线", "遇到诈骗请立即拨打110报警",
                    "消费投诉请拨打12315热线",
                    f"{city}市公安局举报电话：{land}", f"{city}市人民医院预约挂号电话 {land}",
                    "国家反诈中心提醒：接到96110来电请务必接听", f"{city}市政府服务热线{land}，工作日受理",
                    f"社区居委会联系电话：{land}", "急救电话120，火警119，交通事故122"],
        "word": ["微信支付和支付宝都可以", "扫码用微信扫一扫就行", "今天在微信群里聊了很久",
                 f"{city}到威信县的路修好了",
                 "威信县的红军纪念馆值得一去", "小朋友在教室里折纸飞机", "折纸飞机比赛第一名飞了二十米",
                 "今年流行V领毛衣", "这件V领毛衣很显瘦", "菠菜炒鸡蛋是家常菜", "凉拌菠菜要先焯水",
                 "动物园的企鹅宝宝出生了", "南极企鹅游泳真可爱", "北斗卫星发射成功", "气象卫星云图显示台风登陆",
                 "坐飞机去三亚度假", "QQ音乐会员到期了", "QQ空间的照片还在", "更多作品看主页哦，谢谢关注",
                 "有问题可以私信我，看到就回", "支持的扣1", "我的微信号被封了怎么办", "手机没电了，回家充电",
                 "这个企鹅玩偶太萌了", "卫星城的房价涨了", "刷单是诈骗，警惕刷单返利骗局", "警方依法打击网络赌博",
                 "远离网赌，珍爱生活", "扫黄打非，整治色情低俗内容", "网上办证要去政务服务大厅窗口"],
        "number": [f"订单号{r.randint(10**15, 10**16)}已发货", f"快递单号SF{r.randint(10**11, 10**12)}",
                   f"今天是2024年{r.randint(1, 12)}月{r.randint(1, 28)}日", f"房价每平米{r.randint(10000, 99999)}元",
                   f"航班CA{r.randint(1000, 9999)}延误了", f"坐飞机CA{r.randint(1000, 9999)}去北京",
                   f"股票代码{r.randint(600000, 603999)}涨停", f"版本号v{r.randint(1, 9)}.{r.randint(0, 9)}.{n}更新了",
                   f"这台V{r.choice(['6', '8', '12'])}发动机很猛", f"比分{r.randint(0, 5)}:{r.randint(0, 5)}",
                   f"跑了{r.randint(10000, 50000)}步", f"粉丝破{r.randint(10000, 99999)}了，感谢大家",
                   f"iPhone {r.randint(11, 16)} Pro 降价了", f"第{r.randint(10000, 99999)}位顾客"],
        "link": ["详情请访问 www.gov.cn", "购票请登录 www.12306.cn", "报名网址：www.moe.gov.cn",
                 "官网 www.huawei.com 有说明",
                 "参考 https://zh.wikipedia.org/wiki/清朗", "代码在 https://github.com/example/project",
                 f"投稿邮箱 tougao{n}@people.com.cn", "简历投递至 hr@example.com", "见 python.org 的文档",
                 "我在bilibili.com上传了新视频"],
        "benign_contact": [f"{city}老字号面馆，订餐电话{land}", f"寻狗启事：金毛走失，联系电话{mobile(r)}，必有重谢",
                           f"小区物业值班电话{land}", f"学校招生办咨询电话：{land}",
                               f"客服热线400-{r.randint(100, 999)}-{r.randint(1000, 9999)}",
                           f"简历请发送至 hr{n}@company.cn，注明应聘岗位",
                               f"失物招领：捡到身份证一张，失主请联系{land}",
                           f"医院急诊电话{land}，24小时接诊", f"欢迎来电咨询{city}图书馆：{land}"],
        "chat": ["我加你微信了，通过一下", "你QQ号多少？", "微信号发我一下", "要不加个微信吧", "v我50，看看实力",
                 "飞机上信号不好", "新视频发布了，看主页哦", "有问题私信我", "这个问题私我详细说", "加油加油！",
                 "群里的朋友们晚上好", "好久没登QQ了", "企鹅的羽毛防水", "微信步数今天两万",
                     "给我打电话吧，号码你知道的",
                 f"QQ等级{n}级了", f"我的QQ空间访问量{r.randint(10000, 99999)}", "卫星电话在山里也能用",
                 "你的威信在哪里？在班上很有威信", "今天菠菜特价，三块一斤", "纸飞机飞过了操场",
                 "我在纸飞机上写了愿望", "微信支付：128元", f"谢谢@xiao_{n}的分享", "I went to the store",
                 "我们的官网是 www.apple.com.cn", f"加{n}元换购", f"群友{r.randint(1000, 9999)}人了", "本群已满500人"],
    }
    kind = r.choice(list(pools))
    return r.choice(pools[kind]), "neg/" + kind


def negatives_heldout(r: random.Random) -> tuple[str, str]:
    city = r.choice(["广州", "南京", "郑州", "贵阳"])
    land = f"0{r.choice(['20', '25', '371', '851'])}-{r.randint(2, 8)}{r.randint(1000000, 9999999)}"
    pool = [f"{city}市场监管投诉举报电话{land}", f"{city}派出所值班电话：{land}", f"{city}市长热线12345全天受理",
            "微信零钱提现到银行卡", "微信转账记录怎么查", "威信县今天下雪了", "手工课教孩子折纸飞机",
            "V领衬衫配西装", "菠菜豆腐汤的做法", "企鹅馆里人很多", "卫星导航定位很准", "飞机晚点了两个小时",
            "打击跨境赌博，守护百姓钱袋子", "警惕兼职刷单诈骗", f"预约挂号请拨打{land}", "关注我看主页的新作品",
            f"订单编号{r.randint(10**12, 10**13)}", f"营业额{r.randint(100000, 999999)}元", "登录 www.gov.cn 查看通知",
            "QQ飞车新赛季开始了", "我用企鹅电竞看直播", "下载国家反诈中心APP",
            f"装修公司电话{land}，免费上门量房", f"寻猫：橘猫走失，有线索请联系{mobile(r)}", "加个好友呗",
            "你微信多少", "我在飞机上看完了这本书", "主页有我全部的旅行照片", "欢迎私信交流摄影技巧",
            f"快递员电话{mobile(r)}放门口就行", "我们班建了个QQ群", "凉拌菠菜加蒜末", "V字手势拍照",
            f"投稿请发邮件至 editor{r.randint(1, 99)}@press.cn"]
    return r.choice(pool), "neg/heldout"


def generate(seed: int, n_dev: int = 400, n_heldout: int = 150) -> list[dict[str, object]]:
    r = random.Random(seed)
    rows: list[dict[str, object]] = []
    seen: set[str] = set()

    def add(split: str, label: int, fn: Callable[[], tuple[str, str]], count: int) -> None:
        made, tries = 0, 0
        while made < count and tries < count * 50:
            tries += 1
            text, kind = fn()
            if text in seen:
                continue
            seen.add(text)
            rows.append({"id": f"{split}-{'p' if label else 'n'}-{made:04d}", "text": text, "label": label,
                         "kind": kind, "split": split})
            made += 1

    add("dev", 1, lambda: positive(r, False), n_dev)
    add("dev", 0, lambda: negatives_dev(r), n_dev)
    add("heldout", 1, lambda: positive(r, True), n_heldout)
    add("heldout", 0, lambda: negatives_heldout(r), n_heldout)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20241128)
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "data" / "drainage_dev.jsonl")
    args = ap.parse_args()
    rows = generate(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    by = {(str(r["split"]), int(r["label"])) for r in rows}  # type: ignore[call-overload]
    counts = {k: sum(1 for r in rows if (r["split"], r["label"]) == k) for k in sorted(by)}
    print(f"wrote {len(rows)} rows to {args.out}: {counts}")


if __name__ == "__main__":
    main()
