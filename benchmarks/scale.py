"""How the commands grow with the data: 100, 1,000 and 10,000 indicators.

Each dataset is the bundled data with its indicators and actions repeated under
numbered ids (`enterprises`, `enterprises-2`, …; an action of copy k names the
indicators of copy k), so the layout, comments and figures are the bundled
ones; sources, peers, shortfalls, horizons and programmes stay as they are.
Every time is a median of interleaved rounds, printed as a ratio to two
yardsticks measured in the same run:

- the start-up floor: a Python that imports what every command must
  (pydantic's BaseModel, Rich's Console and Table, Typer, PyYAML);
- `json.loads` of the same data: a Python that reads both files' content
  saved as JSON and decodes it.

`import sheets` reads the data's own sheets (`export --sheets`) back into a copy: every
row is planned and checked, nothing is written. `warm` runs find the validated model in the cache (a previous run of the same
files put it there); `cold` runs start with an empty cache.

    python benchmarks/scale.py [--sizes 100 1000 10000] [--rounds 5]
    python benchmarks/scale.py --write DIR --sizes 1000   # keep a dataset to profile
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
FLOOR = ("from pydantic import BaseModel; from rich.console import Console; "
         "from rich.table import Table; import typer, yaml")
_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*:", re.M)
_ID = re.compile(r"^(\s*- id: )(\"?)([^\s\"]+)(\"?)", re.M)
_REFS = re.compile(r"^(\s+indicators: )\[(.*)\]", re.M)
# The caps a user raises for a dataset this large.
LIMITS = {"SCORECARD_MAX_BYTES": str(1 << 30), "SCORECARD_MAX_VALUES": str(10**8)}


def _sections(text: str) -> list[tuple[str, str]]:
    """(top-level key, its text) in file order; the text before the first key is ''."""
    starts = [m.start() for m in _TOP_KEY.finditer(text)]
    out = [("", text[: starts[0] if starts else len(text)])]
    for a, b in zip(starts, [*starts[1:], len(text)]):
        out.append((text[a:text.index(":", a)], text[a:b]))
    return out


def _items(section: str) -> tuple[str, list[str]]:
    """A list section → its head (the key line and any comments) and its items' text."""
    first = re.search(r"^(\s*)- ", section, re.M)
    dash = re.compile(rf"^{re.escape(first.group(1))}- ", re.M)
    starts = [m.start() for m in dash.finditer(section)]
    return section[: starts[0]], [section[a:b] for a, b in zip(starts, [*starts[1:], len(section)])]


def _copy_id(name: str, k: int) -> str:
    return name if k == 0 else f"{name}-{k + 1}"


def _renamed(item: str, k: int) -> str:
    return _ID.sub(lambda m: m.group(1) + m.group(2) + _copy_id(m.group(3), k) + m.group(4), item, 1)


def generate(n: int, into: Path, source: Path = REPO) -> Path:
    """The bundled data with n indicators (and its actions in proportion) in `into`."""
    into.mkdir(parents=True, exist_ok=True)
    ind_parts = _sections((source / "indicators.yaml").read_text(encoding="utf-8"))
    act_parts = _sections((source / "actions.yaml").read_text(encoding="utf-8"))
    head, items = _items(dict(ind_parts)["indicators"])
    copies = -(-n // len(items))
    made = [_renamed(item, k) for k in range(copies) for item in items][:n]
    ids = {_ID.search(item).group(3) for item in made}
    out = "".join(head + "".join(made) if key == "indicators" else part for key, part in ind_parts)
    (into / "indicators.yaml").write_text(out, encoding="utf-8")

    head, actions = _items(dict(act_parts)["actions"])

    def refs(k):
        def one(m):
            names = [_copy_id(x.strip(), k) for x in m.group(2).split(",") if x.strip()]
            return m.group(1) + "[" + ", ".join(x for x in names if x in ids) + "]"
        return one

    made = [_REFS.sub(refs(k), _renamed(item, k)) for k in range(copies) for item in actions]
    out = "".join(head + "".join(made) if key == "actions" else part for key, part in act_parts)
    (into / "actions.yaml").write_text(out, encoding="utf-8")
    return into


def as_json(folder: Path, target: Path) -> Path:
    """Both files' data as one JSON file: what json.loads is timed on."""
    from scorecard.load import yamltree

    data = [yamltree.parse((folder / name).read_bytes(), Path(name)).data
            for name in ("indicators.yaml", "actions.yaml")]
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return target


def _first_observation(folder: Path) -> tuple[str, int, float]:
    from scorecard.load.dataset import Location, load

    ds = load(Location(folder, "option"))
    ind = next(i for i in ds.indicators.values() if i.observations)
    return ind.id, ind.observations[-1].year, ind.observations[-1].value


class Bench:
    """The commands at one size, run in interleaved rounds."""

    def __init__(self, name: str, folder: Path, work: Path):
        self.name, self.folder, self.work = name, folder, work
        self.warm = work / "warm-cache"
        self.copy = work / "set-data"
        shutil.copytree(folder, self.copy)
        self.json = as_json(folder, work / "data.json")
        self.indicator, self.year, value = _first_observation(folder)
        self.values = [value, value + 1]
        self.turn = 0
        self.sheets = work / "sheets"  # the data as sheets: importing them into the copy changes nothing

    def env(self, cache: Path | str) -> dict:
        return {**os.environ, "PYTHONPATH": str(REPO), "SCORECARD_CACHE_DIR": str(cache)}

    def cases(self) -> dict:
        py, sc = sys.executable, [sys.executable, "-m", "scorecard"]
        data = ["--data", str(self.folder)]
        return {
            "start-up floor": lambda: ([py, "-c", FLOOR], self.warm),
            "json.loads": lambda: ([py, "-c", "import json, sys; json.loads(open(sys.argv[1], 'rb').read())",
                                    str(self.json)], self.warm),
            "validate, cold": lambda: ([*sc, "validate", *data], self._fresh()),
            "validate, warm": lambda: ([*sc, "validate", *data], self.warm),
            "gaps -f json, cold": lambda: ([*sc, "gaps", "-f", "json", *data], self._fresh()),
            "gaps -f json, warm": lambda: ([*sc, "gaps", "-f", "json", *data], self.warm),
            "gaps (table), warm": lambda: ([*sc, "gaps", *data], self.warm),
            "set, cold": lambda: (self._set(), self._fresh()),
            "set, warm": lambda: (self._set(), self.warm),
            "export --sheets, warm": lambda: ([*sc, "export", "--sheets", str(self.work / "out"), *data], self.warm),
            "import sheets (no change), warm": lambda: ([*sc, "import", str(self.sheets), "--data", str(self.copy),
                                                         "-f", "json"], self.warm),
        }

    def _fresh(self) -> Path:
        return Path(tempfile.mkdtemp(dir=self.work, prefix="cold-"))

    def _set(self) -> list[str]:
        self.turn += 1
        value = self.values[self.turn % 2]
        return [sys.executable, "-m", "scorecard", "set", self.indicator, repr(value), "--year",
                str(self.year), "--data", str(self.copy), "-f", "json"]

    def prepare(self) -> None:
        """Fill the warm cache: the data as it is, and the copy that set updates."""
        for folder in (self.folder, self.copy):
            subprocess.run([sys.executable, "-m", "scorecard", "validate", "--data", str(folder)],
                           env=self.env(self.warm), capture_output=True, check=True)
        subprocess.run([sys.executable, "-m", "scorecard", "export", "--sheets", str(self.sheets), "--data",
                        str(self.folder)], env=self.env(self.warm), capture_output=True, check=True)

    def run(self, rounds: int) -> dict[str, float]:
        times: dict[str, list[float]] = {name: [] for name in self.cases()}
        self.prepare()
        for _ in range(rounds):
            for name, case in self.cases().items():  # interleaved: load drifts hit every case alike
                command, cache = case()
                start = time.perf_counter()
                done = subprocess.run(command, env=self.env(cache), stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE)
                times[name].append(time.perf_counter() - start)
                if done.returncode != 0:
                    sys.exit(f"{self.name}: {name} failed: {done.stderr.decode()[-500:]}")
                if cache != self.warm:
                    shutil.rmtree(cache, ignore_errors=True)
        return {name: statistics.median(values) for name, values in times.items()}


def machine() -> str:
    import importlib.metadata as m

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(f"{p} {m.version(p)}" for p in ("typer", "rich", "pydantic", "pyyaml"))
    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; {versions}; {time.strftime('%Y-%m-%d')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["bundled", "100", "1000", "10000"],
                        help="'bundled' (the data as shipped) and numbers of indicators")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", type=Path, help="write the datasets here and stop")
    args = parser.parse_args()
    os.environ.update(LIMITS)  # for the data read here too
    if args.write:
        for size in args.sizes:
            if size != "bundled":
                generate(int(size), args.write / f"indicators-{size}")
        return
    print(f"machine: {machine()}")
    print(f"{args.rounds} interleaved rounds per size; medians; ratios to the floor and to json.loads "
          "of the same data, both timed as processes in the same rounds\n")
    print(f"{'data':>10} {'command':22} {'median s':>9} {'× floor':>8} {'× json.loads':>13}")
    with tempfile.TemporaryDirectory(prefix="scorecard-bench-") as tmp:
        for size in args.sizes:
            work = Path(tmp) / size
            work.mkdir()
            folder = work / "data"
            if size == "bundled":
                folder.mkdir()
                for name in ("indicators.yaml", "actions.yaml"):
                    shutil.copyfile(REPO / name, folder / name)
            else:
                generate(int(size), folder)
            found = Bench(size, folder, work).run(args.rounds)
            floor, loads = found["start-up floor"], found["json.loads"]
            for name, median in found.items():
                print(f"{size:>10} {name:22} {median:9.3f} {median / floor:8.2f} {median / loads:13.2f}")
            print(flush=True)


if __name__ == "__main__":
    main()
