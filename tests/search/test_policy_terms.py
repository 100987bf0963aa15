"""A word the searched documents lack counts as a missing *policy term* by how much more often the library's
reports write it than general Chinese does: a policy topic the speech never treats scores high, an everyday
topic (a paraphrase's or an off-topic question's words) scores nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant.query.question import analyse
from assistant.search.answerability import IDF_SCALE, anachronism, corpus_view, missing_policy_term
from assistant.search.policy_terms import policy_terms, read_terms
from assistant.tokens import tokens, written_words

SPEECH = (Path(__file__).resolve().parents[2] / "corpus" / "speech.txt").read_text(encoding="utf-8")


SPEECH_VIEW = corpus_view(set(tokens(SPEECH)), lambda word: 1.0, {}, texts=[SPEECH])


def _missing(question: str) -> float:
    """The strongest missing policy term's keyness, as the judge computes it for the speech."""
    return missing_policy_term(analyse(question), SPEECH_VIEW)[1] * IDF_SCALE


def test_a_policy_topic_the_speech_never_mentions_is_a_missing_term():
    assert "碳达峰" not in SPEECH
    assert _missing("碳达峰的目标定在哪一年？") > 3.0


def test_everyday_words_the_speech_lacks_are_not_policy_terms():
    assert _missing("孩子总是挑食怎么办？") == 0.0
    assert _missing("红烧肉怎么炖才好吃？") == 0.0


def test_words_the_speech_holds_are_not_missing():
    assert _missing("营商环境要怎么优化？") == 0.0


def test_a_word_jieba_guessed_from_common_characters_is_no_term():
    """"水利上要上马": jieba's HMM makes 上要 a word, which its dictionary lacks; read as rare as an unknown word,
    its count in the reports made it the question's strongest "policy term"."""
    assert "上要" in written_words("今年水利上要上马哪些大工程？") and "上要" not in SPEECH
    assert policy_terms().keyness("上要") < 1.0
    assert policy_terms().keyness("碳达峰") > 5.0  # also unknown to the dictionary, but of rare characters


def test_a_search_mode_fragment_is_no_term():
    """lcut_for_search adds 大规 beside 大规模; only the words as written are read."""
    assert "大规" in tokens("投资安排了多大规模？") and policy_terms().keyness("大规") > 3.0
    assert _missing("投资安排了多大规模？") < 3.0


def test_a_whole_word_with_search_mode_pieces_is_read_whole():
    """jieba's search mode gives 粤港澳 with its pieces 粤港 and 港澳, and the topic words drop a compound whose
    pieces stand beside it; the pieces are no written words, so the term itself must stay (it was lost once)."""
    assert {"粤港", "港澳", "粤港澳"} <= set(tokens("粤港澳大湾区有什么部署？")) and "粤港澳" not in SPEECH
    assert policy_terms().keyness("粤港澳") > 3.0
    assert _missing("粤港澳大湾区有什么部署？") > 3.0
    # named as written, but without jieba's guess 区有 (of 大湾区有什么), which would end the name in 有
    assert missing_policy_term(analyse("粤港澳大湾区有什么部署？"), SPEECH_VIEW)[0] == "粤港澳大湾"


def test_a_word_jieba_makes_up_around_a_function_word_is_no_term():
    """"具体要保哪几样？" is 要 + 保; jieba's HMM joins them into 要保, which the policy table counts (reports write
    "首先要保工资发放") and the speech never writes: it vetoed a question the speech answers. A real new term that
    jieba also makes up (碳达峰, not in its dictionary) is still missing."""
    assert "要保" in written_words("落实“保”的措施，具体要保哪几样？") and policy_terms().keyness("要保") > 3.0
    assert _missing("落实“保”的措施，具体要保哪几样？") == 0.0
    assert _missing("碳达峰的目标定在哪一年？") > 3.0
    assert _missing("对台工作有什么部署？") > 3.0  # made up around a preposition, a term all the same


def test_a_whole_word_whose_pieces_the_documents_write_is_not_missing():
    """The speech writes 加大 and 力度 (and 大力), never 加大力度: it speaks of the thing in other words."""
    assert "加大力度" not in SPEECH and all(p in SPEECH for p in ("加大", "大力", "力度"))
    assert policy_terms().keyness("加大力度") > 3.0
    assert _missing("要加大力度抓哪些工作？") == 0.0


def test_a_piece_written_only_across_words_does_not_excuse_the_whole():
    """A 1957 report writes "相互联系", never 互联网: 互联 stands there by chance, across two words, so the report
    does not speak of the internet in other words (a stand-in of that one sentence: the test is about the rule,
    and the library's whole report would hide which sentence decides)."""
    text = "三大改造又是相互联系配合起来进行的，发展有规划。"
    view = corpus_view(set(tokens(text)), lambda word: 1.0, {}, texts=[text])
    assert "互联" in text and "互联" in tokens("对互联网发展有什么规划？") and "互联" not in tokens(text)
    term, keyness = missing_policy_term(analyse("对互联网发展有什么规划？"), view)
    assert term.startswith("互联网") and keyness > 0  # named with the topic word written next to it: 互联网发展


def test_the_shipped_table_is_counted_from_many_reports():
    terms = policy_terms()
    assert terms.total > 100_000 and len(terms.counts) > 5_000
    assert terms.keyness("改革") > 0.0 and terms.keyness("红烧肉") == 0.0


@pytest.mark.parametrize("text", ["", "发展\t65\t7899\n", "# reports=66 tokens=10\n发展\t65\n", "# reports=66 tokens=10\n发展\t65\tx\n"])
def test_a_broken_table_is_an_error_naming_the_file(text: str):
    with pytest.raises(ValueError, match="policy_terms.tsv"):
        read_terms(text)


def test_the_table_dates_the_names_policy_prose_began_to_write_and_kept_writing():
    """The year of the earliest dated report that writes a word, for names policy prose kept using from then on;
    an everyday word turns up by chance (交代, 意思: two reports each) and a verb is no new thing (回顾)."""
    first = policy_terms().first
    assert 1995 < first["互联网"] < 2010 and first["一带"] > 2012 and first["计划生育"] == 1978
    assert not {"交代", "意思", "回顾"} & set(first)


def test_a_table_row_without_its_year_is_an_error_not_a_word():
    with pytest.raises(ValueError, match="line 2"):
        read_terms("# reports=2 tokens=10\n互联网\t2\t5\n")
    assert read_terms("# reports=2 tokens=10\n互联网\t2\t5\t0\n").first == {}


def test_a_word_newer_than_the_searched_documents_is_an_anachronism():
    """A 1957 report (a stand-in of two sentences: the test is about the rule) writes neither 互联网 nor 特区: they
    are later words, and an old piece (经济) does not excuse a newer whole (经济特区). The refusal names the word,
    not the words around it that the text writes (发展, 建设). Undated documents, or later ones, get none; a word
    begun the year after the document's is allowed for (``LATER_BY``: a report may be given early the next year)."""
    text = "三大改造又是相互联系配合起来进行的，发展国民经济、建设工业要有规划。"
    view = corpus_view(set(tokens(text)), lambda word: 1.0, {}, texts=[text], written_by=1957)
    assert anachronism(analyse("对互联网发展有什么规划？"), view) == "互联网"
    assert anachronism(analyse("对建设经济特区有什么部署？"), view) == "经济特区"
    assert anachronism(analyse("国民经济有什么规划？"), view) == ""
    assert anachronism(analyse("对互联网发展有什么规划？"), replace(view, written_by=2020)) == ""
    assert anachronism(analyse("对互联网发展有什么规划？"), replace(view, written_by=None)) == ""
    assert policy_terms().first["互联网"] == 2002
    assert anachronism(analyse("对互联网发展有什么规划？"), replace(view, written_by=2001)) == ""


def test_a_newer_name_for_what_the_document_writes_in_full_or_a_verb_is_no_anachronism():
    """高校 (dated 1999) is short for 高等学校, which the 1957 text writes; 评价 after 怎么 asks how the text judges
    something, whatever the dictionary tags it; an English question has no Chinese words to date."""
    text = "高等学校的院系调整已经基本完成。在合作化的高潮中，农业生产有了很大的发展。"
    view = corpus_view(set(tokens(text)), lambda word: 1.0, {}, texts=[text], written_by=1957)
    assert policy_terms().first["高校"] > 1957 and policy_terms().first["评价"] > 1957
    assert anachronism(analyse("对高校有什么要求？"), view) == ""
    assert anachronism(analyse("怎么评价农业合作化？"), view) == ""
    assert anachronism(analyse("What does it say about the internet?"), view) == ""
    # a compound of such a name is written too: 国企改革 (dated 2015) by a 2006 text of 国有企业改革
    later = "深化国有企业改革，建立现代企业制度。"
    view = corpus_view(set(tokens(later)), lambda word: 1.0, {}, texts=[later], written_by=2006)
    assert policy_terms().first["国企改革"] > 2007 and anachronism(analyse("对国企改革怎么说？"), view) == ""


def test_a_scope_with_an_undated_document_has_no_date():
    """One undated document (the speech, a congress report named by number) could be of any year: no scope date,
    so no word is too new for it."""
    from assistant.search.judge import _latest

    assert _latest([1957, 1980]) == 1980 and _latest([1957, None]) is None and _latest([]) is None
