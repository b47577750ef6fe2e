"""The report's back matter: the action plans by priority, the blind spots, where the sources
disagree, every assumption the scores rest on, and the sources with the sections cited."""

from __future__ import annotations

from collections import defaultdict

from scorecard.load.dataset import Dataset
from scorecard.numbers import number
from scorecard.report.parts import Block, Table
from scorecard.score.card import Scorecard, figures
from scorecard.score.targets import Plan
from scorecard.views import targets as tv
from scorecard.views.labels import pick, word
from scorecard.views.sources import section_key


def blocks(ds: Dataset, cards: dict[str, Scorecard], plan_of: dict[str, Plan], lang: str) -> tuple[Block, ...]:
    lead = next(iter(cards.values()))
    return (actions(ds, cards, lang), blind_spots(ds, lead, lang), conflicts(ds, plan_of, lang),
            assumptions(ds, plan_of, list(cards), lang), sources(ds, lang))


def actions(ds: Dataset, cards: dict[str, Scorecard], lang: str) -> Block:
    """Every action plan, ranked by its priority at the first horizon shown."""
    lead = next(iter(cards.values()))
    priority = {h: {a.action.id: a.priority for a in c.actions} for h, c in cards.items()}
    rows, anchors = [], []
    for a in lead.actions:
        act = a.action
        rows.append((number(a.rank), act.id, act.name.get(lang), act.programme,
                     ", ".join(x.id for x in act.shortfalls),
                     *(number(priority[h][act.id], 1) for h in cards), pick("state", act.status.state, lang)))
        anchors.append(f"action-{act.id}")
    heads = [word("report.priority_at", lang, horizon=c.horizon.name.get(lang), year=c.horizon.year)
             for c in cards.values()]
    table = Table((word("rank", lang), word("id", lang), word("action", lang), word("programme", lang),
                   word("shortfalls", lang), *heads, word("state", lang)), tuple(rows),
                  frozenset({0, *range(5, 5 + len(cards))}), tuple(anchors), frozenset({1}))
    programmes = word("list_separator", lang).join(f"{p.id}: {p.name.get(lang)}"
                                                   for p in ds.programmes.values())
    return Block(word("report.w.actions", lang), "actions",
                 paragraphs=(word("note_priority", lang),
                             word("report.programmes", lang, programmes=programmes)),
                 tables=(("", table),))


def blind_spots(ds: Dataset, card: Scorecard, lang: str) -> Block:
    b = card.blind_spots
    rows = [(pick("blind", "shortfall_without_action", lang), i, ds.shortfalls[i].name.get(lang))
            for i in b.shortfalls_without_action]
    rows += [(pick("blind", "action_without_indicator", lang), i, ds.actions[i].name.get(lang))
             for i in b.actions_without_indicator]
    rows += [(pick("blind", "indicator_without_action", lang), i, ds.indicators[i].name.get(lang))
             for i in b.indicators_without_action]
    table = Table((word("kind", lang), word("id", lang), word("name", lang)), tuple(rows), keep=frozenset({1}))
    return Block(word("blind_spots", lang), "blind-spots", paragraphs=(word("report.blind_intro", lang),),
                 tables=(("", table),) if rows else (), empty=word("no_blind_spots", lang))


def conflicts(ds: Dataset, plan_of: dict[str, Plan], lang: str) -> Block:
    """Each figure the sources disagree on, which one is scored, and the data's reason."""
    subject = ds.indicators_file.subject
    own = subject.get(lang) if subject else word("report.subject", lang)
    rows, notes = [], []
    for p in plan_of.values():
        if not p.conflict:
            continue
        observed, compared = figures(p)
        for f in (*observed, *compared):
            if f.conflict:
                peer = getattr(f.point, "peer", None)
                rows.append((p.indicator.name.get(lang), ds.peers[peer].name.get(lang) if peer else own,
                             str(f.point.year), f.point.source, tv.figure(f.point.value, f.point.bound),
                             word("report.scored", lang) if f.scored else ""))
        if p.indicator.conflict_note:
            notes.append(f"{p.indicator.name.get(lang)}: {p.indicator.conflict_note}")
    table = Table((word("indicator", lang), word("who", lang), word("when", lang), word("source", lang),
                   word("value", lang), word("report.w.scored", lang)), tuple(rows), frozenset({2, 4}))
    return Block(word("report.w.conflicts", lang), "conflicts", tables=(("", table),) if rows else (),
                 items=tuple(notes), empty=word("report.no_conflicts", lang))


def assumptions(ds: Dataset, plan_of: dict[str, Plan], horizons: list[str], lang: str) -> Block:
    """Every choice the scores at `horizons` rest on that is not a figure the sources give."""
    method = ds.indicators_file.method
    sep = word("list_separator", lang)
    paragraphs = [word("note_bands", lang, challenges_remain=number(method.bands.challenges_remain),
                       moderate_challenges=number(method.bands.moderate_challenges),
                       significant_challenges=number(method.bands.significant_challenges),
                       coverage=f"{method.coverage:.0%}"),
                  word("report.a.coverage", lang, coverage=f"{method.coverage:.0%}")]
    if method.base_year is not None:
        paragraphs.append(word("report.a.base_year", lang, year=method.base_year))
    if method.source_priority == "newest":
        paragraphs.append(word("report.a.newest", lang))
    else:
        paragraphs.append(word("report.a.priority", lang, sources=sep.join(method.source_priority)))
    weighed = [f"{i.name.get(lang)} ×{number(i.weight)}" for i in ds.indicators.values() if i.weight != 1]
    paragraphs.append(word("report.a.weights", lang, weights=sep.join(weighed)) if weighed
                      else word("report.a.equal", lang))
    tables = [(word("report.a.years", lang), Table(
        (word("horizon", lang), word("year", lang), word("basis", lang), word("why", lang)),
        tuple((h.name.get(lang), str(h.year), word(f"report.year.{h.year_basis}", lang),
               h.year_reason or h.source or "") for h in (ds.horizons[i] for i in horizons)), frozenset({1})))]
    using = defaultdict(int)
    for i in ds.indicators.values():
        if i.rule_name:
            using[i.rule_name] += 1
    if method.rules:
        tables.append((word("report.a.rules", lang), Table(
            (word("rule", lang), word("report.a.how", lang), word("report.a.used_by", lang)),
            tuple((name, _rule(rule, ds, horizons, lang), str(using[name]))
                  for name, rule in method.rules.items()),
            frozenset({2}))))
    written = [(i.name.get(lang), ds.horizons[h].name.get(lang), number(t.value), t.reason)
               for i in ds.indicators.values() for h, t in i.targets.items()
               if t.basis == "assumption" and h in horizons]
    if written:
        tables.append((word("report.a.written", lang), Table(
            (word("indicator", lang), word("horizon", lang), word("target", lang), word("why", lang)),
            tuple(written), frozenset({2}))))
    floors = [(p.indicator.name.get(lang), number(p.floor),
               p.indicator.floor_reason or "" if p.floor_basis == "stated" else word("report.a.worst", lang))
              for p in plan_of.values() if p.floor_basis in ("stated", "worst")]
    if floors:
        tables.append((word("report.a.floors", lang), Table(
            (word("indicator", lang), word("report.a.floor", lang), word("why", lang)), tuple(floors),
            frozenset({1}))))
    subject = ds.indicators_file.subject
    own = subject.get(lang) if subject else word("report.subject", lang)
    derived = [(i.name.get(lang), ds.peers[x.peer].name.get(lang) if getattr(x, "peer", None) else own,
                str(x.year), tv.figure(x.value, x.bound), x.derived)
               for i in ds.indicators.values() if not i.unscored
               for x in (*i.observations, *i.benchmarks) if x.derived]
    if derived:
        tables.append((word("report.a.derived", lang), Table(
            (word("indicator", lang), word("who", lang), word("when", lang), word("value", lang),
             word("derived", lang)), tuple(derived), frozenset({2, 3}))))
    unscored = [(i.name.get(lang), ", ".join(i.shortfalls), i.unscored)
                for i in ds.indicators.values() if i.unscored]
    if unscored:
        tables.append((word("report.a.unscored", lang), Table(
            (word("indicator", lang), word("shortfalls", lang), word("why", lang)), tuple(unscored))))
    return Block(word("report.w.assumptions", lang), "assumptions", paragraphs=tuple(paragraphs),
                 tables=tuple(tables))


def _rule(rule, ds: Dataset, horizons: list[str], lang: str) -> str:
    """A rule in words: what it closes the gap to, by how much at each horizon."""
    if rule.formula == "trend":
        return word("report.rule.trend", lang)
    kind = rule.reference or "best_peer"
    if kind == "level" and rule.level is not None:
        reference = word("report.ref.level", lang, value=number(rule.level.value), source=rule.level.source)
    elif kind == "ideal":
        reach = tv.fraction(rule.reach if rule.reach is not None else 1.0)
        reference = word("report.ref.ideal", lang, reach=reach)
    else:
        reference = word(f"report.ref.{kind}", lang, k=rule.k or 3)
    steps = word("list_separator", lang).join(
        word("report.rule.by", lang, fraction=word("target.whole", lang) if f == 1 else tv.fraction(f),
             horizon=ds.horizons[h].name.get(lang))
        for h, f in (rule.fractions or {}).items() if h in horizons)
    return word("report.rule.close_gap", lang, reference=reference, steps=steps or "–")


def sources(ds: Dataset, lang: str) -> Block:
    """Each source with the sections the data cites, in the order of the paper."""
    cited: dict[str, set[str]] = defaultdict(set)
    for citation in _citations(ds):
        head, _, section = citation.strip().partition(" ")
        if head in ds.sources and section.strip():
            cited[head].add(section.strip())
    items = []
    for s in ds.sources.values():
        year = f" ({s.year})" if s.year else ""
        authors = f" · {s.authors}" if s.authors else ""
        sections = word("list_separator", lang).join(sorted(cited[s.id], key=section_key)) or "–"
        items.append(word("report.source", lang, id=s.id, title=s.title.get(lang), year=year, authors=authors,
                          sections=sections))
    return Block(word("report.w.sources", lang), "sources", items=tuple(items))


def _citations(ds: Dataset):
    for s in ds.shortfalls.values():
        yield s.source
    for i in ds.indicators.values():
        if i.source:
            yield i.source
        for x in (*i.observations, *i.benchmarks):
            yield x.source
        for t in i.targets.values():
            if t.source:
                yield t.source
        level = getattr(i.rule, "level", None)
        if level is not None:
            yield level.source
    for rule in ds.indicators_file.method.rules.values():
        if rule.level is not None:
            yield rule.level.source
    for h in ds.horizons.values():
        if h.source:
            yield h.source
    for p in ds.programmes.values():
        yield p.source
    for a in ds.actions.values():
        yield a.source
        if a.status.source:
            yield a.status.source
