"""Locks and corrections as data and text: the lock file, a correction's field-level old -> new values, the log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from ..content.fingerprint import SITE_WIDE, sha256
from . import words

# Lists of records, each paired across the two versions of a file by two of its keys, then compared key by key: an
# initiative's figures and funding, and the site-wide goals and places (SITE_WIDE in content/fingerprint.py).
FIGURE_KEYS = {
    "metrics": ("label", "unit"),
    "funding": ("source", "currency"),
    "goals": ("number", "slug"),
    "places": ("name", "kind"),
}
_ATTRIBUTES = ("label", "value", "amount", "unit", "currency", "qualifier", "kind", "period", "source", "note")


@dataclass(frozen=True)
class Parsed:
    """A content file as a correction sees it: its fields (front matter or YAML) and its Markdown body, if any."""

    data: Mapping[str, Any]
    body: str | None = None


@dataclass(frozen=True)
class FieldText:
    """A field that differs, with both values as text (None: absent)."""

    field: str
    old: str | None
    new: str | None


def text(value: Any) -> str | None:
    """A value as one line of text: lists joined with '; ', mappings as 'key: value', 57000.0 as '57000'."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "; ".join(text(v) or "" for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {text(v)}" for k, v in value.items())
    return str(value)


def _name(item: Mapping[str, Any], keys: tuple[str, str]) -> str:
    label = item.get(keys[0]) or "(none)"
    return f"{label} ({item.get(keys[1])})"


def _pairs(old: Sequence[Any], new: Sequence[Any], keys: tuple[str, str]) -> list[tuple[Any, Any]]:
    """Figures paired by their keys; within a key the most alike first, else in order."""

    def key(item: Any) -> tuple[Any, Any]:
        return (item.get(keys[0]), item.get(keys[1])) if isinstance(item, dict) else (None, None)

    def alike(a: Any, b: Any) -> int:
        if not isinstance(a, dict) or not isinstance(b, dict):
            return 0
        return sum(a.get(k) == b.get(k) for k in _ATTRIBUTES)

    out: list[tuple[Any, Any]] = []
    unpaired = list(new)
    for a in old:
        candidates = [b for b in unpaired if key(b) == key(a)]
        if not candidates:
            out.append((a, None))
            continue
        best = max(candidates, key=lambda b: alike(a, b))
        unpaired.remove(best)
        out.append((a, best))
    return out + [(None, b) for b in unpaired]


def _figures(name: str, old: Sequence[Any], new: Sequence[Any]) -> list[FieldText]:
    keys = FIGURE_KEYS[name]
    out: list[FieldText] = []
    for a, b in _pairs(old, new, keys):
        if not isinstance(a, dict) or not isinstance(b, dict):  # added or removed (None), or not a mapping
            label = _name(a if isinstance(a, dict) else b, keys) if isinstance(a or b, dict) else "(entry)"
            out.append(FieldText(f"{name}: {label}", text(a), text(b)))
            continue
        for attribute in [*_ATTRIBUTES, *sorted((set(a) | set(b)) - set(_ATTRIBUTES))]:
            if a.get(attribute) != b.get(attribute):
                out.append(
                    FieldText(f"{name}: {_name(a, keys)}: {attribute}", text(a.get(attribute)), text(b.get(attribute)))
                )
    # The order shows too (a district's places, a table's figures): those in both versions, if it differs.
    before = [_name(a, keys) for a in old if isinstance(a, dict)]
    after = [_name(b, keys) for b in new if isinstance(b, dict)]
    kept_before, kept_after = [n for n in before if n in after], [n for n in after if n in before]
    if kept_before != kept_after:
        out.append(FieldText(f"{name}: order", text(kept_before), text(kept_after)))
    elif not out and list(old) != list(new):  # records of one name swapped: only the order of their values tells
        out.append(FieldText(f"{name}: order", text(list(old)), text(list(new))))
    return out


def _records(key: str, old: Any, new: Any) -> bool:
    """Whether a field is a list of records compared record by record: figures always; goals and places when
    each item is a mapping (an initiative's places are names, compared as one field)."""
    if key not in FIGURE_KEYS or not isinstance(old, list) or not isinstance(new, list):
        return False
    return key in ("metrics", "funding") or all(isinstance(item, dict) for item in [*old, *new])


def field_changes(old: Parsed | None, new: Parsed | None) -> list[FieldText]:
    """Every field of one file that differs (figures matched by label and unit), then the body if its words differ."""
    a = dict(old.data) if old else {}
    b = dict(new.data) if new else {}
    out: list[FieldText] = []
    for key in [*a, *(k for k in b if k not in a)]:
        if a.get(key) == b.get(key):
            continue
        if _records(key, a.get(key, []), b.get(key, [])):
            out += _figures(key, a.get(key, []), b.get(key, []))
        else:
            out.append(FieldText(key, text(a.get(key)), text(b.get(key))))
    old_body = old.body if old else None
    new_body = new.body if new else None
    if (old_body or new_body) and not words.same_words(old_body or "", new_body or ""):
        out.append(FieldText("body", (old_body or "").strip() or None, (new_body or "").strip() or None))
    return out


def file_versions(old: bytes | None, new: bytes | None, field: str = "picture") -> list[FieldText]:
    """A file's change as one field (a picture's, a theme file's): each version by its size and the start of its
    sha256 (the lock has the whole), so a reader can tell the versions apart and check them against the lock."""

    def described(raw: bytes | None) -> str | None:
        return None if raw is None else f"{len(raw):,} bytes, sha256 {sha256(raw)[:12]}..."

    return [FieldText(field, described(old), described(new))] if old != new else []


class _Dumper(yaml.SafeDumper):
    """Writes text of several lines as a literal block, so a body reads as it was written."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def lock_text(
    year: int,
    published: str,
    files: Mapping[str, str],
    corrections: str | None,
    updated: str | None = None,
    site_wide: Sequence[str] = SITE_WIDE,
) -> str:
    """lock.yml: who may change what, in words at the top, then one sha256 per file."""
    header = (
        f"# The published {year} edition, frozen by `levelup publish {year}`. Written by levelup: do not edit.\n"
        "# One sha256 per file of the edition, and per site-wide file its pages show (goals, places, the site's\n"
        "# settings, the site pages, the tree's own theme), over its text as UTF-8 with any BOM dropped and line\n"
        "# endings as \\n, so Git's line-ending conversion cannot change it.\n"
        "# `levelup validate` fails for any changed, added or removed file; to change one, record a public\n"
        f'# correction: levelup publish {year} --correction "..."\n'
    )
    data: dict[str, Any] = {"edition": year, "published": published}
    if updated:
        data["updated"] = updated
    data["algorithm"] = "sha256"
    if corrections:
        data["corrections"] = corrections
    if site_wide:  # which site-wide files it covers (a folder: its files); without the list, a lock covers none
        data["site_wide"] = list(site_wide)
    data["files"] = dict(sorted(files.items()))
    return header + _dump(data)


def correction_entry(
    date: str,
    note: str,
    files: Sequence[tuple[str, str, Sequence[FieldText]]],
    shown_by: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, Any]:
    """One corrections.yml entry: date, note, and per file its change and each field's old and new value; for a
    picture (shown_by) the files whose text shows it."""
    shown_by = shown_by or {}

    def entry(path: str, change: str, fields: Sequence[FieldText]) -> dict[str, Any]:
        out: dict[str, Any] = {"path": path, "change": change}
        out["fields"] = [{"field": f.field, "old": f.old, "new": f.new} for f in fields]
        if shown_by.get(path):
            out["shown_by"] = list(shown_by[path])
        return out

    return {"date": date, "note": note, "files": [entry(*file) for file in files]}


def corrections_text(year: int, entries: Sequence[Mapping[str, Any]]) -> str:
    """corrections.yml: every correction of the edition, oldest first."""
    header = (
        f"# Public corrections to the published {year} edition, recorded by `levelup publish {year} --correction`.\n"
        "# The site shows each on the pages it changed and in the edition's corrections log. Written by levelup:\n"
        "# do not edit (the lock records this file's sha256 too).\n"
    )
    return header + _dump({"corrections": [dict(e) for e in entries]})
