"""Outline questions over several documents: "第二部分讲了什么" asked of a folder with five reports is
answered for each document that has a second part, and the one-line answer says so (never one document
picked silently)."""

from __future__ import annotations

from typing import Sequence

from ..query.outline import OutlineRequest, find
from ..records import Document, Passage
from . import wording

#: Passages shown per document after each document's first, when several answer the same question.
PER_DOCUMENT = 2


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
