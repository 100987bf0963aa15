"""Frozen records shared by every module. Offsets are Python string offsets into a document's text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PassageKind = Literal["title", "heading", "paragraph", "point", "window"]
#: Passages that only name a place in the text (a heading, the title): never an answer by themselves.
LABEL_KINDS: tuple[PassageKind, ...] = ("title", "heading")


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of one document."""

    start: int
    end: int


@dataclass(frozen=True)
class Heading:
    """One heading line of the outline (``一、…`` level 1, ``（一）…`` level 2)."""

    doc: str
    level: int
    number: int
    label: str  # the marker as written, e.g. "一、" or "（二）"
    text: str  # the whole heading line, verbatim
    start: int
    end: int


@dataclass(frozen=True)
class Passage:
    """The unit returned to users: a title, a heading, a paragraph, a point, or a window of a long one.

    ``text`` is always ``shown_text(document.text[start:end])`` (the source span with the line breaks inside a
    paragraph removed); ``sentences`` are the spans used for highlighting.
    ``section`` is the heading path ("一、… › （二）…"), ``point`` the point's label ("一是项目要协同培育").
    """

    id: int
    doc: str
    kind: PassageKind
    text: str
    start: int
    end: int
    section: str = ""
    point: str = ""
    section_no: int = 0  # 1-based number of the top-level section; 0 before the first heading
    point_no: int = 0  # 1-based number of the point inside its section; 0 for plain paragraphs
    paragraph_no: int = 0  # 0-based line number of the paragraph in its document (windows share it)
    page: int = 0  # 1-based page of a PDF document, 0 for other formats
    body: bool = False  # a paragraph of the body of a point written as its title alone (cited with its label)
    sentences: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Document:
    """One parsed file of ``corpus/``."""

    name: str  # file name relative to corpus/, used in every citation
    text: str
    title: str
    notice: str = ""  # front matter such as a reprint notice: shown as attribution, never as an answer
    headings: tuple[Heading, ...] = ()
    passages: tuple[Passage, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Hit:
    """A passage chosen for an answer, with its fused score and highlighted sentence spans."""

    passage: Passage
    score: float
    highlights: tuple[Span, ...] = ()


AnswerMode = Literal["search", "outline", "empty"]


@dataclass(frozen=True)
class Answer:
    """What every front end renders: the passages, whether the corpus addresses the question, and a note."""

    question: str
    hits: tuple[Hit, ...]
    answerable: bool
    mode: AnswerMode = "search"
    message: str = ""  # a short sentence for people (outline answers, refusals, notices about the input)
    #: the question as the assistant understood it (after normalisation and follow-up); a list item's own words
    resolved: str = ""
    #: The answerability model's inputs (``search/answerability.py``) and its calibrated probability; kept
    #: for learning and inspection, empty for outline answers.
    signals: tuple[tuple[str, float], ...] = ()
    documents: tuple[str, ...] = ()  # the documents searched (file names); ``()``: every document
