"""YAML parsing that remembers where every value came from, so errors can name file:line:col."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem

Path = tuple[str | int, ...]


@dataclass
class Spans:
    """1-based positions of values and mapping keys, by their path in the document."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0

    def at(self, path: Path, key: bool = False) -> tuple[int, int]:
        """The position of path's value (or key), falling back to its nearest ancestor."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if not key and path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.values.get((), (1 + self.line_offset, 1))


class YamlProblem(Exception):
    """Raised while building values; carries the position of the offending node."""

    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.line, self.col = line, col


def _scalar(constructor: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> Any:
    value = constructor.construct_object(node, deep=True)
    # Dates become strings: content compares them as text, and JSON Schema has no date type.
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# libyaml (in PyYAML's wheels) composes the same nodes with the same marks three times faster than the pure-Python
# loader, but words its errors differently: a document it refuses is read again by the pure loader, whose messages
# and positions are the ones users see (and tests/fixtures/invalid pin). libyaml also accepts a tab inside a plain
# value, which the pure loader refuses ("indent with spaces, not tabs"), so text with a tab keeps the pure loader.
# A few rarer forms libyaml reads as YAML 1.2 does ([a?b], a block scalar header followed by #) it accepts too.
FAST_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str) -> yaml.Node | None:
    """The document's node tree; raises yaml.YAMLError as the pure-Python loader does."""
    if "\t" not in text:
        try:
            node: yaml.Node | None = yaml.compose(text, Loader=FAST_LOADER)
            return node
        except yaml.YAMLError:
            pass
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return node


def parse(text: str, path: str, line_offset: int = 0) -> tuple[Any, Spans, list[Problem]]:
    """Parse one YAML document; returns (data, spans, problems). Never raises for bad input."""
    spans = Spans(line_offset=line_offset)
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        col = mark.column + 1 if mark else 1
        what = exc.problem or exc.context or "invalid YAML"
        return None, spans, [Problem(path, line, col, f"YAML syntax error: {what}", hint=_yaml_hint(what))]
    except yaml.YAMLError as exc:  # e.g. a control character the reader refuses
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "mark", None)
        line = (mark.line + 1 if mark else 1) + line_offset
        col = mark.column + 1 if mark else 1
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        return None, spans, [Problem(path, line, col, f"YAML cannot be read: {reason}")]
    if node is None:
        return None, spans, []
    constructor = yaml.constructor.SafeConstructor()
    try:
        return _build(node, (), spans, constructor, line_offset, set()), spans, []
    except YamlProblem as exc:
        return None, spans, [Problem(path, exc.line, exc.col, str(exc))]


def _pos(node: yaml.Node, offset: int) -> tuple[int, int]:
    return node.start_mark.line + 1 + offset, node.start_mark.column + 1


def _build(
    node: yaml.Node,
    path: Path,
    spans: Spans,
    constructor: yaml.constructor.SafeConstructor,
    offset: int,
    active: set[int],
) -> Any:
    spans.values[path] = _pos(node, offset)
    if id(node) in active:
        raise YamlProblem("a YAML alias refers to itself", *_pos(node, offset))
    if isinstance(node, yaml.ScalarNode):
        try:
            return _scalar(constructor, node)
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            raise YamlProblem(f"value cannot be read: {exc}".splitlines()[0], *_pos(node, offset)) from None
    active = active | {id(node)}
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), spans, constructor, offset, active) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem("YAML merge keys (<<) are not supported here", *_pos(key_node, offset))
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem("a mapping key must be a plain word", *_pos(key_node, offset))
            key = _scalar(constructor, key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                line, _ = spans.keys[(*path, key)]
                raise YamlProblem(f"duplicate key '{key}' (first given on line {line})", *_pos(key_node, offset))
            spans.keys[(*path, key)] = _pos(key_node, offset)
            result[key] = _build(value_node, (*path, key), spans, constructor, offset, active)
        return result
    raise YamlProblem("unsupported YAML node", *_pos(node, offset))


def _yaml_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return "a value that contains ': ' must be quoted"
    if "found character '\\t'" in what or "tab" in what:
        return "indent with spaces, not tabs"
    if "expected <block end>" in what:
        return "check this line's indentation against the lines above it"
    if "could not find expected ':'" in what:
        return "each line of a mapping needs 'key: value'"
    return ""
