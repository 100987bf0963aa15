"""A bare follow-up that swaps the topic ("货币政策呢？") is the earlier question asked of the new topic: the phrase
of the earlier question that ends in the same head word is replaced, and nothing else."""

from __future__ import annotations

import pytest

from assistant.query.conversation import resolve
from assistant.query.ellipsis import substituted, swapped_topic


@pytest.mark.parametrize(("earlier", "followup", "rewritten"), [
    ("积极的财政政策是怎么安排的？", "货币政策呢？", "积极的货币政策是怎么安排的？"),
    # the nouns before the head go with it (城镇 of 城镇居民); time words and adverbs stay
    ("过去五年城镇居民收入增长了多少？", "农村居民呢？", "过去五年农村居民收入增长了多少？"),
    ("对防止重大安全生产事故有什么要求？", "那环境污染事故呢？", "对防止重大环境污染事故有什么要求？"),
    ("对教育有哪些安排？", "那学前教育方面呢？", "对学前教育有哪些安排？"),
    ("经济增长目标是多少？", "收入增长目标呢？", "收入增长目标是多少？"),  # the head spans two words: both go
    ("报告第三部分财政政策怎么说？", "货币政策呢？", "报告第三部分货币政策怎么说？"),  # a part's 部分 stays
    ("主体责任要怎么扛起来？", "那牵头责任呢？", "牵头责任要怎么扛起来？"),  # a verb may modify the new topic
])
def test_a_topic_of_the_same_kind_takes_the_earlier_topics_place(earlier: str, followup: str, rewritten: str) -> None:
    assert substituted(earlier, followup) == rewritten


@pytest.mark.parametrize(("earlier", "followup"), [
    ("对香港回归是怎么评价的？", "那澳门问题呢？"),  # no shared head: which phrase to replace is a guess
    ("全日制高校招生计划是多少？", "研究生呢？"),  # 生 is a morpheme, not a head word
    ("对教育有哪些安排？", "那教育经费有多少呢？"),  # asks something of its own
    ("今年的重点项目要怎么安排？", "那些长期需要、但眼下不着急的呢？"),
    ("对高等教育有哪些安排？", "高等教育呢？"),  # the same topic: nothing to swap
    ("第一部分说今年有三个特殊性，第一个是什么？", "那第三个呢？"),  # an ordinal points into the last answer
    ("2007年政府工作报告第四部分讲什么？", "第五部分呢？"),
    # not a bare noun phrase: the rest would be pasted into the earlier question
    ("积极的财政政策是怎么安排的？", "我问的是货币政策"),
    ("积极的财政政策是怎么安排的？", "是货币政策吗？"),
    ("积极的财政政策是怎么安排的？", "说说货币政策呢？"),
    ("积极的财政政策是怎么安排的？", "其他政策呢？"),
    ("积极的财政政策是怎么安排的？", "稳健的货币政策呢？"),
    ("积极的财政政策是怎么安排的？", "的里货币政策呢？"),  # what a cut document reference leaves
    ("今年的工作怎么安排？", "那工作安排呢？"),  # 安排 is a verb there, not the phrase's head
    ("安全生产怎么抓？", "食品安全呢？"),  # 安全 modifies 生产: not where the phrase ends
    ("今年经济增长目标是多少？", "那就业目标呢？"),  # a verb before the head: where the phrase starts is unsure
    ("十四五规划怎么说？", "十五五规划呢？"),
])
def test_a_follow_up_that_is_not_a_bare_swap_is_not_rewritten(earlier: str, followup: str) -> None:
    assert substituted(earlier, followup) == ""


def test_a_counted_topic_is_still_a_topic() -> None:
    """"第二产业" names an industry, not the second point; it shares no head with the earlier question here."""
    assert swapped_topic("第二产业呢？") == "第二产业" and swapped_topic("第二个呢？") == ""


def test_a_swapped_follow_up_is_answered_as_the_rewritten_question(assistant) -> None:
    """Blended with the earlier question, the next point's topic came second to the earlier one's; rewritten, the
    answer is about the new topic, and the chat says how it read the follow-up."""
    from assistant.render.cards import read_as

    earlier = assistant.converse("主体责任要怎么扛起来？")
    resolution = resolve("那首问责任呢？", [earlier])
    assert resolution.rewritten and resolution.carry.rstrip("?？") == "首问责任要怎么扛起来"
    turn = assistant.converse("那首问责任呢？", [earlier])
    assert "首问责任" in turn.answer.hits[0].passage.text
    documents = list(assistant.index.documents.values())
    assert read_as("那首问责任呢？", [earlier], turn, documents).line.endswith("理解为：“首问责任要怎么扛起来？”")
    # the next follow-up continues the new topic, not the old one
    assert turn.topic == resolution.carry
