"""What an incremental rebuild costs: the texts each encoder embeds again after one document changes."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence


class CountingEncoders:
    """Counts the texts each encoder embeds while the block runs (wraps ``encode_passages`` per instance)."""

    def __init__(self, encoders: Sequence[object]) -> None:
        self.encoders = list(encoders)
        self.texts: dict[str, int] = {}

    def __enter__(self) -> CountingEncoders:
        for encoder in self.encoders:
            original = encoder.encode_passages  # type: ignore[attr-defined]
            model_id = encoder.model_id  # type: ignore[attr-defined]
            self.texts[model_id] = 0

            def counted(texts, progress=False, _original=original, _id=model_id):  # type: ignore[no-untyped-def]
                self.texts[_id] += len(texts)
                return _original(texts, progress=progress)

            encoder.encode_passages = counted  # type: ignore[attr-defined]
        return self

    def __exit__(self, *exc: object) -> None:
        for encoder in self.encoders:
            del encoder.encode_passages  # type: ignore[attr-defined]


def index_texts(search_index) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """The passage texts and sentence texts a build embeds, read from a loaded SearchIndex."""
    from assistant.ingest.passages import embedding_text

    passages = [embedding_text(p) for p in search_index.passages]
    owners = search_index.sentence_owner
    sentences = []
    for row, span in enumerate(search_index.sentences):
        passage = search_index.passages[int(owners[row])]
        sentences.append(passage.text[span.start - passage.start : span.end - passage.start])
    return passages, sentences


@dataclass
class Rebuild:
    """What an incremental rebuild after one edited document cost."""

    seconds: float
    reembedded: dict[str, int]  # texts embedded again, per encoder
    own_texts: int  # passages + sentences of the edited document (the most it should re-embed)


APPENDED = "\n\n这是基准测试追加的一段新内容，用来检验增量重建只重新编码这一份文件。\n"


def rebuild_after_edit(corpus: Path, changed: Path, index_dir: Path, encoders) -> Rebuild:  # type: ignore[no-untyped-def]
    """Append one paragraph to ``changed`` (a file of the temporary corpus copy), rebuild, and count."""
    from assistant.index import build as index_module
    from assistant.index import load as index_loader

    changed.write_text(changed.read_text(encoding="utf-8") + APPENDED, encoding="utf-8")
    with CountingEncoders(encoders) as recounted:
        start = time.perf_counter()
        index_module.build(corpus, index_dir, encoders, lambda _: None)
        seconds = time.perf_counter() - start
    rebuilt = index_loader.load(corpus, index_dir, encoders)
    own = [p for p in rebuilt.passages if p.doc == changed.name]
    return Rebuild(seconds, dict(recounted.texts), len(own) + sum(len(p.sentences) for p in own))
