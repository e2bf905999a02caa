"""The only module that reads content: files become Documents with positions, or Problems."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..checkstore import file_key
from . import limits, markup
from .enums import DocumentKind
from .fingerprint import CORRECTIONS_FILE, IMAGE_NAME, LOCK_FILE, current_state
from .problems import WARNING, Problem
from .regular import open_regular
from .yamlspans import Spans, parse

if TYPE_CHECKING:
    from ..checkstore import CheckStore
    from .memo import Memo

# Matched whole, in ASCII digits: a folder "２０２１" or "2021\n" is not the 2021 edition (whose lock it would evade).
YEAR = re.compile(r"[0-9]{4}")
SCHEMA_DIR = Path(__file__).parent / "schemas"
# Pictures for site pages: a folder beside them, only the two formats browsers show that cannot carry script
# (SVG can), each checked by its first bytes and read no further than the limit.
IMAGES = "images"
IMAGE_KINDS = {".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}
IMAGE_LIMIT = 2_000_000


@dataclass(frozen=True)
class Document:
    """One content file as read: its kind, relative path, parsed data with positions, and body."""

    kind: DocumentKind
    path: str
    data: Any
    spans: Spans
    body: str = ""
    body_line: int = 1
    edition: int | None = None
    folder: str = ""
    # Where the body's relative links and pictures start (markup.link_offsets): kept with the document, so that a
    # build of a stored document renders no Markdown to know them.
    links: tuple[int, ...] = ()


@dataclass
class Sources:
    """Everything read from a content root: documents, read problems and the file count."""

    root: Path
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    # Of each edition that has a lock: the sha256 of every file now, by path (see fingerprint.py).
    fingerprints: dict[int, dict[str, str]] = field(default_factory=dict)
    # Pictures for the site pages (content/pages/images/), by file name: copied into every edition as they are.
    images: dict[str, bytes] = field(default_factory=dict)
    # Of each file read as text: the sha256 of the text parsed, by path (the check store's keys, checkstore.py).
    digests: dict[str, str] = field(default_factory=dict)

    def of_kind(self, kind: DocumentKind) -> list[Document]:
        """Documents of one kind, in path order."""
        return [d for d in self.documents if d.kind == kind]


def read_schemas() -> dict[str, Any]:
    """The JSON Schemas shipped with the package, by file name."""
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMA_DIR.glob("*.schema.json"))}


def _decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        msg = f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})"
        return None, [Problem(rel, line, col, msg, hint="save the file as UTF-8")]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def split_front_matter(text: str, rel: str) -> tuple[str | None, str, int, list[Problem]]:
    """Split '---' front matter from the body: (yaml, body, body's first line, problems)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        hint = "start the file with a line '---', then the fields, then another '---'"
        return None, text, 1, [Problem(rel, 1, 1, "file has no front matter", hint=hint)]
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2, []
    hint = "add a line '---' after the last field"
    return None, "", 1, [Problem(rel, 1, 1, "front matter is not closed", hint=hint)]


def escaping_link(root: Path, path: Path) -> Path | None:
    """The symbolic link on the way from root to path that leads out of root (or round in a loop), if any."""
    try:
        base = root.resolve()
    except (OSError, RuntimeError):
        return None
    step = root
    for part in path.relative_to(root).parts:
        step = step / part
        if _leads_out(base, step):
            return step
    return None


def _leads_out(base: Path, step: Path) -> bool:
    """Whether step is a symbolic link that leads out of base (the resolved root), nowhere, or round in a loop."""
    if not step.is_symlink():
        return False
    try:
        target = step.resolve(strict=True)
    except (OSError, RuntimeError):
        return True  # dangling, or a loop: either way, not a file inside the content
    return not target.is_relative_to(base)


class _Reader:
    def __init__(self, root: Path, store: CheckStore | None = None) -> None:
        self.sources = Sources(root=root)
        self.reported: set[Path] = set()
        self.store = store
        # escaping_link's answer for each folder, and the resolved root: a folder's files share its way there.
        self.folder_links: dict[Path, Path | None] = {}
        self.base: Path | None = None

    def _key(self, rel: str, kind: DocumentKind, edition: int | None, folder: str) -> str | None:
        """The check store's key of the text just read, if there is a store."""
        digest = self.sources.digests.get(rel)
        return None if digest is None else file_key(rel, kind.value, edition, folder, digest)

    def _stored(self, rel: str, kind: DocumentKind, edition: int | None, folder: str = "") -> bool:
        """Whether the file passed its own checks before, as the text just read (its limits need no check again)."""
        key = self._key(rel, kind, edition, folder)
        return bool(self.store and key and self.store.passed(key))

    def _restored(self, rel: str, kind: DocumentKind, edition: int | None, folder: str = "") -> bool:
        """Add the Document reading the text just read gave when it passed before, if the store has it."""
        key = self._key(rel, kind, edition, folder)
        if self.store is None or key is None:
            return False
        doc = self.store.document(key)
        if not isinstance(doc, Document):
            return False
        self.sources.documents.append(doc)
        return True

    def rel(self, path: Path) -> str:
        return path.relative_to(self.sources.root).as_posix()

    def inside(self, path: Path) -> bool:
        """False (and one error naming the link) when reaching path would follow a link out of the root."""
        link = self._link(path)
        if link is None:
            return True
        if link not in self.reported:
            self.reported.add(link)
            hint = "copy the file into the content folder instead of linking to it"
            message = "symbolic link leads outside the content folder (or nowhere); it is not followed"
            self.sources.problems.append(Problem(self.rel(link), 1, 1, message, hint=hint))
        return False

    def _link(self, path: Path) -> Path | None:
        """escaping_link(root, path), with the answer for path's folder (and the resolved root) kept."""
        root, folder = self.sources.root, path.parent
        if path == root or folder == root:
            return escaping_link(root, path)
        if folder not in self.folder_links:
            self.folder_links[folder] = escaping_link(root, folder)
        above = self.folder_links[folder]
        if above is not None:
            return above
        if self.base is None:
            try:
                self.base = root.resolve()
            except (OSError, RuntimeError):
                return None  # as escaping_link: a root that cannot be resolved has no link out of it
        return path if _leads_out(self.base, path) else None

    def text(self, path: Path) -> str | None:
        if not self.inside(path):
            return None
        self.sources.files += 1
        rel = self.rel(path)
        try:
            raw, size = limits.read_bytes(path)
        except OSError as exc:
            self.sources.problems.append(Problem(rel, 1, 1, f"cannot read file: {exc.strerror}"))
            return None
        if size > limits.FILE_LIMIT:
            self.sources.problems.append(limits.file_too_big(rel, size))
            return None
        text, problems = _decode(raw, rel)
        problems = problems or limits.control_characters(text or "", rel)
        self.sources.problems.extend(problems)
        if problems:
            return None
        if text is not None and not text.strip():
            self.sources.problems.append(Problem(rel, 1, 1, "file is empty"))
            return None
        if text is not None and self.store is not None:
            self.sources.digests[rel] = hashlib.sha256(text.encode()).hexdigest()
        return text

    def yaml_file(self, path: Path, kind: DocumentKind, edition: int | None = None) -> None:
        rel = self.rel(path)
        if self.inside(path) and not path.is_file():
            self.sources.problems.append(Problem(rel, 1, 1, "required file is missing", hint=f"create {rel}"))
            return
        text = self.text(path)
        if text is None or self._restored(rel, kind, edition):
            return
        data, spans, problems = parse(text, rel)
        if not problems and not self._stored(rel, kind, edition):
            problems = limits.markdown_problems(rel, data, spans)
        self.sources.problems.extend(problems)
        if not problems:
            self.sources.documents.append(Document(kind, rel, data, spans, edition=edition))

    def markdown_file(self, path: Path, kind: DocumentKind, edition: int | None = None, folder: str = "") -> None:
        rel = self.rel(path)
        text = self.text(path)
        if text is None or self._restored(rel, kind, edition, folder):
            return
        front, body, body_line, problems = split_front_matter(text, rel)
        self.sources.problems.extend(problems)
        if front is None:
            return
        data, spans, problems = parse(front, rel, line_offset=1)
        too_big = limits.body_too_big(rel, body, body_line)
        if too_big or problems:
            problems += [too_big] if too_big else []
        elif not self._stored(rel, kind, edition, folder):
            problems = limits.markdown_problems(rel, data, spans, body, body_line)
        self.sources.problems.extend(problems)
        if not problems:
            if data is None:
                self.sources.problems.append(Problem(rel, 2, 1, "front matter is empty"))
                return
            doc = Document(kind, rel, data, spans, body, body_line, edition, folder, markup.link_offsets(body))
            self.sources.documents.append(doc)

    def image_file(self, path: Path) -> None:
        """A PNG or JPEG picture a site page shows; anything else there is reported, not copied."""
        if not self.inside(path):
            return
        rel = self.rel(path)
        kind = IMAGE_KINDS.get(path.suffix.lower())
        if kind is None or not path.is_file() or not IMAGE_NAME.fullmatch(path.name):
            self.warn_ignored(path, "images/ holds .png and .jpg pictures with lowercase names such as my-chart.png")
            return
        self.sources.files += 1
        try:
            with open_regular(path) as f:
                raw = f.read(IMAGE_LIMIT + 1)
        except OSError as exc:
            self.sources.problems.append(Problem(rel, 1, 1, f"cannot read file: {exc.strerror}"))
            return
        if len(raw) > IMAGE_LIMIT:
            hint = "save it smaller (a screenshot of one window is usually under 300 KB)"
            self.sources.problems.append(Problem(rel, 1, 1, f"image is over {IMAGE_LIMIT // 1_000_000} MB", hint=hint))
        elif not raw.startswith(kind):
            message, hint = f"file is not a {path.suffix[1:].upper()} image", "save it again as a real PNG or JPEG"
            self.sources.problems.append(Problem(rel, 1, 1, message, hint=hint))
        else:
            self.sources.images[path.name] = raw

    def warn_ignored(self, path: Path, why: str) -> None:
        self.sources.problems.append(Problem(self.rel(path), 1, 1, f"file is ignored: {why}", WARNING))


def load(root: Path, memo: Memo | None = None, store: CheckStore | None = None) -> Sources:
    """Read the whole content tree under root; never raises for bad content. With a memo, files whose text
    is unchanged since the memo's last check are not parsed again; with a store, files that passed their own
    checks with the same text before are not checked against the limits again."""
    reader = _Reader(root, store) if memo is None else memo.reader(root)
    content = root / "content"
    for name, kind in (
        ("site.yml", DocumentKind.SITE),
        ("goals.yml", DocumentKind.GOALS),
        ("places.yml", DocumentKind.PLACES),
    ):
        reader.yaml_file(content / name, kind)
    for page in sorted((content / "pages").glob("*.md")):
        reader.markdown_file(page, DocumentKind.PAGE)
    for image in sorted((content / "pages" / IMAGES).glob("*")):
        reader.image_file(image)
    folders = sorted(p for p in content.glob("*") if p.is_dir() and p.name != "pages") if content.is_dir() else []
    years = [p for p in folders if YEAR.fullmatch(p.name)]
    for folder in folders:
        if not YEAR.fullmatch(folder.name):
            reader.warn_ignored(folder, "content/ holds pages/ and one folder per edition year, such as 2025")
    for folder in years:
        year = int(folder.name)
        reader.yaml_file(folder / "edition.yml", DocumentKind.EDITION, year)
        for page in sorted(folder.glob("*.md")):
            reader.markdown_file(page, DocumentKind.PAGE, year)
        if (folder / LOCK_FILE).exists():
            reader.yaml_file(folder / LOCK_FILE, DocumentKind.LOCK, year)
            reader.sources.fingerprints[year] = current_state(root, year)
        if (folder / CORRECTIONS_FILE).exists():
            reader.yaml_file(folder / CORRECTIONS_FILE, DocumentKind.CORRECTIONS, year)
    _load_initiatives(reader, root / "initiatives", {int(p.name) for p in years})
    return reader.sources


def _load_initiatives(reader: _Reader, base: Path, years: set[int]) -> None:
    if not base.is_dir():
        return
    for edition_dir in sorted(base.iterdir()):
        if not edition_dir.is_dir() or not YEAR.fullmatch(edition_dir.name):
            reader.warn_ignored(edition_dir, "initiatives/ holds one folder per edition year")
            continue
        year = int(edition_dir.name)
        if year not in years:
            rel = reader.rel(edition_dir)
            hint = f"create content/{year}/edition.yml, or move these files"
            reader.sources.problems.append(Problem(rel, 1, 1, f"no edition {year} in content/", hint=hint))
            continue
        for goal_dir in sorted(edition_dir.iterdir()):
            if not goal_dir.is_dir():
                reader.warn_ignored(goal_dir, "initiatives belong in a goal folder such as 01-<goal-slug>/")
                continue
            for path in sorted(goal_dir.iterdir()):
                if path.suffix != ".md" or not path.is_file():
                    reader.warn_ignored(path, "only .md files are read here")
                    continue
                kind = DocumentKind.GOAL_PAGE if path.name == "index.md" else DocumentKind.INITIATIVE
                reader.markdown_file(path, kind, year, goal_dir.name)
