"""Quotation marks inside a quotation: a cited passage that itself quotes (“长牙”) is wrapped in “ ” when it
is copied, so its own marks become corner brackets (「长牙」) instead of nesting “ ” inside “ ”."""

from __future__ import annotations

_INNER = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


def nest_quotes(text: str) -> str:
    """``text`` ready to stand inside “ ”: double curly quotes become 「」, single ones 『』."""
    return text.translate(_INNER)


def quoted(text: str) -> str:
    """``text`` in Chinese double quotes, with the quotes it contains converted (see :func:`nest_quotes`)."""
    return f"“{nest_quotes(text)}”"
