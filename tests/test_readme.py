"""The README's field reference matches the schemas, and every schema is documented."""

from __future__ import annotations

import re

from conftest import REPO
from fieldref import FILES, SCHEMAS, table


def test_every_schema_is_in_the_reference() -> None:
    assert sorted(p.name for p in SCHEMAS.glob("*.schema.json")) == sorted(FILES)


def test_readme_field_table_matches_the_schemas() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- fields:start -->\n(.*?)\n<!-- fields:end -->", readme, re.S)
    assert match, "README.md has no field reference markers"
    assert match.group(1).splitlines() == table()


def test_quick_start_has_exactly_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick, re.S)
    assert [b.strip() for b in blocks] == ["python -m pip install -e . && python build.py", "bash tests/run.sh"]
