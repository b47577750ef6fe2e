"""`scorecard init [DIR]` and `scorecard schema`: one's own copy of the data, and the JSON Schema
an editor completes it from (registered in `cli.app`).

Only typer and the standard library at the top: the models are imported inside the
commands, so `scorecard --help` stays fast.
"""

from __future__ import annotations

import contextlib
import os
from enum import Enum
from pathlib import Path
from typing import Annotated

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
    here = folder.resolve() == Path.cwd().resolve()
    step = "" if here else f"  cd {_shell(folder)}\n"
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
