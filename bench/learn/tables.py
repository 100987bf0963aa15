"""The figures ``folds.py`` prints: refusal, false refusal and hit rates per set and kind, and the reliability
table of the shown relevance (copied into docs/retrieval.md)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Sequence

import numpy as np


def report(rows: Sequence[dict[str, Any]], declared: Sequence[bool], title: str) -> dict[str, dict[str, float]]:
    """Refusal / false refusal / hit@1 / hit@3 per (source, corpus) and per dev kind."""
    tallies: dict[str, list[tuple[bool, bool, Any]]] = defaultdict(list)
    for row, said in zip(rows, declared):
        tallies[f"{row['source']}@{row['corpus']}"].append((row["label"], bool(said), row["rank"]))
        if row["source"] in ("dev", "dev-library"):
            tallies[f"  {row['source']}:{row['kind']}"].append((row["label"], bool(said), row["rank"]))
    out: dict[str, dict[str, float]] = {}
    print(f"\n{title}\n{'set':34s} {'n':>4s} {'hit@1':>6s} {'hit@3':>6s} {'refusal':>7s} {'false_ref':>9s}")
    for name in sorted(tallies):
        items = tallies[name]
        pos = [(s, r) for label, s, r in items if label]
        neg = [s for label, s, _ in items if not label]
        m = {
            "n": len(items),
            "hit@1": sum(r == 1 for _, r in pos) / len(pos) if pos else float("nan"),
            "hit@3": sum(r is not None and r <= 3 for _, r in pos) / len(pos) if pos else float("nan"),
            "refusal": sum(not s for s in neg) / len(neg) if neg else float("nan"),
            "false_refusal": sum(not s for s, _ in pos) / len(pos) if pos else float("nan"),
        }
        out[name] = m
        print(f"{name:34s} {m['n']:4d} {m['hit@1']:6.2f} {m['hit@3']:6.2f} {m['refusal']:7.2f} {m['false_refusal']:9.2f}")
    return out


def reliability(shown: np.ndarray, right: np.ndarray) -> None:
    print("\nReliability of the shown relevance, answered real questions (cross-fitted, out of fold)\n| shown relevance | questions | first passage right |\n|---|---|---|")
    for low, high in ((0.0, 0.2), (0.2, 0.5), (0.5, 0.8), (0.8, 1.01)):
        inside = (shown >= low) & (shown < high)
        rate = f"{right[inside].mean():.2f}" if inside.any() else "-"
        print(f"| {low:.1f}–{min(high, 1.0):.1f} | {int(inside.sum())} | {rate} |")
