"""HTML for the browser chat: answers as citation cards, the user's own words, the outline's entries.

Every piece of text that reaches the page (questions, passages, titles, notices) goes through
:func:`html.escape` here, so nothing a user types or a corpus file contains is ever read as markup.
The chat also sanitises what it shows; escaping here is the first line, not the only one.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Callable, Collection, Mapping, Sequence

from ..query.outline import OutlineRequest, section_points, top_sections
from ..records import Answer, Document, Hit, Passage
from ..search.refusal import REFUSAL
from .page import PageTexts, page_texts
from .spans import marked
from .text import citation, relevance_label

Context = Callable[[Passage], Sequence[Passage]]
NOT_ANSWERED_TITLE = "可能相关"
_RELEVANCE_CLASS = {"高度相关": "high", "相关": "mid", "可能相关": "low"}


def esc(text: str) -> str:
    """Text as inert HTML: ``<``, ``>``, ``&`` and both quotes escaped (safe in attributes too)."""
    return html.escape(text, quote=True)


def _lines(text: str) -> str:
    """Escaped text whose line breaks show, without ever leaving an empty line in the HTML."""
    return "<br>".join(esc(line) for line in text.splitlines()) or "&nbsp;"


def question_html(question: str) -> str:
    """What the user typed, shown verbatim as text."""
    return f'<div class="qa-question">{_lines(question)}</div>'


def marked_html(hit: Hit, document_text: str) -> str:
    """The passage's verbatim text with its highlighted sentences in ``<mark>``."""
    return marked(hit, document_text, lambda text: f'<mark class="qa-hl">{esc(text)}</mark>', esc)


def where_label(passage: Passage) -> str:
    """``section › point``, the place a passage is cited from ("" before the first heading)."""
    page = f"第{passage.page}页" if passage.page else ""
    return " › ".join(part for part in (passage.section, passage.point, page) if part)


def _context_html(hit: Hit, document: Document, context: Context) -> str:
    passages = context(hit.passage)
    if all(p.id == hit.passage.id for p in passages):
        return ""
    rows = []
    for p in passages:
        own = p.id == hit.passage.id
        text = marked_html(hit, document.text) if own else esc(p.text)
        rows.append(f'<p class="qa-ctx{" qa-ctx-self" if own else ""}">{text}</p>')
    return f'<details class="qa-context"><summary>查看上下文</summary>{"".join(rows)}</details>'


def card_html(number: int, hit: Hit, document: Document, context: Context, show_relevance: bool = True) -> str:
    """One citation card: where it is from, the highlighted text, copy-citation and the context around it."""
    where = where_label(hit.passage)
    label = relevance_label(hit.score)
    badge = f'<span class="qa-rel qa-rel-{_RELEVANCE_CLASS.get(label, "low")}">{esc(label)}</span>' if show_relevance else ""
    return (
        '<div class="qa-card">'
        f'<div class="qa-where"><span class="qa-num">{number}</span>'
        f'<span class="qa-doc">《{esc(document.title)}》</span>'
        f'<span class="qa-section">{esc(where)}</span>{badge}</div>'
        f'<p class="qa-text">{marked_html(hit, document.text)}</p>'
        f'<div class="qa-actions"><button type="button" class="qa-copy">复制引文</button>'
        f'<span class="qa-cite">{esc(citation(hit, document.title))}</span></div>'
        f"{_context_html(hit, document, context)}</div>"
    )


def answer_html(answer: Answer, documents: Mapping[str, Document], context: Context, only: Collection[str] = ()) -> str:
    """The whole reply: the documents searched, a note, the refusal (set apart) and the cards; ``only``
    keeps the cards of those documents."""
    only = (only,) if isinstance(only, str) and only else only
    hits = [h for h in answer.hits if not only or h.passage.doc in only]
    hidden = len(answer.hits) - len(hits)
    parts: list[str] = []
    if len(documents) > 1:
        searched = answer.documents or tuple(documents)
        label = "全部文件" if len(searched) == len(documents) else "、".join(f"《{documents[n].title}》" for n in searched if n in documents)
        parts.append(f'<div class="qa-scope">检索范围：{esc(label)}</div>')
    refused = not answer.answerable and answer.mode == "search"
    if refused:
        parts.append(f'<div class="qa-refusal">{_lines(answer.message or REFUSAL)}</div>')
    elif answer.message:
        parts.append(f'<div class="qa-message">{_lines(answer.message)}</div>')
    cards = "".join(
        card_html(i, hit, documents[hit.passage.doc], context, show_relevance=answer.mode == "search" and not refused)
        for i, hit in enumerate(hits, 1)
    )
    if refused and cards:
        parts.append(f'<div class="qa-maybe"><div class="qa-maybe-title">{NOT_ANSWERED_TITLE}</div>{cards}</div>')
    elif cards:
        parts.append(f'<div class="qa-cards">{cards}</div>')
    if hidden:
        parts.append(f'<div class="qa-message qa-hidden">另有{hidden}条出自其他文件，已按文件筛选隐去。</div>')
    if not parts:
        parts.append(f'<div class="qa-message">{esc(REFUSAL)}</div>')
    return f'<div class="qa-answer">{"".join(parts)}</div>'


def header_html(documents: Sequence[Document]) -> str:
    """Title, what the chat is about, and each document's source notice as attribution."""
    texts = page_texts(documents)
    notices = "".join(
        f'<p class="qa-notice">来源说明（{esc(d.title)}）：{esc(d.notice)}</p>' for d in documents if d.notice
    )
    return (
        f'<div class="qa-header"><h1>{esc(texts.title)}</h1>'
        f'<p class="qa-sub">{esc(texts.subtitle)}；每个回答都是原文段落，标出出处，可一键复制引文。</p>{notices}</div>'
    )


def empty_html(texts: PageTexts) -> str:
    """The chat's empty state: what to ask, in the loaded documents' words."""
    return (
        f"<div class='qa-empty'><p class='qa-empty-title'>{esc(texts.empty)}</p>"
        "<p>用自己的话提问，回答是原文的段落，标出章节和要点，答句高亮。问题里可以点名文档（如年份、标题），"
        "也可以追问（“那第三点呢？”），或在目录里点一节直接看原文。</p></div>"
    )


def notice_html(notice: str) -> str:
    """A one-line warning above an answer (e.g. the index could not follow an edit of the corpus)."""
    return f'<div class="qa-message qa-hidden">{esc(notice)}</div>'


def status_html(lines: Sequence[str], failed: str = "") -> str:
    """The progress message shown while the model loads and the index is built on a first start."""
    if failed:
        return f'<div class="qa-status qa-status-failed">无法启动问答：{esc(failed)}</div>'
    detail = f'<span class="qa-status-detail">{esc(lines[-1])}</span>' if lines else ""
    return (
        '<div class="qa-status"><span class="qa-spinner"></span>'
        "正在准备：加载模型并建立索引（首次启动约需一分钟），完成后即可提问。"
        f"{detail}</div>"
    )


@dataclass(frozen=True)
class OutlineEntry:
    """One clickable line of the table of contents and the outline request it stands for."""

    label: str
    request: OutlineRequest
    level: int  # 0 a document's title, 1 a section, 2 a point
    question: str  # the words the conversation remembers for follow-ups ("那第二点呢？")


def outline_entries(document: Document) -> list[OutlineEntry]:
    """Sections and their points, in reading order."""
    entries: list[OutlineEntry] = []
    for number, heading in enumerate(top_sections(document), 1):
        entries.append(OutlineEntry(heading.text, OutlineRequest("section", number), 1, heading.text))
        for point, (label, _) in enumerate(section_points(document, number), 1):
            entries.append(OutlineEntry(label, OutlineRequest("point", number, point), 2, f"{heading.text} {label}"))
    return entries


def outline_html(entry: OutlineEntry) -> str:
    """One line of the table of contents; the level sets its indent and weight."""
    return f'<span class="qa-toc qa-toc-{entry.level}">{esc(entry.label)}</span>'
