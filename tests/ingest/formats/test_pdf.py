"""PDF reader on a Chromium-printed report, an encrypted copy, a thousand blank pages and non-PDFs."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from assistant.ingest.formats import Extracted, Limits, UnreadableFileError, read_file
from assistant.ingest.formats.chars import plain_chars
from .conftest import HEADER, KANGXI_PLAIN, PARAGRAPHS, check_offsets


def test_paragraphs_rejoined_whole_in_order_with_pages(report: Extracted) -> None:
    extracted = report
    texts = check_offsets(extracted)
    assert extracted.source_format == "pdf" and extracted.pages >= 3
    body = [t for t, b in zip(texts, extracted.blocks) if b.kind == "paragraph"]
    assert body == PARAGRAPHS + [KANGXI_PLAIN]  # whole, in order, nothing else: no header, footer or page number
    pages = [b.page for b in extracted.blocks]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == extracted.pages


def test_headings_levels_and_page_of_each_block(report_pdf: Path, report: Extracted) -> None:
    extracted = report
    headings = [(extracted.text[b.start : b.end], b.level) for b in extracted.blocks if b.kind == "heading"]
    assert headings == [("政府工作报告", 1), ("第1部分", 2), ("第2部分", 2), ("第3部分", 2)]
    pages = [plain_chars(page.extract_text()).replace("\n", "") for page in PdfReader(report_pdf).pages]
    for block in extracted.blocks:
        # the block's first characters are printed on the page it names (pypdf's reading, not ours)
        page_text = pages[block.page - 1]
        assert extracted.text[block.start : min(block.end, block.start + 6)] in page_text


def test_running_header_and_page_numbers_dropped(report: Extracted) -> None:
    text = report.text
    assert HEADER not in text and "file:" not in text
    assert not re.search(r"\d+/\d+/\d+, \d+:\d+|\b\d+/\d+\b", text)  # Chromium's date line and "page/pages" footer


def test_kangxi_radicals_normalised_but_chinese_punctuation_kept(report: Extracted) -> None:
    text = report.text
    assert not any(0x2E80 <= ord(c) <= 0x2FDF for c in text)
    assert KANGXI_PLAIN in text and "，" in text and "," not in text
    assert plain_chars("⼯作，⻓期（“⺠”）") == "工作，长期（“民”）"  # radicals mapped, full-width punctuation untouched


def test_encrypted_pdf_refused_with_one_line(report_pdf: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=report_pdf)
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "加密报告.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(UnreadableFileError, match=r"^加密报告\.pdf：已加密.*去掉密码") as error:
        read_file(locked)
    assert "\n" not in str(error.value)


def _blank_pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_thousand_empty_pages_is_a_scan_message_within_seconds(tmp_path: Path) -> None:
    blank = _blank_pdf(tmp_path / "扫描件.pdf", 1000)
    started = time.monotonic()
    with pytest.raises(UnreadableFileError, match=r"^扫描件\.pdf：是扫描件，没有文字层；请先用 OCR"):
        read_file(blank)
    assert time.monotonic() - started < 10


def test_page_cap_refuses_long_pdf(tmp_path: Path) -> None:
    blank = _blank_pdf(tmp_path / "长.pdf", 50)
    with pytest.raises(UnreadableFileError, match=r"^长\.pdf：超过 20 页的上限"):
        read_file(blank, Limits(max_pdf_pages=20))


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"PK\x03\x04 this is a zip renamed", "不是 PDF 文件"), (b"", "是空文件"), (b"%PDF-1.7\n garbage", "PDF 文件已损坏")],
)
def test_not_a_pdf_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match=rf"^x\.pdf：{message}"):
        read_file(path)


def test_blank_pages_among_text_pages_are_a_warning(report_pdf: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=report_pdf)
    writer.add_blank_page()
    mixed = tmp_path / "部分扫描.pdf"
    with mixed.open("wb") as handle:
        writer.write(handle)
    extracted = read_file(mixed)
    last = len(PdfReader(mixed).pages)
    assert extracted.pages == last and extracted.warnings == (
        f"第 {last} 页没有文字层（可能是扫描页），其内容未收入；如需要请先 OCR。",
    )


def test_no_warning_when_every_page_has_text(report: Extracted) -> None:
    assert report.warnings == ()


def test_time_cap_refuses_slow_pdf(report_pdf: Path, tmp_path: Path) -> None:
    slow = tmp_path / "慢.pdf"
    slow.write_bytes(report_pdf.read_bytes())
    with pytest.raises(UnreadableFileError, match=r"^慢\.pdf：读取超过 0 秒仍未完成"):
        read_file(slow, Limits(max_seconds=0.0))
