"""The texts `new` writes: a new initiative a comms officer can fill in, and a new edition copied from the last."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

import yaml

from ..content.enums import EditionStatus, Kind, Status, Unit
from .yamltext import replace_in_line, replace_scalar

# Scaffolds validate, so their gaps are marked in words; publish refuses an edition that still has them.
PLACEHOLDER = "TODO:"
SLUG_LIMIT = 60


def slug(title: str, taken: set[str]) -> str:
    """A lowercase slug of at most SLUG_LIMIT characters, not one of taken: 'Essex Outdoors' -> 'essex-outdoors'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(base) > SLUG_LIMIT:
        base = base[:SLUG_LIMIT].rsplit("-", 1)[0] if "-" in base[:SLUG_LIMIT] else base[:SLUG_LIMIT]
    base = base or "initiative"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def quoted(text: str) -> str:
    """A YAML double-quoted scalar on one line, whatever the text holds."""
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=float("inf")).strip()


def initiative_text(*, ident: str, title: str, goal: int, year: int, source: str, schema: str) -> str:
    """A new initiative file: every required field filled in validly, the optional ones as comments."""
    statuses = " | ".join(s.value for s in Status)
    units = " | ".join(u.value for u in Unit)
    kinds = " | ".join(k.value for k in Kind)
    return f"""---
# yaml-language-server: $schema={schema}
# A new initiative in the {year} edition. Replace each {PLACEHOLDER} line, uncomment (remove the # from)
# any optional field you need, then run: levelup validate
id: {ident}  # its name in web addresses; keep it the same in every edition
title: {quoted(title)}
goal: {goal}  # the main goal's number; the file stays in that goal's folder
# also_supports: [8]  # other goals it supports
status: {Status.NOT_STATED.value}  # one of: {statuses}
summary: {quoted(f"{PLACEHOLDER} one or two plain-English sentences on what it does and for whom.")}
# places: [Harlow, Basildon]  # names from content/places.yml
# partners: [Example Trust]  # partner organisations, as the source names them
# metrics:  # every figure the source gives, one entry each
#   - label: Participants
#     value: 57000  # the number only: no commas, units or symbols
#     unit: people  # one of: {units}
#     kind: actual  # one of: {kinds}
#     period: "2025"  # optional: when it applies, as the source says
# funding:
#   - amount: 476000
#     currency: GBP
#     source: Community Renewal Fund
# links:
#   - {{title: The project's own page, url: "https://www.example.org/"}}  # https only
source: {quoted(source)}  # where these facts come from; add the section or page
last_reported: {year}  # the edition whose source last reported on it
---
{PLACEHOLDER} say in plain English what it does, for whom and where, as the source reports it.
"""


def edition_files(
    files: Mapping[str, bytes],
    *,
    old: int,
    new: int,
    year_at: tuple[int, int],
    status_at: tuple[int, int],
    title_at: tuple[int, int],
) -> dict[str, bytes]:
    """The files of a new edition: the old edition's, moved to the new year's folders, with edition.yml
    saying the new year, draft, and the new year in its title. Initiatives are copied as they are."""
    out: dict[str, bytes] = {}
    for rel, raw in files.items():
        kind, _, rest = rel.split("/", 2)
        out[f"{kind}/{new}/{rest}"] = raw
    edition = f"content/{new}/edition.yml"
    text = out[edition].decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    # Later positions first, so earlier edits cannot move them.
    edits = sorted([(year_at, "year"), (status_at, "status"), (title_at, "title")], key=lambda e: e[0], reverse=True)
    for (line, col), name in edits:
        if name == "year":
            text = replace_scalar(text, line, col, str(new))
        elif name == "status":
            text = replace_scalar(text, line, col, EditionStatus.DRAFT.value)
        else:
            text = replace_in_line(text, line, col, str(old), str(new))
    header = (
        f"# Started from the {old} edition by `levelup new edition {new}`: update the title, source, summary\n"
        f"# and figures to the {new} source. Every initiative was carried forward unchanged.\n"
    )
    out[edition] = (header + text).encode("utf-8")
    return out
