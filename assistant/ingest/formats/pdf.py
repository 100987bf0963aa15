"""PDF with a text layer (pdfminer.six): lines with positions per page, then paragraphs by layout."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTPage, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from assistant.ingest.formats.chars import plain_chars
from assistant.ingest.formats.limits import Limits, read_bytes
from assistant.ingest.formats.pdf_layout import Line, drop_running, paragraphs
from assistant.ingest.formats.records import Extracted, UnreadableFileError, assemble

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # pdfminer warns per glyph about harmless font details


def read_pdf(path: Path, limits: Limits) -> Extracted:
    """Refused when encrypted, over the page or time cap, or without any text (a scan)."""
    data = read_bytes(path, limits)
    if not data[:1024].lstrip().startswith(b"%PDF-"):
        raise UnreadableFileError(path, "不是 PDF 文件（可能只是改了扩展名）；请确认文件类型后再添加。")
    pages = list(_pages(path, limits))
    kept = drop_running(pages)
    if not any(kept):
        raise UnreadableFileError(path, "是扫描件，没有文字层；请先用 OCR 转成带文字的 PDF 或 Word 再添加。")
    warnings = _blank_pages(pages)
    return assemble(paragraphs(kept), "pdf", path, limits.max_chars, pages=len(pages), warnings=warnings)


def _blank_pages(pages: list[list[Line]]) -> tuple[str, ...]:
    """A warning naming the pages without a text layer in a PDF that has text elsewhere (scanned inserts)."""
    blank = [str(number) for number, lines in enumerate(pages, start=1) if not lines]
    if not blank:
        return ()
    shown = "、".join(blank[:20]) + (" 等" if len(blank) > 20 else "")
    return (f"第 {shown} 页没有文字层（可能是扫描页），其内容未收入；如需要请先 OCR。",)


def _pages(path: Path, limits: Limits) -> Iterator[list[Line]]:
    started = time.monotonic()
    with path.open("rb") as handle:
        try:
            document = PDFDocument(PDFParser(handle))
        except (PDFPasswordIncorrect, PDFEncryptionError):
            raise UnreadableFileError(path, "已加密，需要密码才能读取；请在 PDF 阅读器中去掉密码另存后再添加。") from None
        except Exception:  # pdfminer raises PDFSyntaxError, KeyError, TypeError… for a broken file
            raise UnreadableFileError(path, "PDF 文件已损坏，无法读取；请重新导出 PDF 再添加。") from None
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if number > limits.max_pdf_pages:
                raise UnreadableFileError(path, f"超过 {limits.max_pdf_pages:,} 页的上限；请拆成几个较小的 PDF 再添加。")
            if time.monotonic() - started > limits.max_seconds:
                raise UnreadableFileError(path, f"读取超过 {limits.max_seconds:.0f} 秒仍未完成；请拆成几个较小的 PDF 再添加。")
            interpreter.process_page(page)
            yield _lines(device.get_result(), number)


def _lines(layout: LTPage, number: int) -> list[Line]:
    """The page's text lines top to bottom, characters normalised, blank lines left out."""
    found: list[Line] = []
    stack: list[object] = [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, LTTextLine):
            text = plain_chars(item.get_text()).strip()
            if text:
                found.append(Line(text, item.x0, item.x1, item.y1, item.y0, number))
        elif hasattr(item, "__iter__"):
            stack.extend(item)  # type: ignore[arg-type]
    return sorted(found, key=lambda line: (-round(line.top), line.x0))
