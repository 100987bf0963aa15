"""The browser chat without a browser: the ``search`` API through gradio_client against the app served
in-process on 127.0.0.1, the chat handlers a browser session calls, and the card HTML."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from gradio_client import Client

from assistant import Assistant
from assistant.cli import serve
from assistant.records import Answer, Document, Hit, Passage, Span
from assistant.render.html import answer_html, question_html
from assistant.render.record import batch_record
from assistant.search.refusal import REFUSAL
from assistant.web.app import ChatApp, Loader, refresh
from assistant.web.outline import outline_entries

HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "<script>alert('x')</script>招商队伍有什么要求？",
    '" onmouseover="alert(1)" x="',
    "javascript:alert(1)",
    "{{7*7}} ${7*7} %s %n",
    "\u202e\u0000\x1b[31m",
    "问" * 3000,
)


@pytest.fixture(scope="module")
def client(served: str) -> Client:
    return Client(served, verbose=False, analytics_enabled=False, download_files=False)


def search(client: Client, question: str, history: list[str] | None = None) -> dict[str, Any]:
    return client.predict(question, history or [], api_name="/search")


def check_contract(record: dict[str, Any], documents: dict[str, Document]) -> None:
    """One line of the batch contract: the keys, at most 5 passages, each an exact slice of its document."""
    assert set(record) == {"id", "answerable", "passages"}
    assert record["id"] is None and isinstance(record["answerable"], bool)
    assert len(record["passages"]) <= 5
    for passage in record["passages"]:
        assert passage["text"] == documents[passage["doc"]].text[passage["start"] : passage["end"]]
        for start, end in passage["highlights"]:
            assert passage["start"] <= start < end <= passage["end"]


def test_api_answers_with_the_batch_record(client: Client, assistant: Assistant) -> None:
    question = "招商队伍有什么要求？"
    record = search(client, question)
    check_contract(record, assistant.index.documents)
    assert record["answerable"] is True
    assert "招商队伍" in record["passages"][0]["text"]
    assert record == batch_record(None, assistant.answer(question))


def test_api_search_in_takes_the_documents_to_search(client: Client, assistant: Assistant) -> None:
    record = client.predict("招商队伍有什么要求？", [], ["speech"], api_name="/search_in")
    check_contract(record, assistant.index.documents)
    assert record["passages"] and all(p["doc"] == "speech.txt" for p in record["passages"])
    bad = client.predict("招商队伍有什么要求？", [], "speech", api_name="/search_in")
    assert bad["passages"] == [] and "'docs' must be a list" in bad["error"]


def test_api_follow_up_uses_the_history(client: Client, assistant: Assistant) -> None:
    record = search(client, "那配套设施呢？", ["招商队伍有什么要求？"])
    check_contract(record, assistant.index.documents)
    assert "配套设施" in record["passages"][0]["text"]
    ordinal = search(client, "那第三点呢？", ["第四部分讲了什么？"])
    assert ordinal["passages"][0]["point"].startswith("三要狠抓执行落实")


def test_api_off_topic_question_gets_the_core_record(client: Client, assistant: Assistant) -> None:
    question = "火星上今天的天气怎么样？"
    record = search(client, question)
    check_contract(record, assistant.index.documents)
    assert record == batch_record(None, assistant.answer(question))


def test_api_refuses_what_the_speech_does_not_address(client: Client, assistant: Assistant) -> None:
    record = search(client, "火星上今天的天气怎么样？")
    assert record["answerable"] is False
    check_contract(record, assistant.index.documents)  # the closest passages still come along


def test_api_answers_wrong_argument_types_with_the_error_record(served: str) -> None:
    client = Client(served, verbose=False, analytics_enabled=False, download_files=False)
    record = client.predict("招商队伍有什么要求？", "not a list", api_name="/search")
    assert record["answerable"] is False and record["passages"] == [] and "history" in record["error"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_api_survives_hostile_strings(client: Client, assistant: Assistant, hostile: str) -> None:
    check_contract(search(client, hostile, [hostile]), assistant.index.documents)


def ask(chat: ChatApp, question: str, messages: list[Any], turns: list[Any], asked: list[Any], only: str = "") -> tuple[Any, ...]:
    """Run one question through the handler as a browser session does; returns every yield."""
    return tuple(chat.respond(question, messages, turns, asked, only))


def test_chat_session_resolves_follow_ups_as_the_batch_mode_does(assistant: Assistant) -> None:
    chat = ChatApp(Loader(assistant=assistant))
    first = ask(chat, "招商队伍有什么要求？", [], [], [])
    assert [m["role"] for m in first[0][1]] == ["user", "assistant"]  # the question and a pending line at once
    assert "qa-pending" in first[0][1][-1]["content"] and "正在查找原文" in first[0][1][-1]["content"]
    _, messages, turns, asked, _ = first[-1]
    _, messages, turns, asked, kept = ask(chat, "那配套设施呢？", messages, turns, asked)[-1]
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant"]
    assert len(turns) == 2 and [r["q"] for r in asked] == ["招商队伍有什么要求？", "那配套设施呢？"]
    assert kept == {"chat": messages, "asked": asked}  # what the browser keeps across a reload
    replayed = assistant.answer("那配套设施呢？", ["招商队伍有什么要求？"])
    assert [h.passage.id for h in turns[-1].answer.hits] == [h.passage.id for h in replayed.hits]
    assert 'class="qa-card"' in messages[-1]["content"] and "<mark" in messages[-1]["content"]
    assert "理解为：接着上一问“招商队伍有什么要求？”追问" in messages[-1]["content"]


def test_chat_escapes_what_users_type(assistant: Assistant) -> None:
    chat = ChatApp(Loader(assistant=assistant))
    for hostile in HOSTILE[:3]:
        _, messages, *_ = ask(chat, hostile, [], [], [])[-1]
        shown = messages[0]["content"]
        assert "<img" not in shown and "<script" not in shown and '" onmouseover' not in shown
        assert "&lt;" in shown or "&quot;" in shown
        assert "<img" not in messages[1]["content"] and "<script" not in messages[1]["content"]
    assert question_html("a\n\nb") == '<div class="qa-question">a<br><br>b</div>'  # no blank line for markdown


def pick(chat: ChatApp, label: str, messages: list[Any], turns: list[Any], asked: list[Any], only: str = "") -> tuple[Any, ...]:
    index = next(i for i, entry in enumerate(chat.entries(only)) if entry.label.startswith(label))
    return tuple(chat.pick(index, only, [], messages, turns, asked))[-1]


def test_outline_click_becomes_a_turn_that_follow_ups_lean_on(assistant: Assistant) -> None:
    chat = ChatApp(Loader(assistant=assistant))
    messages, turns, asked, *_ = pick(chat, "三要狠抓执行落实", [], [], [])
    assert "三要狠抓执行落实" in messages[-1]["content"] and "qa-cite" in messages[-1]["content"]
    assert turns[-1].answer.hits[0].passage.point.startswith("三要狠抓执行落实")
    _, messages, turns, *_ = ask(chat, "那第一点呢？", messages, turns, asked)[-1]
    assert turns[-1].answer.hits[0].passage.point.startswith("一要加强制度建设")
    assert "理解为：第四部分第一点（接上一问）" in messages[-1]["content"]


def test_retry_edit_stop_and_restore_replay_the_recorded_exchange(assistant: Assistant) -> None:
    chat = ChatApp(Loader(assistant=assistant))
    _, messages, turns, asked, _ = ask(chat, "第五部分讲了什么？", [], [], [])[-1]
    _, messages, turns, asked, _ = ask(chat, "那第三点呢？", messages, turns, asked)[-1]
    _, again, again_turns, again_asked, _ = tuple(chat.retry(messages, turns, asked))[-1]
    assert again == messages and len(again_turns) == 2 and again_asked == asked  # the same answer, once
    text, edited, edited_turns, edited_asked, _ = chat.edit(messages, turns, asked)
    assert text == "那第三点呢？" and len(edited) == 2 and len(edited_turns) == 1 and len(edited_asked) == 1
    pending = tuple(chat.respond("招商队伍有什么要求？", messages, turns, asked, ""))[0][1]
    stopped, kept = ChatApp.stop(pending, asked)
    assert "已停止" in stopped[-1]["content"] and kept["chat"] == stopped
    restored, restored_turns, restored_asked = chat.restore({"chat": messages, "asked": asked})
    assert restored == messages and restored_asked == asked
    assert restored_turns[-1].answer.hits[0].passage.point == turns[-1].answer.hits[0].passage.point  # follow-ups work on
    assert chat.restore({"chat": "junk", "asked": [{"q": 1}]}) == ([], [], [])


def test_outline_lists_every_section_and_point(assistant: Assistant) -> None:
    document = next(iter(assistant.index.documents.values()))
    entries = outline_entries(document)
    assert [e.label for e in entries if e.level == 1][0].startswith("一、")
    assert sum(e.level == 1 for e in entries) == 8
    assert sum(e.level == 2 for e in entries) == 23  # 3+3+0+3+3+3+4+4


def test_several_documents_get_a_filter_and_titled_outlines(assistant: Assistant) -> None:
    speech = next(iter(assistant.index.documents.values()))
    copy = dataclasses.replace(speech, name="copy.txt", title="讲话副本")
    index = dataclasses.replace(assistant.index, documents={speech.name: speech, copy.name: copy})
    chat = ChatApp(Loader(assistant=Assistant(index, assistant.encoders)))
    _, header, outline, documents, _, chatbot, box = refresh(chat)
    assert documents.visible is True and ("讲话副本", "copy.txt") in documents.choices
    assert documents.multiselect is True  # several documents at once; none chosen means all
    assert "《讲话副本》" in header and "这两份讲话" in chatbot.placeholder  # worded from what is loaded
    assert chatbot.examples and box.placeholder.startswith("输入问题，例如：")
    everything = chat.entries("")
    assert [entry.label for entry in everything if entry.level == 0] == [f"《{speech.title}》", "《讲话副本》"]
    assert len(outline.samples) == len(everything)
    assert {entry.doc for entry in chat.entries("copy.txt")} == {"copy.txt"}
    messages, *_ = tuple(chat.pick(0, "copy.txt", [], [], [], []))[-1]
    assert "第一部分" in messages[-1]["content"] or "一、" in messages[-1]["content"]


def test_card_shows_place_highlight_relevance_copy_and_context(assistant: Assistant) -> None:
    answer = assistant.answer("如何让制度“长牙”“带电”？")
    html = answer_html(answer, assistant.index.documents, assistant.neighbours)
    top = answer.hits[0].passage
    assert f"{top.section} › {top.point}" in html
    assert '<mark class="qa-hl">' in html and "qa-rel" in html and "0." not in html.split("qa-rel")[1][:40]
    assert "《在领导干部务虚会上的讲话》四、把握四中全会精神，用制度破题解难 · 三要狠抓执行落实" in html  # the citation copied
    assert html.count('<details class="qa-context"') == len(answer.hits) and "查看上下文" in html


def test_refusal_is_set_apart_with_the_closest_passages(assistant: Assistant) -> None:
    answer = dataclasses.replace(assistant.answer("火星上今天的天气怎么样？"), answerable=False)
    html = answer_html(answer, assistant.index.documents, assistant.neighbours)
    assert html.index((answer.message or REFUSAL).rstrip("。")) < html.index('class="qa-maybe"') < html.index('class="qa-card"')
    assert "可能相关" in html


def test_passage_text_from_a_corpus_file_is_escaped_too() -> None:
    text = "标题\n<script>alert(1)</script>要团结。"
    passage = Passage(0, "x.txt", "paragraph", text[3:], 3, len(text), section="一、<b>节</b>", sentences=(Span(3, len(text)),))
    document = Document("x.txt", text, "<i>题</i>", passages=(passage,))
    answer = Answer("q", (Hit(passage, 0.9, (Span(28, len(text)),)),), True)
    html = answer_html(answer, {"x.txt": document}, lambda p: [p])
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and '<mark class="qa-hl">要团结。</mark>' in html


def test_page_shows_progress_until_the_assistant_is_loaded(settings: Any) -> None:
    chat = ChatApp(Loader(settings))  # never started: stays loading
    status, *_ = refresh(chat)
    assert "正在准备" in status.value and "正在加载模型" in status.value and status.visible is True


def test_command_line_binds_localhost_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRADIO_SERVER_NAME", raising=False)
    monkeypatch.delenv("GRADIO_SERVER_PORT", raising=False)
    assert serve.make_context("serve", []).params["host"] == "127.0.0.1"
    monkeypatch.setenv("GRADIO_SERVER_NAME", "0.0.0.0")
    monkeypatch.setenv("GRADIO_SERVER_PORT", "8123")
    params = serve.make_context("serve", []).params
    assert (params["host"], params["port"]) == ("0.0.0.0", 8123)
    argv = ["--host", "127.0.0.1", "--port", "9000", "--second-model", "none"]
    assert serve.make_context("serve", argv).params["second_model"] == "none"
    monkeypatch.setenv("ASSISTANT_SECOND_MODEL", "none")  # the same variable as every other command
    assert serve.make_context("serve", []).params["second_model"] == "none"
