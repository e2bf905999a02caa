"""The coded values of the content files; tests/test_enums.py keeps them equal to the JSON Schemas' lists."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """What the source says of an initiative's state."""

    PLANNED = "planned"
    IN_DEVELOPMENT = "in-development"
    PILOT = "pilot"
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED = "ended"
    NOT_STATED = "not-stated"


class Unit(StrEnum):
    """What a figure measures."""

    PEOPLE = "people"
    GBP = "GBP"
    PERCENT = "percent"
    COUNT = "count"
    JOBS = "jobs"
    BUSINESSES = "businesses"
    HOMES = "homes"
    SCHOOLS = "schools"
    SITES = "sites"
    ORGANISATIONS = "organisations"
    HOURS = "hours"
    YEARS = "years"
    MILES = "miles"
    TONNES_CO2E = "tonnes-co2e"


class Currency(StrEnum):
    """The currencies funding may be given in."""

    GBP = "GBP"


class Kind(StrEnum):
    """How real a figure is."""

    ACTUAL = "actual"
    TARGET = "target"
    FORECAST = "forecast"


class Qualifier(StrEnum):
    """How the source qualifies a figure."""

    OVER = "over"
    AT_LEAST = "at-least"
    ABOUT = "about"
    NEARLY = "nearly"
    UP_TO = "up-to"


class PlaceKind(StrEnum):
    """What a name in the place vocabulary stands for."""

    DISTRICT = "district"
    COUNTYWIDE = "countywide"
    REGION = "region"
    TOWN = "town"
    SITE = "site"
    OUTSIDE = "outside"


class EditionStatus(StrEnum):
    """Whether an edition may still change."""

    DRAFT = "draft"
    PUBLISHED = "published"


class Severity(StrEnum):
    """How bad a problem is: errors stop a build, warnings do not (unless --strict)."""

    ERROR = "error"
    WARNING = "warning"


class DocumentKind(StrEnum):
    """The kinds of content file (and the theme's labels.yml), each with its own JSON Schema."""

    SITE = "site"
    GOALS = "goals"
    PLACES = "places"
    EDITION = "edition"
    PAGE = "page"
    GOAL_PAGE = "goal-page"
    INITIATIVE = "initiative"
    LABELS = "labels"
    LOCK = "lock"
    CORRECTIONS = "corrections"


class FileChange(StrEnum):
    """How a file of a published edition differs from its lock."""

    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"
