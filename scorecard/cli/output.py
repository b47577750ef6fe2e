"""The only place that writes output: data to stdout or to a file (-o), diagnostics to stderr."""

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


def terminal() -> tuple[int, bool] | None:
    """The width of the terminal on stdout and whether to colour it; None in a pipe or a file."""
    if not _is_tty(sys.stdout):
        return None
    color = "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    return shutil.get_terminal_size().columns, color


def text(page: str) -> None:
    """A document already laid out (the report's page) on stdout, as `data` writes one."""
    _write(sys.stdout, page)


def data(doc, fmt: str, *, to: Path | None = None, columns: str | None = None,
         limit: int | None = None) -> None:
    """Print a view's document in `fmt`: fitted to the terminal, or plain and whole (nothing
    wrapped, cut or coloured) in a pipe or a file. `to` is the file of -o, `columns` the
    keys of --columns (exit 2 on an unknown one), `limit` the N of --limit."""
    from scorecard.render import document, render

    missing_when_not_finite(doc)
    if columns is not None:
        doc = document.choose(doc, _columns(doc, columns, fmt))
    if limit is not None:
        if not any(s.ranked for s in doc.sections):
            say(f"scorecard: note: --limit {limit}: nothing here is a ranking or a listing of items; "
                "every row is shown")
        doc = document.limit(doc, limit)
    to_file = to is not None and str(to) != "-"
    width, color = (None if to_file else terminal()) or (None, False)
    text = render(doc, fmt, width=width, color=color)
    if to_file:
        save(to, text.encode("utf-8", "backslashreplace"))
        say(f"scorecard: wrote {to}" + _suffix_note(to, fmt))
    else:
        _write(sys.stdout, text)


def _columns(doc, given: str, fmt: str) -> list[str]:
    """The keys --columns names, each one the document has; else exit 2, saying which it has."""
    from scorecard.findings import did_you_mean
    from scorecard.render.document import keys

    if fmt == "json":
        raise fail("scorecard: --columns chooses the columns of a table, CSV or Markdown; JSON keeps "
                   "every key (choose them with jq, e.g. jq '.indicators | map({id, score})' for gaps)", 2)
    wanted = list(dict.fromkeys(k for k in given.replace(",", " ").split()))
    known = keys(doc)
    if not wanted:
        raise fail(f"scorecard: --columns names no column; choose from: {', '.join(known)}", 2)
    for key in wanted:
        if key not in known:
            hint = did_you_mean(key, known) or f"choose from: {', '.join(known)}"
            raise fail(f"scorecard: unknown column {key!r} for --columns; {hint}", 2)
    return wanted


_SUFFIXES = {".csv": "csv", ".json": "json", ".md": "markdown", ".markdown": "markdown", ".txt": "table"}


def _suffix_note(path: Path, fmt: str) -> str:
    """A reminder when the file's name promises another format than the one written."""
    meant = _SUFFIXES.get(Path(path).suffix.lower())
    return f" ({fmt}; for {meant}, add -f {meant})" if meant and meant != fmt else ""


def save(path: Path, content: bytes) -> None:
    """Write `content` to `path` all at once (`edit.atomic.replace`): a reader, or a crash,
    sees the old file or the new one, never half of one."""
    from scorecard.edit.atomic import replace

    try:
        replace(path, content)
    except OSError as err:
        raise fail(f"scorecard: cannot write {path}: {err.strerror or err}; nothing was written") from None


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
