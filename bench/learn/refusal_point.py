"""Where the answerability model refuses: a threshold per question language and a veto on a missing policy
term, each set on training rows by a false-refusal budget (``folds.py`` fits them on the other folds, and on
every row for the shipped model)."""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

#: Largest share of answerable training questions the threshold may refuse (the target is 0.05).
FALSE_REFUSAL_BUDGET = 0.04
#: The term veto (``Model.term_veto``) may refuse at most this share of the answerable real questions the
#: threshold keeps: with FALSE_REFUSAL_BUDGET, the target 0.05. Chosen from this grid of term_missing values.
VETO_BUDGET = 0.01
VETO_GRID = tuple(round(0.025 + 0.0125 * i, 4) for i in range(46))


def threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The highest threshold that refuses at most :data:`FALSE_REFUSAL_BUDGET` of the answerable questions."""
    positives = np.sort(p[y])
    allowed = int(np.floor(FALSE_REFUSAL_BUDGET * len(positives)))
    return float(positives[allowed]) if len(positives) else 0.5


def cut_per_row(p: np.ndarray, y: np.ndarray, english: np.ndarray, train: np.ndarray) -> tuple[np.ndarray, tuple[float, float]]:
    """Each row's threshold: its language's (Chinese, English), each set by :func:`threshold` on ``train``'s rows of
    that language. An English question has no lexical signals, only the glossary's coverage: its probabilities lie
    elsewhere, and one threshold for both let English everyday questions through (out of fold, docs/retrieval.md)."""
    chinese, english_cut = threshold(p[train & ~english], y[train & ~english]), threshold(p[train & english], y[train & english])
    return np.where(english, english_cut, chinese), (chinese, english_cut)


def operating_point(p: np.ndarray, y: np.ndarray, english: np.ndarray, missing: np.ndarray,
                    train: np.ndarray) -> tuple[np.ndarray, float, tuple[float, float]]:
    """Where the model refuses, set on ``train``'s rows: each row's threshold (:func:`cut_per_row`), the term
    veto from the answerable questions those thresholds keep, and the (Chinese, English) thresholds."""
    cut, cuts = cut_per_row(p, y, english, train)
    return cut, term_veto(missing[train & y & (p >= cut)]), cuts


def english_rows(rows: Sequence[dict[str, Any]]) -> np.ndarray:
    return np.asarray([bool(row["signals"].get("english")) for row in rows])


def term_veto(missing: np.ndarray) -> float:
    """The lowest veto on ``term_missing`` (:data:`VETO_GRID`) that refuses at most :data:`VETO_BUDGET` of
    ``missing``, the kept answerable questions' values (∞: none does)."""
    if not len(missing):
        return math.inf
    for cut in VETO_GRID:
        if (missing >= cut).mean() <= VETO_BUDGET:
            return float(cut)
    return math.inf


def missing_terms(rows: Sequence[dict[str, Any]]) -> np.ndarray:
    return np.asarray([row["signals"].get("term_missing", 0.0) for row in rows])
