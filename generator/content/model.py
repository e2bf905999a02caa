"""The frozen, typed model of a content tree; built only from validated documents (see assemble)."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from .enums import Currency, EditionStatus, FileChange, Kind, PlaceKind, Qualifier, Status, Unit


@dataclass(frozen=True)
class Position:
    """Where a record came from: path relative to the content root, 1-based line and column."""

    path: str
    line: int
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Metric:
    """One figure: value, unit and how exact (qualifier) and how real (kind) it is."""

    label: str
    value: float
    unit: Unit
    kind: Kind
    qualifier: Qualifier | None
    period: str | None
    note: str | None
    pos: Position
    # The upper end when the source gives a range ("150 to 200 jobs"); value is then the lower end.
    value_max: float | None = None


@dataclass(frozen=True)
class Funding:
    """Money for an initiative."""

    amount: float
    currency: Currency
    qualifier: Qualifier | None
    source: str | None
    period: str | None
    kind: Kind
    note: str | None
    pos: Position


@dataclass(frozen=True)
class Link:
    """An https link with its text."""

    title: str
    url: str


def place_slug(name: str) -> str:
    """A place's name as a URL segment: 'Castle Point' -> 'castle-point'; letters of any script are kept."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "-", plain.lower()).strip("-")


@dataclass(frozen=True)
class Place:
    """A name from the place vocabulary; towns and sites know their district."""

    name: str
    kind: PlaceKind
    district: str | None
    note: str | None
    pos: Position
    # A district's tile on the places page's map: (row, column), 1-based from the top left.
    grid: tuple[int, int] | None = None

    @property
    def area(self) -> str:
        """The district this place counts towards; its own name for a district, the whole area or a region."""
        return self.district or self.name

    @property
    def slug(self) -> str:
        """The name in URLs: a district's page is places/<slug>/."""
        return place_slug(self.name)


@dataclass(frozen=True)
class Goal:
    """One goal of the framework."""

    number: int
    slug: str
    title: str
    definition: str
    pos: Position

    @property
    def folder(self) -> str:
        """Folder and URL name: 02-successful-school-years."""
        return f"{self.number:02d}-{self.slug}"


@dataclass(frozen=True)
class GoalPage:
    """An edition's narrative and context figures for one goal."""

    goal: int
    body: str
    metrics: tuple[Metric, ...]
    source: str | None
    pos: Position
    body_line: int = 1  # the line of pos.path where the body starts
    link_offsets: tuple[int, ...] = ()  # where in body its relative links and pictures start (markup.link_offsets)


@dataclass(frozen=True)
class Initiative:
    """One initiative in one edition."""

    id: str
    title: str
    goal: int
    also_supports: tuple[int, ...]
    status: Status
    summary: str
    places: tuple[str, ...]
    partners: tuple[str, ...]
    metrics: tuple[Metric, ...]
    funding: tuple[Funding, ...]
    links: tuple[Link, ...]
    source: str
    last_reported: int
    body: str
    pos: Position
    body_line: int = 1  # the line of pos.path where the body starts
    link_offsets: tuple[int, ...] = ()  # where in body its relative links and pictures start (markup.link_offsets)

    @property
    def goals(self) -> tuple[int, ...]:
        """The primary goal first, then the others it supports."""
        return (self.goal, *self.also_supports)


@dataclass(frozen=True)
class Page:
    """A narrative page: site-wide (content/pages) or an edition's own."""

    slug: str
    title: str
    body: str
    pos: Position
    body_line: int = 1  # the line of pos.path where the body starts
    link_offsets: tuple[int, ...] = ()  # where in body its relative links and pictures start (markup.link_offsets)


@dataclass(frozen=True)
class FieldCorrection:
    """One field a correction changed, with its old and new value as text (None: the field was absent)."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class CorrectedFile:
    """A file a correction changed, added or removed, and the fields that differ; for a picture, the files whose
    text showed it when the correction was recorded."""

    path: str
    change: FileChange
    fields: tuple[FieldCorrection, ...]
    shown_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Correction:
    """A dated public correction to a published edition (content/<year>/corrections.yml)."""

    number: int
    date: str
    note: str
    files: tuple[CorrectedFile, ...]
    pos: Position


@dataclass(frozen=True)
class Edition:
    """One annual audit with its figures, narrative, goal pages and initiatives."""

    year: int
    title: str
    status: EditionStatus
    source: str
    summary: str
    metrics: tuple[Metric, ...]
    pages: tuple[Page, ...]
    goal_pages: tuple[GoalPage, ...]
    initiatives: tuple[Initiative, ...]
    pos: Position
    # From lock.yml and corrections.yml, once the edition is published with `publish`.
    published_on: str | None = None
    corrections: tuple[Correction, ...] = ()

    @property
    def published(self) -> bool:
        return self.status == EditionStatus.PUBLISHED

    def goal_page(self, number: int) -> GoalPage | None:
        """This edition's narrative for a goal, if it has one."""
        return next((g for g in self.goal_pages if g.goal == number), None)

    def initiative(self, ident: str) -> Initiative | None:
        """The initiative with this id, if this edition has it."""
        return self._by_id.get(ident)

    @functools.cached_property
    def _by_id(self) -> dict[str, Initiative]:
        # Pages look initiatives up across editions for every page: a dict keeps that linear.
        return {i.id: i for i in self.initiatives}


@dataclass(frozen=True)
class Accessibility:
    """The accessibility statement's contacts and dates (YYYY-MM-DD); None where site.yml gives none."""

    email: str | None = None
    phone: str | None = None
    prepared: str | None = None
    reviewed: str | None = None


@dataclass(frozen=True)
class Licence:
    """The licence the site and its open data are published under."""

    name: str
    url: str
    # An Open Definition or SPDX identifier (OGL-UK-3.0), for programs that read datapackage.json.
    id: str | None = None


@dataclass(frozen=True)
class Site:
    """Who publishes the site and what it is called."""

    site_name: str
    organisation: str
    site_url: str
    description: str
    footer: str
    language: str
    accessibility: Accessibility = Accessibility()
    licence: Licence | None = None


@dataclass(frozen=True)
class Project:
    """The whole content tree: site settings, framework, places, site-wide pages and editions."""

    site: Site
    framework: str
    goals: tuple[Goal, ...]
    places: tuple[Place, ...]
    pages: tuple[Page, ...]
    editions: tuple[Edition, ...]
    # Pictures the site pages show (content/pages/images/), as (file name, bytes), by name.
    images: tuple[tuple[str, bytes], ...] = ()

    def goal(self, number: int) -> Goal:
        """The goal with this number (validation guarantees it exists)."""
        return next(g for g in self.goals if g.number == number)

    def place(self, name: str) -> Place:
        """The place with this name (validation guarantees it exists)."""
        return next(p for p in self.places if p.name == name)

    def edition(self, year: int) -> Edition | None:
        """The edition of this year, if there is one."""
        return next((e for e in self.editions if e.year == year), None)

    @property
    def latest(self) -> Edition:
        """The newest published edition, or the newest of all when none is published."""
        published = [e for e in self.editions if e.published]
        return (published or list(self.editions))[-1]
