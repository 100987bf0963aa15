"""Outline questions over several documents: "第二部分讲了什么" asked of a folder with five reports is
answered for each document that has a second part, and the one-line answer says so (never one document
picked silently)."""

from __future__ import annotations

from typing import Sequence

from ..query.outline import OutlineRequest, find, parse_point_only, top_sections
from ..records import Document, Passage
from ..tokens import tokens
from . import wording

#: Passages shown per document after each document's first, when several answer the same question.
PER_DOCUMENT = 2
#: A part named by its heading rather than its number ("政府工作任务中，第七项"): the question holds at least
#: this share of the heading's words (and two of them at least).
HEADING_SHARE = 0.6


def point_in_named_part(document: Document, text: str) -> OutlineRequest | None:
    """An ordinal point asked of a part the question names by its heading's words instead of its number."""
    point = parse_point_only(text)
    if not point:
        return None
    asked = set(tokens(text))
    best, number = 0.0, 0
    for heading in top_sections(document):
        words = set(tokens(heading.text[len(heading.label):]))
        shared = len(words & asked)
        if words and shared >= 2 and shared / len(words) > best:
            best, number = shared / len(words), heading.number
    return OutlineRequest("point", number, point) if best >= HEADING_SHARE else None


def find_each(documents: Sequence[Document], request: OutlineRequest) -> tuple[list[Passage], str]:
    """The passages and the one-line answer for ``request`` asked of every document in ``documents``."""
    found = [(document, *find(document, request)) for document in documents]
    having = [(d, passages, message) for d, passages, message in found if passages]
    if len(found) == 1:
        return found[0][1], found[0][2]
    if not having:
        return [], "这几份文档都没有这一部分。"
    missing = [f"《{d.title}》" for d, passages, _ in found if not passages]
    parts = [(f"《{d.title}》", message.removeprefix(f"《{d.title}》")) for d, _, message in having]
    lead = [passages[0] for _, passages, _ in having]
    rest = [p for _, passages, _ in having for p in passages[1:PER_DOCUMENT]]
    return lead + rest, wording.per_document(parts, missing)
