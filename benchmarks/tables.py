"""What a table costs: `gaps` as a table in a pipe and on terminals of 80 and 200 columns,
beside `gaps -f json` and the start-up floor, each as a process, in interleaved rounds.

The terminals are pseudo-terminals of that width, so the layout runs as it does for a
person (wrapping, dropping columns, colour). Each run's time is the CPU time of the
process (user and system), which other work on a shared machine disturbs far less than
the time on the clock; every figure is a median, printed as a ratio to the floor measured
in the same rounds (a Python importing pydantic's BaseModel, Rich's Console and Table,
Typer and PyYAML). With --against REV, the same commands run from the code of that git
revision too, in the same rounds, so that two versions compare in one run. The validated
data is cached before the rounds start (warm runs).

    python benchmarks/tables.py [--rounds 15] [--against REV] [--data DIR]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLOOR = ("from pydantic import BaseModel; from rich.console import Console; "
         "from rich.table import Table; import typer, yaml")


def run(command: list[str], env: dict, columns: int | None, cwd: Path | None = None) -> float:
    """CPU seconds the command takes, its stdout a pipe (columns None) or a terminal that wide.
    It runs in `cwd`: a folder with no package in it, so that `-m scorecard` is the one on
    PYTHONPATH (the current folder would come first)."""
    if columns is None:
        process = subprocess.Popen(command, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return _cpu(process, command)
    parent, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    process = subprocess.Popen(command, env={**env, "TERM": "xterm-256color"}, cwd=cwd,
                               stdin=subprocess.DEVNULL, stdout=child, stderr=subprocess.DEVNULL)
    os.close(child)
    try:
        while os.read(parent, 65536):  # read it all, as a terminal would, or the writer blocks
            pass
    except OSError:  # the writer closed its end
        pass
    finally:
        os.close(parent)
    return _cpu(process, command)


def _cpu(process: subprocess.Popen, command: list[str]) -> float:
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed with exit {process.returncode}")
    return usage.ru_utime + usage.ru_stime


def source_of(revision: str, into: Path) -> Path:
    """The package as it was at `revision`, unpacked into a folder of its own."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision, "scorecard"], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--against", metavar="REV", help="also time the code of this git revision")
    parser.add_argument("--data", type=Path, default=REPO, help="the data folder (default: the bundled data)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scorecard-tables-") as tmp:
        cache, empty = Path(tmp) / "cache", Path(tmp) / "run"
        empty.mkdir()
        versions = {"": REPO}
        if args.against:
            (Path(tmp) / "old").mkdir()
            versions[f" @{args.against}"] = source_of(args.against, Path(tmp) / "old")
        cases: dict[str, tuple[list[str], dict, int | None]] = {}
        base_env = {**os.environ, "SCORECARD_CACHE_DIR": str(cache)}
        base_env.pop("NO_COLOR", None)
        cases["start-up floor"] = ([sys.executable, "-c", FLOOR], base_env, None)
        for label, root in versions.items():
            env = {**base_env, "PYTHONPATH": str(root)}
            sc = [sys.executable, "-m", "scorecard"]
            data = ["--data", str(args.data), "--lang", "en"]
            found = subprocess.run([sys.executable, "-c", "import scorecard; print(scorecard.__file__)"], env=env,
                                   cwd=empty, capture_output=True, text=True, check=True).stdout.strip()
            if not Path(found).is_relative_to(root):
                sys.exit(f"the package found is {found}, not the one in {root}")
            subprocess.run([*sc, "validate", *data], env=env, cwd=empty, capture_output=True)  # fill the cache
            cases[f"gaps -f json{label}"] = ([*sc, "gaps", "-f", "json", *data], env, None)
            cases[f"gaps, a pipe{label}"] = ([*sc, "gaps", *data], env, None)
            cases[f"gaps, 80 columns{label}"] = ([*sc, "gaps", *data], env, 80)
            cases[f"gaps, 200 columns{label}"] = ([*sc, "gaps", *data], env, 200)
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.rounds):
            for name, (command, env, columns) in cases.items():  # interleaved: drifts hit all alike
                times[name].append(run(command, env, columns, cwd=empty))
    floor = statistics.median(times["start-up floor"])
    print(f"{args.rounds} interleaved rounds; medians of CPU time; data {args.data}\n")
    print(f"{'command':34} {'CPU s':>9} {'× floor':>8}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:34} {median:9.3f} {median / floor:8.2f}")


if __name__ == "__main__":
    main()
