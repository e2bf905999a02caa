"""Refuses YAML features content never needs (aliases, anchors, tags, deep or huge documents) before building."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

import yaml

from . import limits

# Real content nests 4 levels (a file, a list, an item, a value) and the largest file has ~200 values.
DEPTH_LIMIT = 16
NODE_LIMIT = 20_000
_CORE = "tag:yaml.org,2002:"
_FULL_VALUE = "write the value out in full"


@dataclass(frozen=True)
class Refusal:
    """One refused feature at a 0-based YAML mark, as a message and a hint."""

    line: int
    col: int
    message: str
    hint: str


def _at(mark: Any, message: str, hint: str) -> Refusal:
    return Refusal(mark.line, mark.column, message, hint)


def _tag(tag: str) -> str:
    short = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
    return short if len(short) <= 40 else short[:40] + "..."


def prescan(text: str, loader: type[Any] = yaml.SafeLoader) -> tuple[list[yaml.Event], list[Refusal]]:
    """The document's events and what in them is refused; raises yaml.YAMLError on a syntax error.

    yaml.parse reads the stream iteratively and builds nothing, so a billion-laughs file, a 100,000-deep
    nesting or a huge list is stopped here, at its first excess, before composing (which recurses) or
    constructing (which expands aliases) can begin."""
    events: list[yaml.Event] = []
    refused: list[Refusal] = []
    depth = nodes = 0
    aliased: set[str] = set()
    for event in yaml.parse(text, Loader=loader):
        events.append(event)
        if isinstance(event, yaml.AliasEvent):
            # Once per name: a billion-laughs file repeats each alias many times.
            if event.anchor not in aliased:
                aliased.add(str(event.anchor))
                refused.append(_at(event.start_mark, f"YAML aliases (*{event.anchor}) are not allowed", _FULL_VALUE))
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        if event.anchor is not None:
            refused.append(_at(event.start_mark, f"YAML anchors (&{event.anchor}) are not allowed", _FULL_VALUE))
        tag = getattr(event, "tag", None)
        if tag is not None:
            hint = "remove the tag; write text, a number, a list or a mapping as it is"
            refused.append(_at(event.start_mark, f"YAML tag '{_tag(tag)}' is not allowed", hint))
        nodes += 1
        if nodes > NODE_LIMIT:
            hint = "no content file needs this many; split the content or remove repeated entries"
            refused.append(_at(event.start_mark, f"the file has more than {NODE_LIMIT:,} YAML values", hint))
            break
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > DEPTH_LIMIT:
                hint = "content needs only a few levels; check the indentation and the brackets"
                refused.append(_at(event.start_mark, f"YAML is nested more than {DEPTH_LIMIT} levels deep", hint))
                break
        if len(refused) >= limits.REPORT_LIMIT:
            break
    return events, refused[: limits.REPORT_LIMIT]


class _Replay(yaml.composer.Composer, yaml.resolver.Resolver):
    """PyYAML's composer, fed from events already read instead of parsing the text a second time."""

    def __init__(self, events: list[yaml.Event]) -> None:
        self._events = deque(events)
        yaml.composer.Composer.__init__(self)
        yaml.resolver.Resolver.__init__(self)

    def check_event(self, *choices: type[yaml.Event]) -> bool:
        return bool(self._events) and (not choices or isinstance(self._events[0], choices))

    def peek_event(self) -> yaml.Event:
        return self._events[0]

    def get_event(self) -> yaml.Event:
        return self._events.popleft()


def compose(events: list[yaml.Event]) -> yaml.Node | None:
    """The node tree of events that prescan accepted; raises yaml.MarkedYAMLError as yaml.compose does."""
    node: yaml.Node | None = _Replay(events).get_single_node()
    return node
