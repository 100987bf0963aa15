"""Document references read from the documents themselves: real library reports and the real speech,
asked about in the ways people name them (years in three spellings, congress numbers, genres, English)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.corpus import read_document
from assistant.query.documents import DocumentName, choose, describe, find, without_references
from assistant.text import normalise

from conftest import SHARED, SPEECH

LIBRARY = SHARED / "library"
FILES = ("1993年政府工作报告.txt", "2010年政府工作报告.txt", "中共17大_高举中国特色社会主义伟大旗帜，为夺取全面建设小康社会新胜利而奋斗(十七大).txt")


def _name(path: Path) -> DocumentName:
    document = read_document(path.parent, path)
    return describe(document)


@pytest.fixture(scope="module")
def names() -> list[DocumentName]:
    return [_name(LIBRARY / f) for f in FILES] + [_name(SPEECH)]


def named(question: str, names: list[DocumentName]) -> list[str]:
    return [d.split("年")[0] if "年" in d[:5] else d[:5] for d in find(normalise(question), names).documents]


def test_names_come_from_the_file_name_title_and_opening(names: list[DocumentName]) -> None:
    report, _, congress, speech = names
    assert report.years == {1993} and "报告" in report.genres
    assert congress.congresses == {17} and "报告" in congress.genres  # genre from its opening ("向大会作报告")
    assert speech.genres == {"讲话"} and "务虚会" in speech.words and not speech.years


@pytest.mark.parametrize("question", ["1993年的报告对物价怎么说？", "93年那份报告对物价怎么说？", "九三年的报告对物价怎么说？",
                                      "一九九三年政府工作报告对物价怎么说？", "九三年的報告對物價怎麼說？",
                                      "What does the 1993 report say about prices?"])
def test_a_year_in_any_spelling_before_a_genre_names_the_report(question: str, names: list[DocumentName]) -> None:
    assert named(question, names) == ["1993"]


@pytest.mark.parametrize("question", ["十七大报告对教育怎么说？", "17大报告对教育怎么说？", "党的十七大对教育提了什么要求？",
                                      "According to the report to the 17th Party Congress, what about education?",
                                      "What did the Seventeenth Party Congress report say about education?"])
def test_a_congress_number_names_the_congress_report(question: str, names: list[DocumentName]) -> None:
    assert named(question, names) == ["中共17大"]


@pytest.mark.parametrize("question", ["According to the report to the Seventeenth Party Congress, what about education?",
                                      "What does the report delivered to the 17th CPC National Congress say about education?",
                                      "What did the 17th Congress report say about education?",
                                      "What does the report of the 17th Party Congress say about education?"])
def test_an_english_congress_reference_is_cut_with_its_genre_noun(question: str, names: list[DocumentName]) -> None:
    """Left in the question, "the report to the" was glossed to 报告 and found the report's opening ("向大会作报告")
    instead of what it says about the topic."""
    text = normalise(question)
    rest = text
    for span in sorted(find(text, names).spans, key=lambda s: -s.start):
        rest = rest[:span.start] + rest[span.end:]
    assert "report" not in rest.lower() and "congress" not in rest.lower() and "education" in rest


def test_genre_and_title_words_name_the_speech(names: list[DocumentName]) -> None:
    assert named("务虚会上的讲话对安全生产提了什么要求？", names) == ["speec"]
    assert named("讲话里对营商环境怎么说？", names) == ["speec"]  # the only speech among reports
    assert named("What does the speech say about investment?", names) == ["speec"]


def test_two_years_sharing_one_genre_noun_name_both(names: list[DocumentName]) -> None:
    assert named("1993年和2010年的政府工作报告各把增长目标定在多少？", names) == ["1993", "2010"]
    assert named("93年和10年两份报告对农业分别怎么说？", names) == ["1993", "2010"]


@pytest.mark.parametrize(("question", "missing"), [("2021年的报告对物价怎么说？", "2021年的报告"), ("二〇〇八年的政府工作报告讲了什么", "二〇〇八年的政府工作报告"),
                                                 ("十五大报告对教育怎么说？", "十五大报告"), ("What does the 2021 report say about prices?", "2021 report"),
                                                 ("What did the 16th Party Congress report say about education?", "16th Party Congress report"),
                                                 ("What does the report to the Sixteenth Party Congress say about education?",
                                                  "report to the Sixteenth Party Congress")])
def test_a_reference_to_a_document_that_is_not_loaded_is_found_and_names_nothing(question: str, missing: str, names: list[DocumentName]) -> None:
    reference = find(normalise(question), names)
    assert reference.missing == (missing,) and reference.documents == ()  # not "every report": none of them was asked
    both = find(normalise("1993年和2021年的报告对物价怎么说？"), names)
    assert both.missing == ("2021年的报告",) and [d[:4] for d in both.documents] == ["1993"]
    assert find(normalise("1998年的洪水，报告怎么说？"), names).missing == ()  # a year that is content: nothing missing


def test_a_document_named_by_its_measure_word_alone(names: list[DocumentName]) -> None:
    """"九三年那份呢？" after another report's answer: 那份 (the measure word of a report) stands for its noun."""
    assert named("九三年那份呢？", names) == ["1993"] and named("十七大那篇对教育怎么说？", names) == ["中共17大"]
    assert named("那份报告里对物价怎么说？", names[:3]) == [] and named("那份讲了什么？", names) == []  # no year: none
    assert without_references(normalise("十七大那篇对教育怎么说？"), find(normalise("十七大那篇对教育怎么说？"), names)) == "对教育怎么说?"
    assert named("1993年那份决议说了什么", names) == []  # a genre no loaded document is ends the reference
    unloaded = find(normalise("2021年那份政府工作报告对物价怎么说？"), names)  # one reference, not two
    assert unloaded.missing == ("2021年那份政府工作报告",) and unloaded.documents == ()


def test_a_year_that_is_content_names_nothing(names: list[DocumentName]) -> None:
    assert named("1993年全国粮食产量是多少？", names) == []  # no genre noun: the year is what is asked about
    assert named("到2010年要建成多少公里高速公路", names) == []
    assert named("三大攻坚战进展如何？", names) == []  # "三大" is not a congress


def test_a_genre_every_document_shares_names_nothing(names: list[DocumentName]) -> None:
    reports = names[:3]
    assert named("报告里对物价怎么说？", reports) == []


@pytest.mark.parametrize(("question", "searched"), [
    ("In the secretary's speech at the retreat, what makes this year special?", "In the , what makes this year special?"),
    ("What does the speech say about leading cadres?", "What does the say about leading cadres?"),
    ("讲话里对营商环境怎么说？", "里对营商环境怎么说?"),
    # the occasion ends where the question goes on: a verb of meaning or talking, an auxiliary, a quotation
    ("What does the speech at the retreat mean by 'grow teeth'?", "What does the mean by 'grow teeth'?"),
    ("Did the speech at the retreat talk about housing?", "Did the talk about housing?"),
])
def test_a_genre_every_document_shares_is_not_searched_for(question: str, searched: str, names: list[DocumentName]) -> None:
    """The speech alone: "the secretary's speech at the retreat" narrows nothing, but its words say where to look,
    not what about; searched, they found the speech's title and cover (领导干部) before the topic."""
    text = normalise(question)
    speech_only = names[3:]
    reference = find(text, speech_only)
    assert reference.documents == () and " ".join(without_references(text, reference).split()) == searched


def test_the_words_naming_a_document_are_not_searched_for(names: list[DocumentName]) -> None:
    for question, kept, gone in (("93年那份报告对物价怎么说？", "对物价怎么说", ("93", "报告")),
                                 ("务虚会上的讲话对安全生产提了什么要求？", "对安全生产提了什么要求", ("务虚会", "讲话")),
                                 ("领导干部作风问题，务虚会讲话里怎么说？", "领导干部作风问题", ("务虚会", "讲话"))):
        text = normalise(question)
        searched = without_references(text, find(text, names))
        assert kept in searched and not any(word in searched for word in gone), question


@pytest.mark.parametrize(("question", "searched"), [
    ("What does the speech given at the leading cadres' retreat (务虚会) say about investment?",
     "What does the say about investment?"),
    ("In the city secretary's speech at the spring retreat, what comes first for officials?",
     "In the , what comes first for officials?"),
    ("What did Premier Zhou's 1993 report say about prices?", "What did say about prices?"),
    ("What does the speech say about leading cadres?", "What does the say about leading cadres?"),
])
def test_an_english_reference_takes_its_owner_and_occasion(question: str, searched: str, names: list[DocumentName]) -> None:
    """Whose speech and where it was given name the document, as the words before a Chinese genre noun do;
    searched, "leading cadres" found the speech's title (领导干部) instead of the topic. A topic after the
    verb of saying stays."""
    text = normalise(question)
    assert " ".join(without_references(text, find(text, names)).split()) == searched


@pytest.mark.parametrize(("question", "topic"), [
    ("Which measures are set in the 1993 report to cut poverty?", "to cut poverty"),
    ("What did the speech at the retreat on regional coordination stress?", "on regional coordination stress"),
    ("Describe rural reform in Zhao's 1993 report", "Describe rural reform in"),
    ("Summarise the speech at the retreat. What about housing prices?", ". What about housing prices?"),
])
def test_an_english_reference_leaves_the_topic_around_it(question: str, topic: str, names: list[DocumentName]) -> None:
    """A purpose ("to cut poverty"), a topic after the occasion ("on …") and words before the owner are the
    question's own, and a sentence's end ends the reference."""
    text = normalise(question)
    assert topic in " ".join(without_references(text, find(text, names)).split())


def test_a_filter_takes_file_names_stems_and_titles(names: list[DocumentName]) -> None:
    assert choose(names, ["1993年政府工作报告", "speech.txt", "在领导干部务虚会上的讲话", "nothing"]) == (
        "1993年政府工作报告.txt", "speech.txt")


def test_a_report_named_by_its_session_is_none_whose_cover_numbers_another() -> None:
    """The 1957 report's cover says "在第一届全国人民代表大会第四次会议上": "第六届全国人大第二次会议上的报告" shares
    its word 会议 but numbers another term and session, so it does not name it (it named it before); the cover's
    own numbers do, in either spelling, and a session the question asks about elsewhere is its topic."""
    names = [_name(LIBRARY / f) for f in ("1957年政府工作报告.txt", "1984年政府工作报告.txt")]
    assert "1957" not in named("第六届全国人大第二次会议上的报告说了什么？", names)
    assert named("第一届全国人大第四次会议上的报告说了什么？", names) == ["1957"]
    assert named("一届人大四次会议的报告讲了什么？", names) == ["1957"]
    assert named("第二次全国农业普查，1957年报告怎么说？", names) == ["1957"]


def test_the_latest_or_earliest_document_of_a_genre_is_the_one_its_years_make(names: list[DocumentName]) -> None:
    """"最新的政府工作报告" beside the 1993 and 2010 reports is 2010's, "最早的那份报告" 1993's (the congress report and
    the speech carry no year of their own, so they are not ranked); a year or a congress number still decides."""
    assert named("最新的政府工作报告对就业怎么说？", names) == ["2010"]
    assert named("最近一份报告对就业怎么说？", names) == ["2010"]
    assert named("最早的那份报告对农业怎么说？", names) == ["1993"]
    assert named("What does the latest government work report say about jobs?", names) == ["2010"]
    assert named("最近几年的报告都提到了什么？", names) != ["2010"]  # "最近几年" is a span of years, not the latest report
    reference = find(normalise("最新的政府工作报告对就业怎么说？"), names)
    assert without_references("最新的政府工作报告对就业怎么说？", reference) == "对就业怎么说？"


def test_an_english_report_may_name_its_year_after_it(names: list[DocumentName]) -> None:
    """"the report of 1993", "the report from 2010": English writes the year after the noun too."""
    assert named("What does the report of 1993 say about inflation?", names) == ["1993"]
    question = "What does the report from 2010 say about housing?"
    assert named(question, names) == ["2010"]
    assert without_references(question, find(normalise(question), names)) == "What does the  say about housing?"
    assert named("How did the report plan for 1993 and 2010 growth?", names) != ["1993"]  # a verb between: a topic
    # a year no loaded report has, written after the noun, names a report that is not loaded, as "the 1994 report" does
    assert find(normalise("What does the report of 1994 say about growth?"), names).missing == ("report of 1994",)


def test_a_genre_noun_joined_to_a_named_document_names_its_documents_too(names: list[DocumentName]) -> None:
    """"讲话和十七大报告": the speech is the only 讲话, so 讲话 names it beside the congress report (a genre noun alone
    named documents only when nothing else was named); part of a reference ("十七大|报告") or not joined by a
    conjunction, it names nothing more."""
    assert set(named("讲话和十七大报告在党建方面有何不同？", names)) == {"speec", "中共17大"}
    assert set(named("十七大报告与讲话对党建分别怎么说？", names)) == {"speec", "中共17大"}
    assert named("十七大报告对党建怎么说？", names) == ["中共17大"]
    assert set(named("Compare what the 1993 and 2010 reports say about agriculture", names)) == {"1993", "2010"}
    assert set(named("1993、2010两年的报告对三农分别怎么说？", names)) == {"1993", "2010"}  # a year not followed by 年


def test_figures_adverbs_and_topics_that_look_like_references_name_nothing(names: list[DocumentName]) -> None:
    """What a review found misread: a sum in figures as a year ("2000多亿元的投资"), "最早"/"first" as adverbs
    ("最早报告提出小康是哪一年", "the latest report to mention…"), a year's 的 where no document is that year's."""
    assert not find(normalise("2000多亿元的投资在报告里怎么说？"), names).missing
    assert len(named("最早报告提出小康是哪一年？", names)) > 1
    assert len(named("Which was the latest report to mention reform?", names)) > 1
    assert not find(normalise("1957年的呢？"), names).missing  # a content year, as in "1956年粮食产量…" → "1957年的呢？"
    assert named("1993年的呢？", names) == ["1993"]


def test_a_plural_genre_noun_alone_names_nothing(names: list[DocumentName]) -> None:
    """"news reports on growth" is no reference to the loaded reports; "the 1993 and 2010 reports" is."""
    assert named("What do news reports say about growth?", names) == []
    assert set(named("What do the 1993 and 2010 reports say about growth?", names)) == {"1993", "2010"}
