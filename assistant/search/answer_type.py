"""Questions that ask for a kind of fact (a figure, a date, a person's name) and passages that hold one.

A speech that never gives a number cannot answer "百分之多少": refusal rule 3 in ``refusal.py``.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..query.question import Question
from ..records import Passage

_ASKS_NUMBER = re.compile(r"百分之(?:多少|几)|多少(?:个百分点|亿|万|元|人|家|吨|公里|%)|增长(?:率)?(?:是)?多少|具体数字|具体数据|how (?:much|many)\b.*\b(?:percent|growth|money)|what percentage", re.I)
_ASKS_DATE = re.compile(r"哪一?天|哪一?年|几月|几号|什么时候|何时|哪个月|日期|when (?:was|is|did|will)", re.I)
_ASKS_NAME = re.compile(r"叫什么名字|姓名|是谁|谁(?:做|讲|说|作)|who (?:gave|made|delivered|is the)|what is the name", re.I)
_NUMBER = re.compile(r"\d|[％%]|百分之|[一二三四五六七八九十百千万亿]+(?:元|亿|万|个百分点)")
_DATE = re.compile(r"\d{1,4}\s*[年月日]|[〇零一二三四五六七八九十]{2,4}年|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日")
#: A person named in an official text: a name followed by a title or an address ("李强同志", "周恩来总理").
_PERSON = re.compile(r"[\u4e00-\u9fff]{2,3}(?:同志|书记|总理|主席|市长|省长|部长|县长|委员长|先生|女士)|(?:总理|主席|书记|市长)[\u4e00-\u9fff]{2,3}(?:同志|在|说|指出)")


def missing_answer_type(question: Question, passages: Sequence[Passage], searched: str = "讲话") -> str:
    """A reason when the question asks for a kind of fact that none of ``passages`` contains, else ''.

    ``passages`` are the best passages followed by the cover lines of their document (a date or a
    speaker's name is often given there rather than in the body); ``searched`` names the searched documents."""
    texts = [p.text for p in passages]
    if _ASKS_NUMBER.search(question.text) and not any(_NUMBER.search(t) for t in texts):
        return f"{searched}里没有给出这个数字。"
    if _ASKS_DATE.search(question.text) and not any(_DATE.search(t) for t in texts):
        return f"{searched}里没有提到具体时间。"
    if _ASKS_NAME.search(question.text) and not any(_PERSON.search(t) for t in texts):
        return f"{searched}里没有提到具体人名。"
    return ""
