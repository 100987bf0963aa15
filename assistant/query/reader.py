"""Reading a question: raw text → :class:`Question`, with English words looked up in the glossary and
Chinese typos corrected against the corpus's own words, and the notices the user should see about it."""

from __future__ import annotations

from functools import cached_property
from typing import Collection

from ..index.search_index import SearchIndex
from ..index.vocabulary import KEPT_SETS, Vocabularies
from . import documents as naming
from . import era
from .glossary import SENSES, Glossary
from .question import LATIN_WORD, MAX_QUESTION_CHARS, Question, analyse, is_english, prepare
from .typos import Corrector, quoted_terms


class Reader:
    """Reads questions against one index's vocabulary; safe to share between sessions."""

    def __init__(self, index: SearchIndex) -> None:
        self._index = index
        self._correctors: dict[tuple[str, ...], Corrector] = {}

    @cached_property
    def names(self) -> dict[str, naming.DocumentName]:
        """What each document can be called, from its file name, title and cover lines."""
        return {d.name: naming.describe(d) for d in self._index.documents.values()}

    @cached_property
    def eras(self) -> dict[str, frozenset[int]]:
        """The years each document speaks of (``era.years_spoken_of``), for questions set in a time."""
        return {d.name: era.years_spoken_of(d.text, self.names[d.name].years) for d in self._index.documents.values()}

    @cached_property
    def vocabularies(self) -> Vocabularies:
        return Vocabularies(self._index.passages, self._index.lexicon)

    def reference(self, text: str) -> naming.Reference:
        """The documents prepared ``text`` names ("82年的报告", "务虚会讲话"), and where."""
        return naming.find(text, list(self.names.values()))

    def corrector_for(self, documents: Collection[str]) -> Corrector:
        """The typo corrector over the words of ``documents`` only (every document when empty)."""
        vocabulary = self.vocabularies.of(documents)
        if vocabulary is self._index.lexicon:
            return self.corrector
        key = tuple(sorted(documents))
        if key not in self._correctors:
            if len(self._correctors) >= KEPT_SETS:
                self._correctors.clear()
            self._correctors[key] = self._corrector_over(vocabulary.document_frequency, documents)
        return self._correctors[key]

    @cached_property
    def corrector(self) -> Corrector:
        """Built on the first Chinese question rather than at load (cold start pays only for what it uses)."""
        return self._corrector_over(self._index.lexicon.document_frequency)

    def _corrector_over(self, frequency: dict[str, int], documents: Collection[str] = ()) -> Corrector:
        """A corrector over ``frequency``'s words and the terms ``documents`` quote, checked against their texts
        as questions are read (``SearchIndex.plain_texts``)."""
        texts = self._index.plain_texts_of(documents)
        return Corrector(set(frequency) | quoted_terms(texts), frequency, texts)

    @cached_property
    def glossary(self) -> Glossary:
        """English → corpus words; built on the first English question (about 0.3 s)."""
        return Glossary(self._index.lexicon.document_frequency)

    def read(self, raw: str) -> Question | None:
        """The question in ``raw``, or ``None`` when nothing is left once it is cleaned."""
        text, truncated = prepare(raw)
        return self.analyse(text, raw, truncated) if text else None

    def analyse(self, text: str, raw: str | None = None, truncated: bool = False, documents: Collection[str] = ()) -> Question:
        """Prepared text → :class:`Question`, its words read against ``documents``' words only (every
        document when empty). Also reads the earlier question a follow-up leans on (once), so it is searched
        exactly as it was asked."""
        if is_english(text):
            return analyse(text, raw=raw, truncated=truncated, translations=self._translations(text, documents))
        corrected, corrections = self.corrector_for(documents).correct(text)
        # the corpus words for a Chinese question's English words ("今年GDP增长多少" → 生产总值), searched beside its own
        latin = " ".join(LATIN_WORD.findall(corrected))
        found = self._translations(latin, documents) if latin else {}
        return analyse(corrected, raw=raw, truncated=truncated, corrections=corrections,
                       expansions=tuple(dict.fromkeys(word for words in found.values() for word in words)))

    def _translations(self, english: str, documents: Collection[str]) -> dict[str, tuple[str, ...]]:
        """Each English word → the searched documents' words for it (at most :data:`SENSES`)."""
        vocabulary = self.vocabularies.of(documents)
        known = None if vocabulary is self._index.lexicon else vocabulary.document_frequency
        return {w: found[:SENSES] for w, found in self.glossary.translate(english, known).items()}


def notices(question: Question) -> list[str]:
    """What the user is told about how their input was read, in the order they are put before the answer."""
    found: list[str] = []
    if question.corrections:
        found.append("已按" + "、".join(f"“{right}”理解“{typed}”" for typed, right in question.corrections) + "。")
    if question.truncated:
        found.append(f"问题过长，只按前{MAX_QUESTION_CHARS}个字检索。")
    return found
