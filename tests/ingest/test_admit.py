"""Adding and removing documents: hostile names and files are refused and change nothing; a good file is
stored atomically under its own name and parsed; removal only touches listed documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import CorpusError
from assistant.ingest import admit
from assistant.ingest.admit import add_documents, remove_document, safe_name

GOOD = "新的报告\n\n一、总体要求\n\n今年的总体要求是稳中求进，内容很多。\n"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "old.txt").write_text("旧文件\n\n这是原来就有的一段正文。\n", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def upload(tmp_path: Path, name: str, data: bytes) -> Path:
    folder = tmp_path / "uploads"
    folder.mkdir(exist_ok=True)
    path = folder / Path(name).name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", ["../../x.txt", "/etc/passwd.txt", "..\\x.txt", "sub/x.txt", ".hidden.txt", "x.exe", "", "a\x00.txt"])
def test_unsafe_names_are_refused(name: str) -> None:
    with pytest.raises(CorpusError):
        safe_name(name)


def test_a_good_file_is_stored_and_parsed(corpus: Path, tmp_path: Path) -> None:
    (added,) = add_documents(corpus, [(upload(tmp_path, "new.txt", GOOD.encode("gbk")), "new.txt")])
    assert added.name == "new.txt" and added.title == "新的报告" and added.passages == 1 and not added.replaced
    assert (corpus / "new.txt").read_bytes() == GOOD.encode("gbk")  # stored as given; read in any encoding
    assert not [p for p in corpus.iterdir() if p.name.startswith(".")]  # no temporary file left behind


@pytest.mark.parametrize("name, data", [
    ("empty.txt", b""),
    ("fake.pdf", b"MZ\x90\x00" + bytes(range(256)) * 10),  # a program renamed .pdf
    ("blank.txt", b" \n\n\t\n"),
    ("binary.txt", b"%PDF-1.4\n" + bytes(range(256))),
])
def test_bad_files_are_refused_and_change_nothing(corpus: Path, tmp_path: Path, name: str, data: bytes) -> None:
    before = snapshot(corpus)
    with pytest.raises(CorpusError):
        add_documents(corpus, [(upload(tmp_path, name, data), name)])
    assert snapshot(corpus) == before


def test_one_refusal_in_a_batch_stores_none_and_size_limit(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(corpus)
    good = upload(tmp_path, "good.txt", GOOD.encode())
    with pytest.raises(CorpusError):
        add_documents(corpus, [(good, "good.txt"), (good, "../../x.txt")])
    monkeypatch.setattr(admit, "MAX_FILE_BYTES", 10)
    with pytest.raises(CorpusError, match="上限"):
        add_documents(corpus, [(good, "good.txt")])
    assert snapshot(corpus) == before


def test_remove_only_listed_documents(corpus: Path, tmp_path: Path) -> None:
    outside = tmp_path / "keep.txt"
    outside.write_text("不能删", encoding="utf-8")
    for name in ("../keep.txt", "missing.txt", str(outside)):
        with pytest.raises(CorpusError):
            remove_document(corpus, name)
    assert outside.exists()
    assert remove_document(corpus, "old.txt") == "old.txt" and not (corpus / "old.txt").exists()


def test_add_and_remove_commands(corpus: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from assistant.cli import main

    good = upload(tmp_path, "good.txt", GOOD.encode())
    runner = CliRunner()
    added = runner.invoke(main, ["add", str(good), "--corpus", str(corpus), "--no-index"])
    assert added.exit_code == 0 and "已添加：good.txt" in added.output and (corpus / "good.txt").exists()
    refused = runner.invoke(main, ["add", str(upload(tmp_path, "empty.txt", b"")), "--corpus", str(corpus), "--no-index"])
    assert refused.exit_code == 1 and "空文件" in refused.output and not (corpus / "empty.txt").exists()
    removed = runner.invoke(main, ["remove", "good.txt", "--corpus", str(corpus), "--no-index"])
    assert removed.exit_code == 0 and not (corpus / "good.txt").exists()
    assert runner.invoke(main, ["remove", "../good.txt", "--corpus", str(corpus), "--no-index"]).exit_code == 1
