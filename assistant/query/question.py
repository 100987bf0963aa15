"""A question as the retriever sees it: cleaned, simplified, typo-corrected, tokenised, quotes pulled out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..text import CHINESE_NUMERAL, chinese_to_int, clean, strip_punctuation, to_simplified
from ..tokens import tokens
from .glossary import coverage

#: Questions longer than this are cut (with a notice): nothing in a speech needs more to be found.
MAX_QUESTION_CHARS = 500
#: Raw characters looked at before cleaning (cleaning only drops characters, bar rare NFKC expansions).
MAX_RAW_CHARS = 20 * MAX_QUESTION_CHARS
#: Earlier questions replayed for a follow-up (batch ``history``, web API history): the most recent ones.
MAX_HISTORY_TURNS = 20
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_QUOTE = re.compile(r"[“\"「『‘']([^”\"」』’']{2,80})[”\"」』’']")
#: Words that point at the document itself ("讲话里…", "文中…"): they say where to look, not what about,
#: and pull every question towards the title. Removed from the text the encoders see.
_FRAMING = re.compile(r"(?:这篇|这次|本次|该)?(?:讲话|文章|报告|文中|本文|全文)(?:里面|里|中|当中|上)?|^(?:请问|我想知道|我记得)[，,]?")
#: Questions that ask for several things at once: the plural interrogatives of Chinese ("哪些", "哪几",
#: "哪三个", "几个", "分别", "列举") and English ("which", "what are"); answered with distinct passages.
#: Asks for several things: plural interrogatives, "分别", and 都 quantifying a question word ("都是什么", "都有哪些":
#: 都 ranges over a set, so the answer is its members).
_ENUMERATIVE = re.compile(r"哪些|哪几|哪[两二三四五六七八九十]|几[个项点条类种方]|分别|列举|都(?:是|有|包括)?(?:什么|哪)"
                          r"|\bwhich\b|\bwhat are\b", re.I)
#: "第二件", "第三条", "最后一项": the Nth thing of a list the text introduces (``search/lists.py``). Narrower than
#: the outline's ordinals: "第二个五年计划" is a name, not a point.
_ITEM = re.compile(rf"第({CHINESE_NUMERAL}|\d{{1,2}})(?:件|条|项|点)|(最后)一(?:件|条|项|点)")
#: "讲科技的是第几部分", "出自哪一部分", "which part covers…": where in the outline something is, answered by the
#: heading of the part that holds it (``search/outline.py``). The part word must end the phrase: "哪部分人",
#: "哪一部分增长最快" ask about a share of something, not the outline.
WHICH_PART = re.compile(r"(?:第几(?:个)?|哪(?:一|个)?)(?:部分|章)(?=[？?。！!，,讲谈说提的里中呢吗]|$)"
                         r"|\b(?:which|what) (?:part|section|chapter)\b", re.I)
_CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Question:
    raw: str
    text: str  # normalised: clean, simplified, corrected
    content: str  # ``text`` without words that only point at the document: what the encoders read
    tokens: tuple[str, ...]
    quotes: tuple[str, ...]  # quoted phrases, punctuation removed, for verbatim matching
    english: bool
    english_coverage: float  # share of an English question's content words the corpus has a word for
    enumerative: bool
    item: int = 0  # the Nth item of a list asked for ("第二件是什么"; -1: the last), 0: none
    item_of: int = 0  # how many items the question says that list has ("分了三个方面，第二个方面"), 0: not said
    which_part: bool = False  # asks in which part of the outline something is ("是第几部分")
    truncated: bool = False
    corrections: tuple[tuple[str, str], ...] = ()  # (typed, corrected) pairs, shown to the user
    glossed: str = ""  # an English question's words in the corpus's Chinese (glossary), for Chinese-only encoders


def asks_for_several(text: str) -> bool:
    """Whether ``text`` asks for several things ("有哪些", "分别", "哪三个"): its answer lists them."""
    return bool(_ENUMERATIVE.search(text))


def is_english(text: str) -> bool:
    """Mostly Latin words: more of them than Chinese words (counted as two characters each), so an English
    question naming something in Chinese ("What does the retreat speech (务虚会) say about…") is English, and a
    Chinese one with an English term ("讲话对big data怎么说") is Chinese."""
    latin = len(LATIN_WORD.findall(text))
    return latin >= 2 and 2 * latin > len(_CJK.findall(text))


def prepare(raw: str) -> tuple[str, bool]:
    """Clean and simplify the raw text; cut it to :data:`MAX_QUESTION_CHARS` (second value: was it cut).

    Any string is accepted: lone surrogates (from invalid UTF-8 on a command line or ``"\\ud800"`` in
    JSON) become U+FFFD, and only the first ``MAX_RAW_CHARS`` are looked at, so a huge paste costs little.
    """
    cut = len(raw) > MAX_RAW_CHARS
    text = to_simplified(clean(_SURROGATE.sub("\ufffd", raw[:MAX_RAW_CHARS])))
    if len(text) > MAX_QUESTION_CHARS:
        return text[:MAX_QUESTION_CHARS], True
    return text, cut


def analyse(
    text: str,
    raw: str | None = None,
    truncated: bool = False,
    corrections: tuple[tuple[str, str], ...] = (),
    translations: dict[str, tuple[str, ...]] | None = None,
    expansions: tuple[str, ...] = (),
) -> Question:
    """Build the :class:`Question` for already prepared ``text``; ``translations`` (an English question's
    words → corpus words, from the glossary) are searched by BM25 beside the question's own tokens, and so are
    ``expansions`` (the corpus words for a Chinese question's English words), which say nothing of coverage."""
    translations = translations or {}
    extra_tokens = tuple(dict.fromkeys(word for words in translations.values() for word in words))
    quotes = tuple(q for q in (strip_punctuation(m) for m in _QUOTE.findall(text)) if len(q) >= 2)
    return Question(
        raw=raw if raw is not None else text,
        text=text,
        content=_FRAMING.sub("", text).strip() or text,
        tokens=tuple(tokens(text)) + extra_tokens + tuple(w for w in expansions if w not in extra_tokens),
        quotes=quotes,
        english=is_english(text),
        english_coverage=coverage(translations),
        enumerative=asks_for_several(text),
        item=_item(text),
        which_part=bool(WHICH_PART.search(text)),
        truncated=truncated,
        corrections=corrections,
        glossed=" ".join(extra_tokens),
    )


def _item(text: str) -> int:
    found = _ITEM.search(text)
    if not found:
        return 0
    return -1 if found.group(2) else int(found.group(1)) if found.group(1).isdigit() else chinese_to_int(found.group(1)) or 0


def limit_history(history: Sequence[str]) -> tuple[str, ...]:
    """The last :data:`MAX_HISTORY_TURNS` earlier questions (only recent turns can shape a follow-up)."""
    return tuple(history)[-MAX_HISTORY_TURNS:]
