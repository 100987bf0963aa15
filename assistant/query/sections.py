"""A document's outline as people count it: its parts, their sub-sections or points, and the passages that answer
an outline request ("第五部分第二点", "分几部分") — read from the parsed structure, never from similarity. What a
question asks is read in ``outline.py``."""

from __future__ import annotations

import re
from typing import Sequence

from ..records import LABEL_KINDS, Document, Heading, Passage
from ..text import count_in_chinese, int_to_chinese
from .outline import LAST, OutlineRequest


def top_sections(document: Document) -> list[Heading]:
    return [h for h in document.headings if h.level == 1]


def _resolve(number: int, count: int) -> int:
    return count if number == LAST else number


def resolve_section(document: Document, number: int) -> int:
    """The section number a request means (:data:`LAST` becomes the last section's number)."""
    return _resolve(number, len(top_sections(document)))


def section_passages(document: Document, section: int) -> list[Passage]:
    return [p for p in document.passages if p.section_no == section]


def is_point(passage: Passage) -> bool:
    """A numbered point's passage: the whole point, one window of a point cut into several, or the body of a
    point written as its title alone."""
    return bool(passage.point_no) and passage.kind in ("point", "window", "paragraph")


def outline_passages(document: Document) -> list[Passage]:
    """The outline in reading order: every heading and the first passage of every point, so a point cut
    into windows is listed once (a parallel list counting from one again is listed too: its label differs).
    The terminal and the chat's panel both list these."""
    seen: set[tuple[str, int, str]] = set()
    found: list[Passage] = []
    for passage in document.passages:
        if passage.kind == "heading" and passage.section_no:
            found.append(passage)
        elif is_point(passage) and passage.point and (passage.section, passage.point_no, passage.point) not in seen:
            seen.add((passage.section, passage.point_no, passage.point))
            found.append(passage)
    return found


def section_points(document: Document, section: int) -> list[tuple[str, list[Passage]]]:
    """The parts of a top-level section as people count them ("第三部分第二点"), each (label, passages):
    its sub-sections when it has any (三、 → （一）…（十）), else its numbered points (一是…)."""
    passages = section_passages(document, section)
    subsections: dict[str, list[Passage]] = {}
    for passage in passages:
        path = passage.section.split(" › ")
        if len(path) > 1:
            subsections.setdefault(path[1], []).append(passage)
    if subsections:
        return list(subsections.items())
    # keyed by number and label, in reading order: two lists that each count from one stay apart, one after the other
    points: dict[tuple[int, str], list[Passage]] = {}
    for passage in passages:
        if is_point(passage):
            points.setdefault((passage.point_no, passage.point), []).append(passage)
    return [(group[0].point, group) for group in points.values()]


def find(document: Document, request: OutlineRequest, count_paragraphs: bool = True) -> tuple[list[Passage], str]:
    """The passages that answer ``request`` (best first) and a one-line answer; ``([], reason)`` if none.
    ``count_paragraphs``: a point of a part that numbers none is its paragraph of that number."""
    sections = top_sections(document)
    if request.ask == "title":
        titles = [p for p in document.passages if p.kind == "title"]
        return titles, f"标题：《{document.title}》"
    if request.ask == "count":
        return _count_answer(document, sections)
    if request.marker:
        return _marker_answer(document, request.marker)
    number = _resolve(request.section, len(sections))
    stated_elsewhere = request.ask == "section" and request.of not in (0, len(sections))
    if stated_elsewhere or not 1 <= number <= len(sections):
        listed = _part_listing(document, request.of) if request.ask == "section" else 0
        if listed:  # "八个方面中的第四个" of a report in two parts: the fourth of the part that lists eight
            return find(document, OutlineRequest("point", listed, request.section), count_paragraphs)
    if not sections:
        return [], _UNDIVIDED.format(document.title)
    if not 1 <= number <= len(sections):
        return [], f"《{document.title}》共{count_in_chinese(len(sections))}个部分，没有第{int_to_chinese(max(number, 0))}部分。"
    heading = sections[number - 1]
    passages = section_passages(document, number)
    points = section_points(document, number)
    if request.ask == "section":
        labels = [label for label, _ in points]
        listing = f"（共{count_in_chinese(len(labels))}点：{'；'.join(labels)}）" if labels else f"（不分点，共{count_in_chinese(len(_paragraphs(passages)))}段）"
        return passages, f"第{int_to_chinese(number)}部分：{heading.text}{listing}"
    if not points and count_paragraphs:
        return _nth_paragraph(passages, request.point, f"第{int_to_chinese(number)}部分（{heading.text}）")
    wanted = _resolve(request.point, len(points))
    if not 1 <= wanted <= len(points):
        return [], f"第{int_to_chinese(number)}部分（{heading.text}）共{count_in_chinese(len(points))}点，没有第{int_to_chinese(max(wanted, 0))}点。"
    label, chosen = points[wanted - 1]
    others = [p for p in passages if p not in chosen]
    return chosen + others, f"第{int_to_chinese(number)}部分第{int_to_chinese(wanted)}点：{label}"


def lists_parts(document: Document, count: int, about: Sequence[str] = ()) -> bool:
    """Whether a stated count ("分了三个方面，第二个方面") can mean a list of ``document``'s outline: its parts, or one
    part's sub-sections or points, number ``count``, and ``about`` (what the question says besides the outline
    reference) is empty or names something that list's headings write."""
    sections = top_sections(document)
    if len(sections) == count:
        labels = [h.text for h in sections]
    elif listing := _part_listing(document, count):
        labels = [sections[listing - 1].text] + [label for label, _ in section_points(document, listing)]
    else:
        return False
    return not about or any(word in label for word in about for label in labels)


def _part_listing(document: Document, count: int) -> int:
    """The one part whose sub-sections or points number ``count`` (0 when none or several do, or no count)."""
    if not count:
        return 0
    parts = [n for n in range(1, len(top_sections(document)) + 1) if len(section_points(document, n)) == count]
    return parts[0] if len(parts) == 1 else 0


def _paragraphs(passages: Sequence[Passage]) -> list[list[Passage]]:
    """A part's paragraphs as people count them, each with its windows: its heading is not one."""
    paragraphs: dict[int, list[Passage]] = {}
    for passage in passages:
        if passage.kind not in LABEL_KINDS:
            paragraphs.setdefault(passage.paragraph_no, []).append(passage)
    return list(paragraphs.values())


def _nth_paragraph(passages: list[Passage], asked: int, part: str) -> tuple[list[Passage], str]:
    """"第二点" of a part that numbers no points: people count its paragraphs then (the answer says so)."""
    chosen = _paragraphs(passages)
    wanted = _resolve(asked, len(chosen))
    if not 1 <= wanted <= len(chosen):
        return [], f"{part}不分点，共{count_in_chinese(len(chosen))}段，没有第{int_to_chinese(max(wanted, 0))}段。"
    first = chosen[wanted - 1]
    return first + [p for p in passages if p not in first], f"{part}不分点，这是它的第{int_to_chinese(wanted)}段。"


def _marker_answer(document: Document, marker: str) -> tuple[list[Passage], str]:
    """The first sub-section or point of any part that opens with ``marker``."""
    for number in range(1, len(top_sections(document)) + 1):
        for point, (label, chosen) in enumerate(section_points(document, number), 1):
            if label.startswith(marker):
                return chosen, f"第{int_to_chinese(number)}部分第{int_to_chinese(point)}点：{label}"
    return [], f"《{document.title}》中没有{marker}。"


#: What an outline question gets of a text whose parts have no headings.
_UNDIVIDED = "《{}》没有分部分的标题，无法按部分回答；可以直接问它谈了什么。"


def _count_answer(document: Document, sections: list[Heading]) -> tuple[list[Passage], str]:
    """The count, with the sentence of the text that states it (if any) and the headings. A text announces its
    outline before its first part ("重点要把握八个方面"); further on, "调整、改革、整顿、提高四方面的任务" counts a topic."""
    if not sections:  # a text without part headings (a news summary of a report): no count to give, "共零个部分" was wrong
        return [], _UNDIVIDED.format(document.title)
    numbered = [h for h in sections if h.label]  # "结束语" after "六、…" is no seventh part: six, and a conclusion
    count = len(numbered) if numbered else len(sections)
    unnumbered = [h.text for h in sections if not h.label] if numbered else []
    numeral = int_to_chinese(count) + ("|两" if count == 2 else "")  # "两个方面" more often than "二个"
    # not 十三个方面; nor "政治、经济、思想和组织这四个方面", which counts things just named ("以下这八个方面" looks ahead)
    stated = re.compile(rf"(?<![\d零〇一二两三四五六七八九十百千])(?:(?<![这那])|(?<=以下这)|(?<=下面这))"
                        rf"(?:{numeral}|{count})个?(?:方面|部分)")
    headings = [p for p in document.passages if p.kind == "heading" and p.section_no and "›" not in p.section]
    opening = document.passages[: document.passages.index(headings[0])] if headings else []
    stating = [p for p in opening if p.kind in ("paragraph", "point") and stated.search(p.text)]
    listing = "；".join(h.text for h in sections)
    besides = f"，另有{'、'.join(unnumbered)}" if unnumbered else ""
    return stating[:1] + headings, f"《{document.title}》共{count_in_chinese(count)}个部分{besides}：{listing}"
