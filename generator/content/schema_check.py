"""The first validation layer: each document against its JSON Schema, as linter-style problems."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from .enums import DocumentKind
from .problems import Problem
from .read import Document
from .sanitise import show

if TYPE_CHECKING:  # jsonschema loads only when a schema is checked: a fully stored tree needs none (checkstore.py)
    import jsonschema

SCHEMA_OF_KIND = {kind: f"{kind.value}.schema.json" for kind in DocumentKind}

_TYPE_NAMES = {
    "object": "a mapping of fields",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def validators(schemas: dict[str, Any]) -> dict[DocumentKind, jsonschema.Draft202012Validator]:
    """One validator per document kind; schemas refer to each other by file name."""
    import jsonschema
    from referencing import Registry, Resource

    registry: Registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    return {
        kind: jsonschema.Draft202012Validator(schemas[name], registry=registry) for kind, name in SCHEMA_OF_KIND.items()
    }


def field_name(path: tuple[Any, ...]) -> str:
    """metrics[0].value style name for a document path."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text '{_short(value)}'"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"


def _short(text: str, limit: int = 60) -> str:
    """A value quoted in a message: long text is cut, so one error cannot print a whole file."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _suggest(word: Any, choices: list[str]) -> str:
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.7)
    return f"did you mean '{close[0]}'?" if close else ""


def check(doc: Document, validator: jsonschema.Draft202012Validator) -> list[Problem]:
    """Every schema problem of one document, each at the line of the offending value."""
    problems = []
    for err in sorted(validator.iter_errors(doc.data), key=lambda e: [str(p) for p in e.absolute_path]):
        problems.extend(_problems(doc, err))
    return problems


def _problems(doc: Document, err: jsonschema.ValidationError) -> list[Problem]:
    path = tuple(err.absolute_path)
    name = field_name(path)
    where = f"{name}: " if name else ""
    line, col = doc.spans.at(path)
    schema = err.schema if isinstance(err.schema, dict) else {}
    kind = err.validator
    if kind == "additionalProperties" and isinstance(err.instance, dict):
        allowed = sorted(schema.get("properties", {}))
        out = []
        for key in err.instance:
            if key not in allowed:
                key_line, key_col = doc.spans.at((*path, key), key=True)
                hint = _suggest(key, allowed) or f"allowed fields: {', '.join(allowed)}"
                out.append(Problem(doc.path, key_line, key_col, f"{where}unknown field '{_short(key)}'", hint=hint))
        return out
    if kind == "required":
        missing = err.message.split("'")[1] if "'" in err.message else str(err.validator_value)
        choices = schema.get("properties", {}).get(missing, {}).get("enum")
        hint = f"add {missing}: one of {', '.join(map(str, choices))}" if choices else ""
        return [Problem(doc.path, line, col, f"{where}missing required field '{missing}'", hint=hint)]
    if kind == "type":
        wanted = _TYPE_NAMES.get(str(err.validator_value), str(err.validator_value))
        hint = "remove the leading '- ' list markers" if not path and isinstance(err.instance, list) else ""
        if isinstance(err.instance, str) and err.validator_value in ("integer", "number"):
            hint = "write the number without quotes, units or separators"
        message = f"{where}expected {wanted}, got {_describe(err.instance)}"
        return [Problem(doc.path, line, col, message, hint=hint)]
    if kind == "enum":
        choices = [str(c) for c in err.validator_value]  # type: ignore[union-attr]
        hint = _suggest(err.instance, choices)
        message = f"{where}{_describe(err.instance)} is not allowed; use one of: {', '.join(choices)}"
        return [Problem(doc.path, line, col, message, hint=hint)]
    if kind == "pattern":
        return [Problem(doc.path, line, col, where + _pattern_message(path, err.instance))]
    if kind == "minimum":
        message = f"{where}{err.instance} is below the minimum {err.validator_value}"
        return [Problem(doc.path, line, col, message)]
    if kind == "maxLength" and isinstance(err.instance, str):
        message = f"{where}text is {len(err.instance):,} characters; the limit is {err.validator_value:,}"
        return [Problem(doc.path, line, col, message, hint="shorten it")]
    if kind == "maxItems" and isinstance(err.instance, list):
        message = f"{where}lists {len(err.instance):,} entries; the limit is {err.validator_value:,}"
        return [Problem(doc.path, line, col, message)]
    if kind in ("minLength", "minItems"):
        return [Problem(doc.path, line, col, f"{where}must not be empty")]
    if kind == "uniqueItems":
        return [Problem(doc.path, line, col, f"{where}lists the same entry twice")]
    return [Problem(doc.path, line, col, f"{where}{err.message}")]


def _pattern_message(path: tuple[Any, ...], value: Any) -> str:
    last = path[-1] if path else ""
    if len(path) == 2 and path[0] == "licence":
        return {
            "url": f"'{show(str(value))}' is not an https:// address without spaces or brackets",
            "id": f"'{show(str(value))}' is not a licence identifier such as OGL-UK-3.0 or CC-BY-4.0",
        }.get(str(last), f"'{show(str(value))}' may not contain \", <, > or control characters")
    value = _short(str(value))
    if last == "url":
        return f"'{value}' is not an https:// address; links must use https"
    if last == "site_url":
        rule = "must be an https:// address ending in /, with no empty folder (//) in its path"
        return f"'{show(str(value))}' {rule}, such as https://audit.example.org/"
    if last in ("site_name", "organisation", "description"):
        # Material prints these inside HTML attributes, unescaped.
        return f"'{show(str(value))}' may not contain \", <, > or control characters; use ‘ ’ or “ ” for quotes"
    if last == "language":
        return f"'{show(str(value))}' is not a language tag; use one such as en or en-GB"
    if last == "email":
        return f"'{show(str(value))}' is not an email address such as accessibility@example.org"
    if last == "phone":
        return f"'{show(str(value))}' is not a telephone number; use digits and spaces, such as 0300 123 4567"
    if last in ("prepared", "reviewed"):
        return f"'{show(str(value))}' is not a date; write it as YYYY-MM-DD, such as 2026-11-23"
    if last in ("id", "slug"):
        return f"'{value}' is not a lowercase slug; use lowercase letters, digits and single hyphens"
    return f"'{value}' is not in the expected form"
