"""YAML edited as text at a recorded position: only the value there changes (found by mutation testing)."""

from __future__ import annotations

import pytest

from generator.editions.yamltext import replace_in_line, replace_scalar


def test_a_quoted_value_with_spaces_is_replaced_whole() -> None:
    text = "id: a\ntitle: 'Old name here'  # kept\n"
    assert replace_scalar(text, 2, 8, "New") == "id: a\ntitle: New  # kept\n"


def test_no_value_at_the_position_names_it() -> None:
    with pytest.raises(ValueError, match="no YAML value at 1:7"):
        replace_scalar("title:   \n", 1, 7, "x")


def test_replace_in_line_starts_at_its_column() -> None:
    text = "title: 2021 review of 2021\n"
    assert replace_in_line(text, 1, 13, "2021", "2022") == "title: 2021 review of 2022\n"
    assert replace_in_line(text, 1, 12, "2021", "2022") == "title: 2021 review of 2022\n"
