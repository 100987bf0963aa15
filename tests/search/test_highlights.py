"""Highlights on the real speech: whole sentences of the passage, the answering one among them."""

from __future__ import annotations

from assistant.query.question import analyse
from assistant.search.highlights import MAX_HIGHLIGHTS, highlights, lead_sentence, lexical_overlap


def test_highlights_are_whole_sentences_of_the_passage_in_reading_order(assistant):
    answer = assistant.answer("扫黑除恶专项斗争要怎么开展？")
    for hit in answer.hits:
        spans = hit.highlights
        assert 1 <= len(spans) <= MAX_HIGHLIGHTS
        assert all(hit.passage.start <= s.start < s.end <= hit.passage.end for s in spans)
        assert [s.start for s in spans] == sorted(s.start for s in spans)
        assert set(spans) <= set(hit.passage.sentences)


def test_the_sentence_that_repeats_the_question_is_highlighted(assistant):
    index = assistant.index
    passage = next(p for p in index.passages if len(p.sentences) >= 3)
    text = index.documents[passage.doc].text
    last = passage.sentences[-1]
    question = analyse(text[last.start : last.end])
    assert last in highlights(index, passage, question, {})


def test_lexical_overlap_is_the_share_of_question_words_in_the_sentence():
    question = analyse("招商队伍建设")
    assert lexical_overlap(question, "要加强招商队伍建设。") == 1.0
    assert lexical_overlap(question, "今天天气很好。") == 0.0


def test_an_outline_answer_highlights_the_lead_sentence(assistant):
    passage = next(p for p in assistant.index.passages if len(p.sentences) >= 2)
    assert lead_sentence(passage) == passage.sentences[:1]
