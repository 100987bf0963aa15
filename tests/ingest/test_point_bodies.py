"""A point written as its title alone ("三是深化粮棉流通体制改革。") with its body in the paragraphs after it: the
body is cited with the point's label and number, and the outline's "第N点" holds the title and its body. On texts
the test writes, parsed by the real ingest code (no model needed)."""

from __future__ import annotations

from assistant.ingest.document import parse_document
from assistant.ingest.passages import embedding_text
from assistant.query.sections import section_points
from assistant.records import Passage

TITLED = """一、今年的主要任务
今年要重点抓好以下几项工作。
一是深化粮棉流通体制改革。
购销市场化是粮棉流通体制改革的根本方向。要保护农民利益，稳步推进改革，不搞一刀切。
各地要加强市场管理，保持粮食市场稳定。
二是进行农村税费改革试点。
为解决农民负担过重问题，在一些省份开展农村税费改革试点，取得了明显成效。
二、过去一年的成就
过去一年，各项事业取得新的进步。
——经济平稳快速增长。
——物价基本稳定。
这些成就来之不易，凝聚了全国人民的心血和汗水。
"""


def passages(text: str) -> list[Passage]:
    return list(parse_document("report.txt", text).passages)


def starting(items: list[Passage], start: str) -> Passage:
    return next(p for p in items if p.text.startswith(start))


def test_the_paragraphs_after_a_title_line_are_that_points_body() -> None:
    found = passages(TITLED)
    first, second = starting(found, "一是"), starting(found, "二是")
    for start, point in (("购销市场化", first), ("各地要加强", first), ("为解决农民", second)):
        body = starting(found, start)
        assert body.kind == "paragraph" and body.body
        assert (body.point, body.point_no) == (point.point, point.point_no)
    assert not first.body and first.kind == "point"


def test_the_paragraph_closing_a_run_of_one_line_items_is_not_the_last_items_body() -> None:
    closing = starting(passages(TITLED), "这些成就来之不易")
    assert not closing.body and closing.point_no == 0


def test_a_paragraph_before_the_first_point_stays_plain() -> None:
    lead = starting(passages(TITLED), "今年要重点抓好")
    assert not lead.body and lead.point == ""


def test_the_outline_point_holds_its_title_and_body() -> None:
    document = parse_document("report.txt", TITLED)
    label, group = section_points(document, 1)[1]
    assert label.startswith("二是进行农村税费改革试点")
    assert [p.text[:3] for p in group] == ["二是进", "为解决"]


def test_a_body_is_embedded_as_written_without_the_points_label() -> None:
    long_body = "要保护农民利益。" * 80  # over the window limit: cut into windows
    found = passages(f"一、任务\n一是深化改革。\n{long_body}\n")
    windows = [p for p in found if p.kind == "window"]
    assert windows and all(p.body and p.point.startswith("一是") for p in windows)
    assert all(embedding_text(p) == p.text for p in windows)


def test_a_title_line_after_a_body_cut_into_windows_still_owns_its_body() -> None:
    long_body = "要保护农民利益。" * 80  # over the window limit: the first point's body ends in windows
    found = passages(f"一、任务\n今年要抓好以下工作。\n一是深化改革。\n{long_body}\n二是扩大开放。\n开放要继续扩大，引进外资。\n")
    second, body = starting(found, "二是"), starting(found, "开放要继续")
    assert body.body and (body.point, body.point_no) == (second.point, second.point_no)
