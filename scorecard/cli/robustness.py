"""`scorecard robustness`: how sure the ranking is, under the assumptions the data declares uncertain.

Only typer and the shared options at the top: `scorecard --help` and the other commands do
not pay for the analysis, which is imported when the command runs.
"""

from __future__ import annotations

import sys
import time
from typing import Annotated

import typer

from scorecard.cli.options import (ColumnsOpt, DataOpt, Format, FormatOpt, HorizonOpt, LangOpt, LimitOpt,
                                   OutputOpt)


class ProgressBar:
    """A progress bar on stderr, shown only when stderr is a terminal and the run has already
    taken `delay` seconds: a quick run, or one whose stderr is a pipe or a file, shows none."""

    def __init__(self, label: str, delay: float = 1.0, stream=None, clock=time.monotonic):
        self.label, self.delay, self.clock = label, delay, clock
        self.stream = stream if stream is not None else sys.stderr
        self.started = clock()
        self.bar = self.task = None
        try:
            self.terminal = bool(self.stream.isatty())
        except (AttributeError, ValueError):
            self.terminal = False

    def __call__(self, done: int, total: int) -> None:
        if not self.terminal:
            return
        if self.bar is None:
            if self.clock() - self.started < self.delay:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(file=self.stream), transient=True)
            self.task = self.bar.add_task(self.label, total=total)
            self.bar.start()
        self.bar.update(self.task, completed=done)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def robustness(
    horizon_id: HorizonOpt = None,
    draws: Annotated[int, typer.Option(
        "--draws", "-n", min=2, max=100_000,
        help="How many joint alternatives to draw; the sensitivity indices take draws × (k + 2) runs "
        "for k uncertain assumptions.")] = 1000,
    seed: Annotated[int, typer.Option(
        "--seed", min=0, help="Seed of the random draws: the same seed prints the same output.")] = 1,
    top: Annotated[int, typer.Option(
        "--top", "-k", min=1, help="Report how often each item is among this many largest gaps.")] = 3,
    data: DataOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
    to: OutputOpt = None,
    columns: ColumnsOpt = None,
    limit: LimitOpt = None,
) -> None:
    """How sure the ranking is: every assumption the data declares uncertain (method: vary) drawn
    jointly, everything re-scored, and which assumption moves the ranking most."""
    from scorecard.cli import output
    from scorecard.cli.common import horizon, language, load
    from scorecard.score.robustness import analyse
    from scorecard.views import robustness as view

    ds = load(data)
    lang, h = language(ds, lang), horizon(ds, horizon_id)
    with ProgressBar("robustness") as bar:
        result = analyse(ds, h, draws, seed, top, progress=bar)
    output.data(view.document(result, ds, lang), fmt.value, to=to, columns=columns, limit=limit)
