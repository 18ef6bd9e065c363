"""Small charts drawn on the server as inline SVG: no script, no file to fetch.

The page's Content-Security-Policy forbids inline styles, so the markup
uses SVG presentation attributes and the classes of ``style.css`` only.
Every figure is also text: the chart's ``<title>`` and ``aria-label`` list
them, and each bar has its count written above it and its year below.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

__all__ = ["year_bars"]

BAR = 28       # width of one year's slot
GAP = 6        # space between bars
HEIGHT = 96    # tallest bar
TOP = 18       # room above the tallest bar for its count
BOTTOM = 20    # room below the bars for the years


def year_slots(per_year: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Every year from the first to the last of ``per_year`` (year, count),
    oldest first, a year without releases as 0: a gap in the record shows
    as a gap, not as two neighbouring bars."""
    counts = {int(y): n for y, n in per_year if y.isdigit()}
    if not counts:
        return []
    return [(str(y), counts.get(y, 0)) for y in range(min(counts), max(counts) + 1)]


def year_bars(per_year: Sequence[tuple[str, int]], label: str, undated: int = 0,
              undated_label: str = "") -> Markup:
    """An SVG bar chart of releases per year, one ``<rect class="bar">``
    per year of the span (height 0 for a year without any); ``label``
    heads its title (the figures follow it), and the undated releases,
    which have no place on a time axis, are named in the title only.
    Empty markup when no release is dated."""
    slots = year_slots(per_year)
    if not slots:
        return Markup("")
    tallest = max(n for _, n in slots) or 1
    figures = ", ".join(f"{y}: {n}" for y, n in slots)
    if undated:
        figures += f"; {undated_label}: {undated}"
    title = f"{label}. {figures}"
    width = len(slots) * (BAR + GAP) + GAP
    parts = [f'<svg class="year-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
             f'width="{width}" height="{TOP + HEIGHT + BOTTOM}" viewBox="0 0 {width} {TOP + HEIGHT + BOTTOM}" '
             f'aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for i, (year, n) in enumerate(slots):
        x = GAP + i * (BAR + GAP)
        h = round(HEIGHT * n / tallest)
        mid = x + BAR / 2
        parts.append(f'<g class="year" data-year="{year}" data-releases="{n}">'
                     f'<rect class="bar" x="{x}" y="{TOP + HEIGHT - h}" width="{BAR}" height="{h}" fill="#0b5cad">'
                     f'<title>{year}: {n}</title></rect>'
                     f'<text class="n" x="{mid}" y="{TOP + HEIGHT - h - 4}" text-anchor="middle" '
                     f'font-size="11">{n}</text>'
                     f'<text class="y" x="{mid}" y="{TOP + HEIGHT + 14}" text-anchor="middle" '
                     f'font-size="10">{year}</text></g>')
    parts.append(f'<line class="axis" x1="0" y1="{TOP + HEIGHT + 0.5}" x2="{width}" y2="{TOP + HEIGHT + 0.5}" '
                 f'stroke="#5b6675" stroke-width="1"/></svg>')
    return Markup("".join(parts))
