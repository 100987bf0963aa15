"""Many documents, one assistant, on real models and real texts: the speech beside two real government work
reports. A named document answers alone, the conversation keeps it, outline and compare questions answer per
document, refusals say what was searched, and the speech's own questions are not crowded out."""

from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.render.cards import split_cards
from assistant.search import answer_model
from assistant.search.documents import Scope, choose

from conftest import SMOKE

R1980, R1975, SPEECH = "1980年政府工作报告.txt", "1975年政府工作报告.txt", "speech.txt"


def docs(answer) -> set[str]:  # type: ignore[no-untyped-def]
    return {hit.passage.doc for hit in answer.hits}


def test_a_named_document_answers_alone(library_assistant: Assistant) -> None:
    for question in ("1980年的报告对能源是怎么安排的？", "八〇年那份报告对能源怎么安排？", "What does the 1980 report say about energy?"):
        answer = library_assistant.answer(question)
        assert answer.answerable and docs(answer) == {R1980} and answer.documents == (R1980,), question
    assert docs(library_assistant.answer("讲话里对营商环境怎么说？")) == {SPEECH}


def test_a_point_written_as_its_title_alone_is_answered_by_its_body_cited_with_its_label(library_assistant: Assistant) -> None:
    """The 1980 report writes "第三，加强材料工业，…" on a line of its own and the substance in the paragraphs after it."""
    first = library_assistant.answer("1980年的报告对材料工业有什么安排？").hits[0].passage
    assert first.doc == R1980 and first.kind == "paragraph" and first.body
    assert first.point.startswith("第三，加强材料工业") and "材料" in first.text


def test_the_conversation_keeps_its_document_until_another_is_named(library_assistant: Assistant) -> None:
    history = ["1980年的报告对能源是怎么安排的？"]
    assert docs(library_assistant.answer("具体怎么做？", history)) == {R1980}
    assert docs(library_assistant.answer("投资呢？", history)) == {R1980}
    outline = library_assistant.answer("第二部分讲了什么？", history)  # the conversation's document, not each
    assert outline.mode == "outline" and docs(outline) == {R1980}
    assert docs(library_assistant.answer("讲话对安全生产有什么要求？", history)) == {SPEECH}


def test_a_follow_up_that_names_only_another_document_asks_it_the_same(library_assistant: Assistant) -> None:
    """"讲话呢？" after "1980年的报告第二部分讲了什么？" asks the speech's second part (it was searched for "呢" in the
    speech); "那1975年的呢？" names the 1975 report as "那1975年那份呢？" does (a year's 的 stands for the document)."""
    history = ["1980年的报告第二部分讲了什么？"]
    speech = library_assistant.answer("讲话呢？", history)
    assert speech.mode == "outline" and docs(speech) == {SPEECH} and speech.message.startswith("第二部分")
    for follow_up in ("那1975年的呢？", "那1975年那份呢？"):  # the 1975 report is searched (whatever it says of energy)
        answer = library_assistant.answer(follow_up, ["1980年的报告对能源是怎么安排的？"])
        assert answer.documents == (R1975,) and answer.hits[0].passage.doc == R1975


def test_an_outline_question_without_a_document_answers_for_each_that_has_the_part(library_assistant: Assistant) -> None:
    answer = library_assistant.answer("第二部分讲了什么？")
    assert answer.mode == "outline" and docs(answer) == {SPEECH, R1980}
    assert "两份文档都有" in answer.message and "《1980年政府工作报告》" in answer.message
    assert "《1975年政府工作报告》没有这一部分" in answer.message  # a report without numbered parts says so
    assert "共八个部分" in library_assistant.answer("讲话分几部分？").message  # one named: that one only


def test_a_follow_up_to_an_outline_answered_for_each_document_asks_each_of_them(library_assistant: Assistant) -> None:
    # "第二部分讲了什么？" was answered for the speech and the 1980 report: "那第三点呢？" asks both again
    # rather than the first card's document alone (which once answered "共0点").
    follow = library_assistant.answer("那第三点呢？", ["第二部分讲了什么？"])
    alone = {doc: library_assistant.answer(f"{name}第二部分第三点是什么？") for doc, name in ((SPEECH, "讲话"), (R1980, "1980年的报告"))}
    # a document that numbers no points in that part answers with its third paragraph, and only when asked alone
    having = {doc for doc, answer in alone.items() if answer.mode == "outline" and answer.hits and "不分点" not in answer.message}
    assert having, "neither document has a second part with a third point: the test would prove nothing"
    assert follow.mode == "outline" and docs(follow) == having, follow.message
    assert "共0点" not in follow.message


def test_an_outline_question_that_says_what_the_part_is_about_answers_from_the_documents_whose_part_does(library_assistant: Assistant) -> None:
    """Both documents have a second part; the words beside the reference say which one is meant, and the
    follow-up stays there."""
    for question, doc in (("批评打造“盆景”的第二部分讲了什么？", SPEECH), ("第二部分讲冶金、化工调整的，讲了什么？", R1980)):
        answer = library_assistant.answer(question)
        assert answer.mode == "outline" and docs(answer) == {doc}, answer.message
        assert "两份文档有这一部分，只看谈到" in answer.message
        assert docs(library_assistant.answer("那第三部分呢？", [question])) == {doc}
    assert docs(library_assistant.answer("第二部分讲了什么？")) == {SPEECH, R1980}  # nothing said: each


def test_a_question_about_a_document_that_is_not_loaded_says_so(library_assistant: Assistant) -> None:
    answer = library_assistant.answer("2019年的报告对能源是怎么安排的？")
    assert not answer.answerable and "已载入的文档里没有2019年的报告" in answer.message
    assert all(hit.score <= 0.45 for hit in answer.hits)  # what is there is shown as nearby at best
    both = library_assistant.answer("1980年和2019年的报告对能源是怎么安排的？")
    assert both.answerable and docs(both) == {R1980} and "没有2019年的报告" in both.message


def test_a_comparison_leads_with_the_best_passage_of_each_document(library_assistant: Assistant) -> None:
    answer = library_assistant.answer("务虚会讲话和1980年的报告对安全生产分别怎么说？")
    assert {hit.passage.doc for hit in answer.hits[:2]} == {SPEECH, R1980}
    assert "安全生产" in answer.hits[0].passage.text


def test_a_named_document_that_does_not_address_the_question_says_so_and_which_does(library_assistant: Assistant) -> None:
    # (the model decides which near-topic questions it refuses; this one it refuses, and the wording is what is
    # checked)
    answer = library_assistant.answer("1975年的报告对“散乱污”企业怎么处理？")
    assert not answer.answerable
    assert answer.message.startswith("《1975年政府工作报告》没有谈到这个问题；《在领导干部务虚会上的讲话》谈到了")
    # the named report's best passage first (what was asked about), then the speech's that addresses it
    assert [hit.passage.doc for hit in answer.hits[:2]] == [R1975, SPEECH]
    # the signals are the named report's, which the verdict was read from, not those of the wider search
    model, signals = answer_model.shipped(), dict(answer.signals)
    assert model.raw(signals) < model.threshold and signals["known_share"] < 1.0
    # the other document's passages are not an answer: the chat folds them, and the sentence says where
    cards = split_cards(answer)
    assert not cards.answering and cards.rest and answer.message.endswith(f"见下方“{cards.rest_title}”。")
    # learn's answerability model decides (it answers "这几份文档对人工智能大模型有什么部署？", a near-topic
    # question the removed topic rule refused); the wording for every document is what this checks
    nowhere = library_assistant.answer("这几份文档里，周末去哪里钓鱼比较好？")
    assert not nowhere.answerable and "这几份文档都没有谈到这个问题" in nowhere.message


def test_typo_correction_reads_only_the_searched_documents_words(library_assistant: Assistant) -> None:
    speech_words = library_assistant.reader.corrector_for((SPEECH,)).words
    report_words = library_assistant.reader.corrector_for((R1980,)).words
    assert "能源" in report_words and "能源" not in speech_words
    answer = library_assistant.answer("讲话分几部分？")
    assert "已按" not in answer.message and answer.message.startswith("《在领导干部务虚会上的讲话》共八个部分")


def test_the_document_filter_bounds_every_search_and_says_what_it_hid(library_assistant: Assistant) -> None:
    answer = library_assistant.answer("1980年的报告对能源是怎么安排的？", documents=["speech.txt"])
    assert docs(answer) <= {SPEECH} and "不在所选文档中" in answer.message
    assert docs(library_assistant.answer("有哪些主要任务？", documents=["1980年政府工作报告"])) == {R1980}


@pytest.mark.parametrize("question,expected", SMOKE)
def test_the_speechs_own_questions_are_not_crowded_out(library_assistant: Assistant, question: str, expected: str) -> None:
    top = library_assistant.answer(question).hits[:3]
    assert any(hit.passage.doc == SPEECH and expected in hit.passage.text for hit in top)


def test_scope_keeps_named_then_conversation_then_filter() -> None:
    assert choose(["a"], [], ["b"], True) == Scope(("a",), ("a",))
    assert choose([], [], ["b"], True) == Scope(("b",), carried=True)
    assert choose([], [], ["b"], False) == Scope()
    assert choose(["a"], ["c"], [], False) == Scope(("c",), hidden=("a",), within=("c",))
    assert choose(["a", "b"], [], [], False).compared == ("a", "b")


def test_a_policy_term_only_another_document_writes_sends_the_reader_there(library_assistant: Assistant) -> None:
    """The term veto within a named document: 1975's report never writes 营商环境, the speech does, and the
    sentence names the word and where it is; no loaded document writes 碳达峰, and the refusal names it for all."""
    elsewhere = library_assistant.answer("1975年的报告对营商环境是怎么要求的？")
    assert not elsewhere.answerable
    # jieba cuts 营商 + 环境: the refusal names the term as the question writes it
    assert elsewhere.message.startswith("《1975年政府工作报告》没有提到“营商环境”；《在领导干部务虚会上的讲话》谈到了")
    nowhere = library_assistant.answer("这几份报告对碳达峰是怎么部署的？")
    assert not nowhere.answerable and nowhere.message == "这几份文档都没有提到“碳达峰”。"
    # asked for more, the refusal is said again once: it was "…；《讲话》谈到了…；《讲话》谈到了…"
    first = library_assistant.converse("1975年的报告对营商环境是怎么要求的？")
    more = library_assistant.converse("还有别的吗？", [first]).answer
    assert not more.answerable and more.message == first.answer.message and more.message.count("谈到了") == 1


def test_a_stated_count_of_a_list_in_the_text_takes_its_item(library_assistant: Assistant) -> None:
    """"分了六个方面，第二个方面" about energy saving: the 1980 report's six measures ("准备采取如下措施："), not the
    second of its parts, nor the second of the part that happens to number six points."""
    answer = library_assistant.answer("1980年报告讲能源节约的措施分了六个方面，第二个方面是什么？")
    assert answer.hits[0].passage.text.startswith("逐步改变工业结构和产品结构")
    assert "节约方面" in answer.hits[1].passage.text  # the introduction follows its item


def test_which_documents_there_are_is_answered_with_every_title(library_assistant: Assistant) -> None:
    """"有哪些文档" was searched as a topic and refused ("这几份文档都没有谈到这个问题"); "标题是什么" over three
    documents said "只有《…讲话》", as if the reports (titled by their file names) had none."""
    for question in ("有哪些文档？", "一共有几份文件？", "What documents are loaded?", "标题是什么？"):
        answer = library_assistant.answer(question)
        assert answer.mode == "outline" and answer.answerable, question
        assert answer.message.startswith("共三份文档：") and "《1975年政府工作报告》" in answer.message, question
    assert library_assistant.answer("有哪些文件提到了能源？").mode != "outline"  # which documents say something: a search
    # asked in a conversation about one document, it still lists them all (that document's title alone, once)
    assert library_assistant.answer("有哪些文档？", ["讲话对安全生产有什么要求？"]).message.startswith("共三份文档：")


def test_a_name_policy_prose_began_to_use_after_the_named_document_was_written_refuses(library_assistant: Assistant) -> None:
    """计划生育 entered the reports in 1978 (``policy_terms.first``): the 1975 report cannot speak of it in any
    words, and the 1980 one does; a doubtful verdict on 1975 becomes a refusal that names the word and where it is.
    The 1980 report writes the word, so the same question asked of it is the control: answered."""
    later = library_assistant.answer("1975年的报告对计划生育有什么要求？")
    assert not later.answerable
    assert later.message.startswith("《1975年政府工作报告》没有提到“计划生育”；《1980年政府工作报告》谈到了")
    assert library_assistant.answer("1980年的报告对计划生育有什么要求？").answerable


def test_a_confident_answer_stands_whatever_its_words_dates(library_assistant: Assistant, monkeypatch) -> None:
    """Above the doubt level the model's verdict stands: with the level at 0, the 1975 question about 计划生育 is
    judged by the model alone (the rule does not fire), and its verdict carries no anachronism."""
    from assistant.search import judge

    monkeypatch.setattr(judge, "DOUBT", 0.0)
    answer = library_assistant.answer("1975年的报告对计划生育有什么要求？")
    assert dict(answer.signals)["anachronism"] == 0.0 and "计划生育" not in answer.message


def test_a_topic_inside_a_part_is_searched_in_that_part_of_every_document(library_assistant: Assistant) -> None:
    """No document named, none in the conversation: "第一部分提到的…" asks of every searched document's part one, as
    an outline question does (it was the corpus's first document's part one only)."""
    answer = library_assistant.answer("第一部分提到的三个特殊性分别是什么？")
    assert answer.mode == "search" and answer.hits[0].passage.doc == SPEECH
    assert all(hit.passage.section_no == 1 for hit in answer.hits[:3])
