"""Reads and checks the theme (a content tree's own, or ours): page templates, wording labels, overrides, assets."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..checkstore import CheckStore, file_key
from ..errors import ThemeError
from .bundled_theme import CHECKED_SHA256
from .enums import DocumentKind
from .problems import Problem
from .read import Document, _decode, escaping_link, read_schemas
from .regular import read_regular
from .schema_check import check, validators
from .yamlspans import parse

if TYPE_CHECKING:  # Jinja loads only when templates are checked: not when the check store has the theme
    import jinja2
    from jinja2 import nodes

_HERE = Path(__file__).resolve().parent
# In a wheel the theme is packaged as generator/theme; in a source checkout it is the repository's theme/.
TOOL_THEME = _HERE.parent / "theme" if (_HERE.parent / "theme").is_dir() else _HERE.parent.parent / "theme"

# The templates the page types render; a theme must have every one.
REQUIRED_TEMPLATES = (
    "edition_home.md.j2",
    "goals_index.md.j2",
    "goal.md.j2",
    "initiative.md.j2",
    "explore.md.j2",
    "places.md.j2",
    "district.md.j2",
    "data.md.j2",
    "page.md.j2",
    "changes.md.j2",
    "corrections.md.j2",
    "not_in_edition.md.j2",
    "accessibility.md.j2",
    "print.md.j2",
)
# The stylesheet and script every page's mkdocs.yml names.
REQUIRED_ASSETS = ("extra.css", "explore.css", "explore.js")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Theme:
    """The page templates, wording labels, MkDocs overrides and static assets, as read from theme/."""

    templates: dict[str, str]
    labels: dict[str, dict[str, str]]
    overrides: dict[str, bytes]
    assets: dict[str, bytes]
    # How messages name the theme's folder: 'theme' for a content tree's own, a full path for the bundled one.
    folder: str = "theme"

    def template_path(self, name: str) -> str:
        """A template's path as messages show it."""
        return f"{self.folder}/templates/{name}"


def fill(frame: str, **values: object) -> str:
    """A sentence frame from labels.yml with its {names} filled in (the theme check allows only known names)."""
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), frame)


def _location(root: Path) -> tuple[Path, str]:
    """The theme folder to use and how to name it: the content tree's own theme/ if it has one."""
    own = root / "theme"
    if own.is_dir():
        return own, "theme"
    return TOOL_THEME, TOOL_THEME.as_posix()


class _Reader:
    """Reads one theme folder, collecting every problem instead of stopping at the first."""

    def __init__(self, folder: Path, shown: str) -> None:
        self.folder, self.shown = folder, shown
        self.problems: list[Problem] = []

    def files(self, sub: str) -> dict[str, bytes]:
        base = self.folder / sub
        if not base.is_dir():
            return {}
        out: dict[str, bytes] = {}
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(base).as_posix()
            # Hidden files (.DS_Store, .gitkeep) are never published.
            if any(part.startswith(".") for part in path.relative_to(base).parts) or not path.is_file():
                continue
            if not _utf8(rel):  # every later step names it in UTF-8 (URLs, messages, cache keys)
                shown = os.fsencode(f"{self.shown}/{sub}/{rel}").decode("utf-8", "backslashreplace")
                hint = "rename it: a file name must be UTF-8 text"
                self.problems.append(Problem(shown, 1, 1, "the file name is not UTF-8", hint=hint))
                continue
            data = self.read(path, f"{sub}/{rel}")
            if data is not None:
                out[rel] = data
        return out

    def read(self, path: Path, rel: str) -> bytes | None:
        shown = f"{self.shown}/{rel}"
        # A link could publish any file on the machine as a theme asset.
        if not path.resolve().is_relative_to(self.folder.resolve()):
            self.problems.append(Problem(shown, 1, 1, "is a link that leads outside the theme folder"))
            return None
        try:
            return read_regular(path)
        except OSError as exc:
            self.problems.append(Problem(shown, 1, 1, f"cannot read file: {exc.strerror}"))
            return None

    def text(self, shown: str, raw: bytes) -> str | None:
        text, problems = _decode(raw, shown)
        self.problems += problems
        return text

    def missing(self, rel: str, what: str) -> None:
        hint = f"start from the bundled {(TOOL_THEME / rel).as_posix()}"
        self.problems.append(Problem(f"{self.shown}/{rel}", 1, 1, f"{what} is missing", hint=hint))


def _utf8(name: str) -> bool:
    """Whether a file name read from the disk is UTF-8 (Python keeps other bytes as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _parse(source: str, shown: str, env: jinja2.Environment, compiled: bool = False) -> nodes.Template | Problem:
    """The template's syntax tree, or the syntax error at its line. compiled: compiled too (not run), for the errors
    only the compiler finds, such as a block defined twice."""
    import jinja2

    try:
        tree = env.parse(source, filename=shown)
        if compiled:
            env.compile(tree, filename=shown)
    except jinja2.TemplateSyntaxError as exc:
        return Problem(shown, exc.lineno or 1, 1, f"template syntax error: {exc.message}")
    return tree


def _references(tree: nodes.Template) -> Iterator[tuple[str, int]]:
    """The templates a template names by a constant (extends, include, import), with the line of each."""
    from jinja2 import nodes

    kinds = (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)
    for node in tree.find_all(kinds):
        target = node.template if isinstance(node, kinds) else None
        if isinstance(target, nodes.Const) and isinstance(target.value, str):
            yield target.value, node.lineno


def _check_templates(reader: _Reader, raw: dict[str, bytes], checked: bool = True) -> dict[str, str]:
    templates: dict[str, str] = {}
    for name, data in raw.items():
        if name.endswith(".j2") and (text := reader.text(f"{reader.shown}/templates/{name}", data)) is not None:
            templates[name] = text
    trees: dict[str, nodes.Template] = {}
    if checked:  # Jinja is imported only to check: reading a theme does not need it
        import jinja2

        env = jinja2.Environment()
        for name, text in templates.items():
            tree = _parse(text, f"{reader.shown}/templates/{name}", env)
            if isinstance(tree, Problem):
                reader.problems.append(tree)
            else:
                trees[name] = tree
    # A template that cannot be read has its own error; it is not also missing.
    present = {name for name in raw if name.endswith(".j2")}
    for name in REQUIRED_TEMPLATES:
        if name not in present:
            reader.missing(f"templates/{name}", "a required template")
    for name, tree in trees.items():
        for target, line in _references(tree):
            if target not in present:
                message = f"template '{target}' is not in {reader.shown}/templates/"
                reader.problems.append(Problem(f"{reader.shown}/templates/{name}", line, 1, message))
    return templates


_ASSETS_HINT = "put images, stylesheets and scripts in {}/assets/, and wording in labels.yml"


def _check_overrides(reader: _Reader, overrides: dict[str, bytes]) -> None:
    # MkDocs renders overrides with a plain environment plus the i18n tags ({% trans %}).
    import jinja2

    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    # Compiled as well as parsed (compiling runs nothing): a block defined twice is found only by the compiler, as
    # the build's would find it. MkDocs' and Material's filters and tests are not here: any name stands for one.
    env.filters, env.tests = _AnyName(env.filters), _AnyName(env.tests)
    for name, data in overrides.items():
        shown = f"{reader.shown}/overrides/{name}"
        if not name.endswith(".html"):
            # MkDocs reads more than templates from here (locales/*/LC_MESSAGES/messages.mo, parsed before any
            # page, outside every bound): only templates, which the sandbox runs, may come from a content tree.
            hint = _ASSETS_HINT.format(reader.shown)
            reader.problems.append(Problem(shown, 1, 1, "only templates (.html) may be in overrides/", hint=hint))
            continue
        text = reader.text(shown, data)
        tree = _parse(text, shown, env, compiled=True) if text is not None else None
        if isinstance(tree, Problem):
            reader.problems.append(tree)


class _AnyName(dict[str, Any]):
    """Filters or tests of any name, for compiling a template whose own are not known here."""

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key, _any_filter)


def _any_filter(value: Any, *args: Any, **kwargs: Any) -> Any:
    return value


def _check_labels(reader: _Reader, checked: bool = True) -> dict[str, dict[str, str]]:
    path = reader.folder / "labels.yml"
    shown = f"{reader.shown}/labels.yml"
    if not path.is_file():
        reader.missing("labels.yml", "the wording file")
        return {}
    raw = reader.read(path, "labels.yml")
    text = reader.text(shown, raw) if raw is not None else None
    if text is None:
        return {}
    data, spans, problems = parse(text, shown)
    if not problems and checked:
        schema = read_schemas()
        doc = Document(DocumentKind.LABELS, shown, data, spans)
        problems = check(doc, validators(schema)[DocumentKind.LABELS])
        if not problems:
            problems = list(_check_frames(doc, schema["labels.schema.json"]))
        if not problems:
            problems = list(_check_markup(doc, schema["labels.schema.json"]))
    reader.problems += problems
    return data if not problems else {}


def _check_frames(doc: Document, schema: dict[str, Any]) -> Iterator[Problem]:
    """Sentence frames use only the {names} the schema lists for them, and no other braces."""
    for section, spec in schema["properties"].items():
        for key, field in spec["properties"].items():
            allowed = field.get("x-placeholders", [])
            if not allowed:
                continue
            frame = doc.data[section][key]
            line, col = doc.spans.at((section, key))
            names = PLACEHOLDER.findall(frame)
            wrong = [n for n in names if n not in allowed]
            stray = "{" in PLACEHOLDER.sub("", frame) or "}" in PLACEHOLDER.sub("", frame)
            if wrong or stray:
                what = f"unknown placeholder {{{wrong[0]}}}" if wrong else "a brace that is not part of a {name}"
                hint = "use " + ", ".join(f"{{{n}}}" for n in allowed)
                yield Problem(doc.path, line, col, f"{section}.{key}: {what}", hint=hint)


def _check_markup(doc: Document, schema: dict[str, Any]) -> Iterator[Problem]:
    """Wording is text: markup in a label (HTML, a link, an attribute list) would be on every page, so a label
    passes the checks a content field passes, the {names} its frame may hold standing for words."""
    from .html_check import field_problems

    def words(path: tuple[str | int, ...], text: str) -> str:
        spec = schema["properties"].get(path[0], {}).get("properties", {}).get(path[-1], {}) if path else {}
        for name in spec.get("x-placeholders", []):
            text = text.replace(f"{{{name}}}", "x")
        return text

    return field_problems(doc, words)


def read_theme(root: Path, checked: bool | None = None) -> tuple[Theme, list[Problem]]:
    """The theme root uses (its own theme/ or the bundled one) and every problem found in it; with checked=False
    (a theme whose checks passed with these very files, see load_theme) only what reading finds. By default a
    theme, the content tree's own or the bundled one, is only read while its files are those the test suite checked
    (bundled_theme.CHECKED_SHA256); any other files are checked."""
    folder, shown = _location(root)
    if checked is None:
        # A content tree's own theme with exactly the files the suite checked (a copy of the bundled one, as the
        # bundled content has) gets the same verdict without the work: the checks read nothing but these files.
        files = _files(folder)
        checked = files is None or _digest(files) != CHECKED_SHA256
    reader = _Reader(folder, shown)
    if shown == "theme" and (links := _links_out(root, folder)):
        return Theme({}, {}, {}, {}, shown), links
    if (folder / "templates").is_dir():
        templates = _check_templates(reader, reader.files("templates"), checked)
    else:
        templates = {}
        reader.missing("templates", "the templates folder")
    overrides = reader.files("overrides")
    if checked:
        _check_overrides(reader, overrides)
    assets = reader.files("assets")
    for name in REQUIRED_ASSETS:
        # One that is there but cannot be read (or leads outside) has its own error; it is not also missing.
        if name not in assets and not (folder / "assets" / name).is_file():
            reader.missing(f"assets/{name}", "a required asset")
    labels = _check_labels(reader, checked)
    return Theme(templates, labels, overrides, assets, shown), sorted(set(reader.problems))


def _links_out(root: Path, folder: Path) -> list[Problem]:
    """A content tree's own theme is its own files: a link that leads out would be read from outside the tree,
    and one inside changes the pages through a file the published editions' locks do not see as the theme's
    (a locked folder skips hidden ones; Git keeps a link, not its file). Every link is an error."""
    hint = "copy the file into the theme folder instead of linking to it"
    out = "symbolic link leads outside the content folder (or nowhere); it is not followed"
    inside = "symbolic link in the theme; it is not followed (a published edition's lock covers the theme's own files)"
    return [
        Problem(path.relative_to(root).as_posix(), 1, 1, out if escaping_link(root, path) else inside, hint=hint)
        for path in sorted(p for p in [folder, *folder.rglob("*")] if p.is_symlink())
    ]


def _files(folder: Path) -> list[str | list[str]] | None:
    """Every file under folder as [name, sha256 of its bytes], in order; None when one is a link or unreadable."""
    parts: list[str | list[str]] = []
    try:
        for path in sorted([folder, *folder.rglob("*")]):
            if path.is_symlink():
                return None
            if path.is_file():
                digest = hashlib.sha256(read_regular(path)).hexdigest()
                parts.append([path.relative_to(folder).as_posix(), digest])
    except OSError:
        return None
    return parts


def _digest(parts: list[str | list[str]]) -> str:
    # JSON, not lines: a file name may hold a line feed, and two themes must never share a digest.
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def bundled_digest() -> str | None:
    """The sha256 of the bundled theme's files as they are now (names and bytes)."""
    files = _files(TOOL_THEME)
    return None if files is None else _digest(files)


def theme_key(root: Path) -> str | None:
    """The check store's key of the theme root uses: every file's name and bytes; None (always checked) when
    it holds a link or cannot be read."""
    folder, shown = _location(root)
    files = _files(folder)
    return None if files is None else file_key("theme", "theme", None, "", _digest([shown, *files]))


def load_theme(root: Path, store: CheckStore | None = None) -> Theme:
    """The theme root uses; raises ThemeError naming every problem in it. With a check store that has these
    theme files as passed (validation, just before, recorded them), their templates are not parsed again."""
    key = theme_key(root) if store is not None else None
    passed = store is not None and key is not None and store.passed(key)
    theme, problems = read_theme(root, checked=False if passed else None)
    if problems:
        raise ThemeError(problems)
    return theme
