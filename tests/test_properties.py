"""Property-based: arbitrary bytes and arbitrary YAML never make the loader raise; they give a model or problems."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from conftest import VALID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.check import check
from generator.content.read import split_front_matter
from generator.content.yamlspans import parse

TARGETS = [
    "initiatives/2022/03-good-jobs/job-fairs.md",
    "initiatives/2021/01-early-years/index.md",
    "content/places.yml",
    "content/goals.yml",
    "content/2022/edition.yml",
    "content/pages/about.md",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["<script>x</script>", "javascript:alert(1)", "2022-01-01", "active", "GBP", "people"]),
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(["id", "title", "goal", "status", "metrics", "value", "places", "x", "goals", "year"])
            | st.text(max_size=8),
            children,
            max_size=5,
        ),
    ),
    max_leaves=20,
)


def _check_with(target: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        shutil.copytree(VALID, root)
        (root / target).write_bytes(content)
        checked = check(root)
        # Either a model with no errors, or problems that all name a real position.
        if checked.project is None:
            assert any(p.severity == "error" for p in checked.problems)
        for p in checked.problems:
            assert p.line >= 1 and p.col >= 1 and p.path and p.message


settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")


@given(st.sampled_from(TARGETS), st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(target: str, content: bytes) -> None:
    _check_with(target, content)


@given(st.sampled_from(TARGETS), yaml_values)
def test_arbitrary_yaml_never_raises(target: str, value: Any) -> None:
    text = yaml.safe_dump(value, allow_unicode=True)
    if target.endswith(".md"):
        text = f"---\n{text}---\nBody text.\n"
    _check_with(target, text.encode("utf-8"))


@given(st.text(max_size=300))
def test_yaml_parser_returns_or_reports(text: str) -> None:
    data, _spans, problems = parse(text, "x.yml")
    if problems:
        assert data is None and all(p.line >= 1 for p in problems)


@given(st.text(max_size=300))
def test_front_matter_split_never_raises(text: str) -> None:
    front, _body, line, problems = split_front_matter(text, "x.md")
    assert (front is None) == bool(problems)
    assert line >= 1
