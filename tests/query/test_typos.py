"""Typo correction against the corpus vocabulary."""

from __future__ import annotations

from assistant.query.typos import Corrector


def test_homophone_typos_are_corrected_to_corpus_words():
    corrector = Corrector({"环境", "督察", "机制", "营商"})
    assert corrector.correct("优化营商环竟") == ("优化营商环境", (("环竟", "环境"),))
    assert corrector.correct("环保督查机制")[0] == "环保督察机制"
    assert corrector.correct("机制要完善")[1] == ()  # a piece straddling two words is never "corrected"


def test_a_common_word_is_never_taken_for_a_typo():
    # "这比" is in the corpus and sounds like "这笔", but "这笔" is what the user meant: general Chinese uses it
    corrector = Corrector({"这比", "环境"})
    assert corrector.correct("这笔钱用在哪里") == ("这笔钱用在哪里", ())
    assert corrector.correct("环竟怎么样")[0] == "环境怎么样"  # an unknown piece is still corrected


def test_a_word_is_traded_only_for_one_general_chinese_uses_much_more():
    """主题 (2673 in jieba's counts) is no typo of 主体 (2851): both are words, and the typed one is as likely meant;
    督查 (284) is one of 督察 (879)."""
    corrector = Corrector({"主体", "督察"})
    assert corrector.correct("讲话的主题是什么")[1] == ()
    assert corrector.correct("督查机制")[0] == "督察机制"


def test_an_interrogative_is_never_taken_for_a_typo():
    # a report with "分级负责" once turned "分几部分" into "分级部分"
    corrector = Corrector({"分级", "环境"})
    assert corrector.correct("这份报告分几部分？") == ("这份报告分几部分？", ())
    assert corrector.correct("环竟分几部分")[0] == "环境分几部分"


def test_a_particle_is_never_traded_for_another():
    # the 1984 report writes 讲得 and 得失: "讲的是什么" became "讲得是什么", then "讲得失什么"
    corrector = Corrector({"讲得", "得失", "环境"})
    assert corrector.correct("外交部分的第一点讲的是什么？") == ("外交部分的第一点讲的是什么？", ())
    assert corrector.correct("环竟讲的是什么")[0] == "环境讲的是什么"


def test_typo_correction_is_shown_and_finds_the_passage(assistant):
    answer = assistant.answer("扫黑除饿专项斗争要怎么开展？")
    assert "除恶" in answer.message
    assert "扫黑除恶专项斗争" in answer.hits[0].passage.text


def test_a_real_word_is_corrected_only_where_the_corpus_writes_the_correction_beside_its_neighbours():
    """一半 (4586 in jieba's counts) sounds like 一般 (30311), which a report writes often: "住在城里的人是不是第一次
    超过一半了？" became "超过一般". Given the texts, a real word is traded only when they write the correction beside
    the word before or after it (环保督察, 督察机制), and so is a piece no dictionary knows (营商环竟: 营商环境)."""
    texts = ["城镇化率超过50％，一般性转移支付增加。", "建立完善环保督察机制，优化营商环境。"]
    corrector = Corrector({"一般", "督察", "环境", "机制"}, texts=texts)
    assert corrector.correct("住在城里的人是不是第一次超过一半了？")[1] == ()
    assert corrector.correct("环保督查机制要怎么建立？")[0] == "环保督察机制要怎么建立？"
    assert corrector.correct("优化营商环竟")[0] == "优化营商环境"
    assert Corrector({"一般"}).correct("超过一半了")[0] == "超过一般了"  # without the texts: the word alone decides


def test_two_words_side_by_side_are_no_typo_of_one():
    """"安全生产该由谁负责？": jieba reads 该 and 由, two words, and the piece 该由 is in no dictionary, so it was taken
    for a mistyped 改由 (a report writes "改由…负责") and the chat said "已按“改由”理解“该由”". A piece of several words
    is corrected only where the texts write the correction beside its neighbours, as a real word is."""
    texts = ["有关审批事项改由地方负责。", "优化营商环境。", "实事求是。"]
    corrector = Corrector({"改由", "环境", "营商", "事实"}, texts=texts)
    assert corrector.correct("安全生产该由谁负责？")[1] == ()
    assert corrector.correct("对这件事是怎么说的？")[1] == ()  # jieba's guess 事是 is no typo of 事实
    assert corrector.correct("优化营商环竟")[0] == "优化营商环境"
    assert corrector.correct("环竟要怎么治？")[0] == "环境要怎么治？"  # 竟 is seldom a word alone: a typo anywhere
    # both characters everyday words of their own: only beside a neighbour the texts write ("工作不分大小" is no 部分)
    assert Corrector({"部分", "环境"}, texts=["第一部分。"]).correct("工作不分大小吗？")[1] == ()
    # three characters or more that no dictionary knows sound like a corpus word by chance hardly ever
    assert Corrector({"委员会"}, texts=["中央顾问委员会。"]).correct("顾问为员会还设不设了？")[0] == "顾问委员会还设不设了？"
    assert Corrector({"分工协作"}, texts=["加强分工协作。"]).correct("要怎么分工写作？")[0] == "要怎么分工协作？"
    # across a quotation mark the texts still write it beside its neighbour; an outline word needs no neighbour
    assert Corrector({"规划"}, texts=["编制“十四五”规划。"]).correct("编制十四五规话要注意什么？")[0] == "编制十四五规划要注意什么？"
    assert Corrector({"环境"}, texts=["优化营商环境。"]).correct("第八部分的标提是什么？")[0] == "第八部分的标题是什么？"
    # a piece set apart by quotes has no neighbours to check: one no dictionary knows is still a typo
    assert Corrector({"带电"}, texts=["让制度“长牙”“带电”。"]).correct("让制度“长牙”“带店”是什么意思？")[1] == (("带店", "带电"),)
