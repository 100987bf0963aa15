"""Paragraphs as the author wrote them, on small texts written for each rule; offsets stay in the source."""

from __future__ import annotations

from assistant.ingest.paragraphs import split_paragraphs, unclosed, wrap_width, lines_of
from assistant.text import shown_text


def texts(source: str) -> list[str]:
    found = split_paragraphs(source)
    for paragraph in found:  # the one definition every consumer shows
        assert paragraph.text == shown_text(source[paragraph.start : paragraph.end])
    return [p.text for p in found]


def test_blank_lines_separate_and_lines_between_are_joined() -> None:
    source = "第一段的前半句，\n后半句在下一行。\n\n第二段只有一行。\n"
    assert texts(source) == ["第一段的前半句，后半句在下一行。", "第二段只有一行。"]


def test_without_blank_lines_each_finished_line_is_a_paragraph() -> None:
    source = "开头一句话。\n第二句话也结束了。\n第三句话！\n"
    assert texts(source) == ["开头一句话。", "第二句话也结束了。", "第三句话！"]


def test_lines_broken_inside_titles_brackets_and_numbers_are_joined() -> None:
    source = "各级政府认真实施《\n行政许可法\n》，细颗粒物（PM\n2.5\n）浓度下降。\n下一段。\n"
    assert texts(source) == ["各级政府认真实施《行政许可法》，细颗粒物（PM2.5）浓度下降。", "下一段。"]


def test_a_bare_marker_and_a_mid_sentence_break_continue() -> None:
    source = "一是\n建立起好的领导班子，\n形成合力。\n第六、\n中国属于第三世界。\n"
    assert texts(source) == ["一是建立起好的领导班子，形成合力。", "第六、中国属于第三世界。"]


def test_a_heading_on_its_own_line_is_not_glued_to_its_body() -> None:
    source = "一、总体要求\n今年工作的总体要求是稳中求进。\n结束语\n让我们团结奋斗。\n六是加强生态建设。\n制定评价办法，建设试验区。\n"
    assert texts(source) == ["一、总体要求", "今年工作的总体要求是稳中求进。", "结束语", "让我们团结奋斗。",
                             "六是加强生态建设。", "制定评价办法，建设试验区。"]


def test_short_fragments_of_one_sentence_are_joined_not_taken_for_headings() -> None:
    source = "过去一年成绩显著。\n党的全会\n正式明确\n总书记的核心地位，意义重大。\n"
    assert texts(source) == ["过去一年成绩显著。", "党的全会正式明确总书记的核心地位，意义重大。"]


def test_a_closing_quote_on_the_next_line_stays_with_its_paragraph() -> None:
    source = "毛主席指出：“\n政治工作是生命线。\n”我们要照办。\n"
    assert texts(source) == ["毛主席指出：“政治工作是生命线。”我们要照办。"]


def test_a_zero_width_line_inside_a_sentence_is_a_soft_break() -> None:
    source = "要全面深化各领域改\n\u200b\n革，增强内生动力。\n\n下一段。\n"
    assert texts(source)[0] == "要全面深化各领域改\u200b革，增强内生动力。"
    assert lines_of(source)[1].soft  # type: ignore[union-attr]


def test_hard_wrapped_text_is_rejoined_at_its_width_even_after_a_full_stop() -> None:
    line = "这是一行按固定宽度折行的文字，句子结束。后面继续"  # 24 characters
    body = "\n".join([line] * 6) + "\n最后一行。\n\n另一段。\n"
    assert wrap_width([found for found in lines_of(body) if found]) == len(line)
    assert texts(body) == [line * 6 + "最后一行。", "另一段。"]


def test_offsets_point_into_the_source_with_indents_left_outside() -> None:
    source = "\u3000\u3000缩进的第一行，\n\u3000\u3000缩进的第二行。\n"
    (paragraph,) = split_paragraphs(source)
    assert source[paragraph.start] == "缩" and source[paragraph.end - 1] == "。"
    assert paragraph.text == "缩进的第一行，缩进的第二行。"


def test_unclosed_tracks_each_kind_of_bracket() -> None:
    assert unclosed("根据《著作权法") and unclosed("他说：“好") and not unclosed("（PM2.5）浓度")


def test_a_list_of_equally_long_finished_lines_is_not_taken_for_a_wrapped_text() -> None:
    source = "".join(f"第{n}条：园区{n}号楼承担第{n * 7}类产业项目的孵化与配套服务，并按季度考核。\n" for n in range(100, 110))
    assert len(texts(source)) == 10
