"""What kind of fact a question asks for (a figure, a date, a person's name) and whether a text holds one.

Written from Chinese and English grammar (interrogatives and how figures, dates and titled names are
written), not from any question set; the answerability model learns how much a missing type counts.
"""

from __future__ import annotations

import re
from typing import Iterable

#: A question for a day or month, not just a time ("哪一天召开的？", "几月几号"): "什么时候" may be answered by "今年".
_DAY = r"哪一?天|哪个月|几月|几号|几日"
#: 谁 asks for a person's name ("起草人是谁", "谁主持的会议") unless it asks who is in charge of a task ("该由谁负责",
#: "交给谁来建", "让谁来负责"), which comes first ("谁在前头") or for whom ("为谁干"): those are answered by a body
#: (各级政府, 企业) or a sector that no pattern of names can see, and "type missing" refused them saying no name was given.
_NOT_A_PERSON = r"(?<!由)(?<!交给)(?<!让)(?<!归)(?<!该)(?<!靠)(?<!为)谁(?!来|负责|管|牵头|主管|承担|在前|先|排)"
_PERSON = r"(?:人|书记|总理|主席|委员|领导|同志)"
#: Interrogatives that ask for a figure, a date or a name.
_ASKS = {
    # "好几个部门", "十几个", "这几项", "近几个月", "前几项" say a number of things, they do not ask one
    "number": re.compile(r"多少|百分之几|(?<![好十这那近前头])几[成倍个项%％]|比例|比重|how (?:many|much)\b|what (?:percentage|proportion|share)\b", re.I),
    "date": re.compile(rf"哪一?年|{_DAY}|何时|什么时候|什么时间|when\b|what (?:year|date|day)\b", re.I),
    "name": re.compile(
        rf"什么名字|姓名|名叫|哪位|{_PERSON}叫什么|{_NOT_A_PERSON}"
        r"|what(?:'s| is| was) (?:the |his |her |their )?name\b"
        r"|\bwho(?:se|m)?\b(?!\s+(?:counts|is responsible|are responsible|should|takes?|pays|will be responsible))", re.I),
}
#: A date written out: a year, a month or a day in figures or numerals (not "今年": that is no day).
_DATE_WRITTEN = r"\d{1,4}\s*[年月日]|[〇零一二三四五六七八九十]{2,4}年|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
#: How each type is written in running text (Arabic or full-width digits; Chinese numerals with a unit, or of two
#: characters or more with a measure word).
_PRESENT = {
    "number": re.compile(
        r"\d|[％%]|百分之|[一二三四五六七八九十两百千万亿]+(?:元|亿|万|个百分点|倍|成)"
        # 八十六年, 两千多万, 十几个: old reports and congress reports write figures so; not a plan's name ("十四五":
        # no measure word follows) nor 亿万, 千百万 (no digit)
        r"|(?:[〇零一二三四五六七八九十两][〇零一二三四五六七八九十两百千万亿几]+[多余]?"
        # a round figure, approximate: 近百个, 上千家, 数十万人, 近千万知识青年
        r"|(?:近|上|数|逾)[十百千万亿]+)"
        r"(?:元|亿|万|个|项|人|名|年|倍|成|吨|斤|亩|公里|户|次|家|种|条|座|岁|天|所|台|辆|件|位)"
    ),
    # a report's 今年, 明年, 去年 are years too: "什么时候开始免费开放？" is answered by "从今年起"
    "date": re.compile(rf"{_DATE_WRITTEN}|(?<![过如])[今明去]年(?![轻度代纪龄])"),  # not 过去年度, 如今年轻
    # what a question for a day needs: a date in figures or numerals
    "written date": re.compile(_DATE_WRITTEN),
    "name": re.compile(
        r"[\u4e00-\u9fff]{2,3}(?:同志|书记|总理|主席|市长|省长|部长|县长|委员长|先生|女士)"
        r"|(?:总理|主席|书记|市长)[\u4e00-\u9fff]{2,3}(?:同志|在|说|指出)"
    ),
}


_ASKS_A_DAY = re.compile(rf"{_DAY}|what date\b|which day\b|what day\b", re.I)


#: A sentence and the marks that end it: "。" or "！" a statement, "？" a question ("." is not split at: 6.6％, "U.S.").
_SENTENCE = re.compile(r"[^。！？!?]+(?:[。！？!?]+|$)")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|\"[^\"]*\"")
#: A tag after a statement ("…是多少。对吗？"): the statement is what asks.
_TAG = re.compile(r"^\W*(?:对|好|行|可以|是|是不是)吗\W*$")


def asking_part(question: str) -> str:
    """The sentences of ``question`` that ask: when one ends in a question mark, those and an unfinished last one.
    A sentence set before the question tells what it is about ("干部只图评先进、弄几个样板给上级参观，就搞错了方向。
    那正确的方向是什么？"), and its "几个" asks for nothing. A quoted "？" ends no sentence ("“姓社姓资？”的争论…"),
    and a tag ("…是多少。对吗？") leaves the whole question asking."""
    sentences = [m.group(0).strip() for m in _SENTENCE.finditer(_QUOTED.sub("“”", question))]
    asking = [s for s in sentences if s.rstrip("！!").endswith(("？", "?"))]
    if sentences and not sentences[-1].endswith(tuple("。！？!?")):  # the last one typed without a mark
        asking.append(sentences[-1])
    if all(_TAG.match(s) for s in asking) or len(asking) == len(sentences):
        return question
    return "".join(dict.fromkeys(asking))


def asks_a_day(question: str) -> bool:
    """Whether ``question`` asks on which day or in which month: only a text that writes a date can answer."""
    return bool(_ASKS_A_DAY.search(asking_part(question)))


def asked(question: str) -> tuple[str, ...]:
    """The answer types ``question`` asks for ('number', 'date', 'name'), usually none."""
    return _asked_in(asking_part(question))


def _asked_in(asking: str) -> tuple[str, ...]:
    return tuple(kind for kind, pattern in _ASKS.items() if pattern.search(asking))


def missing(question: str, texts: Iterable[str]) -> bool:
    """Whether ``question`` asks for a type of fact that none of ``texts`` contains."""
    asking = asking_part(question)
    kinds = _asked_in(asking)
    if not kinds:
        return False
    texts = list(texts)
    day = bool(_ASKS_A_DAY.search(asking))  # "哪一天": "今年" does not answer it
    return not all(any(holds("written date" if kind == "date" and day else kind, t) for t in texts) for kind in kinds)


def holds(kind: str, text: str) -> bool:
    """Whether ``text`` writes a fact of ``kind`` ('number', 'date', 'name'; 'written date': a date in figures or
    numerals, which a question for a day needs)."""
    return bool(_PRESENT[kind].search(text))
