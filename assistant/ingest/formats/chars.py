"""Radical and compatibility code points PDFs put in place of ordinary Chinese characters, normalised one by one.

NFKC is applied per character, only to Kangxi radicals, compatibility ideographs and Latin ligatures (ﬁ):
NFKC on the whole text would turn Chinese full-width punctuation into ASCII. CJK Radicals Supplement
characters have no NFKC mapping; the table below is Unicode's EquivalentUnifiedIdeograph.txt for
U+2E80–U+2EFF (Unicode licence). Two- and three-em dash glyphs become the em dashes people type.
"""

from __future__ import annotations

import re
import unicodedata

_SUPPLEMENT = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕彐⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母"
    "⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉"
    "⺽𦥑⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦"
    "⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
_TABLE = {ord(_SUPPLEMENT[i]): _SUPPLEMENT[i + 1] for i in range(0, len(_SUPPLEMENT), 2)}
#: Fonts draw "——" as one two-em or three-em dash glyph; the text should hold the dashes people type.
_TABLE.update({0x2E3A: "\u2014" * 2, 0x2E3B: "\u2014" * 3})
_ODD = re.compile("[\u2e3a\u2e3b\ufb00-\ufb06\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


def plain_chars(text: str) -> str:
    """Kangxi radicals, radicals supplement and compatibility ideographs as the ordinary characters."""
    return _ODD.sub(lambda m: _TABLE.get(ord(m.group()), unicodedata.normalize("NFKC", m.group())), text)
