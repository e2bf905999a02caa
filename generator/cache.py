"""The build's caches under <root>/.cache/levelup/: drawn charts by their spec, rendered editions by their inputs.

Every entry is keyed by a sha256 of everything its result depends on: its own inputs, this generator's code and
the versions of the tools that draw and render. Entries are written whole by write.py (a temporary name, then a
rename) and checked against their own sha256 when read, so a partial, damaged or hand-edited entry is ignored and
made again. Writing the cache is best effort: a build whose cache cannot be written is only slower. The folder is
safe to delete at any time; each successful build removes the entries it did not use."""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from . import write
from .errors import OutputError
from .site.charts.data import Chart, ChartSpec

FOLDER = ".cache/levelup"
# Bump when the layout of an entry changes, so entries of an older layout are never read.
LAYOUT = "1"
# Everything outside this package whose version can change a drawn chart or a rendered page.
TOOLS = ("matplotlib", "mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "pygments", "jinja2", "pyyaml")
MANIFEST = "manifest.json"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


@functools.cache
def fingerprint() -> str:
    """A sha256 of what every entry depends on besides its inputs: the generator's code, Python, the tools."""
    digest = hashlib.sha256(f"layout {LAYOUT}\npython {sys.version}\n".encode())
    for name in TOOLS:
        digest.update(f"{name} {_version(name)}\n".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(f"{path.relative_to(package).as_posix()}\n".encode() + path.read_bytes())
    return digest.hexdigest()


def _sealed(payload: bytes) -> bytes:
    """payload behind a line holding its own sha256."""
    return hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def _unsealed(data: bytes) -> bytes | None:
    """The payload of sealed data, or None if it is not what was written."""
    digest, _, payload = data.partition(b"\n")
    return payload if hashlib.sha256(payload).hexdigest().encode() == digest else None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _chart_from(spec: ChartSpec, entry: Any) -> Chart:
    """A chart read back from its entry; TypeError/KeyError if the entry is not one."""
    header = tuple(_text(h) for h in entry["header"])
    rows = tuple(tuple(_text(cell) for cell in row) for row in entry["rows"])
    fields = {name: _text(entry[name]) for name in ("svg", "alt", "csv", "narrow_svg")}
    return Chart(spec, fields["svg"], fields["alt"], fields["csv"], header, rows, fields["narrow_svg"])


def tree_key(parts: Iterable[tuple[str, str | bytes]]) -> str:
    """A sha256 of named contents, independent of their order."""
    digest = hashlib.sha256()
    for name, content in sorted(parts, key=lambda part: part[0]):
        data = content.encode() if isinstance(content, str) else content
        digest.update(f"{len(name)}:{name}:{len(data)}:".encode() + hashlib.sha256(data).digest())
    return digest.hexdigest()


class Cache:
    """The caches of one content root, and which of their entries the current build has used."""

    def __init__(self, root: Path) -> None:
        self.folder = root / FOLDER
        self.used: set[Path] = set()

    def _chart_path(self, spec: ChartSpec) -> Path:
        key = hashlib.sha256(f"{fingerprint()}\n{spec!r}".encode()).hexdigest()
        return self.folder / "charts" / f"{key}.json"

    def chart(self, spec: ChartSpec) -> Chart | None:
        """The chart drawn for this spec by an earlier build, if its entry is whole."""
        path = self._chart_path(spec)
        try:
            payload = _unsealed(path.read_bytes())
            chart = _chart_from(spec, json.loads(payload)) if payload is not None else None
        except (OSError, ValueError, TypeError, KeyError):
            chart = None
        if chart is not None:
            self.used.add(path)
        return chart

    def store_chart(self, chart: Chart) -> None:
        """Keep a drawn chart for later builds."""
        entry = {
            "svg": chart.svg,
            "narrow_svg": chart.narrow_svg,
            "alt": chart.alt,
            "csv": chart.csv,
            "header": list(chart.header),
            "rows": [list(row) for row in chart.rows],
        }
        path = self._chart_path(chart.spec)
        payload = json.dumps(entry, ensure_ascii=False, sort_keys=True).encode()
        if self._stored(lambda: write.store_file(path, _sealed(payload))):
            self.used.add(path)

    def edition_key(self, renderer: str, inputs: Iterable[tuple[str, str | bytes]]) -> str:
        """The key of a rendered edition: its docs tree, configuration and overrides, as named contents."""
        return tree_key([("fingerprint", fingerprint()), ("renderer", renderer), *inputs])

    def restore_edition(self, key: str, target: Path) -> bool:
        """Place the edition rendered for key into target (a folder that does not exist yet); False on a miss.

        Every file is checked against the manifest before any is placed; a failure while placing (the cache
        deleted meanwhile) removes what was placed and reports a miss."""
        entry = self.folder / "editions" / key
        try:
            payload = _unsealed((entry / MANIFEST).read_bytes())
            manifest = json.loads(payload) if payload is not None else None
            if not isinstance(manifest, dict) or not manifest:
                return False
            files = {}
            for rel, digest in manifest.items():
                if not isinstance(rel, str) or rel.startswith("/") or ".." in rel.split("/"):
                    return False
                source = entry / "files" / rel
                if hashlib.sha256(source.read_bytes()).hexdigest() != digest:
                    return False
                files[rel] = source
        except (OSError, ValueError):
            return False
        if not self._stored(lambda: write.place_files(target, files)):
            write.discard(target)
            return False
        self.used.add(entry)
        return True

    def store_edition(self, key: str, source: Path) -> None:
        """Keep a rendered edition (the folder source) for later builds."""
        entry = self.folder / "editions" / key

        def store() -> None:
            files = {p.relative_to(source).as_posix(): p for p in sorted(source.rglob("*")) if p.is_file()}
            manifest = {rel: hashlib.sha256(path.read_bytes()).hexdigest() for rel, path in files.items()}
            sealed = _sealed(json.dumps(manifest, sort_keys=True).encode())
            write.store_tree(entry, {f"files/{rel}": path for rel, path in files.items()}, {MANIFEST: sealed})

        if self._stored(store):
            self.used.add(entry)

    def prune(self) -> None:
        """Remove every entry this build did not use: the cache holds one site's worth, however often it builds."""
        for kind in ("charts", "editions"):
            folder = self.folder / kind
            if folder.is_dir():
                for path in folder.iterdir():
                    if path not in self.used:
                        self._stored(lambda path=path: write.remove_entry(path))

    @staticmethod
    def _stored(action: Any) -> bool:
        # A cache that cannot be written (full disk, read-only, deleted meanwhile) costs speed, never the build.
        try:
            action()
        except (OSError, OutputError):
            return False
        return True


def keyed_inputs(
    docs: Mapping[str, str | bytes], overrides: Mapping[str, str | bytes]
) -> list[tuple[str, str | bytes]]:
    """An edition's docs tree and overrides as named contents for edition_key."""
    return [*((f"docs/{k}", v) for k, v in docs.items()), *((f"overrides/{k}", v) for k, v in overrides.items())]
