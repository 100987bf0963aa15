"""Lists inside one paragraph: numbered ("一是…二是…"), ordered ("一方面…另一方面…") or written without numbers
(semicolons, clauses that open or end alike), and the item a follow-up's ordinal asks for. On texts the test
writes, parsed by the real ingest code, and on real report paragraphs (no model needed)."""

from __future__ import annotations

from assistant.ingest.document import parse_document
from assistant.records import Document, Passage
from assistant.search.inline_lists import inline_item, shown_inline_item, unnumbered_item
from assistant.search.lists import shown_list_item


def passages(text: str) -> list[Passage]:
    return list(parse_document("report.txt", text).passages)


RUN_IN = """一、今年的工作
加快卫生事业发展。今年重点抓好三件事：一是推行农村合作医疗，试点扩大到全国。二是发展社区卫生服务，方便群众看病；三是启动城镇居民医疗保险试点。另外，要加强药品监管。
教育工作要继续加强。
"""


def test_a_list_run_inside_one_paragraph_gives_each_item_its_own_range() -> None:
    text = passages(RUN_IN)[1].text
    third = inline_item([text], 3)
    assert third is not None and text[third[1]:third[2]] == "三是启动城镇居民医疗保险试点。"
    second = inline_item([text], 2)
    assert second is not None and text[second[1]:second[2]] == "二是发展社区卫生服务，方便群众看病；"
    assert inline_item([text], -1) == third and inline_item([text], 4) is None
    assert inline_item(["第一，稳定农业。第二，搞活流通。"], 2) is not None
    ordered = "要打造新引擎。一方面，增加公共产品供给。另一方面，推动大众创业。"  # 一方面 inside 另一方面 opens nothing
    other = inline_item([ordered], 2)
    assert other is not None and ordered[other[1]:other[2]] == "另一方面，推动大众创业。" and inline_item([ordered], 3) is None
    # one marker is no list, and 一是 inside a word does not open an item
    assert inline_item(["我们要做的第一，也是最重要的。"], 1) is None
    assert inline_item(["统一是前提，二是后来的事"], 2) is None


def test_the_nth_thing_of_a_list_run_inside_the_answer_is_that_paragraph() -> None:
    """"第三件是什么？" after an answer whose first passage lists three things inside itself; with ``depth`` the
    list may be in a later passage of the answer."""
    found = passages(RUN_IN)
    item = shown_inline_item(found, [found[1], found[2]], 3)
    assert item is not None and item[0] == found[1] and found[1].text[item[1]:item[2]] == "三是启动城镇居民医疗保险试点。"
    assert shown_inline_item(found, [found[2], found[1]], 3) is None  # the first passage lists nothing
    assert shown_inline_item(found, [found[2], found[1]], 3, depth=2) is not None
    assert shown_list_item(found, [found[1]], 3) == []  # no list of separate paragraphs


SPREAD = """一、今年的工作
加强节能减排工作。一是抓好工业节能，淘汰落后产能。
二是发展循环经济和清洁能源。
三是健全节能环保政策。四是开展全民节能行动。
教育工作要继续加强。一是办好义务教育。二是发展职业教育。
"""


def test_a_list_opened_inside_a_paragraph_may_go_on_in_the_paragraphs_after_it() -> None:
    """The first item shares its paragraph with the introduction, the next ones have paragraphs of their own; a list
    that only starts in a later paragraph is no list of the answer's."""
    found = passages(SPREAD)
    item = shown_inline_item(found, [found[1]], 4)
    assert item is not None and item[0] == found[3] and found[3].text[item[1]:item[2]] == "四是开展全民节能行动。"
    assert shown_inline_item(found, [found[2]], 2) is None  # it opens no list: "二是…" is an item of another's
    second = shown_inline_item(found, [found[4]], 2)
    assert second is not None and second[0] == found[4]  # the next list stays its own, and the section ends there


def _paragraph(documents: list[Document], name: str, words: str) -> str:
    report = next(d for d in documents if d.name.startswith(name))
    return next(p.text for p in report.passages if words in p.text)


def _item(text: str, number: int) -> str | None:
    found = unnumbered_item(text, number)
    return None if found is None else text[found[0]:found[1]]


def test_a_list_written_without_numbers_is_read_from_its_semicolons_or_its_parallel_clauses(library_documents):
    """Real report sentences that list without numbers: clauses a semicolon separates (after a colon that
    introduces them, or from the sentence's start); clauses that open alike, the first one's opening words inside
    the clause before and the last joined by 也; clauses that end alike, after the clause saying what is listed."""
    semicolons = _paragraph(library_documents, "中共16大", "文化上应相互借鉴")
    assert _item(semicolons, 3).startswith("文化上应相互借鉴") and _item(semicolons, -1).startswith("安全上")
    introduced = _paragraph(library_documents, "1964", "开展比学赶帮竞赛；")
    assert _item(introduced, 1) == "要把任务交给群众讨论" and _item(introduced, 2) == "开展比学赶帮竞赛"
    opening = _paragraph(library_documents, "1992", "是否有利于提高人民的生活水平")
    assert _item(opening, 1) == "是否有利于发展社会主义社会的生产力" and _item(opening, 3) == "是否有利于提高人民的生活水平"
    joined = _paragraph(library_documents, "中共16大", "也可以谈台湾当局")
    assert _item(joined, 1).startswith("可以谈正式结束") and _item(joined, -1).startswith("也可以谈台湾当局的政治地位")
    ending = _paragraph(library_documents, "1992", "以及住房和社会保障制度的改革")
    assert _item(ending, 1) == "物价和流通体制的改革" and _item(ending, -1) == "以及住房和社会保障制度的改革"
    subject = _paragraph(library_documents, "1955", "基本建设的规模的大小问题")  # "这些问题就是…问题，…问题，…问题"
    assert _item(subject, 1) == "基本建设的规模的大小问题"
    inside = _paragraph(library_documents, "1994", "外商投资显著增加")  # 投资 opens two clauses, and ends 外商投资
    assert all(not (_item(inside, n) or "").startswith("投资显著") for n in (1, 2, 3))


def test_half_width_semicolons_and_colons_list_too() -> None:
    assert _item("主要目标是: 增长6%; 就业稳定; 物价平稳。", 2) == "就业稳定"


def test_a_sentence_without_a_list_has_no_unnumbered_items() -> None:
    assert unnumbered_item("我们要加快发展，推进改革，扩大开放，保持稳定。", 2) is None  # nothing shared
    assert unnumbered_item("坚持改革，坚持开放。", 2) is None  # two alike clauses are no list yet
    assert unnumbered_item("收入增长；支出下降。", 3) is None and unnumbered_item("收入增长；支出下降。", 0) is None


def test_of_two_lists_in_a_paragraph_the_one_the_answer_highlighted_counts() -> None:
    text = "收入增长；支出下降；结余增加。坚持改革，坚持开放，坚持创新。"
    assert _item(text, 2) == "支出下降"  # as long, and written first
    second = unnumbered_item(text, 2, marked=[(15, 30)])
    assert second is not None and text[second[0]:second[1]] == "坚持开放"
    lead = "我们主张合作。收入增长；支出下降；结余增加。"  # the highlighted sentence introduces, the next one lists
    found = unnumbered_item(lead, 3, marked=[(0, 7)])
    assert found is not None and lead[found[0]:found[1]] == "结余增加"


def test_a_numbered_list_counts_alone_and_only_when_it_opens_in_the_paragraph() -> None:
    """A numbered list shorter than the ordinal is not read again for its semicolons; a list that only opens in the
    paragraph after the answer's is another's; 首先…其次…最后 closes with 最后."""
    found = passages("一、工作\n一是稳增长，扩内需；促消费；二是调结构；三是惠民生。\n")
    assert shown_inline_item(found, [found[1]], 4, unnumbered=True) is None
    after = passages("一、工作\n今年要稳中求进，突出重点。\n一是稳增长。二是调结构。三是惠民生。\n")
    assert shown_inline_item(after, [after[1]], 2, unnumbered=True) is None
    steps = "大体分三步走。第一步，解决温饱。第二步，达到小康。第三步，基本实现现代化。"
    second = inline_item([steps], 2)
    assert second is not None and steps[second[1]:second[2]] == "第二步，达到小康。"
    ordered = "首先，稳增长；其次，调结构；最后，惠民生。"
    last = inline_item([ordered], -1)
    assert last is not None and ordered[last[1]:last[2]] == "最后，惠民生。"


def test_an_item_is_never_white_space_or_punctuation_alone() -> None:
    assert unnumbered_item("A；B；，。", 3) is None
    spaced = unnumbered_item("要看 是否有利于甲， 是否有利于乙， 是否有利于丙。", 2)
    assert spaced is not None and "要看 是否有利于甲， 是否有利于乙， 是否有利于丙。"[spaced[0]:spaced[1]] == "是否有利于乙"
