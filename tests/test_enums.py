"""The enums of the typed model list exactly the values the JSON Schemas allow, so the two cannot drift."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import pytest

from generator.content import enums
from generator.content.schema_check import SCHEMA_OF_KIND

SCHEMAS = Path(enums.__file__).parent / "schemas"


def _enum(schema: str, *path: str) -> list[str]:
    node = json.loads((SCHEMAS / schema).read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    return list(node["enum"])


@pytest.mark.parametrize(
    ("enum", "schema", "path"),
    [
        (enums.Status, "initiative.schema.json", ("properties", "status")),
        (enums.Unit, "metric.schema.json", ("properties", "unit")),
        (enums.Kind, "metric.schema.json", ("properties", "kind")),
        (enums.Kind, "funding.schema.json", ("properties", "kind")),
        (enums.Qualifier, "metric.schema.json", ("properties", "qualifier")),
        (enums.Qualifier, "funding.schema.json", ("properties", "qualifier")),
        (enums.Currency, "funding.schema.json", ("properties", "currency")),
        (enums.PlaceKind, "places.schema.json", ("properties", "places", "items", "properties", "kind")),
        (enums.EditionStatus, "edition.schema.json", ("properties", "status")),
    ],
)
def test_enum_equals_schema(enum: type[StrEnum], schema: str, path: tuple[str, ...]) -> None:
    assert [member.value for member in enum] == _enum(schema, *path)


def test_every_document_kind_has_a_schema() -> None:
    assert {p.name for p in SCHEMAS.glob("*.schema.json")} >= set(SCHEMA_OF_KIND.values())
    assert set(SCHEMA_OF_KIND) == set(enums.DocumentKind)
