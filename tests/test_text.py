"""Normalisation, sentences and numerals: the same code at build and at query time."""

from __future__ import annotations

from assistant.text import chinese_to_int, clean, int_to_chinese, normalise, sentence_spans, strip_punctuation
from assistant.tokens import tokens


def test_traditional_becomes_simplified_and_controls_go():
    assert normalise("講話裡\u200f說的「為誰幹」\x00") == "讲话里 说的「为谁干」"
    assert clean("  a\t\tb \n") == "a b"


def test_sentences_keep_closing_quotes_and_offsets():
    text = "前言。要让制度“长牙”“带电”。最后一句！尾巴"
    spans = sentence_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["前言。", "要让制度“长牙”“带电”。", "最后一句！", "尾巴"]


def test_numerals_round_trip():
    for number in (1, 2, 9, 10, 11, 19, 20, 35, 99):
        assert chinese_to_int(int_to_chinese(number)) == number
    assert chinese_to_int("十二") == 12 and chinese_to_int("7") == 7 and chinese_to_int("第") is None


def test_tokens_drop_question_words_but_keep_content():
    words = tokens("讲话里对招商队伍有什么要求？")
    assert "招商" in words and "队伍" in words
    assert "什么" not in words and "讲话" not in words
    assert strip_punctuation("大家的事，大家商量办！") == "大家的事大家商量办"
