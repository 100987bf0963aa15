"""Questions about a list the text introduces: "哪几项" gets the items, "第三项是什么" the third item. On texts
the test writes, parsed by the real ingest code (no model needed)."""

from __future__ import annotations

import pytest

from assistant.ingest.document import parse_document
from assistant.query.question import analyse
from assistant.records import Passage
from assistant.search.lists import expand_list, introduces_list, list_items, nth_item, shown_list_item, titles_a_body
from assistant.search.searcher import content_first

INLINE = """一、今年的工作
第一、稳步推进各项改革，完善体制机制
改革千头万绪。今后两年内，在具体工作上，重点是抓好四项工作：
一、改进财政管理，理顺中央和地方的关系。这是改革的重点。
二、发挥城市的带动作用，打破地区封锁。城市要走在前面。
三、改革流通体制，搞活商品流通。流通是生产的先导。
四、改革劳动工资制度，调动职工积极性。多劳多得。
通过这四项工作，把各项改革带动起来。
"""

SUBSECTIONS = """一、三年来的工作
三年来，经济平稳发展，人民生活继续改善，各项事业取得新的进步。
三年来，我们的主要体会有以下几个方面。
（一）坚持扩大内需的方针
扩大内需是长期的战略方针，必须坚持下去，不能动摇。
（二）坚持推进结构调整
结构调整是提高效益的根本途径，要持续用力。
（三）坚持深化改革开放
改革开放是发展的动力，要以更大的决心推进。
二、今年的任务
今年要继续做好各项工作，努力完成全年目标。
"""


def passages(text: str) -> list[Passage]:
    return list(parse_document("report.txt", text).passages)


def find(items: list[Passage], start: str) -> Passage:
    return next(p for p in items if p.text.startswith(start))


@pytest.mark.parametrize(("question", "item"), [("第三项是什么？", 3), ("其中的第二件指的是什么", 2), ("最后一条讲什么", -1),
                                                ("第二个五年计划怎么说", 0), ("有哪几项工作", 0)])
def test_the_item_a_question_asks_for(question: str, item: int) -> None:
    assert analyse(question).item == item


def test_the_nth_item_of_an_inline_list_comes_first_then_its_introduction() -> None:
    parsed = passages(INLINE)
    intro = find(parsed, "改革千头万绪")
    assert introduces_list(intro) and len(list_items(parsed, intro)) == 4  # the closing line is not an item
    ranked = [(intro.id, 9.0), (find(parsed, "通过这四项").id, 5.0)]
    third = nth_item(parsed, ranked, 3)
    assert parsed[third[0][0]].text.startswith("三、改革流通体制") and third[1][0] == intro.id
    assert parsed[nth_item(parsed, ranked, -1)[0][0]].text.startswith("四、")
    assert nth_item(parsed, ranked, 7) == ranked  # no seventh item: nothing is made up


def test_the_items_of_a_list_announced_as_following_are_its_subsections() -> None:
    parsed = passages(SUBSECTIONS)
    intro = find(parsed, "三年来，我们的主要体会")
    ranked = [(intro.id, 9.0)]
    second = [parsed[pid] for pid, _ in nth_item(parsed, ranked, 2)]
    assert second[0].text == "（二）坚持推进结构调整" and second[1].text.startswith("结构调整是") and second[2] == intro
    listed = [parsed[pid].text for pid, _ in expand_list(parsed, ranked)]
    assert [text[:4] for text in listed] == ["扩大内需", "结构调整", "改革开放", "三年来，"]  # paragraphs, not headings
    # with room for fewer cards than the list has items, its introduction comes first, or it would not be seen
    listed = [parsed[pid].text for pid, _ in expand_list(parsed, ranked, room=3)]
    assert [text[:4] for text in listed] == ["三年来，", "扩大内需", "结构调整", "改革开放"]


def test_a_passage_that_introduces_nothing_leaves_the_ranking_alone() -> None:
    parsed = passages(SUBSECTIONS)
    plain = [(find(parsed, "三年来，经济平稳").id, 9.0)]
    assert nth_item(parsed, plain, 2) == plain and expand_list(parsed, plain) == plain


TITLED_LIST = """一、今年的工作
今年要抓好以下两项工作：
一是深化粮棉流通体制改革。
购销市场化是粮棉流通体制改革的根本方向，要保护农民利益。
二是进行农村税费改革试点。
为解决农民负担过重问题，在一些省份开展农村税费改革试点。
"""


def test_a_title_line_gives_its_place_to_its_body_and_follows_the_content() -> None:
    items = passages(TITLED_LIST)
    title, body, other = find(items, "二是"), find(items, "为解决"), find(items, "购销")
    assert titles_a_body(items, title.id) and not titles_a_body(items, body.id)
    ranked = content_first([(title.id, 9.0), (other.id, 5.0)], items)
    assert ranked == [(body.id, 9.0), (other.id, 5.0), (title.id, 9.0)]
    assert content_first([(title.id, 9.0)], items, keep={title.id})[0] == (title.id, 9.0)  # a quoted title stays


def test_a_list_of_title_lines_is_answered_by_the_titles_not_their_bodies() -> None:
    items = passages(TITLED_LIST)
    found = list_items(items, find(items, "今年要抓好"))
    assert [[items[i].text[:2] for i in item] for item in found] == [["一是"], ["二是"]]


def test_asking_for_more_does_not_bring_back_a_body_the_last_answer_showed() -> None:
    items = passages(TITLED_LIST)
    title, body, other = find(items, "二是"), find(items, "为解决"), find(items, "购销")
    ranked = content_first([(title.id, 9.0), (other.id, 5.0)], items, shown={body.id})
    assert ranked == [(other.id, 5.0), (title.id, 9.0)]


def test_an_ordinal_after_an_answer_that_showed_a_list_takes_its_item(library_documents):
    """The 1987 report lists 利用外资's three principles as "第一、…；" paragraphs inside its sixth point: after an
    answer that showed that list (its introduction first, or its items and then the introduction), "第二条呢？"
    is the list's second item, not the part's second point. An answer that opened elsewhere shows no list."""
    report = next(d for d in library_documents if d.name.startswith("1987"))
    passages = report.passages
    intro = next(p for p in passages if p.text.endswith("利用外资必须把握三条原则："))
    second = shown_list_item(passages, [intro], 2)
    assert second[0].text.startswith("第二、一定要用在生产建设上") and second[-1] == intro
    items = [p for p in passages[intro.id + 1 : intro.id + 4]]
    assert shown_list_item(passages, items + [intro], -1)[0].text.startswith("第三、利用外资要讲求经济效益")
    assert shown_list_item(passages, [intro], 4) == []  # the list has three
    assert shown_list_item(passages, [passages[intro.id - 5], intro], 2) == []  # the answer opened elsewhere


def test_a_heading_whose_points_follow_it_introduces_them(assistant):
    """"推进“产业强市”的三个协同分别是什么？" finds part five's heading by its quoted words; the three points right under
    it answer, in order (the heading alone had come first; beside the 1955 report, then its paragraph on 协同合作)."""
    answer = assistant.answer("推进“产业强市”的三个协同分别是什么？")
    assert [h.passage.text[:4] for h in answer.hits[:3]] == ["一是项目", "二是产业", "三是经济"]


def test_a_list_announced_in_the_last_sentence_as_following() -> None:
    """"必须从以下三个方面认真解决好这个问题。": 以下 in the paragraph's last sentence announces what follows, however
    long that sentence; 以下 earlier in the paragraph does not."""
    document = parse_document("r.txt", "一、任务\n当前最突出的问题是财力不足。必须从以下三个方面认真解决好这个问题。\n"
                                       "以下几点已经做到。今后还要继续努力。\n"
                                       "城镇登记失业率控制在4.5%以下，价格涨幅控制在3%左右。\n"
                                       "国家财政收入和支出（以下简称收支）保持平衡。\n")
    first, *others = [p for p in document.passages if p.kind != "heading" and p.kind != "title"][:4]
    assert introduces_list(first) and not any(map(introduces_list, others))  # nor a limit, nor an abbreviation


def test_plain_paragraphs_after_an_introduction_are_items_only_for_an_ordinal() -> None:
    """"准备采取如下措施：" and paragraphs without markers: "第二个方面" takes the second; asked for several things
    (or how many), nothing is expanded, since after "例如：" such paragraphs are examples."""
    document = parse_document("r.txt", "一、能源\n在能源的节约方面，准备采取如下措施：\n继续加强能源管理。\n"
                                       "逐步改变工业结构。\n大力开展技术改造。\n二、农业\n农业要稳定发展。\n")
    parsed = list(document.passages)
    intro = find(parsed, "在能源的节约方面")
    assert list_items(parsed, intro) == []
    items = list_items(parsed, intro, plain=True)
    assert [parsed[item[0]].text[:4] for item in items] == ["继续加强", "逐步改变", "大力开展"]  # not the next part
    second = nth_item(parsed, [(intro.id, 9.0)], 2)
    assert parsed[second[0][0]].text.startswith("逐步改变") and second[1][0] == intro.id
    assert expand_list(parsed, [(intro.id, 9.0)]) == [(intro.id, 9.0)]
    assert nth_item(parsed, [(intro.id, 9.0)], 2, of=3) == second  # "分了三个方面，第二个方面"
    assert nth_item(parsed, [(intro.id, 9.0)], 2, of=4) == [(intro.id, 9.0)]  # not the list the question means


def test_a_salutation_introduces_no_list() -> None:
    """"同志们：" ends with a colon and opens the speech, not a list; "今年要抓好以下工作：" does introduce one."""
    parsed = passages("同志们：\n今年要抓好以下工作：\n一是稳增长。\n二是促改革。\n")
    assert [introduces_list(p) for p in parsed if p.kind == "paragraph"][:2] == [False, True]


def test_a_long_list_of_a_report_shows_its_introduction_first(library_documents) -> None:  # type: ignore[no-untyped-def]
    """The 1986 report's foreign policy "包括以下十个方面。" and ten points "第一、…": an answer of five cards showed five
    points and never said what they were points of, nor that there are ten."""
    report = next(d for d in library_documents if d.name.startswith("1986"))
    intro = next(p for p in report.passages if "包括以下十个方面" in p.text)
    shown = [report.passages[pid].text for pid, _ in expand_list(report.passages, [(intro.id, 9.0)])]
    assert shown[0] == intro.text and [text[:3] for text in shown[1:11]] == ["第一、", "第二、", "第三、", "第四、", "第五、",
                                                                             "第六、", "第七、", "第八、", "第九、", "第十、"]

