"""The search index as the publish gate reads it: Material's search shows each entry's title and text as HTML, so
an entry may hold only the bare tags Material's search plugin keeps (no attributes) and escaped text, and lead only
to a page of this site. Anything else would be markup a reader's browser builds from the index, which the pages'
own checks never saw."""

from __future__ import annotations

import json
import re
from typing import Any

from .allowlist import PLAIN_NAME, Finding, _shown, same_site

# Where Material's search plugin writes an edition's index, within the edition's folder; mike's list of editions.
INDEX = "search/search_index.json"
VERSIONS = "versions.json"
# The tags Material's search plugin keeps in an entry (material/plugins/search/plugin.py, Parser.keep), bare.
_KEPT = re.compile(r"</?(?:p|code|pre|li|ol|ul|sub|sup)>")


def search_findings(rel: str, raw: bytes) -> list[Finding]:
    """Every entry of the index at rel that holds markup other than the bare tags kept, or leads elsewhere."""
    if (index := _json(raw)) is _NOT_JSON:
        return [Finding(rel, 1, 1, "a search index that is not JSON")]
    docs = index.get("docs") if isinstance(index, dict) else None
    if not isinstance(docs, list) or not all(isinstance(doc, dict) for doc in docs):
        return [Finding(rel, 1, 1, "a search index without a list of entries")]
    found = []
    for doc in docs:
        where = doc.get("location")
        if not isinstance(where, str) or not same_site(where):
            found.append(Finding(rel, 1, 1, f"a search entry leading to '{_shown(str(where))}' (only this site)"))
            continue
        # Every field but the address: the search shows title, text and tags as HTML, and a later Material may
        # show more of what an entry holds.
        for field, value in doc.items():
            if field == "location":
                continue
            if (markup := _markup(value, many=field == "tags")) is not None:
                what = f"a search entry of '{_shown(where)}' whose {field} holds '{_shown(markup)}'"
                found.append(
                    Finding(rel, 1, 1, f"{what} (the search shows it as HTML: only bare <p>, <code>, <pre>, lists)")
                )
    return found


def versions_findings(rel: str, raw: bytes) -> list[Finding]:
    """The list of editions mike writes at the site's top: Material's version selector shows each title and alias
    as HTML, and builds addresses from the names."""
    if (versions := _json(raw)) is _NOT_JSON:
        return [Finding(rel, 1, 1, "a list of editions that is not JSON")]
    if not isinstance(versions, list):
        return [Finding(rel, 1, 1, "a list of editions that is not a list")]
    found = []
    for entry in versions:
        plain = isinstance(entry, dict) and set(entry) <= {"version", "title", "aliases"}
        aliases = entry.get("aliases", []) if plain else None
        names = [entry.get("version"), *aliases] if isinstance(aliases, list) else [None]
        title = entry.get("title", "") if plain else None
        if not all(isinstance(n, str) and PLAIN_NAME.fullmatch(n) for n in names):
            found.append(Finding(rel, 1, 1, f"an edition '{_shown(str(entry))}' (only plain names, a title, aliases)"))
        elif not isinstance(title, str) or "<" in title:
            found.append(Finding(rel, 1, 1, f"an edition's title '{_shown(str(title))}' (shown as HTML: no markup)"))
    return found


_NOT_JSON = object()


def _json(raw: bytes) -> Any:
    """A JSON file's value, or _NOT_JSON."""
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return _NOT_JSON


def _markup(value: Any, many: bool = False) -> str | None:
    """The first markup in an entry's field (a list of them if many) other than a kept bare tag (a '<' the plugin
    did not escape), or None."""
    if many and isinstance(value, list):
        return next((found for item in value if (found := _markup(item)) is not None), None)
    if not isinstance(value, str):
        return repr(value)
    at = value.find("<")
    while at >= 0:
        if not (kept := _KEPT.match(value, at)):
            return value[at : at + 40]
        at = value.find("<", kept.end())
    return None
