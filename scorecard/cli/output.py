"""The only place that writes to the terminal: data to stdout, diagnostics to stderr."""

from __future__ import annotations

import os
import shutil
import sys

import typer


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

    tty = _is_tty(sys.stdout)
    color = tty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    # In a pipe nothing is wrapped or cut: the table is as wide as its content.
    width = shutil.get_terminal_size().columns if tty else 1000
    _write(sys.stdout, render(doc, fmt, width=width, color=color))


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


def fail(message: str, code: int = 1, found=()) -> typer.Exit:
    """Say the findings, then the verdict; the caller raises the returned exit."""
    findings(found)
    say(message)
    return typer.Exit(code)
