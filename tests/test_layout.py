"""The package's shape: imports point one way down the flow of a question, no module imports itself back
through others, no module outgrows one concept, and the public names stay importable."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"
#: The stages in the order a document and then a question pass through them; a module may import only
#: from its own stage or an earlier one. Shared records and parameters come first, the front ends last.
ORDER = {
    "errors": 0, "records": 0, "text": 0, "policy": 0, "evaluate": 0, "tokens": 1,
    "ingest": 2, "encoders": 2, "index": 3, "query": 4, "search": 5, "render": 6,
    "settings": 7, "assistant": 7, "batch": 8, "live": 8, "web": 9, "cli": 10, "cli_corpus": 10, "__main__": 11,
}
MAX_LINES = 300


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module of the package ``path`` imports, at the top, inside functions or for type checking."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] != "assistant":
                continue
            for alias in node.names:  # "from . import fusion" names a module, "from .x import y" a member
                candidate = f"{module}.{alias.name}"
                found.add(candidate if candidate in MODULES else module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "assistant")
    return {m for m in found if m in MODULES and m != name}


SOURCES = sorted(PACKAGE.rglob("*.py"))
MODULES = {_module_name(p) for p in SOURCES}
GRAPH = {_module_name(p): _imports(p) for p in SOURCES if p != PACKAGE / "__init__.py"}


def _stage(module: str) -> int:
    return ORDER[module.split(".")[1]] if "." in module else -1


def test_every_module_has_a_stage() -> None:
    assert not [m for m in GRAPH if "." in m and m.split(".")[1] not in ORDER]


def test_imports_point_down_the_flow() -> None:
    upward = [f"{m} -> {i}" for m, imports in GRAPH.items() for i in imports if _stage(i) > _stage(m)]
    assert not upward


def test_no_import_cycle() -> None:
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        if module in path:
            pytest.fail("import cycle: " + " -> ".join(path[path.index(module) :] + (module,)))
        if module in done:
            return
        for imported in GRAPH.get(module, ()):
            visit(imported, path + (module,))
        done.add(module)

    for module in GRAPH:
        visit(module, ())


def test_the_graph_sees_relative_and_lazy_imports() -> None:
    """The checks above are only as good as the graph: it holds sibling, parent and in-function imports."""
    assert "assistant.ingest.paragraphs" in GRAPH["assistant.ingest.passages"]
    assert "assistant.index.search_index" in GRAPH["assistant.search.candidates"]
    assert "assistant.tokens" in GRAPH["assistant.query.typos"]  # imported inside a function
    assert "assistant.web.app" in GRAPH["assistant.cli"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_public_names_stay_importable() -> None:
    package = importlib.import_module("assistant")
    assert {"Assistant", "Settings", "Policy", "Answer", "Document", "Hit", "Passage"} <= set(package.__all__)
    assert all(hasattr(package, name) for name in package.__all__)
    from assistant.encoders import Encoder, get_encoder  # noqa: F401
    from assistant.search.channels import Channel, ChannelKind  # noqa: F401
