"""Numbered parts and sub-sections at their true depth, from the order of their numbers alone.

Reports number their parts 一、二、三、 and their sub-sections （一）（二）, and inside a part they often
count again from 一、: a numbering that restarts at one is a child of the item it follows, unless a
titled part came in between (then it restarts the same level under that part, as 1980s reports do
under "关于国内建设"). A number that continues an outer numbering closes the inner ones. A numbering
whose first item is a long paragraph, is followed directly by item two, or is a sentence numbered like
the part around it, is a list of points, never of headings, and is always innermost.
"""

from __future__ import annotations

from dataclasses import dataclass

from .outline_rules import Numbered


@dataclass
class _Open:
    """One numbering still open: its style, the last number seen, whether its items are headings."""

    style: str
    last: int
    headings: bool


@dataclass(frozen=True)
class Placed:
    """Where a numbered paragraph belongs: a heading at ``depth`` (1 = outermost), or point ``point``."""

    depth: int = 0
    point: int = 0
    title_chars: int = 0  # a heading written inline with its body: where its title ends


class NumberingStack:
    """The numberings open at the current line, outermost first; fed the numbered paragraphs in order."""

    def __init__(self) -> None:
        self._open: list[_Open] = []
        self._titled = False  # a titled (unnumbered) part came since the last numbered heading

    def titled_part(self) -> None:
        """An unnumbered heading line was seen: a numbering restarting after it restarts its own level."""
        self._titled = True

    def place(self, found: Numbered, following: Numbered | None = None) -> Placed | None:
        """Where ``found`` belongs, or ``None`` when its number continues nothing and does not start a list.
        ``following`` is the next paragraph's numbering: an item one that its item two follows directly,
        with no text between, starts a list of points even when its line is short."""
        heading = found.heading or bool(found.title_chars)
        innermost = len(self._open) - 1
        for index in range(innermost, -1, -1):
            numbering = self._open[index]
            if numbering.style == found.style and found.number == numbering.last + 1 and (heading or index == innermost):
                del self._open[index + 1 :]
                numbering.last = found.number
                # Among sub-sections written inline, one whose title has a clause in it is one too; and the next
                # number of a numbering of headings is a heading even when its line break was lost: its title
                # ends at its first clause at the latest.
                inline = found.title_chars or (found.sentence_chars or found.clause_chars if numbering.headings else 0)
                return self._item(index, heading or bool(inline), inline)
        if found.number != 1:
            return None
        while self._open and not self._open[-1].headings:
            self._open.pop()
        if not heading or found.heading and self._adjacent(found, following) or self._sentences(found):
            self._open.append(_Open(found.style, 1, False))
            return Placed(point=1)
        if self._open and self._open[-1].style == found.style and self._titled:
            self._open.pop()
        self._open.append(_Open(found.style, 1, True))
        return self._item(len(self._open) - 1, True, found.title_chars)

    @staticmethod
    def _adjacent(found: Numbered, following: Numbered | None) -> bool:
        """A heading line directly followed by item two has no text of its own: it is a list item."""
        return following is not None and following.style == found.style and following.number == 2

    def _sentences(self, found: Numbered) -> bool:
        """Sentences numbered again inside a part numbered the same way ("一、兴修水利。" under "三、…") are
        list items: a sub-section restarting the part's own numbering is titled, not a sentence."""
        sentence = found.full_stop or bool(found.title_chars)
        return sentence and any(o.headings and o.style == found.style for o in self._open)

    def _item(self, index: int, heading: bool, title_chars: int = 0) -> Placed:
        numbering = self._open[index]
        if numbering.headings and heading:
            self._titled = False
            return Placed(depth=index + 1, title_chars=title_chars)
        return Placed(point=numbering.last)
