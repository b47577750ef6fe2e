"""The closed lists the data chooses from, each said once with what it means.

The schema (`model.py`) takes its allowed values from here, `set --peer-kind`
offers the peer kinds, and the tests hold `docs/data-format.md` to these lists.
Standard library only: the command line reads it without loading the model.
"""

from __future__ import annotations

PEER_KINDS = ("city", "region", "exchange", "port", "airport", "country", "other")

# Target rules: each formula, the target it sets at horizon h (x: the subject's figure as of
# the base year, Yₕ: the horizon's year), and the parameters it reads.
FORMULAS = {
    "close_gap": ("x + fₕ · (R − x): a fraction fₕ of the gap to a reference R by each horizon",
                  ("reference", "fractions", "k", "level", "ideal", "reach")),
    "trend": ("x + r · (Yₕ − t): the subject's average yearly change carried on to the horizon's year",
              ()),
}

# The references a close_gap rule may close the gap to.
REFERENCES = {
    "best_peer": "the best of the peers' latest figures as of the base year",
    "best_mean": "the mean of the k best of those (SDR's average of the top performers)",
    "peer_median": "their median",
    "level": "a level stated in the data, with its source",
    "ideal": "reach of the way from x to the quantity's ideal end",
}

YEAR_BASES = ("stated", "assumption")
