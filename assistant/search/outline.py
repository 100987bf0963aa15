"""Answers to outline requests ("第五部分第二点讲了什么"), taken from the parsed structure, never from similarity."""

from __future__ import annotations

import re
from typing import Sequence

from ..ingest.outline_rules import match_numbered
from ..query.outline import OutlineRequest
from ..query.sections import find
from ..records import Answer, Document, Hit, Passage, Span
from ..text import int_to_chinese, shortened
from .highlights import lead_sentence
from .lists import Ranked
from .outlines import find_each

#: How much of an item inside a paragraph the answer's one line quotes.
ITEM_SHOWN = 60


def outline_answer(document: Document | Sequence[Document], request: OutlineRequest, question: str = "", top_k: int = 5,
                   about: str = "") -> Answer:
    """The passages ``request`` names in ``document`` (or in each of several documents that has them), the
    first with its lead sentence highlighted. ``about``: the question without the words that name documents,
    read for what it says about the part (``find_each``)."""
    passages, message = find(document, request) if isinstance(document, Document) else find_each(document, request, about or question)
    if not passages:  # the title, named by the file when the text has no title line, is still an answer
        return Answer(question, (), request.ask == "title", mode="outline", message=message, resolved=question)
    # Several documents: each one's passage comes first (``find_each``), and none is cut by ``top_k``. One
    # document's count shows every part it counts ("十二大报告一共有几个部分？": six headings, not five).
    documents = len({p.doc for p in passages})
    shown = _bounds_first(passages) if request.ask == "count" and documents == 1 else passages[: max(top_k, documents)]
    return Answer(question, _structural_hits(shown), True, mode="outline", message=message, resolved=question)


def _bounds_first(parts: Sequence[Passage]) -> list[Passage]:
    """A count's headings, the first and the last numbered first: the last one's number is the count ("十、加强和改进
    党的建设"), the evidence a reader checks, and it should not wait behind the parts between (the batch keeps five
    cards, a reader looks at two or three). The one-line answer lists them all in order. A sentence of the text
    that states the count ("重点要把握八个方面") stays before them."""
    parts = list(parts)
    stated = parts[:1] if parts and parts[0].kind != "heading" else []  # ``sections.find``: that sentence, then headings
    headings = parts[len(stated):]
    if len(headings) <= 2:
        return parts
    last = next((p for p in reversed(headings) if match_numbered(p.text)), headings[-1])  # 六、…, not a closing 结束语
    return [*stated, headings[0], last, *(p for p in headings[1:] if p is not last)]


def listed_answer(passages: Sequence[Passage], number: int, asked: str, question: str, item: tuple[int, int] | None = None) -> Answer:
    """The ``number``-th item (-1: the last) of the list the last answer showed, then the list's introduction
    (``lists.shown_list_item``), or the one passage holding it with ``item``, its range in the passage's text
    (``inline_lists.shown_inline_item``): read from the text's own numbering, as an outline answer is. The answer names
    the item in the question's words ("第二个", "最后一条") when they are Chinese, and quotes an item inside a
    paragraph; ``resolved`` is the item's words, which a further follow-up ("详细说说") goes on from (``Turn.topic``)."""
    asked = re.sub(r"[是要]$", "", asked)  # "第二个是" of "第二个是什么？"
    if not re.search(r"[\u4e00-\u9fff]", asked):
        asked = "最后一项" if number < 0 else f"第{int_to_chinese(number)}项"
    hits, said, words = _structural_hits(passages), "。", passages[0].text
    if item is not None:  # the list runs inside the passage: the item is highlighted, or the sentences holding it
        first, (start, end) = passages[0], item
        words = first.text[start:end].strip().rstrip("，；。,;")
        if len(first.text) == first.end - first.start:  # the text is the document's own (no line joined inside it)
            held: tuple[Span, ...] = (Span(first.start + start, first.start + start + len(words)),)
        else:
            held = tuple(s for s in first.sentences if s.start - first.start < end and s.end - first.start > start)
        hits = (Hit(first, 1.0, held or lead_sentence(first)),)
        said = f"：{shortened(words, ITEM_SHOWN)}。"
    # understood as asking about the item: a follow-up ("详细说说") goes on from it
    return Answer(question, hits, True, mode="outline", message=f"上一个回答所列的{asked}{said}", resolved=words)


def with_part_heading(passages: Sequence[Passage], ranked: Ranked, quoted: bool, section: int = 0) -> Ranked:
    """"讲科技教育文化的是第几部分？": the heading of the part that holds the best passage answers (of part ``section``
    of its document when the question names that part by its heading's words), so it goes first; when the question
    quotes what it looks for ("“…”出自哪一部分"), the passage that holds the quote stays first and the heading
    follows it. Unchanged when the best passage is a heading or lies before the first part."""
    if not ranked:
        return ranked
    best = passages[ranked[0][0]]
    wanted = section or (best.section_no if best.kind != "heading" else 0)
    heading = next((p for p in passages if p.doc == best.doc and p.kind == "heading" and p.section_no == wanted
                    and "›" not in p.section), None) if wanted else None
    if heading is None or heading.id == best.id:
        return ranked
    rest = [(pid, score) for pid, score in ranked if pid != heading.id]
    place = 1 if quoted else 0
    return rest[:place] + [(heading.id, ranked[0][1])] + rest[place:]


def _structural_hits(passages: Sequence[Passage]) -> tuple[Hit, ...]:
    """Passages named by the structure, not ranked: the first one answers, its lead sentence highlighted."""
    return tuple(Hit(p, 1.0 if i == 0 else 0.9, lead_sentence(p) if i == 0 else ()) for i, p in enumerate(passages))
