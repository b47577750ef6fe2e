"""The data model: what `indicators.yaml` and `actions.yaml` may say.

The classes follow the design brief's vocabulary (source, shortfall, indicator,
observation, benchmark, target, horizon, programme, action) so that a reader of
the brief can read the schema. Every model forbids unknown keys and refuses NaN
and infinity: a typo in a hand-edited file must be reported, never ignored.
Checks that need the whole dataset (ids that exist, no duplicates) live in
`scorecard.checks`, so that each finding can carry its own position.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

HORIZONS = ("near", "mid", "long")
Horizon = Literal["near", "mid", "long"]
Id = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True, strict=True)


class Text(Strict):
    """A bilingual label: Chinese as printed in the seed, English for readers abroad."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Source(Strict):
    """A publication that figures are cited from; `ref` strings start with its id."""

    id: str = Id
    title: Text
    authors: str | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    note: str | None = None


class Peer(Strict):
    """A city, exchange, port or airport that Shanghai is compared with."""

    id: str = Id
    name: Text
    kind: Literal["city", "region", "exchange", "port", "airport", "country", "other"] = "city"


class Shortfall(Strict):
    """An area of weakness (a lever): seed 000's six areas and seed 003's five shortfalls."""

    id: str = Id
    source: str = Field(min_length=1, description="citation: '<source id> <section>'")
    name: Text
    status_quo: Text | None = Field(default=None, description="基本现状, in brief")
    gap: Text = Field(description="主要短板, in brief")
    related: list[str] = Field(default_factory=list, description="overlapping shortfalls")


class Observation(Strict):
    """Shanghai's value in a year, with the sentence it comes from."""

    year: int = Field(ge=1900, le=2100)
    value: float
    source: str = Field(min_length=1)
    quote: str | None = Field(default=None, description="the words in the source that give it")
    derived: str | None = Field(
        default=None, description="how the value was computed from the quoted words"
    )
    note: str | None = None


class Benchmark(Observation):
    """A peer's value in a year."""

    peer: str


class Target(Strict):
    """A value to reach by a horizon, with its basis.

    `stated`: a level the sources give (cite it in `source`).
    `assumption`: an analyst's choice; `reason` says how it was set.
    """

    value: float
    basis: Literal["stated", "assumption"]
    source: str | None = None
    quote: str | None = None
    reason: str = Field(min_length=1)

    @model_validator(mode="after")
    def _stated_needs_source(self) -> Target:
        if self.basis == "stated" and not self.source:
            raise ValueError("a stated target must cite its source ('<source id> <section>')")
        return self

    @property
    def is_assumption(self) -> bool:
        return self.basis == "assumption"


class Indicator(Strict):
    """A measurable quantity with Shanghai's series, peers' values and targets.

    `floor` is L of the scoring method: the value that scores 0. It defaults to 0
    for higher-is-better quantities with a natural zero; lower-is-better
    indicators must state theirs.
    """

    id: str = Id
    name: Text
    unit: Text
    kind: Literal["count", "share", "amount", "ratio", "rank", "index"] = "amount"
    direction: Literal["higher", "lower"] = "higher"
    floor: float | None = None
    floor_reason: str | None = None
    weight: float = Field(default=1.0, gt=0)
    shortfalls: list[str] = Field(min_length=1)
    observations: list[Observation] = Field(default_factory=list)
    benchmarks: list[Benchmark] = Field(default_factory=list)
    targets: dict[Horizon, Target] = Field(default_factory=dict)
    note: str | None = None

    @field_validator("shortfalls")
    @classmethod
    def _no_repeats(cls, ids: list[str]) -> list[str]:
        if len(set(ids)) != len(ids):
            raise ValueError("a shortfall is listed twice")
        return ids

    @model_validator(mode="after")
    def _lower_needs_floor(self) -> Indicator:
        if self.direction == "lower" and self.floor is None:
            raise ValueError(
                "a lower-is-better indicator must state its `floor` "
                "(the value that scores 0, e.g. 100 for a share)"
            )
        return self

    @property
    def lower_bound(self) -> float:
        return 0.0 if self.floor is None else self.floor


class HorizonGoal(Strict):
    """A planning horizon with its goal statement (seed 003 三(一)) and target year."""

    id: Horizon
    name: Text
    goal: Text
    source: str = Field(min_length=1)
    year: int = Field(ge=2000, le=2100)
    year_reason: str = Field(min_length=1, description="why this year: the seeds name none")


class Programme(Strict):
    id: str = Id
    name: Text
    source: str = Field(min_length=1)
    summary: Text | None = None


class Addresses(Strict):
    """One shortfall an action addresses, with a one-line reason."""

    id: str
    reason: str = Field(min_length=1)


class Status(Strict):
    state: Literal["unknown", "planned", "under_way", "done", "stalled"] = "unknown"
    note: str | None = None
    source: str | None = None


class Action(Strict):
    id: str = Id
    name: Text
    programme: str
    source: str = Field(min_length=1)
    measures: Text
    shortfalls: list[Addresses] = Field(min_length=1)
    indicators: list[str] = Field(default_factory=list)
    status: Status = Field(default_factory=Status)
    note: str | None = None


class Bands(Strict):
    """Lower edges of the status bands on the attainment score (SDR-style colours)."""

    on_track: float = Field(default=75, gt=0, lt=100)
    moderate: float = Field(default=50, gt=0, lt=100)
    significant: float = Field(default=25, gt=0, lt=100)

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if not self.significant < self.moderate < self.on_track:
            raise ValueError("bands must rise: significant < moderate < on_track")
        return self


class IndicatorsFile(Strict):
    """`indicators.yaml`."""

    sources: list[Source] = Field(min_length=1)
    peers: list[Peer] = Field(default_factory=list)
    shortfalls: list[Shortfall] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)
    bands: Bands = Field(default_factory=Bands)


class ActionsFile(Strict):
    """`actions.yaml`."""

    horizons: list[HorizonGoal] = Field(min_length=1)
    programmes: list[Programme] = Field(min_length=1)
    actions: list[Action] = Field(min_length=1)
