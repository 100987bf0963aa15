"""Limits a search to what the conversation is about: the documents chosen, the section a question names."""

from __future__ import annotations

from ..index.search_index import SearchIndex
from ..query.conversation import Resolution
from ..query.sections import resolve_section
from ..records import Passage

Ranked = list[tuple[int, float]]


def within_section(index: SearchIndex, ranked: Ranked, resolution: Resolution) -> Ranked:
    """Passages of the section the question names come first, in their fused order: of the conversation's
    document, or with none of each searched document ("第三部分提到的稳中求进是什么意思？" beside several reports
    asks of every part three, as an outline question does)."""
    assert resolution.request is not None
    number = resolution.request.section
    if resolution.document in index.documents:
        documents = [index.documents[resolution.document]]
    else:
        documents = list({index.passages[pid].doc: index.documents[index.passages[pid].doc] for pid, _ in ranked}.values())
    sections = {document.name: resolve_section(document, number) for document in documents}
    inside = [(pid, s) for pid, s in ranked if _in_section(index.passages[pid], sections)]
    return inside + [(pid, s) for pid, s in ranked if (pid, s) not in inside]


def _in_section(passage: Passage, sections: dict[str, int]) -> bool:
    return passage.doc in sections and passage.section_no == sections[passage.doc] and passage.kind != "title"
