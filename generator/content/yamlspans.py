"""YAML parsing that remembers where every value came from, so errors can name file:line:col."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import limits
from .problems import Problem
from .yamlscan import Refusal, compose, prescan

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

    def __init__(self, message: str, line: int, col: int, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.col, self.hint = line, col, hint


_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(constructor: yaml.constructor.SafeConstructor, node: yaml.ScalarNode, text: str, offset: int) -> Any:
    # A 400-digit integer or a sexagesimal 1:2:3:... is refused before Python spends time converting it.
    if node.tag in _NUMBER_TAGS and len(node.value) > limits.NUMBER_CHARACTERS:
        message = f"a number written with {len(node.value):,} characters is too long"
        raise YamlProblem(f"{message}; numbers are at most {limits.NUMBER_TEXT}", *_pos(node, offset))
    # SafeConstructor makes a str-tagged scalar its text as written (construct_yaml_str); most values and every
    # key are text, and its generic dispatch costs more than the rest of reading them.
    value = node.value if node.tag == _STR_TAG else constructor.construct_object(node, deep=True)
    # Dates become strings: content compares them as text, and JSON Schema has no date type.
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        _check_text(value, node, text, offset)
    elif (why := limits.number_problem(value, node.value)) is not None:
        raise YamlProblem(why, *_pos(node, offset))
    return value


def _read(
    constructor: yaml.constructor.SafeConstructor, node: yaml.ScalarNode, path: Path, text: str, offset: int
) -> Any:
    try:
        return _scalar(constructor, node, text, offset)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        raise YamlProblem(f"value cannot be read: {exc}".splitlines()[0], *_pos(node, offset)) from None
    except YamlProblem as exc:
        raise YamlProblem(_named(path, str(exc)), exc.line, exc.col, exc.hint) from None


def _named(path: Path, message: str) -> str:
    """metrics[0].value: message, naming the field as schema problems do."""
    name = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).removeprefix(".")
    return f"{name}: {message}" if name else message


def _check_text(value: str, node: yaml.ScalarNode, text: str, offset: int) -> None:
    if len(value) > limits.TEXT_LIMIT:
        message = f"text is {len(value):,} characters; the limit for any text is {limits.TEXT_LIMIT:,}"
        raise YamlProblem(message, *_pos(node, offset), hint="shorten it")
    bad = next(limits.forbidden_offsets(value, in_value=True), None)
    if bad is not None:
        message, hint = limits.describe_character(value[bad])
        raise YamlProblem(message, *_source_position(node, text, offset, value[bad]), hint=hint)


def _source_position(node: yaml.ScalarNode, text: str, offset: int, char: str) -> tuple[int, int]:
    """Where in the file a character of a scalar was written: the character itself, or the escape that made it."""
    start, end = node.start_mark.index, node.end_mark.index
    index = start
    while index < end:
        found, width = text[index], 1
        if found == "\\" and node.style == '"' and index + 1 < end:
            code = text[index + 1]
            width = 2 + yaml.scanner.Scanner.ESCAPE_CODES.get(code, 0)
            found = yaml.scanner.Scanner.ESCAPE_REPLACEMENTS.get(code, "")
            if code in yaml.scanner.Scanner.ESCAPE_CODES:
                try:
                    found = chr(int(text[index + 2 : index + width], 16))
                except ValueError:
                    found = ""
        if found == char:
            line = node.start_mark.line + text.count("\n", start, index)
            col = index - (text.rfind("\n", 0, index) + 1)
            return line + 1 + offset, col + 1
        index += width
    return _pos(node, offset)


# libyaml (in PyYAML's wheels) parses the same events with the same marks three times faster than the pure-Python
# loader, but words its errors differently: a document it refuses is read again by the pure loader, whose messages
# and positions are the ones users see (and tests/fixtures/invalid pin). libyaml also accepts a tab inside a plain
# value, which the pure loader refuses ("indent with spaces, not tabs"), so text with a tab keeps the pure loader.
# A few rarer forms libyaml reads as YAML 1.2 does ([a?b], a block scalar header followed by #) it accepts too.
FAST_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def events(text: str) -> tuple[list[yaml.Event], list[Refusal]]:
    """prescan's events and refusals; raises yaml.YAMLError as the pure-Python loader does."""
    if "\t" not in text:
        try:
            return prescan(text, FAST_LOADER)
        except yaml.YAMLError:
            pass
    return prescan(text, yaml.SafeLoader)


def parse(text: str, path: str, line_offset: int = 0) -> tuple[Any, Spans, list[Problem]]:
    """Parse one YAML document; returns (data, spans, problems). Never raises for bad input."""
    spans = Spans(line_offset=line_offset)
    try:
        found, refused = events(text)
        if refused:
            return None, spans, [_refusal(path, r, line_offset) for r in refused]
        node = compose(found)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        col = mark.column + 1 if mark else 1
        what = exc.problem or exc.context or "invalid YAML"
        return None, spans, [Problem(path, line, col, f"YAML syntax error: {what}", hint=_yaml_hint(what))]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (e.g. U+FFFE); it has no mark
        at = min(exc.position, len(text))
        line = text.count("\n", 0, at) + 1 + line_offset
        col = at - text.rfind("\n", 0, at)
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        message = f"YAML cannot be read: character U+{code:04X} is not allowed"
        return None, spans, [Problem(path, line, col, message, hint="delete it or write the character you meant")]
    if node is None:
        return None, spans, []
    constructor = yaml.constructor.SafeConstructor()
    try:
        return _build(node, (), spans, constructor, line_offset, set(), text), spans, []
    except YamlProblem as exc:
        return None, spans, [Problem(path, exc.line, exc.col, str(exc), hint=exc.hint)]


def _refusal(path: str, refusal: Refusal, offset: int) -> Problem:
    return Problem(path, refusal.line + 1 + offset, refusal.col + 1, refusal.message, hint=refusal.hint)


def _pos(node: yaml.Node, offset: int) -> tuple[int, int]:
    return node.start_mark.line + 1 + offset, node.start_mark.column + 1


def _build(
    node: yaml.Node,
    path: Path,
    spans: Spans,
    constructor: yaml.constructor.SafeConstructor,
    offset: int,
    active: set[int],
    text: str,
) -> Any:
    spans.values[path] = _pos(node, offset)
    if id(node) in active:
        raise YamlProblem("a YAML alias refers to itself", *_pos(node, offset))
    if isinstance(node, yaml.ScalarNode):
        return _read(constructor, node, path, text, offset)
    active = active | {id(node)}
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), spans, constructor, offset, active, text) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem("YAML merge keys (<<) are not supported here", *_pos(key_node, offset))
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem("a mapping key must be a plain word", *_pos(key_node, offset))
            key = _read(constructor, key_node, path, text, offset)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                line, _ = spans.keys[(*path, key)]
                raise YamlProblem(f"duplicate key '{key}' (first given on line {line})", *_pos(key_node, offset))
            spans.keys[(*path, key)] = _pos(key_node, offset)
            result[key] = _build(value_node, (*path, key), spans, constructor, offset, active, text)
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
