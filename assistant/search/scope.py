"""Limits a search to what the conversation is about: the documents chosen, the section a question names."""

from __future__ import annotations

from ..index.search_index import SearchIndex
from ..query.conversation import Resolution
from ..query.sections import resolve_section
from ..records import Document, Passage

Ranked = list[tuple[int, float]]


def document_for(index: SearchIndex, resolution: Resolution) -> Document:
    """The document the conversation is about, or the first one of the corpus."""
    if resolution.document in index.documents:
        return index.documents[resolution.document]
    return next(iter(index.documents.values()))


def within_section(index: SearchIndex, ranked: Ranked, resolution: Resolution) -> Ranked:
    """Passages of the section the question names come first, in their fused order."""
    assert resolution.request is not None
    document = document_for(index, resolution)
    section = resolve_section(document, resolution.request.section)
    inside = [(pid, s) for pid, s in ranked if _in_section(index.passages[pid], document.name, section)]
    return inside + [(pid, s) for pid, s in ranked if (pid, s) not in inside]


def _in_section(passage: Passage, document: str, section: int) -> bool:
    return passage.doc == document and passage.section_no == section and passage.kind != "title"
