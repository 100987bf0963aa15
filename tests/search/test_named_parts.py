"""A point asked of a part the question names by a description of its heading instead of its number: the
heading's words, whole or abbreviated ("十五规划" for "第十个五年规划"), on a report written here (parsing only)."""

from __future__ import annotations

from assistant.ingest.document import parse_document
from assistant.query.outline import OutlineRequest
from assistant.query.sections import find
from assistant.records import Document
from assistant.search.outlines import part_named_in, part_named_whole, point_in_named_part

REPORT = (
    "政府工作报告\n\n各位代表：\n\n"
    "第十个五年规划的主要目标\n\n今后五年的主要目标已经明确，下面分几个方面来说明。\n\n"
    "一、关于经济增长的速度\n\n经济增长要保持适度的速度，不能过快。\n\n"
    "二、关于产业结构的调整\n\n产业结构要不断优化，发展服务业。\n\n"
    "三、关于城乡居民的收入\n\n城乡居民收入要稳步增加，生活不断改善。\n\n"
    "十五规划头两年的进展\n\n两年来各项工作进展顺利，成绩很大。\n\n"
    "一、农业生产稳定发展\n\n粮食连续增产，农民收入增加。\n\n二、工业生产较快增长\n\n工业增加值增长较快。\n\n"
    "全面完成十五规划的保障措施\n\n完成规划需要采取有力的措施。\n\n"
    "一、深化经济体制改革\n\n改革要继续推进。\n\n二、扩大对外开放\n\n开放要继续扩大。\n\n"
    "结束语\n\n让我们团结起来，努力奋斗！\n"
)


def _report() -> Document:
    return parse_document("report.txt", REPORT)


def test_a_part_described_with_its_words_shortened_is_found_by_its_heading() -> None:
    document = _report()
    request = point_in_named_part(document, "讲十五规划主要目标的那部分，第三点的标题是什么？")
    assert request == OutlineRequest("point", 1, 3)
    passages, message = find(document, request)
    assert passages[0].text == "三、关于城乡居民的收入" and "三、关于城乡居民的收入" in message


def test_words_every_heading_shares_name_no_part() -> None:
    document = _report()
    assert point_in_named_part(document, "十五规划那部分的第二点是什么？") is None
    assert point_in_named_part(document, "第二点是什么？") is None
    # an ordinal that opens a heading's name ("第十个五年规划") asks for no tenth point
    assert point_in_named_part(document, "第十个五年规划的主要目标是什么？") is None


def test_a_part_asked_for_by_all_of_its_words_lists_its_points() -> None:
    document = _report()
    request = part_named_whole(document, "十五规划头两年的进展有哪几项？")
    assert request == OutlineRequest("section", 2)
    assert "共两点" in find(document, request)[1]
    # a word the heading does not have: a content question, searched as usual
    assert part_named_whole(document, "十五规划头两年粮食生产的进展有哪些？") is None
    assert part_named_whole(document, "有哪些保障措施？") == OutlineRequest("section", 3)
    assert part_named_whole(document, "有哪些措施？") is None  # one word: too little to name a part


def test_an_enumerative_question_naming_a_report_part_by_its_heading_is_answered_from_the_outline(library_assistant) -> None:  # type: ignore[no-untyped-def]
    """The 1980 report's third part is "采取有力措施，保证1980、1981年计划的完成"."""
    answer = library_assistant.answer("1980年的报告里，保证计划完成的措施有哪几条？")
    assert answer.mode == "outline" and answer.message.startswith("第三部分")


def _library(documents: list[Document], prefix: str) -> Document:
    return next(d for d in documents if d.name.startswith(prefix))


def test_a_part_called_by_its_subject_before_the_word_part(library_documents) -> None:
    """Real reports: "外交部分" calls the 1984 report's "关于外交工作" (one word of its two: too few to share), and
    "政治体制改革那部分" the 十三大 report's "五、关于政治体制改革"."""
    diplomacy = _library(library_documents, "1984年")
    request = point_in_named_part(diplomacy, "外交部分的第一点标题讲的是什么？")
    assert request is not None
    assert find(diplomacy, request)[0][0].text.startswith("一、维护世界和平是我国对外政策的主要目标")
    congress = _library(library_documents, "中共13大")
    request = point_in_named_part(congress, "政治体制改革那部分的第四条是什么")
    assert request is not None and find(congress, request)[0][0].text.startswith("（四）改革干部人事制度")
    # a subject no heading, or more than one heading, is called by names no part
    assert point_in_named_part(congress, "这部分的第四条是什么") is None
    assert point_in_named_part(congress, "改革部分的第四条是什么") is None


def test_a_heading_is_named_by_its_words_not_its_year(library_documents) -> None:
    """"三、2016年重点工作": the year is the report's own, so "重点工作里，第（六）项" names the part by both its words."""
    report = _library(library_documents, "2016年")
    request = point_in_named_part(report, "的重点工作里，第（六）项讲什么？")
    assert request == OutlineRequest("point", 3, 6)
    assert find(report, request)[0][0].text.startswith("（六）加大环境治理力度")


#: A report written here whose headings open with 关于 and name the party's building in other words than a
#: question would ("把党建设成为…"), beside another heading with 建设 in it.
PROPOSALS = (
    "政府工作报告\n\n各位代表：\n\n"
    "一、关于过去一年的工作\n\n过去一年成绩很大。\n\n第一，经济平稳增长。\n\n第二，改革不断深化。\n\n"
    "二、关于政府工作的建议\n\n今年要做好以下工作。\n\n第一，稳定农业生产。\n\n第二，深化国有企业改革。\n\n第三，推进政府机构改革。\n\n"
    "三、努力建设社会主义精神文明\n\n精神文明要加强。\n\n第一，发展教育。\n\n第二，繁荣文化。\n\n"
    "四、把党建设成为坚强的领导核心\n\n加强党的建设。\n\n第一，健全民主集中制。\n\n第二，改革干部制度。\n"
)


def test_a_heading_names_its_part_by_its_content_words_not_by_its_prepositions() -> None:
    """"关于政府工作的建议": 关于 is no word a question names the part by, so "当年工作的建议" shares two of its
    three words (政府, 工作, 建议), not two of four."""
    document = parse_document("proposals.txt", PROPOSALS)
    request = point_in_named_part(document, "对当年工作的建议中，第三项是什么？")
    assert request == OutlineRequest("point", 2, 3)
    assert find(document, request)[0][0].text == "第三，推进政府机构改革。"


def test_a_part_called_by_a_name_with_a_particle_is_the_heading_that_writes_it_without() -> None:
    """"党的建设那部分" calls "把党建设成为坚强的领导核心": the name is read whole (its 的 aside), not cut to 建设,
    which two headings write."""
    document = parse_document("proposals.txt", PROPOSALS)
    request = point_in_named_part(document, "讲党的建设那部分的第二条是什么？")
    assert request == OutlineRequest("point", 4, 2)
    assert find(document, request)[0][0].text == "第二，改革干部制度。"
    assert point_in_named_part(document, "讲建设那部分的第二条是什么？") is None  # two headings write 建设



def test_which_part_is_answered_by_the_heading_of_the_part_that_holds_it(library_assistant) -> None:  # type: ignore[no-untyped-def]
    """The 1980 report's second part is "二、1981年国民经济计划的任务和主要指标"; its third opens with the point
    "第一，实行能源的开发和节约并重…". A quoted phrase keeps the passage that holds it first, the heading next."""
    answer = library_assistant.answer("1980年的报告里讲1981年计划主要指标的是第几部分？")
    assert answer.answerable and answer.hits[0].passage.text == "二、1981年国民经济计划的任务和主要指标"
    quoted = library_assistant.answer("“实行能源的开发和节约并重”出自1980年报告哪一部分？")
    assert "实行能源的开发和节约并重" in quoted.hits[0].passage.text
    assert quoted.hits[1].passage.text == "三、采取有力措施，保证1980、1981年计划的完成"
    # a question that does not ask where gets the passages alone
    plain = library_assistant.answer("1980年的报告对1981年计划主要指标怎么安排？")
    assert plain.hits[0].passage.kind != "heading"


def test_of_several_documents_the_one_with_the_named_part_answers() -> None:
    """Only the proposals name a part "关于政府工作的建议"; two documents that both do leave the question to search."""
    proposals, report = parse_document("proposals.txt", PROPOSALS), _report()
    found = part_named_in([report, proposals], "对当年工作的建议中，第三项是什么？", whole=False)
    assert found is not None and found[0] is proposals and found[1] == OutlineRequest("point", 2, 3)
    twin = parse_document("proposals-copy.txt", PROPOSALS)
    assert part_named_in([proposals, twin], "对当年工作的建议中，第三项是什么？", whole=False) is None


def test_a_part_named_without_naming_its_document_says_whose_it_is(library_assistant) -> None:  # type: ignore[no-untyped-def]
    """Beside the speech and the 1975 report, only the 1980 report has a part "采取有力措施，保证1980、1981年计划的完成"."""
    answer = library_assistant.answer("保证计划完成的措施里，第二条是什么？")
    assert answer.mode == "outline" and answer.message.startswith("《1980年政府工作报告》第三部分第二点")
    assert answer.hits[0].passage.text.startswith("第二，进一步调整重工业特别是机械工业结构")


def test_a_part_called_by_the_last_words_of_its_name() -> None:
    """"讲今年主要任务的那部分": the heading writes the year ("三、2009年主要任务"), so the name is tried from each
    word on, longest first, until one heading writes it (主要任务); 主要 is too common a word to share with it."""
    document = parse_document("2009.txt", "政府工作报告\n\n一、2008年工作回顾\n\n成绩很大。\n\n二、2009年工作总体部署\n\n"
                                          "今年要保持经济平稳较快发展。\n\n三、2009年主要任务\n\n（一）扩大内需。\n\n内需要扩大。\n\n"
                                          "（二）稳定农业。\n\n农业要稳定。\n")
    request = point_in_named_part(document, "讲今年主要任务的那部分，第二项是什么")
    assert request == OutlineRequest("point", 3, 2)
    assert find(document, request)[0][0].text == "（二）稳定农业。"
