"""The house a newcomer can find their room in: no module over 450 lines and no function
over 80 in src/minutes_tui (the Alembic migrations aside: each is written once, for its
day, and never read as the app's code), and no dead code.

Measured with `ast`: a module's lines as `wc -l` counts them; a function's (or method's,
or nested function's) from its `def` line to its last line, decorators left out.

Dead: a module-level function, class or constant, or a method outside the screens and
widgets (Textual calls theirs by name), whose name nothing else in src/ or bench/
mentions. What only tests use is dead too: a test of it tests nothing the app does.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from functools import cache
from pathlib import Path

import minutes_tui

PACKAGE = Path(minutes_tui.__file__).parent
BENCH = Path(__file__).parent.parent / "bench"
SKIPPED = ("store/migrations/",)
MODULE_LINES = 450
FUNCTION_LINES = 80

# Over a limit when issue 24 began, each split on the branch named in its comment: the
# lead empties this at merge. An entry within its limit fails the test (remove it), so
# the list can only shrink.
ALLOWED = {}


# Unused by name, and kept on purpose.
LIVE = {
    "store/models.py::HomeIdentity",  # a table: the schema test compares models and migrations
}


@cache
def modules() -> list[tuple[str, str]]:
    """Every module of the package (its path under the package, its text)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if not name.startswith(SKIPPED):
            found.append((name, path.read_text(encoding="utf-8")))
    return found


@cache
def trees() -> dict[str, ast.Module]:
    return {name: ast.parse(text, name) for name, text in modules()}


def functions(tree: ast.AST, prefix: str = "") -> list[tuple[str, int]]:
    """Every function, method and nested function: its dotted name and its lines."""
    found = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            name = prefix + node.name
            found.append((name, (node.end_lineno or node.lineno) - node.lineno + 1))
            found += functions(node, name + ".")
        elif isinstance(node, ast.ClassDef):
            found += functions(node, prefix + node.name + ".")
        elif isinstance(node, ast.stmt | ast.excepthandler | ast.match_case):
            found += functions(node, prefix)  # a def under if/with/try; none in expressions
    return found


@cache
def too_long() -> dict[str, str]:
    """Each module and function over its limit → what it measures."""
    over: dict[str, str] = {}
    for name, text in modules():
        lines = len(text.splitlines())
        if lines > MODULE_LINES:
            over[name] = f"{lines} lines (at most {MODULE_LINES})"
        for function, length in functions(trees()[name]):
            if length > FUNCTION_LINES:
                over[f"{name}::{function}"] = f"{length} lines (at most {FUNCTION_LINES})"
    return over


def test_no_module_or_function_is_too_long() -> None:
    over = {name: size for name, size in too_long().items() if name not in ALLOWED}
    assert not over, "too long; split by meaning:\n" + "\n".join(
        f"  {name}: {size}" for name, size in sorted(over.items())
    )


def test_the_allowlist_names_only_what_is_still_too_long() -> None:
    fixed = ALLOWED - too_long().keys()
    assert not fixed, "within the limits now; remove from ALLOWED:\n" + "\n".join(
        f"  {name}" for name in sorted(fixed)
    )


def test_the_measure_sees_modules_methods_and_nested_functions() -> None:
    # The walk itself: a method and a function nested in it are measured and named.
    tree = ast.parse("class A:\n    def f(self):\n        def g():\n            pass\n")
    assert functions(tree) == [("A.f", 3), ("A.f.g", 2)]
    assert {name for name, _ in modules()} >= {"cli/parser.py", "store/tracker.py"}
    assert not [name for name, _ in modules() if name.startswith("store/migrations/")]


def defined(tree: ast.Module, name: str) -> list[str]:
    """The names dead code could hide behind: module-level functions, classes and
    constants, and methods (outside the screens and widgets, whose handlers Textual
    calls by name)."""
    found = []
    textual = name.startswith(("screens/", "widgets/", "app.py"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found.append(node.name)
        elif isinstance(node, ast.Assign):
            found += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found.append(node.target.id)
        if isinstance(node, ast.ClassDef) and not textual:
            found += [
                f.name for f in node.body if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
            ]
    return [n for n in found if not n.startswith("__")]


def test_no_dead_code() -> None:
    # Every word of src (migrations too: env.py uses the store's include_name) and bench.
    texts = [p.read_text(encoding="utf-8") for p in [*PACKAGE.rglob("*.py"), *BENCH.rglob("*.py")]]
    words = Counter(w for text in texts for w in re.findall(r"\w+", text))
    unused = {
        f"{module}::{name}"
        for module, tree in trees().items()
        for name in defined(tree, module)
        if words[name] < 2
    }
    dead = sorted(unused - LIVE)
    assert not dead, "never used in src/ or bench/; delete it (and a test of it only):\n" + (
        "\n".join(f"  {name}" for name in dead)
    )
    stale = sorted(LIVE - unused)
    assert not stale, f"used now; remove from LIVE: {stale}"
