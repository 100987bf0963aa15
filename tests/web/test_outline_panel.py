"""The outline panel at every depth: sub-sections and their points, long sections shortened behind
"展开其余 N 项", every document titled; parsed by the real corpus reader from a document written here."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.corpus import load_corpus
from assistant.web.outline import LONG_SECTION, SHOWN, library_outline, outline_entries, subsection_answer

REPORT = "\n\n".join([
    "关于园区建设的工作报告",
    "一、过去一年的工作",
    "（一）基础设施建设稳步推进。",
    "一是道路全面贯通。新建道路十二公里，实现园区主干道全覆盖。",
    "二是管网同步建成。供水、排水和燃气管网与道路同步施工。",
    "（二）招商引资取得突破。",
    "全年引进项目二十个，总投资八十亿元。",
    "二、今年的主要任务",
    *[f"{n}是任务{n}要抓实。要明确责任人和完成时限，按月调度推进。" for n in "一二三四五六七八"],
])


def documents(tmp_path: Path, *names: str):  # type: ignore[no-untyped-def]
    for name in names:
        (tmp_path / name).write_text(REPORT + "\n", encoding="utf-8")
    found, problems = load_corpus(tmp_path)
    assert not problems
    return found


def test_sub_sections_and_their_points_are_listed_at_their_depth(tmp_path: Path) -> None:
    (document,) = documents(tmp_path, "report.txt")
    entries = outline_entries(document)
    levels = {entry.label: entry.level for entry in entries}
    assert levels["一、过去一年的工作"] == 1
    assert levels["（一）基础设施建设稳步推进。"] == 2 and levels["（二）招商引资取得突破。"] == 2
    assert any(level == 3 and label.startswith("一是道路全面贯通") for label, level in levels.items())
    point = next(e for e in entries if e.label.startswith("二是管网同步建成"))
    answer = subsection_answer(document, point)
    assert answer.hits[0].passage.text.startswith("二是管网同步建成") and answer.mode == "outline"
    sub = next(e for e in entries if e.label.startswith("（二）"))
    assert subsection_answer(document, sub).hits[0].passage.text.startswith("全年引进项目二十个")


def test_long_sections_are_shortened_until_expanded(tmp_path: Path) -> None:
    (document,) = documents(tmp_path, "report.txt")
    short = outline_entries(document)
    tasks = [e for e in short if e.label.startswith(tuple("一二三四五六七八")) and "是任务" in e.label]
    more = [e for e in short if e.more]
    assert len(tasks) == SHOWN and len(more) == 1 and more[0].label == f"展开其余 {8 - SHOWN} 项"
    assert 8 > LONG_SECTION
    full = outline_entries(document, expanded=[more[0].more])
    assert sum("是任务" in e.label for e in full) == 8 and not any(e.more for e in full)


def test_every_document_is_listed_under_its_title(tmp_path: Path) -> None:
    found = documents(tmp_path, "a.txt", "b.txt")
    entries = library_outline(found)
    assert [e.doc for e in entries if e.level == 0] == ["a.txt", "b.txt"]
    assert {e.doc for e in library_outline(found, only=("b.txt",))} == {"b.txt"}
    assert not any(e.level == 0 for e in library_outline(found, only=("b.txt",)))


def test_a_click_on_a_point_of_a_second_parallel_list_asks_for_that_point() -> None:
    from assistant.ingest.document import parse_document
    from assistant.query.sections import find

    text = ("一、今年的主要任务\n\n实施积极的财政政策。一是保持适度的赤字规模。\n\n二是继续实施结构性减税。\n\n"
            "实施稳健的货币政策。一是保持信贷合理增长。\n\n二是优化信贷结构。\n")
    document = parse_document("report.txt", text)
    points = [e for e in outline_entries(document) if e.request and e.request.ask == "point"]
    assert [e.request.point for e in points if e.request] == [1, 2, 3, 4]
    passages, _ = find(document, points[2].request)  # type: ignore[arg-type]
    assert passages[0].point.startswith("一是保持信贷合理增长")
