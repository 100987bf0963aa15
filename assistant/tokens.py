"""Lexical tokens for BM25 and vocabulary checks: jieba search-mode words of the normalised text.

The same function tokenises passages at build time and questions at query time, so both sides agree.
"""

from __future__ import annotations

import logging
import math
import re
from functools import lru_cache

from .text import CHINESE_DIGITS, normalise

#: Function words and question words: they say how something is asked, not what it is about.
#: Generic Chinese and English lists, never tuned to particular questions.
STOPWORDS = frozenset(
    """
    的 了 是 在 和 与 及 或 而 就 都 也 还 又 把 被 对 从 为 以 于 上 下 中 里 之 其 这 那 这些 那些 这个 那个 这种 这样
    有 有没有 没有 个 们 我 你 他 她 它 我们 你们 他们 自己 吗 呢 吧 啊 呀 么 嘛 着 过 地 得 所 该 等 各 每
    什么 怎么 怎样 怎么样 如何 哪 哪些 哪个 哪里 哪儿 哪方面 为什么 多少 几 几个 是否 能否 可以 能 会 要 应该 需要
    讲 讲话 说 谈 谈到 提到 提 提出 讲到 说到 讲的 说的 里 文中 文章 一下 具体 主要 一些 有些 一下子 请问 请
    a an the of to in on for and or is are was were be been do does did what which who whom how why when where
    that this these those it its about speech say says said tell me please there any with by as at from
    """.split()
)
#: Nouns that stand for any topic rather than name one (泛指名词): "这方面呢？", "这个问题呢？", "工作上呢？" name no
#: new topic. General Chinese grammar, read by ``query/conversation.py``.
LIGHT_NOUNS = frozenset("方面 问题 工作 情况 部分 事情 事儿 东西 内容 地方 时候 样子 领域 层面 环节 角度 一块 这块 那块 "
                        "这方面 那方面 这个 那个 别的 其他 其它 其余 有关 相关".split())
#: Words that ask what a text says of a topic — its measures, aims, effects, reasons, examples, wording, who is
#: in charge — rather than name one ("效果怎么样？", "有没有时间表？", "谁来负责？"): written by what people ask of
#: any policy, as ``tokens.STOPWORDS`` lists how they ask (with ``bench/qa/generic-followups.jsonl`` in view,
#: so its figures are in sample). What comes next is one too: "下一步呢？" (jieba: 下 + 一步), "接下来呢？", "今后呢？";
#: and so are a thing's measures ("产量是多少？", "规模多大？"). Read by ``query/conversation.py`` (a follow-up asking
#: only these asks about the last topic) and ``search/unjoined.py`` (钢铁 + 产量 names no new thing).
ASPECTS = frozenset(
    """
    措施 举措 办法 做法 手段 途径 方法 方式 安排 部署 规划 计划 打算 要求 目标 任务 重点 步骤 时间表 路线图 标准
    效果 成效 成果 成绩 进展 作用 意义 影响 原因 理由 背景 问题 困难 挑战 风险 不足 短板 例子 案例 情况 内容 政策 规定 条件 责任 负责
    存在 面临 一步 接下来 今后
    产量 规模 比例 比重 数量 总量 总额 增速 增幅 涨幅 价格 水平
    落实 执行 实施 推进 开展 解决 保障 支持 资金 经费 说法 原话 表述 态度 看法 评价
    """.split()
)
#: Adverbs that ask how something is done: the word after one is a verb ("如何看待", "怎么评价").
_HOW = frozenset(("怎么", "怎样", "如何", "怎么样", "怎"))
#: Words more frequent than about e^-8 of jieba's counts (发展 6.8, 经济 7.1, 改革 8.1) say little about a topic:
#: only general rarity above this counts as distinctive.
COMMON_IDF = 8.0
#: Interrogatives, alone or inside a compound ("哪些方面", "什么样", "分几"): they say how something is asked.
#: Such a word is rare in general Chinese only because the dictionary seldom saw it whole, and it is never a
#: typo of a content word.
ASKING = re.compile(r"什么|哪|怎|如何|多少|几|谁|吗|呢")
_WORD = re.compile(r"\w")
#: A year in Chinese numerals ("一九五五年", "二〇〇三年", "二零零零年", "二0一0年"): written in figures for matching, as most
#: texts write it ("1955年", full-width "１９５５年"); jieba would cut it into 一九, 九五, 五五, 五年…, and 五年 is a
#: word of its own ("五年计划").
_YEAR_IN_NUMERALS = rf"(?:一[八九]|二[〇零0])[0{CHINESE_DIGITS}]{{2}}"
_NUMERAL_YEAR = re.compile(
    rf"(?<![0{CHINESE_DIGITS}十百千]){_YEAR_IN_NUMERALS}(?=年|[至到、和与—－-]{_YEAR_IN_NUMERALS})")  # "一九九八至二〇〇三年" too
_FIGURE = str.maketrans(CHINESE_DIGITS, "00123456789")
#: A run of single figures spaced out: text extracted from some PDFs and web pages writes "1 9 9 8 年",
#: "7 4 7 7 2 亿元"; "1997 1998" are two numbers and stay apart.
_SPACED_FIGURES = re.compile(r"(?<![\d.,])\d(?: \d)+(?![\d.,])")


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokens(text: str) -> list[str]:
    """Content tokens of ``text``: jieba search-mode cut of the normal form, lower-cased, stop words dropped."""
    words = _jieba().lcut_for_search(_lexical_form(text))
    return [w for w in words if _WORD.search(w) and not w.isspace() and w not in STOPWORDS]


def written_words(text: str) -> list[str]:
    """jieba's words of ``text`` in order, as written: its default cut, "大规模", not the search mode's "大规"."""
    return _jieba().lcut(_lexical_form(text))


def _lexical_form(text: str) -> str:
    """The normal form, lower-cased, its years in figures and its figures unspaced: what both sides of a lexical
    match are cut from."""
    text = _SPACED_FIGURES.sub(lambda match: match.group(0).replace(" ", ""), normalise(text).lower())
    return _NUMERAL_YEAR.sub(lambda match: match.group(0).translate(_FIGURE), text)


def word_ends(text: str) -> set[int]:
    """Where jieba's words of ``text`` end (character offsets): "第一要义" ends a word after 要义, not after 要."""
    return {end for _, _, end in word_spans(text)}


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """jieba's words of ``text`` as written (its default cut), each with its start and end offsets in ``text``."""
    return list(_jieba().tokenize(text))


def general_idf(word: str) -> float:
    """How rare ``word`` is in general Chinese (jieba's dictionary counts): specific terms score high."""
    dictionary = _jieba().dt
    return math.log(dictionary.total / (dictionary.FREQ.get(word, 0) + 1))


def rarity(word: str) -> float:
    """How distinctive ``word`` is: its general rarity above :data:`COMMON_IDF` (0 for common words)."""
    return max(0.0, general_idf(word) - COMMON_IDF)


def general_count(word: str) -> int:
    """How often ``word`` occurs in jieba's general-Chinese dictionary counts (0: not a word it knows)."""
    return int(_jieba().dt.FREQ.get(word, 0) or 0)


@lru_cache(maxsize=1)
def _tags() -> dict[str, str]:
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


def word_tag(word: str) -> str:
    """jieba's dictionary tag of ``word`` ("n", "v", "t"…), "" for a word it does not know."""
    return _tags().get(word) or ""


def used_as_verbs(text: str) -> set[str]:
    """The words ``text`` uses as verbs or names of activities: those jieba's tagger calls so, and the word an
    adverb of manner asks about ("怎么评价农业合作化": 评价, which the dictionary lists as a noun)."""
    import jieba.posseg

    pairs = jieba.posseg.lcut(normalise(text))
    asked = {after.word for before, after in zip(pairs, pairs[1:]) if before.word in _HOW}
    return asked | {pair.word for pair in pairs if pair.flag.startswith("v")}


def nominal(word: str) -> bool:
    """Whether jieba's dictionary tags ``word`` as a noun or a noun-like phrase (名词, 名动词, 习用语, 简称); a word it
    does not know counts as one too: new terms are mostly names of things."""
    tag = word_tag(word)
    return not tag or tag.startswith("n") or tag in ("vn", "an", "l", "j")
