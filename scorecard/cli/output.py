"""The only place that writes to the terminal: data to stdout, diagnostics to stderr."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path


def _is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _write(stream, text: str) -> None:
    """UTF-8 into pipes and files (the contract for CSV and JSON); the terminal's own
    encoding on a terminal, with unencodable characters replaced rather than crashing."""
    if stream is None:  # started with the descriptor closed (`scorecard gaps >&-`)
        return
    buffer = getattr(stream, "buffer", None)
    if buffer is not None and not _is_tty(stream):
        stream.flush()
        buffer.write(text.encode("utf-8", "backslashreplace"))
        buffer.flush()
        return
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, "replace").decode(encoding))
    stream.flush()


def data(doc, fmt: str) -> None:
    from scorecard.render import render

    missing_when_not_finite(doc)
    tty = _is_tty(sys.stdout)
    color = tty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    # In a pipe nothing is wrapped or cut: the table is as wide as its content.
    width = shutil.get_terminal_size().columns if tty else 1000
    _write(sys.stdout, render(doc, fmt, width=width, color=color))


def missing_when_not_finite(doc) -> None:
    """A figure that is not finite (a ratio to a value near 0, an overflow) prints as
    missing in every format: JSON has no infinity, so tables and CSV do not show one
    either. Rows are changed in place, before any renderer sees them."""
    for section in doc.sections:
        for row in section.rows:
            for key, value in row.items():
                if value.__class__ is float and value - value != 0:  # inf - inf and nan are nan
                    row[key] = None
                elif value.__class__ is list and any(v.__class__ is float and v - v != 0 for v in value):
                    row[key] = [None if v.__class__ is float and v - v != 0 else v for v in value]


def say(message: str) -> None:
    """A diagnostic line on stderr. Findings quote the user's text, so control
    characters in it are shown as escapes, never sent to the terminal."""
    from scorecard.render.clean import visible

    try:
        _write(sys.stderr, visible(message.rstrip("\n"), keep="\n") + "\n")
    except BrokenPipeError:
        pass  # nobody is reading stderr; the exit code still tells


def silence() -> None:
    """After a broken pipe: point stdout at /dev/null so the interpreter's last
    flush cannot fail again with 'Exception ignored … BrokenPipeError'."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def findings(found) -> None:
    """Each finding on its own line of stderr: `file:line:col: severity[code]: …`."""
    for finding in found:
        say(finding.as_text())


def fail(message: str, code: int = 1, found=()):
    """Say the findings, then the verdict; the caller raises the returned `typer.Exit`."""
    import typer

    findings(found)
    say(message)
    return typer.Exit(code)


# Ctrl-C. ---------------------------------------------------------------------------------

INTERRUPTED = 130  # 128 + SIGINT, as shells report it


class Interrupted(BaseException):
    """Ctrl-C, raised where the program stands. Not a KeyboardInterrupt, which Click
    would turn into 'Aborted!' and exit 1; a BaseException, so that `finally` and
    `except BaseException` clean up (a temporary file, a lock) on the way out."""


def _raise(signum, frame):
    raise Interrupted


def _quit(signum, frame):
    os.write(2, b"scorecard: interrupted\n")
    os._exit(INTERRUPTED)


def quit_on_interrupt_while_loading() -> None:
    """When this process is the `scorecard` command, a Ctrl-C before `main()` runs
    (while Typer, Rich and pydantic load) ends at once with one line. There is
    nothing to clean up yet; inside `main()`, `interruptible` takes over."""
    program = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    if program.name == "scorecard" or (program.name == "__main__.py" and program.parent.name == "scorecard"):
        with contextlib.suppress(ValueError):  # not the main thread
            signal.signal(signal.SIGINT, _quit)


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Ctrl-C raises `Interrupted` while the block runs; the old handler comes back after."""
    try:
        previous = signal.signal(signal.SIGINT, _raise)
    except ValueError:  # not the main thread: nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
