"""Word reader on a document written here with python-docx, a zip bomb inside a .docx and a renamed file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from assistant.ingest.formats import UnreadableFileError, read_file
from .conftest import check_offsets

LONG = "各级政府要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。" * 3


def _numbered(document: docx.document.Document, text: str, ilvl: int) -> None:
    """A Word auto-numbered paragraph at list level `ilvl` (0-based), as Word writes it."""
    paragraph = document.add_paragraph(text, style="List Number")
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl


@pytest.fixture()
def report_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_heading("政府工作报告", 1)
    document.add_paragraph(LONG)
    document.add_heading("一、过去一年的工作", 2)
    _numbered(document, "经济运行总体回升向好。", 0)
    _numbered(document, "就业物价总体平稳。", 1)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ["指标", "目标", "完成", "增长", "5%左右", "5.2%"]):
        cell.text = text
    outlined = document.add_paragraph("二、今年的主要任务")  # a heading by outline level only, as some templates do
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "1")
    outlined._p.get_or_add_pPr().append(level)
    document.add_paragraph("")  # empty paragraphs leave no block
    document.add_paragraph("结束语：让我们更加紧密地团结在一起。")
    path = tmp_path / "报告.docx"
    document.save(str(path))
    return path


def test_blocks_in_body_order_with_headings_lists_and_table_rows(report_docx: Path) -> None:
    extracted = read_file(report_docx)
    texts = check_offsets(extracted)
    assert texts == [
        "政府工作报告", LONG, "一、过去一年的工作", "经济运行总体回升向好。", "就业物价总体平稳。",
        "指标 目标 完成", "增长 5%左右 5.2%", "二、今年的主要任务", "结束语：让我们更加紧密地团结在一起。",
    ]
    kinds = [(b.kind, b.level) for b in extracted.blocks]
    assert kinds == [
        ("heading", 1), ("paragraph", 0), ("heading", 2), ("paragraph", 1), ("paragraph", 2),
        ("paragraph", 0), ("paragraph", 0), ("heading", 2), ("paragraph", 0),
    ]
    assert extracted.source_format == "docx" and all(b.page == 0 for b in extracted.blocks)


def test_zip_bomb_inside_docx_refused_before_parsing(report_docx: Path) -> None:
    with zipfile.ZipFile(report_docx, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/bomb.bin", b"\0" * (64 * 1024 * 1024))  # 64 MB of zeros, ~64 KB compressed
    assert report_docx.stat().st_size < 1024 * 1024
    with pytest.raises(UnreadableFileError, match=r"^报告\.docx：.*压缩炸弹"):
        read_file(report_docx)


@pytest.mark.parametrize(("content", "message"), [(b"%PDF-1.4 renamed", "不是有效的 Word"), (b"", "是空文件")])
def test_not_a_docx_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match=rf"^x\.docx：{message}"):
        read_file(path)
