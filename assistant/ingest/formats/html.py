"""Saved web pages: the article, not the menu, footer, share bar or scripts; h1–h4 as headings."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, PageElement, Tag

from assistant.ingest.formats.limits import Limits, read_bytes
from assistant.ingest.formats.records import Extracted, Piece, UnreadableFileError, assemble
from assistant.ingest.formats.text import binary_error, is_binary_format

_DROP = ["script", "style", "noscript", "template", "iframe", "svg", "form", "button", "select",
         "nav", "header", "footer", "aside"]
#: class or id words that mark page furniture rather than the article
_FURNITURE = re.compile(
    r"(?:^|[-_ ])(?:nav|menu|header|footer|sidebar|share|social|breadcrumb|comment|advert|ads|related|toolbar)(?:$|[-_ ])",
    re.IGNORECASE,
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
_BLOCKS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "blockquote", "pre", "table", "tr", "td", "th",
           "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "figure", "figcaption", "center", "tbody", "thead"}


def read_html(path: Path, limits: Limits) -> Extracted:
    """Decoded by BOM, meta charset or detection (bs4's UnicodeDammit), then the densest text element is read."""
    data = read_bytes(path, limits)
    if is_binary_format(data):
        raise binary_error(path)
    soup = BeautifulSoup(data, "lxml")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP):
        if tag.name == "header" and tag.find_parent(["article", "main"]) is not None:
            tag.unwrap()  # an article's own header holds its title
        else:
            tag.decompose()
    for tag in soup.find_all(_is_furniture):
        tag.decompose()
    root = _article(soup)
    if root is None:
        raise UnreadableFileError(path, "网页里没有正文；请确认保存的是完整网页（.html）再添加。")
    pieces = list(_walk(root))
    title = soup.find("h1")
    if title is not None and not root.find("h1") and root not in title.parents:
        pieces.insert(0, Piece(title.get_text(" "), "heading", 1))
    return assemble(pieces, "html", path, limits.max_chars, encoding=soup.original_encoding or "")


def _is_furniture(tag: Tag) -> bool:
    if tag.name in ("html", "body", "main", "article") or tag.attrs is None:
        return False
    words = " ".join([*tag.get("class", []), tag.get("id", ""), tag.get("role", "")])
    return bool(words and _FURNITURE.search(words))


def _article(soup: BeautifulSoup) -> Tag | None:
    """The element holding most paragraph text (readability's rule: a <p> scores its parent, half its grandparent)."""
    scores: defaultdict[int, float] = defaultdict(float)
    elements: dict[int, Tag] = {}
    for p in soup.find_all(["p", "pre", "td", "li"]):
        length = len(p.get_text(strip=True))
        for weight, parent in zip((1.0, 0.5), list(p.parents)[:2]):
            if isinstance(parent, Tag) and parent.name not in ("html", "[document]"):
                scores[id(parent)] += weight * length
                elements[id(parent)] = parent
    if not scores:
        return soup.body
    return elements[max(scores, key=lambda key: scores[key])]


def _walk(root: Tag) -> Iterator[Piece]:
    """Blocks in document order, iteratively (pages nest deeply): text between block boundaries is a paragraph.

    A heading is one block; `<br>` joins lines inside a `<p>` and separates them anywhere else.
    """
    run: list[str] = []
    blocks = [root.name]
    stack: list[Iterator[PageElement] | None] = [iter(root.children)]  # None: leaving a block element
    while stack:
        top = stack[-1]
        child = None if top is None else next(top, None)
        if child is None:
            if stack.pop() is None:
                blocks.pop()
                yield from _flush(run)
        elif isinstance(child, NavigableString):
            run.append(str(child))
        elif not isinstance(child, Tag):
            continue
        elif child.name == "br":
            run.append("\n" if blocks[-1] == "p" else "\n\n")
        elif child.name in _HEADINGS:
            yield from _flush(run)
            yield Piece(child.get_text(" "), "heading", _HEADINGS[child.name])
        elif child.name in _BLOCKS:
            yield from _flush(run)
            blocks.append(child.name)
            stack += [None, iter(child.children)]
        else:
            stack.append(iter(child.children))
    yield from _flush(run)


def _flush(run: list[str]) -> Iterator[Piece]:
    for part in "".join(run).split("\n\n"):
        if part.strip():
            yield Piece(part)
    run.clear()
