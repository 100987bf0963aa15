"""Running header, footer and page-number rules on lines placed by hand, for forms the printed report lacks."""

from __future__ import annotations

from assistant.ingest.formats.pdf_layout import Line, drop_running


def _page(number: int, top: str, bottom: str) -> list[Line]:
    body = [Line(f"正文第{number}页第{k}行。", 72, 500, 700 - 20 * k, 688 - 20 * k, number) for k in range(3)]
    return [Line(top, 72, 300, 800, 790, number), *body, Line(bottom, 280, 320, 60, 50, number)]


def test_page_number_forms_and_repeated_header_dropped_body_kept() -> None:
    footers = ["- 1 -", "第 2 页", "3 / 10", "iv"]
    pages = [_page(n + 1, f"2024年政府工作报告（第{n + 1}稿）", footer) for n, footer in enumerate(footers)]
    kept = drop_running(pages)
    assert [[line.text for line in page] for page in kept] == [
        [f"正文第{n}页第{k}行。" for k in range(3)] for n in range(1, 5)
    ]


def test_a_year_or_a_one_off_edge_line_is_not_a_page_number() -> None:
    pages = [_page(1, "政府工作报告", "2024"), _page(2, "附件", "谢谢大家。")]
    kept = drop_running(pages)
    assert kept[0][0].text == "政府工作报告" and kept[0][-1].text == "2024" and kept[1][-1].text == "谢谢大家。"
