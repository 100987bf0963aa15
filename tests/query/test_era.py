"""A question set in a time ("七十年代末…") leans on the documents that speak of those years: dated within a
report's reach, or writing the years themselves. Real library reports; the search test runs the real models."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from assistant.query.era import documents_of, written_by, years_asked, years_spoken_of
from assistant.search.documents import leaning_on

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT.parent / "shared" / "library"
R1980, R1975, SPEECH = "1980年政府工作报告.txt", "1975年政府工作报告.txt", "speech.txt"


@pytest.mark.parametrize(("text", "years"), [
    ("1955年国库进账比预想的少，怎么回事？", {1955}),
    ("九七、九八年那场金融风暴", {1998}),  # "九七" without 年 is no date
    ("五六年那会儿看戏的税免了吗", {1956}),
    ("一九八二年的报告", {1982}),
    ("九十年代末政府大把借钱修路", {1997, 1998, 1999}),
    ("八十年代初农村分地", {1980, 1981, 1982, 1983}),
    ("90年代中期的国企", {1994, 1995, 1996}),
    ("1980年代的改革", set(range(1980, 1990))),
    ("1980年和2019年相比", {1980, 2019}),  # two dates, not the forty years between
    ("Why did the leadership decide in 1960 to stop killing sparrows?", {1960}),  # English writes no 年
    ("What changed in rural areas in the early 1980s?", {1980, 1981, 1982, 1983}),
    ("How much red tape was cut between 2008 and 2012?", {2008, 2012}),
])
def test_the_years_a_question_speaks_of(text: str, years: set[int]) -> None:
    assert years_asked(text) == years


@pytest.mark.parametrize("text", ["今年的增长目标是多少？", "第十五次全国代表大会", "近10年来的变化", "改革开放30年",
                                  "用了三四年", "七八年前的事", "第15届人大", "建国50年来", "粮食1960万吨",
                                  "How many of the 1,960 workers were hired?", "How were the 2000 villages moved?"])
def test_spans_of_years_and_counts_are_no_dates(text: str) -> None:
    assert years_asked(text) == frozenset()


@pytest.fixture(scope="module")
def eras() -> dict[str, frozenset[int]]:
    if not LIBRARY.is_dir():
        pytest.skip("../shared/library is not beside the project")
    return {R1980: years_spoken_of((LIBRARY / R1980).read_text(encoding="utf-8"), {1980}),
            R1975: years_spoken_of((LIBRARY / R1975).read_text(encoding="utf-8"), {1975}),
            SPEECH: years_spoken_of((ROOT / "corpus" / SPEECH).read_text(encoding="utf-8"), set())}


def test_a_report_speaks_of_the_years_it_reviews_and_plans_and_those_it_writes(eras: dict[str, frozenset[int]]) -> None:
    assert {1975, 1979, 1981} <= eras[R1980] and 1990 not in eras[R1980]
    assert 1964 in eras[R1975]  # written in its text, long before its reach
    assert eras[SPEECH] == frozenset()  # undated, and writes no year twice


def test_the_search_leans_only_on_some_documents(eras: dict[str, frozenset[int]]) -> None:
    documents = (R1975, R1980, SPEECH)
    assert documents_of(eras, years_asked("七十年代末经济比例失调怎么调整？"), documents) == (R1980,)
    assert documents_of(eras, years_asked("六十年代中期的建设"), documents) == (R1975,)
    assert documents_of(eras, years_asked("1975年"), (R1975, R1980)) == ()  # both: nothing to lean on
    assert documents_of(eras, years_asked("2035年的远景目标"), documents) == ()
    assert documents_of(eras, frozenset(), documents) == ()


def test_a_question_set_in_a_time_is_answered_from_its_document(library_assistant: Assistant) -> None:
    """Without the lean the 1980 report's passage on its construction came first (checked with era_weight 0)."""
    question = "六十年代中期搞了哪些建设？"
    reading = library_assistant.read(question)
    assert reading is not None and reading.scope.of_era == (R1975,)
    assert library_assistant.answer(question).hits[0].passage.doc == R1975


def test_a_named_document_is_not_leaned_on_by_its_years(library_assistant: Assistant) -> None:
    """"1975年的报告" names its document: the scope is that document, and no era is read besides."""
    reading = library_assistant.read("1975年的报告对七十年代末的农业有什么设想？")
    assert reading is not None and reading.scope.documents == (R1975,) and reading.scope.of_era == ()


def test_the_lean_adds_to_the_passages_of_its_documents_only(library_assistant: Assistant) -> None:
    """A lean, not a filter: the other documents' passages keep their scores."""
    passages = library_assistant.index.passages
    scores = {p.id: 1.0 for p in passages}
    leaned = leaning_on(scores, passages, (R1975,), 2.0)
    assert {leaned[p.id] for p in passages if p.doc == R1975} == {3.0}
    assert {leaned[p.id] for p in passages if p.doc != R1975} == {1.0}



def test_a_document_is_written_by_its_named_year_and_undated_without_one():
    """The name's or cover's year, the latest if several; a text without one has no date, whatever years it writes
    (a report that looks back writes past years most often)."""
    assert written_by({1957}) == 1957 and written_by({1997, 1998}) == 1998
    assert written_by(set()) is None
