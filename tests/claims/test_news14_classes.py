"""Session-14 classes of tasks 4 and 9 (news14), on posts written for these tests (not the writer sets)."""

from __future__ import annotations

from qinglang.engine import Engine
from qinglang.model import Content


def test_an_article_is_a_content_kind(engine: Engine) -> None:
    # a long-form piece with a title (公众号文章, a news story): the writers of S7 and t21 send it as `article`
    c = Content.from_json({"id": "a", "kind": "article", "title": "标题", "text": "正文"})
    assert c.kind == "article"
    assert engine.moderate({"id": "a", "kind": "article", "text": "今天天气不错"}).action == "pass"
