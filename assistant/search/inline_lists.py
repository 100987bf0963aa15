"""Lists that run inside one paragraph, numbered ("今年重点抓好三件事：一是…；二是…") or not ("政治上…；经济上…；
文化上…", "是否有利于…，是否有利于…"): where their Nth item is, for a follow-up that counts what the last answer
showed ("第二个是什么？"). Lists of whole paragraphs are ``lists.py``'s."""

from __future__ import annotations

import re
from typing import Sequence

from ..records import LABEL_KINDS, Passage, Span
from ..text import int_to_chinese

#: The markers of a list run inside one paragraph ("今年重点抓好四件事：一是…；二是…"), each style by the number's
#: place in it; a marker opens the text or follows a clause's end.
_NUMBERED_STYLES = ("{n}是", "{n}要", "第{n}[，,、]", "[（(]{n}[）)]", "第{n}步")
#: Words that order things instead of numbers ("一方面…另一方面…", "首先…其次…最后…"), marker by marker.
_ORDERED_STYLES = (("一方面", "另一方面"), ("首先", "其次", "(?:再次|最后)", "最后"))
_CLAUSE_END = r"(?:^|(?<=[。；;：:，,！？]))\s*"
#: The most items a numbered list is looked for up to.
_MOST_ITEMS = 10


def _markers(style: str | tuple[str, ...]) -> list[str]:
    """The patterns of ``style``'s markers in order: one, two, … ten, or the words of an ordering."""
    if isinstance(style, str):
        return [style.format(n=int_to_chinese(n)) for n in range(1, _MOST_ITEMS + 1)]
    return list(style)


_STYLES = [_markers(style) for style in (*_NUMBERED_STYLES, *_ORDERED_STYLES)]


def list_markers(texts: Sequence[str], own: int | None = None) -> list[tuple[int, int]]:
    """Where the markers of the first style that numbers two or more items stand in ``texts`` (a paragraph's
    windows, then the paragraphs after it): (which text, start) of item one, two, …; [] when none does. With
    ``own``, the first marker must lie in the first ``own`` texts: a list that only opens after the paragraph is
    another's."""
    for markers in _STYLES:
        found: list[tuple[int, int]] = []  # (window, start) of markers one, two, …
        for written in markers:
            pattern = re.compile(_CLAUSE_END + written)
            after = found[-1] if found else (0, -1)
            place = next(((w, m.end() - len(m.group(0).lstrip())) for w in range(after[0], len(texts))
                          if (m := pattern.search(texts[w], after[1] + 1 if w == after[0] else 0))), None)
            if place is None:
                break
            found.append(place)
        if len(found) >= 2 and (own is None or found[0][0] < own):
            return found
    return []


def inline_item(texts: Sequence[str], number: int, own: int | None = None) -> tuple[int, int, int] | None:
    """Where item ``number`` (-1: the last) of a list run inside one paragraph is: (which of ``texts``, start, end),
    by :func:`list_markers`; the item ends at the next marker in its text, or at the end of its sentence. ``None``
    when there is no such list or it is shorter."""
    found = list_markers(texts, own)
    if not found or number == 0 or not -1 <= number <= len(found):
        return None
    window, start = found[number - 1 if number > 0 else -1]
    following = [s for w, s in found if w == window and s > start]
    close = texts[window].find("。", start)
    end = following[0] if following else close + 1 if close >= 0 else len(texts[window])
    return window, start, end


def shown_inline_item(passages: Sequence[Passage], shown: Sequence[Passage], number: int, depth: int = 1,
                      unnumbered: bool = False, marked: Sequence[Span] = ()) -> tuple[Passage, int, int] | None:
    """"第三件是什么？" after an answer one of whose first ``depth`` passages opens a list inside its paragraph
    ("…工作。一是…；二是…；三是…", over its windows when it is long, the later items possibly paragraphs of their
    own: "二是…" right after): the passage holding the item, and the item's range in its text (:func:`inline_item`);
    with ``unnumbered``, and when the paragraph numbers nothing (a numbered list shorter than the ordinal is not
    read again for semicolons), also a list it writes without numbers (:func:`unnumbered_item`), preferring one in
    the sentences the answer highlighted (``marked``). ``None`` when none does."""
    for passage in shown[:depth]:
        own = _paragraph_windows(passages, passage)
        if not own:  # a heading: no paragraph of its own to list in
            continue
        run = own + _following(passages, own[-1])
        if list_markers([w.text for w in run], len(own)):  # numbered: its items alone count, however many
            if found := inline_item([w.text for w in run], number, len(own)):
                return run[found[0]], found[1], found[2]
            continue
        if not unnumbered:
            continue
        marks = {w.id: [(m.start - w.start, m.end - w.start) for m in marked if w.start <= m.start < w.end] for w in own}
        for window in sorted(own, key=lambda w: not marks[w.id]):  # a highlighted window first
            if found_unnumbered := unnumbered_item(window.text, number, marks[window.id]):
                return window, found_unnumbered[0], found_unnumbered[1]
    return None


#: Clauses of a sentence, and the words that may join a list's last item to the others ("也可以谈…", "以及…的改革").
_CLAUSE = re.compile(r"[^，；;。！？!?]+")
_JOINER = re.compile(r"^(?:以及|同时|并且|而且|也|还|并|和|又|及)")
#: A clause opening with these says what the ones before it are ("…的改革，主要是…的改革").
_NAMES_THE_ITEMS = re.compile(r"\s*(?:主要是|主要有|包括|就是|即)")
#: What may stand before a list's shared opening inside the clause that leads into it ("主要是看|是否有利于…",
#: "在…基础上|统一认识").
_LEADS_IN = re.compile(r"(?:是|看|要|应|应当|应该|必须|就|即|都|把|上|中|[：:])\s*$")
#: The last copula of a list's first item written with the same ending as the others: its subject stands before.
_SUBJECT = re.compile(r".*(?:就是|主要是|即是|是)")
#: The least a run of clauses must share to read as one list: two characters, three clauses.
_SHARED, _PARALLEL = 2, 3
#: An item holds at least one word character (a run of punctuation between semicolons is none).
_WORDS = re.compile(r"[\w\u4e00-\u9fff]")


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the white space at either end."""
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())


def unnumbered_item(text: str, number: int, marked: Sequence[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """Where item ``number`` (-1: the last) of a list written without numbers is in ``text``: clauses a semicolon
    separates ("各国政治上应…；经济上应…；文化上应…"), or three or more clauses that open alike ("是否有利于…，是否有利于…")
    or end alike ("…的改革，…的改革，以及…的改革"). A paragraph may pair things too ("革命是解放生产力，改革也是解放
    生产力"): the list is the one in a sentence the answer highlighted (``marked``, ranges of ``text``), else the
    longest, else the one whose clauses share the most words. ``None`` when there is none, or it is shorter."""
    found = []
    for sentence in re.finditer(r"[^。！？]+", text):
        items, shared = _semicolon_items(text, sentence.start(), sentence.end()), _SHARED
        if len(items) < 2:  # one semicolon item (a window cut after it) is no list: the clauses may still be one
            items, shared = _parallel_items(text, sentence.start(), sentence.end())
        seen = bool(items) and any(start < sentence.end() and end > sentence.start() for start, end in marked)
        found.append((seen, len(items), shared, -sentence.start(), items))
    items = max(found, default=(False, 0, 0, 0, []))[-1]
    if len(items) < 2 or number == 0 or not -1 <= number <= len(items):
        return None
    return items[number - 1 if number > 0 else -1]


def _semicolon_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The semicolon-separated items of ``text[start:end]``; the first begins after a colon that introduces them."""
    sentence = text[start:end]
    first = re.search(r"[；;]", sentence)
    if first is None:
        return []
    colon = max(sentence.rfind("：", 0, first.start()), sentence.rfind(":", 0, first.start()))
    begin, items = start + colon + 1 if colon >= 0 else start, []
    for part in re.finditer(r"[^；;]+", text[begin:end]):
        items.append((begin + part.start(), begin + part.end()))
    return [_stripped(text, s, e) for s, e in items if _WORDS.search(text, s, e)]  # not "，" alone


def _parallel_items(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int]:
    """The longest run of clauses of ``text[start:end]`` that open or end with the same words (a joiner aside), as
    items, and how many characters they share; the run's first item may begin inside the clause before it, where
    those opening words are written."""
    clauses = [_stripped(text, start + m.start(), start + m.end()) for m in _CLAUSE.finditer(text[start:end])]
    clauses = [(s, e) for s, e in clauses if s < e]
    best: tuple[list[tuple[int, int]], int] = ([], 0)
    for first in range(len(clauses)):
        for opening in (True, False):
            run = _run(text, clauses, first, opening)
            if (len(run[0]), run[1]) > (len(best[0]), best[1]):
                best = run
    return best if len(best[0]) >= _PARALLEL else ([], 0)


def _run(text: str, clauses: list[tuple[int, int]], first: int, opening: bool) -> tuple[list[tuple[int, int]], int]:
    """Clauses from ``first`` on that share their opening (or ending) with it, and how many characters they share.
    A clause before that writes the shared opening after a lead-in ("主要是看|是否有利于…") gives the first item; a
    second clause opening with 主要是/包括 drops the first (it says what is listed); a first item ending alike
    drops its subject ("这些问题就是|…问题")."""
    def words(i: int) -> str:
        body = _JOINER.sub("", text[clauses[i][0]:clauses[i][1]].strip()) if opening else text[clauses[i][0]:clauses[i][1]].strip()
        return body if opening else body[::-1]
    shared, last = words(first), first
    for i in range(first + 1, len(clauses)):
        common = next((n for n, (a, b) in enumerate(zip(shared, words(i))) if a != b), min(len(shared), len(words(i))))
        if common < _SHARED:
            break
        shared, last = shared[:common], i
    if last == first:
        return [], 0
    run = list(clauses[first:last + 1])
    if _NAMES_THE_ITEMS.match(text, run[1][0]):  # "…相配套的改革，主要是…的改革，…": the first clause says what is listed
        run = run[1:]
    if not opening and (subject := _SUBJECT.match(text, run[0][0], run[0][1])) and run[0][1] - subject.end() >= 4:
        run[0] = (subject.end(), run[0][1])  # "这些问题就是…问题，…问题": the list begins after its subject
    if opening and first > 0:
        before_start, before_end = clauses[first - 1]
        at = text.rfind(shared, before_start, before_end)
        led_in = at >= 0 and (at == before_start or _LEADS_IN.search(text, before_start, at))
        if led_in and at + len(shared) < before_end:  # never from inside a word ("外商|投资显著增加")
            run.insert(0, (at, before_end))
    return run, len(shared)


def _following(passages: Sequence[Passage], last: Passage, most: int = 12) -> list[Passage]:
    """The passages after ``last`` in the same section, up to the next heading (at most ``most``)."""
    found: list[Passage] = []
    for passage in passages[last.id + 1 : last.id + 1 + most]:
        if passage.doc != last.doc or passage.section != last.section or passage.kind in LABEL_KINDS:
            break
        found.append(passage)
    return found


def _paragraph_windows(passages: Sequence[Passage], passage: Passage) -> list[Passage]:
    """The passages of ``passage``'s paragraph in reading order: itself, or every window of a long one. They stand
    side by side in the index (``ingest/passages.py`` adds a paragraph's windows together), so only its neighbours
    are read, not the whole corpus."""
    def same(p: Passage) -> bool:
        return p.doc == passage.doc and p.paragraph_no == passage.paragraph_no

    start = end = passage.id
    while start > 0 and same(passages[start - 1]):
        start -= 1
    while end + 1 < len(passages) and same(passages[end + 1]):
        end += 1
    return [p for p in passages[start : end + 1] if p.kind not in LABEL_KINDS]
