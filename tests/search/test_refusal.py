"""Honest refusals end to end on the real speech, and the verdict's reasons on their own."""

from __future__ import annotations

import pytest

from assistant.render.text import relevance_label
from assistant.search.refusal import REFUSAL, Verdict, decide
from conftest import NEAR_TOPIC, NOT_REFUSED, REFUSED


@pytest.mark.parametrize("question", REFUSED)
def test_questions_the_speech_does_not_address_are_refused(assistant, question):
    answer = assistant.answer(question)
    assert not answer.answerable
    assert all(hit.score < 0.5 for hit in answer.hits)  # offered only as "可能相关"


@pytest.mark.parametrize("question", NEAR_TOPIC)
def test_near_topic_questions_never_look_highly_relevant(assistant, question):
    assert relevance_label(assistant.answer(question).hits[0].score) != "高度相关"


@pytest.mark.parametrize("question", NOT_REFUSED)
def test_paraphrases_are_not_refused(assistant, question):
    assert assistant.answer(question).answerable


def test_the_verdict_follows_the_threshold_and_names_a_missing_answer_type():
    assert decide("招商队伍有什么要求？", {}, 0.6, 0.5) == Verdict(True, probability=0.6)
    assert decide("招商队伍有什么要求？", {}, 0.4, 0.5) == Verdict(False, REFUSAL, 0.4)
    assert decide("财政收入是多少？", {"type_missing": 1.0}, 0.1, 0.5).reason == "讲话里没有给出这个数字。"
    assert decide("财政收入是多少？", {"type_missing": 0.0}, 0.1, 0.5).reason == REFUSAL
