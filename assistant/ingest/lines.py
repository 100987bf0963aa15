"""A document's text as non-empty lines with offsets: what the parser (``corpus.py``) and the passage
builder (``passages.py``) both read, kept apart so neither imports the other."""

from __future__ import annotations

from dataclasses import dataclass

_EDGE = " \t\r\f\v\u3000\u00a0\ufeff\u200b\u200c\u200d\u200e\u200f\u2060"


@dataclass(frozen=True)
class Line:
    """One non-empty line with its offsets; white space at both ends is left outside the span."""

    number: int
    text: str
    start: int
    end: int


def lines_of(text: str) -> list[Line]:
    """Non-empty lines with the offsets of their visible characters."""
    found: list[Line] = []
    offset = 0
    for number, raw in enumerate(text.split("\n")):
        stripped = raw.strip(_EDGE)
        if stripped:
            start = offset + raw.index(stripped)
            found.append(Line(number, stripped, start, start + len(stripped)))
        offset += len(raw) + 1
    return found
