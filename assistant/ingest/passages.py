"""Lines of a document → :class:`Passage` records, with sentence spans and windows for long paragraphs."""

from __future__ import annotations

from typing import Sequence

from ..records import Heading, Passage, PassageKind, Span
from ..text import sentence_spans
from .lines import Line

#: Longer paragraphs are too long to read as one answer: they are cut into windows of whole sentences.
MAX_PASSAGE_CHARS = 500
WINDOW_CHARS = 300


def section_path(path: Sequence[Heading]) -> str:
    """The heading lines from the top level down, as cited: ``一、… › （二）…``."""
    return " › ".join(heading.text for heading in path)


def windows(sentences: Sequence[Span], limit: int = WINDOW_CHARS) -> list[tuple[Span, ...]]:
    """Group consecutive sentences into windows of about ``limit`` characters; a sentence is never cut."""
    groups: list[list[Span]] = []
    for sentence in sentences:
        if groups and sentence.end - groups[-1][0].start <= limit:
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    return [tuple(group) for group in groups]


class PassageBuilder:
    """Collects the passages of one document in reading order and numbers the points of each section."""

    def __init__(self, doc: str, text: str) -> None:
        self.doc = doc
        self.text = text
        self._passages: list[Passage] = []
        self._point_no = 0

    def passages(self) -> tuple[Passage, ...]:
        return tuple(self._passages)

    def _add(self, kind: PassageKind, line: Line, spans: tuple[Span, ...], **fields: object) -> None:
        start, end = spans[0].start, spans[-1].end
        self._passages.append(
            Passage(
                id=len(self._passages),
                doc=self.doc,
                kind=kind,
                text=self.text[start:end],
                start=start,
                end=end,
                paragraph_no=line.number,
                sentences=spans,
                **fields,  # type: ignore[arg-type]
            )
        )

    def add_title(self, line: Line) -> None:
        self._add("title", line, (Span(line.start, line.end),))

    def add_heading(self, line: Line, path: Sequence[Heading]) -> None:
        self._point_no = 0
        top = path[0].number if path else 0
        self._add("heading", line, (Span(line.start, line.end),), section=section_path(path), section_no=top)

    def add_paragraph(self, line: Line, path: Sequence[Heading], label: str, number: int | None) -> None:
        """A body paragraph; ``number`` is its point number, 0 to count on, ``None`` for a plain paragraph."""
        if number is not None:
            self._point_no = number or self._point_no + 1
        kind: PassageKind = "point" if number is not None else "paragraph"
        fields = {
            "section": section_path(path),
            "section_no": path[0].number if path else 0,
            "point": label,
            "point_no": self._point_no if number is not None else 0,
        }
        sentences = sentence_spans(self.text, line.start, line.end) or (Span(line.start, line.end),)
        if line.end - line.start <= MAX_PASSAGE_CHARS:
            self._add(kind, line, sentences, **fields)
            return
        for group in windows(sentences):
            self._add("window", line, group, **fields)


def embedding_text(passage: Passage) -> str:
    """What the sentence model reads for a passage. A window repeats its point's label for context;
    the text shown to users is always ``passage.text``."""
    if passage.kind == "window" and passage.point:
        return f"{passage.point}：{passage.text}"
    return passage.text


def lexical_text(passage: Passage) -> str:
    """What BM25 indexes for a passage (the same context rule as :func:`embedding_text`)."""
    return embedding_text(passage)
