"""Stand-ins for tests where MkDocs and chart drawing are not what is under test: same protocols, much faster."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from generator.render import Rendered
from generator.site.charts.data import Chart, ChartSpec
from generator.site.charts.specs import draw_all
from generator.site.versions import url_of


class Done:
    """A render that finished as it started."""

    def finish(self) -> Rendered:
        return Rendered(True, ())

    def stop(self) -> None:
        pass


# How every page starts (the publish gate's _PROLOG: a doctype, then UTF-8 declared first).
PROLOG = '<!doctype html><html lang="en"><head><meta charset="utf-8">\n'


class Copying:
    """Each page becomes its own text, after PROLOG, in an index.html at the page's URL; every other file is copied
    as it is."""

    def start(self, config_file: Path, epoch: int) -> Done:
        config = yaml.safe_load(config_file.read_text())
        docs, site = config_file.parent / config["docs_dir"], Path(config["site_dir"])
        for source in sorted(docs.rglob("*")):
            if source.is_file():
                rel = source.relative_to(docs).as_posix()
                target = site / (f"{url_of(rel)}index.html" if rel.endswith(".md") else rel)
                target.parent.mkdir(parents=True, exist_ok=True)
                prolog = PROLOG.encode() if rel.endswith(".md") else b""
                target.write_bytes(prolog + source.read_bytes())
        return Done()


class Drawn:
    """A drawing that was over as it started."""

    def __init__(self, specs: list[ChartSpec], charts: dict[ChartSpec, Chart]) -> None:
        self.specs, self.charts = specs, charts

    def ready(self) -> bool:
        return True

    def result(self) -> dict[ChartSpec, Chart]:
        return self.charts

    def stop(self) -> None:
        pass


class DrawnOnce:
    """The build's Drawing, drawing each distinct chart once however many builds ask for it."""

    def __init__(self, drawn: Mapping[ChartSpec, Chart] | None = None) -> None:
        self.drawn = dict(drawn or {})

    def __call__(self, specs: Iterable[ChartSpec], workers: int | None = None) -> Drawn:
        wanted = list(specs)
        self.drawn |= draw_all(s for s in wanted if s not in self.drawn)
        return Drawn(wanted, {spec: self.drawn[spec] for spec in wanted})
