"""The page's words come from the loaded documents: a folder of reports never reads "这篇讲话"."""

from __future__ import annotations

from assistant.ingest.corpus import read_document
from assistant.render.page import genre, page_texts, topic

from conftest import SHARED, SPEECH


def test_one_speech_is_worded_as_a_speech() -> None:
    texts = page_texts([read_document(SPEECH.parent, SPEECH)])
    assert texts.title == "讲话问答" and texts.empty == "问问这篇讲话说了什么"
    assert texts.examples[0] == "这篇讲话分几部分？" and "“把握特殊背景”" in texts.placeholder  # from its own heading


def test_reports_are_worded_from_their_titles_and_headings() -> None:
    folder = SHARED / "library"
    reports = [read_document(folder, folder / f"{year}年政府工作报告.txt") for year in (2010, 2019)]
    texts = page_texts(reports)
    assert genre(reports) == "报告" and texts.title == "报告问答" and texts.empty == "问问这两份报告说了什么"
    assert "《2010年政府工作报告》、《2019年政府工作报告》" in texts.subtitle
    assert texts.examples[0] == "《2010年政府工作报告》分几部分？"
    assert not any("讲话" in text for text in (texts.title, texts.subtitle, texts.empty, texts.placeholder, *texts.examples))


def test_topic_is_a_headings_first_clause_without_its_marker() -> None:
    assert topic("五、把握发展根基，毫不动摇推进“产业强市”") == "把握发展根基"
    assert topic("（三）积极推进产业结构调整") == "积极推进产业结构调整"
