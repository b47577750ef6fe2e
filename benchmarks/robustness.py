"""How long `scorecard robustness` takes on the bundled data, as ratios to one plain `gaps` scoring.

One `gaps` scoring is `card.build` at the horizon (its plans included): what `scorecard gaps`
computes once. A draw is one joint alternative re-scored at every level with its ranks and
statistics (the uncertainty analysis); a sensitivity run is one more row of the Saltelli design,
re-scored for the shortfall ranking. The cases run interleaved and each is reduced by its median,
so drifts in a shared machine's load hit them alike; the absolute times are printed too.

    python benchmarks/robustness.py [--rounds 5] [--draws 1000] [--horizon near]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scorecard.load.dataset import load, locate  # noqa: E402
from scorecard.score.card import build  # noqa: E402
from scorecard.score.robustness import Frame, analyse  # noqa: E402


def timed(fn, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--horizon", default="near")
    args = parser.parse_args()
    ds = load(locate(None))
    groups = len(Frame(ds, args.horizon).uncertain)
    n, h = args.draws, args.horizon
    times: dict[str, list[float]] = {"gaps": [], "draws": [], "all": []}
    for _ in range(args.rounds):  # interleaved
        times["gaps"].append(timed(lambda: build(ds, h), repeat=50))
        times["draws"].append(timed(lambda: analyse(ds, h, n, 1, 3, sensitivity=False)))
        times["all"].append(timed(lambda: analyse(ds, h, n, 1, 3)))
    gaps, draws, full = (statistics.median(times[k]) for k in ("gaps", "draws", "all"))
    per_draw = draws / n
    per_run = (full - draws) / (n * (groups + 1))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; "
          f"python {platform.python_version()}")
    print(f"bundled data, horizon {h}: {len(ds.indicators)} indicators, {len(ds.shortfalls)} shortfalls, "
          f"{len(ds.actions)} actions; {groups} uncertain groups; medians of {args.rounds} interleaved rounds")
    print(f"{'case':44} {'median':>10} {'× gaps':>8}")
    print(f"{'one gaps scoring (card.build)':44} {gaps * 1000:8.2f}ms {1:8.2f}")
    print(f"{'one draw (uncertainty analysis)':44} {per_draw * 1000:8.2f}ms {per_draw / gaps:8.2f}")
    print(f"{'one sensitivity run':44} {per_run * 1000:8.2f}ms {per_run / gaps:8.2f}")
    print(f"{f'{n:,} draws, no sensitivity indices':44} {draws:9.2f}s {draws / gaps:8.0f}")
    print(f"{f'{n:,} draws and the indices ({n * (groups + 2):,} runs)':44} {full:9.2f}s {full / gaps:8.0f}")


if __name__ == "__main__":
    main()
