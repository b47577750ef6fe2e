"""An empty dataset's text, for `scorecard new`: the subject, languages and horizons given, every
list empty, and under each a commented example entry of its kind.

The examples are comments, so the data holds nothing but what was given; they show the keys an
entry takes, in the data's own languages and horizons, for whoever fills the files by hand.
Filled from sheets instead (`scorecard import`), new entries go under each list's key, above
its example.
"""

from __future__ import annotations

from scorecard.edit.text import flow, scalar
from scorecard.load import draft7


def _label(texts: dict[str, str], languages: list[str]) -> str:
    """A label as the data writes it: plain text in a one-language dataset."""
    if len(languages) == 1:
        return scalar(texts[languages[0]])
    return flow({lang: texts[lang] for lang in languages})


def _example(languages: list[str], **texts: str) -> str:
    """An example label: English words where the data speaks English (else in its first
    language), … in the others."""
    words = "en" if "en" in languages else languages[0]
    return _label({lang: texts["en"] if lang == words else "…" for lang in languages}, languages)


def _fractions(horizons: list[tuple[str, int]]) -> str:
    n = len(horizons)
    return "{" + ", ".join(f"{h}: {k}/{n}" if k < n else f"{h}: 1"
                           for k, (h, _) in enumerate(horizons, start=1)) + "}"


def indicators(subject: str, languages: list[str], horizons: list[tuple[str, int]]) -> str:
    """`indicators.yaml` of an empty dataset."""
    ex = lambda en: _example(languages, en=en)  # noqa: E731
    last = horizons[-1][0]
    return "\n".join([
        draft7.modeline("indicators"),
        "# What is measured, the figures and how they are scored (docs/data-format.md). Fill it from",
        "# sheets (`scorecard export --template sheets sheets`, then `scorecard import sheets`) or by",
        "# hand after the commented example under each list.",
        f"subject: {_label({lang: subject for lang in languages}, languages)}",
        f"languages: [{', '.join(languages)}]",
        "",
        "# method:                  # the choices the scores rest on; each has a default (docs/data-format.md)",
        "#   base_year: 2024        # the year a target rule computes its targets as of",
        "#   rules:                 # assumed targets, computed; a targets sheet's basis names the rule",
        "#     catch-up:",
        "#       formula: close_gap # close a share of the gap to the best peer by each horizon",
        "#       reference: best_peer",
        f"#       fractions: {_fractions(horizons)}",
        "",
        "sources: []",
        "  # - id: plan",
        f"  #   title: {ex('The strategy')}",
        "  #   year: 2024",
        "  #   link: \"https://example.org/strategy.pdf\"",
        "",
        "peers: []",
        f"  # - {{id: rivertown, name: {ex('Rivertown')}, kind: city}}   # city, region, exchange, port, "
        "airport, country or other",
        "",
        "shortfalls: []",
        "  # - id: skills",
        "  #   source: \"plan 2.1\"     # '<source id> <section>'",
        f"  #   name: {ex('Digital skills')}",
        f"  #   gap: {ex('Too few people with basic digital skills')}",
        "",
        "indicators: []",
        "  # - id: basic-skills",
        f"  #   name: {ex('Adults with basic digital skills')}",
        f"  #   unit: {ex('%')}",
        f"  #   definition: {ex('Share of people aged 16-74 with at least basic skills')}",
        "  #   source: \"plan annex A\"",
        "  #   kind: share             # count | share | amount | ratio | rank | index",
        "  #   direction: higher       # or lower, with its floor: the value that scores 0",
        "  #   shortfalls: [skills]",
        "  #   observations:           # the subject's figures; a bound: relation: \">\"",
        "  #     - {year: 2023, value: 54, source: \"stats-2024 table 3\", quote: \"54 %\"}",
        "  #   benchmarks:             # the peers' figures",
        "  #     - {peer: rivertown, year: 2023, value: 71, source: \"stats-2024 table 3\", quote: \"71 %\"}",
        "  #   targets:                # by horizon id; or `rule: catch-up` for computed ones",
        f"  #     {last}: {{value: 80, basis: stated, source: \"plan 3.2\", quote: \"80 % by then\", "
        "reason: \"the plan's own goal\"}",
        "",
    ])


def actions(languages: list[str], horizons: list[tuple[str, int]]) -> str:
    """`actions.yaml` of an empty dataset, with the horizons given."""
    ex = lambda en: _example(languages, en=en)  # noqa: E731
    lines = [
        draft7.modeline("actions"),
        "# The horizons, the programmes and the actions meant to close the gaps (docs/data-format.md).",
        "# A horizon's year is `stated` (the strategy gives it) or an `assumption` with its `year_reason`.",
        "horizons:",
    ]
    for h, year in horizons:
        lines += [f"  - id: {scalar(h)}",
                  f"    name: {_label({lang: h for lang in languages}, languages)}",
                  f"    year: {year}",
                  "    year_basis: stated"]
    lines += [
        "  # Each horizon may also give its goal statement, and where it comes from:",
        f"  #   goal: {ex('What the strategy means to reach by then')}",
        "  #   source: \"plan 1.2\"",
        "",
        "programmes: []",
        f"  # - {{id: infrastructure, name: {ex('Infrastructure')}, source: \"plan 4\", "
        f"summary: {ex('Networks and platforms')}}}",
        "",
        "actions: []",
        "  # - id: M1",
        f"  #   name: {ex('Digital skills for every school')}",
        "  #   programme: infrastructure",
        "  #   source: \"plan 4.1\"",
        f"  #   measures: {ex('Teacher training and devices')}",
        "  #   shortfalls:             # what it addresses, each with a reason",
        "  #     - {id: skills, reason: \"trains the teachers who teach the skills\"}",
        "  #   indicators:             # what would show its effect",
        "  #     - {id: basic-skills, reason: \"more pupils leave school with the skills\"}",
        "  #   status: {state: planned}   # unknown, planned, under_way, done or stalled",
        "",
    ]
    return "\n".join(lines)
