"""Train the answerability model with folds split by document and report out-of-fold figures beside the
in-sample ones; with ``--save`` write the model trained on every row into the package data.

    .venv/bin/python bench/learn/collect.py /tmp/learn-rows.jsonl --data data
    .venv/bin/python bench/learn/folds.py /tmp/learn-rows.jsonl [--save] [--reliability]

A fold holds whole documents (every question about a document, its near-topic negatives included) and
whole everyday categories, so a model is never scored on a document or category it was trained on. The
domain probe's probability is cross-fitted by the same folds, and the threshold and calibrations applied
to a fold were fitted on the other folds' out-of-fold predictions only.

The model has two parts (``assistant/search/answer_model.py``): P(in domain), trained on answerable questions
against everyday ones, and P(covered | in domain), trained on answerable questions against near-topic and
unanswerable dev questions; P(answerable) is their product. A veto on a missing policy term refuses besides,
set (like the threshold) from the other folds' answerable questions.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import zlib
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.search.answer_model import MODEL_FILE, Calibration, Logistic, Model  # noqa: E402
from assistant.search.answerability import PROBE_FILE, logit  # noqa: E402
from bench.learn.refusal_point import english_rows, missing_terms, operating_point  # noqa: E402
from bench.learn.tables import reliability, report  # noqa: E402

K = 6
REGULARISATION = 1.0
PROBE_C = 10.0  # the domain probe's regularisation, as bench/learn/probe_eval.py chose it
#: Generated near-topic rows count this much each in the coverage part (chosen out of fold from 1 and 0.3:
#: many of them are answerable from a sibling report, so at full weight they teach "policy text = refuse").
NEAR_TOPIC_WEIGHT = 0.3
#: Feature names; "kind:*" stands for that signal of every encoder the rows were collected with (one
#: feature per loaded encoder, never a model named here).
#: The lexical signals are read as their excess over the background's asked of the same documents (``*_lift``):
#: the raw shares grow with the vocabulary, so over six documents everyday questions looked in-domain (out of
#: fold, everyday refused over six documents 0.87 → 0.89 and dev-library 0.38 → 0.50 with the lifts in place of
#: the raw signals; docs/retrieval.md). The near-topic signals of ``search/distinctive.py`` read the searched
#: scope: with them, out of fold, dev-library refusal 0.38 → 0.42 and everyday refusal up on every corpus (rows
#: whose signals are the named scope's, stop 15). ``term_missing`` (a missing word's keyness as a policy term,
#: ``search/policy_terms.py``) is no feature: as one it refused more near-topic questions and cost more everyday
#: ones; it is the model's veto instead (``refusal_point.term_veto``; docs/retrieval.md, section 6).
DOMAIN_FEATURES = ("domain", "margin:*", "lift:*", "general_known_lift", "known_share_lift", "english", "english_coverage", "length")
COVERAGE_FEATURES = ("bm25_lift", "overlap", "known_share_lift", "general_known_lift", "unknown_rarity", "type_missing", "asks_type",
                     "quote_missing", "lift:*", "sentence:*", "distinct_known", "rarest_known", "rarest_in_best", "best_cover", "type_far")
#: What says the first passage is right, once a question is answered: how sure the answerability model is and
#: how clearly the first passage leads the ranking.
CONFIDENCE_FEATURES = ("answerability", "lead", "overlap", "sentence:*")
DATA = Path(__file__).resolve().parents[2] / "assistant" / "data" / MODEL_FILE
PROBE = Path(__file__).resolve().parents[2] / "data" / "models" / PROBE_FILE
#: Rows whose answerable questions set the threshold and the shown relevance: real questions (the dev sets,
#: everyday and near-topic questions, and the English questions of ``data/english/``, written by hand so that
#: the English threshold does not rest on the dev sets' 19 alone), not generated ones (which are easier to
#: keep and whose first passage is often the heading they came from).
REAL = ("dev", "dev-library", "everyday", "near_topic", "english")


def expand(patterns: Sequence[str], rows: Sequence[dict[str, Any]]) -> tuple[str, ...]:
    """``patterns`` with each "kind:*" replaced by the rows' signals of that kind, in sorted order."""
    keys = sorted({k for row in rows for k in row["signals"]})
    return tuple(n for p in patterns for n in ([k for k in keys if k.startswith(p[:-1])] if p.endswith(":*") else [p]))


def matrix(rows: Sequence[dict[str, Any]], names: Sequence[str]) -> np.ndarray:
    return np.asarray([[row["signals"].get(n, 0.0) for n in names] for row in rows], dtype=np.float64)


def fit_part(rows: Sequence[dict[str, Any]], names: Sequence[str], y: np.ndarray, w: np.ndarray) -> Logistic:
    names = expand(names, rows)
    x = matrix(rows, names)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    model = LogisticRegression(C=REGULARISATION, class_weight="balanced", max_iter=3000).fit((x - mean) / scale, y, sample_weight=w)
    return Logistic(tuple(names), tuple(map(float, mean)), tuple(map(float, scale)), tuple(map(float, model.coef_[0])), float(model.intercept_[0]))


def fit(rows: Sequence[dict[str, Any]], near_weight: float = NEAR_TOPIC_WEIGHT) -> tuple[Logistic, Logistic]:
    """The two parts, each on the rows it is about."""
    y = np.asarray([row["label"] for row in rows], dtype=bool)
    source = [row["source"] for row in rows]
    in_domain = [i for i, row in enumerate(rows) if row["label"] or row["source"] == "everyday"]
    covered = [i for i, row in enumerate(rows) if row["source"] != "everyday"]
    domain = fit_part([rows[i] for i in in_domain], DOMAIN_FEATURES, y[in_domain], np.ones(len(in_domain)))
    weights = np.asarray([near_weight if source[i] == "near_topic" else 1.0 for i in covered])
    return domain, fit_part([rows[i] for i in covered], COVERAGE_FEATURES, y[covered], weights)


def raw(rows: Sequence[dict[str, Any]], parts: tuple[Logistic, Logistic]) -> np.ndarray:
    return np.asarray([parts[0](row["signals"]) * parts[1](row["signals"]) for row in rows])


def fit_confidence(rows: Sequence[dict[str, Any]], right: np.ndarray) -> tuple[Logistic, Calibration]:
    """P(first passage right) among answered questions: a logistic over :data:`CONFIDENCE_FEATURES`, then
    isotonic so that the shown value is a rate."""
    if right.all() or not right.any():  # one class only (tiny sets): a constant
        names = expand(CONFIDENCE_FEATURES, rows)
        n = len(names)
        confidence = Logistic(names, (0.0,) * n, (1.0,) * n, (0.0,) * n, logit(float(right.mean()) if len(right) else 0.5))
    else:
        confidence = fit_part(rows, CONFIDENCE_FEATURES, right, np.ones(len(rows)))
    return confidence, isotonic(np.asarray([confidence(r["signals"]) for r in rows]), right)


def highly_relevant(shown: np.ndarray, right: np.ndarray, promise: float = 0.8, support: int = 20) -> float:
    """The lowest shown relevance, not under ``promise`` itself (a card reading 0.4 is not "highly" relevant),
    above which, out of fold, the first passage was right at least ``promise`` of the time over at least
    ``support`` questions; 1.01 (never) when there is none."""
    for value in np.unique(shown[shown >= promise]):
        above = shown >= value
        if above.sum() >= support and right[above].mean() >= promise:
            return float(value)
    return 1.01


def isotonic(p: np.ndarray, y: np.ndarray) -> Calibration:
    fitted = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(p, y.astype(float))
    return Calibration(tuple(float(v) for v in fitted.X_thresholds_), tuple(float(v) for v in fitted.y_thresholds_))


def out_of_fold(rows: Sequence[dict[str, Any]], y: np.ndarray, right: np.ndarray, folds: np.ndarray, real: np.ndarray,
                near_weight: float = NEAR_TOPIC_WEIGHT) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: raw OOF probability, that minus a threshold fitted on the other folds (≥ 0 means answered; −1
    where the term veto fitted on the other folds refuses),
    and P(first passage right | answered) from a confidence model fitted on the other folds' answered rows
    (the relevance is shown as an answer's only when the question is answered). Each row's signals get
    ``answerability``: the logit of its out-of-fold probability, which the confidence model reads."""
    p = np.zeros(len(y))
    for k in range(K):
        test = folds == k
        if test.any():
            p[test] = raw([r for r, t in zip(rows, test) if t], fit([r for r, t in zip(rows, test) if not t], near_weight))
    for row, value in zip(rows, p):
        row["signals"]["answerability"] = logit(float(value))
    margin, shown = np.zeros(len(y)), np.zeros(len(y))
    missing, english = missing_terms(rows), english_rows(rows)
    for k in range(K):
        test, train = folds == k, (folds != k) & real
        cut, veto, _ = operating_point(p, y, english, missing, train)
        margin[test] = np.where(missing[test] >= veto, -1.0, p[test] - cut[test])
        confidence, right_k = fit_confidence([r for r, a in zip(rows, train & (p >= cut)) if a], right[train & (p >= cut)])
        shown[test] = [right_k(confidence(r["signals"])) for r, t in zip(rows, test) if t]
    return p, margin, shown


def fold_for(rows: Sequence[dict[str, Any]]) -> Callable[[str], int | None]:
    """A group's fold: documents asked about spread evenly in name order, everyday categories (and other
    groups) by a stable hash; a document no row is about belongs to no fold (always trained on)."""
    documents = sorted({row["group"] for row in rows if _is_document(row["group"])})
    place = {g: i % K for i, g in enumerate(documents)}
    return lambda g: place.get(g) if _is_document(g) else zlib.crc32(g.encode()) % K


def _is_document(group: str) -> bool:
    return group.endswith((".txt", ".md", ".docx", ".pdf", ".html"))


def cross_fitted_domain(rows: Sequence[dict[str, Any]], fold: Callable[[str], int | None]) -> np.ndarray | None:
    """The domain probe's probability per row from a probe trained without the row's fold (its documents'
    texts and its everyday categories), on the probe's own training set (bench/learn/probe_data.py)."""
    try:
        from bench.learn.probe_data import features as probe_features
        from bench.learn.probe_data import training_set
    except ImportError:
        return None
    data = training_set()
    encoders = tuple(rows[0]["vectors"])
    x = probe_features(data.texts, encoders)
    groups = [g if _is_document(g) else "everyday:" + g for g in data.groups]
    text_folds = np.asarray([-1 if fold(g) is None else fold(g) for g in groups])
    vectors = np.asarray([np.concatenate([row["vectors"][e] for e in encoders]) for row in rows], dtype=np.float32)
    row_folds = np.asarray([fold(row["group"]) for row in rows])
    out = np.zeros(len(rows))
    for k in range(K):
        probe = LogisticRegression(C=PROBE_C, class_weight="balanced", max_iter=3000).fit(x[text_folds != k], data.labels[text_folds != k])
        chosen = row_folds == k
        if chosen.any():
            out[chosen] = probe.predict_proba(vectors[chosen])[:, 1]
    return out


def with_domain(rows: list[dict[str, Any]], fold: Callable[[str], int | None], shipped: bool) -> None:
    """Replace each row's domain signal by the cross-fitted probe's (as a logit, like the package)."""
    if shipped or not all(row.get("vectors") for row in rows):
        return
    domain = cross_fitted_domain(rows, fold)
    if domain is None:
        return
    clipped = np.clip(domain, 1e-4, 1 - 1e-4)
    for row, value in zip(rows, np.log(clipped / (1 - clipped))):
        row["signals"]["domain"] = float(value)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rows", type=Path)
    parser.add_argument("--save", action="store_true", help=f"write the model trained on every row to {DATA}")
    parser.add_argument("--reliability", action="store_true")
    parser.add_argument("--json", type=Path, help="write the out-of-fold figures here")
    parser.add_argument("--near-topic-weight", type=float, default=NEAR_TOPIC_WEIGHT, help="weight of near-topic rows in the coverage part")
    parser.add_argument("--without", default="", help="comma-separated signals to leave out (an ablation)")
    parser.add_argument("--shipped-probe", action="store_true", help="use the shipped probe's probability (not cross-fitted: leaks)")
    args = parser.parse_args(argv)
    everything = [json.loads(line) for line in args.rows.read_text(encoding="utf-8").splitlines() if line.strip()]
    # Outline answers (a section or point asked by number) never reach the model: they count as answered.
    rows = [row for row in everything if row["signals"]]
    for row in rows:  # an ablation: the signal reads 0 everywhere, so its weight is 0
        for name in filter(None, args.without.split(",")):
            row["signals"].pop(name, None)
    said = [row["declared"] for row in everything if not row["signals"]]
    outline = [row for row in everything if not row["signals"]]
    fold = fold_for(rows)
    with_domain(rows, fold, args.shipped_probe)
    y = np.asarray([row["label"] for row in rows], dtype=bool)
    right = np.asarray([row["label"] and row["rank"] == 1 for row in rows], dtype=bool)
    real = np.asarray([row["source"] in REAL for row in rows], dtype=bool)
    folds = np.asarray([-1 if fold(row["group"]) is None else fold(row["group"]) for row in rows])
    p, margin, shown = out_of_fold(rows, y, right, folds, real, args.near_topic_weight)
    oof = report(rows + outline, list(margin >= 0) + said, f"OUT OF FOLD (K={K}, folds by document / everyday category)")
    parts = fit(rows, args.near_topic_weight)
    p_in = raw(rows, parts)
    english, missing = english_rows(rows), missing_terms(rows)
    cut_in, veto_in, _ = operating_point(p_in, y, english, missing, real)
    kept_in = (p_in >= cut_in) & (missing < veto_in)
    report(rows + outline, list(kept_in) + said, "IN SAMPLE (not evidence)")
    if args.reliability:
        answered = real & (margin >= 0)
        reliability(shown[answered], right[answered])
    for part in parts:
        print("weights: " + ", ".join(f"{n}={c:+.2f}" for n, c in zip(part.names, part.coef)))
    if args.json:
        args.json.write_text(json.dumps(oof, indent=1), encoding="utf-8")
    if args.save:
        cut, veto, (chinese, english_cut) = operating_point(p, y, english, missing, real)
        kept = real & (p >= cut)
        confidence, shown_right = fit_confidence([r for r, a in zip(rows, kept) if a], right[kept])
        answered = real & (margin >= 0)
        label = highly_relevant(shown[answered], right[answered])
        shipped = Model(*parts, chinese, isotonic(p[real], y[real]), shown_right, confidence, label, veto, english_cut)
        DATA.write_text(json.dumps(shipped.to_json(), indent=1) + "\n", encoding="utf-8")
        shutil.copyfile(PROBE, DATA.parent / PROBE_FILE)  # the probe the model was trained beside
        print(f"saved {DATA} (threshold {chinese:.3f}, English {english_cut:.3f}, term veto {veto:.3f}, 高度相关 from "
              f"{label:.2f}) and {PROBE_FILE}")


if __name__ == "__main__":
    main()
