"""Source lines → paragraphs as the author wrote them, with offsets into the source.

A blank line always ends a paragraph. Between two lines with no blank line the break is kept only
when the text says a paragraph ended there: the first ends a sentence or is a heading-like line,
and nothing is left open. Lines cut inside 《》 or （）, before a closing bracket or a comma, after
a bare marker ("一是", "第六、"), mid-sentence, or at the width of a hard-wrapped text are joined.
No phrase of any particular document is known here: only punctuation, brackets and line lengths.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal, Sequence

from ..records import Span
from ..text import CHINESE_NUMERAL, shown_text

ParagraphKind = Literal["heading", "paragraph"]

#: Characters stripped from both ends of a line (visible text starts after them).
EDGE = " \t\r\f\v\u3000\u00a0\ufeff\u200b\u200c\u200d\u200e\u200f\u2060"
_BLANK = re.compile(r"[ \t\r\f\v\u3000\u00a0]*")  # a line of these is a paragraph break; zero-width alone is not
_PAIRS = {"《": "》", "（": "）", "(": ")", "“": "”", "‘": "’", "「": "」", "『": "』", "【": "】", "〔": "〕", "[": "]", "〈": "〉"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_SENTENCE_END = re.compile(r"[。！？!?；;…]+[”’」』）)》]*$")
_COLON_END = re.compile(r"[：:]$")
#: A next line starting like this continues the sentence before it.
_CONTINUES = re.compile(r"^[、，,。．.；;：:）)》”’」』】〕\]〉！？!?%％]")
#: A line ending like this is cut mid-sentence.
_OPEN_END = re.compile(r"[、，,（(《“‘「『【〔\[〈—\-–的之和与及或在于对向从把被将]$")
_ENDS = re.compile(r"[。！？!?；;…：:”’」』）)》]$")
#: A line this short that does not end a sentence is a fragment of one (a link cut out of a web page).
MAX_FRAGMENT_CHARS = 15
_BARE_MARKER = re.compile(rf"^(?:第?(?:{CHINESE_NUMERAL}|\d{{1,2}})(?:是|要|则|来|、|，|,|\.|．|：)?|[（(](?:{CHINESE_NUMERAL}|\d{{1,2}})[）)]|——|[①-⑳])$")
_NUMBERED = re.compile(rf"^(?:{CHINESE_NUMERAL}、|[（(]{CHINESE_NUMERAL}[）)]|第{CHINESE_NUMERAL}(?:部分|章|篇))\S")
_CLAUSE = re.compile(r"[。！？!?；;：:…,，]")
MAX_HEADING_CHARS = 40
MAX_PARAGRAPH_CHARS = 4000  # an unclosed bracket never swallows more than this
MIN_WRAP_WIDTH = 16


@dataclass(frozen=True)
class Line:
    """One non-empty line with its offsets; white space at both ends is left outside the span."""

    number: int
    text: str
    start: int
    end: int
    soft: bool = False  # an invisible (zero-width only) line comes right before it: a soft break


@dataclass(frozen=True)
class Paragraph:
    """One paragraph or heading: ``text`` is :func:`~assistant.text.shown_text` of ``source[start:end]``."""

    number: int  # 0-based source line (or block) where it starts
    text: str
    start: int
    end: int
    kind: ParagraphKind = "paragraph"  # "heading" only when the format said so (Word styles, <h1>…)
    level: int = 0
    page: int = 0

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


def lines_of(text: str) -> list[Line | None]:
    """Every line: its visible part, ``None`` for a blank line; zero-width-only lines are left out."""
    found: list[Line | None] = []
    offset = 0
    soft = False
    for number, raw in enumerate(text.split("\n")):
        stripped = raw.strip(EDGE)
        if stripped:
            start = offset + raw.index(stripped)
            found.append(Line(number, stripped, start, start + len(stripped), soft))
        elif _BLANK.fullmatch(raw):
            found.append(None)
        soft = bool(raw) and not stripped and not _BLANK.fullmatch(raw)
        offset += len(raw) + 1
    return found


def unclosed(text: str) -> bool:
    """True when a bracket or quote opened in ``text`` is still open at its end."""
    depth: Counter[str] = Counter()
    for char in text:
        if char in _PAIRS:
            depth[char] += 1
        elif char in _CLOSERS and depth[_CLOSERS[char]]:
            depth[_CLOSERS[char]] -= 1
    return any(depth.values())


def heading_like(text: str) -> bool:
    """A short line that is complete on its own: a title, a heading, a bold lead sentence."""
    return (
        len(text) <= MAX_HEADING_CHARS
        and "。" not in text.rstrip("。！!")
        and not _OPEN_END.search(text)
        and not _BARE_MARKER.match(text)
        and not unclosed(text)
    )


def title_line(text: str) -> bool:
    """A heading-like line that is a phrase, not a sentence: no clause or sentence punctuation at all
    ("结束语", "第六个五年计划的基本任务")."""
    return heading_like(text) and not _CLAUSE.search(text)


def wrap_width(lines: Sequence[Line]) -> int:
    """The width a hard-wrapped text was cut at, or 0: most long lines share one length (±1)."""
    lengths = Counter(len(line.text) for line in lines if len(line.text) >= MIN_WRAP_WIDTH)
    if not lengths:
        return 0
    width = max(lengths, key=lambda n: (lengths[n - 1] + lengths[n] + lengths[n + 1], n))
    near = [line for line in lines if abs(len(line.text) - width) <= 1]
    ended = sum(1 for line in near if _SENTENCE_END.search(line.text))
    # Lines of one length that mostly end their sentences are a list of equal items, not a wrapped text.
    return width if len(near) >= 5 and len(near) >= 0.5 * sum(lengths.values()) and ended < 0.5 * len(near) else 0


def continues(before: str, last: Line, after: Line, width: int, joined: bool = False) -> bool:
    """Whether line ``after`` continues the paragraph ``before`` (whose last line is ``last``);
    ``joined`` when ``before`` is already made of several lines (then it is no heading)."""
    if _CONTINUES.match(after.text):
        return True  # a paragraph never starts with a closing mark or a comma
    if len(before) > MAX_PARAGRAPH_CHARS:
        return False
    if unclosed(before) or _BARE_MARKER.match(before) or _OPEN_END.search(before):
        return True
    if _NUMBERED.match(after.text) or after.text.startswith("——"):
        return False
    if width and len(last.text) >= width - 1:
        return True  # cut at the wrap width, wherever the sentence was
    if _SENTENCE_END.search(before) or _COLON_END.search(before):
        return False
    if after.soft:
        return True  # only an invisible line between: the author's editor broke a sentence there
    if len(after.text) <= MAX_FRAGMENT_CHARS and not _ENDS.search(after.text):
        return True  # two short unfinished lines in a row are pieces of one sentence, not a heading and its body
    return joined or not heading_like(before)


def split_paragraphs(source: str) -> list[Paragraph]:
    """The paragraphs of a plain text (``.txt``/``.md``): blank lines and the signals above decide."""
    lines = lines_of(source)
    width = wrap_width([line for line in lines if line is not None])
    paragraphs: list[Paragraph] = []
    group: list[Line] = []

    def close() -> None:
        if group:
            start, end = group[0].start, group[-1].end
            paragraphs.append(Paragraph(group[0].number, shown_text(source[start:end]), start, end))
            group.clear()

    for line in lines:
        if line is None:
            close()
            continue
        if group and not continues(shown_text(source[group[0].start : group[-1].end]), group[-1], line, width, len(group) > 1):
            close()
        group.append(line)
    close()
    return paragraphs


def block_paragraphs(source: str, blocks: Sequence[object]) -> list[Paragraph]:
    """Paragraphs from a reader's blocks (Word, PDF, HTML), which already know where paragraphs end."""
    found: list[Paragraph] = []
    for number, block in enumerate(blocks):
        start, end = int(getattr(block, "start")), int(getattr(block, "end"))
        raw = source[start:end]
        stripped = raw.strip(EDGE)
        if not stripped:
            continue
        start += raw.index(stripped)
        end = start + len(stripped)
        kind: ParagraphKind = "heading" if getattr(block, "kind", "paragraph") == "heading" else "paragraph"
        found.append(Paragraph(number, shown_text(source[start:end]), start, end, kind,
                               int(getattr(block, "level", 0)), int(getattr(block, "page", 0))))
    return found
