"""What an answer shows first: the cards that answer, the rest set aside, and how the question was read.

The split is the one place that decides which cards answer. It reads the answer's relevance score and
answerable flag today; a calibrated probability of answering can replace :func:`answers` alone later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Mapping, Sequence

from ..query.conversation import Turn, leans_on_context
from ..query.question import is_english, prepare
from ..records import LABEL_KINDS, Answer, Document, Hit
from ..search.refusal import REFUSAL
from ..text import count_in_chinese, int_to_chinese, shortened
from .text import citation, relevance_label

#: A card answers when its relevance reaches this ("相关" and above in :func:`~assistant.render.text.relevance_label`).
ANSWERING_SCORE = 0.5
#: How much of an earlier question (or a list's item) "理解为：接着上一问“…”追问" quotes.
CARRIED_SHOWN = 40


@dataclass(frozen=True)
class Cards:
    """The cards of one answer: those that answer, and the rest shown collapsed under one line."""

    answering: tuple[Hit, ...]
    rest: tuple[Hit, ...]
    rest_title: str


def answers(hit: Hit, answer: Answer) -> bool:
    """Does this card answer the question? (The calibrated probability will take this function's place.)"""
    return answer.answerable and hit.score >= ANSWERING_SCORE


def split_cards(answer: Answer, only: Collection[str] = ()) -> Cards:
    """Heading-only and title cards dropped (unless nothing else is left), then answering cards first.

    A search answer keeps card 1 answering whenever the answer is answerable; an outline answer shows what
    was asked (the point, or every passage of a section) and the rest of its section collapsed."""
    hits = [h for h in answer.hits if not only or h.passage.doc in only]
    content = [h for h in hits if h.passage.kind not in LABEL_KINDS] or hits
    if answer.mode == "outline":  # the outline ranks what was asked (a point, or a whole section) first
        top = max((h.score for h in content), default=0.0)
        asked = tuple(h for h in content if h.score >= top)
        return Cards(asked, tuple(h for h in content if h not in asked), "本部分的其他段落")
    if not answer.answerable:
        return Cards((), tuple(content), "可能相关")
    answering = [h for i, h in enumerate(content) if i == 0 or answers(h, answer)]
    return Cards(tuple(answering), tuple(h for h in content if h not in answering), "可能相关")


def lead_line(answer: Answer, cards: Cards) -> str:
    """The one line read first: the refusal (its reason names what was searched), the outline's answer, or how
    many passages answer."""
    if answer.mode == "search" and not answer.answerable:
        return answer.message or REFUSAL
    if answer.mode == "outline" and answer.message:
        return answer.message.split("\n")[0]
    if answer.mode == "empty":
        return answer.message
    if not cards.answering:
        return "没有找到回答这个问题的原文。"
    return f"找到{count_in_chinese(len(cards.answering))}段回答这个问题的原文。"


@dataclass(frozen=True)
class Reading:
    """How a question was read: the documents searched and what it was understood as."""

    scope: str  # "检索：《…》", "检索：《…》、《…》" or "检索：全部6个文件"
    understood: str = ""  # "理解为：第五部分第三点" / "理解为：接着上一问“…”追问" / "理解为：“…”"

    @property
    def line(self) -> str:
        return " · ".join(part for part in (self.scope, self.understood) if part)


def _place(hit: Hit) -> str:
    p = hit.passage
    if not p.section_no:
        return ""
    place = f"第{int_to_chinese(p.section_no)}部分"
    return place + (f"第{int_to_chinese(p.point_no)}点" if p.point_no else "")


#: Half-width punctuation that normalising gave a Chinese question, written back as Chinese writes it.
_CHINESE_PUNCTUATION = str.maketrans({"?": "？", "!": "！", ",": "，", ":": "：", ";": "；", "(": "（", ")": "）"})


def read_as(question: str, earlier: Sequence[Turn], turn: Turn, documents: Sequence[Document],
            only: Collection[str] = ()) -> Reading:
    """The reading of ``question`` asked after ``earlier`` turns, given the ``turn`` it produced.

    Reads the turn's own :class:`~assistant.query.conversation.Resolution`, so this line states exactly what the
    answer was resolved from. The scope is the documents the answer searched (named in the question, or chosen in
    the filter)."""
    answer = turn.answer
    searched = answer.documents or tuple(only)
    titles = [d.title for d in documents if not searched or d.name in searched]
    if len(titles) == len(documents) and len(titles) > 1:
        scope = f"检索：全部{count_in_chinese(len(titles))}个文件"
    else:
        scope = "检索：" + "、".join(f"《{t}》" for t in titles)
    if answer.mode == "empty":
        return Reading("")
    resolution = turn.resolution
    hits = answer.hits
    if answer.mode == "outline" and resolution.ordinal and resolution.request is None:
        return Reading(scope)  # a list's item: the answer's line says which, and of what
    if resolution.request and answer.mode == "outline" and hits and resolution.request.ask in ("point", "section"):
        place = _place(hits[0]) if resolution.request.ask == "point" else _place(hits[0]).split("部分")[0] + "部分"
        lone = not earlier and resolution.request.ask == "point" and not any(w in turn.question for w in ("部分", "最后"))
        note = "（没有说是哪一部分，按第一部分理解）" if lone else ("（接上一问）" if earlier and leans_on_context(turn.question) else "")
        return Reading(scope, f"理解为：{place}{note}")
    if resolution.request and resolution.request.ask == "scope" and hits:
        return Reading(scope, f"理解为：只在{_place(hits[0]).split('部分')[0]}部分里找")
    # the earlier question as it was typed (``carry`` is its normalised text)
    carried = earlier[-1].answer.question if earlier and earlier[-1].question == resolution.carry else resolution.carry
    carried = shortened(carried, CARRIED_SHOWN)  # a list's item may be a paragraph
    if resolution.more:
        return Reading(scope, f"理解为：“{carried}”的其余内容")
    if resolution.rewritten:
        return Reading(scope, f"理解为：“{resolution.carry.translate(_CHINESE_PUNCTUATION)}”")
    if resolution.carry and not resolution.tinted:  # a question of its own is read as typed, the topic only tints it
        return Reading(scope, f"理解为：接着上一问“{carried}”追问")
    typed, _ = prepare(question)
    if typed != turn.question and not is_english(typed):
        return Reading(scope, f"理解为：“{turn.question.translate(_CHINESE_PUNCTUATION)}”")
    return Reading(scope)


def answer_markdown(question: str, answer: Answer, reading: Reading, documents: Mapping[str, Document],
                    only: Collection[str] = ()) -> str:
    """One exchange as Markdown, with every card's citation: what "复制回答" copies and the export collects."""
    cards = split_cards(answer, only)
    lines = [f"## 问：{question.strip()}", ""]
    if reading.line:
        lines += [f"*{reading.line}*", ""]
    lines += [f"**{lead_line(answer, cards)}**", ""]
    if answer.message and answer.mode == "search" and answer.answerable:
        lines += [answer.message, ""]
    for number, hit in enumerate(cards.answering, 1):
        lines += _card_markdown(number, hit, documents[hit.passage.doc], answer.mode == "search")
    if cards.rest:
        lines += [f"{cards.rest_title}：", ""]
        for number, hit in enumerate(cards.rest, len(cards.answering) + 1):
            lines += _card_markdown(number, hit, documents[hit.passage.doc], answer.mode == "search")
    return "\n".join(lines).rstrip() + "\n"


def _card_markdown(number: int, hit: Hit, document: Document, rated: bool) -> list[str]:
    rating = f"（{relevance_label(hit.score)}）" if rated else ""
    return [f"{number}. {citation(hit, document.title)}{rating}", ""]
