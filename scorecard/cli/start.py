"""`scorecard init [DIR]`, `scorecard new DIR` and `scorecard schema`: one's own copy of the data,
an empty dataset for a strategy of one's own, and the JSON Schema an editor completes them from
(registered in `cli.app`).

Only typer and the standard library at the top: the models are imported inside the
commands, so `scorecard --help` stays fast.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from scorecard.cli import output

Which = Enum("Which", {"indicators": "indicators", "actions": "actions"}, type=str)


def schema(
    which: Annotated[Which, typer.Argument(help="Which file's schema.")] = Which.indicators,
) -> None:
    """Print the JSON Schema (draft-07) of indicators.yaml or actions.yaml, for an editor.

    `scorecard init` writes both beside the data, and the first line of each data file points
    at its schema, so a YAML editor completes keys and flags typos as you type.
    """
    from scorecard.load import draft7
    from scorecard.render.document import Document

    output.data(Document({}, [], as_json=draft7.schema(which.value)), "json")


def init(
    folder: Annotated[Path, typer.Argument(
        metavar="[DIR]", file_okay=False, help="The folder to start in (made when missing). Default: here.",
    )] = Path("."),
) -> None:
    """Start your own copy of the data: the bundled indicators.yaml and actions.yaml, each with
    its JSON Schema beside it for an editor, in DIR. Nothing is overwritten."""
    from scorecard.load import draft7
    from scorecard.load.dataset import ACTIONS, INDICATORS, bundled_directory

    source = bundled_directory()
    files = {INDICATORS: "indicators", ACTIONS: "actions"}
    texts = {}
    for name, which in files.items():
        texts[name] = draft7.modeline(which) + "\n" + (source / name).read_text(encoding="utf-8")
        texts[draft7.file_name(which)] = draft7.text(which)
    step = _start(folder, texts)
    output.say(
        f"scorecard: wrote {INDICATORS} and {ACTIONS} (the bundled data: a copy to make your own) in "
        f"{folder}, with {draft7.file_name('indicators')} and {draft7.file_name('actions')} beside them "
        "for your editor\n"
        "Next:\n"
        f"{step}"
        "  git init && git add . && git commit -m 'data as published'   # so that diff has a base\n"
        "  scorecard gaps                                   # the data in the current folder is used\n"
        "  scorecard export --template csv > figures.csv   # fill in the new figures, then\n"
        "  scorecard import figures.csv                     # record them all at once\n"
        "  scorecard diff                                   # and see what moved since the commit")


def new(
    folder: Annotated[Path, typer.Argument(
        metavar="DIR", file_okay=False, help="The folder to start in (made when missing).")],
    subject: Annotated[Optional[str], typer.Option(
        "--subject", metavar="TEXT", help="The place or body the strategy is about, e.g. 'Ministry of "
        "Digital Affairs' (the same text in each language until you give it per language).")] = None,
    languages: Annotated[Optional[list[str]], typer.Option(
        "--language", metavar="LANG", help="A language the data is written in, as a short code (en, de, "
        "pt-BR); repeat for each, the first is the default. Default: en.")] = None,
    horizons: Annotated[Optional[list[str]], typer.Option(
        "--horizon", metavar="ID=YEAR", help="A planning horizon and the year its targets are for, e.g. "
        "h2030=2030; repeat for each, in order.")] = None,
) -> None:
    """Start an empty dataset for a strategy of your own: indicators.yaml and actions.yaml for the
    subject, languages and horizons given, every list empty with a commented example of each
    kind, and their JSON Schemas beside them. Nothing is overwritten.

    In a terminal, what is not given is asked for. Fill the data from spreadsheets with
    `scorecard export --template sheets sheets` and `scorecard import sheets`.
    """
    from scorecard import blank
    from scorecard.load import draft7
    from scorecard.load.dataset import ACTIONS, INDICATORS

    asking = _terminal()
    subject = _given(subject, asking, "--subject TEXT", "Subject (the place or body the strategy is about)",
                     None, _subject)
    languages = _given(" ".join(languages) if languages else None, asking, "--language LANG",
                       "Languages, as short codes separated by spaces (the first is the default)", "en",
                       _languages)
    horizons = _given(" ".join(horizons) if horizons else None, asking, "--horizon ID=YEAR",
                      "Horizons, as ID=YEAR separated by spaces, in order (e.g. h2026=2026 h2030=2030)", None,
                      _horizons)
    texts = {INDICATORS: blank.indicators(subject, languages, horizons),
             ACTIONS: blank.actions(languages, horizons),
             draft7.file_name("indicators"): draft7.text("indicators"),
             draft7.file_name("actions"): draft7.text("actions")}
    step = _start(folder, texts)
    listed = ", ".join(f"{h} ({year})" for h, year in horizons)
    output.say(
        f"scorecard: wrote an empty dataset for {subject} in {folder}: {INDICATORS} and {ACTIONS} (languages "
        f"{', '.join(languages)}; horizons {listed}), with {draft7.file_name('indicators')} and "
        f"{draft7.file_name('actions')} beside them for your editor\n"
        "Next:\n"
        f"{step}"
        "  scorecard export --template sheets sheets   # a CSV to fill for each kind: sources, peers,\n"
        "                                              # shortfalls, indicators, targets, horizons,\n"
        "                                              # programmes, actions, figures (or sheets.xlsx)\n"
        "  scorecard import sheets                     # every sheet in one update, or none\n"
        "  scorecard validate && scorecard gaps\n"
        "  git init && git add . && git commit -m 'the strategy as data'   # so that diff has a base")


def _terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _given(value: Optional[str], asking: bool, option: str, question: str, default: Optional[str], parse):
    """An option's value parsed; asked for in a terminal when not given (again until it parses),
    else its default, else exit 2 naming the option."""
    if value is not None:
        try:
            return parse(value)
        except ValueError as err:
            raise output.fail(f"scorecard: {option.split()[0]}: {err}", 2) from None
    if not asking:
        if default is not None:
            return parse(default)
        raise output.fail(f"scorecard: give {option} (or run in a terminal to be asked)", 2)
    while True:
        answer = typer.prompt(question, default=default, err=True)
        try:
            return parse(answer)
        except ValueError as err:
            output.say(f"scorecard: {err}")


_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(?:[_-][A-Za-z0-9]{1,8})*")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def _subject(text: str) -> str:
    from scorecard.edit import inputs

    try:
        return inputs.text(text, "subject")
    except inputs.BadInput as err:
        raise ValueError(str(err)) from None


def _languages(text: str) -> list[str]:
    codes = text.replace(",", " ").split()
    for code in codes:
        if not _LANGUAGE.fullmatch(code):
            raise ValueError(f"{code!r} is not a language code; write a short code such as en, de or pt-BR")
    folded = [c.casefold() for c in codes]
    twice = next((c for k, c in enumerate(codes) if c.casefold() in folded[:k]), None)
    if twice or not codes:
        raise ValueError(f"the language {twice!r} is given twice" if twice else "give at least one language")
    return codes


def _horizons(text: str) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for part in text.replace(",", " ").split():
        ident, _, year = part.partition("=")
        if not _ID.fullmatch(ident):
            raise ValueError(f"{ident!r} cannot be a horizon id: use letters, digits, '-', '_' and '.', "
                             "starting with a letter or digit (e.g. h2030=2030)")
        if not year.isdigit() or not 2000 <= int(year) <= 2100:
            raise ValueError(f"{part!r}: give the horizon's year, between 2000 and 2100, after '=' (e.g. "
                             f"{ident}=2030)")
        if ident.casefold() in (h.casefold() for h, _ in found):
            raise ValueError(f"the horizon {ident!r} is given twice")
        found.append((ident, int(year)))
    if not found:
        raise ValueError("give at least one horizon, as ID=YEAR")
    return found


def _start(folder: Path, texts: dict[str, str]) -> str:
    """The files written into `folder` (made when missing), none over one already there; the
    step that goes into the folder, for the next steps printed after."""
    there = [name for name in texts if (folder / name).exists() or (folder / name).is_symlink()]
    if there:
        raise output.fail(f"scorecard: {folder} already has {', '.join(there)}; nothing was written "
                          "(give another folder, or move those away first)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_new(folder, texts)
    except OSError as err:
        raise output.fail(f"scorecard: cannot write in {folder}: {err.strerror or err}; nothing was written") \
            from None
    return "" if folder.resolve() == Path.cwd().resolve() else f"  cd {_shell(folder)}\n"


def _write_new(folder: Path, texts: dict[str, str]) -> None:
    """Each file created anew (never through a link or over a file made meanwhile); on a
    failure, the ones already written are taken back."""
    made: list[Path] = []
    try:
        for name, body in texts.items():
            path = folder / name
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
            made.append(path)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                out.write(body)
    except BaseException:
        for path in made:
            with contextlib.suppress(OSError):
                path.unlink()
        raise


def _shell(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
