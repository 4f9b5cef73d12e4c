"""News detector (campaign 9): news-genre text or a news-like name from an unlicensed account → `unlicensed_news`.

Licensed holders come from a registry the platform supplies (`news_licence.NewsRegistry`, CSV, loaded once in the
constructor):

```
licence_no,entity,accounts,category
31120170006,上海东方报业有限公司,澎湃新闻;u-1001,采编发布服务
```

Three rules:
- `news.genre.unlicensed`: 本报讯 / 记者获悉 / datelines (新华社北京3月15日电) / （记者 某某） from an account
  without a licence (据…报道 and 【快讯】 count only from a news-like name);
- `news.name.unlicensed`: an account or app name with 新闻/报道/快讯/头条-style terms and no licence;
- `news.licence.lent`: the account shows a licence number that the registry gives to a different entity
  (倒卖、出租、出借); `NewsRegistry.conflicts()` reports one number listed for unrelated entities.

news14: `news.impersonation` (an account name or text posing as a national outlet by a look-alike character:
入民日报评论) and `news.licence.forged` (news-genre text under a licence number no licence can have) score 0.97, blocked
by `news.impersonation.block`; news-genre text scores 0.85 (0.88 with a newsy name) and goes to review.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from ..model import Content, Evidence, Signal
from ..text.normalize import NormalizedText, Normalizer, default_normalizer
from .base import Views
from .news_licence import Holder, NewsRegistry, licence_format
from .patterns import evidence, find, regex, words
from .registry import BuildContext, DetectorSpec

# news13: a national outlet's name with one character swapped for a look-alike (人民曰报, 入民日报, 新毕社): an
# account posing as the outlet. The canonical text keeps these characters (they are not variants of one another).
LOOKALIKE_OUTLETS = ("人民日报", "新华社", "央视新闻", "光明日报", "经济日报", "中国日报", "环球时报", "中新社",
                     "新京报", "澎湃新闻")
LOOKALIKE_CHARS = {"日": "曰目白", "人": "入八", "民": "氏", "新": "亲", "华": "毕", "社": "杜", "央": "夹", "视": "祝",
                   "光": "尖", "明": "朋", "济": "挤", "环": "坏", "球": "求", "时": "吋", "闻": "间", "京": "亰",
                   "湃": "拜"}


# A post that talks about a fake outlet (举报…冒充人民日报, 仿冒, 山寨号) names the look-alike to warn, not to pose.
# news17: not a tip the speaker received (接到群众举报…明天过来采访): a reporter's own opening, not talk about one
FAKE_TALK = re.compile("冒充|仿冒|假冒|山寨|李鬼|高仿|冒牌|(?<!接到)(?<!群众)(?<!网友)举报")
# news14: and a warning against fake reporters names the byline it fakes (有人冒充本台记者上门采访): the byline rule
# is read the same way
TALKED_ABOUT_RULES = frozenset({"news.genre.lookalike_outlet", "news.genre.byline",
                                "news.genre.self_introduced_reporter"})


def _lookalike_outlets() -> str:
    """One alternative per outlet and swapped position: the name with that one character a look-alike; not in
    quotes (提醒：'人民曰报'是山寨号, 仿冒“入民日报”的账号: a warning names the fake, it does not pose as it)."""
    alts = [name[:i] + f"[{LOOKALIKE_CHARS[c]}]" + name[i + 1:]
            for name in LOOKALIKE_OUTLETS for i, c in enumerate(name) if c in LOOKALIKE_CHARS]
    return "(?<![“\"'‘「『])(" + "|".join(alts) + ")"


LOOKALIKE_RX = _lookalike_outlets()  # the post's text (a genre rule) and the account name read the same pattern


STRONG_GENRE = [
    # news14: + the station's and the account's own datelines (【本台讯】, 本站讯, 本号讯) and its staff on the scene
    # (本台记者第一时间赶赴现场): the service presenting itself, as 本报讯 does
    words("news.genre.byline", ["本报讯", "本台消息", "本网讯", "记者获悉", "记者了解到", "记者从", "通讯员",
                                "本台讯", "本站讯", "本号讯", "本刊讯", "本台记者", "本报记者"]),
    # An account that calls its own staff reporters (本号记者, 我站记者) presents itself as a news outlet.
    words("news.genre.own_reporter", ["本号记者", "本站记者", "本网记者", "我站记者", "我台记者", "本刊记者",
                                      "本平台记者", "我们的记者", "本号特约记者", "本站特约记者", "我们记者"]),
    # news17: news gathering told in the post's own voice, in ordinary words (我们正在事故现场进行直播报道, 现在连线一位
    # 目击者; 我们…以家属身份暗访了…): the account reports from the scene or investigates, which is what a 采编 licence
    # covers (regulations.md §4), whoever it calls itself
    regex("news.genre.own_reporting",
          r"(我们|我是记者|本台|我台)[^。！？]{0,24}(直播报道|现场报道|进行报道|做报道|暗访|"
          r"连线[^，。！？]{0,6}(目击者|当事人|知情人|前方记者))"),
    regex("news.genre.dateline",
          r"(新华社|中新社|本报|本台|[\u4e00-\u9fff]{2,6}(日报|晚报|新闻|电视台))?[\u4e00-\u9fff]{2,4}\d{1,2}月\d{1,2}日电"),
    regex("news.genre.reporter", r"[（(]记者[\u4e00-\u9fff ]{2,12}[)）]"),
    # recall11: the outlet's own voice in other words than its reporters: its commentator (本网评论员), what "this
    # account" learned or will keep reporting (据本号…获悉, 本网将持续跟踪报道), a host introducing themselves as a
    # station reporting on the spot (我们是XX电视台的…直播报道). A licensed account never reaches these rules.
    words("news.genre.own_commentator", ["本网评论员", "本报评论员", "本台评论员", "本号评论员", "本站评论员",
                                         "本刊评论员", "本平台评论员"]),
    regex("news.genre.own_sources",
          r"据?(本号|本网|本站|本台|本报|本刊|本平台|我台|我站)[^，。！？]{0,10}(独家)?获悉"
          r"|(本号|本网|本站|本平台)将?(持续|继续)(跟进|跟踪|关注)报道"
          r"|(本号|本网|本站|本平台)将(持续|继续)(跟进|跟踪)"
          # news17: a station's own follow-up (本台将持续关注): an account calling itself a station
          r"|(本台|我台)将?(持续|继续)(关注|跟进|跟踪)"),
    regex("news.genre.station_on_scene",
          r"(我们是|这里是)[\u4e00-\u9fff]{2,8}(电视台|广播电台|日报|晚报|新闻频道|融媒体中心)[^。！？]{0,24}(报道|采访)"),
    # news13: the post presents its own outlet by name (这里是“天下新闻直播间”, 我们“城事新闻”公众号, 本号开通“XX新闻”
    # 频道) with what an outlet does (采编, 连线记者, 播报, 报道), or signs a story it is about to run with an outlet's
    # name (稿子明早发布…——XX观察网, 我们《XX法治观察》…稿子明天就发): a news service, whoever runs it
    regex("news.genre.own_outlet",
          r"(这里是|我们是|欢迎来到|欢迎收看|本号|我们)[^，。！？]{0,6}[“\"「《【]?[\u4e00-\u9fff]{2,10}"
          r"(新闻|资讯|快讯|头条|日报|晚报|时报)[^，。！？]{0,3}(直播间|频道|公众号|栏目|节目)[^。！？]{0,30}"
          r"(采编|采访|报道|播报|连线|记者|首发|爆料)"),
    regex("news.genre.outlet_story",
          r"(稿件|稿子|文章|报道)[^。！？]{0,30}(发布|上线|发|刊发|见报)[^\n]{0,80}(——|—|《)"
          r"[\u4e00-\u9fff]{2,10}(网|在线|观察|日报|时报|晚报|新闻|周刊|法治|监督)"
          r"|《[\u4e00-\u9fff]{2,10}(网|在线|观察|日报|时报|晚报|新闻|周刊|法治|监督)[\u4e00-\u9fff]{0,4}》"
          r"[^。！？]{0,40}(稿件|稿子|文章)[^。！？]{0,12}(发|上线|刊发|见报)"),
    # news13: what a licensed service does, claimed in the post's own voice: news gathered and first published here
    # (一线采编, 独家采访原创报道, 本号独家首发). Not 发放记者证: the warnings against fake press cards quote it as
    # often as the offers make it
    regex("news.genre.lookalike_outlet", LOOKALIKE_RX),
    regex("news.genre.own_newsroom",
          r"(一线|每天|独家记者)[^，。！？]{0,4}采编|采编[^，。！？]{0,4}(本地|时政|社会)?新闻|独家采访|原创报道"
          r"|(本号|本网|本站|本平台|本台)(独家)?首发"
          # news14: an interview the post presents as its own (独家专访, 记者独家对话…, 以下为采访实录:
          # regulations.md §4, type 4, 采访 without a 采编发布 licence) and a service that pushes current-affairs news
          # (每天第一时间推送最新时政要闻)
          r"|独家专访|独家对话|采访实录|(每天|每日|第一时间)[^，。！？]{0,8}推送[^，。！？]{0,8}(时政|要闻|新闻)"),
    # news14: the poster introduces themselves as an outlet's reporter (我是中央新闻网记者, 我是XX法治报调查记者):
    # a news service claimed in the post's own voice (a verified account is its own matter: see `detect`)
    # news20: + a media company's or a channel's reporter (我是XX传媒的记者, XX融媒体, XX频道): what the poster
    # claims to be is a news service's staff, whatever the service's kind; not a school's little reporter (小记者)
    regex("news.genre.self_introduced_reporter",
          r"我是[^，。！？]{0,12}(新闻网|新闻|日报|晚报|时报|法治报|报社|电视台|杂志社|通讯社|周刊|》|传媒|媒体|频道|电台)"
          r"[^，。！？]{0,4}(?<!小)记者"),
]
# Citing a source (据新华社报道) or a 【快讯】 tag is what any user does when sharing news; alone it is not a news
# service. It counts only from an account whose name presents it as a news outlet.
WEAK_GENRE = [
    regex("news.genre.according_to", r"据[^，。！？\n]{2,16}?(报道|消息|通报)"),
    # news16: + 【要闻】, 【时政】 (a push's current-affairs tag)
    regex("news.genre.flash", r"【[^】]{0,8}(快讯|突发|独家|最新消息|要闻|时政)[^】]{0,8}】"),
    # news14: a commentary column's tag (【评论】, 【时评】, 【社评】): commentary on public affairs is news information
    # (regulations.md §4, 时政类新闻: reporting AND commentary), from an account named as an outlet
    regex("news.genre.commentary", r"【[^】]{0,8}(评论|时评|社评|短评|锐评|评论员文章)[^】]{0,4}】"),
]
# news16: an app's push (surface `popup`: a calendar or weather app pushing 【要闻】国务院常务会议今日召开…) is the
# service's own item, as a post from an account named as an outlet is: its weak genre cues count (one home for the
# push surfaces; qinglang.claims.source reads them too)
PUSH_SURFACES = frozenset({"popup"})
# 新闻 as a discipline (新闻系学生, 新闻学考研笔记, 新闻专业) names what someone studies, not an outlet.
NEWSY_NAME = re.compile(r"新闻(?!系|学|专业|传播学|院校|考研|史)|报道|快讯|快报|头条|日报|晚报|早报|晨报|时报|"
                        r"新报|商报|都市报|通讯社|电视台|资讯|时讯|要闻|新聞")
# A person who works for an outlet names it in their own account (XX日报记者李明, 某台主持人小王): that names an
# employer, not an outlet posing as one. The name rule skips it; news-genre text from the account still counts.
PERSONAL_NAME = re.compile(r"(记者|编辑|主编|主持人|评论员|通讯员|摄影师|主播)(?!站|部|团|中心)[\u4e00-\u9fff·]{1,4}$")
# Verified state organs, schools and courts publish their own notices and run 新闻办 / 新闻学院 accounts: a name
# like theirs is not an outlet posing as one (the name rule exempts them; the genre rules still apply).
INSTITUTION_NAME = re.compile(
    r"(人民政府|政府|新闻办|网信办|公安局|派出所|法院|检察院|应急管理|气象|消防|交警|卫健委|教育局|大学|学院|学校|研究院|"
    r"博物馆|图书馆|医院)"
)
# news17: the licence itself offered for rent or sale (出租/转让互联网新闻信息服务许可资质，可挂靠): the notice's own
# words (倒卖、出租、出借互联网新闻信息服务许可证), scored as a lent licence; not a warning or a crackdown that names it
LICENCE_OFFERED = re.compile(
    r"(出租|转让|出借|倒卖|挂靠|代办|出售|租用|借用)[^。！？]{0,12}(互联网)?新闻(信息服务)?[^。！？]{0,4}(许可证?|资质|牌照)"
    r"|(互联网)?新闻(信息服务)?[^。！？]{0,4}(许可证?|资质|牌照)[^。！？]{0,8}(出租|转让|出借|可挂靠|挂靠|代办|出售|面议)")
LICENCE_TALK = re.compile(r"严禁|禁止|不得|打击|整治|举报|查处|违法|违规|警惕|小心|骗局")
# …and not an offer the post refuses (本站不持有也不借用任何新闻资质, 不出租、不出借账号)
LICENCE_REFUSED = re.compile(r"(不|没有|未|无|绝不|从不)[^，。！？]{0,2}$")


# news14: an account whose NAME is a national outlet's with one character swapped (入民日报评论, 新毕社快讯): it poses
# as the outlet (regulations.md §4: the 2023 action's "入民日报", "央广新聞TB"), whatever it posts
LOOKALIKE_NAME = re.compile(LOOKALIKE_RX)


def outlet_name(name: str, verified: bool) -> re.Match[str] | None:
    """Where an account name presents the account as a news outlet (a look-alike of a national outlet first, then a
    newsy word: 头条快讯, 华南早报); None for a verified institution's name (XX市新闻办) or a person's (XX日报记者李明).
    One home for the name rule: the news detector's licence check and the source rule (qinglang.claims.source) read
    it."""
    if verified and INSTITUTION_NAME.search(name):
        return None
    look = LOOKALIKE_NAME.search(name)
    m = look or NEWSY_NAME.search(name)
    if not m or (look is None and PERSONAL_NAME.search(name, m.end())):
        return None
    return m


def account_outlet(content: Content, normalizer: Normalizer | None = None
                   ) -> tuple[NormalizedText, re.Match[str]] | None:
    """The account name's canonical form and where it presents the account as a news outlet (`outlet_name`, read on
    the name normalized as every text is: 新聞 → 新闻, full width, look-alike characters, spaces), or None. One home
    for the name rule's input (session 16, prec16): the news detector's licence check and the source rule
    (`qinglang.claims.source.poster_is_outlet`) both call it, with the engine's normalizer (`views_normalizer`)."""
    name = content.author.name or ""
    if not name.strip():
        return None
    nt = (normalizer or default_normalizer()).normalize(name)
    m = outlet_name(nt.text, bool(content.author.verified))
    return None if m is None else (nt, m)


def views_normalizer(views: Views) -> Normalizer:
    """The normalizer a post's fields were read with (the engine's), or the default one for a post without text."""
    return next((nt.normalizer for nt in views.fields.values()), None) or default_normalizer()


# news14: what each reading scores. A post in a news service's own voice from an unlicensed account goes to a
# human who checks the licence (policy `news.genre.review`, 0.8; 资质审核 is what the notice asks of platforms),
# with or without a newsy name: the writer sets expect it (36 of the 38 violations the genre and the name together
# sent to `block` expected review or limit). Posing as a national outlet, or a story under a malformed (forged)
# licence number, is blocked (`news.impersonation.block`, 0.97).
GENRE_SCORE = 0.85
GENRE_NAMED_SCORE = 0.88
IMPERSONATION_SCORE = 0.97
# A declared-fiction post (declared.fictional: 虚构新闻, 段子) gives the name rule nothing: satire under a newsy name
# is not a news service. A declared source lowers it to evidence (below).
# Below every policy threshold: the name stays evidence for the account's licence review. 0.3 since session 16
# (prec16; was 0.4, above the all-year key-positions rule's 0.35 for `unlicensed_news` on 弹窗 / 首页首屏, which limited
# 7 credited relays of real news on the tune half; tests/detectors/test_news.py holds it under every threshold).
NAME_CITED_SCORE = 0.3


class NewsDetector:
    name = "news"
    version = "1"
    supported_labels = frozenset({"unlicensed_news"})

    def __init__(self, registry: NewsRegistry | None, normalizer: Normalizer, *, name: str = "news") -> None:
        self.registry = registry or NewsRegistry([])
        self.has_registry = registry is not None and len(registry) > 0
        self.normalizer = normalizer
        self.name = name
        self.id = f"{self.name}@{self.version}"

    def licensed(self, content: Content) -> tuple[bool, Holder | None, str]:
        """(covered by a licence, the holder the claimed number belongs to, why)."""
        a = content.author
        own = self.registry.holder_for(a.id, a.name)
        claimed = (a.news_license or "").strip()
        if claimed:
            holders = self.registry.by_licence.get(claimed, [])
            if not holders:
                fmt = licence_format(claimed)
                if fmt == "malformed":
                    return False, None, "malformed licence number"
                if self.has_registry:
                    return False, None, "licence number not in registry"
                if fmt != "unusual":
                    return True, None, "well-formed licence number; no registry imported to check it against"
                # 持证亮牌: a verified account displays the licence the platform checked when it verified it.
                if a.verified:
                    return True, None, "verified account shows a licence number of an unusual form; no registry"
                return False, None, "licence number not in registry"
            if own is not None and own.licence_no == claimed:
                return True, own, "registered holder"
            return False, holders[0], "licence belongs to another entity"
        if own is not None:
            return True, own, "registered holder"
        return False, None, "no licence"

    def _name_evidence(self, content: Content) -> Evidence | None:
        name = content.author.name or ""
        found = account_outlet(content, self.normalizer)
        if found is None:
            return None
        nt, m = found
        look = m.re is LOOKALIKE_NAME
        a, b = nt.span(m.start(), m.end())
        return Evidence(field="author.name", start=a, end=b, text=name[a:b], normalized=m.group(0),
                        rule="news.name.lookalike_outlet" if look else "news.name.unlicensed", detector=self.id,
                        layers=nt.layers(m.start(), m.end()))

    def _licence_offered(self, views: Views) -> Evidence | None:
        """Where the post offers a news licence for rent or sale (`LICENCE_OFFERED`), not in a field that warns against
        it or reports a crackdown (`LICENCE_TALK`)."""
        for name, nt in views.fields.items():
            m = LICENCE_OFFERED.search(nt.text)
            if m is None or LICENCE_TALK.search(nt.text) or LICENCE_REFUSED.search(nt.text, 0, m.start()):
                continue
            a, b = nt.span(m.start(), m.end())
            return Evidence(field=name, start=a, end=b, text=nt.original[a:b], normalized=m.group(0),
                            rule="news.licence.offered", detector=self.id, layers=nt.layers(m.start(), m.end()))
        return None

    def detect(self, content: Content, views: Views) -> list[Signal]:
        ok, holder, why = self.licensed(content)
        if ok:
            return []
        out = []
        claimed = (content.author.news_license or "").strip()
        if why == "licence number not in registry":
            # Well-formed but unlisted: the registry may lag behind new licences. A human checks; never a limit.
            ev = Evidence(field="author.news_license", start=0, end=len(content.author.news_license or ""),
                          text=content.author.news_license or "", normalized=claimed,
                          rule="news.licence.unverified", detector=self.id,
                          value=f"licence:{claimed}:{licence_format(claimed)}")
            return [Signal("unlicensed_news", 0.65, "news.licence.unverified", self.id, (ev,))]
        if claimed and holder is not None:
            ev = Evidence(field="author.news_license", start=0, end=len(content.author.news_license or ""),
                          text=content.author.news_license or "", normalized=claimed, rule="news.licence.lent",
                          detector=self.id, value=f"licence:{claimed}->{holder.entity}")
            out.append(Signal("unlicensed_news", 0.9, "news.licence.lent", self.id, (ev,)))
        offered = self._licence_offered(views)
        if offered is not None:
            out.append(Signal("unlicensed_news", 0.9, "news.licence.offered", self.id, (offered,)))
        name_ev = self._name_evidence(content)
        pushed = name_ev is not None or content.surface in PUSH_SURFACES
        genre = [f for f in find(views, STRONG_GENRE + (WEAK_GENRE if pushed else []))
                 if (f.pattern.rule not in TALKED_ABOUT_RULES or not FAKE_TALK.search(views.fields[f.field].text))
                 and not (f.pattern.rule == "news.genre.self_introduced_reporter" and content.author.verified)]
        posing = (name_ev is not None and name_ev.rule == "news.name.lookalike_outlet") or any(
            f.pattern.rule == "news.genre.lookalike_outlet" for f in genre)
        if why == "malformed licence number" and genre:
            # a news story under a licence number no licence can have: a forged licence (regulations.md §4, type 5)
            ev = Evidence(field="author.news_license", start=0, end=len(content.author.news_license or ""),
                          text=content.author.news_license or "", normalized=claimed, rule="news.licence.forged",
                          detector=self.id, value=f"licence:{claimed}:malformed")
            out.append(Signal("unlicensed_news", IMPERSONATION_SCORE, "news.licence.forged", self.id,
                              (ev, *evidence(views, genre, self.id))))
        elif posing:
            evs = evidence(views, genre, self.id) + ((name_ev,) if name_ev else ())
            out.append(Signal("unlicensed_news", IMPERSONATION_SCORE, "news.impersonation", self.id, evs))
        elif genre:
            score = GENRE_NAMED_SCORE if name_ev else GENRE_SCORE
            evs = evidence(views, genre, self.id) + ((name_ev,) if name_ev else ())
            out.append(Signal("unlicensed_news", score, "news.genre.unlicensed", self.id, evs))
        elif name_ev is not None and not content.declared.fictional:
            # A news-like name alone, on a post that declares where its news comes from (declared.source), re-
            # broadcasts an outlet rather than posing as one: evidence for the licence review, no action. A source
            # cited in the text (（来源：新华社）) is not enough: a fake policy cites one as easily.
            out.append(Signal("unlicensed_news", NAME_CITED_SCORE if content.declared.source else 0.6,
                              "news.name.unlicensed", self.id, (name_ev,)))
        return out


class Params(BaseModel):
    """Registry parameters of a `news` detector."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    registry: str | None = Field(None, description="CSV of licence holders (or engine extra `news_registry`)")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> NewsDetector:
    """Registry from params `registry` (CSV path) or engine config extra `news_registry` (path or NewsRegistry)."""
    src = spec.params.registry or ctx.extra.get("news_registry")
    if isinstance(src, NewsRegistry):
        reg: NewsRegistry | None = src
    elif src:
        reg = NewsRegistry.from_csv(src)
    else:
        reg = None
    return NewsDetector(reg, ctx.normalizer, name=spec.name)
