"""How long the commands take, as ratios to a bare `python -c pass` in the same run.

Machines here are shared and noisy, so absolute times mean little; ratios measured
side by side, interleaved, and reduced by the median are comparable between runs.

    python benchmarks/startup.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CASES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "scorecard --help": [sys.executable, "-m", "scorecard", "--help"],
    "scorecard validate": [sys.executable, "-m", "scorecard", "validate"],
    "scorecard gaps": [sys.executable, "-m", "scorecard", "gaps"],
    "scorecard gaps -f json": [sys.executable, "-m", "scorecard", "gaps", "-f", "json"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.rounds):
        for name, cmd in CASES.items():  # interleaved, so load drifts hit every case alike
            start = time.perf_counter()
            subprocess.run(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["python -c pass"])
    print(f"{'command':28} {'median ms':>10} {'× python':>9}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:28} {median * 1000:10.0f} {median / base:9.1f}")


if __name__ == "__main__":
    main()
