"""A content tree's own theme: every mistake in it is a file:line error, never a traceback; its wording is used."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import REPO, VALID, relock

from generator import runaway
from generator.cli import main
from generator.commands.build import build
from generator.content import enums
from generator.content.bundled_theme import CHECKED_SHA256
from generator.content.check import check, read_project
from generator.content.problems import ERROR
from generator.content.theme import REQUIRED_TEMPLATES, TOOL_THEME, bundled_digest, load_theme, read_theme
from generator.errors import ContentError, RenderError, ThemeError
from generator.render.mkdocs_config import language_files
from generator.site.charts.specs import edition_specs
from generator.site.pages import PAGE_TYPES, Context

SCHEMA = json.loads((REPO / "generator/content/schemas/labels.schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def themed(project: Path) -> Path:
    """The valid fixture with its own copy of the bundled theme."""
    shutil.copytree(TOOL_THEME, project / "theme")
    return project


def errors(root: Path) -> list[str]:
    """What validate reports for root, errors only."""
    return [p.text() for p in check(root).problems if p.severity == ERROR]


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first line of path that contains text."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def bundled(rel: str) -> str:
    return f"start from the bundled {(TOOL_THEME / rel).as_posix()}"


# The theme that ships, and the contract between it and the code


def test_the_bundled_theme_and_a_copy_of_it_have_no_problems(themed: Path) -> None:
    assert read_theme(REPO)[1] == []  # the repository's theme/ is the bundled theme, checked as a tree's own
    assert read_theme(VALID, checked=True)[1] == []
    theme, problems = read_theme(themed)
    assert problems == [] and theme.folder == "theme"
    assert errors(themed) == []


def test_the_bundled_theme_is_recorded_as_the_one_checked() -> None:
    assert read_theme(VALID, checked=True)[1] == []
    assert bundled_digest() == CHECKED_SHA256, "the bundled theme changed: record it with python tests/update_golden.py"


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The theme files whose templates are parsed (checked) from now on, as they are."""
    import generator.content.theme as theming

    parsed: list[str] = []
    real = theming._parse
    monkeypatch.setattr(theming, "_parse", lambda t, shown, *a, **k: parsed.append(shown) or real(t, shown, *a, **k))
    return parsed


def test_only_files_other_than_those_checked_are_checked(themed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The bundled theme ships with the code and is checked here (above), as the code is: validate reads it only,
    # and a tree's own exact copy of it too (the bundled content has one); a tree's own theme that differs in one
    # byte is checked.
    parsed = _parses(monkeypatch)
    bundled = read_theme(VALID)[0]
    assert parsed == [] and set(bundled.templates) >= set(REQUIRED_TEMPLATES) and bundled.labels["status"]
    assert read_theme(VALID, checked=True)[1] == [] and len(parsed) >= len(REQUIRED_TEMPLATES)
    parsed.clear()
    copy, problems = read_theme(themed)
    assert problems == [] and parsed == [] and copy.folder == "theme" and copy.templates == bundled.templates
    note = themed / "theme" / "overrides" / "main.html"
    note.write_bytes(note.read_bytes() + b"\n")
    assert read_theme(themed)[1] == [] and {p.split("/")[0] for p in parsed} == {"theme"}
    parsed.clear()
    assert load_theme(VALID).templates == bundled.templates and parsed == []


def test_a_bundled_theme_edited_where_it_is_installed_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.content.theme as theming

    installed = shutil.copytree(TOOL_THEME, tmp_path / "site-packages" / "theme")
    assert read_theme(VALID)[1] == []
    monkeypatch.setattr(theming, "TOOL_THEME", installed)
    assert read_theme(VALID)[1] == []  # the same files as checked
    goal = installed / "templates" / "goal.md.j2"
    goal.write_text(goal.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    lines = len(goal.read_text(encoding="utf-8").splitlines())
    assert [p.text().split(": error: ")[0] for p in read_theme(VALID)[1]] == [f"{goal.as_posix()}:{lines}:1"]
    with pytest.raises(ThemeError):
        load_theme(VALID)


def test_a_bundled_theme_holding_a_link_has_no_digest_and_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.content.theme as theming

    installed = shutil.copytree(TOOL_THEME, tmp_path / "theme")
    (installed / "assets" / "extra-link.css").symlink_to(installed / "assets" / "extra.css")
    monkeypatch.setattr(theming, "TOOL_THEME", installed)
    assert bundled_digest() is None
    parsed = _parses(monkeypatch)
    read_theme(VALID)
    assert len(parsed) >= len(REQUIRED_TEMPLATES)


def test_required_templates_are_those_the_page_types_render() -> None:
    used = set()
    # The three-edition fixture has a published edition with corrections; the valid one has a draft.
    for root in (VALID, VALID.parent / "three-editions"):
        used |= _templates_used(root)
    assert used == set(REQUIRED_TEMPLATES)


def _templates_used(root: Path) -> set[str]:
    project, _ = read_project(root)
    theme = load_theme(root)
    used = set()
    for edition in project.editions:
        charts = edition_specs(project, edition, theme.labels)
        ctx = Context(project, edition, theme, charts)  # type: ignore[arg-type]  # specs stand in for charts
        used |= {d.template for t in PAGE_TYPES for d in t.pages(ctx) if hasattr(d, "template")}
    return used


@pytest.mark.parametrize(
    ("section", "enum"),
    [
        ("status", enums.Status),
        ("kind", enums.Kind),
        ("qualifier", enums.Qualifier),
        ("unit", enums.Unit),
        ("unit_name", enums.Unit),
        ("place_kind", enums.PlaceKind),
    ],
)
def test_labels_schema_requires_a_word_for_every_code(section: str, enum: type[enums.StrEnum]) -> None:
    spec = SCHEMA["properties"][section]
    assert spec["required"] == [m.value for m in enum] == list(spec["properties"])
    assert spec["additionalProperties"] is False


def test_every_sentence_frame_in_the_code_is_in_the_schema() -> None:
    # Each fill(labels[...][...]) in the code names a frame the schema lists with its placeholders.
    used = set()
    for path in (REPO / "generator").rglob("*.py"):
        used |= set(re.findall(r'\["(\w+)"\]\["([\w-]+)"\]', path.read_text(encoding="utf-8")))
    for section, key in used:
        if section in SCHEMA["properties"]:
            assert key in SCHEMA["properties"][section]["properties"], (section, key)


# Every theme mistake is an error at its file and line (validate finds all but render-time ones)


def test_missing_template(themed: Path) -> None:
    (themed / "theme/templates/goal.md.j2").unlink()
    assert errors(themed) == [
        f"theme/templates/goal.md.j2:1:1: error: a required template is missing ({bundled('templates/goal.md.j2')})"
    ]


def test_missing_templates_folder_is_one_error(themed: Path) -> None:
    shutil.rmtree(themed / "theme/templates")
    assert errors(themed) == [f"theme/templates:1:1: error: the templates folder is missing ({bundled('templates')})"]


def test_a_theme_folder_is_used_whole_not_mixed_with_the_bundled_one(project: Path) -> None:
    # A theme/ with only labels.yml would once have been ignored in silence.
    (project / "theme").mkdir()
    shutil.copy2(TOOL_THEME / "labels.yml", project / "theme/labels.yml")
    found = errors(project)
    assert "theme/templates:1:1: error: the templates folder is missing" in found[-1]
    assert f"theme/assets/extra.css:1:1: error: a required asset is missing ({bundled('assets/extra.css')})" in found


def test_missing_asset(themed: Path) -> None:
    (themed / "theme/assets/explore.js").unlink()
    assert errors(themed) == [
        f"theme/assets/explore.js:1:1: error: a required asset is missing ({bundled('assets/explore.js')})"
    ]


def test_missing_labels_file(themed: Path) -> None:
    (themed / "theme/labels.yml").unlink()
    assert errors(themed) == [f"theme/labels.yml:1:1: error: the wording file is missing ({bundled('labels.yml')})"]


def test_missing_label(themed: Path) -> None:
    labels = themed / "theme/labels.yml"
    edit(labels, "  pilot: Pilot\n", "")
    line = line_of(labels, "  planned: Planned")
    assert errors(themed) == [f"theme/labels.yml:{line}:3: error: status: missing required field 'pilot'"]


def test_misspelt_label(themed: Path) -> None:
    labels = themed / "theme/labels.yml"
    edit(labels, "  to_dark:", "  to_drak:")
    line, first = line_of(labels, "to_drak"), line_of(labels, "  home: Home")
    assert errors(themed) == [
        f"theme/labels.yml:{first}:3: error: nav: missing required field 'to_dark'",
        f"theme/labels.yml:{line}:3: error: nav: unknown field 'to_drak' (did you mean 'to_dark'?)",
    ]


def test_label_that_is_not_text(themed: Path) -> None:
    labels = themed / "theme/labels.yml"
    edit(labels, "  home: Home", "  home: [Home]")
    line = line_of(labels, "  home: [Home]")
    assert errors(themed) == [f"theme/labels.yml:{line}:9: error: nav.home: expected text, got a list"]


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("Active<img src=x onerror=alert(document.domain)>", "status.active: event attribute 'onerror'"),
        ('Active <img src="https://tracker.example/p.gif">', "status.active: image 'https://tracker.example/p.gif'"),
        ("Active{onclick=alert(1)}", "status.active: '{onclick=alert(1)}' would be read as an attribute list"),
        ("[Active](javascript:alert(1))", "status.active: a link to 'javascript:alert(1)' is not allowed"),
    ],
)
def test_markup_in_a_label_is_refused_at_its_line(themed: Path, label: str, message: str) -> None:
    # Labels are printed into every page as they are: wording must be text, as a content field must.
    labels = themed / "theme/labels.yml"
    edit(labels, "  active: Active\n", f"  active: {json.dumps(label)}\n")
    line = line_of(labels, "  active: ")
    found = errors(themed)
    assert found and all(e.startswith(f"theme/labels.yml:{line}:") for e in found), found
    assert any(message in e for e in found), found


def test_unknown_placeholder(themed: Path) -> None:
    labels = themed / "theme/labels.yml"
    edit(labels, 'goal_status: "Goal {goal} initiatives', 'goal_status: "Goal {gaol} initiatives')
    line = line_of(labels, "goal_status:")
    assert errors(themed) == [
        f"theme/labels.yml:{line}:16: error: chart.goal_status: unknown placeholder {{gaol}} (use {{goal}})"
    ]


def test_stray_brace_in_a_sentence_frame(themed: Path) -> None:
    labels = themed / "theme/labels.yml"
    edit(labels, 'moved: "This page has moved to {link}."', 'moved: "This page has moved to {link."')
    line = line_of(labels, "moved:")
    assert errors(themed) == [
        f"theme/labels.yml:{line}:10: error: redirect.moved: a brace that is not part of a {{name}} (use {{link}})"
    ]


def test_labels_yaml_syntax_error(themed: Path) -> None:
    labels = themed / "theme/labels.yml"
    edit(labels, "  pilot: Pilot\n", "  pilot: Pilot\n pilot2: x\n")
    line = line_of(labels, " pilot2: x")
    found = errors(themed)
    assert len(found) == 1 and found[0].startswith(f"theme/labels.yml:{line}:2: error: YAML syntax error: "), found


def test_template_syntax_error(themed: Path) -> None:
    (themed / "theme/templates/goal.md.j2").write_text("# Goal\n{{ goal.title | }}\n", encoding="utf-8")
    assert errors(themed) == [
        "theme/templates/goal.md.j2:2:1: error: template syntax error: "
        "expected token 'name', got 'end of print statement'"
    ]


def test_unclosed_block_in_a_template(themed: Path) -> None:
    (themed / "theme/templates/page.md.j2").write_text("a\nb\n{% for i in x %}\n{{ i }}\n", encoding="utf-8")
    assert errors(themed) == [
        "theme/templates/page.md.j2:4:1: error: template syntax error: Unexpected end of template. Jinja was "
        "looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'."
    ]


def test_template_names_a_missing_template(themed: Path) -> None:
    edit(themed / "theme/templates/data.md.j2", '{% import "_macros.md.j2" as m %}', '{% import "_macro.md.j2" as m %}')
    assert errors(themed) == [
        "theme/templates/data.md.j2:1:1: error: template '_macro.md.j2' is not in theme/templates/"
    ]


def test_only_j2_files_are_templates(themed: Path) -> None:
    (themed / "theme/templates/notes.md").write_text("{{ not a template", encoding="utf-8")
    edit(themed / "theme/templates/page.md.j2", "{{ page.title }}\n", '{% include "notes.md" %}\n')
    line = line_of(themed / "theme/templates/page.md.j2", "notes.md")
    assert errors(themed) == [
        f"theme/templates/page.md.j2:{line}:1: error: template 'notes.md' is not in theme/templates/"
    ]


def test_template_that_is_not_utf8(themed: Path) -> None:
    (themed / "theme/templates/page.md.j2").write_bytes(b"# Page\ncaf\xe9\n")
    assert errors(themed) == [
        "theme/templates/page.md.j2:2:4: error: file is not valid UTF-8 (byte 0xe9) (save the file as UTF-8)"
    ]


def test_an_override_is_compiled_as_the_build_compiles_it(themed: Path) -> None:
    # A block defined twice parses, and only the compiler refuses it: validate found nothing, the build failed.
    main_html = themed / "theme/overrides/main.html"
    main_html.write_text(main_html.read_text(encoding="utf-8") + "{% block extrahead %}{% endblock %}\n", "utf-8")
    line = len(main_html.read_text(encoding="utf-8").splitlines())
    message = "template syntax error: block 'extrahead' defined twice"
    assert errors(themed) == [f"theme/overrides/main.html:{line}:1: error: {message}"]


def test_override_syntax_error(themed: Path) -> None:
    main_html = themed / "theme/overrides/main.html"
    edit(main_html, "{{ n.text | e }}", "{{ n.text | e }")
    line = line_of(main_html, "{{ n.text | e }")
    assert errors(themed) == [f"theme/overrides/main.html:{line}:1: error: template syntax error: unexpected '}}'"]


def test_override_may_use_mkdocs_trans_tags(themed: Path) -> None:
    (themed / "theme/overrides/partials").mkdir(exist_ok=True)
    (themed / "theme/overrides/partials/extra.html").write_text("{% trans %}Hello{% endtrans %}\n", encoding="utf-8")
    assert errors(themed) == []


def test_theme_link_out_of_the_tree(themed: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for publication", encoding="utf-8")
    (themed / "theme/assets/leak.txt").symlink_to(secret)
    assert errors(themed) == [
        "theme/assets/leak.txt:1:1: error: symbolic link leads outside the content folder (or nowhere); "
        "it is not followed (copy the file into the theme folder instead of linking to it)"
    ]


def test_hidden_files_are_not_published(themed: Path) -> None:
    (themed / "theme/assets/.DS_Store").write_bytes(b"\x00\x01")
    (themed / "theme/templates/.notes.md.j2").write_text("{{ broken", encoding="utf-8")
    theme, problems = read_theme(themed)
    assert problems == [] and ".DS_Store" not in theme.assets and ".notes.md.j2" not in theme.templates


def test_validate_command_reports_theme_errors(themed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (themed / "theme/templates/goal.md.j2").unlink()
    assert main(["validate", "--root", str(themed)]) == 1
    out = capsys.readouterr().out
    assert "theme/templates/goal.md.j2:1:1: error: a required template is missing" in out
    assert main(["build", "--root", str(themed)]) == 1
    assert "theme/templates/goal.md.j2:1:1: error: a required template is missing" in capsys.readouterr().out
    assert not (themed / "site").exists()


# Failures only rendering can find: the page template's file and line, nothing written


def build_error(root: Path, kind: type[ContentError] = ThemeError) -> list[str]:
    with pytest.raises(kind) as caught:
        build(root)
    assert not (root / "site").exists()
    return [p.text() for p in caught.value.problems]


def test_undefined_variable_at_render_time(themed: Path) -> None:
    template = themed / "theme/templates/goal.md.j2"
    edit(template, "> **Definition:** {{ goal.definition }}", "> **Definition:** {{ goal.meaning }}")
    line = line_of(template, "goal.meaning")
    assert build_error(themed) == [
        f"theme/templates/goal.md.j2:{line}:1: error: the template failed: 'generator.content.model.Goal object' "
        "has no attribute 'meaning' (while rendering goals/01-early-years/index.md)"
    ]


def test_error_inside_a_macro_names_the_macro_file(themed: Path) -> None:
    macros = themed / "theme/templates/_macros.md.j2"
    edit(macros, '">{{ labels.status[s] }}</span>', '">{{ labels.status[s] + 1 }}</span>')
    line = line_of(macros, "labels.status[s] + 1")
    found = build_error(themed)
    assert found == [
        f"theme/templates/_macros.md.j2:{line}:1: error: the template failed: can only concatenate str "
        '(not "int") to str (while rendering goals/01-early-years/index.md)'
    ]


def test_sandbox_escape_is_a_theme_error(themed: Path) -> None:
    (themed / "theme/templates/page.md.j2").write_text("x\n{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    assert build_error(themed) == [
        "theme/templates/page.md.j2:2:1: error: the template failed: access to attribute '__class__' of 'str' "
        "object is unsafe. (templates may use only the page's variables and filters; while rendering foreword.md)"
    ]


@pytest.mark.parametrize(
    ("bound", "loop", "said"),
    [
        ("SECONDS", "{% for b in range(100000) %}{% endfor %}", "rendering one page took more than 0.5 s"),
        ("GROWTH", "{% set s = 'x' * 100000 %}{{ s }}", "rendering one page took more than 64 MB of memory"),
        ("GROWTH", "{{ 'x' | center(10000000000) }}", "rendering one page took more than 64 MB of memory"),
        ("SECONDS", "{{ 10 ** 1000000000 }}", "the number '**' would make has more than 100,000 bits"),
        ("SECONDS", "{% set n = 2 ** 50000 %}{{ n * n }}", "the number '*' would make has more than 100,000 bits"),
    ],
)
def test_a_template_that_would_run_for_ever_is_stopped_at_its_line(
    themed: Path, monkeypatch: pytest.MonkeyPatch, bound: str, loop: str, said: str
) -> None:
    """Two nested range(100000) loops are ten billion steps: the sandbox lets them run; the bounds stop them
    (lowered here from a minute and a gigabyte so that the test takes a second)."""
    monkeypatch.setattr(runaway, bound, 0.5 if bound == "SECONDS" else 64 << 20)
    template = themed / "theme/templates/initiative.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(f"{{% for a in range(100000) %}}{loop}{{% endfor %}}\n{text}", encoding="utf-8")
    started = time.monotonic()
    problems = build_error(themed)
    assert time.monotonic() - started < 30
    assert len(problems) == 1, problems  # the first page stopped; no other page of the template is tried
    assert problems[0].startswith(f"theme/templates/initiative.md.j2:1:1: error: the template failed: {said}")


def test_unknown_filter_and_endless_recursion(themed: Path) -> None:
    (themed / "theme/templates/page.md.j2").write_text("x\n{{ page.title | shout }}\n", encoding="utf-8")
    (themed / "theme/templates/explore.md.j2").write_text(
        "{% macro r() %}{{ r() }}{% endmacro %}\n{{ r() }}\n", encoding="utf-8"
    )
    assert build_error(themed) == [
        "theme/templates/explore.md.j2:1:1: error: the template failed: a macro or include calls itself without end "
        "(while rendering explore/index.md)",
        "theme/templates/page.md.j2:2:1: error: the template failed: No filter named 'shout'. "
        "(while rendering foreword.md)",
    ]


def test_override_error_at_render_time(themed: Path) -> None:
    main_html = themed / "theme/overrides/main.html"
    # Only the draft edition (2022) links to the newest published edition, so only its render fails.
    edit(main_html, "{{ n.latest | e }}", "{{ n.latest | e }}{{ config.nope.deeper }}")
    line = line_of(main_html, "config.nope.deeper")
    assert build_error(themed, RenderError) == [
        f"theme/overrides/main.html:{line}:1: error: the 2022 site cannot be built: "
        "'mkdocs.config.defaults.MkDocsConfig object' has no attribute 'nope'"
    ]


def test_an_override_runs_sandboxed(themed: Path, tmp_path: Path) -> None:
    """MkDocs renders themes in a plain Jinja environment, where an override could run any Python in the build."""
    main_html = themed / "theme/overrides/main.html"
    marker = tmp_path / "ran"
    payload = f"{{% set x = lipsum.__globals__['os'].popen('touch {marker}').read() %}}"
    main_html.write_text(main_html.read_text(encoding="utf-8") + payload + "\n", encoding="utf-8")
    line = line_of(main_html, "lipsum")
    assert build_error(themed, RenderError) == [
        f"theme/overrides/main.html:{line}:1: error: the {year} site cannot be built: "
        "access to attribute '__globals__' of 'function' object is unsafe."
        for year in (2021, 2022)
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    "payload",
    [
        # MkDocs' config reaches Theme.get_env(), which makes an environment outside the sandbox.
        '{% set x = config.theme.get_env().from_string("INNER").render() %}',
        # The i18n extension's _() calls whatever `gettext` names in the context, which a template may set.
        "{% set gettext = config.theme.get_env %}{% set e = _() %}{% set gettext = e.from_string %}"
        '{% set t = _("INNER") %}{% set gettext = t.render %}{% set ran = _() %}',
    ],
)
def test_an_override_cannot_call_its_way_out_of_the_sandbox(themed: Path, tmp_path: Path, payload: str) -> None:
    main_html = themed / "theme/overrides/main.html"
    marker = tmp_path / "ran"
    inner = f"{{{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}}}"
    edit(main_html, '{% extends "base.html" %}', '{% extends "base.html" %}' + payload.replace("INNER", inner))
    line = line_of(main_html, "get_env")
    assert build_error(themed, RenderError) == [
        f"theme/overrides/main.html:{line}:1: error: the {year} site cannot be built: a template may not call "
        "Theme.get_env (only its macros, the loop's helpers, range, dict, namespace and the methods of strings, "
        "numbers, lists and dicts)"
        for year in (2021, 2022)
    ]
    assert not marker.exists()


def test_an_override_that_asks_for_gigabytes_is_stopped_at_its_line(themed: Path) -> None:
    """On a page rendered late (about.md), not only the first: MkDocs reads every page before it renders any."""
    main_html = themed / "theme/overrides/main.html"
    hog = '{% if page and page.file.src_uri == "about.md" %}{{ ("x" * 1500000000) | length }}{% endif %}'
    edit(main_html, "{% block extrahead %}", "{% block extrahead %}" + hog)
    line = line_of(main_html, "1500000000")
    assert build_error(themed, RenderError) == [
        f"theme/overrides/main.html:{line}:1: error: the {year} site cannot be built: "
        "rendering one page took more than 1,024 MB of memory (a loop without end?)"
        for year in (2021, 2022)
    ]


@pytest.mark.parametrize(
    ("override", "payload", "refused"),
    [
        # MkDocs renders the files named in extra_templates unsandboxed.
        ("404.html", '{% set _ = config.extra_templates.append("assets/extra.css") %}', "'append' of 'list'"),
        ("404.html", '{% set _ = config.data.update({"site_dir": "/tmp/elsewhere"}) %}', "'update' of 'dict'"),
        # config.hooks holds modules, and a module's os.environ holds the build's secrets.
        (
            "main.html",
            "{% for m in config.hooks.values() %}{{ m.jinja2.utils.os.environ }}{% endfor %}",
            "'jinja2' of 'module'",
        ),
    ],
)
def test_an_override_cannot_change_mkdocs_or_read_its_modules(
    themed: Path, override: str, payload: str, refused: str
) -> None:
    path = themed / "theme/overrides" / override
    path.write_text(payload + "\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    problems = build_error(themed, RenderError)
    assert len(problems) == 2 and all(p.startswith(f"theme/overrides/{override}:1:1: error: the ") for p in problems)
    assert all(f"access to attribute {refused}" in p and "is unsafe" in p for p in problems), problems


def test_a_page_template_cannot_change_the_labels(themed: Path) -> None:
    """theme.labels is one dict for every page and for MkDocs' config: a template may read it, not change it."""
    template = themed / "theme/templates/edition_home.md.j2"
    template.write_text("{% set _ = labels.notices.update({'draft': '{evil}'}) %}\n" + template.read_text("utf-8"))
    assert build_error(themed) == [
        "theme/templates/edition_home.md.j2:1:1: error: the template failed: access to attribute 'update' of 'dict'"
        " object is unsafe. (templates may use only the page's variables and filters; while rendering index.md)"
    ]


# Wording and language come from the theme and site.yml


def test_build_prints_the_warnings_validate_prints(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--root", str(project)]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if ": warning: " in line]
    assert len(warnings) == 2
    assert main(["build", "--root", str(project)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:-1] == warnings and out[-1].startswith("Built 2 editions")


def test_translated_labels_and_language_reach_every_page(themed: Path) -> None:
    labels = themed / "theme/labels.yml"
    for old, new in [
        ("  home: Home", "  home: Startseite"),
        ("  open_data: Open data", "  open_data: Offene Daten"),
        ("  bars: Bar chart", "  bars: Balkendiagramm"),
        ("  stacked-bars: Stacked bar chart", "  stacked-bars: Gestapeltes Balkendiagramm"),
        ("  status_by_goal: Initiatives by goal and status", "  status_by_goal: Initiativen nach Ziel und Stand"),
        ('goal_status: "Goal {goal} initiatives by status"', 'goal_status: "Initiativen zu Ziel {goal}"'),
        ("  initiatives: Initiatives", "  initiatives: Initiativen"),
        ("  area: Area", "  area: Gebiet"),
        ('moved: "This page has moved to {link}."', 'moved: "Diese Seite ist umgezogen: {link}."'),
        ('draft: "Draft: the {year} edition', 'draft: "Entwurf: die Ausgabe {year}'),
        ("  to_dark: Switch to dark mode", "  to_dark: Dunkel & hell"),
    ]:
        edit(labels, old, new)
    # Material has de but no de-AT: its words come from de, while lang= says de-AT.
    edit(themed / "content/site.yml", "language: en", "language: de-AT")
    build(relock(themed))
    site = themed / "site"
    home = (site / "2022/index.html").read_text(encoding="utf-8")
    assert '<html lang="de-AT"' in home and 'placeholder="Suche"' in home  # Material's German words
    assert "Startseite" in home and "Offene Daten" in home and 'aria-label="Dunkel &amp; hell"' in home
    assert "Entwurf: die Ausgabe 2022 is not yet published" in home
    assert 'alt="Gestapeltes Balkendiagramm: Initiativen nach Ziel und Stand.' in home
    assert 'alt="Balkendiagramm: Initiatives by district (Initiativen).' in home
    goal = (site / "2022/goals/01-early-years/index.html").read_text(encoding="utf-8")
    assert "Initiativen zu Ziel 1" in goal
    csv = (site / "2022/charts/initiatives-by-district.csv").read_text(encoding="utf-8")
    assert csv.startswith("Gebiet,Initiativen\n")
    for page in (site / "index.html", site / "latest/index.html"):
        text = page.read_text(encoding="utf-8")
        assert '<html lang="de-AT">' in text and "<p>Diese Seite ist umgezogen: <a href=" in text
    everything = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    for english in ("Bar chart:", "Stacked bar chart", "This page has moved", 'lang="en"'):
        assert english not in everything, english


def test_material_language_file_only_where_material_has_none() -> None:
    assert language_files("en") == {} and language_files("pt-BR") == {}
    (name, text), *_ = language_files("de-AT").items()
    assert name == "partials/languages/de-AT.html" and '{% import "partials/languages/de.html" as base %}' in text
    assert '"de-AT" if key == "language"' in text
    assert '{% import "partials/languages/en.html" as base %}' in language_files("xx")["partials/languages/xx.html"]


def test_a_theme_file_whose_name_is_not_utf8_is_an_error_at_its_name(project: Path) -> None:
    """Not an internal error in the build (its cache keys, URLs and messages are UTF-8): refused when the theme
    is read, naming the file with the byte that is not UTF-8."""
    shutil.copytree(TOOL_THEME, project / "theme")
    with open(os.fsencode(project / "theme/assets/x") + b"\xff.css", "w", encoding="utf-8") as out:
        out.write("p{}")
    problems = [p.text() for p in check(project).problems if p.path.startswith("theme/")]
    assert problems == [
        "theme/assets/x\\xff.css:1:1: error: the file name is not UTF-8 (rename it: a file name must be UTF-8 text)"
    ]
