"""The one walk over a hit's highlight spans, shared by the terminal text and the HTML cards."""

from __future__ import annotations

from typing import Callable, Iterator

from ..records import Hit
from ..text import shown_text


def segments(hit: Hit, document_text: str) -> Iterator[tuple[str, bool]]:
    """The passage's text in pieces as it is shown (:func:`~assistant.text.shown_text`: line breaks inside
    the paragraph removed), each with whether it is highlighted. A span outside the passage, or overlapping
    the one before, cannot be shown inside it and is skipped."""
    p = hit.passage
    cursor = p.start
    for span in hit.highlights:
        if span.start < cursor or span.end > p.end:
            continue
        yield shown_text(document_text[cursor : span.start]), False
        yield shown_text(document_text[span.start : span.end]), True
        cursor = span.end
    yield shown_text(document_text[cursor : p.end]), False


def marked(hit: Hit, document_text: str, mark: Callable[[str], str], plain: Callable[[str], str] = str) -> str:
    """The passage text with each highlighted piece passed through ``mark`` and the rest through ``plain``."""
    return "".join(mark(text) if highlighted else plain(text) for text, highlighted in segments(hit, document_text))
