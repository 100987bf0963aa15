"""What a follow-up's ordinal counts ("第二步", "第三个指标", "那第五个五年计划呢？"): the things the earlier
question counted or asked for, which its answer lists, or a sibling of a name it used, which counts nothing.
``conversation.resolve`` reads these to tell an ordinal into the last answer from a question of its own."""

from __future__ import annotations

import re

from ..text import CHINESE_NUMERAL
from ..tokens import ASKING, STOPWORDS, nominal, rarity, written_words
from .outline import parse_point_only, point_mention
from .question import asks_for_several


#: A count written before what it counts ("三步", "几个", "四个"), never an ordinal's number ("第六个").
_COUNT = rf"(?<!第)(?:{CHINESE_NUMERAL}|\d+|几)"


def _words_after(text: str, mention: str) -> list[str]:
    """The words ``text`` writes after the ordinal ``mention`` ("第五个" → 五年计划, 呢)."""
    return written_words(text[text.index(mention) + len(mention):]) if mention else []


def names_a_sibling(text: str, earlier: str) -> bool:
    """"那第五个五年计划呢？" after "第六个五年计划的基本任务是什么？": the ordinal and the noun after it are a name, the
    earlier question's with another number, not the fifth of something the last answer listed."""
    after = _words_after(text, point_mention(text))
    noun = after[0] if after and nominal(after[0]) and rarity(after[0]) > 0 else ""
    return bool(noun) and re.search(rf"第(?:{CHINESE_NUMERAL}|\d+)个?{re.escape(noun)}", earlier) is not None


#: Units an ordinal counts in that name no topic ("第二步", "第三条"), unlike 个, which counts anything.
_UNITS = frozenset("步条项点块")


def counts_in_its_unit(text: str, earlier: str) -> bool:
    """"第二步要达到什么程度？" after "“三步走”是怎么安排的？": the ordinal counts in a unit the earlier question counted
    in (步, 条, 项, 点, 块; not 个, which counts anything), so it continues that answer however much else it says."""
    mention = point_mention(text)
    unit = mention[-1] if mention and parse_point_only(text) else ""
    return unit in _UNITS and re.search(_COUNT + unit, earlier) is not None


def counts_what_was_asked(text: str, earlier: str) -> bool:
    """An ordinal counting what the earlier question counted or asked for ("第二个注重" after "“四个注重”是哪四个？",
    "第三个指标" after "主要预期目标有哪些？"): the things its answer holds (often listed inside one paragraph,
    "注重…。注重…。"), not the points of the outline."""
    mention = point_mention(text)
    if not mention or not parse_point_only(text):
        return False
    after = _words_after(text, mention)
    noun = after[0] if after else ""
    if ASKING.search(noun) or noun in STOPWORDS:  # "第二个是什么？" counts nothing named
        return False
    counted = rf"{_COUNT}个?[“\"「]?{re.escape(noun)}"  # not "第六个五年计划"
    # or asked which ones there are ("哪些重大缺陷" → "第三个缺陷"), or for several things of any name ("目标有哪些？" →
    # "第三个指标")
    which = rf"(?:哪些|哪几个?|什么)[^，,。？?]{{0,4}}{re.escape(noun)}|{re.escape(noun)}[”\"」]?(?:有|是|包括)?(?:哪些|哪几)"
    named = re.search(counted, earlier) or re.search(which, earlier) or (nominal(noun) and asks_for_several(earlier))
    return len(noun) >= 2 and bool(named)
