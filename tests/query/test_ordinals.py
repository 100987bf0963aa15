"""What a follow-up's ordinal counts, read from the question and the earlier one alone (no model needed)."""

from __future__ import annotations

from assistant.query.ordinals import counts_in_its_unit, counts_what_was_asked, names_a_sibling


def test_an_ordinal_counts_what_the_earlier_question_counted_or_asked_for() -> None:
    assert counts_what_was_asked("那第二个注重具体要干什么？", "讲话里说的“四个注重”是哪四个？")
    assert counts_what_was_asked("第三个缺陷是什么？", "有哪些重大缺陷？")  # a word between 哪些 and the noun
    assert counts_what_was_asked("第三个指标是什么？", "今年的主要预期目标有哪些？")  # another noun, several asked for
    assert not counts_what_was_asked("第二个是什么？", "要建设一个什么样的社会？")  # 什么 names nothing
    assert not counts_what_was_asked("第五个五年计划呢？", "第六个五年计划的基本任务是什么？")  # 六个 inside 第六个


def test_an_ordinal_in_a_unit_the_earlier_question_counted_in() -> None:
    assert counts_in_its_unit("第二步要达到什么程度？", "“三步走”是怎么安排的？")
    assert counts_in_its_unit("第三项呢？", "报告提出了哪五项任务？")
    assert not counts_in_its_unit("第二个是什么？", "有三个特殊性")  # 个 counts anything
    assert not counts_in_its_unit("第二步呢？", "第一步是什么？")  # an ordinal, not a count


def test_an_ordinal_that_names_a_sibling_of_the_earlier_name() -> None:
    assert names_a_sibling("那第五个五年计划呢？", "第六个五年计划的基本任务是什么？")
    assert not names_a_sibling("那第三点呢？", "第六个五年计划的基本任务是什么？")
    assert not names_a_sibling("第五个五年计划呢？", "今年的工作任务是什么？")  # no sibling named before
