"""Evaluation metrics with the definitions of shared/eval/score.py."""

from __future__ import annotations

from assistant.evaluate import MAX_PASSAGE, evaluate, hit_rank

DOCUMENT = "招商要精准。队伍要专业。环境要优化。"


def record(*texts: str, answerable: bool = True) -> dict:
    passages = [{"doc": "a.txt", "text": t, "start": DOCUMENT.find(t), "end": DOCUMENT.find(t) + len(t)} for t in texts]
    return {"answerable": answerable, "passages": passages}


def test_a_hit_needs_every_evidence_item_covered():
    evidence = [["招商"], ["队伍", "团队"]]
    assert hit_rank(["招商要精准。", "队伍要专业。"], evidence) == 2
    assert hit_rank(["招商要精准。队伍要专业。"], evidence) == 1
    assert hit_rank(["环境要优化。"], evidence) is None


def test_an_overlong_passage_never_counts():
    assert hit_rank(["招商" + "。" * MAX_PASSAGE], [["招商"]]) is None


def test_metrics_refusals_and_exactness():
    rows = [
        ({"kind": "fact", "evidence": [["队伍"]]}, record("招商要精准。", "队伍要专业。")),
        ({"kind": "fact", "evidence": [["环境"]]}, record("环境要优化。", answerable=False)),
        ({"kind": "none", "answerable": False}, record("招商要精准。", answerable=False)),
    ]
    report = evaluate(rows, {"a.txt": DOCUMENT})
    metrics = report.overall.metrics()
    assert metrics["hit@1"] == 0.5 and metrics["hit@3"] == 1.0 and metrics["mrr@5"] == 0.75
    assert metrics["false_refusal"] == 0.5 and metrics["refusal"] == 1.0
    assert report.exact == report.passages == 4
    assert report.kinds["none"].metrics()["refusal"] == 1.0
    assert "fact" in report.render() and "exact=1.000" in report.render()
