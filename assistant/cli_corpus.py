"""Command line for the corpus itself: ``passages`` and ``outline`` (parse only: what could be cited, and how
each document is divided), ``add FILE…`` and ``remove NAME``. Kept apart from ``cli.py`` so that the parse-only
commands never import a model or touch the index."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .records import Document, Passage

corpus_option = click.option(
    "--corpus", type=click.Path(file_okay=False, path_type=Path), envvar="ASSISTANT_CORPUS",
    help="Folder of .txt/.md/.docx/.pdf/.html documents  [default: ./corpus of the project]")

index_option = click.option(
    "--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), envvar="ASSISTANT_INDEX",
    help="Folder of the persisted index  [default: ./index of the project]")


def _corpus(corpus: Path | None) -> Path:
    from .settings import Settings  # its defaults (and environment variables), not a copy of them

    return corpus or Settings().corpus


def passage_json(passage: Passage) -> dict[str, object]:
    """One line of ``passages --json``: where the passage is and exactly what it says."""
    record: dict[str, object] = {
        "doc": passage.doc, "kind": passage.kind, "section": passage.section, "point": passage.point,
        "text": passage.text, "start": passage.start, "end": passage.end,
    }
    if passage.page:
        record["page"] = passage.page
    return record


def _passage_line(document: Document, passage: Passage) -> str:
    where = " · ".join(part for part in (passage.section, passage.point, f"第{passage.page}页" if passage.page else "") if part)
    return f"{document.name}\t{passage.start}-{passage.end}\t{passage.kind}\t{where}\t{passage.text}"


@click.command()
@corpus_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line: doc, section, point, text, start, end (page)")
def passages(corpus: Path | None, as_json: bool) -> None:
    """Print every passage that could be cited, parsing only (no model is loaded)."""
    for document in _parsed(corpus):
        for passage in document.passages:
            click.echo(json.dumps(passage_json(passage), ensure_ascii=False) if as_json else _passage_line(document, passage))


@click.command()
@corpus_option
def outline(corpus: Path | None) -> None:
    """Print each document's title, sections and points, parsing only (no model is loaded)."""
    from .render.text import render_outline

    for document in _parsed(corpus):
        click.echo(render_outline(document))


def _parsed(corpus: Path | None) -> list[Document]:
    """The corpus's documents as the index would parse them; a file that cannot be read is named on stderr."""
    from .errors import AssistantError
    from .ingest.corpus import load_corpus

    try:
        documents, problems = load_corpus(_corpus(corpus))
    except AssistantError as error:
        raise click.ClickException(str(error)) from None
    for problem in problems:
        click.echo(f"warning: skipped {problem}", err=True)
    return list(documents)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@corpus_option
@index_option
@click.option("--no-index", is_flag=True, help="Only store the files; the index is updated on the next start")
def add(files: tuple[Path, ...], corpus: Path | None, index_dir: Path | None, no_index: bool) -> None:
    """Check FILE… and store them in the corpus, then update the index (only new passages are embedded)."""
    from .errors import AssistantError
    from .ingest.admit import add_documents

    folder = _corpus(corpus)
    try:
        admitted = add_documents(folder, [(path, path.name) for path in files])
    except AssistantError as error:
        raise click.ClickException(str(error)) from None
    for item in admitted:
        verb = "已替换" if item.replaced else "已添加"
        click.echo(f"{verb}：{item.name}（《{item.title}》，{item.passages} 段可引用，{item.headings} 个标题）")
    if not no_index:
        _reindex(folder, index_dir)


@click.command()
@click.argument("name")
@corpus_option
@index_option
@click.option("--no-index", is_flag=True, help="Only delete the file; the index is updated on the next start")
def remove(name: str, corpus: Path | None, index_dir: Path | None, no_index: bool) -> None:
    """Delete document NAME (as ``passages`` lists it) from the corpus, then update the index."""
    from .errors import AssistantError
    from .ingest.admit import remove_document

    folder = _corpus(corpus)
    try:
        removed = remove_document(folder, name)
    except AssistantError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"已删除：{removed}")
    if not no_index:
        _reindex(folder, index_dir)


def _reindex(folder: Path, index_dir: Path | None) -> None:
    """Bring the index up to date with the corpus; progress lines go to stderr."""
    from .assistant import Assistant
    from .settings import Settings

    settings = Settings(corpus=folder, index=index_dir) if index_dir else Settings(corpus=folder)
    click.echo("正在更新索引（只为新增或改动的段落计算向量）……", err=True)
    assistant = Assistant.load(settings, report=lambda line: click.echo(line, err=True))
    index = assistant.index
    click.echo(f"索引已更新：{len(index.documents)} 个文档，{len(index.passages)} 段。", err=True)
