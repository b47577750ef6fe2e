"""How much `scorecard report` costs beyond `scorecard gaps`, on the bundled data.

The goal: a report takes under a second more than `gaps` (both start up alike and read the
validated data from the cache; the report then scores every horizon, draws its charts and lays
out the page). The cases run as processes in interleaved rounds, each reduced by its median, so
drifts in a shared machine's load hit them alike; each is printed as seconds, as a ratio to the
start-up floor (a Python importing pydantic's BaseModel, Rich's Console and Table, Typer and
PyYAML, as benchmarks/scale.py) and as its excess over `gaps`. `--profile` prints where one
report's time goes in process, once the data is loaded.

    python benchmarks/report.py [--rounds 7] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.metadata
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from scale import FLOOR, machine  # noqa: E402


def cases(data: Path, out: Path) -> dict[str, list[str]]:
    sc = [sys.executable, "-m", "scorecard"]
    where = ["--data", str(data)]
    return {
        "start-up floor": [sys.executable, "-c", FLOOR],
        "gaps": [*sc, "gaps", *where],
        "gaps -f json": [*sc, "gaps", "-f", "json", *where],
        "report (html)": [*sc, "report", *where, "-o", str(out / "report.html")],
        "report -f markdown": [*sc, "report", *where, "-f", "markdown", "-o", str(out / "report.md")],
        "report -H, one horizon": [*sc, "report", *where, "-H", "near", "-o", str(out / "near.html")],
        "report --robustness": [*sc, "report", *where, "--robustness", "-o", str(out / "ranks.html")],
    }


def measure(rounds: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="scorecard-report-bench-") as tmp:
        work = Path(tmp)
        data = work / "data"
        data.mkdir()
        for name in ("indicators.yaml", "actions.yaml"):
            shutil.copyfile(REPO / name, data / name)
        env = {**os.environ, "PYTHONPATH": str(REPO), "SCORECARD_CACHE_DIR": str(work / "cache")}
        subprocess.run([sys.executable, "-m", "scorecard", "validate", "--data", str(data)], env=env,
                       capture_output=True, check=True)  # the cache is warm, as after any first run
        found: dict[str, list[float]] = {}
        for _ in range(rounds):
            for name, command in cases(data, work).items():  # interleaved
                start = time.perf_counter()
                done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                found.setdefault(name, []).append(time.perf_counter() - start)
                if done.returncode != 0:
                    sys.exit(f"{name} failed: {done.stderr.decode()[-500:]}")
    return {name: statistics.median(values) for name, values in found.items()}


def profile() -> None:
    from scorecard.load.dataset import load, locate
    from scorecard.report import content, html

    ds = load(locate(None))
    horizons = list(ds.horizons)
    profiler = cProfile.Profile()
    profiler.enable()
    html.render(content.build(ds, horizons, ds.indicators_file.languages[0]))
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="print where one report's time goes")
    args = parser.parse_args()
    if args.profile:
        profile()
        return
    print(f"machine: {machine()}; jinja2 {importlib.metadata.version('jinja2')}")
    print(f"bundled data, warm cache; medians of {args.rounds} interleaved rounds, each case a process\n")
    found = measure(args.rounds)
    floor, gaps = found["start-up floor"], found["gaps"]
    print(f"{'case':26} {'median s':>9} {'× floor':>8} {'beyond gaps':>12}")
    for name, median in found.items():
        print(f"{name:26} {median:9.3f} {median / floor:8.2f} {median - gaps:+11.3f}s")


if __name__ == "__main__":
    main()
