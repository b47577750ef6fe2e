"""The parts a report is made of, in the reader's language, for the HTML and Markdown layouts.

Every text here is final (worded, numbers written); a layout only places and escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()  # columns of figures, set right-aligned
    anchors: tuple[str, ...] = ()  # an id for each row that other parts link to
    keep: frozenset[int] = frozenset()  # columns of ids, never broken across lines


@dataclass(frozen=True)
class Band:
    """A score as a dashboard cell shows it: the band in words as well as in colour."""

    status: str | None  # the status value (a CSS class): achieved … insufficient_data
    score: str
    words: str
    coverage: str
    arrow: str  # ↑ ➚ → ↓, or "" with no trend
    trend: str  # the trend in words, or why there is none
    short: str  # the trend in a word or two, for a crowded cell
    rank: str = ""  # the rank interval, when the robustness analysis is at hand


@dataclass(frozen=True)
class Horizon:
    id: str
    name: str
    year: str  # "2027*" when the year is an assumption
    goal: str
    band: Band


@dataclass(frozen=True)
class Link:
    """A reference to another part of the report (an id within the page)."""

    text: str
    anchor: str
    note: str = ""


@dataclass(frozen=True)
class Chart:
    anchor: str
    title: str
    about: str  # unit, direction, scale
    svg: str  # inline in the page
    file_name: str  # its file, beside a Markdown report
    table: Table
    scores: tuple[str, ...]
    basis: tuple[str, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Shortfall:
    id: str
    anchor: str
    name: str
    source: str
    gap: str
    status_quo: str
    bands: tuple[tuple[str, Band], ...]  # (horizon, band)
    trends: tuple[str, ...]  # why a horizon has no arrow, each reason once
    ranks: tuple[str, ...]  # sentences on how sure its rank is
    actions: tuple[Link, ...]
    actions_note: str
    charts: tuple[Chart, ...]
    elsewhere: tuple[Link, ...]  # its indicators charted under another shortfall
    unscored: tuple[tuple[str, str], ...]  # (indicator, why it has no chart)
    empty: str = ""  # said when no indicator is meant to be scored


@dataclass(frozen=True)
class Block:
    """A titled block of the back matter: paragraphs, tables with captions, a list."""

    title: str
    anchor: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[tuple[str, Table], ...] = ()
    items: tuple[str, ...] = ()
    empty: str = ""


@dataclass(frozen=True)
class Report:
    lang: str
    title: str
    kicker: str
    meta: tuple[str, ...]  # the data's files and date, the horizons: the page's header
    running: str  # the header repeated on every printed page
    horizons: tuple[Horizon, ...]
    gaps_title: str
    gaps: tuple[str, ...]  # sentences an analyst can quote
    dashboard_headers: tuple[str, ...]
    dashboard: tuple[tuple[Link, tuple[Band, ...]], ...]
    swatches: tuple[tuple[str, str], ...]  # (status, its words): the bands' key
    legend: tuple[str, ...]
    reading: tuple[str, ...]  # how to read the charts
    shortfalls: tuple[Shortfall, ...]
    back: tuple[Block, ...]  # actions, blind spots, conflicts, assumptions, sources
    words: dict[str, str] = field(default_factory=dict)  # headings the layouts need

    @property
    def charts(self) -> list[Chart]:
        return [c for s in self.shortfalls for c in s.charts]
