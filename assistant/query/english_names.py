"""How English questions name documents, around the genre noun where Chinese puts everything before it:
"the party secretary's speech at the leading cadres' retreat", "the report to the Tenth Party Congress", "the
10th Congress report". ``documents.py`` reads the qualifiers; this module says how far an English reference runs."""

from __future__ import annotations

import re

from ..records import Span
from ..text import ENGLISH_ORDINAL
from ..tokens import STOPWORDS

#: The English genre nouns and the Chinese ones they stand for.
ENGLISH_GENRES = {"report": "报告", "speech": "讲话"}
CONGRESS_EN = re.compile(rf"\b({ENGLISH_ORDINAL})(?:\s+(?:national|party|cpc|communist|of|the|chinese))*\s+congress", re.I)
#: What follows an English genre noun and still names the document, not the topic: "the speech at the leading
#: cadres' retreat (务虚会)", "the report delivered to the congress" — up to the clause's end, a quotation, a verb
#: of saying or meaning, an auxiliary, or "about". (A Chinese reference puts these words before its noun, where the
#: qualifiers are read.)
_OCCASION = re.compile(
    r"\s+(?:(?:delivered|given|made)\s+(?:at|to|before)|at|to|before)\s+the\s+.*?"
    r"(?=\s*[,.;:?!，。；：？！\n\"‘“]|\s+'|\s+(?:on|for|of|with|in|about|regarding|concerning|by|say|says|said|mention|mentions|"
    r"mentioned|describe|describes|described|state|states|stated|propose|proposes|proposed|stress|stresses|stressed|"
    r"call|calls|called|mean|means|meant|emphasi[sz]es?|emphasi[sz]ed|talk|talks|talked|discuss|discusses|discussed|"
    r"address|addresses|addressed|cover|covers|covered|want|wants|wanted|require|requires|required|urge|urges|urged|"
    r"ask|asks|asked|tell|tells|told|list|lists|listed|set|sets|lay|lays|laid|put|puts|think|thinks|"
    r"is|are|was|were|has|have|had|does|do|did|will|would|should|can|could|may|might|must)\b|$)", re.I)
#: An English genre noun written before the congress it was delivered to: "the report to (of) the Tenth Party
#: Congress", "the speech delivered at the 15th National Congress" — the whole names the document.
_BEFORE_CONGRESS = re.compile(
    rf"\b(?:the\s+)?(?:{'|'.join(ENGLISH_GENRES)})(?:e?s)?\s+(?:(?:delivered|given|made)\s+)?(?:to|at|before|of)\s+(?:the\s+)?$", re.I)
_AFTER_CONGRESS = re.compile(rf"\s+(?:{'|'.join(ENGLISH_GENRES)})(?:e?s)?\b", re.I)  # "the 10th Congress report"
#: Whose it is, written before an English genre noun: "the party secretary's speech", "Premier Zhou's report".
_OWNER = re.compile(r"(?:\b[a-z-]+\s+){0,2}[a-z-]+['’]s?\s+$", re.I)
_WORD = re.compile(r"[a-z-]+", re.I)
_GENRE_WORD = re.compile(rf"(?:{'|'.join(ENGLISH_GENRES)})(?:e?s)?")
#: What stands between an English genre noun and its year written after it: "the report of (the year) 1994".
_BEFORE_YEAR = re.compile(r"\s+(?:of|from|for|in)\s+(?:the\s+(?:year\s+)?)?", re.I)


def with_occasion(text: str, cut: Span) -> Span:
    """``cut`` and, when it ends with an English genre noun, whose it is and the occasion written around it
    (:data:`_OWNER`, :data:`_OCCASION`): those words name the document, and searched they would
    find its title and cover ("leading cadres" → 领导干部)."""
    words = text[cut.start:cut.end].lower().split()
    if not words or not _GENRE_WORD.fullmatch(words[-1]):
        return cut
    owner = _OWNER.search(text[:cut.start])
    start = cut.start
    if owner:  # from the possessive back to the first function word: "the | party secretary's", "reform in | Zhao's"
        owned = list(_WORD.finditer(text, owner.start(), cut.start))
        kept = len(owned) - 1
        while kept > 0 and owned[kept - 1].group(0).lower() not in STOPWORDS:
            kept -= 1
        start = owned[kept].start() if owned else cut.start
    occasion = _OCCASION.match(text, cut.end)
    return Span(start, occasion.end() if occasion else cut.end)


def around_congress(text: str, congress: re.Match[str]) -> Span:
    """An English congress reference with the genre noun around it: "the report to the Tenth Party Congress",
    "the 10th Congress report" (searched, "report" would find the congress report's own opening)."""
    before = _BEFORE_CONGRESS.search(text, 0, congress.start())
    after = _AFTER_CONGRESS.match(text, congress.end())
    return Span(before.start() if before else congress.start(), after.end() if after else congress.end())


def delivered_to(text: str, genre: Span, congress: Span) -> bool:
    """"the report to (of, delivered at) the 16th Party Congress": an English genre noun before the congress."""
    before = _BEFORE_CONGRESS.search(text, 0, congress.start)
    return before is not None and before.start() <= genre.start and genre.end <= congress.start


def year_after(text: str, genre: Span, year: Span) -> bool:
    """"the report of 1994", "the report from 1994": an English genre noun with its year written after it."""
    return genre.end <= year.start and _BEFORE_YEAR.fullmatch(text, genre.end, year.start) is not None
