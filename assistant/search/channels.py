"""Typed channels: what kind of evidence a candidate score is, and for dense evidence, which encoder gave it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..encoders.base import Encoder, reads


class ChannelKind(str, Enum):
    """The kinds of evidence ``candidates.py`` gathers; ``ChannelKind("dens")`` fails listing the valid ones."""

    BM25 = "bm25"
    DENSE = "dense"  # a passage's similarity to the question
    SENTENCE = "sentence"  # the similarity of the passage's best sentence
    QUOTE = "quote"  # how completely a quoted phrase of the question stands in the passage
    OVERLAP = "overlap"  # the longest run of the question the passage repeats verbatim
    TITLE = "title"
    HEADING = "heading"

    @classmethod
    def _missing_(cls, value: object) -> ChannelKind:
        raise ValueError(f"{value!r} is not a channel kind; valid: {', '.join(kind.value for kind in cls)}")


@dataclass(frozen=True)
class Channel:
    """One column of candidate scores. ``encoder``/``languages`` are set for dense and sentence channels only."""

    kind: ChannelKind
    encoder: str = ""
    languages: tuple[str, ...] = ()

    @classmethod
    def of(cls, kind: ChannelKind, encoder: Encoder) -> Channel:
        return cls(kind, encoder.model_id, tuple(encoder.languages))

    def reads(self, language: str) -> bool:
        """Whether the encoder behind this channel reads ``language`` (see :meth:`Encoder.reads`)."""
        return reads(self.languages, language)


BM25 = Channel(ChannelKind.BM25)
QUOTE = Channel(ChannelKind.QUOTE)
OVERLAP = Channel(ChannelKind.OVERLAP)
TITLE = Channel(ChannelKind.TITLE)
HEADING = Channel(ChannelKind.HEADING)
