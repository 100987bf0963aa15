"""Honest refusals, and typo correction against the corpus vocabulary."""

from __future__ import annotations

import pytest

from assistant.query.typos import Corrector
from conftest import NOT_REFUSED, REFUSED


@pytest.mark.parametrize("question", REFUSED)
def test_questions_the_speech_does_not_address_are_refused(assistant, question):
    answer = assistant.answer(question)
    assert not answer.answerable
    assert all(hit.score < 0.5 for hit in answer.hits)  # offered only as "可能相关"


@pytest.mark.parametrize("question", NOT_REFUSED)
def test_paraphrases_are_not_refused(assistant, question):
    assert assistant.answer(question).answerable


def test_homophone_typos_are_corrected_to_corpus_words():
    corrector = Corrector({"环境", "督察", "机制", "营商"})
    assert corrector.correct("优化营商环竟") == ("优化营商环境", (("环竟", "环境"),))
    assert corrector.correct("环保督查机制")[0] == "环保督察机制"
    assert corrector.correct("机制要完善")[1] == ()  # a piece straddling two words is never "corrected"


def test_typo_correction_is_shown_and_finds_the_passage(assistant):
    answer = assistant.answer("扫黑除饿专项斗争要怎么开展？")
    assert "除恶" in answer.message
    assert "扫黑除恶专项斗争" in answer.hits[0].passage.text


def test_named_topic():
    from assistant.search.refusal import named_topic

    assert named_topic("讲话对稳定物价有什么具体措施？") == "稳定物价"
    assert named_topic("讲话有没有提到垃圾分类？") == "垃圾分类"
    assert named_topic("招商队伍有什么要求？") == ""
