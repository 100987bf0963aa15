"""Input-method typos, corrected against the corpus's own vocabulary: "营商环竟" → "营商环境".

Pinyin input methods produce homophones. A piece of the question (2–4 characters) that is not a word of
the corpus, but becomes one when a single character is replaced by a character that sounds the same, is
taken as that word, unless general Chinese uses the piece more than that word, and only where the documents write
that word beside a neighbour of the piece in the question. Only corpus words (and outline words such as "标题") are
ever suggested, so a correction can only bring a question closer to what the documents say.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterable, Sequence

from ..tokens import ASKING, COMMON_IDF, general_count, general_idf

_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_QUOTED = re.compile(r"[“「]([\u4e00-\u9fff]{2,4})[”」]")
#: Words people use about a document's structure, which the document itself rarely contains.
OUTLINE_WORDS = ("标题", "题目", "部分", "第几", "方面", "要求", "讲话", "内容")
#: The structural particles, all read "de": which one was typed decides no topic, and trading one for another
#: only made a sentence of a question ("讲的是什么" → "讲得是什么" → "讲得失什么").
_PARTICLES = frozenset("的得地")


@lru_cache(maxsize=8192)
def reading(char: str) -> str:
    """The toneless pinyin of one character's common reading (rare heteronyms would match too much)."""
    from pypinyin import Style, pinyin

    return pinyin(char, style=Style.NORMAL, heteronym=False)[0][0]


def _sounds_alike(a: str, b: str) -> bool:
    return a != b and reading(a) == reading(b)


def word_boundaries(text: str) -> set[int]:
    """Offsets where jieba's cut of ``text`` starts or ends a word: a typo is corrected whole, never a
    piece that straddles two words ("机制要" must not become "机只要")."""
    from ..tokens import _jieba

    cuts = {0}
    offset = 0
    for word in _jieba().lcut(text):
        offset += len(word)
        cuts.add(offset)
    return cuts


def quoted_terms(texts: Iterable[str]) -> set[str]:
    """Short terms a text puts in quotation marks ("十三五", "一盘棋工程"): its own coinages, which a
    word segmenter does not know but people type."""
    return {term for text in texts for term in _QUOTED.findall(text)}


#: How much more general Chinese must use a corpus word than the real word typed for the typed one to count as a
#: typo of it (a round factor: a homophone typo lands on a real word by chance, and then on a rarer one).
MORE_USED = 2
#: What may stand between a word and its neighbour in the texts: a quotation mark or two.
_MARKS = r"[“”‘’「」《》\"']{0,2}"
#: A piece this long that no dictionary knows is a typo of the corpus word it sounds like wherever it stands.
LONG = 3


def _has_a_rare_character(piece: str) -> bool:
    """Whether a character of ``piece`` is seldom a word by itself in general Chinese (策 of 正策, 格 of 改格), so the
    piece is no pair of everyday words side by side (是在, 该由, 不回)."""
    return any(general_idf(char) > COMMON_IDF for char in piece)


class Corrector:
    """Homophone corrections for a fixed vocabulary, looked up through one-character wildcards."""

    def __init__(self, vocabulary: Iterable[str], frequency: dict[str, int] | None = None,
                 texts: Sequence[str] | None = None) -> None:
        self.words = {w for w in vocabulary if _CJK_WORD.match(w)} | set(OUTLINE_WORDS)
        self.frequency = frequency or {}
        #: The corpus's texts, where a real word's correction must stand beside one of its neighbours
        #: (:meth:`_fits`); ``None``: not known, any suggestion stands.
        self.texts = texts
        self._by_pattern: dict[str, list[str]] = defaultdict(list)
        for word in self.words:
            for i in range(len(word)):
                self._by_pattern[word[:i] + "?" + word[i + 1 :]].append(word)

    def suggest(self, piece: str) -> str | None:
        """The corpus word ``piece`` was probably meant to be, or ``None``."""
        if piece in self.words or ASKING.search(piece):  # "分几部分" asks; it does not mistype "分级"
            return None
        # A word of general Chinese is only traded for one that general Chinese uses :data:`MORE_USED` times as
        # often (jieba's counts): "督查" → "督察" (284 → 879), never "这笔" → "这比" (755 → unknown), nor "主题" →
        # "主体" (2673 → 2851: both words, and the one typed is as likely meant). Typed homophones such as "环竟"
        # are unknown to it and always corrected.
        typed = MORE_USED * general_count(piece)
        options = [
            word
            for i in range(len(piece))
            for word in self._by_pattern.get(piece[:i] + "?" + piece[i + 1 :], ())
            if _sounds_alike(piece[i], word[i]) and general_count(word) >= typed
            and not {piece[i], word[i]} <= _PARTICLES
        ]
        return max(options, key=lambda w: (self.frequency.get(w, 0), w)) if options else None

    def correct(self, text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """``text`` with typos replaced, and the (typed, corrected) pairs; longer pieces are tried first."""
        corrections: list[tuple[str, str]] = []
        for run in _CJK_RUN.findall(text):
            fixed = run
            cuts = word_boundaries(run)
            for size in (4, 3, 2):
                for start in range(0, len(fixed) - size + 1):
                    if start not in cuts or start + size not in cuts:
                        continue
                    piece = fixed[start : start + size]
                    word = self.suggest(piece)
                    if word and self._fits(word, piece, fixed, start, cuts):
                        corrections.append((piece, word))
                        fixed = fixed[:start] + word + fixed[start + size :]
            if fixed != run:
                text = text.replace(run, fixed, 1)
        return text, tuple(corrections)

    def _fits(self, word: str, piece: str, run: str, start: int, cuts: set[int]) -> bool:
        """Whether ``word`` may replace ``piece`` at ``start`` of ``run``: only where the corpus writes the correction
        beside the word before or after it in the question ("环保督查机制": the text writes 环保督察 and 督察机制;
        "优化营商环竟": 营商环境). A real word is otherwise what the user meant ("超过一半了" is no typo of 一般, which
        the text writes often, but never as 超过一般 or 一般了), and so are words side by side that no dictionary lists
        as one when both are common words of their own ("该由谁负责" is 该 and 由, not a mistyped 改由; "这件事是" no
        事实, "不回消息" no 不会, "工作不分大小" no 部分). A piece no dictionary knows is a typo wherever it stands when one of its
        characters is rarely a word alone (正策, 改格, 虹线, 标提: :data:`~assistant.tokens.COMMON_IDF`), or when it is
        three characters or more ("分工写作", "为员会"): two sound like some word of a large corpus by chance, three or
        four hardly ever."""
        if self.texts is None or not general_count(piece) and (len(piece) >= LONG or _has_a_rare_character(piece)):
            return True
        end = start + len(piece)
        before = run[max((c for c in cuts if c < start), default=start) : start]
        after = run[end : min((c for c in cuts if c > end), default=end)]
        if not (before or after):  # set apart by quotes or punctuation ("“长牙”“带店”"): nothing to check it against
            return not general_count(piece)
        # beside it, or across a quotation mark: "十四五规话" is the speech's "“十四五”规划"
        beside = "|".join(re.escape(a) + _MARKS + re.escape(b) for a, b in ((before, word), (word, after)) if a and b)
        return any(re.search(beside, t) for t in self.texts)
