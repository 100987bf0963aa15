"""Fixtures built by the tests from texts written here: a Word file, a printed PDF, a web page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.ingest.formats import Extracted, read_file

#: Long paragraphs that wrap over several lines and pages, printed ragged-right so Chinese line breaking leaves
#: wrapped lines short (a comma may not start a line, a number moves whole); each has its number, for order.
PARAGRAPHS = [
    ("——" if i % 3 == 0 else "")
    + f"第{i}段：坚持以人民为中心的发展思想，"
    + "完成铁路投资8000亿元、公路水运投资1.8万亿元，PM2.5浓度继续下降，推动经济实现质的有效提升和量的合理增长，" * (2 + i % 4)
    + f"这是第{i}段的结尾。"
    for i in range(1, 16)
]
#: Written with Kangxi radicals (U+2F00…) and a radicals-supplement character, as some PDF producers emit them.
KANGXI = "⼀切为了⼈⺠，⾼质量发展是⾸要任务。"
KANGXI_PLAIN = "一切为了人民，高质量发展是首要任务。"
HEADER = "测试报告页眉"


def check_offsets(extracted: Extracted) -> list[str]:
    """Every block's text, asserting the blocks tile the text: one line each, separated by one blank line."""
    assert extracted.blocks
    texts = [extracted.text[b.start : b.end] for b in extracted.blocks]
    assert "\n\n".join(texts) == extracted.text
    assert all(t and "\n" not in t and t == t.strip() for t in texts)
    return texts


def _report_html() -> str:
    parts = ["<h1>政府工作报告</h1>"]
    for i, paragraph in enumerate(PARAGRAPHS):
        if i % 5 == 0:
            parts.append(f"<h2>第{i // 5 + 1}部分</h2>")
        parts.append(f"<p>{paragraph}</p>")
    parts.append(f"<p>{KANGXI}</p>")
    style = (
        "@page { size: A4; margin: 2.5cm 2cm; } body { font-family: 'Noto Serif CJK SC'; font-size: 12pt; }"
        " p { text-indent: 2em; margin: 0; text-align: left; } h1 { font-size: 22pt; } h2 { font-size: 16pt; }"
    )
    return f"<html><head><meta charset='utf-8'><title>{HEADER}</title><style>{style}</style></head><body>{''.join(parts)}</body></html>"


@pytest.fixture(scope="session")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report printed by headless Chromium with its default running header (date, title) and footer (page x/y)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed: the PDF fixture is printed by headless Chromium")
    folder = tmp_path_factory.mktemp("pdf")
    (folder / "report.html").write_text(_report_html(), encoding="utf-8")
    out = folder / "report.pdf"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={out}", str(folder / "report.html")],
        check=True, capture_output=True, timeout=120,
    )
    return out


@pytest.fixture(scope="session")
def report(report_pdf: Path) -> Extracted:
    """The printed report as read, once for the tests that only look at the result."""
    return read_file(report_pdf)
