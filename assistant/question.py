"""A question as the retriever sees it: cleaned, simplified, typo-corrected, tokenised, quotes pulled out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import clean, strip_punctuation, to_simplified
from .tokens import tokens

#: Questions longer than this are cut (with a notice): nothing in a speech needs more to be found.
MAX_QUESTION_CHARS = 500
_QUOTE = re.compile(r"[“\"「『‘']([^”\"」』’']{2,80})[”\"」』’']")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Question:
    raw: str
    text: str  # normalised: clean, simplified, corrected
    tokens: tuple[str, ...]
    quotes: tuple[str, ...]  # quoted phrases, punctuation removed, for verbatim matching
    english: bool
    truncated: bool = False
    corrections: tuple[tuple[str, str], ...] = ()  # (typed, corrected) pairs, shown to the user


def is_english(text: str) -> bool:
    """Mostly Latin words and hardly any Chinese characters."""
    return len(_LATIN_WORD.findall(text)) >= 2 and len(_CJK.findall(text)) <= 2


def prepare(raw: str) -> tuple[str, bool]:
    """Clean and simplify the raw text; cut it to :data:`MAX_QUESTION_CHARS` (second value: was it cut)."""
    text = to_simplified(clean(raw))
    if len(text) > MAX_QUESTION_CHARS:
        return text[:MAX_QUESTION_CHARS], True
    return text, False


def analyse(text: str, raw: str | None = None, truncated: bool = False, corrections: tuple[tuple[str, str], ...] = ()) -> Question:
    """Build the :class:`Question` for already prepared ``text``."""
    quotes = tuple(q for q in (strip_punctuation(m) for m in _QUOTE.findall(text)) if len(q) >= 2)
    return Question(
        raw=raw if raw is not None else text,
        text=text,
        tokens=tuple(tokens(text)),
        quotes=quotes,
        english=is_english(text),
        truncated=truncated,
        corrections=corrections,
    )
