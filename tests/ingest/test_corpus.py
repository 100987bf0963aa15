"""The parser on the real speech (every section and point, exact offsets) and on the real library."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.ingest.corpus import load_corpus, parse_document, read_document
from assistant.errors import CorpusError
from assistant.text import shown_text

from conftest import SHARED, SPEECH


@pytest.fixture(scope="module")
def speech():
    return read_document(SPEECH.parent, SPEECH)


def test_front_matter_and_title(speech):
    first_line = SPEECH.read_text(encoding="utf-8").splitlines()[0]
    assert speech.notice == first_line  # the reprint notice is attribution, not an answer
    assert speech.title == "在领导干部务虚会上的讲话"
    assert all(first_line not in p.text for p in speech.passages)


def test_every_section_heading_is_found_in_order(speech, speech_text):
    expected = [line for line in speech_text.splitlines() if re.match(r"^[一二三四五六七八九十]+、", line)]
    assert [h.text for h in speech.headings] == expected
    assert [h.number for h in speech.headings] == list(range(1, len(expected) + 1))


def test_every_point_is_found_with_its_number(speech, speech_text):
    marker = re.compile(r"^(第[一二三四五六七八九十]+，|[一二三四五六七八九十]+[是要])")
    lines = [line for line in speech_text.splitlines() if marker.match(line)]
    points = [p for p in speech.passages if p.kind in ("point", "window") and p.point_no]
    assert sorted({p.paragraph_no for p in points}) == [speech_text.splitlines().index(line) for line in lines]
    for passage in points:
        assert passage.point and passage.text.startswith(passage.point.split("，")[0])
    assert [p.point_no for p in points if p.section_no == 7] == [1, 2, 3, 4]


def test_offsets_are_exact_for_every_passage_and_sentence(speech):
    for passage in speech.passages:
        assert speech.text[passage.start : passage.end] == passage.text
        assert passage.sentences[0].start == passage.start and passage.sentences[-1].end == passage.end
        for span in passage.sentences:
            assert passage.start <= span.start < span.end <= passage.end


def test_unnumbered_paragraphs_keep_their_section(speech):
    plain = [p for p in speech.passages if p.kind == "paragraph"]
    assert plain[0].section_no == 0  # the opening paragraph comes before the first heading
    assert any(p.section.startswith("三、") and not p.point for p in plain)


def test_placeholders_are_kept_verbatim(speech):
    assert any("X工作要突出XX" in p.text for p in speech.passages)


def test_long_paragraphs_become_windows_of_whole_sentences():
    sentence = "这是一个用来测试窗口切分的完整句子，内容没有任何特别之处。"
    text = "标题\n" + "一是" + sentence * 40 + "\n"
    document = parse_document("long.txt", text)
    windows = [p for p in document.passages if p.kind == "window"]
    assert len(windows) > 1
    assert all(len(w.text) <= 600 and w.text.endswith("。") for w in windows)
    assert all(w.point.startswith("一是") and w.paragraph_no == 1 for w in windows)
    assert "".join(w.text for w in windows) == text.splitlines()[1]


def test_unreadable_file_names_itself_and_others_still_load(tmp_path: Path):
    (tmp_path / "good.txt").write_text("好文件\n一、第一部分\n正文内容。\n", encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes("标题\n一、第一部分\n用国标码保存的正文内容。\n".encode("gbk"))
    (tmp_path / "bad.txt").write_bytes(b"%PDF-1.4\n\x00\x01\x02binary")
    documents, problems = load_corpus(tmp_path)
    assert [d.name for d in documents] == ["gbk.txt", "good.txt"]  # a GBK file is read, not skipped
    assert len(problems) == 1 and "bad.txt" in problems[0] and "二进制" in problems[0]
    with pytest.raises(CorpusError, match="bad.txt"):
        read_document(tmp_path, tmp_path / "bad.txt")


def test_second_level_headings_and_points_nest():
    text = "报告\n一、总体要求\n（一）稳增长\n第一，扩大内需。\n第二，稳定外需。\n（二）促改革\n1.深化改革。\n二、具体任务\n——推进创新。\n"
    document = parse_document("nested.txt", text)
    by_text = {p.text: p for p in document.passages}
    assert by_text["第二，稳定外需。"].section == "一、总体要求 › （一）稳增长"
    assert by_text["第二，稳定外需。"].point_no == 2
    assert by_text["1.深化改革。"].section.endswith("（二）促改革")
    assert by_text["——推进创新。"].section == "二、具体任务" and by_text["——推进创新。"].point_no == 1


@pytest.mark.skipif(not (SHARED / "library").is_dir(), reason="../shared/library is not beside the project")
def test_library_parses_with_exact_offsets_and_sensible_structure():
    documents, problems = load_corpus(SHARED / "library")
    assert not problems and len(documents) >= 60
    with_sections = 0
    for document in documents:
        assert document.title
        for passage in document.passages:
            assert shown_text(document.text[passage.start : passage.end]) == passage.text
            assert len(passage.text) <= 600
        numbers = [h.number for h in document.headings if h.level == 1]
        assert numbers == list(range(1, len(numbers) + 1))  # headings count up, never jump
        with_sections += len(numbers) >= 3
    assert with_sections >= 40


@pytest.mark.skipif(not (SHARED / "library").is_dir(), reason="../shared/library is not beside the project")
def test_a_heading_after_an_opening_the_corpus_repeats_is_not_the_title(tmp_path):
    """Reports open alike ("各位代表：" and "现在，我代表国务院向大会作政府工作报告……。"): beside enough of them those
    lines are boilerplate, and the 2002 report's first heading, "首先报告２００１年的工作", came first and was taken
    for its title, so refusals named 《首先报告２００１年的工作》. The text had begun before it: no cover, the file's
    name is the title, as when the report is read alone."""
    for year in (1995, 2002, 2014):
        name = f"{year}年政府工作报告.txt"
        (tmp_path / name).write_bytes((SHARED / "library" / name).read_bytes())
    documents, problems = load_corpus(tmp_path)
    report = next(d for d in documents if d.name.startswith("2002"))
    assert not problems and report.title == "2002年政府工作报告"
    assert report.title == read_document(tmp_path, tmp_path / report.name).title
    assert not [p for p in report.passages if p.kind == "title"]
    assert any(p.text == "首先报告２００１年的工作" for p in report.passages)  # still a passage of the text


def test_a_notice_the_documents_share_is_no_opening(tmp_path):
    """Three speeches saved from one site share its notice line ("本文系作者原创投稿……！") above their own titles: the
    notice is boilerplate, and each title stays its document's (a review found all three titled by file name)."""
    notice = "本文系作者原创投稿，仅供学习参考，请勿照搬照抄！"
    for name, title in (("a", "在全市经济工作会议上的讲话"), ("b", "在全市安全生产会议上的讲话"), ("c", "在全市招商引资大会上的讲话")):
        body = "同志们：\n\n今天召开这次会议，主要任务是总结工作、部署任务。要坚定信心，真抓实干。\n"
        (tmp_path / f"{name}.txt").write_text(f"{notice}\n{title}\n\n{body}", encoding="utf-8")
    documents, _ = load_corpus(tmp_path)
    assert sorted(d.title for d in documents) == ["在全市安全生产会议上的讲话", "在全市招商引资大会上的讲话", "在全市经济工作会议上的讲话"]
