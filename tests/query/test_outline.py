"""Structure questions are answered from the parsed outline, exactly."""

from __future__ import annotations

import pytest

from assistant.ingest.document import parse_document
from assistant.query.outline import LAST, OutlineRequest, parse_point_only, parse_request
from assistant.query.sections import find, lists_parts
from assistant.search.outline import outline_answer
from assistant.search.outlines import topic_of


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("第7部分第3点是什么内容？", OutlineRequest("point", 7, 3)),
        ("第二部分讲的什么", OutlineRequest("section", 2)),
        ("最后一个方面的标题", OutlineRequest("section", LAST)),
        ("倒数没有，最后一部分最后一点呢", OutlineRequest("point", LAST, LAST)),
        ("讲话总共有几大部分？", OutlineRequest("count")),
        ("这个讲话的标题是什么", OutlineRequest("title")),
        ("What is the third part about?", OutlineRequest("section", 3)),
        ("要从哪几方面下功夫？", None),
        ("“科学谋划目标路径”是第几部分？", None),
        ("报告第五点的标题是什么？", None),  # a point's title (resolved against a part), not the document's
        ("报告分成哪几个大的部分？", OutlineRequest("count")),
        ("一共有多少个大的方面？", OutlineRequest("count")),
        ("2015年的报告有多少个一级标题", OutlineRequest("count")),  # its parts' headings, counted
        ("一级标题一共有几个？", OutlineRequest("count")),
        ("六四年那份报告的第三部分讲的是啥？", OutlineRequest("section", 3)),  # asks the part, as "讲的是什么"
        ("第三部分说的是啥？", OutlineRequest("section", 3)),
        ("第三部分提到的是什么？", OutlineRequest("section", 3)),
    ],
)
def test_requests_are_recognised(question, expected):
    assert parse_request(question) == expected


def test_point_only_ordinals():
    assert parse_point_only("那第四条呢？") == 4
    assert parse_point_only("最后一点呢") == LAST
    assert parse_point_only("第三部分呢") == 0
    assert parse_point_only("第二要怎么做？") == 2 and parse_point_only("第一是什么？") == 1


def test_an_ordinal_inside_a_word_asks_for_no_point():
    """"第一要义", "第一要务" are words of their own: the point word 要 begins a longer word there."""
    assert parse_point_only("科学发展观的第一要义是什么？") == 0
    assert parse_point_only("发展是第一要务，怎么理解？") == 0
    assert parse_point_only("第三个要求讲了什么？") == 3


def test_section_and_point_answers(assistant):
    answer = assistant.answer("第七部分第三点讲了什么？")
    assert answer.mode == "outline" and answer.answerable
    assert answer.hits[0].passage.text.startswith("三是首问责任要不推不让抓到底")
    heading = assistant.answer("第4部分的标题是什么？")
    assert heading.hits[0].passage.text == "四、把握四中全会精神，用制度破题解难"
    last = assistant.answer("最后一部分最后一点讲什么？")
    assert last.hits[0].passage.text.startswith("四要持之以恒正风肃纪")


def test_count_and_title(assistant):
    count = assistant.answer("讲话分为几个部分？")
    assert "八" in count.message and "八个方面" in count.hits[0].passage.text
    # every part it counts is shown, beyond the five passages of a search: the sentence, then eight headings
    assert [h.passage.kind for h in count.hits[1:]] == ["heading"] * 8
    title = assistant.answer("这篇讲话的题目叫什么？")
    # the sentence counts, then the first part and the last, whose number is the count too, then the rest in order
    assert [h.passage.text[:2] for h in count.hits[1:4]] == ["一、", "八、", "二、"]
    assert title.hits[0].passage.text == "在领导干部务虚会上的讲话"


def test_a_part_that_does_not_exist_is_said_plainly(assistant):
    answer = assistant.answer("第十二部分讲了什么？")
    assert not answer.answerable and not answer.hits and "没有第十二部分" in answer.message


def test_section_lists_its_points_and_bare_ordinals(assistant):
    listed = assistant.answer("第七部分有哪几条要求？")
    assert "共四点" in listed.message and "三是首问责任要不推不让抓到底" in listed.message
    unnumbered = assistant.answer("第三部分有几点？")
    assert "不分点" in unnumbered.message
    last = assistant.answer("最后一点是什么？")
    assert last.mode == "outline" and last.hits[0].passage.text.startswith("四要持之以恒正风肃纪")
    content = assistant.answer("第一个百年梦想是什么？")  # an ordinal inside a content question is content
    assert content.mode == "search"


def test_a_point_of_a_part_without_points_is_its_paragraph_and_says_so(assistant):
    """Part three numbers no points ("不分点，共两段"): "第二点" is read as its second paragraph, and said so."""
    second = assistant.answer("第三部分第二点是什么？")
    assert second.answerable and "不分点，这是它的第二段" in second.message
    assert second.hits[0].passage.text.startswith("领导干部一定要善于从政治的高度观大势")
    beyond = assistant.answer("第三部分第五点是什么？")
    assert not beyond.hits and "共两段，没有第五段" in beyond.message and "共0点" not in beyond.message


def test_parts_listing_counts_sections(assistant):
    answer = assistant.answer("讲话分为哪几个部分？")
    assert answer.mode == "outline" and "共八个部分" in answer.message and "八、把握红线底线" in answer.message


def test_a_title_taken_from_the_file_name_is_still_an_answer() -> None:
    document = parse_document("2001年工作报告.txt", "一、回顾\n过去一年，各项工作稳步推进，成绩来之不易。\n")
    assert not [p for p in document.passages if p.kind == "title"]  # no title line: the file name names it
    answer = outline_answer(document, OutlineRequest("title"), "这份报告的标题是什么？")
    assert answer.answerable and answer.message == "标题：《2001年工作报告》"


def test_a_stated_count_names_the_list_when_the_parts_are_fewer(library_documents):
    """"今年要重点抓好的八个方面工作中，第四个方面" of the 2010 report (two parts, the second listing eight sub-sections):
    the fourth of the part that lists eight, not "没有第四部分"."""
    request = parse_request("今年要重点抓好的八个方面工作中，第四个方面是什么？")
    assert request == OutlineRequest("section", 4, of=8)
    report = next(d for d in library_documents if d.name.startswith("2010"))
    passages, message = find(report, request)
    assert passages[0].text == "（四）全面实施科教兴国战略和人才强国战略" and message.startswith("第二部分第四点")
    assert find(report, OutlineRequest("section", 4))[1].endswith("没有第四部分。")  # no count stated: said plainly
    assert parse_request("第四个方面是什么？") == OutlineRequest("section", 4)  # an ordinal states no count


def test_a_stated_count_names_the_list_even_when_a_part_has_that_number(library_documents):
    """"…八个方面中，第二个方面" of the 2010 report: its second part is not meant, the list of eight is."""
    report = next(d for d in library_documents if d.name.startswith("2010"))
    passages, message = find(report, OutlineRequest("section", 2, of=8))
    assert message.startswith("第二部分第二点") and passages[0].text.startswith("（二）")


def test_a_count_of_things_just_named_is_not_the_stated_outline(library_documents):
    """The 1964 report's four parts have headings but no announcing sentence; before the first, "在政治、经济、思想和
    组织这四个方面" counts the four things it has just named. The count is given with the headings alone; the 1978
    report's "报告分六个部分" and the 2002 report's "以下八个方面工作" (which looks ahead) still come first."""
    stated = {}
    for name in ("1964", "1978", "2002"):
        report = next(d for d in library_documents if d.name.startswith(name))
        passages, message = find(report, OutlineRequest("count"))
        stated[name] = passages[0]
    assert stated["1964"].kind == "heading" and "这四个方面" not in stated["1964"].text
    assert "报告分六个部分" in stated["1978"].text and "以下八个方面" in stated["2002"].text


def test_a_stated_count_of_something_no_heading_names_is_not_the_outline(library_documents):
    """The 1980 report has a part of six points, and "准备采取如下措施：" sets out six measures to save energy. Asked
    about 能源节约, "六个方面" means the measures; asked about nothing else, or about words of the six points' headings,
    the outline's list; a count no list of the outline has is never the outline."""
    report = next(d for d in library_documents if d.name.startswith("1980"))
    assert topic_of("讲能源节约的措施分了六个方面，第二个方面是什么？") == {"能源", "节约", "措施"}
    assert not lists_parts(report, 6, sorted(topic_of("讲能源节约的措施分了六个方面，第二个方面是什么？")))
    assert lists_parts(report, 6, []) and lists_parts(report, 6, ["政策"])  # part one: "第二，在经济上开始采取了一些新的政策"
    assert lists_parts(report, 3, []) and not lists_parts(report, 7, [])


def test_english_asks_what_it_wants_of_a_part_before_naming_it():
    """"what is the title of part 2" puts the ask before the part; read only after it (" of the "), the question
    was a search inside part 2 for the words "of the"."""
    assert parse_request("what is the title of part 2 of the ") == OutlineRequest("section", 2)
    assert parse_request("What is the heading of the third part?") == OutlineRequest("section", 3)
    assert parse_request("第二部分的标题是什么？") == OutlineRequest("section", 2)
    assert parse_request("第二部分对住房怎么说？").ask == "scope"  # Chinese asks after the part: a topic inside it


def test_only_a_question_about_which_documents_there_are_lists_them():
    """A review found the inventory rule listing titles for content questions: what to hand in, which files a
    report mentions, which documents mention a topic. Those are searched; "有哪些文档" alone lists."""
    for content in ("申请需要哪些材料？", "报告提到了哪些文件", "Which documents mention poverty alleviation?", "有哪些文件提到了能源？"):
        assert parse_request(content) is None, content
    assert parse_request("What is said about energy in part 2 of the ").ask == "scope"  # "about" before the part: a topic


def test_a_count_of_steps_or_batches_is_no_count_of_parts():
    """"分几" asks for the parts only when parts or nothing follow: "那要分几步走？" asks how many steps a plan takes."""
    for asked in ("讲话分几部分？", "报告一共分几个方面？", "报告分成几块？", "讲话分为几个？", "讲话分为几个，分别是什么？",
                  "报告讲了几大块内容", "报告分了几块"):
        assert parse_request(asked) == OutlineRequest("count"), asked
    for asked in ("那要分几步走？", "改革分几批实施？", "分几年完成？", "人体有多少块骨头"):
        assert parse_request(asked) is None, asked


def test_a_topic_named_beside_a_part_is_searched_inside_it(assistant):
    """"第五部分说产业要协同提升，是什么意思？" asks about one point of part five, which a search inside the part finds;
    the part's outline (three points and its heading) answered it. Asking for the part's title, theme or gist
    still asks about the part itself."""
    for within in ("第五部分说产业要协同提升，是什么意思？", "第三部分提到的稳中求进是什么意思？"):
        assert parse_request(within).ask == "scope", within
    for itself in ("请问第三部分的主题是什么？", "第五部分是什么意思", "第六部分主要讲的是哪方面？", "第二部分讲了哪些内容",
                   "第二部分讲冶金、化工调整的，讲了什么？",  # what it says: the words say which part
                   "第五部分一共有几点？", "第八部分共有几个要点？", "第四部分分为哪几点？", "第四部分大概是什么意思？", "第五部分说了什么"):
        assert parse_request(itself).ask == "section", itself
    answer = assistant.answer("第五部分说产业要协同提升，是什么意思？")
    assert answer.mode == "search" and answer.hits[0].passage.text.startswith("二是产业要协同提升")


def test_the_title_is_asked_for_with_the_words_naming_the_text_cut(assistant):
    """The speech alone: "讲话" names nothing then, but is cut from what is read like any reference, so the title
    question is read without it ("的标题叫什么？", "What is the title of the ?")."""
    for asked in ("的标题叫什么？", "标题叫啥", "题目", "叫什么标题？", "What is the title of the ?", "这些的题目分别是什么？"):
        assert parse_request(asked) == OutlineRequest("title"), asked
    for question in ("讲话的标题叫什么？", "What is the title of the speech?"):
        answer = assistant.answer(question)
        assert answer.mode == "outline" and "在领导干部务虚会上的讲话" in answer.message, question


def test_what_a_topic_includes_is_no_count_of_parts():
    """"社会治理体系包括哪些方面" asks what the system is made of (the speech lists five actors), not the speech's parts;
    with only the text (or nothing, once a reference is cut) before 包括 it is the count."""
    for content in ("请问里提到的社会治理体系包括哪些方面？", "个人所得税专项附加扣除包括哪些方面？", "现代化经济体系包含哪些方面"):
        assert parse_request(content) is None, content
    for asked in ("包括哪几个部分？", "全文包括哪几个部分", "这篇文章包含哪些方面", "它主要包括哪几个方面？",
                  "的主要内容包括哪些方面？", "全文一共包括哪几个部分？", "文章结构包括哪几部分？"):  # 讲话 cut as a reference
        assert parse_request(asked) == OutlineRequest("count"), asked


def test_an_aspect_counted_after_a_part_named_in_other_words_is_a_point_of_it():
    """"第三方面" is the third part only when no part is named before it: after "回顾去年工作的那部分", and with a count
    the question states ("做了几方面工作"), it asks the third point of that part (found by its heading's words)."""
    asked = "报告回顾去年工作的那部分，说主要做了几方面工作，第三方面是什么？"
    assert parse_request(asked) is None and parse_point_only(asked) == 3
    assert parse_request("第三方面讲了什么") == OutlineRequest("section", 3)
    assert parse_request("第二部分第三方面是什么") == OutlineRequest("point", 2, 3)
    # a count of parts or 大部分 names no part: "第三方面" is the third part there
    assert parse_request("讲话分几部分？第三方面讲了什么？") == OutlineRequest("section", 3)


def test_a_count_is_shown_with_the_sentence_that_announces_the_outline_not_a_count_further_on():
    """A text announces its outline before its first part; "四方面的任务" inside a part counts a topic, so the count
    answer leads with the headings, not that paragraph (the 1979 report's "调整、改革、整顿、提高四方面")."""
    announced = parse_document("讲话.txt", "同志们：\n今年的工作，重点要把握两个方面。\n一、稳增长\n要抓好调整、改革两个方面的任务。\n二、防风险\n守住底线。\n")
    passages, message = find(announced, OutlineRequest("count"))
    assert "两个部分" in message and passages[0].text == "今年的工作，重点要把握两个方面。"
    counted_within = parse_document("报告.txt", "一、稳增长\n要抓好调整、改革两个方面的任务。\n二、防风险\n守住底线。\n")
    passages, _ = find(counted_within, OutlineRequest("count"))
    assert [p.kind for p in passages] == ["heading", "heading"]


def test_a_count_of_many_parts_shows_the_first_and_the_last_first(library_documents):
    """The 十六大 report has ten parts and no sentence that counts them: the answer names all ten, and its first
    cards are the first and the last part, whose number is the count (five cards of a search would stop at 五)."""
    report = next(d for d in library_documents if d.name.startswith("中共16大"))
    answer = outline_answer(report, OutlineRequest("count"), "十六大报告分为几个部分？")
    texts = [h.passage.text for h in answer.hits]
    assert "十" in answer.message and len(texts) == 10
    assert texts[0].startswith("一、") and texts[1].startswith("十、") and texts[2].startswith("二、")


def test_a_count_of_a_few_parts_shows_the_last_second_too(library_documents):
    """The 2009 report has three parts: its third, whose number is the count, is the second card, not the third
    (a reader, and the batch's hit@3, look at the first few); the one-line answer lists them in order."""
    report = next(d for d in library_documents if d.name.startswith("2009"))
    answer = outline_answer(report, OutlineRequest("count"), "2009年政府工作报告分几部分？")
    assert "共三个部分：一、" in answer.message
    assert [h.passage.text[:2] for h in answer.hits] == ["一、", "三、", "二、"]


def test_a_text_without_part_headings_says_so(library_documents):
    """The 1954 report's parts carry no headings the reader finds: "共零个部分" said it had none at all."""
    report = next(d for d in library_documents if d.name.startswith("1954"))
    for request in (OutlineRequest("count"), OutlineRequest("section", 2)):
        answer = outline_answer(report, request, "分几个部分？")
        assert "没有分部分的标题" in answer.message and "零" not in answer.message


def test_a_closing_part_without_a_number_is_not_counted_as_one(library_documents):
    """The 1992 report has six numbered parts and a 结束语: six parts and a conclusion, not seven; the sixth part is
    the last shown first, not the conclusion."""
    report = next(d for d in library_documents if d.name.startswith("1992"))
    answer = outline_answer(report, OutlineRequest("count"), "1992年政府工作报告有几个部分？")
    assert "共六个部分，另有结束语：" in answer.message
    assert [h.passage.text[:2] for h in answer.hits[:3]] == ["一、", "六、", "二、"]
