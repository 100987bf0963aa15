"""Questions about a list of paragraphs the text introduces: one asking for several things ("哪些…", "分别…") is
answered by the list's items, not its introduction; one asking for the Nth thing ("提出了四项措施，第三项是什么？") by
the Nth item. Lists inside one paragraph are ``inline_lists.py``'s."""

from __future__ import annotations

import re
from typing import Sequence

from ..ingest.outline_rules import match_point
from ..records import LABEL_KINDS, Passage
from ..text import CHINESE_NUMERAL

Ranked = list[tuple[int, float]]
#: How a paragraph announces the list that follows it: a closing colon; "as follows" (以下几个方面 / 如下) at its end;
#: or 以下 naming what it counts in its last sentence ("必须从以下三个方面认真解决好这个问题。"), never a limit
#: ("控制在3%以下，…") or an abbreviation ("以下简称").
_INTRODUCES = re.compile(r"[：:]\s*$|(?:以下|如下)[^。；]{0,8}[。：:]?\s*$"
                         r"|以下(?:[几一二三四五六七八九十两]+个?)?(?:方面|点|条|项|措施|问题|任务|工作|要求|意见)[^。；！？：:]*[。：:]?\s*$")
#: "一、…" opening a paragraph of running text (the outline reads only short unpunctuated ones as headings).
_NUMBERED = re.compile(rf"^{CHINESE_NUMERAL}、")


#: A paragraph that only addresses its listeners ("同志们：", "各位代表：", "女士们、先生们：") opens the speech, not a
#: list ("主要是：" does introduce one).
_VOCATIVE = re.compile(r"^\s*(?:各位[\u4e00-\u9fff]{1,4}|[\u4e00-\u9fff]{1,3}们)(?:[、，,](?:各位)?[\u4e00-\u9fff]{1,4}们?)*[：:]\s*$")


def introduces_list(passage: Passage) -> bool:
    """Whether ``passage`` announces a list that follows it (:data:`_INTRODUCES`), not merely addresses people."""
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


def expand_list(passages: Sequence[Passage], ranked: Ranked, room: int = 5) -> Ranked:
    """When the best passage introduces a list ("…三个特殊性决定的：", or a heading whose points follow it at once:
    "推进“产业强市”的三个协同分别是什么？"), the items that follow it answer a question asking for several things:
    they go first, the introduction right after them. A list of ``room`` items or more (the cards an answer shows)
    would push its introduction out of sight ("包括以下十个方面：" of a foreign policy): it comes first then."""
    if not ranked:  # a document filter or "还有别的吗" can leave nothing to expand
        return ranked
    top_id, top_score = ranked[0]
    if not (introduces_list(passages[top_id]) or passages[top_id].kind == "heading"):
        return ranked
    # a sub-section's heading names it in every card's citation; the cards are its paragraphs
    items = [pid for item in list_items(passages, passages[top_id], per_subsection=2) for pid in item
             if passages[pid].kind not in LABEL_KINDS]
    listed = [(pid, top_score) for pid in items]
    long_list = len(items) >= room and passages[top_id].kind != "heading"  # a heading is cited on every card
    expanded = [(top_id, top_score), *listed] if long_list else [*listed, (top_id, top_score)]
    return expanded + [(pid, score) for pid, score in ranked[1:] if pid not in items]


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
