"""Answers and outlines for the terminal: numbered passages with citations and 【highlights】."""

from __future__ import annotations

from typing import Mapping

from ..query.sections import outline_passages
from ..records import Answer, Document, Hit
from ..search.answer_model import shipped
from ..search.refusal import REFUSAL
from .quotes import quoted
from .spans import marked


def citation(hit: Hit, title: str) -> str:
    """``《title》section · point · page：“text”``: the line a user copies into their own writing; quotes inside
    the text become 「」 so they do not nest “ ” inside “ ”."""
    page = f"第{hit.passage.page}页" if hit.passage.page else ""
    where = " · ".join(part for part in (hit.passage.section, hit.passage.point, page) if part)
    return f"《{title}》{where}：{quoted(hit.passage.text)}"


def marked_text(hit: Hit, document_text: str, left: str = "【", right: str = "】") -> str:
    """The passage text with highlighted sentences wrapped in ``left`` … ``right``."""
    return marked(hit, document_text, lambda text: left + text + right)


def render_answer(answer: Answer, documents: Mapping[str, Document]) -> str:
    """Human-readable answer for the terminal: numbered passages with citations and 【highlights】."""
    lines: list[str] = []
    if answer.message:
        lines.append(answer.message)
    if not answer.answerable and answer.mode == "search":
        if not answer.message:
            lines.append(REFUSAL)
        if answer.hits:
            lines.append("以下内容可能相关：")
    for number, hit in enumerate(answer.hits, 1):
        p = hit.passage
        document = documents[p.doc]
        page = f"第{p.page}页" if p.page else ""
        where = " · ".join(part for part in (f"《{document.title}》", p.section, p.point, page) if part)
        lines.append(f"[{number}] {where}  （{relevance_label(hit.score)}）")
        lines.append("    " + marked_text(hit, document.text))
    return "\n".join(lines)


def relevance_label(score: float) -> str:
    """A plain label instead of a raw score. The first passage's score is the calibrated chance that it is
    right; "高度相关" is given only where out of fold that held 8 times in 10 (``search/answer_model.py``)."""
    if score >= shipped().highly_relevant:
        return "高度相关"
    if score >= 0.5:
        return "相关"
    return "可能相关"


def render_outline(document: Document) -> str:
    """The document's table of contents for the terminal."""
    lines = [f"《{document.title}》 ({document.name})"]
    if document.notice:
        lines.append(f"  来源说明：{document.notice}")
    for passage in outline_passages(document):
        depth = passage.section.count("›") + (passage.kind != "heading")
        label = passage.text if passage.kind == "heading" else f"{passage.point_no}. {passage.point}"
        lines.append("  " * (depth + 1) + label)
    return "\n".join(lines)
