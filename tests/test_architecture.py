"""The shape of the code: imports that point one way, small modules and
functions (issue "Architecture").  Read from the source with ``ast``, so
imports inside functions count as much as those at the top; importing
``a.b.c`` runs ``a`` and ``a.b`` first, so those count too.  Imports under
``if TYPE_CHECKING:`` never run and are left out."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "searcher"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60
# Word lists a linguist reviews: data, however long (functions: tiny helpers only).
DATA_MODULES = {"searcher.gazetteer"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _run_time_nodes(tree: ast.AST):
    """Every node, except what stands under ``if TYPE_CHECKING:``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
        yield node


def _with_parents(modules: set[str]) -> set[str]:
    out = set(modules)
    for m in modules:
        parts = m.split(".")
        out.update(".".join(parts[:i]) for i in range(1, len(parts)))
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports (and so runs), anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in _run_time_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rsplit(".", 1)[0]
            target = (f"{base}.{node.module}" if node.module else base) if node.level else (node.module or "")
            for alias in node.names:  # "from . import lexicon" names a module
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in _with_parents(found) if m in known and m != name and not name.startswith(m + ".")}


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    return {name: _imports(name, path, known) for name, path in mods.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as a path of modules, or None."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_the_graph_is_read_from_the_source():
    graph = _graph()
    # Known edges, one at the top of a module and one inside a function.
    assert "searcher.storage" in graph["searcher.search"]
    assert "searcher.search" in graph["searcher.entity_pages"] or "searcher.search" in graph["searcher.cli"]
    assert "searcher.reindex" in graph["searcher.eval"]  # imported inside main()


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_among_the_package_modules():
    assert _cycle(_graph()) is None


@pytest.mark.parametrize(("low", "high"), [
    ("searcher.storage", "searcher.index"),
    ("searcher.index", "searcher.translations"),
    ("searcher.index", "searcher.search"),
    ("searcher.generation", "searcher.matching"),
    ("searcher.matching", "searcher.ranking"),
    ("searcher.ranking", "searcher.search"),
    ("searcher.query", "searcher.search"),
    ("searcher.entities.names", "searcher.entities.collect"),
])
def test_lower_layers_never_import_higher_ones(low, high):
    graph = _graph()
    reach, todo = set(), [low]
    while todo:
        for nxt in graph[todo.pop()]:
            if nxt not in reach:
                reach.add(nxt)
                todo.append(nxt)
    assert high not in reach, f"{low} reaches {high}"


def test_modules_are_small_except_word_lists():
    long = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in _modules().items()}
    assert {n: lines for n, lines in long.items() if lines > MAX_MODULE_LINES and n not in DATA_MODULES} == {}


def test_word_list_modules_hold_data():
    for name in DATA_MODULES:
        tree = ast.parse(_modules()[name].read_text(encoding="utf-8"))
        functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
        assert all(f.end_lineno - f.lineno < 10 for f in functions), name
        assert not [n for n in tree.body if isinstance(n, ast.ClassDef)], name


def test_functions_are_short():
    long = []
    for folder in ("searcher", "web"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    lines = node.end_lineno - node.lineno + 1
                    if lines > MAX_FUNCTION_LINES:
                        long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({lines} lines)")
    assert long == []


def _readme_layers() -> dict[str, int]:
    """Each module's row in README's layer table ("How it works"), top row 0."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("| layer | modules |"):].split("\n\n")[0].splitlines()[2:]
    ranks: dict[str, int] = {}
    for rank, row in enumerate(table):
        for name in re.findall(r"`([\w/]+)`", row.split("|")[2]):
            ranks["searcher." + name.rstrip("/").replace("/", ".")] = rank
    return ranks


def test_every_module_has_a_row_in_the_readme_layer_table():
    ranks = _readme_layers()
    missing = {m for m in _modules() if m != "searcher" and m not in ranks
               and m.rsplit(".", 1)[0] not in ranks}  # a package's modules: its row
    assert missing == set()


def test_imports_point_down_the_readme_layer_table():
    ranks = _readme_layers()

    def rank(module: str) -> int:
        while module not in ranks:
            module = module.rsplit(".", 1)[0]
        return ranks[module]

    upward = [f"{a} -> {b}" for a, deps in _graph().items() if a != "searcher"
              for b in deps if b != "searcher" and rank(b) > rank(a)]
    assert upward == []


def test_the_package_root_loads_nothing_until_asked():
    """``import searcher.entities.names`` must not load the rules, pyvi or the
    engine (the package root resolves its names on first use)."""
    code = ("import sys, searcher.entities.names; "
            "print(sorted(m for m in sys.modules if m.startswith(('searcher', 'pyvi'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    loaded = set(eval(out.stdout))  # a printed list of module names
    assert loaded == {"searcher", "searcher.entities", "searcher.entities.names", "searcher.gazetteer",
                      "searcher.textnorm"}
