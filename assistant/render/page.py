"""The page's own words — title, subtitle, empty state, placeholder and example questions — made from the
loaded documents (their titles, genres and headings), so a folder of reports never reads "这篇讲话"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..query.documents import GENRES
from ..records import Document
from ..text import count_in_chinese

#: A heading's marker ("五、", "（二）", "第三部分") and what follows its first clause.
_MARKER = re.compile(r"^(?:[（(]?[一二三四五六七八九十百\d]+[)）、.．]|第[一二三四五六七八九十\d]+[部分章节篇][：:\s]?)\s*")
_CLAUSE = re.compile(r"[，,：:；;。！!？?“”\"]")
EXAMPLES = 4
#: Longer first clauses of headings make clumsy example questions.
MAX_TOPIC = 12


@dataclass(frozen=True)
class PageTexts:
    title: str  # the page title and heading ("讲话问答", "报告问答", "文档问答")
    subtitle: str
    empty: str  # the chat's empty state, first line
    placeholder: str
    examples: tuple[str, ...]


def genre(documents: Sequence[Document]) -> str:
    """The kind of text every loaded document is (by its title and file name), else 文档."""
    for word in GENRES:
        if documents and all(word in d.title or word in d.name for d in documents):
            return "报告" if word.endswith("报告") else word
    return "文档"


def topic(heading: str) -> str:
    """A heading's first clause without its marker: "五、把握发展根基，毫不…" → "把握发展根基"."""
    return _CLAUSE.split(_MARKER.sub("", heading.strip()), maxsplit=1)[0].strip()


def page_texts(documents: Sequence[Document]) -> PageTexts:
    kind = genre(documents)
    if not documents:
        return PageTexts(f"{kind}问答", f"向{kind}提问", f"问问{kind}说了什么", "输入问题", ())
    names = "、".join(f"《{d.title}》" for d in documents[:3]) + ("等" if len(documents) > 3 else "")
    count = count_in_chinese(len(documents))
    these = f"这篇{kind}" if len(documents) == 1 else f"这{count}份{kind}"
    topics = [(d, topic(h.text)) for d in documents for h in d.headings if h.level == 1 and 4 <= len(topic(h.text)) <= MAX_TOPIC]
    named = len(documents) > 1
    examples = [f"《{documents[0].title}》分几部分？" if named else f"{these}分几部分？"]
    for document, words in _spread(topics)[: EXAMPLES - 2]:
        examples.append(f"《{document.title}》里“{words}”是怎么说的？" if named else f"“{words}”是怎么说的？")
    examples.append("第二部分讲了什么？")
    placeholder = f"输入问题，例如：{examples[1] if len(examples) > 2 else examples[0]}"
    return PageTexts(f"{kind}问答", f"向{names}提问", f"问问{these}说了什么", placeholder, tuple(examples))


def _spread(topics: list[tuple[Document, str]]) -> list[tuple[Document, str]]:
    """Topics taken round-robin over the documents, so the examples show more than one of them."""
    by_document: dict[str, list[tuple[Document, str]]] = {}
    for document, words in topics:
        by_document.setdefault(document.name, []).append((document, words))
    rounds = max((len(v) for v in by_document.values()), default=0)
    return [items[i] for i in range(rounds) for items in by_document.values() if i < len(items)]
