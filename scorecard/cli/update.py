"""`scorecard set` and `scorecard diff`: the yearly update loop (registered in `cli.app`).

Only typer and the standard library at the top: the editing and scoring stack
is imported inside the commands, so `scorecard --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from scorecard.cli import output
from scorecard.cli.common import check_id, language, load, where
from scorecard.cli.options import (ColumnsOpt, DataOpt, Format, FormatOpt, LangOpt, LimitOpt, OneHorizon,
                                   OutputOpt, PeerKind, PeerKindOpt, ScenarioOpt)


def set_(
    item: Annotated[str, typer.Argument(metavar="ID", help="The indicator to update.")],
    value: Annotated[Optional[str], typer.Argument(
        metavar="VALUE", help="The figure, a plain number such as 12.5 (none with --remove).")] = None,
    year: Annotated[Optional[int], typer.Option(
        "--year", "-y", help="The year the figure is for.  [required]")] = None,
    source: Annotated[Optional[str], typer.Option(
        "--source", metavar="TEXT",
        help="Where the figure comes from: '<source id> <section>', e.g. 'stats-2024 table 3'. Required "
        "when adding a figure; when replacing one it may be left out, and the entry keeps its "
        "source. When a year has figures from several sources, the source id picks which one.",
    )] = None,
    source_title: Annotated[Optional[str], typer.Option(
        "--source-title", metavar="TITLE", help="The title of a publication not yet in sources:, "
        "which is then added with the id --source names (the title serves in every language).",
    )] = None,
    source_year: Annotated[Optional[int], typer.Option(
        "--source-year", metavar="YEAR", help="The year that new publication came out. Default: this "
        "year (the newest source's figure is the one scored).",
    )] = None,
    quote: Annotated[Optional[str], typer.Option(
        "--quote", metavar="WORDS", help="The words in the source that give the figure.")] = None,
    relation: Annotated[Optional[str], typer.Option(
        "--relation", metavar="REL", help="When the words give a bound or an approximation: <, <=, >, "
        ">=, ~ (or ≤, ≥, ≈); = for an exact figure.")] = None,
    note: Annotated[Optional[str], typer.Option("--note", metavar="TEXT", help="Anything else.")] = None,
    scored: Annotated[bool, typer.Option(
        "--scored", help="Score this figure where sources give different values for the year "
        "(writes `scored: true`; by default the newest source's is scored).")] = False,
    remove: Annotated[bool, typer.Option(
        "--remove", help="Take the figure for the year (and peer, and source) out: a figure "
        "recorded by mistake. Give no VALUE.")] = False,
    peer: Annotated[Optional[str], typer.Option(
        "--peer", metavar="NAME", help="Update a peer's benchmark instead of the subject's series "
        "(the peer's id, or its name in any of the data's languages).",
    )] = None,
    new_peer: Annotated[bool, typer.Option(
        "--new-peer", help="Add the peer to peers: when it is not there yet, of the kind --peer-kind "
        "gives (its name serves in every language; its id is made from the name).",
    )] = False,
    peer_kind: PeerKindOpt = PeerKind.city,
    horizon: OneHorizon = None,
    data: DataOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
) -> None:
    """Add, replace or remove one figure in indicators.yaml, then show what it changed.

    The same year (and peer) replaces the existing figure, anything else adds one; a source not
    yet in sources: is added when --source-title gives its title. The whole dataset is
    validated with the change before the file is written, atomically and under a lock; only
    the lines that must change are changed, and comments and layout are kept. A negative
    VALUE is typed as it is: `scorecard set ID -3.5 --year 2024`.
    """
    from scorecard.edit import update

    if year is None:  # required; checked here, as the oldest typer supported takes `...` for a default
        raise output.fail("scorecard: give the year the figure is for: --year YEAR", 2)
    if new_peer and peer is None:
        raise output.fail("scorecard: --new-peer goes with --peer NAME (the peer to add)", 2)
    found = writable(data)
    try:
        request = update.Request.parse(
            item, value, year, source, peer, new_peer, peer_kind.value, relation=relation, quote=quote,
            note=note, scored=scored, source_title=source_title, source_year=source_year, remove=remove)
    except update.Refused as err:
        raise output.fail(f"scorecard: {err.message}", err.code) from None
    done = write(lambda: update.apply(found, request))
    _tell(done)
    tell_batch(done)
    output.data(_set_report(done, horizon, language(done.after, lang, strict=False)), fmt.value)


def writable(data):
    """The data folder an update writes to: said when not named, refused when it is the bundled data."""
    found = where(data)
    _refuse_bundled(found)
    if found.origin == "cwd":
        output.say(f"scorecard: updating {found.indicators}")
    return found


def write(make):
    """Run an update; a refusal or data that is already invalid ends the command."""
    from scorecard.edit import update
    from scorecard.findings import DataError

    try:
        return make()
    except update.Refused as err:
        raise output.fail(f"scorecard: {err.message}", err.code, err.findings) from None
    except DataError as err:
        raise output.fail("scorecard: the data has errors; fix them first (nothing was written)",
                          found=err.findings) from None


def tell_batch(done) -> None:
    """An update's notes (a source or peer added, which figure of a year is scored) and the
    warnings it brought."""
    for note in done.notes:
        output.say(f"scorecard: note: {note}")
    output.findings(done.warnings)


def _base(base: Optional[str], location):
    """What to compare with: a folder when one exists by that name, else a git
    revision (HEAD when none is given), said on stderr. A file named HEAD in the
    current folder is not a reason to refuse `scorecard diff`."""
    from scorecard.edit import history
    from scorecard.load.dataset import Location
    from scorecard.load.dataset import load as load_dataset

    if base is not None and Path(base).is_dir():
        also = history.is_revision(location, base)
        output.say(f"scorecard: comparing with the data folder {base}"
                   + (f" ({base!r} also names a git revision: write {base}~0 for it)" if also else ""))
        return load_dataset(Location(Path(base), "option")), base
    rev = base or "HEAD"
    if base is not None and Path(base).exists() and not history.is_revision(location, rev):
        raise output.fail(f"scorecard: {base} is a file; give the folder that holds "
                          "indicators.yaml and actions.yaml, or a git revision", 2)
    output.say(f"scorecard: comparing with git revision {rev}")
    return history.at_revision(location, rev), rev


def _refuse_bundled(where) -> None:
    """Run from the wrong folder, `set` would otherwise edit the bundled data: say so instead."""
    if where.origin == "bundled":
        raise output.fail(
            "scorecard: no indicators.yaml in the current folder to update; run where your data is "
            f"or point --data at it (the bundled data in {where.directory} is only updated "
            "with --data)", 2)


def _num(value: float) -> str:
    """A figure in full (not rounded for a table): 12.5, 1e-07, 24090."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)


def _figure(o) -> str:
    peer = f"{o.peer} " if getattr(o, "peer", None) else ""
    return f"{peer}{o.year} = {o.bound or ''}{_num(o.value)} ({o.source})"


def _tell(done) -> None:
    output.say(f"scorecard: {said(done.file, done.figures[0])}")


def said(file, figure) -> str:
    """One figure's fate: `indicators.yaml:40: fortune500 2021: replaced 9 → 10`."""
    where = f"{file}:{figure.line}: {figure.indicator}"
    old, new = figure.old, figure.new
    if figure.action == "unchanged":
        return f"{where} {_figure(new)} already; nothing to change"
    if figure.action == "removed":
        return f"{where} {_figure(old)}: removed"
    if figure.action == "replaced":
        moved = f"{_num(old.value)} → {_num(new.value)}" if old.value != new.value else f"{_num(new.value)}"
        src = f"; source {old.source!r} → {new.source!r}" if old.source != new.source else ""
        other = [k for k in ("relation", "quote", "note", "scored") if getattr(old, k) != getattr(new, k)]
        more = f"; {', '.join(other)} written" if other else ""
        return f"{where} {_figure(old).split(' = ')[0]}: replaced {moved}{src}{more}"
    return f"{where} {_figure(new)}: added"


def report_scope(done):
    """Before and after, cut to what the report shows: the indicator, and the shortfalls
    it measures with all their indicators (a shortfall's score is their mean). The
    rest of the data cannot move, so scoring it would only take time."""
    measured = set(done.after.indicators[done.indicator].shortfalls)
    members = {i.id for i in done.after.indicators_file.indicators if measured.intersection(i.shortfalls)}
    return done.before.scoring(members), done.after.scoring(members)


def _set_report(done, horizon, lang: str):
    from scorecard.score.compare import compare
    from scorecard.views import diff as view

    ind = (done.after if done.indicator in done.after.indicators else done.before).indicators[done.indicator]
    only = {("indicator", ind.id), *(("shortfall", s) for s in ind.shortfalls)}
    horizons = [horizon] if horizon else None
    if horizon is not None and horizon not in done.after.horizons:
        output.say(f"scorecard: horizon {horizon!r} is not defined in actions.yaml; showing all")
        horizons = None
    changes = compare(*report_scope(done), horizons, only, everything=True, ranked=False)
    new, old = done.new, done.old
    shown = new or old
    meta = {
        "file": str(done.file), "line": done.line, "action": done.action, "id": ind.id,
        "peer": getattr(shown, "peer", None), "year": shown.year, "value": new.value if new else None,
        "old_value": old.value if old else None, "source": new.source if new else None,
        "old_source": old.source if old else None,
        "relation": new.relation if new else None, "quote": new.quote if new else None,
        "peer_added": done.peer_added.id if done.peer_added else None,
        "source_added": done.source_added.id if done.source_added else None,
    }
    title = f"{ind.id} · {ind.name.get(lang)}: {_figure(shown)}" + (" (removed)" if new is None else "")
    return view.document(changes, lang, title=title, meta=meta)


def diff(
    base: Annotated[Optional[str], typer.Argument(
        metavar="[REV | PATH]",
        help="Another data folder, when one exists by that name; else a git revision of the same "
        "files (default HEAD). stderr says which.",
    )] = None,
    horizon: OneHorizon = None,
    data: DataOpt = None,
    scenario: ScenarioOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
    to: OutputOpt = None,
    columns: ColumnsOpt = None,
    limit: LimitOpt = None,
) -> None:
    """What changed in the scores since a git revision or against another data folder, and why.

    Lists the indicators, shortfalls, actions and horizons whose score, status or trend moved,
    with the reason: new data, a changed target, a changed mapping or a changed parameter.
    With --scenario, what the scenario moves against the data, and why.
    """
    from scorecard.edit import history
    from scorecard.findings import DataError
    from scorecard.score.compare import compare
    from scorecard.views import diff as view

    current = load(data)
    lang = language(current, lang)
    if scenario is not None:
        return _diff_scenario(current, scenario, base, horizon, fmt, lang, to, columns, limit)
    if current.location.origin == "bundled" and not (base is not None and Path(base).is_dir()):
        raise output.fail(
            "scorecard: the bundled data has no history to compare with; start your own copy with "
            "`scorecard init DIR` and commit it to git, or compare with another data folder: "
            "`scorecard diff FOLDER --data DIR`", 2)
    try:
        old, base = _base(base, current.location)
    except history.NoRevision as err:
        raise output.fail(f"scorecard: {err}", 2) from None
    except history.GitError as err:
        raise output.fail(f"scorecard: {err}") from None
    except DataError as err:
        raise output.fail(f"scorecard: the data in {base or 'HEAD'} has errors; nothing was compared",
                          found=err.findings) from None
    if horizon is not None:
        horizon = check_id("horizon", horizon, [h for h in current.horizons if h in old.horizons])
    changes = compare(old, current, [horizon] if horizon else None)
    shown = [horizon] if horizon else list(dict.fromkeys([*current.horizons, *old.horizons]))
    meta = {"base": base, "current": str(current.location.directory), "horizons": shown}
    title = f"{base} → {current.location.directory}"
    output.data(view.document(changes, lang, title=title, meta=meta), fmt.value,
                to=to, columns=columns, limit=limit)


def _diff_scenario(current, scenario, base, horizon, fmt, lang: str, to=None, columns=None, limit=None) -> None:
    """`diff --scenario FILE`: the data before, the data as the scenario describes it after."""
    from scorecard.cli.scenario import suppose
    from scorecard.score.compare import compare
    from scorecard.views import diff as view

    if base is not None:
        raise output.fail("scorecard: diff compares with REV | PATH or with --scenario, not both", 2)
    after = suppose(current, scenario)
    check_id("horizon", horizon, current.horizons)
    changes = compare(current, after, [horizon] if horizon else None)
    where = str(current.location.directory)
    meta = {"base": where, "current": str(scenario),
            "horizons": [horizon] if horizon else list(current.horizons)}
    doc = view.document(changes, lang, title=f"{where} → {scenario}", meta=meta, after=after)
    output.data(doc, fmt.value, to=to, columns=columns, limit=limit)
