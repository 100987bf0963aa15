"""Answers to outline requests ("第五部分第二点讲了什么"), taken from the parsed structure, never from similarity."""

from __future__ import annotations

from typing import Sequence

from ..query.outline import OutlineRequest, find
from ..records import Answer, Document, Hit
from .highlights import lead_sentence
from .outlines import find_each


def outline_answer(document: Document | Sequence[Document], request: OutlineRequest, question: str = "", top_k: int = 5,
                   about: str = "") -> Answer:
    """The passages ``request`` names in ``document`` (or in each of several documents that has them), the
    first with its lead sentence highlighted. ``about``: the question without the words that name documents,
    read for what it says about the part (``find_each``)."""
    passages, message = find(document, request) if isinstance(document, Document) else find_each(document, request, about or question)
    if not passages:  # the title, named by the file when the text has no title line, is still an answer
        return Answer(question, (), request.ask == "title", mode="outline", message=message, resolved=question)
    # Several documents: each one's passage comes first (``find_each``), and none is cut by ``top_k``.
    shown = passages[: max(top_k, len({p.doc for p in passages}))]
    hits = tuple(Hit(p, 1.0 if i == 0 else 0.9, lead_sentence(p) if i == 0 else ()) for i, p in enumerate(shown))
    return Answer(question, hits, True, mode="outline", message=message, resolved=question)
