"""`scorecard show SOURCE-ID`: a reader's map of one source.

Section by section, in the order of the paper, every figure taken from the source and the
indicator it feeds, then the shortfalls, horizons, programmes and actions drawn from it, so that a
reviewer with the paper open can check the data against it in one pass.
"""

from __future__ import annotations

import re

from scorecard.load.dataset import Dataset
from scorecard.render.document import Column, Document, Section, ids
from scorecard.score.targets import plan
from scorecard.views import targets as tv
from scorecard.views.columns import hypothetical
from scorecard.views.labels import pick, table_words, word

_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", 1)}


def _numeral(text: str | None) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20; None or '' → 0."""
    if not text:
        return 0
    if "十" not in text:
        return _DIGITS.get(text, 0)
    tens, _, units = text.partition("十")
    return (_DIGITS.get(tens, 1) if tens else 1) * 10 + _DIGITS.get(units, 0)


_SECTION = re.compile(r"^(?P<top>[一二三四五六七八九十]+)?(?:[(（](?P<sub>[一二三四五六七八九十]+)[)）])?"
                      r"(?P<item>\d+)?\s*(?:注(?P<note>.))?")


def section_key(section: str) -> tuple:
    """Where a section sits in a paper: 一 < 一(一) < 一(二)3 < 二 注① < 二(一); unnumbered
    parts (摘要, 引言) first."""
    m = _SECTION.match(section)
    top = _numeral(m["top"]) if m else 0
    if not m or not (m["top"] or m["sub"]):
        return (0, 0, 0, "", section)
    return (top, _numeral(m["sub"]), int(m["item"] or 0), m["note"] or "", section)


def _cited(citation: str | None, source_id: str) -> str | None:
    """The section of a citation of this source, or None."""
    if not citation:
        return None
    head, _, section = citation.strip().partition(" ")
    return section.strip() if head == source_id else None


def _figures(ds: Dataset, source_id: str, lang: str) -> list[dict]:
    subject = ds.indicators_file.subject
    own = subject.get(lang) if subject else word("subject", lang)
    rows = []
    for order, ind in enumerate(ds.indicators.values()):
        p = plan(ds, ind)
        scored = {id(x) for x in (*p.series, *p.benchmarks)}

        def add(section, role, point=None, peer=None, **extra):
            if role in ("target", "level"):
                use = role
            elif ind.unscored:
                use = "unscored"
            elif id(point) not in scored:
                use = "not_scored"
            else:
                use = "scored" if p.targets else "no_target"
            rows.append({
                "section": section, "indicator": ind.id, "indicator_name": ind.name.get(lang),
                "role": role, "peer": peer,
                "who": ds.peers[peer].name.get(lang) if peer in ds.peers else (peer or own),
                "year": point.year if point is not None else extra.get("year"),
                "value": point.value if point is not None else extra.get("value"),
                "relation": point.bound if point is not None else None,
                "quote": point.quote if point is not None else extra.get("quote"),
                "derived": point.derived if point is not None else None,
                "use": use, "unscored": ind.unscored, "_order": order,
            })

        for o in ind.observations:
            if (section := _cited(o.source, source_id)) is not None:
                add(section, "observation", o)
        for b in ind.benchmarks:
            if (section := _cited(b.source, source_id)) is not None:
                add(section, "benchmark", b, peer=b.peer)
        for h, t in ind.targets.items():
            if (section := _cited(t.source, source_id)) is not None:
                add(section, "target", year=ds.horizons[h].year if h in ds.horizons else None,
                    value=t.value, quote=t.quote)
        level = getattr(ind.rule, "level", None)
        if level is None and ind.rule_name in ds.indicators_file.method.rules:
            level = ds.indicators_file.method.rules[ind.rule_name].level
        if level is not None and (section := _cited(level.source, source_id)) is not None:
            add(section, "level", value=level.value, quote=level.quote)
    return _in_paper_order(rows)


def _in_paper_order(rows: list[dict]) -> list[dict]:
    """Rows by section as the paper runs, in the data's own order within a section."""
    rows.sort(key=lambda r: (section_key(r["section"]), r["_order"]))
    for r in rows:
        del r["_order"]
    return rows


def _others(ds: Dataset, source_id: str, lang: str) -> list[dict]:
    """The shortfalls, horizons, programmes and actions the source gives."""
    rows = []
    items = [("shortfall", s.id, s.name, s.source) for s in ds.shortfalls.values()]
    items += [("indicator", i.id, i.name, i.source) for i in ds.indicators.values() if i.source]
    items += [("horizon", h.id, h.name, h.source) for h in ds.horizons.values()]
    items += [("programme", p.id, p.name, p.source) for p in ds.programmes.values()]
    items += [("action", a.id, a.name, a.source) for a in ds.actions.values()]
    for order, (kind, ident, name, citation) in enumerate(items):
        if (section := _cited(citation, source_id)) is not None:
            rows.append({"section": section, "kind": kind, "id": ident, "name": name.get(lang),
                         "_order": order})
    return _in_paper_order(rows)


def document(ds: Dataset, source_id: str, lang: str) -> Document:
    source = ds.sources[source_id]
    figures = _figures(ds, source_id, lang)
    others = _others(ds, source_id, lang)
    meta = {"id": source.id, "title": source.title.get(lang), "year": source.year,
            "authors": source.authors,
            "indicators": sorted({r["indicator"] for r in figures})}
    sections = [
        Section("figures", word("source_figures", lang), [
            Column("section", word("section", lang)),
            ids("indicator", word("indicator", lang), priority=2),
            Column("who", word("who", lang), priority=3),
            Column("year", word("when", lang), lambda r: "–" if r["year"] is None else str(r["year"])),
            Column("value", word("value", lang), lambda r: tv.figure(r["value"], r["relation"]),
                   numeric=True),
            Column("use", word("use", lang), lambda r: pick("source_use", r["use"], lang), priority=4),
            Column("quote", word("quote", lang), lambda r: r["quote"] or "–", min_width=24),
        ], figures, empty=word("no_figures", lang)),
        Section("cited", word("source_items", lang), [
            Column("section", word("section", lang)),
            Column("kind", word("kind", lang), lambda r: pick("kind", r["kind"], lang)),
            ids("id", word("id", lang)),
            Column("name", word("name", lang), min_width=20),
        ], others, empty="–"),
    ]
    year = f" ({source.year})" if source.year else ""
    title = f"{source.id} · {source.title.get(lang)}{year}"
    notes = [word("note_source_map", lang).format(
        figures=len(figures), indicators=len(meta["indicators"]),
        sections=len({r["section"] for r in figures}))]
    if source.note:
        notes.append(source.note)
    return hypothetical(Document(meta, sections, notes, title, **table_words(lang)), ds, lang)

