"""The lexicon: BM25 over jieba tokens, and the document frequencies the refusal and typo checks read."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.index.sparse import Lexicon
from assistant.ingest.corpus import parse_document
from assistant.tokens import tokens

TEXT = "标题\n一、招商引资\n招商引资要突出精准性。\n招商队伍要专业化。\n二、营商环境\n优化营商环境是关键。\n"


@pytest.fixture(scope="module")
def passages():  # type: ignore[no-untyped-def]
    return parse_document("a.txt", TEXT).passages


@pytest.fixture(scope="module")
def lexicon(passages) -> Lexicon:  # type: ignore[no-untyped-def]
    return Lexicon.build(passages)


def test_bm25_ranks_the_passages_with_the_words_first(lexicon, passages):
    scores = lexicon.scores(["营商", "环境"])
    with_words = {p.id for p in passages if "营商环境" in p.text}
    assert {int(i) for i in np.argsort(-scores)[: len(with_words)]} == with_words


def test_unknown_words_score_nothing(lexicon, passages):
    assert not lexicon.scores(["量子"]).any() and len(lexicon.scores(["量子"])) == len(passages)


def test_rare_words_weigh_more_and_unknown_words_most(lexicon):
    assert lexicon.idf("营商") > lexicon.idf("招商") and lexicon.idf("量子") > lexicon.idf("营商")


def test_known_share_is_idf_weighted(lexicon):
    assert lexicon.known_share(["招商", "营商"]) == 1.0
    assert lexicon.known_share([]) == 0.0
    assert 0.0 < lexicon.known_share(["招商", "量子"]) < 0.5  # the unknown word is the rarer one


def test_save_and_load_give_the_same_scores(lexicon, tmp_path: Path):
    lexicon.save(tmp_path)
    loaded = Lexicon.load(tmp_path)
    assert loaded.document_frequency == lexicon.document_frequency
    assert np.array_equal(loaded.scores(["招商", "精准"]), lexicon.scores(["招商", "精准"]))


def test_a_year_in_chinese_numerals_is_matched_in_figures(library_documents):
    """The 1956 report writes its years in full-width figures ("到１９５５年底，参加农业生产合作社的农户…"); a question
    writing one in numerals scores every passage as the question in figures does. Cut as written, 一九五五年 gave
    一九, 九五, 五五, 五年…, and 五年 is a word of its own ("五年计划")."""
    assert tokens("一九五五年底") == tokens("１９５５年底") == tokens("1955年底")
    assert tokens("二〇〇三年") == tokens("二零零三年") == tokens("2003年")
    assert tokens("从1 9 9 3 年3 月就职") == tokens("从1993年3月就职")  # figures spaced out by a PDF's extraction
    assert "1997" in tokens("GDP 1997 1998") and "1998" in tokens("GDP 1997 1998")  # two numbers stay two
    assert tokens("一九九八至二〇〇三年")[::2] == ["1998", "2003"] and "2010" in tokens("到二0一0年")  # 十八大's zero
    assert "五年计划" in tokens("第一个五年计划") and not any(t.isdigit() for t in tokens("十二五规划，一九五几年"))
    report = next(d for d in library_documents if d.name == "1956年政府工作报告.txt")
    lexicon = Lexicon.build(report.passages)
    numerals = lexicon.scores(tokens("一九五五年底参加农业生产合作社的农户有多少"))
    assert np.array_equal(numerals, lexicon.scores(tokens("1955年底参加农业生产合作社的农户有多少")))
    target = next(p.id for p in report.passages if "到１９５５年底，参加农业生产合作社的农户" in p.text)
    assert numerals[target] > lexicon.scores(tokens("年底参加农业生产合作社的农户有多少"))[target]
