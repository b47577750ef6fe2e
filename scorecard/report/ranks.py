"""How sure each shortfall's rank is, for the report: the robustness analysis run here, or read
back from a saved `scorecard robustness -f json`.

A report shows rank intervals only when asked (`--robustness`, `--robustness-file`): the
analysis costs a second or more, and an interval from other data would mislead, so a saved file
must be for the data's own shortfalls and give today's scores.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 16_000_000  # a saved analysis of the bundled data takes about 60 kB


class BadFile(ValueError):
    """A saved analysis that cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class Interval:
    rank: int | None  # under the declared assumptions
    median: int | None
    low: int | None  # 5th percentile of the rank over the draws
    high: int | None  # 95th
    top_share: float  # share of draws among the `top` largest gaps


@dataclass(frozen=True)
class Ranks:
    horizon: str
    draws: int
    seed: int
    top: int
    origin: str | None  # the file it was read from; None when run for this report
    shortfalls: dict[str, Interval]


def analysed(ds, horizon: str, draws: int = 1000, seed: int = 1, top: int = 3) -> Ranks:
    """The analysis `scorecard robustness` runs by default, without the sensitivity indices
    (the report shows ranks, not what moves them)."""
    from scorecard.score.robustness import analyse

    result = analyse(ds, horizon, draws, seed, top, sensitivity=False)
    return Ranks(horizon, draws, seed, top, None, {
        s.id: Interval(s.rank, s.median, s.p05, s.p95, s.top) for s in result.levels["shortfalls"]})


def read(path: Path, ds, cards: dict) -> Ranks:
    """A saved `robustness -f json` for one of `cards`' horizons, checked against the data."""
    try:
        raw = path.read_bytes()[:MAX_BYTES + 1]
    except OSError as err:
        raise BadFile(f"{path}: {err.strerror or err}") from None
    if len(raw) > MAX_BYTES:
        raise BadFile(f"{path}: over {MAX_BYTES:,} bytes, too large for a saved analysis")
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
        horizon, draws, seed, top = doc["horizon"], doc["draws"], doc["seed"], doc["top"]
        rows = {r["id"]: r for r in doc["shortfalls"]}
        intervals = {i: Interval(r["rank"], r["rank_median"], r["rank_p05"], r["rank_p95"],
                                 float(r["top_share"])) for i, r in rows.items()}
        whole = [draws, seed, top, *(v for i in intervals.values() for v in (i.rank, i.median, i.low, i.high)
                                     if v is not None)]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in whole):
            raise TypeError("draws, seed, top and ranks are whole numbers")
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise BadFile(f"{path}: not the output of `scorecard robustness -f json` ({type(err).__name__}: "
                      f"{err}); save one with `scorecard robustness -H ID -f json > FILE`") from None
    if horizon not in cards:
        known = ", ".join(cards)
        raise BadFile(f"{path}: an analysis at horizon {horizon!r}, which this report does not show ({known})")
    card = cards[horizon]
    if set(rows) != {s.shortfall.id for s in card.shortfalls}:
        raise BadFile(f"{path}: an analysis of other shortfalls than the data's; run "
                      f"`scorecard robustness -H {horizon} -f json` again")
    for s in card.shortfalls:
        then, now = rows[s.shortfall.id].get("score"), s.result.score
        if not _same(then, now):
            shown = "none" if now is None else f"{now:.4g}"
            raise BadFile(f"{path}: made from other figures ({s.shortfall.id} scored {then} then, "
                          f"{shown} now); run `scorecard robustness -H {horizon} -f json` again")
    return Ranks(horizon, draws, seed, top, str(path), intervals)


def _same(then, now: float | None) -> bool:
    """The score saved equals today's, as far as the JSON's rounding allows."""
    if then is None or now is None:
        return then is None and now is None
    return isinstance(then, (int, float)) and math.isclose(then, now, abs_tol=1e-3)
