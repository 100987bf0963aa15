"""HTML reader on a saved news page written here: the article only, headings with levels, <br> lines joined."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.formats import UnreadableFileError, read_file
from .conftest import PARAGRAPHS, check_offsets

PAGE = """<!DOCTYPE html><html><head>{meta}<title>新闻网 - 报告全文</title>
<style>.x {{ color: red }} 样式文字</style><script>var menu = "脚本文字"; document.write("写入文字");</script></head>
<body>
<div id="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/news">新闻中心</a></li><li>菜单文字</li></ul></div>
<header><p>页头文字 网站标志</p></header>
<h1>政府工作报告</h1>
<div class="share-bar">分享到：微信 微博</div>
<div class="layout"><aside><p>侧栏推荐文字，热门文章一二三四五六七八九十。</p></aside>
<div class="content">
<h2>一、过去一年的工作</h2>
<p>{p0}</p>
<p>第一行在这里断开<br>第二行接着写完。</p>
<!-- 注释文字 -->
<h3>（一）经济</h3>
<p>{p1}</p>
<h4>1. 就业</h4>
<p>{p2}<script>alert("内嵌脚本")</script></p>
<h5>小标题五级</h5>
<ul><li>列表第一项的内容。</li><li>列表第二项的内容。</li></ul>
</div></div>
<footer><p>版权所有 新闻网 页脚文字</p></footer>
<nav>导航文字</nav>
</body></html>"""
FURNITURE = ["首页", "新闻中心", "菜单文字", "页头文字", "分享到", "侧栏推荐", "版权所有", "页脚文字", "导航文字",
             "脚本文字", "写入文字", "内嵌脚本", "样式文字", "注释文字"]


def _page(tmp_path: Path, encoding: str, meta: str) -> Path:
    path = tmp_path / "新闻.html"
    path.write_bytes(PAGE.format(meta=meta, p0=PARAGRAPHS[0], p1=PARAGRAPHS[1], p2=PARAGRAPHS[2]).encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "meta"), [("utf-8", '<meta charset="utf-8">'), ("gbk", '<meta http-equiv="Content-Type" content="text/html; charset=gbk">')]
)
def test_article_only_with_heading_levels(tmp_path: Path, encoding: str, meta: str) -> None:
    extracted = read_file(_page(tmp_path, encoding, meta))
    texts = check_offsets(extracted)
    assert texts == [
        "政府工作报告", "一、过去一年的工作", PARAGRAPHS[0], "第一行在这里断开第二行接着写完。", "（一）经济",
        PARAGRAPHS[1], "1. 就业", PARAGRAPHS[2], "小标题五级", "列表第一项的内容。", "列表第二项的内容。",
    ]
    levels = [b.level for b in extracted.blocks if b.kind == "heading"]
    assert levels == [1, 2, 3, 4]
    assert not [word for word in FURNITURE if word in extracted.text]
    assert extracted.encoding.replace("-", "").lower() in ("utf8", "gbk", "gb2312", "gb18030")


def test_page_without_text_refused(tmp_path: Path) -> None:
    path = tmp_path / "空.html"
    path.write_text("<html><body><nav>首页</nav><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match=r"^空\.html："):
        read_file(path)


def test_deeply_nested_page_is_read(tmp_path: Path) -> None:
    path = tmp_path / "深.html"
    path.write_text("<html><body>" + "<div>" * 5000 + "正文。" + "</div>" * 5000 + "</body></html>", encoding="utf-8")
    assert read_file(path).text == "正文。"


def test_pdf_renamed_html_refused(tmp_path: Path) -> None:
    path = tmp_path / "网页.html"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << >> endobj")
    with pytest.raises(UnreadableFileError, match=r"^网页\.html：内容是二进制数据"):
        read_file(path)


def test_html5_article_keeps_its_own_header_title(tmp_path: Path) -> None:
    path = tmp_path / "文章.html"
    path.write_text(
        "<html><body><header>网站页头</header><article><header><h1>讲话全文</h1><p>2024年3月5日</p></header>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><footer>分享到微博</footer></article></body></html>",
        encoding="utf-8",
    )
    texts = check_offsets(read_file(path))
    assert texts == ["讲话全文", "2024年3月5日", PARAGRAPHS[0], PARAGRAPHS[1]]
