"""What is on the page but not the author's text: licence footers, lines every document of the corpus
repeats, navigation bars, page headers and numbers, footnote marks and bodies, repeated paragraphs.

Found by general signals only (vocabulary of rights and of self-reference, URLs, line shapes, and
counts over the document and over the corpus): none of these rules names a phrase of one document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..text import normalise, strip_punctuation
from .paragraphs import Paragraph, title_line

#: Words about rights and licences, in Chinese and English.
_RIGHTS = re.compile(
    r"版权|著作权|公有领域|公共领域|许可协议|许可证|授权使用|知识共享|保留所有权利|版权所有|不得转载|转载请注明|免责声明"
    r"|copyright|public domain|licen[cs]e|creative commons|all rights reserved|\bcc[ -]by\b|©",
    re.I,
)
#: Words by which a notice speaks about the page or work itself.
_SELF = re.compile(r"本作品|本文|本站|本网|本页|本书|该作品|this (?:work|page|file|article)|社群|编者|录入|来源|出处", re.I)
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|cn|gov)\b", re.I)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: Words of site navigation and sharing, and separators of a bar of short items.
_NAV = re.compile(r"首页|上一篇|下一篇|返回顶部|返回目录|关闭窗口|打印本页|分享到|扫一扫|收藏本|字号|当前位置|责任编辑|点击量|阅读次数")
_BAR = re.compile(r"^(?:[^|｜>›»/·\s]{1,8}\s*[|｜>›»/·]\s*){2,}[^|｜>›»/·\s]{0,8}$")
_PAGE_NUMBER = re.compile(r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[/／]?\s*共?\s*\d{1,4}\s*页?)?|\d{1,4}\s*[/／]\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$", re.I)
#: A footnote's own text starts with a back-reference arrow or caret.
_FOOTNOTE_BODY = re.compile(r"^[↑^]")
#: Footnote marks inside the text: ``（⑵⑶）``, ``⑴``, ``↑``, ``[1]``, ``［2］``, ``[注3]``, superscript digits.
FOOTNOTE_MARK = re.compile(r"[（(][⑴-⒇\s,，、]+[）)]|[⑴-⒇]|↑|\[\s*(?:注|note\s*)?\d{1,3}\s*\]|［\s*\d{1,3}\s*］|[¹²³⁴-⁹⁰]+", re.I)
_SENTENCE_END = re.compile(r"[。！？!?][”’」』）)]*$")
_NUMBERED_HEADING = re.compile(r"^(?:[零〇一二两三四五六七八九十百]+、|[（(][零〇一二两三四五六七八九十百]+[）)]|第[零〇一二两三四五六七八九十百]+(?:部分|章|篇))")

#: A line in at least this share of the corpus's documents (and at least MIN_REPEAT_DOCS) is boilerplate.
REPEAT_SHARE = 0.25
MIN_REPEAT_DOCS = 3
#: The trailing block is looked for in the last part of a document (share of its paragraphs).
TAIL_SHARE = 0.4
SHORT_LINE = 12
MIN_DUPLICATE_CHARS = 8


def line_key(text: str) -> str:
    """The form two lines are compared in: normalised, letters and digits only."""
    return strip_punctuation(normalise(text)).lower()


@dataclass(frozen=True)
class CorpusLines:
    """Corpus-level statistics taken at load: the lines that many documents repeat."""

    repeated: frozenset[str] = frozenset()

    @classmethod
    def count(cls, documents: Iterable[Sequence[Paragraph]]) -> CorpusLines:
        """Count each normalised line once per document; keep those in enough documents."""
        seen: Counter[str] = Counter()
        total = 0
        for paragraphs in documents:
            total += 1
            seen.update({line_key(p.text) for p in paragraphs} - {""})
        if total < MIN_REPEAT_DOCS:
            return cls()
        floor = max(MIN_REPEAT_DOCS, int(REPEAT_SHARE * total + 0.999))
        return cls(frozenset(key for key, n in seen.items() if n >= floor))


def without_marks(text: str) -> str:
    """``text`` without footnote marks: what is embedded and indexed (the cited text keeps them)."""
    return FOOTNOTE_MARK.sub("", text)


def is_notice(text: str) -> bool:
    """A licence or copyright notice: rights vocabulary, and the text speaks of itself, links, or is not Chinese."""
    return bool(_RIGHTS.search(text)) and bool(_SELF.search(text) or _URL.search(text) or not _CJK.search(text))


def is_navigation(text: str) -> bool:
    """A navigation or share bar, a breadcrumb, or a page header/footer line."""
    short = len(text) <= 40
    return bool(short and (_NAV.search(text) or _BAR.match(text))) or bool(_PAGE_NUMBER.match(text.strip()))


def _chinese_document(paragraphs: Sequence[Paragraph]) -> bool:
    text = "".join(p.text for p in paragraphs)
    return len(_CJK.findall(text)) >= 0.3 * max(len(text), 1)


def _tail_start(paragraphs: Sequence[Paragraph]) -> int:
    """Where the trailing block after the closing paragraph begins (``len`` when there is none)."""
    first = int(len(paragraphs) * (1 - TAIL_SHARE))
    for index in range(first, len(paragraphs)):
        text = paragraphs[index].text
        if is_notice(text) or _FOOTNOTE_BODY.match(text):
            return _short_tail(paragraphs, index)
    return _short_tail(paragraphs, len(paragraphs))


def _short_tail(paragraphs: Sequence[Paragraph], end: int) -> int:
    """Move ``end`` back over a trailing run of short lines that end no sentence ("Public domain", "false")."""
    while end > 0 and len(paragraphs[end - 1].text) <= SHORT_LINE and not _SENTENCE_END.search(paragraphs[end - 1].text):
        end -= 1
    return end


def body_paragraphs(paragraphs: Sequence[Paragraph], corpus: CorpusLines = CorpusLines()) -> list[Paragraph]:
    """The paragraphs that may become passages, in order; boilerplate of every kind left out."""
    chinese = _chinese_document(paragraphs)
    body = list(paragraphs[: _tail_start(paragraphs)])
    in_document = Counter(line_key(p.text) for p in body if len(p.text) <= 30)
    kept: list[Paragraph] = []
    seen: set[str] = set()
    for paragraph in body:
        text = paragraph.text
        key = line_key(text)
        numbered = bool(_NUMBERED_HEADING.match(text)) or paragraph.kind == "heading"
        if (
            not key
            or not line_key(without_marks(text))
            or is_notice(text)
            or _FOOTNOTE_BODY.match(text)
            or is_navigation(text)
            or (chinese and not _CJK.search(text))
            or (not numbered and key in corpus.repeated and not title_line(text))  # 结束语 is a part, not a footer
            or (not numbered and len(text) <= 30 and in_document[key] >= 3)  # a running header or footer
            or (len(key) >= MIN_DUPLICATE_CHARS and key in seen)
        ):
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept
