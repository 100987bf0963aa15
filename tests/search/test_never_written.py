"""Doubtful verdicts settled by what the documents never write. A name the question makes of two policy nouns the
searched documents use but never together (数字人民币 of 数字 and 人民币) is refused; everyday words, too-common
words and words written together make no such name. A date asked of documents that write none is refused too."""

from __future__ import annotations

from assistant import Assistant
from assistant.search.answerability import corpus_view
from assistant.search.unjoined import unjoined_name
from assistant.tokens import tokens

# A stand-in of a few sentences: the test is about the rule, not about a report. It writes 数字, 人民币, 孩子, 上学,
# 台湾 and 问题, each pair only in different sentences, and 住房 with 公积金 in one sentence.
TEXT = ("扩大人民币结算试点。统计数字要真实可靠。孩子们都很健康。学生按时上学；解决好台湾。研究新情况新问题。"
        "住房制度改革要同建立公积金结合起来。")
VIEW = corpus_view(set(tokens(TEXT)), lambda word: 1.0, {}, texts=[TEXT])


def _name(question: str) -> str:
    return unjoined_name(question, VIEW.written, VIEW.together)


def test_two_policy_nouns_the_text_never_joins_name_what_it_does_not_speak_of():
    assert _name("数字人民币在哪些城市试点？") == "数字人民币"


def test_nouns_written_in_one_sentence_or_as_one_word_are_joined():
    assert _name("住房公积金贷款额度有没有提高？") == ""  # one sentence holds both
    assert _name("人民币结算试点怎么扩大？") == ""  # 人民币 + 结算 as the text writes them


def test_everyday_words_and_too_common_words_make_no_name():
    """Each pair below is written in different sentences only, so only what the words are keeps them apart:
    孩子 and 上学 are not favoured by policy prose (a paraphrase joins everyday words freely); 问题 is too common
    in general Chinese to make a name with 台湾."""
    assert not VIEW.together("孩子", "上学") and not VIEW.together("台湾", "问题")
    assert _name("孩子上学的花销能不能少一点？") == ""
    assert _name("对台湾问题是怎么说的？") == ""


def test_a_doubtful_question_on_a_name_never_joined_is_refused(library_assistant: Assistant, monkeypatch) -> None:
    """The speech and the 1975 and 1980 reports write 个人所得税 and 专项, never together; the model alone is in doubt
    and would answer. With the doubt level at 0 the rule is off: the control."""
    from assistant.search import judge

    question = "个人所得税专项附加扣除包括哪些项目？"
    refused = library_assistant.answer(question)
    assert not refused.answerable and "“个人所得税专项”" in refused.message
    assert dict(refused.signals)["unjoined"] == 1.0
    monkeypatch.setattr(judge, "DOUBT", 0.0)
    assert library_assistant.answer(question).answerable


def test_a_day_asked_of_documents_that_write_no_date_is_refused(assistant: Assistant, monkeypatch) -> None:
    """The speech writes no date anywhere (not a digit, not a 年月日), so a day or month cannot be answered from it,
    however close its passages about the 务虚会 come; in doubt, that settles it. "什么时候" is not refused for it: the
    speech answers times in words ("今年"). Since stop 27 the model reads it too: a day asked is "type missing" where
    no date is written out (``answer_type.missing``), so with the doubt level at 0 it still refuses, for that reason."""
    from assistant.search import judge

    question = "领导干部务虚会在几月召开？"
    refused = assistant.answer(question)
    assert not refused.answerable and refused.message.endswith("里没有提到具体时间。")
    assert "没有提到具体时间" not in assistant.answer("讲话说什么时候要科学谋划“十四五”？").message
    monkeypatch.setattr(judge, "DOUBT", 0.0)
    by_the_model = assistant.answer(question)
    assert not by_the_model.answerable and dict(by_the_model.signals)["type_missing"] == 1.0
    assert by_the_model.message.endswith("里没有提到具体时间。")


def test_places_listed_side_by_side_make_no_name():
    """"香港澳门" lists two places, which a report may speak of in sentences of their own (a follow-up "那1997年的报告里呢？"
    after "十九大报告对香港澳门是怎么说的？" was refused for it)."""
    text = "对香港恢复行使主权。澳门回归的准备工作要做好。"
    view = corpus_view(set(tokens(text)), lambda word: 1.0, {}, texts=[text])
    assert not view.together("香港", "澳门")
    assert unjoined_name("对香港澳门是怎么说的？", view.written, view.together) == ""
    # one proper name beside a noun still makes a name (jieba tags 养老金 as a person's name)
    apart = "个人要依法纳税。养老金按时足额发放。"
    view = corpus_view(set(tokens(apart)), lambda word: 1.0, {}, texts=[apart])
    assert unjoined_name("个人养老金每年最多能存多少？", view.written, view.together) == "个人养老金"
