"""The geometry of the places page's tile map: one equal tile per district at its grid position, no words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Sizes in SVG user units. A tile holds its district's name (wrapped) and a count below it; the map scales
# to the column's width, so on a 390 px phone a 4-column map shows text at about half these sizes (13 px).
TILE_W, TILE_H, GAP = 160, 120, 8
FONT, MIN_FONT = 26, 12
LINE = 1.2  # line height, in font sizes
PAD = 10
CHAR = 0.56  # a generous average glyph width, in font sizes, for wrapping without measuring text


@dataclass(frozen=True)
class Tile:
    """One district's tile: its box, its name in lines (text, baseline, squeeze) and where its count goes.

    squeeze is the width a line too long even at the smallest font is drawn into (SVG textLength), else 0."""

    name: str
    slug: str
    count: int
    x: int
    y: int
    lines: tuple[tuple[str, float, int], ...]
    font: float
    count_y: float

    @property
    def cx(self) -> float:
        """The tile's horizontal centre, where its text is anchored."""
        return self.x + TILE_W / 2


@dataclass(frozen=True)
class TileMap:
    """The whole map: its size (the SVG viewBox) and its tiles, in reading order (row, then column)."""

    width: int
    height: int
    tiles: tuple[Tile, ...]
    tile_w: int = TILE_W
    tile_h: int = TILE_H


def _wrap(name: str, width: int) -> list[str]:
    """Words into lines of at most width characters (a longer word gets a line of its own)."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [name]


def _fit(name: str) -> tuple[list[str], float]:
    """The name's lines and the largest font size (at most FONT) at which they and the count fit the tile."""
    font = float(FONT)
    while True:
        lines = _wrap(name, max(1, int((TILE_W - 2 * PAD) / (CHAR * font))))
        longest = max(len(line) for line in lines)
        fits_w = longest * CHAR * font <= TILE_W - 2 * PAD
        fits_h = (len(lines) + 1) * LINE * font <= TILE_H - 2 * PAD
        if (fits_w and fits_h) or font <= MIN_FONT:
            return lines, font
        font -= 1


def layout(districts: Sequence[tuple[str, str, int, tuple[int, int]]]) -> TileMap:
    """The map of (name, slug, count, (row, col)) districts; rows and columns count from 1 at the top left."""
    tiles = []
    # One font size for every tile, the largest at which every name fits, so no district looks bigger.
    font = min((_fit(d[0])[1] for d in districts), default=float(FONT))
    room = TILE_W - 2 * PAD
    for name, slug, count, (row, col) in sorted(districts, key=lambda d: d[3]):
        x, y = (col - 1) * (TILE_W + GAP), (row - 1) * (TILE_H + GAP)
        lines = _wrap(name, max(1, int(room / (CHAR * font))))
        step = LINE * font
        # The name's lines and the count, as one block centred in the tile.
        top = y + (TILE_H - (len(lines) + 1) * step) / 2 + 0.8 * font
        placed = tuple(
            (text, round(top + i * step, 1), room if len(text) * CHAR * font > room else 0)
            for i, text in enumerate(lines)
        )
        tiles.append(Tile(name, slug, count, x, y, placed, font, round(top + len(lines) * step, 1)))
    cols = max((d[3][1] for d in districts), default=0)
    rows = max((d[3][0] for d in districts), default=0)
    width = max(0, cols * (TILE_W + GAP) - GAP)
    height = max(0, rows * (TILE_H + GAP) - GAP)
    return TileMap(width, height, tuple(tiles))
