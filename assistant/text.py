"""Text utilities used identically at build and at query time: normalisation, sentences, tokens, numerals."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .records import Span

#: Sentence ends. A closing quote or bracket right after one stays with its sentence.
_SENTENCE_END = re.compile(r"[。！？!?；;…]+(?:\s*[”’」』）)])*")  # a quote closed on the next line too
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
#: A line break inside a paragraph with the white space around it (the batch contract's definition).
_BREAK = re.compile(r"[ \t\u3000]*\r?\n\s*")

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMERAL = "[零〇一二两三四五六七八九十百千]+"
#: The ten figures as Chinese numerals write them digit by digit (一九八二年, 二〇〇三年), zero twice.
CHINESE_DIGITS = "〇零一二三四五六七八九"
#: English ordinal words, "first" = 1 (to twentieth: party congresses and five-year plans are numbered that far).
ENGLISH_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                    "eighteenth", "nineteenth", "twentieth")
#: An English ordinal as a pattern: "14th", "21st" or a word ("Tenth"), read by :func:`english_ordinal`.
ENGLISH_ORDINAL = rf"\d{{1,2}}(?:st|nd|rd|th)\b|(?:{'|'.join(ENGLISH_ORDINALS)})\b"


def clean(text: str) -> str:
    """Drop control and invisible direction characters, unify width (NFKC) and fold runs of white space."""
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import opencc  # imported lazily: only questions and corpus text pay for it

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified characters (OpenCC ``t2s``); simplified text passes through unchanged."""
    if not text or text.isascii():
        return text
    return _converter().convert(text)


def normalise(text: str) -> str:
    """The one normal form compared at build and query time: clean, simplified, NFKC punctuation."""
    return to_simplified(clean(text))


def shown_text(span: str) -> str:
    """A source span as every consumer shows it: the line breaks inside a paragraph (and the white space
    around them) removed. The one place this is decided, so cited text, highlights and copies agree."""
    return _BREAK.sub("", span)


def shortened(text: str, most: int) -> str:
    """``text`` cut to ``most`` characters with "…" when longer: a quotation inside one line of an answer."""
    return text if len(text) <= most else text[:most] + "…"


def strip_punctuation(text: str) -> str:
    """Letters and digits only: used to match quotations that drop or change punctuation."""
    return _PUNCT.sub("", text)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> tuple[Span, ...]:
    """Split ``text[start:end]`` into sentences with absolute offsets; white space at the edges is left out."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        spans.extend(_trimmed(text, cursor, match.end()))
        cursor = match.end()
    spans.extend(_trimmed(text, cursor, end))
    return tuple(spans)


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Span(start, end)] if end > start else []


def english_ordinal(written: str) -> int:
    """``"14th"`` → 14, ``"Tenth"`` → 10: only for what :data:`ENGLISH_ORDINAL` matched (anything else is a
    ``ValueError``, a caller's mistake)."""
    word = written.lower()
    return ENGLISH_ORDINALS.index(word) + 1 if word in ENGLISH_ORDINALS else int(word[:-2])


def chinese_to_int(numeral: str) -> int | None:
    """``"十二"`` → 12, ``"3"`` → 3; ``None`` when it is not a number."""
    if numeral.isdigit():
        return int(numeral)
    total, current = 0, 0
    for char in numeral:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char in _UNITS:
            total += (current or 1) * _UNITS[char]
            current = 0
        else:
            return None
    return total + current if numeral else None


def count_in_chinese(number: int) -> str:
    """A count as said before a measure word: 两 for 2 ("两个部分", "共两点"), else :func:`int_to_chinese`."""
    return "两" if number == 2 else int_to_chinese(number)


def int_to_chinese(number: int) -> str:
    """12 → ``"十二"``, for numbers below 100 (enough for headings and points)."""
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    tens, units = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")
