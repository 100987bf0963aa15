"""Word auto-numbering written out ("一、", "（二）", "3."), so outlines numbered by Word read like typed ones."""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

_CHINESE = "〇一二三四五六七八九"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


@dataclass(frozen=True)
class Level:
    """One level of a Word list: its format (decimal, chineseCounting…), text pattern ("%1、") and start."""

    fmt: str
    text: str
    start: int
    spaced: bool  # followed by a tab or space rather than nothing


@dataclass
class Numbering:
    """Counters per list, advanced paragraph by paragraph in body order, as Word does when it renders."""

    levels: dict[str, dict[int, Level]]
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: object) -> Numbering:
        try:
            root = document.part.numbering_part.element  # type: ignore[attr-defined]
        except (KeyError, NotImplementedError, AttributeError):
            return cls({})
        abstract = {a.get(qn("w:abstractNumId")): _levels(a) for a in root.findall(qn("w:abstractNum"))}
        levels = {}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                levels[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})
        return cls(levels)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word shows for the next paragraph of list `num_id` at `ilvl`; deeper levels restart."""
        levels = self.levels.get(num_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else levels[ilvl].start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for k in range(ilvl, -1, -1):  # %10 is not a thing: levels are 0–8, so %1…%9
            if f"%{k + 1}" in text:
                value = counters.get(k, levels[k].start if k in levels else 1)
                text = text.replace(f"%{k + 1}", format_number(value, levels[k].fmt if k in levels else "decimal"))
        return text + (" " if level.spaced and text[-1:].isascii() else "")


def numbering_of(paragraph: Paragraph) -> tuple[str, int] | None:
    """(numId, ilvl): each from the paragraph's own numbering, else its style's; None when not numbered."""
    found: dict[str, str] = {}
    for ppr in (paragraph._p.pPr, paragraph.style.element.pPr if paragraph.style is not None else None):
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        for tag in ("w:numId", "w:ilvl"):
            node = numpr.find(qn(tag)) if numpr is not None else None
            if node is not None:
                found.setdefault(tag, node.get(qn("w:val")))
    if found.get("w:numId", "0") == "0":
        return None
    return found["w:numId"], int(found.get("w:ilvl", "0"))


def _levels(abstract: object) -> dict[int, Level]:
    found = {}
    for lvl in abstract.findall(qn("w:lvl")):  # type: ignore[attr-defined]
        def val(tag: str, default: str) -> str:
            node = lvl.find(qn(tag))
            return default if node is None else node.get(qn("w:val"), default)

        found[int(lvl.get(qn("w:ilvl")))] = Level(
            val("w:numFmt", "decimal"), val("w:lvlText", ""), int(val("w:start", "1")), val("w:suff", "tab") != "nothing"
        )
    return found


def format_number(value: int, fmt: str) -> str:
    """`value` in Word's number format `fmt`; formats not listed here fall back to decimal."""
    if fmt.startswith("chineseCounting") or fmt in ("ideographDigital", "japaneseCounting", "taiwaneseCounting"):
        return _chinese(value)
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return _HEAVENLY[value - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[value - 1] if 1 <= value <= 20 else str(value)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * (1 + (value - 1) // 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(value))
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, symbol in _ROMAN:
        while value >= number:
            out += symbol
            value -= number
    return out


def _chinese(value: int) -> str:
    """1…99 as 一…九十九 (十, 十一, 二十); larger numbers digit by digit."""
    if 1 <= value < 100:
        tens, ones = divmod(value, 10)
        return (_CHINESE[tens] if tens > 1 else "") + ("十" if tens else "") + (_CHINESE[ones] if ones else "")
    return "".join(_CHINESE[int(d)] for d in str(value))
