"""Where the reader reports a problem ("rule sites"), found in its source, and which of them a run reached.

A rule site is any call in generator/content/ that makes a problem (Problem, YamlProblem, a sanitiser or
Markdown Finding, a YAML Refusal, or a helper that returns one of those) and any message returned by a
function whose name says it describes a problem. test_validate_fixtures runs every invalid fixture with
tracing on and fails when a site is reached by none, so a rule added without a fixture is visible.
"""

from __future__ import annotations

import ast
import functools
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

CONTENT = Path(__file__).parent.parent / "generator" / "content"
# Classes whose construction is a problem being reported.
_MAKERS = {"Problem", "YamlProblem", "Finding", "Refusal"}
# Functions that return a message (or message and hint) rather than a problem object.
_MESSAGE_WORDS = ("problem", "message", "describe_")

T = TypeVar("T")


@dataclass(frozen=True)
class Site:
    """One place in the source that reports a problem."""

    module: str
    function: str
    first: int
    last: int
    source: str

    def name(self) -> str:
        return f"{self.module}:{self.function}: {self.source}"


def _annotation(node: ast.FunctionDef) -> str:
    return ast.unparse(node.returns) if node.returns is not None else ""


def _makers(trees: dict[str, ast.Module]) -> set[str]:
    """Constructors plus every content function whose return type is a problem object."""
    found = set(_MAKERS)
    for tree in trees.values():
        for node in ast.walk(tree):
            # A helper returns one problem (or none); functions returning lists or iterators only pass them on.
            if isinstance(node, ast.FunctionDef) and _annotation(node).removesuffix(" | None") in _MAKERS:
                found.add(node.name)
    return found


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _is_message(node: ast.expr | None) -> bool:
    if isinstance(node, ast.Tuple):
        return bool(node.elts) and _is_message(node.elts[0])
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def sites() -> list[Site]:
    """Every rule site in generator/content/*.py."""
    trees = {p.stem: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(CONTENT.glob("*.py"))}
    makers = _makers(trees)
    out: list[Site] = []
    for module, tree in trees.items():
        lines = (CONTENT / f"{module}.py").read_text(encoding="utf-8").splitlines()
        for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            describes = any(w in func.name for w in _MESSAGE_WORDS) and "Problem" not in _annotation(func)
            for node in _own_nodes(func):
                made = isinstance(node, ast.Call) and _callee(node) in makers and _callee(node) != func.name
                said = isinstance(node, ast.Return) and describes and _is_message(node.value)
                if not (made or said):
                    continue
                end = node.end_lineno or node.lineno
                out.append(Site(module, func.name, node.lineno, end, lines[node.lineno - 1].strip()))
    return out


def _own_nodes(func: ast.FunctionDef) -> Iterator[ast.AST]:
    """Nodes of func, not of functions nested in it (those are walked on their own)."""
    stack: list[ast.AST] = list(func.body)
    while stack:
        node = stack.pop()
        yield node
        stack.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, ast.FunctionDef))


@functools.cache
def _cached_sites() -> tuple[Site, ...]:
    return tuple(sites())


def traced(run: Callable[[], T]) -> tuple[T, set[tuple[str, int]]]:
    """run's result and the (module, line) pairs of generator/content it executed."""
    hits: set[tuple[str, int]] = set()
    root = str(CONTENT) + "/"
    # Line events only in functions that hold a site: tracing every line of the reader costs 3x its run time.
    # The check runs on every call of the reader, so it is one set lookup by the code's own file name and name.
    wanted = {(f"{root}{s.module}.py", s.function) for s in _cached_sites()}

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            hits.add((frame.f_code.co_filename, frame.f_lineno))
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        code = frame.f_code
        return local if (code.co_filename, code.co_name) in wanted else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        result = run()
    finally:
        sys.settrace(previous)
    return result, {(Path(f).stem, line) for f, line in hits if f.startswith(root)}


def reached(site: Site, hits: set[tuple[str, int]]) -> bool:
    """Whether a run executed any line of the site."""
    return any((site.module, line) in hits for line in range(site.first, site.last + 1))
