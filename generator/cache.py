"""The build's caches under <root>/.cache/levelup/: drawn charts by their spec, rendered editions by their inputs,
Material's stylesheets cut by the sheets and the vocabulary of the pages, the theme's templates compiled (Jinja
bytecode) by their source.

Every entry is keyed by a sha256 of everything its result depends on: its own inputs, this generator's code and
the versions of the tools that draw and render. Entries are written whole by write.py (a temporary name, then a
rename) and sealed (seal.py: an HMAC under a private key) so a partial, damaged, hand-edited or planted entry is
ignored and made again: whoever can write the cache folder cannot choose what is published. Writing the cache is
best effort: a build whose cache cannot be written is only slower. The folder is
safe to delete at any time; each successful build removes the entries it did not use."""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from . import write
from .errors import OutputError
from .seal import FOLDER, Seal
from .site.charts.data import Chart, ChartSpec

# Bump when the layout of an entry changes, so entries of an older layout are never read.
LAYOUT = "1"
# Everything outside this package whose version can change a drawn chart or a rendered page.
TOOLS = (
    "matplotlib", "mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "pygments", "jinja2", "pyyaml",
    "tinycss2",  # cuts Material's stylesheets in every rendered edition
)  # fmt: skip
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


def _inside(rel: str) -> bool:
    """A manifest's file name that stays inside the edition's folder."""
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and "\\" not in rel and all(p not in ("", ".", "..") for p in parts)


def _matches(target: Path, manifest: dict[str, str]) -> bool:
    """Whether every placed file is a plain file holding what the manifest says."""
    try:
        for rel, digest in manifest.items():
            path = target / rel
            if path.is_symlink() or not path.is_file():
                return False
            if not hmac.compare_digest(hashlib.sha256(path.read_bytes()).hexdigest(), digest):
                return False
    except OSError:
        return False
    return True


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
        self.seal = Seal(self.folder)
        self.used: set[Path] = set()
        # Cuts and the gate's verdicts are looked up only when an edition is rendered; a build that rendered none
        # leaves them be.
        self.cutting = False
        self.gating = False

    def _name(self, path: Path) -> str:
        """The name an entry is sealed under: its path in the cache folder."""
        return path.relative_to(self.folder).as_posix()

    def _entry(self, kind: str, key: str) -> Path:
        """Where the entry of this kind for this key (charts, stylesheets) lies, under this generator's version."""
        digest = hashlib.sha256(f"{fingerprint()}\n{key}".encode()).hexdigest()
        return self.folder / kind / f"{digest}.json"

    def _opened(self, path: Path) -> Any:
        """What a JSON entry holds, if it is whole and sealed under this cache's key; None otherwise."""
        try:
            payload = self.seal.open(self._name(path), path.read_bytes())
            return json.loads(payload) if payload is not None else None
        except (OSError, ValueError):
            return None

    def _keep(self, path: Path, entry: Any) -> None:
        """Seal and store a JSON entry, best effort."""
        sealed = self.seal.seal(self._name(path), json.dumps(entry, ensure_ascii=False, sort_keys=True).encode())
        if sealed is not None and self._stored(lambda: write.store_file(path, sealed)):
            self.used.add(path)

    def chart(self, spec: ChartSpec) -> Chart | None:
        """The chart drawn for this spec by an earlier build, if its entry is whole."""
        path = self._entry("charts", repr(spec))
        entry = self._opened(path)
        try:
            chart = _chart_from(spec, entry) if entry is not None else None
        except (TypeError, KeyError, ValueError):
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
        self._keep(self._entry("charts", repr(chart.spec)), entry)

    def cut(self, key: str, names: frozenset[str]) -> dict[str, str] | None:
        """The stylesheets an earlier build cut for this key (render/stylesheets.py), if the entry is whole and
        holds exactly the sheets named."""
        self.cutting = True
        path = self._entry("stylesheets", key)
        entry = self._opened(path)
        if not isinstance(entry, dict) or set(entry) != names or not all(isinstance(v, str) for v in entry.values()):
            return None
        self.used.add(path)
        return entry

    def store_cut(self, key: str, sheets: Mapping[str, str]) -> None:
        """Keep stylesheets as cut for later builds."""
        self._keep(self._entry("stylesheets", key), dict(sheets))

    def passed(self) -> frozenset[str]:
        """The files the publish gate passed in the last build that rendered an edition (render/gate/ keys)."""
        self.gating = True
        path = self._entry("gate", "passed")
        entry = self._opened(path)
        if not isinstance(entry, list) or not all(isinstance(key, str) for key in entry):
            return frozenset()
        self.used.add(path)
        return frozenset(entry)

    def store_passed(self, keys: Iterable[str]) -> None:
        """Keep the keys of the files the publish gate passed, for later builds."""
        self._keep(self._entry("gate", "passed"), sorted(keys))

    def templates(self) -> jinja2.BytecodeCache:
        """A Jinja bytecode cache keeping the page templates compiled for later builds (sealed: bytecode is code)."""
        return _Templates(self)

    def edition_key(self, renderer: str, inputs: Iterable[tuple[str, str | bytes]]) -> str:
        """The key of a rendered edition: its docs tree, configuration and overrides, as named contents."""
        return tree_key([("fingerprint", fingerprint()), ("renderer", renderer), *inputs])

    def restore_edition(self, key: str, target: Path) -> bool:
        """Place the edition rendered for key into target (a folder that does not exist yet); False on a miss.

        The files are checked against the sealed manifest once placed (so a file swapped in the cache between a
        check and the placing cannot slip through); any failure removes what was placed and reports a miss."""
        entry = self.folder / "editions" / key
        try:
            payload = self.seal.open(self._name(entry / MANIFEST), (entry / MANIFEST).read_bytes())
            manifest = json.loads(payload) if payload is not None else None
        except (OSError, ValueError):
            return False
        if not isinstance(manifest, dict) or not manifest:
            return False
        if not all(isinstance(rel, str) and _inside(rel) and isinstance(d, str) for rel, d in manifest.items()):
            return False
        files = {rel: entry / "files" / rel for rel in manifest}
        if self._stored(lambda: write.place_files(target, files)) and _matches(target, manifest):
            self.used.add(entry)
            return True
        write.discard(target)
        return False

    def store_edition(self, key: str, source: Path) -> None:
        """Keep a rendered edition (the folder source) for later builds."""
        entry = self.folder / "editions" / key

        def store() -> None:
            files = {p.relative_to(source).as_posix(): p for p in sorted(source.rglob("*")) if p.is_file()}
            manifest = {rel: hashlib.sha256(path.read_bytes()).hexdigest() for rel, path in files.items()}
            sealed = self.seal.seal(self._name(entry / MANIFEST), json.dumps(manifest, sort_keys=True).encode())
            if sealed is None:
                return
            write.store_tree(entry, {f"files/{rel}": path for rel, path in files.items()}, {MANIFEST: sealed})

        if self._stored(store):
            self.used.add(entry)

    def prune(self) -> None:
        """Remove every entry this build did not use: the cache holds one site's worth, however often it builds."""
        for kind in ("charts", "editions", "stylesheets", "templates", "gate"):
            if (kind == "stylesheets" and not self.cutting) or (kind == "gate" and not self.gating):
                continue
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


class _Templates(jinja2.BytecodeCache):
    """Compiled templates in the cache folder, by the template's name, source checksum and this generator (whose
    environment settings shape the code); unsealed or damaged entries are compiled again."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        key = hashlib.sha256(f"{fingerprint()}\n{bucket.key}\n{bucket.checksum}".encode()).hexdigest()
        return self.cache.folder / "templates" / f"{key}.bin"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = self._path(bucket)
        try:
            payload = self.cache.seal.open(self.cache._name(path), path.read_bytes())
        except OSError:
            return
        if payload is None:
            return
        try:
            bucket.bytecode_from_string(payload)  # Jinja checks its own magic and the source's checksum too
        except (ValueError, EOFError, TypeError):
            bucket.reset()
        if bucket.code is not None:
            self.cache.used.add(path)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = self._path(bucket)
        sealed = self.cache.seal.seal(self.cache._name(path), bucket.bytecode_to_string())
        if sealed is not None and self.cache._stored(lambda: write.store_file(path, sealed)):
            self.cache.used.add(path)


def keyed_inputs(
    docs: Mapping[str, str | bytes], overrides: Mapping[str, str | bytes]
) -> list[tuple[str, str | bytes]]:
    """An edition's docs tree and overrides as named contents for edition_key."""
    return [*((f"docs/{k}", v) for k, v in docs.items()), *((f"overrides/{k}", v) for k, v in overrides.items())]
