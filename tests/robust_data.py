"""Tiny datasets for the robustness tests, each built so its statistics can be worked by hand.

Every indicator has one figure (2021) and one peer figure, horizon `near` is 2025, and the
method varies only what the test names (`vary` below), so each share has a known value.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from scorecard.load.dataset import Location, load

SOURCES = [{"id": "000", "title": {"zh": "甲", "en": "A"}, "year": 2022}]
PEERS = [{"id": "tokyo", "name": {"zh": "东京", "en": "Tokyo"}},
         {"id": "paris", "name": {"zh": "巴黎", "en": "Paris"}}]
HORIZONS = [{"id": "near", "name": {"zh": "近期", "en": "Near term"}, "goal": {"zh": "补短板", "en": "Fix"},
             "source": "000 三", "year": 2025, "year_reason": "example"}]


def indicator(ident: str, shortfall: str, x: float, *, peer: float | None = None, target: float | None = None,
              floor: float | None = None, rule: str | None = None, peers: dict | None = None) -> dict:
    """A count with Shanghai's figure x (2021), a peer figure, and a stated target or a rule."""
    out: dict = {"id": ident, "name": {"zh": ident, "en": ident}, "unit": {"zh": "家", "en": "firms"},
                 "kind": "count", "shortfalls": [shortfall],
                 "observations": [{"year": 2021, "value": x, "source": "000 一"}]}
    figures = dict(peers or {})
    if peer is not None:
        figures["tokyo"] = peer
    out["benchmarks"] = [{"peer": p, "year": 2021, "value": v, "source": "000 一"} for p, v in figures.items()]
    if target is not None:
        out["targets"] = {"near": {"value": target, "basis": "stated", "source": "000 一", "reason": "example"}}
    if floor is not None:
        out |= {"floor": floor, "floor_reason": "example"}
    if rule is not None:
        out["rule"] = rule
    return out


def write(folder: Path, indicators: list[dict], vary: dict, rules: dict | None = None, **method):
    """Both files for `indicators`; one shortfall per distinct shortfall id, one action each;
    `method` adds keys to the method block."""
    shortfalls = list(dict.fromkeys(s for i in indicators for s in i["shortfalls"]))
    method = {"base_year": 2021, "vary": vary, "rules": rules or {}, **method}
    doc = {"method": method, "sources": SOURCES, "peers": PEERS,
           "shortfalls": [{"id": s, "source": "000 二", "name": {"zh": s, "en": s}, "gap": {"zh": "弱", "en": "weak"}}
                          for s in shortfalls],
           "indicators": indicators}
    actions = {"horizons": HORIZONS,
               "programmes": [{"id": "p", "name": {"zh": "计划", "en": "Programme"}, "source": "000 四"}],
               "actions": [{"id": f"A-{s}", "name": {"zh": s, "en": s}, "programme": "p", "source": "000 四",
                            "measures": {"zh": "示例", "en": "example"},
                            "shortfalls": [{"id": s, "reason": "example"}],
                            "indicators": [i["id"] for i in indicators if s in i["shortfalls"]]}
                           for s in shortfalls]}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "indicators.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "actions.yaml").write_text(yaml.safe_dump(actions, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def dataset(folder: Path, indicators: list[dict], vary: dict, rules: dict | None = None, **method):
    return load(Location(write(folder, indicators, vary, rules, **method), "option"))


ONLY_FLOORS = {"weights": 0, "bands": 0, "floors": ["natural", "worst"]}
CATCH_UP = {"catch-up": {"formula": "close_gap", "reference": "best_peer", "fractions": {"near": "1/3"},
                         "vary": {"fractions": {"near": ["1/4", "1/2"]}}}}


def flip(folder: Path):
    """Two indicators whose order flips with the floor, drawn natural or worst with equal odds.

    a: 10 against a stated 20, its peer at 9. Natural floor 0: 50 (gap 50). Worst floor, the
       peer's 9: 100 · 1/11 = 9.1 (gap 90.9).
    b: 6 against a stated 20, its peer at 2. Natural: 30 (gap 70). Worst floor 2:
       100 · 4/18 = 22.2 (gap 77.8).
    Declared (natural): b first, a second; with worst floors a first, b second.
    """
    return dataset(folder, [indicator("a", "sa", 10, peer=9, target=20),
                            indicator("b", "sb", 6, peer=2, target=20)], ONLY_FLOORS)
