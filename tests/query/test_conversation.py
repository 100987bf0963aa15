"""Follow-ups without an LLM: ordinals into the last section, topic carry-over, and none when not needed."""

from __future__ import annotations

from assistant.ingest.document import parse_document
from assistant.query.conversation import Turn, leans_on_context, only_an_ordinal, resolve
from assistant.records import Answer, Hit


def test_ordinal_follow_up_goes_into_the_last_section(assistant):
    answer = assistant.answer("那第三点呢？", ["第六部分讲了哪些方法？"])
    assert answer.hits[0].passage.text.startswith("三是强化有效性")


def test_ordinal_follow_up_after_a_content_question(assistant):
    answer = assistant.answer("第二个呢？", ["领导干部的主体责任是什么？"])
    assert answer.hits[0].passage.text.startswith("二是牵头责任")


def test_an_ordinal_after_an_answer_that_showed_a_list_counts_that_lists_items(assistant):
    """The answer to "哪几个特殊性" shows the list the speech introduces ("…三个“特殊性”决定的："): "那第二个呢？" is
    its second item, named in the user's words; an English ordinal is named as 第N项."""
    answer = assistant.answer("那第二个呢？", ["讲话说今年有哪几个特殊性？"])
    assert answer.mode == "outline" and answer.hits[0].passage.text.startswith("第二，今年是贯彻十九届四中全会精神的开局之年")
    assert answer.message == "上一个回答所列的第二个。" and answer.hits[1].passage.text.endswith("决定的：")
    english = assistant.answer("What about the second point?", ["讲话说今年有哪几个特殊性？"])
    assert english.hits[0].passage.text.startswith("第二，今年是") and english.message == "上一个回答所列的第二项。"


def test_an_ordinal_with_nothing_distinctive_counts_the_last_answers_points(assistant):
    """No "那…呢" to say it leans on the conversation, but nothing besides the ordinal to stand on its own."""
    answer = assistant.answer("第二个具体要求怎么做？", ["领导干部的主体责任是什么？"])
    assert answer.mode == "outline" and answer.hits[0].passage.text.startswith("二是牵头责任")
    assert only_an_ordinal("第三个是什么？") and only_an_ordinal("第二个要求是什么？")
    assert not only_an_ordinal("第二个五年计划讲了什么？") and not only_an_ordinal("第二条讲安全生产吗？")


def test_asking_for_details_keeps_the_earlier_topic_in_the_lead(library_assistant):
    """"具体怎么做？" names nothing new: the earlier question's ranking leads and the new words only reorder it
    (its own ranking once put a passage on army reform first after a question on state enterprises)."""
    from assistant.query.conversation import resolve

    earlier = library_assistant.converse("1980年的报告对能源是怎么安排的？")
    assert resolve("具体怎么做？", [earlier]).earlier_leads
    assert not resolve("投资呢？", [earlier]).earlier_leads and not resolve("具体讲讲核电站", [earlier]).earlier_leads
    # a count or pointer with its measure word names no topic, though jieba's dictionary reads 两条 as rare
    assert resolve("另外两条呢？", [earlier]).earlier_leads and resolve("其余几项呢？", [earlier]).earlier_leads
    assert not resolve("那这笔钱花在核电站上吗？", [earlier]).earlier_leads
    details = library_assistant.answer("具体怎么做？", ["1980年的报告对能源是怎么安排的？"])
    assert details.hits[0].passage.id in [hit.passage.id for hit in earlier.answer.hits[:3]]


def test_a_bare_part_after_an_outline_answer_asks_for_that_part_and_after_a_search_scopes_it(assistant):
    after_outline = assistant.answer("那第三部分呢？", ["讲话分几部分？"])
    assert after_outline.mode == "outline" and after_outline.message.startswith("第三部分：")
    after_search = assistant.answer("那第七部分呢？", ["第八部分对作风建设有什么要求？"])
    assert after_search.mode == "search" and all(h.passage.section.startswith("七、") for h in after_search.hits[:3])


def test_topic_carries_over_to_an_elliptical_question(assistant):
    answer = assistant.answer("那具体怎么落实？", ["制度执行上要下什么功夫？"])
    assert any("制度执行" in h.passage.text for h in answer.hits[:2])


def test_a_common_noun_after_the_topic_is_a_new_topic(assistant):
    """"那教育呢？" after a question on 营商环境: 教育, 工业, 经济 are common in general Chinese (no rarity), but nouns
    that name a topic; read as naming nothing, the earlier topic led the ranking. Light nouns stand for any topic."""
    earlier = assistant.converse("讲话对营商环境怎么说？")
    for question in ("那教育呢？", "对工业呢？", "那经济呢？"):
        assert not resolve(question, [earlier]).earlier_leads, question
    for question in ("这个问题呢？", "工作上呢？", "详细说说"):
        assert resolve(question, [earlier]).earlier_leads, question
    answer = assistant.converse("那教育呢？", [earlier]).answer
    assert "教育" in answer.hits[0].passage.text


def test_a_question_naming_nothing_of_its_own_continues_the_last_topic(assistant):
    """"效果怎么样？", "原话是怎么说的？" after a question: no marker of a follow-up, and no word of a topic of their
    own (only what one asks of any topic: effects, measures, wording), so they ask about the last topic and are
    judged by it. Alone, "效果怎么样？" was searched for 效果 anywhere and refused."""
    from assistant.query.conversation import resolve

    earlier = assistant.converse("制度执行上要下什么功夫？")
    for question in ("效果怎么样？", "原话是怎么说的？", "具体有哪些措施？", "有没有时间表？", "存在哪些问题？", "下一步呢？"):
        resolution = resolve(question, [earlier])
        assert resolution.carry == earlier.question and resolution.earlier_leads, question
        answer = assistant.answer(question, ["制度执行上要下什么功夫？"])
        assert answer.answerable and "制度执行" in answer.hits[0].passage.text, question
    assert not resolve("效果怎么样？", [earlier], names_documents=True).carry  # "讲话的效果…": a question of its own
    for question in ("安全生产有什么要求？", "教育怎么样？", "你是谁？", "好的", "人口政策是什么？"):
        own = resolve(question, [earlier])  # a topic, or small talk, of its own: it leads, the earlier one only tints
        assert own.tinted and not own.earlier_leads and not own.judged_by_earlier, question
    assert "安全生产" in assistant.answer("安全生产有什么要求？", ["制度执行上要下什么功夫？"]).hits[0].passage.text
    refused = assistant.converse("红烧肉怎么做才能肥而不腻？")
    assert not refused.answer.answerable and not resolve("安全生产有什么要求？", [refused]).carry  # no topic to lend
    # the topic stays through a chain of such questions: the second asks about the first's topic, not about "措施"
    details = assistant.converse("具体有哪些措施？", [earlier])
    assert resolve("效果怎么样？", [earlier, details]).carry == earlier.question


def test_an_ordinal_counting_what_the_earlier_question_named_stays_in_its_answer(assistant):
    """The speech lists its “四个注重” inside one paragraph ("注重…。注重抓根本抓制度。…"): "第二个注重" counts those,
    not the points of the section that paragraph is in (it answered "二是务实确定今年目标任务")."""
    answer = assistant.answer("那第二个注重具体要干什么？", ["讲话里说的“四个注重”是哪四个？"])
    assert "注重抓根本抓制度" in answer.hits[0].passage.text
    # the earlier question named 重点工作 without counting it: the ordinal counts the outline's points
    outline = assistant.answer("那第二项工作呢？", ["今年的重点工作有哪些？"])
    assert outline.mode == "outline"


def test_a_standalone_question_is_not_bent_by_history(assistant):
    alone = assistant.answer("招商队伍有什么要求？")
    after = assistant.answer("招商队伍有什么要求？", ["第八部分讲了什么？"])
    assert after.hits[0].passage.id == alone.hits[0].passage.id


def test_what_leans_on_context():
    assert leans_on_context("那牵头责任呢？") and leans_on_context("具体怎么做？") and leans_on_context("其中第二条")
    assert leans_on_context("这笔钱主要用在哪里") and leans_on_context("那些措施落实了吗") and leans_on_context("这项工作谁负责")
    assert not leans_on_context("招商队伍有什么要求？") and not leans_on_context("这次会议的主题是什么")


def test_chat_turns_and_batch_history_agree(assistant):
    turns = [assistant.converse("第五部分讲了什么？")]
    chat = assistant.converse("第二点呢？", turns).answer
    batch = assistant.answer("第二点呢？", ["第五部分讲了什么？"])
    assert [h.passage.id for h in chat.hits] == [h.passage.id for h in batch.hits]
    assert chat.hits[0].passage.text.startswith("二是产业要协同提升")


def test_asking_for_more_returns_what_was_not_shown(assistant):
    """The speech names 营商环境 in one paragraph, which the first answer showed: what is left only touches on it.
    Whether that is judged an answer is the model's call; refused, the reason must not say the speech never spoke
    of it ("没有谈到这个问题") but that it said no more."""
    first = assistant.converse("讲话里哪些地方谈到了营商环境？")
    more = assistant.converse("还有别的吗？", [first]).answer
    shown = {hit.passage.id for hit in first.answer.hits}
    assert more.hits and shown.isdisjoint(hit.passage.id for hit in more.hits)
    assert more.answerable or more.message == "《在领导干部务虚会上的讲话》里没有更多谈到这个问题的内容了。"
    assert "没有谈到" not in more.message
    english = resolve("anything else?", [first])  # asked in English, it asks for more too
    assert english.more and english.carry == first.question
    # asked again, it is still about 营商环境, and shows nothing either answer showed
    second = assistant.converse("还有别的吗？", [first])
    third = assistant.converse("还有吗？", [first, second])
    assert third.resolution.carry == first.question
    assert shown.isdisjoint(h.passage.id for h in third.answer.hits)
    assert {h.passage.id for h in second.answer.hits}.isdisjoint(h.passage.id for h in third.answer.hits)
    # more of a refused answer is that refusal again, never "no more" (which says the speech spoke of it)
    refused = assistant.converse("讲话对碳达峰有什么要求？")
    again = assistant.converse("还有别的吗？", [refused]).answer
    assert not refused.answer.answerable and not again.answerable and again.message == refused.answer.message
    assert resolve("还有别的吗？", [refused]).refused == refused.answer.message


def test_asking_for_details_of_an_outline_answer_reads_that_point(assistant):
    """"详细说说" after "第四部分第一点是什么？": the point the outline answer gave is the topic (it was the words
    "第四部分第一点是什么", searched), 详细 asks for more and names nothing, and what is judged is that point."""
    outline = assistant.answer("第四部分第一点是什么？")
    assert outline.mode == "outline" and outline.hits
    point = outline.hits[0].passage
    details = assistant.answer("详细说说", ["第四部分第一点是什么？"])
    assert details.answerable and details.hits[0].passage.section_no == point.section_no
    assert point.text[:8] in details.hits[0].passage.text or details.hits[0].passage.id == point.id + 1


def test_a_follow_up_naming_only_another_document_is_judged_by_the_earlier_question(library_assistant):
    """"What about the 1975 report?" has no topic of its own: the earlier question is asked of the 1975 report and
    the verdict is that question's there, not that of the English words "what about the" (once refused)."""
    answer = library_assistant.answer("What about the 1975 report?", ["1980年的报告对农业是怎么安排的？"])
    assert {hit.passage.doc for hit in answer.hits} == {"1975年政府工作报告.txt"} and answer.answerable


def test_only_a_follow_up_asking_for_more_or_naming_a_document_is_judged_by_the_earlier_question(library_assistant):
    """"你是谁呢？" and "在吗？" name nothing either, but ask nothing of the topic: they keep their own verdict."""
    from assistant.query.conversation import resolve

    earlier = library_assistant.converse("1980年的报告对能源是怎么安排的？")
    assert resolve("详细说说", [earlier]).judged_by_earlier
    assert resolve("呢？", [earlier], names_documents=True).judged_by_earlier
    assert not resolve("你是谁呢？", [earlier]).judged_by_earlier and not resolve("在吗？", [earlier]).judged_by_earlier
    inventory = library_assistant.converse("有哪些文档？")
    assert resolve("讲了什么？", [inventory], names_documents=True).request is None  # only a part or point is asked again


def test_the_nth_thing_counts_what_the_last_answer_listed_never_the_outline():
    """"第三件是什么？" (件: things done or to do) after an answer: the third of what it listed, or its topic searched,
    never the third point of the part it was in (a text written here, parsed by the real ingest code)."""
    text = "一、今年的工作\n今年重点抓好三件事：一是推行合作医疗。二是发展社区卫生。三是启动医疗保险试点。\n"
    first = parse_document("report.txt", text).passages[1]
    last = Turn("今年重点抓哪几件事？", Answer("今年重点抓哪几件事？", (Hit(first, 1.0),), True))
    resolution = resolve("第三件是什么？", [last])
    assert resolution.ordinal == 3 and resolution.request is None and resolution.carry
    assert resolve("那最后一件呢？", [last]).ordinal == -1
    assert only_an_ordinal("第三件是什么？") and not only_an_ordinal("第三件大事是防汛抗旱吗？")


def test_the_nth_thing_after_a_search_answer_searches_its_topic(assistant):
    """The answer to "产业强市有哪些具体要求？" opens with its points (一是…二是…三是…, each a paragraph of its own):
    "第三件是什么？" counts them, with the earlier question leading the search."""
    answer = assistant.answer("第三件是什么？", ["讲话里产业强市有哪些具体要求？"])
    assert answer.hits[0].passage.text.startswith("三是经济要协同发展")


def test_which_part_asked_of_the_last_answer_is_its_parts_heading(assistant):
    """"这是第几部分讲的？" names nothing but a pointer back: the earlier question is searched and judged again, and
    the heading of the part holding its answer comes first (首问责任 is the third point of part 七)."""
    answer = assistant.answer("这是第几部分讲的？", ["首问责任制是怎么要求的？"])
    assert answer.answerable and answer.hits[0].passage.text == "七、把握职责使命，切实履职尽责"
    assert answer.hits[1].passage.text.startswith("三是首问责任")
    assert only_an_ordinal("第二个是什么？")  # unchanged: an ordinal alone still counts the last answer's points
    # after an outline answer the part is the one it showed, not one searched for again
    shown = assistant.answer("它属于哪一部分？", ["第三部分第二点是什么？"])
    assert shown.mode == "outline" and shown.message.startswith("第三部分：三、把握形势挑战")


def test_a_question_that_only_asks_how_another_document_says_it_carries_the_topic(library_assistant):
    """"1975年的报告怎么说？" after a question on saving energy asks the 1975 report about saving energy (it never
    writes 节约能源, and the refusal says so, pointing at the 1980 report), not about "怎么说"."""
    answer = library_assistant.answer("1975年的报告怎么说？", ["1980年的报告对节约能源有什么要求？"])
    assert not answer.answerable and "节约能源" in answer.message and "1980" in answer.message
    assert answer.documents == ("1975年政府工作报告.txt",)
    # a topic of its own, however common a word (农业), is a question of its own
    own = library_assistant.answer("1975年的报告对农业怎么说？", ["1980年的报告对节约能源有什么要求？"])
    assert "节约能源" not in own.message and own.resolved.startswith("对农业")


def test_a_follow_up_naming_a_document_by_its_demonstrative_and_genre_is_judged_by_the_earlier_question(library_assistant):
    """"那篇讲话里呢？": the document's name (讲话) is cut, and what is left, "那篇…里呢", leans on the conversation as
    "那…呢" does; it used to be read as asking about "篇" and was refused."""
    answer = library_assistant.answer("那篇讲话里呢？", ["1980年的报告对安全生产有什么要求？"])
    assert answer.answerable and answer.documents == ("speech.txt",)
    assert "安全生产" in answer.hits[0].passage.text


def test_an_ordinal_after_a_content_answer_counts_a_list_its_paragraph_writes_without_numbers(library_assistant):
    """The 1975 report writes "统一认识，统一政策，统一计划，统一指挥，统一行动" without numbers, in a section-less text:
    "第二个是什么？" after the answer that showed it is 统一政策, quoted in the answer's line, and "最后一个呢？" 统一行动.
    After an outline answer an ordinal stays the outline's: "第三条呢？" is the part's third point."""
    history = ["1975年的报告对遵守纪律、执行民主集中制有什么要求？"]
    second = library_assistant.answer("第二个是什么？", history)
    assert second.mode == "outline" and second.message == "上一个回答所列的第二个：统一政策。"
    passage, (span,) = second.hits[0].passage, second.hits[0].highlights  # the item alone is highlighted
    assert passage.text[span.start - passage.start : span.end - passage.start] == "统一政策"
    assert library_assistant.answer("最后一个呢？", history + ["第二个是什么？"]).message.endswith("：统一行动。")
    third = library_assistant.answer("第三个呢？", history + ["第二个是什么？"])  # an item's answer is no outline answer
    assert third.message == "上一个回答所列的第三个：统一计划。"
    point = library_assistant.answer("第三条呢？", ["讲话第六部分的第一条是什么？"])
    assert point.hits[0].passage.text.startswith("三是强化有效性")
    refused = library_assistant.answer("第二个是什么？", ["？"])  # its closest passage is "各位代表：", no list
    assert not refused.message.startswith("上一个回答所列")
    named = library_assistant.answer("那第五个五年计划呢？", ["1980年的报告说第六个五年计划怎么安排？"])
    assert named.mode == "search"  # a sibling of the earlier question's name: that question asked of it, no count


def test_an_ordinal_of_what_the_earlier_question_asked_for_counts_its_answers_list():
    """"第三个目标是多少" after "主要预期目标有哪些？" counts the targets the answer listed (the question asked which
    targets), searched in the earlier question's topic; "第三个方面呢？" may count such a list too, "第三部分呢？" never."""
    text = "一、今年的工作\n今年的主要预期目标是：增长7%左右；涨幅3%左右；新增就业1000万人以上。\n"
    first = parse_document("report.txt", text).passages[1]
    last = Turn("今年的主要预期目标有哪些？", Answer("今年的主要预期目标有哪些？", (Hit(first, 1.0),), True))
    resolution = resolve("第三个目标是多少", [last])
    assert resolution.ordinal == 3 and resolution.carry == "今年的主要预期目标有哪些？"
    counted = Turn("第三个目标是多少", Answer("第三个目标是多少", (Hit(first, 1.0),), True), resolution)
    assert counted.topic == "今年的主要预期目标有哪些？"  # "具体怎么做？" next asks about the targets, not "第三个目标"
    assert resolve("那第三个方面呢？", [last]).ordinal == 3 and resolve("那第三部分呢？", [last]).ordinal == 0
    assert resolve("最后一个是什么？", [last]).ordinal == -1 and resolve("第三块是什么？", [last]).ordinal == 3
    assert resolve("另一方面是什么？", [last]).ordinal == 2  # after "一方面…"; alone it asks for nothing
    assert resolve("另一方面是什么？", []).request is None
    assert resolve("第4个方面是什么？", [last]).ordinal == 4 and resolve("那最后一个方面呢？", [last]).ordinal == -1
    asked_what = resolve("第二个是什么？", [Turn("要建设一个什么样的社会？", last.answer)])
    assert asked_what.request is not None and asked_what.request.point == 2  # "一个什么样" counts nothing: a point
    fourth = resolve("第四个方面是什么？", [last])  # no "那…呢", still the list's, and the part if it lists none
    assert fourth.ordinal == 4 and fourth.request is not None and fourth.request.section == 4
    assert resolve("第四部分是什么？", [last]).ordinal == 0
    worded = Turn("有哪些重大缺陷？", Answer("有哪些重大缺陷？", (Hit(first, 1.0),), True))
    assert resolve("第三个缺陷是什么？", [worded]).ordinal == 3  # the noun asked for, a word between
    assert resolve("第三个指标是什么？", [last]).ordinal == 3  # another noun, after a question asking for several
    steps = Turn("“三步走”是怎么安排的？", last.answer)
    assert resolve("第二步要达到什么程度？", [steps]).ordinal == 2  # the unit the earlier question counted in
