"""The site's Markdown dialect: one converter per thread, reset between texts, references returned."""

from __future__ import annotations

import threading

from generator.content import markup
from generator.content.markup import to_html


def test_references_are_returned_and_do_not_leak_into_the_next_text() -> None:
    html, references = to_html("See [the plan][p].\n\n[p]: https://example.org/plan\n")
    assert references == {"p": "https://example.org/plan"}
    assert '<a href="https://example.org/plan">the plan</a>' in html
    assert to_html("See [the plan][p].\n") == ("<p>See [the plan][p].</p>", {})


def test_the_sites_extensions_are_loaded_with_their_settings() -> None:
    html, _ = to_html("# Title {: #t .c }\n\n| a |\n|---|\n| 1 |\n")
    assert '<h1 class="c" id="t">Title<a class="headerlink" href="#t" title="Permanent link">&para;</a></h1>' in html
    assert "<table>" in html


def test_one_converter_per_thread() -> None:
    first = markup._converter()
    assert markup._converter() is first
    other: list[object] = []
    thread = threading.Thread(target=lambda: other.append(markup._converter()))
    thread.start()
    thread.join()
    assert other and other[0] is not first


def test_a_new_threads_converter_has_the_sites_extensions_and_settings() -> None:
    # Each thread builds its own converter: check one built here, not the one this thread may already hold.
    out: list[str] = []
    thread = threading.Thread(target=lambda: out.append(to_html("# Title {: #t .c }\n\n| a |\n|---|\n| 1 |\n")[0]))
    thread.start()
    thread.join()
    assert out, "the thread converted the text"
    assert '<h1 class="c" id="t">Title<a class="headerlink" href="#t" title="Permanent link">&para;</a></h1>' in out[0]
    assert "<table>" in out[0]


def test_a_new_thread_keeps_the_converter_it_built() -> None:
    converters: list[object] = []
    thread = threading.Thread(target=lambda: converters.extend([markup._converter(), markup._converter()]))
    thread.start()
    thread.join()
    assert len(converters) == 2 and converters[0] is converters[1]


def test_only_element_ids_and_link_addresses_are_read() -> None:
    found = markup.attributes(
        '<p class="c" id="p1">x</p><a name="n1" title="t" href="h.md">a</a><span name="n2"></span>'
        '<img src="i.png" alt="id=&quot;fake&quot;"><!-- <b id="hidden"></b> --><input disabled>'
    )
    assert found.ids == {"p1", "n1"}
    assert found.addresses == {"h.md", "i.png"}


def test_link_offsets_are_of_relative_addresses_markdown_makes_links_of() -> None:
    body = "[a](https://x.org/) [b](c.md) `[d](e.md)` [f](/g/) <a href=h/>h</a>"
    assert [body[o : o + 4] for o in markup.link_offsets(body)] == ["c.md", "h/>h"]
    assert markup.link_offsets("No links here, only https://x.org/ in text.") == ()


def test_a_mark_is_found_only_whole() -> None:
    assert markup._marked("zq12zq", "zq") == "12"
    assert markup._marked("zq12", "zq") is None and markup._marked("zqxzq", "zq") is None


def test_the_same_address_in_code_and_in_a_link_is_a_link_once() -> None:
    body = "[a](c.md) and `[b](c.md)`"
    assert markup.link_offsets(body) == (4,)


def test_an_address_that_swapping_could_reparse_is_kept_and_found_whole() -> None:
    # A backslash escapes the ')' after it: the link is to 'x)y.md', which is not the address found ('x\'), so it
    # is not counted; swapping 'x\' for a mark would have made a link of it.
    assert markup.link_offsets("[a](x\\)y.md)") == ()
    # Kept as written, and a link where an element has it, not where code shows it.
    body = "[a](x\\y.md) and `[b](p\\q.md)` and `[c](r`s.md)`"
    assert markup.link_offsets(body) == (4,)
    body = "[a](x\\y.md) and `[b](x\\y.md)`"
    assert markup.link_offsets(body) == (4, 21)  # kept addresses are found by value: both (see link_offsets)


def test_a_backtick_in_an_address_that_opens_a_code_span_unmakes_the_link() -> None:
    # Code spans come first in Markdown: the ` in the address opens one that ends at the next `, so no link is made;
    # swapping the address for a mark would take the ` away and make one.
    assert markup.link_offsets("[a](x`y.md) and `z`") == ()
