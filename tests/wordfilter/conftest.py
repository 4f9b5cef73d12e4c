"""A platform lexicon folder and a light engine (lexicon + contact_info detectors only) for word-filter tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from qinglang.engine import Engine, EngineConfig

LEXICON_YAML = """\
name: platform
label: abuse
severity: medium
tags: [平台]
allow: [南京市长江大桥]
entries:
  - {term: 微信, label: drainage, severity: low, tags: [引流, 联系方式], match: [exact, homophone, pinyin]}
  - {term: 傻逼, label: abuse, severity: high, tags: [辱骂], match: [exact, split, homophone, pinyin, initials]}
  - {term: 江大桥, label: abuse}
  - {term: 黄片, label: porn, severity: high, tags: [色情]}
  - {term: 五星红旗, label: language_misuse, tags: [政治, 国家]}
  - {term: 毛主席, label: language_misuse}
  - {term: 天安门, label: language_misuse}
  - {term: fuck, label: vulgar}
  - {term: 中国, label: antagonism}
  - {term: 国人, label: antagonism}
"""
DETECTORS_YAML = """\
detectors:
  - {name: lexicon, type: lexicon, enabled: true}
  - {name: contact_info, type: contact_info, enabled: true, params: {extra_platform_domains: [example.org]}}
"""


def make_lexicon(root: Path, body: str = LEXICON_YAML, allow_txt: str | None = "三黄片\n") -> Path:
    d = root / "platform"
    d.mkdir(parents=True, exist_ok=True)
    (d / "PROVENANCE").write_text("source: tests\nlicense: Apache-2.0\n", encoding="utf-8")
    (d / "lexicon.yaml").write_text(body, encoding="utf-8")
    if allow_txt is not None:
        (d / "allow.txt").write_text(allow_txt, encoding="utf-8")
    return d


def make_engine(root: Path, *, edits: Path | None = None, body: str = LEXICON_YAML) -> Engine:
    lex = make_lexicon(root, body)
    det = root / "detectors.yaml"
    det.write_text(DETECTORS_YAML, encoding="utf-8")
    return Engine(EngineConfig(lexicon_dirs=(lex,), detectors=det, include_shipped_lexicons=False, edits=edits,
                               extra={"media": False}))


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return make_engine(tmp_path_factory.mktemp("wf"))
