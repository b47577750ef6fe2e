"""The data model: what `indicators.yaml` and `actions.yaml` may say.

The classes follow the design brief's vocabulary (source, shortfall, indicator,
observation, benchmark, target, horizon, programme, action) so that a reader of
the brief can read the schema. Every model forbids unknown keys and refuses NaN
and infinity: a typo in a hand-edited file must be reported, never ignored.
Checks that need the whole dataset (ids that exist, no duplicates) live in
`scorecard.checks`, so that each finding can carry its own position.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, RootModel, field_validator, model_validator
from pydantic.json_schema import WithJsonSchema

from scorecard.vocabulary import FORMULAS, PEER_KINDS, REFERENCES, YEAR_BASES

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
Id = Field(pattern=ID_PATTERN, max_length=64)
HorizonId = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
Kind = Literal["count", "share", "amount", "ratio", "rank", "index"]

# A bound's relation as written in the data → how it is shown.
RELATIONS = {"<": "<", "≤": "≤", "<=": "≤", ">": ">", "≥": "≥", ">=": "≥", "≈": "≈", "~": "≈"}
Relation = Literal["<", "≤", "<=", ">", "≥", ">=", "≈", "~"]


def _fraction(value: object) -> object:
    """`1/3` as written in YAML (text) → 0.333…; numbers pass through."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*/\s*[1-9]\d*\s*", value):
        return float(Fraction(value.replace(" ", "")))
    return value


# In the JSON Schema for editors (`scorecard schema`): a number or a fraction, as YAML holds it.
Share = Annotated[float, BeforeValidator(_fraction), Field(ge=0, le=1), WithJsonSchema({"anyOf": [
    {"type": "number", "minimum": 0, "maximum": 1},
    {"type": "string", "pattern": r"^\s*\d+\s*/\s*[1-9]\d*\s*$", "description": "a fraction such as 1/3"}]})]


def _listed_once(items: list[str], what: str) -> list[str]:
    if len(set(items)) != len(items):
        raise ValueError(f"{what} is listed twice")
    return items


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True, strict=True)


class Text(RootModel):
    """A label: the text in each of the data's languages (`{zh: 市场主体, en: Market entities}`),
    or plain text in a one-language dataset.

    Which languages a label must give is a property of the whole dataset (`languages:`),
    checked with positions in `load.labels`; here a label is only non-empty text.
    """

    model_config = ConfigDict(frozen=True, strict=True)
    root: Union[str, dict[str, str]]

    @field_validator("root", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        if isinstance(value, str):
            if not value.strip():
                raise ValueError("must not be empty")
            return value
        if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
            empty = [k for k, v in value.items() if not v.strip()]
            if empty:
                raise ValueError(f"the text in {empty[0]!r} must not be empty")
            return value
        raise ValueError("a label is text, or the text in each language, e.g. {en: Market entities}")

    @classmethod
    def same(cls, text: str, languages: list[str]) -> Text:
        """One text for every language: plain in a one-language dataset."""
        return cls(text) if len(languages) == 1 else cls({lang: text for lang in languages})

    def get(self, lang: str) -> str:
        """The text in `lang`; a plain label, or one lacking `lang`, gives its first text."""
        if isinstance(self.root, str):
            return self.root
        return self.root.get(lang) or next(iter(self.root.values()))

    @property
    def languages(self) -> tuple[str, ...] | None:
        """The languages given; None for plain text."""
        return None if isinstance(self.root, str) else tuple(self.root)

    @property
    def texts(self) -> tuple[str, ...]:
        return (self.root,) if isinstance(self.root, str) else tuple(self.root.values())

    # Callers written when every label was Chinese and English read these two.
    @property
    def zh(self) -> str:
        return self.get("zh")

    @property
    def en(self) -> str:
        return self.get("en")


class Source(Strict):
    """A publication that figures are cited from; `ref` strings start with its id."""

    id: str = Id
    title: Text
    authors: str | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    link: str | None = Field(default=None, min_length=1,
                             description="where to find it: a web address, a library's number")
    note: str | None = None


class Peer(Strict):
    """A city, region, exchange, port or other body that the subject is compared with."""

    id: str = Id
    name: Text
    kind: Literal[PEER_KINDS] = "city"


class Shortfall(Strict):
    """An area of weakness (a lever): seed 000's six areas and seed 003's five shortfalls."""

    id: str = Id
    source: str = Field(min_length=1, description="citation: '<source id> <section>'")
    name: Text
    status_quo: Text | None = Field(default=None, description="基本现状, in brief")
    gap: Text = Field(description="主要短板, in brief")
    related: list[str] = Field(default_factory=list, description="overlapping shortfalls")


class Observation(Strict):
    """The subject's value in a year, with the sentence it comes from.

    `relation` marks a bound ("不到1/3" is < 33.3); `scored` picks this figure
    where sources disagree about the year.
    """

    year: int = Field(ge=1900, le=2100)
    value: float
    relation: Relation | None = None
    source: str = Field(min_length=1)
    quote: str | None = Field(default=None, description="the words in the source that give it")
    derived: str | None = Field(
        default=None, description="how the value was computed from the quoted words"
    )
    note: str | None = None
    scored: bool | None = None

    @property
    def source_id(self) -> str:
        return self.source.split(" ")[0]

    @property
    def bound(self) -> str | None:
        """The relation as shown: one of <, ≤, >, ≥, ≈; None for an exact figure."""
        return RELATIONS[self.relation] if self.relation else None


class Benchmark(Observation):
    """A peer's value in a year."""

    peer: str


class Target(Strict):
    """A value to reach by a horizon, with its basis.

    `stated`: a level the sources give (cite it in `source`).
    `assumption`: an analyst's choice; `reason` says how it was set.
    """

    value: float
    relation: Relation | None = Field(default=None, description="as the words give it: 'at least 80%' is ≥")
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


class Level(Strict):
    """A reference level the sources give, e.g. 国际科创城市约15%."""

    value: float
    source: str = Field(min_length=1)
    quote: str | None = None


Reference = Literal[tuple(REFERENCES)]
Digits = Union[int, Literal["figure"]]


class RuleParameters(Strict):
    """What a rule may set and an indicator may override."""

    reference: Reference | None = None
    k: int | None = Field(default=None, ge=1)
    level: Level | None = None
    ideal: float | None = None
    reach: Share | None = None
    fractions: dict[str, Share] | None = None
    base_year: int | None = Field(default=None, ge=1900, le=2100)
    digits: Digits | None = Field(default=None)

    @field_validator("digits")
    @classmethod
    def _digits(cls, value):
        if isinstance(value, int) and not 0 <= value <= 6:
            raise ValueError("digits must be between 0 and 6, or 'figure'")
        return value


class RuleVary(Strict):
    """The range each uncertain parameter of a rule is drawn from in a robustness analysis."""

    fractions: dict[str, Annotated[list[Share], Field(min_length=2, max_length=2)]] | None = None
    reference: list[Reference] | None = Field(default=None, min_length=1)


class Rule(RuleParameters):
    """A named target rule of `method.rules` (docs/method.md, "Targets")."""

    formula: Literal[tuple(FORMULAS)]
    vary: RuleVary | None = None


class RuleUse(RuleParameters):
    """An indicator's rule with the parameters it overrides."""

    use: str = Id


class Indicator(Strict):
    """A measurable quantity with the subject's series, peers' values and targets.

    `floor` is L of the scoring method, the value that scores 0: the natural
    zero when left out (a rank's is that of 1/rank), a stated value with its
    reason, or `worst`, the worst of its peers' figures. `rule` names the
    target rule that sets its assumed targets; `unscored` says why it has none.
    """

    id: str = Id
    name: Text
    unit: Text
    definition: Text | None = Field(default=None, description="what is counted, and how")
    source: str | None = Field(default=None, min_length=1,
                               description="citation of where the indicator is defined: '<source id> <section>'")
    kind: Kind = "amount"
    direction: Literal["higher", "lower"] = "higher"
    floor: float | Literal["worst"] | None = None
    floor_reason: str | None = None
    weight: float = Field(default=1.0, gt=0)
    shortfalls: list[str] = Field(min_length=1)
    rule: str | RuleUse | None = None
    unscored: str | None = Field(default=None, min_length=1)
    source_priority: list[str] | None = Field(default=None, min_length=1)
    conflict_note: str | None = Field(
        default=None, min_length=1,
        description="where sources disagree: what each probably counts, and why the scored one is scored")
    observations: list[Observation] = Field(default_factory=list)
    benchmarks: list[Benchmark] = Field(default_factory=list)
    targets: dict[HorizonId, Target] = Field(default_factory=dict)
    note: str | None = None

    @field_validator("shortfalls")
    @classmethod
    def _no_repeats(cls, ids: list[str]) -> list[str]:
        return _listed_once(ids, "a shortfall")

    @model_validator(mode="after")
    def _floor_fits_kind(self) -> Indicator:
        if self.kind == "rank":
            if self.floor not in (None, "worst"):
                raise ValueError("a rank has no numeric `floor`: ranks are scored on 1/rank, "
                                 "whose zero is the end of any list (docs/method.md); remove it")
            if self.direction != "lower":
                raise ValueError("a rank is better when lower: write `direction: lower`")
        elif self.direction == "lower" and not isinstance(self.floor, (int, float)):
            raise ValueError(
                "a lower-is-better indicator must state its `floor` "
                "(the value that scores 0, e.g. 100 for a share)"
            )
        if self.unscored and self.rule:
            raise ValueError("an indicator is either `unscored` (with its reason) or has a `rule`, not both")
        return self

    @property
    def rule_name(self) -> str | None:
        return self.rule.use if isinstance(self.rule, RuleUse) else self.rule

    @property
    def scale(self) -> str:
        """`reciprocal` for ranks (scored on 1/rank), else `linear`."""
        return "reciprocal" if self.kind == "rank" else "linear"


class HorizonGoal(Strict):
    """A planning horizon with its goal statement and year.

    The year is `stated` by the sources or an `assumption` (the default, as for a
    strategy that names its phases but no years); an assumed year says why.
    """

    id: str = Id
    name: Text
    goal: Text | None = Field(default=None, description="the goal statement, once written down")
    source: str | None = Field(default=None, min_length=1, description="where the goal statement comes from")
    year: int = Field(ge=2000, le=2100)
    year_basis: Literal[YEAR_BASES] = "assumption"
    year_reason: str | None = Field(default=None, min_length=1, description="why this year, when assumed")

    @model_validator(mode="after")
    def _reason_when_assumed(self) -> HorizonGoal:
        if self.year_basis == "assumption" and not self.year_reason:
            raise ValueError("an assumed year says why: add `year_reason`, or write "
                             "`year_basis: stated` when the sources give the year")
        if self.year_basis == "stated" and self.year_reason:
            raise ValueError("a stated year needs no `year_reason` (the horizon's source gives it): "
                             "remove it, or write `year_basis: assumption`")
        return self

    @property
    def year_is_assumption(self) -> bool:
        return self.year_basis == "assumption"


class Programme(Strict):
    id: str = Id
    name: Text
    source: str = Field(min_length=1)
    summary: Text | None = None


class Addresses(Strict):
    """One shortfall an action addresses, with a one-line reason."""

    id: str
    reason: str = Field(min_length=1)


class Moves(Strict):
    """One indicator an action would move, with a one-line reason (a bare id, the older form,
    is a link without its reason)."""

    id: str
    reason: str | None = Field(default=None, min_length=1)


def _link(value: object) -> object:
    return {"id": value} if isinstance(value, str) else value


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
    indicators: list[Annotated[Moves, BeforeValidator(_link)]] = Field(default_factory=list)
    status: Status = Field(default_factory=Status)
    note: str | None = None

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.indicators)


class Bands(Strict):
    """Lower edges of the level bands on the attainment score (the SDG Index dashboards);
    `achieved` is 100."""

    challenges_remain: float = Field(default=75, gt=0, lt=100)
    moderate_challenges: float = Field(default=50, gt=0, lt=100)
    significant_challenges: float = Field(default=25, gt=0, lt=100)

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if not self.significant_challenges < self.moderate_challenges < self.challenges_remain:
            raise ValueError("bands must rise: significant_challenges < moderate_challenges "
                             "< challenges_remain")
        return self


class MethodVary(Strict):
    """Uncertain method inputs for a robustness analysis: ± share of each weight, ± points of
    each band edge, and the floors an indicator without a stated floor may take."""

    weights: float = Field(default=0.25, ge=0, lt=1)
    bands: float = Field(default=5, ge=0, le=25)
    floors: list[Literal["natural", "worst"]] = Field(default_factory=lambda: ["natural", "worst"],
                                                      min_length=1)


_DIGITS = {"count": 0, "rank": 0, "share": 1, "ratio": 1, "index": 1, "amount": "figure"}


class Method(Strict):
    """Every choice the scores rest on that is not a figure (docs/method.md)."""

    bands: Bands = Field(default_factory=Bands)
    coverage: float = Field(default=0.6, gt=0, le=1)
    source_priority: Literal["newest"] | list[str] = "newest"
    base_year: int | None = Field(default=None, ge=1900, le=2100)
    digits: dict[Kind, Digits] = Field(default_factory=lambda: dict(_DIGITS))
    rules: dict[str, Rule] = Field(default_factory=dict)
    vary: MethodVary = Field(default_factory=MethodVary)

    def digits_for(self, kind: str) -> Digits:
        return self.digits.get(kind, _DIGITS[kind])


class IndicatorsFile(Strict):
    """`indicators.yaml`."""

    subject: Text | None = Field(default=None, description="the place or body the strategy is about")
    languages: list[Annotated[str, Field(pattern=r"^[A-Za-z]{2,8}([_-][A-Za-z0-9]{1,8})*$")]] = Field(
        default_factory=lambda: ["zh", "en"], min_length=1,
        description="the languages of every label; the first is the default")

    method: Method = Field(default_factory=Method)
    # Required, and may be empty: a dataset just begun (`scorecard new`) has none yet. What a
    # full one must hold follows from the references: an indicator names a shortfall, a figure
    # cites a source (docs/data-format.md, "An empty dataset").
    sources: list[Source]
    peers: list[Peer] = Field(default_factory=list)
    shortfalls: list[Shortfall]
    indicators: list[Indicator]

    @field_validator("languages")
    @classmethod
    def _languages_once(cls, languages: list[str]) -> list[str]:
        return _listed_once(languages, "a language")


class ActionsFile(Strict):
    """`actions.yaml`."""

    horizons: list[HorizonGoal] = Field(min_length=1)
    # Required, and may be empty (as in `IndicatorsFile`): an action names its programme.
    programmes: list[Programme]
    actions: list[Action]
