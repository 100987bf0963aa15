"""Which documents a question names: "82年的报告", "十五大报告", "务虚会讲话", "the 2019 report".

Every name comes from the document itself — its file name, title and cover lines (and, when those say
nothing about what kind of text it is, its opening lines) — never from a list of one library's names.
A document is named by a *reference*: a qualifier of that document (its year, its congress number, a word
of its title) in the same clause as, and shortly before, a genre noun the document is (报告, 讲话…); or by
its congress number alone ("十五大"); or by a genre noun alone when only some of the loaded documents are
of that genre ("讲话里…" beside five reports). A document's measure word stands for its genre noun after a
qualifier ("七九年那份", "十二大那篇"). A year without a genre noun ("1955年粮食产量") is content, not a reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..records import Document, Span
from ..text import CHINESE_NUMERAL, chinese_to_int, english_ordinal, normalise
from ..tokens import tokens
from .english_names import CONGRESS_EN, ENGLISH_GENRES, around_congress, delivered_to, with_occasion, year_after
from .sessions import NUMBERING, contradicts, numbered, sessions

#: Nouns for kinds of text in general Chinese (and their English words): what a reference ends with.
GENRES = ("工作报告", "报告", "讲话", "发言", "致辞", "演讲", "讲稿", "决议", "决定", "公报", "文件", "文章", "意见", "纲要")
#: A demonstrative with a measure word of documents (份, 篇): "七九年那份", "十二大那篇" name a document of any genre
#: without its genre noun, as a follow-up does ("那七九年那份呢？"). Alone they name none (every document is one).
CLASSIFIERS = ("那份", "这份", "那篇", "这篇")
#: A year's 的 ending a follow-up stands for the document as a measure word does: "那1994年的呢？", "八二年的呢".
_YEARS_OWN = re.compile(r"(?<=年)的(?=呢?[？?。！!\s]*$)")
#: How far a qualifier may stand before its genre noun ("1956年那份政府工作报告": 6 characters between).
REFERENCE_WINDOW = 10
#: How many characters of the body are read for a genre when the name and cover give none.
OPENING_CHARS = 200

_CLAUSE_END = re.compile(r"[，,。？?！!；;：:\n]")
_YEAR_DIGITS = re.compile(r"(?<!\d)(\d{4}|\d{2})(?=\s*年|\s*届)|(?<![\d.])(1[89]\d\d|20\d\d)(?:\b|(?=[、和与及至到两]))")
_YEAR_CHINESE = re.compile(r"([〇零一二三四五六七八九]{2,4})年")
_CONGRESS = re.compile(rf"第?({CHINESE_NUMERAL}|\d{{1,2}})(?:次全国代表)?大(?!学|会堂|型|量|力|约|幅|家|多|概)")
_PAREN = re.compile(r"[（(][^）)]*[）)]")
_CONJOINED = re.compile(r"\s*(?:的)?\s*(?:和|与|及|以及|跟|同|、|还有|and|versus|vs\.?)\s*(?:the\s+)?", re.I)
#: The latest or earliest document of a genre: "最新(的)", "最近一份", "最早的那份", "the latest". 最近, 最后 and 最早
#: also say "recently", "in the end", "first of all" ("最早报告提出小康是哪一年"): a measure word or 的 must follow them.
_RECENCY = re.compile(r"(?:(最新)|(最新|最近|最后|最早)(?:一次|一份|一篇|的|那份|那篇|这份|这篇)+|\b(latest|newest|most recent|earliest|oldest)\s+)"
                      r"(?:的)?(?:政府工作|政府|工作|government work |government |work )?$", re.I)
#: "the latest report to mention…", "the earliest report that…": which report first did something, not a name.
_RELATIVE_AFTER = re.compile(r"\s*(?:e?s)?\s+(?:to|that|which|where)\b", re.I)
#: A reference by the meeting a document was given at ends with the meeting: "…第二次会议上的", "…代表大会的".
_AT_SESSION = re.compile(r"(?:会议|大会)(?:上)?(?:所?作)?的?$")
_LATEST = ("最新", "最近", "最后", "latest", "newest", "most recent")


@dataclass(frozen=True)
class DocumentName:
    """What a document can be called, read from its own name and cover."""

    name: str  # file name relative to corpus/
    label: str  # how answers name it: 《title》
    years: frozenset[int]
    congresses: frozenset[int]
    genres: frozenset[str]
    words: frozenset[str]  # title words (jieba tokens of two characters or more, numbers left out)
    sessions: tuple[tuple[str, int], ...] = ()  # the term (届) and session (次) its cover numbers: (("届", 1), ("次", 4))


@dataclass(frozen=True)
class Reference:
    """The documents one question names, and the spans of the question that name them."""

    documents: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()
    #: How the question names documents that are not loaded ("2021年的报告" beside reports of other years).
    missing: tuple[str, ...] = ()


def describe(document: Document) -> DocumentName:
    """The :class:`DocumentName` of ``document``, read from its file name, title and cover lines (its ``title``
    passages: title, date, speaker)."""
    cover = [p.text for p in document.passages if p.kind == "title"]
    stem = normalise(Path(document.name).stem)
    head = normalise(" ".join([stem, document.title, *cover]))
    genres = _genres(head) or _genres(normalise(document.text[:OPENING_CHARS]))
    words = frozenset(w for w in tokens(_PAREN.sub(" ", head)) if len(w) >= 2 and not any(c.isdigit() for c in w)
                      and not NUMBERING.match(w))  # "第一届", "四次": its sessions, read as numbers below
    return DocumentName(document.name, f"《{document.title}》", frozenset(_years(head)), frozenset(_congresses(head)),
                        frozenset(genres), words - set(GENRES), tuple(sorted(sessions(head))))


def _genres(text: str) -> set[str]:
    found = {genre for genre in GENRES if genre in text}
    return {"报告"} | found if "工作报告" in found else found


def _years(text: str) -> set[int]:
    """Years written in digits ("1982", "82年") or Chinese numerals ("一九八二年", "八二年"), as full years."""
    written = [m.group(1) or m.group(2) for m in _YEAR_DIGITS.finditer(text)] + [m.group(1) for m in _YEAR_CHINESE.finditer(text)]
    return {year_of(figures) for figures in written}


def year_of(figures: str) -> int:
    """The full year a year's figures write, in digits or Chinese numerals: "1982", "82", "一九八二", "八二" → 1982."""
    return full_year(int(figures) if figures.isdigit() else int("".join(str(chinese_to_int(c)) for c in figures)))


def full_year(year: int) -> int:
    """Two-digit years are read as the nearest full year of the documents' era (82 → 1982, 19 → 2019)."""
    if year >= 100:
        return year
    return 2000 + year if year <= 30 else 1900 + year


def _congresses(text: str) -> set[int]:
    return {n for m in _CONGRESS.finditer(text) if (n := chinese_to_int(m.group(1)) or 0) and n <= 30}


def _genre_positions(text: str, names: Sequence[DocumentName]) -> list[tuple[Span, frozenset[str]]]:
    """Each genre noun in ``text`` that some loaded document is, with the documents of that genre."""
    found: list[tuple[Span, frozenset[str]]] = []
    nouns: list[Span] = []  # every Chinese genre noun written, loaded or not
    lowered = text.lower()
    words = [(g, g) for g in GENRES] + [(e, g) for e, g in ENGLISH_GENRES.items()]
    for written, genre in words:
        for match in re.finditer(re.escape(written) + (r"(?:e?s)?\b" if written.isascii() else ""), lowered):
            span = Span(match.start(), match.end())
            if not written.isascii():
                nouns.append(span)
            holders = frozenset(n.name for n in names if genre in n.genres)
            if holders and not any(s.start <= match.start() < s.end for s, _ in found):
                found.append((span, holders))
    for classifier in CLASSIFIERS:  # "七九年那份呢", not "1956年那份政府工作报告" or "…那份决议": a noun ends those
        for match in re.finditer(classifier, text):
            if not any(_leads_to(text, Span(match.start(), match.end()), noun) for noun in nouns):
                found.append((Span(match.start(), match.end()), frozenset(n.name for n in names)))
    years = set().union(*(n.years for n in names))
    for match in _YEARS_OWN.finditer(text):  # "那1994年的呢？": the year's (document), when a document is that year's
        if _years(text[max(0, match.start() - 6):match.start()]) & years:
            found.append((Span(match.start(), match.end()), frozenset(n.name for n in names)))
    return sorted(found, key=lambda item: item[0].start)


def _qualifiers(text: str, name: DocumentName) -> list[tuple[Span, bool]]:
    """Where ``text`` mentions ``name``'s year or congress number (second value True) or a title word."""
    spans = [(Span(m.start(), m.end() + (0 if m.group(2) else 1)), True) for m in _YEAR_DIGITS.finditer(text)
             if year_of(m.group(1) or m.group(2)) in name.years]
    spans += [(Span(m.start(), m.end()), True) for m in _YEAR_CHINESE.finditer(text) if _years(m.group(0)) & name.years]
    spans += [(Span(m.start(), m.end()), True) for m in _CONGRESS.finditer(text) if chinese_to_int(m.group(1)) in name.congresses]
    spans += [(Span(m.start(), m.end()), False) for word in name.words for m in re.finditer(re.escape(word), text)]
    spans += [(Span(start, end), True) for start, end, session in numbered(text) if session in name.sessions]
    return spans


def find(text: str, names: Sequence[DocumentName]) -> Reference:
    """The documents ``text`` (normalised: simplified characters) names, in the order it names them.

    Before each genre noun, a year or congress number names its documents (several: "2003年和2019年的报告");
    title words alone narrow to the documents all of them belong to ("政府工作报告", "务虚会上的讲话")."""
    genres = _without_other_sessions(text, _genre_positions(text, names), names)
    unloaded = _unloaded(text, genres, names)
    named: dict[str, int] = {}  # document → where the question first names it
    cuts: list[Span] = []  # the words that name documents: not searched for
    for genre, holders in genres:
        numbered: dict[str, int] = {}
        worded: list[set[str]] = []
        leading: list[Span] = []
        for name in names:
            for span, is_number in _qualifiers(text, name):
                if name.name in holders and (_leads_to(text, span, genre) or is_number and year_after(text, genre, span)):
                    leading.append(span)
                    if is_number:
                        numbered[name.name] = min(span.start, numbered.get(name.name, span.start))
                    else:
                        worded.append({n.name for n in names if text[span.start:span.end] in n.words} & holders)
        # "二〇〇八年的政府工作报告" of reports from other years: the year decides, not the title words
        unnamed = any(span.end == genre.end for span in unloaded)
        chosen = set(numbered) or (set.intersection(*worded) if worded and not unnamed else set())
        extreme = None if numbered else recency(text, genre)
        if extreme:  # "最新的政府工作报告": the latest of them, by the documents' own years
            dated = [n for n in names if n.name in (chosen or holders) and n.years]
            pick = (max if extreme[1] else min)(dated, key=lambda n: max(n.years), default=None)
            if pick:
                chosen = {pick.name}
                leading.append(extreme[0])
        for document in chosen:
            named.setdefault(document, numbered.get(document, min([s.start for s in leading], default=genre.start)))
        if chosen:  # from the first qualifier to the noun: "1956年那份政府工作报告", "the report of 1956"
            cuts.append(Span(min([q.start for q in leading] + [genre.start]), max([q.end for q in leading] + [genre.end])))
    for match in [*_CONGRESS.finditer(text), *CONGRESS_EN.finditer(text)]:  # "党的十五大", "the 15th Congress"
        english = match.re is CONGRESS_EN
        number = english_ordinal(match.group(1)) if english else chinese_to_int(match.group(1)) or 0
        if len(match.group(1)) >= 2 or match.group(0).startswith("第") or english:
            cut = around_congress(text, match) if english else Span(match.start(), match.end())
            for name in names:
                if number in name.congresses:
                    named.setdefault(name.name, match.start())
                    cuts.append(cut)
    cuts += unloaded
    missing = tuple(dict.fromkeys(text[span.start:span.end] for span in unloaded))
    for genre, holders in genres:  # a genre noun alone names the documents of that genre, when not every document is
        # one: if nothing else is named, or beside what is ("讲话和十五大报告", "the 1982 report and the speech")
        plural = text[genre.start:genre.end].isascii() and text[genre.end - 1:genre.end].lower() == "s"  # "news reports"
        if not plural and (not named and not missing or _joined_to(text, genre, cuts)):
            cuts.append(genre)  # every document one ("the speech" of the speech alone): it names none, but says where
            for holder in holders if len(holders) < len(names) else ():
                named.setdefault(holder, genre.start)
    return Reference(tuple(sorted(named, key=lambda n: named[n])), tuple(with_occasion(text, cut) for cut in cuts), missing)


def _without_other_sessions(text: str, genres: list[tuple[Span, frozenset[str]]], names: Sequence[DocumentName],
                            ) -> list[tuple[Span, frozenset[str]]]:
    """Each genre noun's documents less those whose cover numbers a term or session otherwise than the words
    before the noun in its clause: "第六届…第二次会议上的报告" is not the one given at the 第一届…第四次会议,
    whatever else they share (a session named elsewhere in the question is its topic, not a reference)."""
    covers = {n.name: n.sessions for n in names}
    kept = []
    for span, holders in genres:
        clause = _CLAUSE_END.split(text[: span.start])[-1]
        asked = sessions(clause) if _AT_SESSION.search(clause) else set()  # "…第二次会议上的报告", not "三中全会以来的报告"
        kept.append((span, frozenset(h for h in holders if not contradicts(asked, covers[h])) if asked else holders))
    return kept


def _unloaded(text: str, genres: list[tuple[Span, frozenset[str]]], names: Sequence[DocumentName]) -> list[Span]:
    """The references to documents that are not loaded: a year (or congress number) before a genre noun, in
    the way that names a document, where the documents of that genre are told apart by years (congress
    numbers) and none has this one. A reference is cut from the question like any other."""
    # (where, the years or congress numbers written there, whether it is a congress number)
    written = [(Span(m.start(), m.end()), {year_of(m.group(1) or m.group(2))}, False) for m in _YEAR_DIGITS.finditer(text)]
    written += [(Span(m.start(), m.end()), _years(m.group(0)), False) for m in _YEAR_CHINESE.finditer(text)]
    written += [(Span(m.start(), m.end()), {chinese_to_int(m.group(1)) or 0}, True) for m in _CONGRESS.finditer(text)
                if len(m.group(1)) >= 2 or m.group(0).startswith("第")]
    written += [(Span(m.start(), m.end()), {english_ordinal(m.group(1))}, True) for m in CONGRESS_EN.finditer(text)]
    found = []
    for genre, holders in genres:
        kinds = [n for n in names if n.name in holders]
        years = set().union(*(n.years for n in kinds))
        congresses = set().union(*(n.congresses for n in kinds))
        for span, values, congress in written:
            known = congresses if congress else years
            if not known or values & known:
                continue
            if _leads_to(text, span, genre):
                found.append(Span(span.start, genre.end))
            elif not congress and year_after(text, genre, span):  # "the report of 1994"
                found.append(Span(genre.start, span.end))
            elif congress and delivered_to(text, genre, span):
                found.append(Span(genre.start, span.end))
    return found


def _joined_to(text: str, genre: Span, cuts: Sequence[Span]) -> bool:
    """Whether a genre noun that names nothing itself stands joined by a conjunction to a reference that does."""
    if any(cut.start <= genre.end and genre.start <= cut.end for cut in cuts):
        return False  # it is part of one ("十五大|报告")
    return any(_CONJOINED.fullmatch(text[cut.end:genre.start] if cut.end <= genre.start else text[genre.end:cut.start])
               for cut in cuts)


def recency(text: str, genre: Span) -> tuple[Span, bool] | None:
    """"最新的报告", "最近一份讲话", "最早的那份报告", "the latest report": where the words that ask for the latest
    (True) or earliest (False) document of a genre stand; ``None`` when none stands right before the noun."""
    match = _RECENCY.search(text, 0, genre.start)
    if match is None or _RELATIVE_AFTER.match(text, genre.end):
        return None
    return Span(match.start(), match.end()), next(g for g in match.groups() if g).lower() in _LATEST


def _leads_to(text: str, qualifier: Span, genre: Span) -> bool:
    """Whether ``qualifier`` stands before ``genre`` in the same clause, at most :data:`REFERENCE_WINDOW`
    apart; years and congress numbers in between do not count (a list of them shares one noun)."""
    if qualifier.end > genre.start:
        return False
    between = text[qualifier.end:genre.start]
    if _CLAUSE_END.search(between):
        return False
    rest = _YEAR_DIGITS.sub("", _CONGRESS.sub("", _YEAR_CHINESE.sub("", between)))
    size = len(re.findall(r"[\u3400-\u9fff]", rest)) + len(re.findall(r"[A-Za-z]+", rest))
    return size <= REFERENCE_WINDOW


def without_references(text: str, reference: Reference) -> str:
    """``text`` with the spans that name documents removed: they say where to look, not what about."""
    kept, cursor = [], 0
    for span in sorted(reference.spans, key=lambda s: s.start):
        kept.append(text[cursor:max(cursor, span.start)])
        cursor = max(cursor, span.end)
    kept.append(text[cursor:])
    return "".join(kept).strip() or text


def choose(names: Sequence[DocumentName], wanted: Iterable[str]) -> tuple[str, ...]:
    """Documents picked by the user's filter: a file name, its stem, or a title; unknown entries are ignored."""
    picked: list[str] = []
    for entry in wanted:
        key = normalise(entry).strip()
        for name in names:
            if key and key in (normalise(name.name), normalise(Path(name.name).stem), normalise(name.label.strip("《》"))):
                picked.append(name.name)
    return tuple(dict.fromkeys(picked))
