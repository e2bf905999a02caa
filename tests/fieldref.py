"""The field reference of every content file kind, as the schemas define it (used by the README test)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMAS = Path(__file__).parent.parent / "generator" / "content" / "schemas"
FILES = {
    "initiative.schema.json": "initiatives/&lt;year&gt;/&lt;NN&gt;-&lt;goal&gt;/&lt;id&gt;.md",
    "goal-page.schema.json": "initiatives/&lt;year&gt;/&lt;NN&gt;-&lt;goal&gt;/index.md",
    "edition.schema.json": "content/&lt;year&gt;/edition.yml",
    "page.schema.json": "content/pages/*.md, content/&lt;year&gt;/*.md",
    "goals.schema.json": "content/goals.yml",
    "places.schema.json": "content/places.yml",
    "site.schema.json": "content/site.yml",
    "metric.schema.json": "a metric (in metrics: lists)",
    "funding.schema.json": "a funding entry (in funding: lists)",
    "link.schema.json": "a link (in links: lists)",
    "labels.schema.json": "theme/labels.yml",
    "lock.schema.json": "content/&lt;year&gt;/lock.yml (written by publish)",
    "corrections.schema.json": "content/&lt;year&gt;/corrections.yml (written by publish --correction)",
}


def _type(spec: dict[str, Any]) -> str:
    if "enum" in spec:
        return "one of: " + ", ".join(f"`{v}`" for v in spec["enum"])
    if "$ref" in spec:
        return "see " + spec["$ref"].replace(".schema.json", "")
    kind = spec.get("type", "")
    if isinstance(kind, list):
        return " or ".join(str(k) for k in kind)
    if kind == "array":
        return f"list of {_type(spec['items'])}{_cap(spec)}"
    return str(kind) + _cap(spec)


def _cap(spec: dict[str, Any]) -> str:
    if "maxLength" in spec:
        return f" (at most {spec['maxLength']:,} characters)"
    if "maxItems" in spec:
        return f", at most {spec['maxItems']:,} entries"
    return ""


def _rows(schema: dict[str, Any], prefix: str = "", nested: bool = True) -> list[tuple[str, str, str, str]]:
    rows = []
    required = set(schema.get("required", []))
    for name, spec in schema.get("properties", {}).items():
        items = spec.get("items", {})
        if spec.get("type") == "array" and items.get("type") == "object":
            rows.append(
                (prefix + name, "list" + _cap(spec), "yes" if name in required else "no", spec.get("description", ""))
            )
            rows += _rows(items, f"{prefix}{name}[].", nested)
        elif nested and spec.get("type") == "object" and "properties" in spec:
            rows.append((prefix + name, "mapping", "yes" if name in required else "no", spec.get("description", "")))
            rows += _rows(spec, f"{prefix}{name}.", nested)
        else:
            rows.append((prefix + name, _type(spec), "yes" if name in required else "no", spec.get("description", "")))
    return rows


def table() -> list[str]:
    """The Markdown rows of the field reference: file, field, type, required, meaning."""
    lines = ["| File | Field | Type | Required | Meaning |", "|---|---|---|---|---|"]
    for name, where in FILES.items():
        schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        # labels.yml's sections are listed, not each of their keys.
        for field, kind, required, meaning in _rows(schema, nested=name != "labels.schema.json"):
            lines.append(f"| {where} | `{field}` | {kind} | {required} | {meaning.replace('|', '/')} |")
    return lines


if __name__ == "__main__":
    print("\n".join(table()))
