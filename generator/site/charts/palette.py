"""The colour-blind-safe palette and hatches of the charts, and WCAG contrast to choose label ink."""

from __future__ import annotations

# Okabe-Ito, without its black, which is kept for text.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
# matplotlib writes a circle hatch as hundreds of curves in every SVG that uses it ("oo" was 139 KB of a 179 KB
# chart, ".." 68 KB), a line hatch in under 1 KB: planned has horizontal lines, ended sparse dots (19 KB). Each
# status keeps a pattern of its own, so colour never carries meaning alone.
HATCHES = ("//", "\\\\", "||", "--", "xx", ".", "++")
INKS = ("#000000", "#ffffff")
# What text, axis and grid lines drawn on the page's background become on a dark page (Material's slate).
DARK_TEXT = "#e6e6e6"
DARK_AXIS = "#a6a6a6"
DARK_GRID = "#4d4d4d"


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours, from 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ink(fill: str) -> str:
    """Black or white, whichever reads better on fill."""
    return max(INKS, key=lambda candidate: contrast(candidate, fill))


def style(slot: int) -> tuple[str, str]:
    """The fill colour and hatch of a palette slot."""
    return PALETTE[slot], HATCHES[slot]
