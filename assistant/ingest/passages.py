"""Lines of a document → :class:`Passage` records, with sentence spans and windows for long paragraphs."""

from __future__ import annotations

import dataclasses
from typing import Sequence

from ..records import Heading, Passage, PassageKind, Span
from ..text import sentence_spans, shown_text
from .boilerplate import without_marks
from .paragraphs import Paragraph

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


def _plain_under(point: Passage, passage: Passage) -> bool:
    """``passage`` is a plain paragraph (or a window of one) of ``point``'s section: no point of its own."""
    return passage.section == point.section and passage.kind in ("paragraph", "window") and not passage.point_no


def titles_alone(passages: Sequence[Passage], index: int) -> bool:
    """A point written as its title alone ("三是深化粮棉流通体制改革。": one sentence) with plain paragraphs after
    it. The last of a run of one-line items ("——…。" right after "——…。") is an item: the paragraph after it
    closes the list."""
    point = passages[index]
    if point.kind != "point" or len(point.sentences) > 1 or index + 1 >= len(passages):
        return False
    after, before = passages[index + 1], passages[index - 1] if index else None
    if not _plain_under(point, after):
        return False
    # a window of a point is a point; a window of a plain paragraph (the long end of the body before) is not
    return not (before and before.section == point.section and (before.kind == "point" or before.kind == "window" and before.point_no))


def with_point_bodies(passages: list[Passage]) -> list[Passage]:
    """The plain paragraphs after a point's title line (up to the next point or heading) are that point's body:
    they are cited with its label and number, and the title line is looked up through them."""
    out = list(passages)
    for index, point in enumerate(passages):
        if not titles_alone(passages, index):
            continue
        for body in range(index + 1, len(out)):
            if not _plain_under(point, out[body]):
                break
            out[body] = dataclasses.replace(out[body], point=point.point, point_no=point.point_no, body=True)
    return out


class PassageBuilder:
    """Collects the passages of one document in reading order and numbers the points of each section."""

    def __init__(self, doc: str, text: str) -> None:
        self.doc = doc
        self.text = text
        self._passages: list[Passage] = []
        self._point_no = 0
        self._bullets: list[int] = []  # passages that are points only because of a "——" bullet
        self._numbered: set[str] = set()  # sections that have numbered points

    def passages(self) -> tuple[Passage, ...]:
        """The passages; in a section with numbered points (一是…), "——" bullets are plain paragraphs."""
        found = list(self._passages)
        for index in self._bullets:
            if found[index].section in self._numbered:
                found[index] = dataclasses.replace(found[index], kind="paragraph" if found[index].kind == "point" else "window",
                                                   point="", point_no=0)
        return tuple(with_point_bodies(found))

    def _add(self, kind: PassageKind, line: Paragraph, spans: tuple[Span, ...], **fields: object) -> None:
        start, end = spans[0].start, spans[-1].end
        self._passages.append(
            Passage(
                id=len(self._passages),
                doc=self.doc,
                kind=kind,
                text=shown_text(self.text[start:end]),
                start=start,
                end=end,
                paragraph_no=line.number,
                page=line.page,
                sentences=spans,
                **fields,  # type: ignore[arg-type]
            )
        )

    def add_title(self, line: Paragraph) -> None:
        self._add("title", line, (Span(line.start, line.end),))

    def add_heading(self, line: Paragraph, path: Sequence[Heading]) -> None:
        self._point_no = 0
        top = path[0].number if path else 0
        self._add("heading", line, (Span(line.start, line.end),), section=section_path(path), section_no=top)

    def add_paragraph(self, line: Paragraph, path: Sequence[Heading], label: str, number: int | None,
                      bullet: bool = False) -> None:
        """A body paragraph; ``number`` is its point number, 0 to count on, ``None`` for a plain paragraph."""
        if bullet:
            self._bullets.append(len(self._passages))
        elif number:
            self._numbered.add(section_path(path))
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
        if len(line.text) <= MAX_PASSAGE_CHARS:
            self._add(kind, line, sentences, **fields)
            return
        for group in windows(sentences):
            self._add("window", line, group, **fields)
        if bullet:  # every window of a bullet follows the bullet's fate
            self._bullets.extend(range(self._bullets[-1] + 1, len(self._passages)))


def embedding_text(passage: Passage) -> str:
    """What the sentence model reads for a passage. A window of a point repeats its label for context (not a
    window of a body written under a title line: the title is its own passage); footnote marks are left out.
    The text shown to users is always ``passage.text``."""
    if passage.kind == "window" and passage.point and not passage.body:
        return without_marks(f"{passage.point}：{passage.text}")
    return without_marks(passage.text)


def sentence_text(document_text: str, span: Span) -> str:
    """What the sentence model reads for one sentence of a passage (shown form, footnote marks left out)."""
    return without_marks(shown_text(document_text[span.start : span.end]))


def lexical_text(passage: Passage) -> str:
    """What BM25 indexes for a passage (the same context rule as :func:`embedding_text`)."""
    return embedding_text(passage)
