"""Target: whom an offensive text is aimed at — a person it addresses, or a group of people it names.

A classifier trained on COLD (`cold`) learns *offensive* as one class, so it reports both `abuse` (an insult to a
person: 你这种脑子…, 楼主是不是沙币) and `antagonism` (hostility to a group: 河南人又偷井盖了, 外地人素质就这样)
for every post it flags. The text says which one it is: a second-person address or a named interlocutor (你, 楼主,
博主, 主播) with no group named is abuse; a group of people (a region's, a gender's, a class's: 某省人, 女人, 外地人,
那帮…) named with no one addressed is antagonism; both or neither keeps both labels. This is the target distinction
of the offensive-language annotation literature (Zampieri et al. 2019, OLID level C: individual / group / other),
read from closed classes of words rather than learned.

The word lists are closed classes (pronouns and forms of address; collective nouns of region, gender, class and
nationality; group determiners), not topic words. Called only for items a model already flagged (a few in a hundred),
so a handful of regex searches per flagged field.
"""

from __future__ import annotations

import re
from typing import Literal

# Provinces, municipalities and the regional names posters use for a region's people (东北, 潮汕).
_REGIONS = ("河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|四川|贵州|"
            "云南|陕西|甘肃|青海|宁夏|新疆|西藏|内蒙|北京|上海|天津|重庆|东北|温州|潮汕|台湾|香港")
_GROUP_RX = re.compile(
    # a gender, a place of origin, a class, a race or a nation, as a collective noun (这女的 / 那男的 is one person)
    r"男人|女人|(?<![这那个])男的|(?<![这那个])女的|男性|女性|男生们|女生们|男同胞|女同胞|外地人|本地人|外省人|农村人|城里人|"
    r"乡下人|穷人|富人|有钱人|黑人|白人|老外|外国人|资本家|"
    r"(?:日本|美国|印度|韩国|中国|俄罗斯|欧洲|非洲)人|"
    r"(?:" + _REGIONS + r")(?:省|市)?(?:人|佬|女|男|老乡)|"
    r"[某那这该]个?(?:省|地方|市|县|地区|区)的?人|[\u4e00-\u9fff]{1,3}(?:省|市|区|县)的?人|"
    # a group determiner (那帮摊贩, 这群人, 那些民营企业家) or a plural noun (打工人们 is one; 他们的 is a possessive)
    r"一帮|那帮|这帮|那些|这些人|这群|那群|[\u4e00-\u9fff]{1,4}们(?!的)")
# Second person (not 你们, which addresses a group) and the names of the person a comment answers.
_ADDRESS_RX = re.compile(r"你(?!们)|您|楼主|楼上|楼下|层主|博主|up主|主播|这位|lz")

Target = Literal["person", "group", "both"]


def aimed_at(text: str) -> Target:
    """`person` when the text addresses someone and names no group, `group` when it names a group and addresses
    no one, else `both` (canonical text: lower-case Latin, simplified characters)."""
    group = _GROUP_RX.search(text) is not None
    person = _ADDRESS_RX.search(text) is not None
    if group and not person:
        return "group"
    if person and not group:
        return "person"
    return "both"


# The label each target keeps when a model reports both of these siblings for one offensive text.
TARGET_LABEL: dict[str, Target] = {"abuse": "person", "antagonism": "group"}


def keeps(label: str, target: Target) -> bool:
    """Whether a model's sibling label (abuse / antagonism) fits the text's target."""
    want = TARGET_LABEL.get(label)
    return want is None or target == "both" or want == target
