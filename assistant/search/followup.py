"""Follow-ups in the ranking: "还有别的吗" skips what was shown; an elliptical question ("那牵头责任呢？")
adds the previous question's scores to its own, so the conversation's topic carries over."""

from __future__ import annotations

from typing import Collection


def without_shown(scores: dict[int, float], shown: Collection[int]) -> dict[int, float]:
    """The scores of passages the last answer did not show."""
    return {pid: s for pid, s in scores.items() if pid not in shown}


def carried_over(scores: dict[int, float], earlier: dict[int, float], weight: float) -> dict[int, float]:
    """Each passage's score plus ``weight`` times its score for the earlier question (that question's lowest
    score for a passage it did not find)."""
    floor = min(earlier.values(), default=0.0)
    return {pid: score + weight * earlier.get(pid, floor) for pid, score in scores.items()}
