"""Which cards answer, how a question was read, the Markdown an answer is copied and exported as, and
citations whose inner quotes become 「」: on the real speech with the real assistant."""

from __future__ import annotations

import dataclasses

from assistant import Assistant
from assistant.query.conversation import Turn
from assistant.render.quotes import nest_quotes, quoted
from assistant.render.cards import ANSWERING_SCORE, answer_markdown, lead_line, read_as, split_cards


def converse(assistant: Assistant, questions: list[str]) -> list[tuple[str, list[Turn], Turn]]:
    """Each question with the turns before it and the turn it produced, as a chat session runs them."""
    turns: list[Turn] = []
    rows = []
    for question in questions:
        turn = assistant.converse(question, turns)
        rows.append((question, list(turns), turn))
        turns.append(turn)
    return rows


def reading(assistant: Assistant, questions: list[str]) -> str:
    question, earlier, turn = converse(assistant, questions)[-1]
    return read_as(question, earlier, turn, list(assistant.index.documents.values())).line


def test_only_cards_that_answer_come_first_the_rest_collapsed(assistant: Assistant) -> None:
    answer = assistant.answer("如何提升营商环境？")
    cards = split_cards(answer)
    assert [h.passage.id for h in cards.answering] == [answer.hits[0].passage.id]
    assert "营商环境" in cards.answering[0].passage.text
    assert all(h.score < ANSWERING_SCORE for h in cards.rest) and len(cards.rest) == len(answer.hits) - 1
    assert lead_line(answer, cards) == "找到一段回答这个问题的原文。"


def test_a_refusal_has_no_answering_card(assistant: Assistant) -> None:
    answer = assistant.answer("周末去哪里钓鱼比较好？")
    cards = split_cards(answer)
    assert not answer.answerable and cards.answering == () and cards.rest_title == "可能相关"
    assert lead_line(answer, cards) == "《在领导干部务虚会上的讲话》没有谈到这个问题。"  # names what was searched (multidoc)


def test_heading_and_title_cards_never_take_a_slot(assistant: Assistant) -> None:
    section = assistant.answer("第五部分讲了什么？")
    assert section.hits[0].passage.kind == "heading"  # the outline lists the heading first …
    cards = split_cards(section)
    shown = cards.answering + cards.rest
    assert shown and all(h.passage.kind not in ("heading", "title") for h in shown)  # … the cards do not
    assert len(cards.answering) == len(section.hits) - 1  # a section asked for: all of its passages answer
    title = assistant.answer("讲话的标题是什么？")
    assert [h.passage.kind for h in split_cards(title).answering] == ["title"]  # unless nothing else is left


def test_reading_line_names_the_document_and_the_resolved_follow_up(assistant: Assistant) -> None:
    assert reading(assistant, ["招商队伍有什么要求？"]) == "检索：《在领导干部务虚会上的讲话》"
    assert reading(assistant, ["第五部分讲了什么？", "那第三点呢？"]).endswith("理解为：第五部分第三点（接上一问）")
    lone = reading(assistant, ["那第三点呢？"])  # an empty chat: the assumption is said, not silent
    assert lone.endswith("理解为：第一部分第三点（没有说是哪一部分，按第一部分理解）")
    assert reading(assistant, ["招商队伍有什么要求？", "那具体怎么落实？"]).endswith("理解为：接着上一问“招商队伍有什么要求？”追问")
    assert reading(assistant, ["招商队伍有什么要求？", "还有别的吗？"]).endswith("理解为：“招商队伍有什么要求？”的其余内容")


def test_reading_line_shows_a_corrected_question(assistant: Assistant) -> None:
    question, earlier, turn = converse(assistant, ["招商对伍有什么要求？"])[-1]
    assert "招商队伍" in turn.question and "对伍" not in turn.question  # the corrector really corrects it …
    line = read_as(question, earlier, turn, list(assistant.index.documents.values())).line
    assert line.endswith("理解为：“招商队伍有什么要求？”")  # … and the line says so, punctuated as typed


def test_markdown_of_an_answer_carries_every_citation(assistant: Assistant) -> None:
    question, earlier, turn = converse(assistant, ["如何让制度“长牙”“带电”？"])[-1]
    documents = assistant.index.documents
    text = answer_markdown(question, turn.answer, read_as(question, earlier, turn, list(documents.values())), documents)
    assert text.startswith("## 问：如何让制度“长牙”“带电”？\n\n*检索：《在领导干部务虚会上的讲话》*\n\n**找到")
    assert "1. 《在领导干部务虚会上的讲话》四、把握四中全会精神，用制度破题解难 · 三要狠抓执行落实" in text
    assert "：“三要狠抓执行落实，让制度「长牙」「带电」。" in text  # inner quotes converted, never nested
    assert text.count("《在领导干部务虚会上的讲话》") - 1 == len(turn.answer.hits)  # every card cited once
    assert "可能相关：" in text


def test_inner_quotes_become_corner_brackets() -> None:
    assert nest_quotes("让制度“长牙”“带电”，‘一把手’") == "让制度「长牙」「带电」，『一把手』"
    assert quoted("要“一牵到底”") == "“要「一牵到底」”"


def test_outline_answers_show_the_asked_point_first(assistant: Assistant) -> None:
    answer = assistant.answer("第七部分第二点讲了什么？")
    cards = split_cards(answer)
    assert len(cards.answering) == 1 and cards.answering[0].passage.point.startswith("二是牵头责任")
    assert cards.rest_title == "本部分的其他段落" and lead_line(answer, cards).startswith("第七部分第二点")
    refused = dataclasses.replace(answer, mode="search", answerable=False)
    assert split_cards(refused).answering == ()


def test_a_lists_item_needs_no_reading_and_a_follow_up_quotes_the_item(library_assistant: Assistant) -> None:
    """The answer's own line names the item ("上一个回答所列的第二个：统一政策。"), so no "理解为" repeats the earlier
    question; "详细说说" after it goes on from the item, quoted in its reading."""
    history = ["1975年的报告对遵守纪律、执行民主集中制有什么要求？", "第二个是什么？"]
    assert reading(library_assistant, history) == "检索：《1975年政府工作报告》"
    assert reading(library_assistant, history + ["详细说说"]).endswith("理解为：接着上一问“统一政策”追问")


def test_a_question_of_its_own_in_a_conversation_is_read_as_typed(assistant: Assistant) -> None:
    """The earlier question only tints its ranking (``Resolution.tinted``): no "接着上一问" claims it was a follow-up."""
    line = reading(assistant, ["制度执行上要下什么功夫？", "安全生产有什么要求？"])
    assert "接着上一问" not in line and line.startswith("检索：")
