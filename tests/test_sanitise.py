"""The HTML allowlist: what legitimate Markdown produces passes untouched; the rest is found, located and explained."""

from __future__ import annotations

import time

import pytest

from generator.content.enums import DocumentKind
from generator.content.html_check import check_document, field_findings
from generator.content.markup import MARKDOWN_EXTENSIONS, to_html
from generator.content.read import Document
from generator.content.sanitise import clean, findings, is_local, url_scheme
from generator.content.yamlspans import Spans

LEGITIMATE = """# A heading {: #custom-id .wide }

Text with *emphasis*, **strong**, `code`, a [link](https://example.org/?a=1&b=2 "Title"), a
[page of this site](../goals/01-early-years.md), [an anchor](#custom-id), [mail](mailto:team@example.org)
and a local image ![A chart](charts/status.svg "Status").
Line with a break<br>
and <abbr title="Special Educational Needs">SEN</abbr>, H<sub>2</sub>O, x<sup>2</sup>, <kbd>Ctrl</kbd>.

| Place | Count |
|:--|--:|
| Harlow | 5 |

!!! note "Worth knowing"
    An admonition.

??? tip "More detail"
    A collapsible block.

Term
:   Its definition.

<div class="grid cards" markdown>
- *Inside* a block
</div>

> A quotation.

1. First
2. Second

    Indented code <b>stays</b> code

---

<details markdown="1"><summary>Raw details</summary>
Hidden *text*.
</details>
"""


def test_legitimate_markdown_passes_untouched() -> None:
    html, references = to_html(LEGITIMATE)
    assert references == {}
    assert findings(html) == []
    # Every construct made it into the HTML, so the test is not passing on an empty page.
    for piece in ('id="custom-id"', "<table>", 'class="admonition note"', "<details", "<dl>", '<img alt="A chart"'):
        assert piece in html


def test_legitimate_body_gives_no_problems() -> None:
    assert list(check_document(_page(LEGITIMATE))) == []


def test_plain_fields_are_not_rendered_at_all() -> None:
    assert field_findings("Essex County Council's programme: 57,000 people & 14 goals.") == []


def test_the_site_and_the_sanitiser_share_one_extension_list() -> None:
    from generator.render import mkdocs_config

    source = mkdocs_config.__loader__.get_source(mkdocs_config.__name__)  # type: ignore[union-attr]
    assert "MARKDOWN_EXTENSIONS" in source and '"attr_list"' not in source
    assert "attr_list" in MARKDOWN_EXTENSIONS and {"toc": {"permalink": True}} in MARKDOWN_EXTENSIONS


@pytest.mark.parametrize(
    ("value", "scheme", "local"),
    [
        ("https://example.org/", "https", False),
        ("jav\tascript:alert(1)", "javascript", False),
        ("  \x0e java\nscript:x", "javascript", False),
        ("//evil.example/x.png", None, False),
        ("/\\evil.example/x.png", None, False),
        ("\\\\evil.example/x.png", None, False),
        ("charts/x.svg", None, True),
        ("/assets/x.png", None, True),
        ("../x.png#a:b", None, True),
    ],
)
def test_urls_are_read_as_browsers_read_them(value: str, scheme: str | None, local: bool) -> None:
    assert url_scheme(value) == scheme
    assert is_local(value) is local


def test_nh3_and_the_explanation_agree_on_what_is_allowed() -> None:
    html, _ = to_html(LEGITIMATE)
    assert _tags(clean(html)) == _tags(html)
    hostile = '<p onclick="x">a</p><img src="https://evil.example/t.png"><a href="javascript:x">b</a>'
    assert "onclick" not in clean(hostile) and "evil" not in clean(hostile) and "javascript" not in clean(hostile)
    assert len(findings(hostile)) == 3


@pytest.mark.parametrize("trick", ["<![CDATA[><img src=x onerror=alert(1)>]]>", "<!--><img src=x onerror=alert(1)>-->"])
def test_a_parser_trick_that_hides_a_tag_from_python_is_still_refused(trick: str) -> None:
    # Python's HTML parser reads the image as part of a declaration or comment; a browser (and nh3) as an element.
    html, _ = to_html(trick)
    assert "onerror" in html and "onerror" not in clean(html)
    assert findings(html), trick


def test_every_finding_is_located_on_its_own_line() -> None:
    body = "Intro.\n\n<b onclick=x>a</b>\n\nText.\n\n![x](https://evil.example/a.png)\n\n[y](javascript:z)\n"
    problems = list(check_document(_page(body, first_line=10)))
    assert [(p.line, p.col) for p in problems] == [(12, 4), (16, 6), (18, 5)]


def test_a_huge_hostile_body_is_checked_in_bounded_time() -> None:
    body = "\n\n".join(["Fine."] * 1000 + ["<i onclick=x>a</i>"] * 50)
    start = time.perf_counter()
    problems = list(check_document(_page(body)))
    assert time.perf_counter() - start < 15
    assert len(problems) == 21 and "30 more" in problems[-1].message


def test_a_field_cannot_hide_an_attribute_list_for_a_template_element() -> None:
    # *Source: {{ source }}* in a template: the source's own '*' closes the emphasis, the braces then apply to it.
    assert field_findings('Audit*{: onmouseover="alert(1)"}')
    assert field_findings("Audit {: #anchor .note }") == []


def _page(body: str, first_line: int = 4) -> Document:
    return Document(DocumentKind.PAGE, "content/pages/x.md", {"title": "X"}, Spans(), body, first_line)


def _tags(html: str) -> list[str]:
    import re

    return re.findall(r"<([a-z0-9]+)", html)
