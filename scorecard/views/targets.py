"""Targets and figures in words: the arithmetic of a rule, the basis of a stated target, why
a horizon has none, and a figure that is a bound."""

from __future__ import annotations

from fractions import Fraction

from scorecard.render.document import number
from scorecard.score.targets import Missing, Target
from scorecard.views.labels import word


def figure(value: float | None, relation: str | None = None) -> str:
    """A figure as the sources give it: '< 33.3' for a bound, '9' for an exact one."""
    if value is None:
        return "–"
    return f"{relation} {number(value)}" if relation else number(value)


def score(value: float | None, bound: str | None = None) -> str:
    """A score, with ≤ or ≥ when it comes from a bound."""
    if value is None:
        return "–"
    mark = {"upper": "≤", "lower": "≥"}.get(bound or "", "")
    return f"{mark}{number(value, 1)}"


def fraction(value: float) -> str:
    """1/3, 2/3, 1/2 as a reader writes them; other shares as decimals."""
    near = Fraction(value).limit_denominator(12)
    if abs(float(near) - value) < 1e-9 and near.denominator > 1:
        return f"{near.numerator}/{near.denominator}"
    return number(value, 3)


def _sum(start: float, step: float, times: str, result: float, exact: bool) -> str:
    sign = "+" if step >= 0 else "−"
    equals = "=" if exact else "≈"
    return f"{number(start)} {sign} {number(abs(step), 3)} × {times} {equals} {number(result)}"


def describe(t: Target, ds, lang: str) -> str:
    """How the target was set, in one line an analyst can quote."""
    if t.rule is None:
        g = t.given
        if g.basis == "stated":
            text = word("target.stated", lang, source=g.source)
        else:
            text = g.reason
        if t.rule_value is not None and abs(t.rule_value - t.value) > 1e-9:
            text += word("target.rule_differs", lang, value=number(t.rule_value))
        return text
    exact = t.unrounded is not None and abs(t.unrounded - t.value) < 1e-9
    start = t.start
    if t.formula == "trend":
        years = ds.horizons[t.horizon].year - start.year
        sign = "+" if t.change >= 0 else "−"
        return word("target.trend", lang, rule=t.rule, change=f"{sign}{number(abs(t.change), 3)}",
                   first=number(t.change_from.value), first_year=t.change_from.year,
                   start=number(start.value), start_year=start.year, year=ds.horizons[t.horizon].year,
                   arithmetic=_sum(start.value, t.change, str(years), t.value, exact))
    r = t.reference
    share = word("target.whole", lang) if t.fraction == 1 else fraction(t.fraction)
    arithmetic = _sum(start.value, r.value - start.value, fraction(t.fraction), t.value, exact)
    return word("target.close_gap", lang, rule=t.rule, fraction=share, start=number(start.value),
               start_year=start.year, towards=_reference(r, start.value, ds, lang),
               arithmetic=arithmetic)


def _reference(r, start: float, ds, lang: str) -> str:
    names = [ds.peers[b.peer].name.get(lang) for b in r.figures]
    value = " ".join(filter(None, (r.figures[0].bound if len(r.figures) == 1 else None,
                                   number(r.value, 3))))
    if r.kind == "best_peer":
        return word("target.best_peer", lang, peer=names[0], value=value)
    if r.kind == "best_mean":
        return word("target.best_mean", lang, k=len(names), peers=", ".join(names), value=value)
    if r.kind == "peer_median":
        return word("target.peer_median", lang, peers=", ".join(names), value=value)
    if r.kind == "level":
        return word("target.level", lang, value=value, source=r.level.source)
    return word("target.ideal", lang, value=value, start=number(start), ideal=number(r.ideal),
               reach=fraction(r.reach))


def why_none(missing: Missing | None, lang: str) -> str:
    if missing is None:
        return "–"
    if missing.reason == "unscored":
        return word("target.unscored", lang, reason=missing.detail)
    return word(f"target.{missing.reason}", lang, detail=missing.detail)
