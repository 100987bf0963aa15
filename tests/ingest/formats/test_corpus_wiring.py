"""The corpus loader reads Word, web pages and printed PDFs through the format readers: blocks become
paragraphs and headings at their level, PDF pages reach passages and citations, unreadable files give one
line while the rest loads; every passage's text is its span of the extracted text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
from click.testing import CliRunner

from assistant.cli import main
from assistant.ingest.corpus import load_corpus
from assistant.query.sections import section_points, top_sections
from assistant.records import Hit
from assistant.render.text import citation
from assistant.text import shown_text


def _word(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("各位代表：")
    document.add_heading("一、总体要求", 1)
    document.add_paragraph("今年工作的总体要求是稳中求进，坚持高质量发展。")
    document.add_heading("稳定增长", 2)
    document.add_paragraph("积极的财政政策要加力提效，扩大有效投资。")
    document.add_heading("二、主要任务", 1)
    document.add_paragraph("一是扩大内需。二是深化改革，激发市场活力。")
    document.save(str(path))
    return path


PAGE = """<html><head><meta charset="utf-8"><title>网页报告</title></head><body>
<nav>首页 | 新闻 | 要闻 | 联系我们</nav>
<article><h1>网页报告</h1><h2>一、形势</h2><p>当前经济运行总体平稳，
发展质量稳步提升。</p><h2>二、任务</h2><p>要坚持稳中求进工作总基调，扎实推进各项工作。</p></article>
<footer>版权所有 © 2024 某网站 https://example.org</footer></body></html>"""


def test_formats_load_into_passages_outline_and_pages(report_pdf: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _word(corpus / "word.docx")
    (corpus / "page.html").write_text(PAGE, encoding="utf-8")
    shutil.copy(report_pdf, corpus / "printed.pdf")
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    documents, problems = load_corpus(corpus)
    assert [d.name for d in documents] == ["page.html", "printed.pdf", "word.docx"]
    assert len(problems) == 1 and "scan.pdf" in problems[0]
    by_name = {d.name: d for d in documents}
    for document in documents:
        for passage in document.passages:
            assert shown_text(document.text[passage.start : passage.end]) == passage.text

    word = by_name["word.docx"]
    assert [h.text for h in top_sections(word)] == ["一、总体要求", "二、主要任务"]
    assert [label for label, _ in section_points(word, 1)] == ["稳定增长"]  # a Word heading one level down

    page = by_name["page.html"]
    texts = [p.text for p in page.passages]
    assert "当前经济运行总体平稳，发展质量稳步提升。" in texts
    assert not any("首页" in t or "版权" in t for t in texts)
    assert [h.text for h in top_sections(page)] == ["一、形势", "二、任务"]

    printed = by_name["printed.pdf"]
    body = [p for p in printed.passages if p.kind in ("paragraph", "point", "window")]
    assert body and all(p.page >= 1 for p in body) and max(p.page for p in body) >= 2
    last = body[-1]
    assert f"第{last.page}页" in citation(Hit(last, 1.0), printed.title)
    listed = CliRunner().invoke(main, ["passages", "--corpus", str(corpus), "--json"])
    records = [json.loads(line) for line in listed.output.splitlines() if line.startswith("{")]
    assert all(r["page"] >= 1 for r in records if r["doc"] == "printed.pdf" and r["kind"] != "title")
    assert all("page" not in r for r in records if r["doc"] != "printed.pdf")
    # the outline is read from parsing alone: no model, and no index built for a folder looked at
    index = tmp_path / "untouched-index"
    outline = CliRunner().invoke(main, ["outline", "--corpus", str(corpus)], env={"ASSISTANT_INDEX": str(index)})
    assert outline.exit_code == 0 and "  一、形势\n  二、任务" in outline.output and not index.exists()
