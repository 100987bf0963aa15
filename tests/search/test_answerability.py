"""The learned answerability model: the shipped file loads and is checked, everyday questions are refused
on the speech while answerable ones are kept, and the fold bench runs on a small set."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.index.vocabulary import KEPT_SETS
from assistant.search import answer_model, answer_type, answerability

ROOT = Path(__file__).resolve().parents[2]

#: Everyday questions written for these tests (no speech answers them), Chinese, traditional, English.
EVERYDAY = [
    "冰箱里的剩菜能放几天？",
    "小孩子学游泳几岁开始比较好？",
    "怎麼挑選一台好用的咖啡機？",
    "What is the fastest way to learn to touch type?",
]
#: Questions the speech answers in its own or other words.
ANSWERED = ["招商人员需要具备什么能力？", "怎样让科研成果真正用到生产上？", "对腐败问题是什么态度？"]


def test_the_shipped_model_loads_and_names_its_features():
    model = answer_model.shipped()
    assert "domain" in model.domain.names and "overlap" in model.coverage.names
    assert len(model.domain.coef) == len(model.domain.names) and 0 < model.threshold < 1
    assert model.right(0.0) <= model.right(1.0)
    assert model.domain.coef[model.domain.names.index("domain")] > 0  # the probe says "in domain": more answerable


def test_a_damaged_model_file_is_refused():
    data = answer_model.shipped().to_json()
    part = dict(data["domain"], coef=data["domain"]["coef"][:-1])  # type: ignore[index]
    broken = dict(data, domain=part)
    with pytest.raises(ValueError):
        answer_model.Model.from_json(broken)
    unordered = dict(data, right={"x": [0.0, 1.0], "y": [0.9, 0.1]})
    with pytest.raises(ValueError):
        answer_model.Model.from_json(unordered)


def test_the_term_veto_is_read_checked_and_makes_the_model_read_its_signal():
    data = answer_model.shipped().to_json()
    model = answer_model.Model.from_json(dict(data, term_veto=0.25))
    assert "term_missing" in model.names and answer_model.Model.from_json(model.to_json()).term_veto == 0.25
    assert model.vetoes({"term_missing": 0.3}) and not model.vetoes({"term_missing": 0.2}) and not model.vetoes({})
    off = answer_model.Model.from_json({key: value for key, value in data.items() if key != "term_veto"})
    assert off.term_veto == math.inf and not off.vetoes({"term_missing": 5.0})
    with pytest.raises(ValueError):
        answer_model.Model.from_json(dict(data, term_veto=0.0))


def test_english_questions_have_a_threshold_of_their_own(assistant, monkeypatch):
    """Read, checked, and applied by the judge to English questions only (here set to refuse every one)."""
    data = answer_model.shipped().to_json()
    assert answer_model.Model.from_json(dict(data, english_threshold=0.3)).threshold_for(True) == 0.3
    with pytest.raises(ValueError):
        answer_model.Model.from_json(dict(data, english_threshold=1.5))
    shared = answer_model.Model.from_json({key: value for key, value in data.items() if key != "english_threshold"})
    assert shared.threshold_for(True) == shared.threshold_for(False) == shared.threshold
    strict = answer_model.Model.from_json(dict(data, english_threshold=1.0))
    monkeypatch.setattr(answer_model, "shipped", lambda: strict)
    assert not assistant.answer("What should be done about major safety accidents?").answerable
    assert assistant.answer("对重大安全生产事故要怎么做？").answerable


@pytest.mark.parametrize("question", EVERYDAY)
def test_everyday_questions_are_refused_on_the_speech(assistant, question):
    answer = assistant.answer(question)
    assert not answer.answerable
    assert dict(answer.signals)["probability"] < 0.5


@pytest.mark.parametrize("question", ANSWERED)
def test_answerable_questions_are_kept_and_their_first_passage_scored_by_the_model(assistant, question):
    answer = assistant.answer(question)
    assert answer.answerable
    model, signals = answer_model.shipped(), dict(answer.signals)
    assert answer.hits[0].score == pytest.approx(model.shown(signals, model.raw(signals)))


def test_highly_relevant_only_where_it_held_out_of_fold():
    sys.path.insert(0, str(ROOT / "bench" / "learn"))
    from folds import highly_relevant

    shown = [0.1] * 30 + [0.9] * 30
    assert highly_relevant(np.asarray(shown), np.asarray([False] * 30 + [True] * 27 + [False] * 3)) == 0.9
    assert highly_relevant(np.asarray(shown), np.asarray([False] * 30 + [True] * 20 + [False] * 10)) > 1.0
    # right 9 in 10 from 0.4 up: still not "highly" relevant below the promise itself
    lower = np.asarray([0.1] * 30 + [0.4] * 30 + [0.9] * 30)
    assert highly_relevant(lower, np.asarray([False] * 30 + [True] * 57 + [False] * 3)) == 0.9


def test_lexical_signals_count_over_what_any_sentence_gets_from_the_same_documents(assistant, library_assistant):
    """A larger vocabulary knows more of any question: an everyday question shares more words with six documents
    than with the speech alone, but no more than everyday sentences do, so its lift stays low in both."""
    question = "周末带孩子去公园放风筝要注意什么？"
    alone, many = (dict(a.answer(question).signals) for a in (assistant, library_assistant))
    assert many["known_share"] > alone["known_share"]
    for signals in (alone, many):
        assert abs(signals["known_share_lift"]) < 0.25
    on_topic = dict(assistant.answer("讲话对安全生产有什么要求？").signals)
    assert on_topic["known_share_lift"] > 0.5


def test_answer_types_are_read_from_interrogatives():
    assert answer_type.asked("去年粮食产量是多少？") == ("number",)
    assert answer_type.asked("这次会议是什么时候召开的？") == ("date",)
    assert answer_type.missing("报告的起草人是谁？", ["要坚持稳中求进的工作总基调。"])
    assert answer_type.asked("农业纲要最早是谁提议的？") == ("name",)
    # a report's 今年 is a year: it answers "什么时候", but a question for a day still needs a date written out
    assert not answer_type.missing("博物馆什么时候开始不要门票？", ["博物馆、纪念馆从今年起全部免费开放。"])
    assert not answer_type.holds("written date", "从今年起全部免费开放。") and answer_type.holds("written date", "2008年")
    assert not answer_type.holds("date", "鉴于过去年度计划") and not answer_type.holds("date", "如今年轻干部多了")
    assert answer_type.missing("京九铁路是哪一天全线铺通的？", ["京九铁路今年将全线铺通。"])
    # a sentence set before the question tells what it is about: its "几个" asks nothing
    assert answer_type.asked("干部只图评个先进、弄几个样板给上级参观，就搞错了方向。那正确的方向是什么？") == ()
    assert answer_type.asked("今年要新建几个产业园？具体在哪？") == ("number",)
    assert answer_type.asked("我想了解一下今年要新建几个产业园") == ("number",)  # no question mark: all of it asks
    # but the person who acts is a name, and "增长是什么" asks for none
    for person in ("务虚会是谁主持的？", "谁是总理？", "Who chaired the meeting?", "市委书记叫什么名字？"):
        assert answer_type.asked(person) == ("name",), person
    for no_name in ("稳增长是什么意思？", "两者是什么关系？", "委员是什么级别？", "为谁干？", "谁在前头？"):
        assert "name" not in answer_type.asked(no_name), no_name
    # an unfinished last sentence asks too; a quoted "？" ends no sentence; a tag leaves the statement asking
    assert answer_type.asked("今年的经济增长目标是什么？具体数字是多少") == ("number",)
    assert answer_type.asks_a_day("务虚会是什么时候开的？哪一天")
    assert answer_type.asked("“姓社姓资？”的争论是哪一年开始的") == ("date",)
    assert answer_type.asked("财政赤字率是多少。对吗？") == ("number",)
    assert answer_type.asked("GDP增长了多少?!原因是什么?") == ("number",)
    # who is in charge is a body, not a name: "各级政府负责" answers it, and no pattern of names could see that
    for in_charge in ("一件事好几个部门互相推来推去，该由谁负责？", "重要工程交给谁来建？", "城里人吃菜让谁来负责？",
                      "Who counts as the first person responsible?"):
        assert "name" not in answer_type.asked(in_charge), in_charge
    assert not answer_type.missing("增长了多少？", ["国内生产总值增长６．６％。"])
    for round_figure in ("同我国建立外交关系的国家增加到近百个。", "近千万知识青年上山下乡。", "上千家企业参加。"):
        assert not answer_type.missing("大概有多少？", [round_figure]), round_figure
    assert answer_type.missing("大概有多少？", ["数量大大增加。"])
    assert answer_type.asked("今年要新建几个产业园？") == ("number",)
    # "several" asks no number: "好几个部门互相踢皮球" asks who should act, "这几项" points back at things named
    for several in ("一件事好几个部门互相踢皮球，该怎么办？", "十几个项目进展如何？", "这几项改革怎么推进？",
                    "近几个月物价怎么样？", "前几项任务完成得怎么样？"):
        assert "number" not in answer_type.asked(several), several


def test_figures_in_chinese_numerals_are_figures():
    """Old reports and congress reports write figures in Chinese numerals: "有多少人、建党多少年了？" is answered by
    "我们党已经成立八十六年……拥有七千多万党员", which read as holding no figure (only 元/亿/万… after a numeral counted).
    A plan's name (十四五) or a count in a phrase (一个中心, 三个特殊性) is no figure."""
    assert answer_type.holds("number", "我们党已经成立八十六年，拥有七千多万党员。")
    assert answer_type.holds("number", "苏联帮助我国设计的一百五十六个工业项目")
    assert answer_type.holds("number", "两千多万人") and answer_type.holds("number", "二十几年来")
    assert not answer_type.holds("number", "科学谋划“十四五”，把握好三个特殊性，坚持以经济建设为中心。")
    assert not answer_type.holds("number", "千百年来")


def test_folds_bench_runs_on_a_small_set(tmp_path):
    names = list(answer_model.shipped().names)
    rows = []
    for i in range(90):
        source = ("dev", "everyday", "near_topic")[i % 3]
        group = f"doc{i % 6}.txt" if source != "everyday" else f"everyday:c{i % 4}"
        label = source == "dev"
        signals = {n: (1.0 if label else 0.0) + 0.1 * ((i * 7 + j) % 5) for j, n in enumerate(names)}
        rows.append({"source": source, "corpus": "c", "id": i, "kind": "k", "lang": "zh",
                     "group": group, "label": label, "rank": 1 if label else None, "declared": True, "signals": signals})
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    # Run as people would, from the command line: out-of-fold tables first, then in-sample, then reliability.
    cli = subprocess.run([sys.executable, "-m", "assistant", "eval", "--folds", str(path)], cwd=ROOT, check=True,
                         capture_output=True, text=True)
    out_of_fold = cli.stdout.split("IN SAMPLE")[0]
    assert "OUT OF FOLD" in out_of_fold and "| shown relevance |" in cli.stdout
    table = {line.split()[0]: line.split()[1:] for line in out_of_fold.splitlines() if "@c" in line}
    assert float(table["everyday@c"][3]) == 1.0 and float(table["dev@c"][4]) <= 0.1


def test_the_background_lexical_signals_are_kept_per_scope_in_a_bounded_cache(library_assistant):
    """The Judge is shared by a web server's sessions, and they may search any set of documents."""
    judge = library_assistant.searcher.judge
    names = sorted(library_assistant.index.documents)
    alone = judge.typical(frozenset(names[:1]))
    assert judge.typical(frozenset(names[:1])) is alone  # computed once per scope
    assert judge.typical(frozenset())["known_share"] > alone["known_share"]  # six documents know more of any sentence
    assert judge.typical.cache_info().maxsize == KEPT_SETS


def test_a_signal_the_model_does_not_read_is_computed_only_for_collection(assistant, monkeypatch):
    """``term_missing`` loads a table and looks up every word: answers compute it only when the model reads it
    (the shipped one does, for its veto; here one without the veto); collection asks for every signal."""
    data = answer_model.shipped().to_json()
    without_veto = answer_model.Model.from_json({key: value for key, value in data.items() if key != "term_veto"})
    monkeypatch.setattr(answer_model, "shipped", lambda: without_veto)
    question = "碳达峰的目标定在哪一年？"
    live = dict(assistant.answer(question).signals)
    assert "term_missing" not in live
    collected = dict(assistant.collecting().answer(question).signals)
    assert collected["term_missing"] > 0.1
    assert {k: v for k, v in collected.items() if k != "term_missing"} == pytest.approx(live)


def test_a_policy_term_no_searched_document_writes_is_refused_by_name(assistant):
    """The veto: a word policy prose favours, written nowhere in the speech, refuses whatever the probability,
    and the refusal names it; a question in the speech's own policy words is answered."""
    refused = assistant.answer("讲话对碳达峰碳中和提出了什么要求？")
    assert not refused.answerable and refused.message == "《在领导干部务虚会上的讲话》没有提到“碳达峰”。"
    assert refused.hits and all(hit.score <= 0.45 for hit in refused.hits)  # still shown, as 可能相关
    # named as the question writes it: the words next to the term while the speech never writes the whole
    assert assistant.answer("讲话对新冠疫情防控怎么部署？").message == "《在领导干部务虚会上的讲话》没有提到“新冠疫情防控”。"
    assert assistant.answer("讲话对营商环境怎么说？").answerable


def test_the_domain_probe_reads_an_english_questions_own_words_not_its_gloss(assistant):
    """m3e-small searches with an English question's gloss (the corpus's Chinese words), but the probe was trained
    on the questions' own text; fed the gloss, everyday English read as policy ("booster seat" → 座位, 儿童…) and
    was answered 90 times in 399 (rows of ``bench/learn/collect.py`` store the own text's vectors)."""
    question = assistant.reader.read("what age should a child stop using a booster seat")
    assert question is not None and question.english and question.glossed
    m3e = next(e for e in assistant.searcher.encoders if not e.reads("en"))
    _, found = assistant.searcher.ranked(question, assistant.searcher.encoders)
    assert np.allclose(found.vectors[m3e.model_id], m3e.encode_query(question.content))
    for everyday in ("what age should a child stop using a booster seat", "explain like im five how a credit card works",
                     "any tips for a first time manager with a difficult team"):
        assert not assistant.answer(everyday).answerable
    assert assistant.answer("What does the speech say about the business environment?").answerable
