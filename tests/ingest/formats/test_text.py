"""Text reader: encodings detected, text kept exactly as decoded, binary, empty and huge files refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from assistant.ingest.formats import SUFFIXES, UnreadableFileError, read_file

SIMPLIFIED = "政府工作报告\r\n\r\n一、过去一年的工作\n  各级政府坚持稳中求进，\t经济运行总体回升向好。\n\n二、今年的任务\n"
TRADITIONAL = "政府工作報告\n\n一、過去一年的工作\n各級政府堅持穩中求進，經濟運行總體回升向好。\n"
#: 䶮 is outside GBK, so only GB18030 can hold this text.
GB18030_ONLY = SIMPLIFIED + "人名用字：刘䶮。\n"


@pytest.mark.parametrize(
    ("text", "encoding", "reported"),
    [
        (SIMPLIFIED, "utf-8", {"utf-8"}),
        (SIMPLIFIED, "utf-8-sig", {"utf-8"}),
        (SIMPLIFIED, "gbk", {"gb18030", "gbk"}),
        (GB18030_ONLY, "gb18030", {"gb18030"}),
        (TRADITIONAL, "big5", {"big5"}),
        (SIMPLIFIED, "utf-16", {"utf-16"}),
        (SIMPLIFIED, "utf-16-le", {"utf-16-le"}),
    ],
)
def test_encodings_detected_and_text_exact(tmp_path: Path, text: str, encoding: str, reported: set[str]) -> None:
    path = tmp_path / "讲话.txt"
    path.write_bytes(text.encode(encoding))
    extracted = read_file(path)
    assert extracted.text == text  # CRLF, tabs and leading spaces kept: offsets point into the file
    assert extracted.encoding in reported and extracted.blocks is None and extracted.source_format == "txt"


def test_markdown_headings_as_blocks_into_the_file(tmp_path: Path) -> None:
    text = "# 政府工作报告\n\n## 一、过去一年\n\n正文第一段。\n\n```\n# 代码注释\n```\n\n#### 1. 就业 ##\n\n#不是标题\n"
    path = tmp_path / "报告.md"
    path.write_text(text, encoding="utf-8")
    extracted = read_file(path)
    assert extracted.text == text and extracted.source_format == "md"
    assert [(text[b.start : b.end], b.level) for b in extracted.blocks] == [
        ("政府工作报告", 1), ("一、过去一年", 2), ("1. 就业", 4)
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "内容是二进制数据"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "内容是二进制数据"),
        ("正文\x00\x00\x00正文".encode(), "内容是二进制数据"),
        (bytes(range(256)) * 40, "内容是二进制数据|无法识别文字编码"),
        (b"", "是空文件"),
        (b" \n\n \t\n", "只有空白"),
    ],
)
def test_binary_and_empty_refused_with_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "讲话.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match=rf"^讲话\.txt：(?:{message})") as error:
        read_file(path)
    assert "\n" not in str(error.value) and "；请" in str(error.value)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_fifty_megabytes_refused_before_reading(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"大文件{suffix}"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: the reader must refuse by size, not by reading it
    with pytest.raises(UnreadableFileError, match=rf"^大文件\{suffix}：有 50\.0 MB，超过每个文件 20 MB 的上限"):
        read_file(path)


def test_unsupported_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match=r"^表\.xlsx：不支持 \.xlsx 格式"):
        read_file(tmp_path / "表.xlsx")
    with pytest.raises(UnreadableFileError, match=r"^无\.txt：找不到"):
        read_file(tmp_path / "无.txt")


def test_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + "正文。".encode())
    assert read_file(path).text == "正文。"
