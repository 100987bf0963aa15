"""Questions about a list in the text: one asking for several things ("哪些…", "分别…") is answered by the list's
items, not its introduction; one asking for the Nth thing ("提出了四项措施，第三项是什么？") by the Nth item."""

from __future__ import annotations

import re
from typing import Sequence

from ..ingest.outline_rules import match_point
from ..records import LABEL_KINDS, Passage, Span
from ..text import CHINESE_NUMERAL, int_to_chinese

Ranked = list[tuple[int, float]]
#: How a paragraph announces the list that follows it: a closing colon; "as follows" (以下几个方面 / 如下) at its end;
#: or 以下 naming what it counts in its last sentence ("必须从以下三个方面认真解决好这个问题。"), never a limit
#: ("控制在3%以下，…") or an abbreviation ("以下简称").
_INTRODUCES = re.compile(r"[：:]\s*$|(?:以下|如下)[^。；]{0,8}[。：:]?\s*$"
                         r"|以下(?:[几一二三四五六七八九十两]+个?)?(?:方面|点|条|项|措施|问题|任务|工作|要求|意见)[^。；！？：:]*[。：:]?\s*$")
#: "一、…" opening a paragraph of running text (the outline reads only short unpunctuated ones as headings).
_NUMBERED = re.compile(rf"^{CHINESE_NUMERAL}、")


#: A paragraph that only addresses its listeners ("同志们：", "各位代表：") introduces the speech, not a list.
_VOCATIVE = re.compile(r"^\s*[\u4e00-\u9fff、，]{1,8}[：:]\s*$")


def introduces_list(passage: Passage) -> bool:
    return bool(_INTRODUCES.search(passage.text)) and not _VOCATIVE.match(passage.text)


def list_items(passages: Sequence[Passage], intro: Passage, per_subsection: int = 1, plain: bool = False) -> list[list[int]]:
    """The items that follow ``intro``, each the ids of its passages: the numbered points or marked paragraphs
    of its section (a long point is cut into windows that belong to one item), or, when the introduction
    closes a section's lead-in, the sub-sections that follow (each its first ``per_subsection`` passages:
    the heading names it, the next paragraph says what it is about); else, with ``plain``, the paragraphs that
    follow it. Only an ordinal ("第二个方面") takes plain paragraphs for items: after "例如：" they are examples, and
    a question asking how many is answered by the passage that counts them, not by the examples."""
    items: dict[tuple[int, str], list[int]] = {}
    inner = intro.section + " › "
    for passage in passages[intro.id + 1 :]:
        if passage.doc != intro.doc:
            break
        if passage.section.startswith(inner):
            child = passage.section[len(inner):].split(" › ")[0]
            item = items.setdefault((0, child), [])
            if len(item) < per_subsection:
                item.append(passage.id)
            continue
        if passage.body and not _is_item(passage) and (passage.point_no, passage.point) in items:
            continue  # the body of an item written as its title alone: the title names the item
        if passage.section != intro.section or not _is_item(passage) or any(key[0] == 0 for key in items):
            break
        key = (passage.point_no, passage.point) if passage.kind in ("point", "window") else (-passage.id, "")
        items.setdefault(key, []).append(passage.id)
    return list(items.values()) or (_following_paragraphs(passages, intro) if plain else [])


def _following_paragraphs(passages: Sequence[Passage], intro: Passage) -> list[list[int]]:
    """The paragraphs after an introduction that numbers nothing ("在能源的节约方面，准备采取如下措施：" and six
    paragraphs, one measure each), each an item, up to the next heading, point, marked item or introduction."""
    items: dict[int, list[int]] = {}
    for passage in passages[intro.id + 1 :]:
        if (passage.doc != intro.doc or passage.section != intro.section or passage.point_no != intro.point_no
                or passage.kind not in ("paragraph", "window") or _is_item(passage)
                or passage.paragraph_no not in items and introduces_list(passage)):
            break
        items.setdefault(passage.paragraph_no, []).append(passage.id)
    return list(items.values())


def _is_item(passage: Passage) -> bool:
    """A numbered point of the outline, or a paragraph opening with a list marker ("一、…；" inside a point)."""
    marked = passage.kind == "paragraph" and bool(match_point(passage.text) or _NUMBERED.match(passage.text))
    return marked or (passage.kind in ("point", "window") and not passage.body)


def titles_a_body(passages: Sequence[Passage], pid: int) -> bool:
    """A point written as its title alone, its body in the paragraphs after it (``ingest/passages.py``): like a
    heading, it names what the body says, so the body answers in its place."""
    point = passages[pid]
    if point.kind != "point" or pid + 1 >= len(passages):
        return False
    body = passages[pid + 1]
    return body.body and body.doc == point.doc and body.section == point.section and body.point_no == point.point_no


def expand_list(passages: Sequence[Passage], ranked: Ranked) -> Ranked:
    """When the best passage introduces a list ("…三个特殊性决定的：", or a heading whose points follow it at once:
    "推进“产业强市”的三个协同分别是什么？"), the items that follow it answer a question asking for several things:
    they go first, the introduction right after them."""
    if not ranked:  # a document filter or "还有别的吗" can leave nothing to expand
        return ranked
    top_id, top_score = ranked[0]
    if not (introduces_list(passages[top_id]) or passages[top_id].kind == "heading"):
        return ranked
    # a sub-section's heading names it in every card's citation; the cards are its paragraphs
    items = [pid for item in list_items(passages, passages[top_id], per_subsection=2) for pid in item
             if passages[pid].kind not in LABEL_KINDS]
    expanded = [(pid, top_score) for pid in items] + [(top_id, top_score)]
    return expanded + [(pid, score) for pid, score in ranked[1:] if pid not in items]


#: The markers of a list run inside one paragraph ("今年重点抓好四件事：一是…；二是…"), each style by the number's
#: place in it; a marker opens the text or follows a clause's end.
_INLINE_STYLES = ("{n}是", "{n}要", "第{n}[，,、]", "[（(]{n}[）)]")
_CLAUSE_END = r"(?:^|(?<=[。；;：:，,！？]))\s*"


def inline_item(texts: Sequence[str], number: int) -> tuple[int, int, int] | None:
    """Where item ``number`` (-1: the last) of a list run inside one paragraph is: (which of ``texts``, the
    paragraph's windows in order, start, end). The first marker style numbering one, two, … there counts; the
    item ends at the next marker in its window, or at the end of its sentence. ``None`` when there is no such list
    or it is shorter."""
    for style in _INLINE_STYLES:
        found: list[tuple[int, int]] = []  # (window, start) of markers one, two, …
        for marker in range(1, 11):
            pattern = re.compile(_CLAUSE_END + style.format(n=int_to_chinese(marker)))
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


def shown_list_item(passages: Sequence[Passage], shown: Sequence[Passage], number: int) -> list[Passage]:
    """"第二条呢？" after an answer that showed a list (its introduction first, or its items and then the
    introduction): the ``number``-th item (-1: the last) and the introduction; [] when the answer showed none
    or the list is shorter. An answer that only mentions a list elsewhere does not count: its first passage
    must be the introduction or one of its items."""
    if not shown:
        return []
    for intro in (p for p in shown if introduces_list(p)):
        items = list_items(passages, intro, per_subsection=2, plain=True)
        if shown[0].id != intro.id and not any(shown[0].id in item for item in items):
            continue
        if not items or number > len(items) or number == 0:
            return []
        return [passages[pid] for pid in items[number - 1 if number > 0 else -1]] + [intro]
    return []


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
    """Whether ``text`` holds the first marker of a list of any style ("一是", "第一，", "（一）")."""
    return any(re.search(_CLAUSE_END + style.format(n="一"), text) for style in _INLINE_STYLES)


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


def nth_item(passages: Sequence[Passage], ranked: Ranked, number: int, of: int = 0) -> Ranked:
    """When the best passage introduces a list, the question's ``number``-th item (-1: the last) goes first and
    the introduction right after it; otherwise (or when the list is shorter, or not of the ``of`` items the
    question says it has) ``ranked`` is unchanged."""
    if not ranked or not introduces_list(passages[ranked[0][0]]):
        return ranked
    top_id, top_score = ranked[0]
    items = list_items(passages, passages[top_id], per_subsection=2, plain=True)
    if not items or number > len(items) or of and len(items) != of:
        return ranked
    chosen = items[number - 1] if number > 0 else items[-1]
    lead = [(pid, top_score) for pid in chosen] + [(top_id, top_score)]
    return lead + [(pid, score) for pid, score in ranked[1:] if pid not in chosen]
