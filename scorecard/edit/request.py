"""One figure to record, as asked for (`set`'s options, a row of `import`'s sheet), parsed
once; and the refusals an update can end in."""

from __future__ import annotations

from dataclasses import dataclass

from scorecard import findings as F
from scorecard.edit import inputs
from scorecard.load import citation
from scorecard.model import Observation


class Refused(Exception):
    """The update was not made; the file is untouched. `code` is the exit status to use;
    `problems` says which figures of a batch could not be recorded, and why."""

    def __init__(self, message: str, code: int = 1, found: list[F.Finding] | None = None,
                 problems: list[Problem] | None = None):
        super().__init__(message)
        self.message, self.code, self.findings = message, code, found or []
        self.problems = problems or []


class BadRequest(Refused):
    """One figure cannot be recorded as asked; `field` names the part of the request at fault
    ("id", "year", "value", "peer", "source", "source_title", …)."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message, 2)
        self.field = field


@dataclass(frozen=True)
class Problem:
    """A figure of a batch that cannot be recorded: the request's place in the batch, the
    field at fault ('' for the figure as a whole), and why; `finding` when validation
    found it."""

    request: int
    field: str
    message: str
    finding: F.Finding | None = None


@dataclass(frozen=True)
class Citation:
    """Where a figure comes from, as typed: `003 二(一)`, or a bare source id `003`."""

    text: str
    source: str
    section: str  # '' for a bare source id, which only picks an entry

    @classmethod
    def parse(cls, typed: str) -> Citation:
        written = inputs.text(typed, "source")
        return cls(written, *citation.split(written))


@dataclass(frozen=True)
class Request:
    """One figure as asked for, parsed once: which figure, its value, where it comes from,
    and what else the entry says (relation, quote, note, whether it is the one scored)."""

    indicator: str
    year: int
    value: float | None  # None when the figure is removed
    text: str | None  # the value as it is written to the file
    citation: Citation | None = None
    peer: str | None = None  # a peer's id, or its name in one of the data's languages
    new_peer: bool = False
    peer_kind: str = "city"
    relation: str | None = None  # "<", "≤", …; "" for an exact figure; None: as it is
    quote: str | None = None
    note: str | None = None
    scored: bool = False
    source_title: str | dict[str, str] | None = None  # adds the source when it is not yet known
    source_year: int | None = None
    remove: bool = False

    @classmethod
    def parse(cls, indicator: str, value: str | None, year: int, source: str | None = None,
              peer: str | None = None, new_peer: bool = False, peer_kind: str = "city", *,
              relation: str | None = None, quote: str | None = None, note: str | None = None,
              scored: bool = False, source_title: str | dict[str, str] | None = None,
              source_year: int | None = None, remove: bool = False) -> Request:
        """What the user typed → a request, or `BadRequest` (exit 2) saying what to type."""
        where = "value"
        try:
            if remove and value is not None:
                raise inputs.BadInput("a figure to remove takes no value: give the year (and peer or "
                                      "source) alone")
            if not remove and value is None:
                raise inputs.BadInput("give the figure's value")
            written, number = inputs.number(value) if value is not None else (None, None)
            where = "source"
            cited = Citation.parse(source) if source is not None else None
            where = "peer"
            peer_name = inputs.text(peer, "peer") if peer is not None else None
            where = "relation"
            bound = inputs.relation(relation) if relation is not None else None
            where = "quote"
            said = inputs.text(quote, "quote") if quote is not None else None
            where = "note"
            noted = inputs.text(note, "note") if note is not None else None
            where = "source_title"
            title = _title(source_title)
        except inputs.BadInput as err:
            raise BadRequest(str(err), where) from None
        low, high = year_range()
        if not low <= year <= high:
            raise BadRequest(f"year {year} is out of range; a year lies between {low} and {high}", "year")
        if source_year is not None and not low <= source_year <= high:
            raise BadRequest(f"source year {source_year} is out of range; a year lies between {low} and "
                             f"{high}", "source_year")
        return cls(indicator, year, number, written, cited, peer_name, new_peer, peer_kind, bound, said,
                   noted, scored, title, source_year, remove)


def _title(typed):
    if typed is None:
        return None
    if isinstance(typed, dict):
        return {lang: inputs.text(t, "source title") for lang, t in typed.items()}
    return inputs.text(typed, "source title")


def year_range() -> tuple[int, int]:
    """The years the model accepts, read from it so the two never disagree."""
    bounds = {k: getattr(m, k) for m in Observation.model_fields["year"].metadata
              for k in ("ge", "le") if getattr(m, k, None) is not None}
    return bounds["ge"], bounds["le"]
