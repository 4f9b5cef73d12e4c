"""The scope pass: every label's evidence is judged for what the post is doing before the policy sees it.

The detectors put each hit in scope where it stands (`qinglang.text.scope`: negated, quoted, reported…). This pass
adds the post-level reading (`qinglang.text.acts`: a refusal, an explanation of a law or a scam, a report, a
warning, a victim's question, a sourced figure, an official notice, declared fiction, a personal notice) and applies
it to the signals of every family alike — lexicon, frames, contact/引流, claims, enterprise, language misuse, the
model detector's heads and cold spans, the semantic tier — so an innocence learnt for one family reaches the others.
A signal the post's act excuses has its score multiplied by the act's factor, and each piece of its evidence that
no span-level cue had scoped carries the reading (`Evidence.scope`, e.g. ``act:refusal:本站不开展``) so a reviewer
sees why. Evidence already scoped by its detector was discounted there: a signal whose evidence is all scoped is
left as it is (one discount per hit).

No discount where the post makes its own offer (`PostActs.own`: 私信详谈, 加微信领取, 转账…): the frame is then a
cloak. A personal notice may ask to be contacted; only a deal (pay, claim, a price) keeps it a violation.

What each act does not excuse, and why (the special cases, stated once):
- `MARKS` (AI labelling): whether AI content is labelled is not a matter of what the post says it is doing.
- `HARM_IN_WORDS` under fiction, a personal notice, a sourced figure or an official notice: the words themselves
  are the harm (a sex scene in a story, an insult in a family post); only the acts that hold the words at a distance
  (refusing, explaining, reporting, warning, a victim quoting) excuse them.
- `NEWS_LABELS` under a report: reporting events is exactly what unlicensed news, missing sources, clickbait,
  staged stories and rumours do; a report excuses them only when it names its source (`sourced`), and span-level
  debunking already clears a rumour reported to be refuted.
- `unlicensed_news` under an official notice: the licence registry (`qinglang.news`) decides who is licensed.
- `TO_A_CHILD` (grooming) under a personal notice (session 22, minors22): grooming is done by people the child knows
  and through the groups the child is in — a threat to post a child's photos to the class group (发到你们班级群) names
  a personal group. The grooming frames' own vetoes (the child's family speaking, the parents' consent, a warning)
  decide who may ask a child for a meeting or a photo.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .model import Content, Signal
from .text.acts import Act, PostActs
from .text.credit import named_source
from .text.sale import SALE_RX

MARKS = frozenset({"aigc_unlabeled", "aigc_deceptive"})
ALWAYS = MARKS
# A bait headline is the post's own act whatever its body does: a label in this set is not excused when any of its
# evidence stands in the title (a headline quoted in the body to criticise it is excused like any other words).
HEADLINE = frozenset({"clickbait"})
LICENCE = frozenset({"unlicensed_news"})
HARM_IN_WORDS = frozenset({"porn", "vulgar", "abuse", "antagonism", "bullying", "language_misuse", "minors_harm"})
NEWS_LABELS = frozenset({"unlicensed_news", "source_missing", "clickbait", "staged", "rumor"})
CLAIMS = frozenset({"rumor", "enterprise_smear", "false_science", "source_missing", "staged"})
MYTHS = frozenset({"rumor", "false_science"})
GROUP_HOSTILITY = frozenset({"antagonism"})  # not excused by a warning aimed at a group (`PostActs.against_group`)
# A gift to one's kin (给侄子发了十万红包) is a personal act for a contact, but the display of it is the flaunt itself
# (session 17, story17): the personal notice does not excuse wealth_flaunt, whose frames need an audience or a creed.
SHOWN = frozenset({"wealth_flaunt"})
TO_A_CHILD = frozenset({"grooming"})

# kind → (factor, labels it does not excuse)
EXCUSES: dict[str, tuple[float, frozenset[str]]] = {
    "refusal": (0.3, ALWAYS),
    "education": (0.3, ALWAYS | MYTHS),
    "question": (0.3, ALWAYS | CLAIMS),
    "warning": (0.3, ALWAYS | CLAIMS | LICENCE),
    "report": (0.4, ALWAYS | NEWS_LABELS | CLAIMS),
    "sourced": (0.3, ALWAYS | HARM_IN_WORDS | LICENCE),
    "official": (0.3, ALWAYS | HARM_IN_WORDS | NEWS_LABELS),
    "fiction": (0.3, ALWAYS | HARM_IN_WORDS | LICENCE),
    "personal": (0.3, ALWAYS | HARM_IN_WORDS | LICENCE | SHOWN | TO_A_CHILD),
}


# An explainer's frame worn by a seller (session 18, labels18): 《互联网广告管理办法》第八条 keeps the seller's purchase
# links off pages that give health knowledge, and content that promotes goods through knowledge with a purchase link is
# an advertisement. So a post that reads as teaching (科普, 给大家讲…) and sells (`PostActs.sale`: 我们这款, 一个39块,
# 链接) makes no education of its false claim: `false_ad` is not excused by that act (the claim's `false_science` is
# not excused by education anyway, `MYTHS`). The other acts (a report, a warning, a question quoting a price) still
# excuse it: they are about someone else's sale.
SALE_CLOAKS: dict[str, frozenset[str]] = {"false_ad": frozenset({"education"})}


def excusing(acts: PostActs, label: str) -> Act | None:
    """The act that excuses a label's evidence in this post (the strongest discount), or None."""
    best: Act | None = None
    best_factor = 1.0
    for act in acts.acts:
        factor, excluded = EXCUSES[act.kind]
        if label in excluded or factor >= best_factor:
            continue
        if act.kind == "warning" and label in GROUP_HOSTILITY and acts.against_group:
            continue  # a warning against a whole group of people (千万别跟东北人做生意) is the hostility itself
        if acts.own is not None and (act.kind != "personal" or acts.deal):
            continue  # the post makes its own offer: the frame is a cloak
        if acts.sale is not None and act.kind in SALE_CLOAKS.get(label, ()):
            continue  # the post sells what it teaches about: an advertisement (SALE_CLOAKS)
        best, best_factor = act, factor
    return best


def scope_signals(signals: Iterable[Signal], acts: PostActs) -> list[Signal]:
    """The signals with the post's act applied (see the module docstring); unchanged when the post reads no act."""
    if not acts.acts:
        return list(signals)
    out = []
    for s in signals:
        act = excusing(acts, s.label) if s.score > 0 else None
        if act is not None and s.label in HEADLINE and any(e.field == "title" for e in s.evidence):
            act = None
        if act is None or (s.evidence and all(e.scope for e in s.evidence)):
            out.append(s)
            continue
        tag = act.tag
        evidence = tuple(e if e.scope else e._replace(scope=tag) for e in s.evidence)
        out.append(Signal(s.label, round(s.score * EXCUSES[act.kind][0], 4), s.rule, s.detector, evidence, s.marks))
    return out


# A disguise that only carries another label's words is that label's cloak (session 14, prec14): 全套服务 read as a
# sexual pun in a sex-service ad with a contact, ➕V read as a disguised 加微信 in a 引流 post. When the carried labels
# stand on the post itself, reviewers strike the campaign-8 co-label (docs/accuracy.md §19.2). A sexual pun on its own
# (开车, 车速很快 in a comment) is campaign 8's 黑话 and stands: only an ad (porn and 引流 together) cloaks it.
# Per evidence rule prefix: the labels that must all stand for a hit of that rule to be their cloak.
CLOAK_RULES: tuple[tuple[str, frozenset[str]], ...] = (
    ("frame.language_misuse.sexual_pun.", frozenset({"porn", "drainage"})),
    ("language.disguised.drainage", frozenset({"drainage"})),
    ("language.disguised.gambling", frozenset({"gambling"})),
)
CLOAKED = frozenset({"language_misuse"})
CLOAK_FACTOR = 0.3
CLOAK_CARRIER_MIN = 0.5  # the carried label is acted on by every campaign at this score


def strike_cloaks(signals: list[Signal]) -> list[Signal]:
    """`language_misuse` signals whose every evidence only carries labels the post itself carries at
    `CLOAK_CARRIER_MIN` or more: multiplied by `CLOAK_FACTOR`, evidence scoped ``cloak:drainage``. A signal with
    any other evidence (a way of writing, an insult or a porn word in 谐音) stands. The same list when nothing is
    struck."""
    if not any(s.label in CLOAKED and s.score > 0 for s in signals):
        return signals
    strong = {s.label for s in signals if s.score >= CLOAK_CARRIER_MIN}

    def tag(s: Signal) -> str | None:
        if s.label not in CLOAKED or s.score <= 0:
            return None
        carried: set[str] = set()
        for e in s.evidence:
            labels = next((labs for prefix, labs in CLOAK_RULES if e.rule.startswith(prefix)), None)
            if labels is None or not labels <= strong:
                return None
            carried |= labels
        return "cloak:" + ",".join(sorted(carried)) if carried else None

    return _strike_where(signals, CLOAK_FACTOR, tag)


# A co-label the post's stronger label already says (session 14, prec14): reviewers strike it, because the stronger
# label's finding contains it. (weaker, stronger): a bait title that leads to a contact is the 引流 (信息陷阱 of a
# 引流 post); an insult of a company or its boss inside a smear is the smear (抹黑企业、企业家). Chosen where writers of
# most sets give the stronger label alone (docs/accuracy.md §19.2); an unsourced rumour was tried and not kept.
# news22: a generated scene told as real names no source because it has none to name — the finding is the AI content
# passed off (aigc_unlabeled / aigc_deceptive), not a missing credit line: on every tune set 37 such rows carry
# `source_missing` beside an aigc label, none of them for its writer.
SUBSUMED: tuple[tuple[str, str], ...] = (
    ("clickbait", "drainage"),
    ("abuse", "enterprise_smear"),
    ("antagonism", "enterprise_smear"),
    ("source_missing", "aigc_unlabeled"),
    ("source_missing", "aigc_deceptive"),
)
# By rule (session 15, lang15): a signal of this rule, when the named stronger label stands. A massage / spa / club
# ad that sells its workers by their looks, or hints at 全套 and 上门, is vulgar on its own (低俗不良营销); when the
# same ad's porn stands (a contact, 大保健, 🔞), it is the porn: on the tune half, 7 of the 9 such rows carry no
# vulgar for their writer (the frame detector keeps one signal per label, so both service frames are named: either
# may be the one kept).
SUBSUMED_RULES: tuple[tuple[str, str], ...] = (
    ("frame.vulgar.service_by_looks", "porn"),
    ("frame.local.sexual_massage", "porn"),
)
SUBSUMED_FACTOR = 0.3
SUBSUMING_MIN = 0.5  # the stronger label is acted on at this score by its campaigns
# A call to click in the body is the vehicle of the post's own act (session 18, labels18). 标题党 is a title that
# promises what its body does not give; without a title's promise, what is left of the bait — 想看的点赞过千就发下一张,
# 后续看下集, 链接在评论区, 晚了就没了 — is a call to act on the post, which every kind of post makes. When such a
# body-only bait (every evidence a `claims.clickbait.body.*` part: withheld, bait, denial…) stands beside another
# finding that is not one of task 4's own news acts (`BAIT_BESIDE`: a rumour or an unlicensed report told as news is
# both), the call serves that finding — the vulgar tease, the staged serial, the ad's link, the bullying post's vote —
# and `clickbait` is struck like a `SUBSUMED` co-label. A title that teases, overclaims or stops short keeps it, and so
# do the clickbait lexicon and frames. Tune half (docs/accuracy.md §23): 30 wrong clickbait labels, 1 right one.
BAIT = "clickbait"
BAIT_BODY = "claims.clickbait.body."
BAIT_BESIDE = frozenset({"clickbait", "rumor", "unlicensed_news", "source_missing"})


def strike_subsumed(signals: list[Signal]) -> list[Signal]:
    """The weaker label of a `SUBSUMED` pair (or a signal of a `SUBSUMED_RULES` rule), when the stronger one stands at
    `SUBSUMING_MIN` or more: its signals multiplied by `SUBSUMED_FACTOR`, evidence scoped ``within:drainage``; and a
    body-only `clickbait` signal beside any such label outside `BAIT_BESIDE` (the first by name). The same list when
    nothing is struck."""
    strong = {s.label for s in signals if s.score >= SUBSUMING_MIN}
    within = {weak: big for weak, big in SUBSUMED if big in strong}
    by_rule = {rule: big for rule, big in SUBSUMED_RULES if big in strong}
    carried = sorted(strong - BAIT_BESIDE)
    if not within and not by_rule and not carried:
        return signals

    def tag(s: Signal) -> str | None:
        big = within.get(s.label) or by_rule.get(s.rule)
        if big is None and s.label == BAIT and carried and _only_from(s, BAIT_BODY):
            big = carried[0]
        return None if big is None or s.score <= 0 else f"within:{big}"

    return _strike_where(signals, SUBSUMED_FACTOR, tag)


def _struck(s: Signal, factor: float, tag: str) -> Signal:
    """`s` × `factor`, `tag` added to every evidence's scope (after the scope it already had)."""
    return Signal(s.label, round(s.score * factor, 4), s.rule, s.detector, tuple(e.scoped(tag) for e in s.evidence),
                  s.marks)


def _strike_where(signals: list[Signal], factor: float, tag: Callable[[Signal], str | None]) -> list[Signal]:
    """Every signal `tag` names a scope for, `_struck` by `factor`; the same list when it names none (the engine
    re-runs the policy only on a new list)."""
    tags = [tag(s) for s in signals]
    if not any(tags):
        return signals
    return [s if t is None else _struck(s, factor, t) for s, t in zip(signals, tags, strict=True)]


def _only_from(s: Signal, prefixes: str | tuple[str, ...]) -> bool:
    """Whether `s` stands (score above 0) on evidence that is all of the rule families `prefixes` (the condition every
    strike below puts on the label it weakens: nothing else found it)."""
    return s.score > 0 and bool(s.evidence) and all(e.rule.startswith(prefixes) for e in s.evidence)


def _first_match(rx: re.Pattern[str], texts: Iterable[str]) -> str | None:
    """The first text's first match of `rx`, or None."""
    return next((m.group() for t in texts if (m := rx.search(t)) is not None), None)


# A message addressed to the organisation it is about (贵公司, 您方, 你们厂) is correspondence, not publishing
# (session 15, prec15): a reporter asking a company to respond (您好，我是《X日报》记者…想请您方就此事回应)
# provides no news service to the public. What makes such a message a campaign-9 finding is a threat to publish
# unless paid (稿子明早发…合作费可撤稿): the writers of every set give those extortion together with unlicensed_news.
# So `unlicensed_news` whose evidence is only the news genre or a news-styled name (`news.genre.*`, `news.name.*`;
# not a licence traded or forged) stands in an addressed message only beside extortion (`CORRESPONDENCE_MIN`);
# otherwise × `CORRESPONDENCE_FACTOR`, evidence scoped ``addressed:贵公司``. Tune half (docs/accuracy.md §20.1,
# prec15): the one innocent row it touches is such an interview request; the right unlicensed_news labels on
# addressed messages carry extortion or a licence cue.
ADDRESSED_RX = re.compile(r"贵(?:公司|单位|厂|司|校|院|店|企业|集团|部门|方)|您方|"
                          r"你们(?:厂|公司|单位|工地|店|企业|医院|学校)")
CORRESPONDENCE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("unlicensed_news", "extortion", ("news.genre.", "news.name.")),
)
CORRESPONDENCE_FACTOR = 0.3
CORRESPONDENCE_MIN = 0.5  # extortion is acted on by its campaign at this score


def strike_correspondence(signals: list[Signal], texts: Iterable[str]) -> list[Signal]:
    """In a message addressed to the organisation it is about (`ADDRESSED_RX` in a text field), a `CORRESPONDENCE`
    label whose every evidence is of the listed rule families and whose companion label does not stand: × the
    factor, evidence scoped ``addressed:<cue>``. The same list when nothing is struck."""
    pending = {lab: (need, prefixes) for lab, need, prefixes in CORRESPONDENCE
               if any(s.label == lab and s.score > 0 for s in signals)}
    if not pending:
        return signals
    cue = _first_match(ADDRESSED_RX, texts)
    if cue is None:
        return signals
    strong = {s.label for s in signals if s.score >= CORRESPONDENCE_MIN}

    def tag(s: Signal) -> str | None:
        rule = pending.get(s.label)
        return None if rule is None or rule[0] in strong or not _only_from(s, rule[1]) else f"addressed:{cue}"

    return _strike_where(signals, CORRESPONDENCE_FACTOR, tag)


# Talk about insulting is not an insult (session 15, prec15): the cold model reads the verb of insulting itself (骂, 喷)
# as offensive, so a post where the poster was the one insulted (大清早被老板骂了一顿) or tells others not to insult
# (别动不动骂人家全家) gets abuse from it. When an insult label's every evidence is the cold model's and the post holds
# the verb in a passive (被…骂) or prohibitive (别/不要…骂) frame of one clause, the label is × `ABOUT_INSULT_FACTOR`,
# evidence scoped ``about_insult:被老板骂``. A lexicon or frame hit (an insult word) or a recall head keeps the
# label; so do a call to insult (骂回去, 见一个骂一个), a deserved one (活该被骂) and 喷粪.
# Tune half (docs/accuracy.md §20.1, prec15): one innocent row, no violation touched.
ABOUT_INSULT_RX = re.compile(r"(?<![该欠])被[^，。！？,!?\s]{0,4}(?:骂|喷(?!粪)|怼)"
                             r"|(?:别|不要|不许|少|停止|不该|不能|不应该)[^，。！？,!?\s]{0,6}(?:骂|喷(?!粪)|怼)")
INSULT_LABELS = frozenset({"abuse", "antagonism"})
COLD_RULE = "model.cold"
ABOUT_INSULT_FACTOR = 0.3


def strike_talk_about_insult(signals: list[Signal], texts: Iterable[str]) -> list[Signal]:
    """Insult labels read by the cold model alone in a post that talks about being insulted or not insulting
    (`ABOUT_INSULT_RX`): × `ABOUT_INSULT_FACTOR`, evidence scoped ``about_insult:<cue>``. The same list when nothing
    is struck."""
    def cold_only(s: Signal) -> bool:
        return s.label in INSULT_LABELS and _only_from(s, COLD_RULE)

    if not any(cold_only(s) for s in signals):
        return signals
    cue = _first_match(ABOUT_INSULT_RX, texts)
    if cue is None:
        return signals
    return _strike_where(signals, ABOUT_INSULT_FACTOR, lambda s: f"about_insult:{cue}" if cold_only(s) else None)


# A relay is not a newsroom (session 16, prec16): a post that declares where its news comes from (`declared.source`, the
# contract's credit line: 新华社, 中央气象台, 人社部) and names a body other than the poster passes on another's report
# (据新华社报道…, 转自财联社…, 公安部通报：…). What campaign 9 asks of a news service's own gathering — a licence — is
# what the news genre, a news-styled name and the wire-headline frame stand for; on a credited relay they say only that
# the post reads like news. So `unlicensed_news` whose every evidence is of those families is × `CREDITED_FACTOR`,
# evidence scoped ``credited:新华社``; a licence lent or forged, a look-alike of a national outlet and a source that is
# the poster itself (本台, 原创, its own name) keep it. Tune half (docs/accuracy.md §21.2, prec16): no writer row that
# expects `unlicensed_news` declares a source (0 of 973 sourced rows), and 16 innocent sourced rows were acted on
# through these families. The news detector's name rule already lowers a credited name to evidence
# (`news.NAME_CITED_SCORE`); this reaches the genre and the frames.
CREDITED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("unlicensed_news", ("news.genre.", "news.name.", "frame.unlicensed_news.")),
)
CREDITED_KEEP = ("lookalike",)  # a posing outlet is impersonation whoever it credits
SELF_SOURCE_RX = re.compile(r"^(?:本|原创|自己|自制|自采|我|记者|作者|博主|UP主|up主)")
CREDITED_FACTOR = 0.3


def credited_source(content: Content | None) -> str | None:
    """The body a post credits for its news (`declared.source`), or None when it declares none or credits itself
    (本台, 原创, the poster's own name) or names nobody (网络: `text.credit`)."""
    if content is None:
        return None
    source = named_source(content.declared.source)  # news19: a credit to "the internet" credits no one
    if source is None or SELF_SOURCE_RX.match(source):
        return None
    name = (content.author.name or "").strip()
    if name and (source in name or name in source):
        return None
    return source


def strike_credited(signals: list[Signal], content: Content | None) -> list[Signal]:
    """On a post that credits another body for its news (`credited_source`), a `CREDITED` label whose every evidence
    is of the listed rule families (none a `CREDITED_KEEP` rule): × `CREDITED_FACTOR`, evidence scoped
    ``credited:<source>``. The same list when nothing is struck."""
    pending = {lab: prefixes for lab, prefixes in CREDITED if any(s.label == lab and s.score > 0 for s in signals)}
    if not pending:
        return signals
    source = credited_source(content)
    if source is None:
        return signals

    def tag(s: Signal) -> str | None:
        prefixes = pending.get(s.label)
        if prefixes is None or not _only_from(s, prefixes) or any(k in e.rule for e in s.evidence
                                                                    for k in CREDITED_KEEP):
            return None
        return f"credited:{source}"

    return _strike_where(signals, CREDITED_FACTOR, tag)


# An advertisement sells (session 17, prec17). `false_ad` is the notice's 虚假宣传 in selling
# (在直播带货中进行虚假宣传; 《广告法》第十六、十七条: an advertisement for goods or services). A health claim in a
# post that offers nothing for sale is the notice's other act, 传播虚假科普信息: the false_science the same post
# already carries. Two readings put `false_ad` on such posts without a sale: a doctor's persona beside an efficacy
# claim (the medical frame's `self_styled_doctor`, whose selling cue is optional) and the semantic tier's nearest ad
# exemplars. So `false_ad` whose every evidence is of those readings, on a post that is not a live room or transcript
# and whose words offer nothing for sale (`SALE_RX`: an order channel, a price or deal, a quantity sold, the product
# presented as the poster's own), is × `UNSOLD_FACTOR` when `false_science` stands at `UNSOLD_SCIENCE_MIN`; evidence
# scoped ``unsold:false_science``. The sale words are those of the medical frame's and the livestream detector's
# selling cues that name a transaction (下单, 链接, 小黄车, 价格, 买二送一, 两盒…), not the ones that only suggest one
# (家人们, 喝了). Tune half figures in docs/accuracy.md §22 (prec17).
UNSOLD: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("false_ad", "false_science", ("frame.false_ad.self_styled_doctor", "semantic.false_ad")),
)
# The livestream detector's selling cue and the sale words: one home, `qinglang.text.sale` (SELLING_CUES, SALE_RX).
UNSOLD_FACTOR = 0.3
UNSOLD_SCIENCE_MIN = 0.5  # false_science is acted on by the livestream campaign at 0.35, reviewed at 0.6


def offers_for_sale(texts: Iterable[str], content: Content | None) -> bool:
    """Whether a post sells: a live room or transcript (the room is the shop), or words that name a sale
    (`SALE_RX`)."""
    if content is not None and (content.surface == "live" or content.live.room_id is not None
                                or content.kind == "transcript"):
        return True
    return _first_match(SALE_RX, texts) is not None


def strike_unsold(signals: list[Signal], texts: list[str], content: Content | None) -> list[Signal]:
    """On a post that offers nothing for sale (`offers_for_sale`), an `UNSOLD` label whose every evidence is of the
    listed readings, while the label the claim is (`false_science`) stands: × `UNSOLD_FACTOR`, evidence scoped
    ``unsold:false_science``. The same list when nothing is struck."""
    strong = {s.label for s in signals if s.score >= UNSOLD_SCIENCE_MIN}
    pending = {lab: (other, prefixes) for lab, other, prefixes in UNSOLD
               if other in strong and any(s.label == lab and s.score > 0 for s in signals)}
    if not pending or offers_for_sale(texts, content):
        return signals

    def tag(s: Signal) -> str | None:
        rule = pending.get(s.label)
        return None if rule is None or not _only_from(s, rule[1]) else f"unsold:{rule[0]}"

    return _strike_where(signals, UNSOLD_FACTOR, tag)


def strike_colabels(signals: list[Signal], texts: list[str], content: Content | None = None) -> list[Signal]:
    """Every strike on a post the policy acted on, in order: a disguise that only carries its porn / 引流 / gambling,
    a weaker label inside a stronger one, news genre in a message addressed to the company it is about without a
    threat, the cold model's insult read on talk about insulting, news genre on a post that credits another body
    for its news (`content`: its declared source and author), a false ad on a post that sells nothing. `signals`
    itself when nothing is struck."""
    struck = strike_subsumed(strike_cloaks(signals))
    struck = strike_talk_about_insult(strike_correspondence(struck, texts), texts)
    return strike_unsold(strike_credited(struck, content), texts, content)
