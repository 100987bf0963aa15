"""The outline of any report at its true depth: 一、 / （一） / 一是 / —— / unnumbered parts, on small texts,
and what the outline questions and the panel answer from it; then checks over the real library."""

from __future__ import annotations

import pytest

from assistant.ingest.document import parse_document
from assistant.query.outline import OutlineRequest
from assistant.query.sections import find, section_points, top_sections
from assistant.records import Document
from assistant.web.outline import outline_entries

REPORT = """各位代表：

一、过去一年的回顾

——经济运行保持在合理区间。国内生产总值增长。

——经济结构不断优化。消费拉动作用增强。

一是创新宏观调控，经济平稳运行。具体做了很多工作。

二是打好攻坚战，重点任务取得进展。具体做了很多工作。

二、今年的总体要求

今年的总体要求是稳中求进，内容很多。

三、今年的工作任务

（一）继续创新宏观调控。

积极的财政政策要加力提效。

1.减税降费。今年减税降费近两万亿元。

（二）激发市场主体活力。

优化营商环境，深化放管服改革。

结束语

让我们团结奋斗，再创佳绩！
"""


@pytest.fixture(scope="module")
def report():
    return parse_document("report.txt", REPORT)


def test_numbered_points_under_a_part_and_bullets_as_plain_paragraphs(report) -> None:
    assert [label for label, _ in section_points(report, 1)] == ["一是创新宏观调控，经济平稳运行", "二是打好攻坚战，重点任务取得进展"]
    bullets = [p for p in report.passages if p.text.startswith("——")]
    assert bullets and all(p.kind == "paragraph" and p.section == "一、过去一年的回顾" for p in bullets)


def test_sub_sections_are_children_of_their_part_and_count_as_its_points(report) -> None:
    assert [h.text for h in top_sections(report)] == ["一、过去一年的回顾", "二、今年的总体要求", "三、今年的工作任务", "结束语"]
    assert [label for label, _ in section_points(report, 3)] == ["（一）继续创新宏观调控。", "（二）激发市场主体活力。"]
    passages, message = find(report, OutlineRequest("section", 3))
    assert "共两点" in message and "不分点" not in message
    chosen, message = find(report, OutlineRequest("point", 3, 2))
    assert message.endswith("（二）激发市场主体活力。") and "优化营商环境" in chosen[1].text
    point = next(p for p in report.passages if p.text.startswith("1."))
    assert point.section == "三、今年的工作任务 › （一）继续创新宏观调控。" and point.point_no == 1


def test_an_unnumbered_closing_part_is_a_part(report) -> None:
    passages, message = find(report, OutlineRequest("section", 4))
    assert message.startswith("第四部分：结束语") and any("团结奋斗" in p.text for p in passages)


def test_the_panel_lists_parts_then_their_sub_sections_or_points(report) -> None:
    entries = [(e.level, e.label) for e in outline_entries(report)]
    assert (1, "三、今年的工作任务") in entries and (2, "（一）继续创新宏观调控。") in entries
    assert entries.index((1, "三、今年的工作任务")) < entries.index((2, "（一）继续创新宏观调控。"))


def test_titled_parts_enclose_numbered_sections() -> None:
    text = ("各位代表：\n\n基本任务\n\n开头的说明文字，比标题长一些。\n\n一、工业\n\n工业的内容。\n\n二、农业\n\n农业的内容。\n\n"
            "执行情况\n\n执行情况的说明文字。\n\n主要措施\n\n主要措施的说明文字。\n")
    document = parse_document("parts.txt", text)
    assert [h.text for h in top_sections(document)] == ["基本任务", "执行情况", "主要措施"]
    assert [label for label, _ in section_points(document, 1)] == ["一、工业", "二、农业"]


def test_library_outlines_have_parts_and_no_part_is_a_sentence(library_documents: list[Document]) -> None:
    documents = library_documents
    with_parts = [d for d in documents if len(top_sections(d)) >= 3]
    assert len(with_parts) >= 50
    for document in documents:
        for heading in document.headings:
            assert len(heading.text) <= 60 and "。" not in heading.text.rstrip("。"), (document.name, heading.text)
    report = next(d for d in documents if d.name.startswith("2019"))
    assert len(section_points(report, 1)) == 8 and len(section_points(report, 3)) == 10
    closing = [d for d in documents if any(h.text == "结束语" and h.level == 1 for h in d.headings)]
    assert len(closing) >= 10


def test_a_sub_section_named_by_its_marker_alone(report) -> None:
    from assistant.query.outline import parse_request

    request = parse_request("（二）讲什么？")
    assert request == OutlineRequest("point", 0, 2, "（二）")
    chosen, message = find(report, request)
    assert message == "第三部分第二点：（二）激发市场主体活力。" and chosen[0].text == "（二）激发市场主体活力。"
    assert find(report, OutlineRequest("point", 0, 9, "（九）"))[0] == []
    assert parse_request("（二）中提到的减税降费规模是多少，具体怎么落实") is None  # a content question


def test_points_of_one_list_that_open_alike_are_labelled_by_their_next_clause() -> None:
    text = ("报告\n\n二、坚持改革\n\n"
            "（一）深化改革，必须坚持正确方向。改革要稳步推进，不能急于求成。\n\n"
            "（二）深化改革，必须尊重群众的首创精神。群众的创造要及时总结。\n\n"
            "（三）扩大开放。开放要继续扩大，利用两个市场。\n")
    labels = [label for label, _ in section_points(parse_document("report.txt", text), 1)]
    assert labels == ["（一）深化改革，必须坚持正确方向", "（二）深化改革，必须尊重群众的首创精神", "（三）扩大开放"]


def test_no_two_points_of_a_library_list_read_alike(library_documents: list[Document]) -> None:
    for document in library_documents:
        for number in range(1, len(top_sections(document)) + 1):
            labels = [label.split("）", 1)[-1] for label, _ in section_points(document, number)]
            repeated = {label for label in labels if labels.count(label) > 1 and not label.endswith("…")}
            assert not repeated, (document.name, number, repeated)


def test_a_part_whose_title_lost_its_line_break_is_still_a_part(library_documents: list[Document]) -> None:
    """The 1987 report writes "三、深入改革经济体制和扩大对外开放国民经济的长期稳定发展，既要…" on one line: the next
    number of a numbering of headings is a part whatever its length, its title ending at the first clause at the
    latest, so its points ("第五，改革企业劳动工资制度…") are its own, not the second part's."""
    document = next(d for d in library_documents if d.name.startswith("1987"))
    parts = [h.text for h in top_sections(document)]
    assert [p[:2] for p in parts[:4]] == ["一、", "二、", "三、", "四、"]
    assert parts[2].startswith("三、深入改革经济体制和扩大对外开放") and len(parts[2]) <= 40
    fifth = find(document, OutlineRequest("point", 3, 5))[0]
    assert fifth and fifth[0].text.startswith("第五，改革企业劳动工资制度")
    body = next(p for p in document.passages if p.text.startswith("既要靠坚持正确的建设方针"))
    assert body.kind == "paragraph" and body.section == parts[2]
