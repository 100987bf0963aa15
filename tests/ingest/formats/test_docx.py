"""Word reader on a document written here with python-docx, a zip bomb inside a .docx and a renamed file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from assistant.ingest.formats import Limits, UnreadableFileError, read_file
from assistant.ingest.formats.docx_numbering import format_number
from .conftest import check_offsets

LONG = "各级政府要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。" * 3


def _chinese_outline(document: docx.document.Document) -> str:
    """Add a Word list numbered 一、 / （一） / 1. (as Chinese report templates define it); returns its numId."""
    levels = [("chineseCounting", "%1、", "nothing"), ("chineseCounting", "（%2）", "nothing"), ("decimal", "%3.", "tab")]
    xml = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:suff w:val="{suff}"/></w:lvl>'
        for i, (fmt, text, suff) in enumerate(levels)
    )
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{xml}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _number(paragraph: Paragraph, num_id: str, ilvl: int) -> Paragraph:
    """Put a paragraph in a Word list at level `ilvl` (0-based), as Word writes it."""
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = int(num_id)
    return paragraph


@pytest.fixture()
def report_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    outline = _chinese_outline(document)
    document.add_heading("政府工作报告", 1)
    document.add_paragraph(LONG)
    _number(document.add_heading("过去一年的工作", 2), outline, 0)
    _number(document.add_paragraph("经济运行总体回升向好。"), outline, 1)
    _number(document.add_paragraph("就业物价总体平稳。"), outline, 1)
    _number(document.add_paragraph("城镇新增就业1244万人。"), outline, 2)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ["指标", "目标", "完成", "增长", "5%左右", "5.2%"]):
        cell.text = text
    outlined = _number(document.add_paragraph("今年的主要任务"), outline, 0)  # a heading by outline level only
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "1")
    outlined._p.get_or_add_pPr().append(level)
    _number(document.add_paragraph("着力扩大国内需求。"), outline, 1)  # （一） again: deeper levels restart
    document.add_paragraph("")  # empty paragraphs leave no block
    document.add_paragraph("结束语：让我们更加紧密地团结在一起。")
    path = tmp_path / "报告.docx"
    document.save(str(path))
    return path


def test_blocks_in_body_order_with_headings_numbering_and_table_rows(report_docx: Path) -> None:
    extracted = read_file(report_docx)
    texts = check_offsets(extracted)
    assert texts == [
        "政府工作报告", LONG, "一、过去一年的工作", "（一）经济运行总体回升向好。", "（二）就业物价总体平稳。",
        "1. 城镇新增就业1244万人。", "指标 目标 完成", "增长 5%左右 5.2%", "二、今年的主要任务", "（一）着力扩大国内需求。",
        "结束语：让我们更加紧密地团结在一起。",
    ]
    kinds = [(b.kind, b.level) for b in extracted.blocks]
    assert kinds == [
        ("heading", 1), ("paragraph", 0), ("heading", 2), ("paragraph", 2), ("paragraph", 2), ("paragraph", 3),
        ("paragraph", 0), ("paragraph", 0), ("heading", 2), ("paragraph", 2), ("paragraph", 0),
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


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [(1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCountingThousand", "十一"),
     (20, "chineseCounting", "二十"), (35, "chineseCounting", "三十五"), (3, "ideographTraditional", "丙"),
     (4, "upperRoman", "IV"), (3, "decimalEnclosedCircle", "③"), (12, "decimalFullWidth", "１２"), (7, "decimal", "7")],
)
def test_word_number_formats(value: int, fmt: str, shown: str) -> None:
    assert format_number(value, fmt) == shown


@pytest.mark.parametrize(
    ("limits", "message"),
    [(Limits(max_chars=100), "文字超过 100 字的上限"), (Limits(max_zip_members=5), "疑似压缩炸弹"),
     (Limits(max_zip_bytes=10_000), "疑似压缩炸弹")],
)
def test_limits_refuse_with_one_line(report_docx: Path, limits: Limits, message: str) -> None:
    with pytest.raises(UnreadableFileError, match=rf"^报告\.docx：.*{message}"):
        read_file(report_docx, limits)
