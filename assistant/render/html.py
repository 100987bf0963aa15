"""HTML for the browser chat: answers as citation cards, the user's own words, the outline's entries.

Every piece of text that reaches the page (questions, passages, titles, notices) goes through
:func:`html.escape` here, so nothing a user types or a corpus file contains is ever read as markup.
The chat also sanitises what it shows; escaping here is the first line, not the only one.
"""

from __future__ import annotations

import html
from typing import Callable, Collection, Mapping, Sequence

from ..records import Answer, Document, Hit, Passage
from .cards import Reading, answer_markdown, lead_line, split_cards
from .page import PageTexts, page_texts
from .spans import marked
from .text import citation, relevance_label

Context = Callable[[Passage], Sequence[Passage]]
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


def answer_html(answer: Answer, documents: Mapping[str, Document], context: Context, only: Collection[str] = (),
                reading: Reading | None = None, question: str = "") -> str:
    """The whole reply, top first: the one-line answer or refusal (worded for what was searched), how the
    question was read (the documents searched among it), the cards that answer, then the rest collapsed under
    one line; ``only`` keeps those documents' cards. The Markdown of the exchange travels hidden in the reply
    for "复制回答" and the export."""
    cards = split_cards(answer, only)
    reading = reading or Reading("")
    refused = not answer.answerable and answer.mode == "search"
    rated = answer.mode == "search" and not refused
    lead = lead_line(answer, cards)
    parts = [f'<p class="{"qa-refusal" if refused else "qa-lead"}">{_lines(lead)}</p>']
    if reading.line:
        parts.append(f'<p class="qa-reading">{esc(reading.line)}</p>')
    extra = answer.message if answer.mode == "search" and not refused else ""
    if extra.strip():
        parts.append(f'<div class="qa-message">{_lines(extra)}</div>')
    if cards.answering:
        shown = "".join(card_html(i, h, documents[h.passage.doc], context, rated) for i, h in enumerate(cards.answering, 1))
        parts.append(f'<div class="qa-cards">{shown}</div>')
    if cards.rest:
        first = len(cards.answering) + 1
        rest = "".join(card_html(i, h, documents[h.passage.doc], context, False) for i, h in enumerate(cards.rest, first))
        parts.append(f'<details class="qa-maybe"><summary>{esc(cards.rest_title)}（{len(cards.rest)}条）</summary>{rest}</details>')
    hidden = sum(1 for h in answer.hits if only and h.passage.doc not in only)
    if hidden:
        parts.append(f'<div class="qa-hidden">另有{hidden}条出自其他文件，已按文件筛选隐去。</div>')
    markdown = answer_markdown(question or answer.question, answer, reading, documents, only)
    parts.append('<div class="qa-tools"><button type="button" class="qa-copy-answer">复制回答</button></div>'
                 f'<span class="qa-md">{esc(markdown)}</span>')
    return f'<div class="qa-answer">{"".join(parts)}</div>'


def pending_html(line: str) -> str:
    """The bot's bubble while a question waits: what it waits for, in words, with a spinner."""
    return f'<div class="qa-pending" role="status"><span class="qa-spinner"></span>{esc(line)}</div>'


def stopped_html() -> str:
    return '<div class="qa-stopped">已停止。可以修改问题后重新提问。</div>'


def header_html(documents: Sequence[Document]) -> str:
    """Title, what the chat is about (both worded from the loaded documents), each document's source notice as
    attribution, and (on a phone) the button that opens the outline drawer."""
    texts = page_texts(documents)
    notices = "".join(
        f'<p class="qa-notice">来源说明（{esc(d.title)}）：{esc(d.notice)}</p>' for d in documents if d.notice
    )
    return (
        f'<div class="qa-header"><div class="qa-title-row"><h1>{esc(texts.title)}</h1>'
        '<button type="button" class="qa-drawer-open" aria-controls="qa-side" aria-expanded="false">目录与文件</button></div>'
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


def rebuild_html(notice: str) -> str:
    """The banner while a running app rebuilds its index: how far it is, and that answers meanwhile come from
    the previous index."""
    return f'<div class="qa-status" role="status"><span class="qa-spinner"></span>{esc(notice)}</div>'


def status_html(line: str, failed: str = "") -> str:
    """The progress banner while the model loads or the index is built: the stage, percentage and time left."""
    if failed:
        return f'<div class="qa-status qa-status-failed" role="alert">无法启动问答：{esc(failed)}</div>'
    return (
        '<div class="qa-status" role="status"><span class="qa-spinner"></span>'
        "正在准备：加载模型并建立索引，完成后即回答。现在就可以提问。"
        f'<span class="qa-status-detail">{esc(line)}</span></div>'
    )
