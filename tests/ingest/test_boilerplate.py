"""Boilerplate never becomes a passage; found by general signals on texts written for each rule."""

from __future__ import annotations

from assistant.ingest.boilerplate import CorpusLines, body_paragraphs, is_navigation, is_notice, without_marks
from assistant.ingest.document import parse_document
from assistant.ingest.paragraphs import split_paragraphs
from assistant.ingest.passages import embedding_text

BODY = "".join(f"第{n}段正文讲的是发展经济和改善民生的具体安排，内容充实。\n\n" for n in range(1, 9))


def passages(text: str, corpus: CorpusLines = CorpusLines()) -> list[str]:
    return [p.text for p in parse_document("t.txt", text, corpus=corpus).passages]


def test_a_licence_footer_and_the_short_lines_after_it_are_dropped() -> None:
    footer = "本作品在多数国家属于\n公有领域\n，依据著作权法不受保护。\n\n注：编者认为此类文件不总是适用。\n\nPublic domain\nfalse\n"
    found = passages(BODY + "让我们团结奋斗，再创佳绩！\n\n" + footer)
    assert found[-1] == "让我们团结奋斗，再创佳绩！"
    assert not any("公有领域" in t or "Public" in t or "注：" in t for t in found)


def test_rights_words_in_the_body_alone_do_not_make_a_notice() -> None:
    assert not is_notice("修订著作权法，加强知识产权保护，打击侵犯版权行为。")
    assert is_notice("Copyright 2024 Example Press. All rights reserved.")
    assert is_notice("本文版权归作者所有，转载请注明出处：https://example.org/a")


def test_lines_repeated_across_many_documents_are_dropped_but_headings_kept() -> None:
    shared = "本文由某网站整理录入，仅供参考学习使用。"
    documents = [split_paragraphs(f"{shared}\n\n第{n}份文件的正文，各不相同。\n\n结束语\n\n总结的话。\n") for n in range(4)]
    corpus = CorpusLines.count(documents)
    kept = [p.text for p in body_paragraphs(documents[0], corpus)]
    assert shared not in kept and "结束语" in kept
    assert CorpusLines.count(documents[:2]).repeated == frozenset()  # too few documents to tell


def test_navigation_bars_page_numbers_and_running_headers_are_dropped() -> None:
    assert is_navigation("首页 > 新闻 > 正文") and is_navigation("分享到：微信 微博") and is_navigation("- 12 -")
    assert is_navigation("第 3 页 / 共 20 页") and not is_navigation("今年经济增长百分之六。")
    header = "某某市人民政府文件"
    text = "\n\n".join(f"{header}\n\n第{n}页的正文内容，讲述具体的工作安排。" for n in range(1, 5)) + "\n"
    assert header not in passages(text)


def test_footnote_marks_are_cited_but_not_embedded() -> None:
    text = BODY + "邓同志[4]在唐山矿工罢工时↑犯了错误（⑵⑶）。\n"
    (passage,) = [p for p in parse_document("t.txt", text).passages if "唐山" in p.text]
    assert "[4]" in passage.text  # the cited text is the source, marks and all
    assert embedding_text(passage) == "邓同志在唐山矿工罢工时犯了错误。"
    assert without_marks("见注［12］和[注3]。") == "见注和。"


def test_a_repeated_paragraph_keeps_only_its_first_copy_and_fragments_go() -> None:
    repeated = "这一段在原文中不小心出现了两次，内容完全相同。"
    found = passages(f"{repeated}\n\n中间一段，内容不同于前后。\n\n{repeated}\n\n2.5\n\n。\n\n最后一段话也要保留下来。\n")
    assert found.count(repeated) == 1 and "2.5" not in found and "。" not in found
    assert found[-1] == "最后一段话也要保留下来。"
