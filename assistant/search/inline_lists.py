"""Lists that run inside one paragraph, numbered ("今年重点抓好三件事：一是…；二是…") or not ("政治上…；经济上…；
文化上…", "是否有利于…，是否有利于…"): where their Nth item is, for a follow-up that counts what the last answer
showed ("第二个是什么？"). Lists of whole paragraphs are ``lists.py``'s."""

from __future__ import annotations

import re
from typing import Sequence

from ..records import LABEL_KINDS, Passage, Span
from ..text import int_to_chinese

#: The markers of a list run inside one paragraph ("今年重点抓好四件事：一是…；二是…"), each style by the number's
#: place in it, or the words that order two or more things ("一方面…另一方面…", "首先…其次…"); a marker opens the
#: text or follows a clause's end.
_INLINE_STYLES: tuple[str | tuple[str, ...], ...] = (
    "{n}是", "{n}要", "第{n}[，,、]", "[（(]{n}[）)]", ("一方面", "另一方面"), ("首先", "其次", "再次"))
_CLAUSE_END = r"(?:^|(?<=[。；;：:，,！？]))\s*"


def _marker(style: str | tuple[str, ...], number: int) -> str | None:
    """The pattern of marker ``number`` (from 1) of ``style``; ``None`` past a sequence's end."""
    if isinstance(style, str):
        return style.format(n=int_to_chinese(number))
    return style[number - 1] if number <= len(style) else None


def inline_item(texts: Sequence[str], number: int) -> tuple[int, int, int] | None:
    """Where item ``number`` (-1: the last) of a list run inside one paragraph is: (which of ``texts``, the
    paragraph's windows in order, start, end). The first marker style numbering one, two, … there counts; the
    item ends at the next marker in its window, or at the end of its sentence. ``None`` when there is no such list
    or it is shorter."""
    for style in _INLINE_STYLES:
        found: list[tuple[int, int]] = []  # (window, start) of markers one, two, …
        for marker in range(1, 11):
            written = _marker(style, marker)
            if written is None:
                break
            pattern = re.compile(_CLAUSE_END + written)
            after = found[-1] if found else (0, -1)
            place = next(((w, m.end() - len(m.group(0).lstrip())) for w in range(after[0], len(texts))
                          if (m := pattern.search(texts[w], after[1] + 1 if w == after[0] else 0))), None)
            if place is None:
                break
            found.append(place)
        if len(found) < 2:
            continue
        if not (-1 <= number <= len(found)) or number == 0:
            return None
        window, start = found[number - 1 if number > 0 else -1]
        following = [s for w, s in found if w == window and s > start]
        close = texts[window].find("。", start)
        end = following[0] if following else close + 1 if close >= 0 else len(texts[window])
        return window, start, end
    return None


def shown_inline_item(passages: Sequence[Passage], shown: Sequence[Passage], number: int, depth: int = 1,
                      unnumbered: bool = False, marked: Sequence[Span] = ()) -> tuple[Passage, int, int] | None:
    """"第三件是什么？" after an answer one of whose first ``depth`` passages opens a list inside its paragraph
    ("…工作。一是…；二是…；三是…", over its windows when it is long, the later items possibly paragraphs of their
    own: "二是…" right after): the passage holding the item, and the item's range in its text (:func:`inline_item`);
    with ``unnumbered``, also a list its paragraph writes without numbers (:func:`unnumbered_item`), preferring
    one in the sentences the answer highlighted (``marked``). ``None`` when none does."""
    for passage in shown[:depth]:
        own = _paragraph_windows(passages, passage)
        if any(_opens_list(w.text) for w in own):
            run = own + _following(passages, own[-1])
            if found := inline_item([w.text for w in run], number):
                return run[found[0]], found[1], found[2]
        marks = {w.id: [(m.start - w.start, m.end - w.start) for m in marked if w.start <= m.start < w.end] for w in own}
        for window in sorted(own, key=lambda w: not marks[w.id]) if unnumbered else ():  # a highlighted window first
            if found := unnumbered_item(window.text, number, marks[window.id]):
                return window, found[0], found[1]
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


def unnumbered_item(text: str, number: int, marked: Sequence[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """Where item ``number`` (-1: the last) of a list written without numbers is in ``text``: clauses a semicolon
    separates ("各国政治上应…；经济上应…；文化上应…"), or three or more clauses that open alike ("是否有利于…，是否有利于…")
    or end alike ("…的改革，…的改革，以及…的改革"). A paragraph may pair things too ("革命是解放生产力，改革也是解放
    生产力"): the list is the one in a sentence the answer highlighted (``marked``, ranges of ``text``), else the
    longest, else the one whose clauses share the most words. ``None`` when there is none, or it is shorter."""
    found = []
    for sentence in re.finditer(r"[^。！？]+", text):
        items, shared = _semicolon_items(text, sentence.start(), sentence.end()), _SHARED
        if not items:
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
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in items if text[s:e].strip()]


def _parallel_items(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int]:
    """The longest run of clauses of ``text[start:end]`` that open or end with the same words (a joiner aside), as
    items, and how many characters they share; the run's first item may begin inside the clause before it, where
    those opening words are written."""
    clauses = [(start + m.start(), start + m.end()) for m in _CLAUSE.finditer(text[start:end])]
    best: tuple[list[tuple[int, int]], int] = ([], 0)
    for first in range(len(clauses)):
        for opening in (True, False):
            run = _run(text, clauses, first, opening)
            if (len(run[0]), run[1]) > (len(best[0]), best[1]):
                best = run
    return best if len(best[0]) >= _PARALLEL else ([], 0)


def _run(text: str, clauses: list[tuple[int, int]], first: int, opening: bool) -> tuple[list[tuple[int, int]], int]:
    """Clauses from ``first`` on that share their opening (or ending) with it, and the clause before when it
    writes the shared opening with something after it ("主要是看是否有利于…" before "是否有利于…")."""
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


def _opens_list(text: str) -> bool:
    """Whether ``text`` holds the first marker of a list of any style ("一是", "第一，", "（一）", "一方面")."""
    return any(re.search(_CLAUSE_END + str(_marker(style, 1)), text) for style in _INLINE_STYLES)


def _following(passages: Sequence[Passage], last: Passage, most: int = 12) -> list[Passage]:
    """The passages after ``last`` in the same section, up to the next heading (at most ``most``)."""
    found: list[Passage] = []
    for passage in passages[last.id + 1 : last.id + 1 + most]:
        if passage.doc != last.doc or passage.section != last.section or passage.kind in LABEL_KINDS:
            break
        found.append(passage)
    return found


def _paragraph_windows(passages: Sequence[Passage], passage: Passage) -> list[Passage]:
    """The passages of ``passage``'s paragraph in reading order: itself, or every window of a long one."""
    return [p for p in passages if p.doc == passage.doc and p.paragraph_no == passage.paragraph_no and p.kind not in LABEL_KINDS]
